//! Helpers of the wire tests: the documented example bodies of the spec, and signature checks of
//! requests recorded by [`crate::server`], by our signer's pure functions and by the official
//! Python signer.

use std::time::Duration;

use huaweicloud_sdk_runtime::signer;

use crate::server::Request;

/// The first documented example body of `operation`'s `status` response, from `spec/`; panics
/// when the response has none.
pub fn documented_example(operation: &str, status: u16) -> String {
    documented_example_opt(operation, status).unwrap_or_else(|| panic!("{operation} {status}: no example"))
}

/// The first documented example body of `operation`'s `status` response, from `spec/`, or `None`
/// when the response has no example; panics when the spec has no such operation or status.
pub fn documented_example_opt(operation: &str, status: u16) -> Option<String> {
    let api = codegen::lower::lower(&crate::load("spec")).unwrap_or_else(|d| panic!("spec/ does not load:\n{d}"));
    let op = api
        .services
        .iter()
        .flat_map(|s| &s.versions)
        .flat_map(|v| &v.operations)
        .find(|o| o.wire_name == operation)
        .unwrap_or_else(|| panic!("no operation {operation} in spec/"));
    let response =
        op.responses.iter().find(|r| r.status == status).unwrap_or_else(|| panic!("{operation}: no {status}"));
    response.examples.first().map(|example| example.json.clone())
}

/// The `Authorization` header's parts: access key, signed header names, signature.
fn authorization(req: &Request) -> (String, String, String) {
    let auth = req.header("Authorization").unwrap_or_else(|| panic!("no Authorization header: {req:#?}"));
    let rest = auth.strip_prefix("SDK-HMAC-SHA256 ").unwrap_or_else(|| panic!("not SDK-HMAC-SHA256: {auth}"));
    let part = |name: &str| {
        rest.split(", ").find_map(|p| p.strip_prefix(name)).unwrap_or_else(|| panic!("no {name} in {auth}")).to_owned()
    };
    (part("Access="), part("SignedHeaders="), part("Signature="))
}

/// The query string as decoded `(key, value)` pairs.
pub fn query_pairs(req: &Request) -> Vec<(String, String)> {
    signer::parse_query(req.query.as_deref().unwrap_or(""))
}

/// The headers named in `SignedHeaders`, as received.
fn signed_header_values(req: &Request, names: &str) -> Vec<(String, String)> {
    names
        .split(';')
        .map(|n| {
            let v = req.header(n).unwrap_or_else(|| panic!("signed header {n} was not sent: {req:#?}"));
            (n.to_owned(), v.to_owned())
        })
        .collect()
}

/// Recomputes the signature of a received request the way a server does, from what was received
/// and the secret key, and panics unless it matches; returns the signed header names.
pub fn verify_signature(req: &Request, sk: &str) -> String {
    check_signature(req, sk).unwrap_or_else(|e| panic!("{e}"))
}

/// [`verify_signature`] without panicking: the signed header names, or what is wrong.
pub fn check_signature(req: &Request, sk: &str) -> Result<String, String> {
    let auth = req.header("Authorization").ok_or("no Authorization header")?;
    let rest = auth.strip_prefix("SDK-HMAC-SHA256 ").ok_or_else(|| format!("not SDK-HMAC-SHA256: {auth}"))?;
    let part = |name: &str| {
        rest.split(", ")
            .find_map(|p| p.strip_prefix(name))
            .map(str::to_owned)
            .ok_or_else(|| format!("no {name} in {auth}"))
    };
    let (access, names) = (part("Access=")?, part("SignedHeaders=")?);
    signer::verify(&req.method, &req.path, &query_pairs(req), &req.headers, &req.body, &access, sk)?;
    Ok(names)
}

/// Signs each received request again with the official Python SDK's signer (the same method,
/// host, path, query, signed headers and body) and panics unless its `Authorization` header is
/// the one received.
pub fn verify_with_official_signer(requests: &[Request], ak: &str, sk: &str) {
    for (req, verdict) in requests.iter().zip(official_signer_verdicts(requests, ak, sk)) {
        if let Err(e) = verdict {
            panic!("{e} ({} {}?{:?})", req.method, req.path, req.query);
        }
    }
}

/// [`verify_with_official_signer`] without panicking on a disagreement: one verdict per request, in
/// order (it still panics when the signer cannot be run at all).
pub fn official_signer_verdicts(requests: &[Request], ak: &str, sk: &str) -> Vec<Result<(), String>> {
    let lines: Vec<String> = requests
        .iter()
        .map(|req| {
            let (_, names, _) = authorization(req);
            let headers: Vec<(String, String)> =
                signed_header_values(req, &names).into_iter().filter(|(n, _)| n != "host").collect();
            let host = req.header("Host").unwrap_or_default();
            serde_json::json!({
                "method": req.method,
                "scheme": "http",
                "host": host,
                "path": req.path,
                "query": query_pairs(req),
                "headers": headers,
                "body_b64": crate::oracle::base64(&req.body),
                "ak": ak,
                "sk": sk,
            })
            .to_string()
        })
        .collect();
    let out = crate::oracle::run("sign.py", &lines, Duration::from_secs(60));
    assert_eq!(out.len(), requests.len(), "one answer per request: {out:?}");
    requests
        .iter()
        .zip(out)
        .map(|(req, line)| {
            let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("{e}: {line}"))?;
            if v["authorization"].as_str() == req.header("Authorization") {
                Ok(())
            } else {
                Err(format!("the official signer disagrees: {line}"))
            }
        })
        .collect()
}
