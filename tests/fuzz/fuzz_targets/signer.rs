//! The signer: arbitrary methods, paths, queries, headers and bodies are signed without a panic,
//! and a verifier that rebuilds the canonical request from what goes on the wire (the
//! `Authorization` and `X-Sdk-Date` headers, the other headers and the query string sent) accepts
//! the signature, for both algorithms (as `tests/tests/it/fuzz.rs`,
//! `signatures_verify_from_what_goes_on_the_wire`, which covers `SDK-HMAC-SHA256` only).
//!
//! Input: an [`Input`] built by `arbitrary` from the bytes (`cargo fuzz fmt signer FILE` prints
//! one). Header names and values are mapped into what an HTTP request can carry: a non-empty
//! token, and printable ASCII or tab.
#![no_main]

use arbitrary::Arbitrary;
use huaweicloud_sdk::runtime::signer;
use libfuzzer_sys::fuzz_target;

const AK: &str = "AKFUZZ";
const SK: &str = "SKFUZZ";
const NOW: &str = "20240102T030405Z";

#[derive(Debug, Arbitrary)]
struct Input {
    method: Method,
    segments: Vec<String>,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    /// `Some((region, service))`: the derived-key variant `V11-HMAC-SHA256`.
    derived: Option<(String, String)>,
    /// The `Content-Type` header, `application/json` when `None` (as the client always sends
    /// one); others than JSON and BSON leave the body unsigned.
    content_type: Option<String>,
    body: Vec<u8>,
}

#[derive(Debug, Clone, Copy, Arbitrary)]
enum Method {
    Get,
    Post,
    Put,
    Delete,
    Patch,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
        }
    }
}

/// A header name: the token characters of `raw` (RFC 9110 `tchar`), `X` when none.
fn header_name(raw: &str) -> String {
    let kept: String = raw.chars().filter(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(*c)).collect();
    if kept.is_empty() { "X".to_owned() } else { kept }
}

/// A header value: the printable ASCII characters and tabs of `raw`.
fn header_value(raw: &str) -> String {
    raw.chars().filter(|c| matches!(c, ' '..='~' | '\t')).collect()
}

/// A region or service name: lower-case letters, digits and `-` (as configured endpoints are).
fn scope_part(raw: &str) -> String {
    raw.chars().filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-').collect()
}

fuzz_target!(|input: Input| {
    let method = input.method.as_str();
    let path = format!("/{}", input.segments.iter().map(|s| signer::encode(s)).collect::<Vec<_>>().join("/"));
    let content_type = input.content_type.as_deref().map_or_else(|| "application/json".to_owned(), header_value);
    let mut all_headers = vec![("Content-Type".to_owned(), content_type)];
    all_headers.extend(input.headers.iter().map(|(k, v)| (header_name(k), header_value(v))));
    let req = signer::Request {
        method,
        host: "svc.example:443",
        path: &path,
        query: &input.query,
        headers: &all_headers,
        body: &input.body,
    };
    let derived = input.derived.as_ref().map(|(r, s)| (scope_part(r), scope_part(s)));
    let signed = match &derived {
        None => signer::sign(&req, AK, SK, NOW),
        Some((region, service)) => signer::sign_derived(&req, AK, SK, NOW, region, service),
    };

    // Verify as a server does, from what is sent: the Authorization header (algorithm, signed
    // header names, scope, signature), the values of the named headers, the date header and the
    // query string.
    let header = |n: &str| signed.headers.iter().rev().find(|(k, _)| k.eq_ignore_ascii_case(n)).map(|(_, v)| v.clone());
    let auth = header("Authorization").expect("signed");
    let date = header(signer::DATE_HEADER).expect("dated");
    match &derived {
        None => assert!(auth.starts_with(&format!("{} Access={AK}, ", signer::ALGORITHM)), "{auth}"),
        Some((region, service)) => {
            let scope = format!("{}/{region}/{service}", date.get(..8).unwrap_or(&date));
            assert!(auth.starts_with(&format!("{} Credential={AK}/{scope}, ", signer::DERIVED_ALGORITHM)), "{auth}");
        }
    }
    let wire_query = signer::parse_query(&signed.query);
    let verdict = signer::verify(method, &path, &wire_query, &signed.headers, &input.body, AK, SK);
    assert_eq!(verdict, Ok(()), "canonical request signed:\n{}", signed.canonical_request);
});
