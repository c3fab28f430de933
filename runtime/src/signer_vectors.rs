//! The worked cases of the official signer (huaweicloudsdkcore 3.1.219), transcribed from
//! `reference/signing-vectors.txt`: canonical request, signature and wire query, case by case.
//! Case 7 is the derived-key `V11-HMAC-SHA256` variant.

use crate::signer::{self, Request};

const AK: &str = "AKTESTEXAMPLE";
const SK: &str = "SKTESTEXAMPLESECRET";

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

struct Case {
    method: &'static str,
    host: &'static str,
    path: &'static str,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: &'static [u8],
    canonical: &'static str,
    authorization: &'static str,
    wire_query: &'static str,
}

fn check(c: &Case) {
    let req =
        Request { method: c.method, host: c.host, path: c.path, query: &c.query, headers: &c.headers, body: c.body };
    let signed = signer::sign(&req, AK, SK, "19700101T000000Z");
    assert_eq!(signed.canonical_request, c.canonical);
    let auth = signed.headers.iter().find(|(k, _)| k == "Authorization").map(|(_, v)| v.as_str());
    assert_eq!(auth, Some(c.authorization));
    assert_eq!(signed.query, c.wire_query);
    // A server rebuilding the request from the wire accepts it.
    let received = signer::parse_query(&signed.query);
    assert_eq!(signer::verify(c.method, c.path, &received, &signed.headers, c.body, AK, SK), Ok(()));
    // Another path is another request (the body may be unsigned: UNSIGNED-PAYLOAD).
    let other = format!("{}/other", c.path);
    assert!(signer::verify(c.method, &other, &received, &signed.headers, c.body, AK, SK).is_err());
}

#[test]
fn case_1_get_with_list_bool_int_and_reserved_characters() {
    check(&Case {
        method: "GET",
        host: "ddm.cn-north-4.myhuaweicloud.com",
        path: "/v1/proj-1/instances",
        query: pairs(&[
            ("name", "a b/c+d*~é"),
            ("tags", "zeta"),
            ("tags", "alpha 1"),
            ("enabled", "true"),
            ("limit", "20"),
            ("Offset", "0"),
            ("empty", ""),
        ]),
        headers: pairs(&[("Content-Type", "application/json"), ("X-Sdk-Date", "20240102T030405Z")]),
        body: b"",
        canonical: "GET\n/v1/proj-1/instances/\nOffset=0&empty=&enabled=true&limit=20&name=a%20b%2Fc%2Bd%2A~%C3%A9&tags=alpha%201&tags=zeta\ncontent-type:application/json\nhost:ddm.cn-north-4.myhuaweicloud.com\nx-sdk-date:20240102T030405Z\n\ncontent-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        authorization: "SDK-HMAC-SHA256 Access=AKTESTEXAMPLE, SignedHeaders=content-type;host;x-sdk-date, Signature=e92c102cb1724ac0b0299d1ca382db82568333d00526fa3ea9fa8b317879b6cc",
        wire_query: "Offset=0&empty=&enabled=true&limit=20&name=a%20b%2Fc%2Bd%2A~%C3%A9&tags=alpha%201&tags=zeta",
    });
}

#[test]
fn case_2_post_with_json_body() {
    check(&Case {
        method: "POST",
        host: "dws.cn-north-4.myhuaweicloud.com",
        path: "/v1/proj-1/clusters/c-1/db-manager/om-user/action",
        query: vec![],
        headers: pairs(&[
            ("Content-Type", "application/json;charset=UTF-8"),
            ("X-Sdk-Date", "20240102T030405Z"),
            ("X-Project-Id", "proj-1"),
            ("User-Agent", "huaweicloud-usdk-python/3.0; test"),
        ]),
        body: br#"{"operation": "addOmUser"}"#,
        canonical: "POST\n/v1/proj-1/clusters/c-1/db-manager/om-user/action/\n\ncontent-type:application/json;charset=UTF-8\nhost:dws.cn-north-4.myhuaweicloud.com\nuser-agent:huaweicloud-usdk-python/3.0; test\nx-project-id:proj-1\nx-sdk-date:20240102T030405Z\n\ncontent-type;host;user-agent;x-project-id;x-sdk-date\n5a9a5e7b833269980c371be509d81f20e56fc62c4cf0cfbdb4555de9bbf4efd5",
        authorization: "SDK-HMAC-SHA256 Access=AKTESTEXAMPLE, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=5a9729b3dd4c8ebbd1e5579621eb2ac1e067d83cac56c5a189a12a6da1ae6900",
        wire_query: "",
    });
}

#[test]
fn case_3_path_with_encoded_characters() {
    check(&Case {
        method: "DELETE",
        host: "ddm.cn-north-4.myhuaweicloud.com",
        path: "/v1/proj-1/instances/inst-1/users/us%C3%A9r%20name%2Bx~y",
        query: vec![],
        headers: pairs(&[("Content-Type", "application/json"), ("X-Sdk-Date", "20240102T030405Z")]),
        body: b"",
        canonical: "DELETE\n/v1/proj-1/instances/inst-1/users/us%C3%A9r%20name%2Bx~y/\n\ncontent-type:application/json\nhost:ddm.cn-north-4.myhuaweicloud.com\nx-sdk-date:20240102T030405Z\n\ncontent-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        authorization: "SDK-HMAC-SHA256 Access=AKTESTEXAMPLE, SignedHeaders=content-type;host;x-sdk-date, Signature=6fea63534a8a4555956b1e7e223b44437197ece767bedbb5f21347fe3071f94b",
        wire_query: "",
    });
}

#[test]
fn case_4_underscore_header_unsigned_padded_value_trimmed() {
    check(&Case {
        method: "GET",
        host: "127.0.0.1:8080",
        path: "/v3/proj-1/instances/inst-1/users/",
        query: pairs(&[("offset", "0"), ("limit", "10")]),
        headers: pairs(&[
            ("Content-Type", "application/json"),
            ("X-Sdk-Date", "20240102T030405Z"),
            ("X_Custom_Underscore", "not-signed"),
            ("X-Custom-Dash", "  padded value  "),
            ("x-lower", "Lower"),
        ]),
        body: b"",
        canonical: "GET\n/v3/proj-1/instances/inst-1/users/\nlimit=10&offset=0\ncontent-type:application/json\nhost:127.0.0.1:8080\nx-custom-dash:padded value\nx-lower:Lower\nx-sdk-date:20240102T030405Z\n\ncontent-type;host;x-custom-dash;x-lower;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        authorization: "SDK-HMAC-SHA256 Access=AKTESTEXAMPLE, SignedHeaders=content-type;host;x-custom-dash;x-lower;x-sdk-date, Signature=b29f3b97438a72b2fbc0e4e0a0418c04631a4a3c0238255dbf3aa60060cfd037",
        wire_query: "limit=10&offset=0",
    });
}

#[test]
fn case_5_caller_date_in_lower_case_and_security_token() {
    check(&Case {
        method: "PUT",
        host: "ddm.cn-north-4.myhuaweicloud.com",
        path: "/v1/proj-1/instances/inst-1/users/user1",
        query: vec![],
        headers: pairs(&[
            ("Content-Type", "application/json;charset=UTF-8"),
            ("x-sdk-date", "20231231T235959Z"),
            ("X-Security-Token", "tok+/="),
            ("X-Project-Id", "proj-1"),
        ]),
        body: "{\"user\": {\"description\": \"déscription\", \"base_authority\": [\"SELECT\"]}}".as_bytes(),
        canonical: "PUT\n/v1/proj-1/instances/inst-1/users/user1/\n\ncontent-type:application/json;charset=UTF-8\nhost:ddm.cn-north-4.myhuaweicloud.com\nx-project-id:proj-1\nx-sdk-date:20231231T235959Z\nx-security-token:tok+/=\n\ncontent-type;host;x-project-id;x-sdk-date;x-security-token\nf428517f1d8508bc163ef27f75125b1e5edc2ae08a84c135bb50d898d3c5ab83",
        authorization: "SDK-HMAC-SHA256 Access=AKTESTEXAMPLE, SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, Signature=1799fd9e755478225422adce9e3697758172b3a88c7caa302271183efe0c9771",
        wire_query: "",
    });
}

#[test]
fn case_6_non_json_body_is_unsigned_payload() {
    check(&Case {
        method: "POST",
        host: "dws.cn-north-4.myhuaweicloud.com",
        path: "/v1/proj-1/upload",
        query: pairs(&[("a", "1"), ("A", "2")]),
        headers: pairs(&[("Content-Type", "application/octet-stream"), ("X-Sdk-Date", "20240102T030405Z")]),
        body: b"\x00\x01binary-data",
        canonical: "POST\n/v1/proj-1/upload/\nA=2&a=1\ncontent-type:application/octet-stream\nhost:dws.cn-north-4.myhuaweicloud.com\nx-sdk-content-sha256:UNSIGNED-PAYLOAD\nx-sdk-date:20240102T030405Z\n\ncontent-type;host;x-sdk-content-sha256;x-sdk-date\nUNSIGNED-PAYLOAD",
        authorization: "SDK-HMAC-SHA256 Access=AKTESTEXAMPLE, SignedHeaders=content-type;host;x-sdk-content-sha256;x-sdk-date, Signature=e01a646bcbf1c4ee52a8b5d1f35d9fb15d68235a755f434e763a577bcfe335a2",
        wire_query: "A=2&a=1",
    });
}

#[test]
fn string_to_sign_and_signature_match_case_1() {
    let sts = signer::string_to_sign(
        signer::ALGORITHM,
        "20240102T030405Z",
        None,
        "GET\n/v1/proj-1/instances/\nOffset=0&empty=&enabled=true&limit=20&name=a%20b%2Fc%2Bd%2A~%C3%A9&tags=alpha%201&tags=zeta\ncontent-type:application/json\nhost:ddm.cn-north-4.myhuaweicloud.com\nx-sdk-date:20240102T030405Z\n\ncontent-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    assert_eq!(
        sts,
        "SDK-HMAC-SHA256\n20240102T030405Z\n735cf39a695dcf2b0e0b3c912e49acd42ba52c8f6456a6f49f77c4e538f2d434"
    );
    assert_eq!(signer::signature(SK, &sts), "e92c102cb1724ac0b0299d1ca382db82568333d00526fa3ea9fa8b317879b6cc");
}

#[test]
fn case_7_derived_key_variant() {
    assert_eq!(
        signer::derived_key(AK, SK, "20240102/cn-north-4/DWS"),
        "3eba2e43eaf01b664995899740bbabf12e0447d4488800e14f9914947de36752"
    );
    let headers = pairs(&[
        ("Content-Type", "application/json;charset=UTF-8"),
        ("X-Sdk-Date", "20240102T030405Z"),
        ("X-Project-Id", "proj-1"),
        ("User-Agent", "huaweicloud-usdk-python/3.0; test"),
    ]);
    let req = Request {
        method: "POST",
        host: "dws.cn-north-4.myhuaweicloud.com",
        path: "/v1/proj-1/clusters/c-1/db-manager/om-user/action",
        query: &[],
        headers: &headers,
        body: br#"{"operation": "addOmUser"}"#,
    };
    let signed = signer::sign_derived(&req, AK, SK, "19700101T000000Z", "cn-north-4", "DWS");
    let sts = signer::string_to_sign(
        signer::DERIVED_ALGORITHM,
        "20240102T030405Z",
        Some("20240102/cn-north-4/DWS"),
        &signed.canonical_request,
    );
    assert_eq!(
        sts,
        "V11-HMAC-SHA256\n20240102T030405Z\n20240102/cn-north-4/DWS\n\
         55db5e83c3e55179a4b8606f396fdab0ebb22aa81c84c58375a9c1405f4cf23f"
    );
    assert_eq!(
        signer::signature("3eba2e43eaf01b664995899740bbabf12e0447d4488800e14f9914947de36752", &sts),
        "8f01a80c6c79d94c064c27a47305480f64f2ce8acd068142573dd255b7d79237"
    );
    let auth = signed.headers.iter().find(|(k, _)| k == "Authorization").map(|(_, v)| v.as_str());
    assert_eq!(
        auth,
        Some(
            "V11-HMAC-SHA256 Credential=AKTESTEXAMPLE/20240102/cn-north-4/DWS, \
             SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, \
             Signature=8f01a80c6c79d94c064c27a47305480f64f2ce8acd068142573dd255b7d79237"
        )
    );
    // The canonical request is the one of case 2.
    assert!(signed.canonical_request.ends_with("5a9a5e7b833269980c371be509d81f20e56fc62c4cf0cfbdb4555de9bbf4efd5"));
    let body = br#"{"operation": "addOmUser"}"#;
    assert_eq!(signer::verify("POST", req.path, &[], &signed.headers, body, AK, SK), Ok(()));
    let wrong = signer::verify("POST", req.path, &[], &signed.headers, body, AK, "another secret");
    assert!(wrong.is_err_and(|e| e.contains("signature does not match")));
}

#[test]
fn verify_reads_the_unsigned_payload_header_as_the_signer_writes_it() {
    let headers = pairs(&[("Content-Type", "application/octet-stream"), ("X-Sdk-Date", "20240102T030405Z")]);
    for body in [&b""[..], b"\x00binary"] {
        let req = Request { method: "PUT", host: "h", path: "/v1/x", query: &[], headers: &headers, body };
        let signed = signer::sign(&req, AK, SK, "19700101T000000Z");
        assert_eq!(signer::verify("PUT", "/v1/x", &[], &signed.headers, body, AK, SK), Ok(()), "{body:?}");
    }
}
