//! The SDK-HMAC-SHA256 request signer of Huawei Cloud, as pure functions.
//!
//! Each step of the algorithm is its own function so that it can be tested against the official
//! signer's worked examples: the canonical URI, query and request, the string to sign and the
//! signature (private steps, checked against the vectors in `signer_vectors.rs`); [`sign`] runs
//! them all for one request, and [`verify`] checks a received one. The query string a client
//! sends must be exactly [`Signed::query`].

use std::borrow::Cow;

use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};

/// The algorithm name in the string to sign and the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// The algorithm name of the derived-key variant ([`sign_derived`]).
pub const DERIVED_ALGORITHM: &str = "V11-HMAC-SHA256";
/// The header carrying the signing time, `YYYYMMDDTHHMMSSZ`.
pub const DATE_HEADER: &str = "X-Sdk-Date";
/// The header that marks a body as not part of the signature.
pub const CONTENT_SHA256_HEADER: &str = "X-Sdk-Content-Sha256";
/// The payload hash of bodies that are not signed.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// Everything except `A-Z a-z 0-9 - _ . ~` is percent-encoded.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// The bytes [`UNRESERVED`] keeps, by value: one load per byte.
const KEPT: [bool; 256] = {
    let mut kept = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        kept[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~');
        b += 1;
    }
    kept
};

/// Percent-encodes `s` keeping only unreserved characters (space is `%20`, never `+`).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    encode_into(&mut out, s);
    out
}

/// Appends `s` percent-encoded as [`encode`] does, without a string of its own: signing a call
/// writes every part of its canonical request into one buffer.
pub(crate) fn encode_into(out: &mut String, s: &str) {
    // Most names, values and path segments need no encoding: copied at once.
    if s.bytes().all(|b| KEPT[usize::from(b)]) {
        out.push_str(s);
        return;
    }
    for chunk in utf8_percent_encode(s, UNRESERVED) {
        out.push_str(chunk);
    }
}

/// Appends the canonical URI: the path percent-decoded, split on `/`, each segment re-encoded,
/// joined, with a trailing `/`. An encoded `/` in a segment therefore becomes a separator, as the
/// official signer and the server do.
fn canonical_uri_into(out: &mut String, path: &str) {
    // A path without `%` decodes to itself: most calls' paths, which then skip the decoder's copy
    // and its UTF-8 check.
    let decoded = if path.as_bytes().contains(&b'%') {
        percent_decode_str(path).decode_utf8_lossy()
    } else {
        Cow::Borrowed(path)
    };
    let start = out.len();
    for (i, segment) in decoded.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        encode_into(out, segment);
    }
    if !out[start..].ends_with('/') {
        out.push('/');
    }
}

/// The canonical query string from raw `(key, value)` pairs (one pair per list element): sorted by
/// key, then value, in byte order; both encoded with [`encode`]; joined with `&`.
pub(crate) fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    // Pairs that compare equal are equal: the unstable sort gives the same text.
    sorted.sort_unstable();
    let mut out = String::with_capacity(pairs.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    for (i, (k, v)) in sorted.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_into(&mut out, k);
        out.push('=');
        encode_into(&mut out, v);
    }
    out
}

/// The `(key, value)` pairs of a query string as it arrives on the wire: split on `&`, each pair
/// at its first `=` (a key alone has an empty value), both percent-decoded (invalid UTF-8
/// replaced). What a server verifying a signature feeds back into the canonical query.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Lower-case hex SHA-256 of the empty string, the payload hash of requests without a body.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Lower-case hex SHA-256.
pub fn sha256_hex(data: &[u8]) -> String {
    if data.is_empty() {
        return EMPTY_SHA256.to_owned();
    }
    hex_str(&sha256_hex_bytes(data)).to_owned()
}

/// Lower-case hex SHA-256 in a buffer of its own, for a hash that only passes through.
fn sha256_hex_bytes(data: &[u8]) -> [u8; 64] {
    hex32(&Sha256::digest(data).into())
}

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Lower-case hex of a 32-byte hash, MAC or key (every one the signer writes), by table:
/// formatting each byte with `write!` was a fifth of a call's signing time.
fn hex32(bytes: &[u8; 32]) -> [u8; 64] {
    let mut out = [0u8; 64];
    for (pair, b) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = HEX_DIGITS[usize::from(b >> 4)];
        pair[1] = HEX_DIGITS[usize::from(b & 0x0f)];
    }
    out
}

/// The text of [`hex32`]'s digits (always ASCII).
fn hex_str(hex: &[u8; 64]) -> &str {
    std::str::from_utf8(hex).unwrap_or_default()
}

/// The headers to sign: names without `_`, trimmed and lower-cased (borrowed when already lower
/// case), sorted; values trimmed.
fn signed_headers(headers: &[(String, String)]) -> Vec<(Cow<'_, str>, &str)> {
    let mut out: Vec<(Cow<'_, str>, &str)> = headers
        .iter()
        .filter(|(k, _)| !k.as_bytes().contains(&b'_'))
        .map(|(k, v)| {
            let k = trim(k);
            let name = if k.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(k.to_ascii_lowercase())
            } else {
                Cow::Borrowed(k)
            };
            (name, trim(v))
        })
        .collect();
    out.sort_unstable();
    out
}

/// The canonical request: method, canonical URI, canonical query, canonical headers (each line
/// ending in a newline), signed header names joined by `;`, and the payload hash.
pub(crate) fn canonical_request(
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    payload_hash: &str,
) -> String {
    assemble(method, path, &canonical_query(query), headers, payload_hash).0
}

/// The canonical request from an already canonical query, written into one buffer, and where in
/// it the signed header names are; shared by `canonical_request` and `sign_headers` so that
/// signing computes each part once.
fn assemble(
    method: &str,
    path: &str,
    canonical_query: &str,
    headers: &[(String, String)],
    payload_hash: &str,
) -> (String, std::ops::Range<usize>) {
    let signed = signed_headers(headers);
    let lines: usize = signed.iter().map(|(k, v)| 2 * k.len() + v.len() + 3).sum();
    let mut request =
        String::with_capacity(method.len() + 2 * path.len() + canonical_query.len() + lines + payload_hash.len() + 8);
    if method.bytes().any(|b| b.is_ascii_lowercase()) {
        request.push_str(&method.to_ascii_uppercase());
    } else {
        request.push_str(method);
    }
    request.push('\n');
    canonical_uri_into(&mut request, path);
    request.push('\n');
    request.push_str(canonical_query);
    request.push('\n');
    for (k, v) in &signed {
        for part in [k, ":", v, "\n"] {
            request.push_str(part);
        }
    }
    request.push('\n');
    let start = request.len();
    for (i, (k, _)) in signed.iter().enumerate() {
        if i > 0 {
            request.push(';');
        }
        request.push_str(k);
    }
    let names = start..request.len();
    request.push('\n');
    request.push_str(payload_hash);
    (request, names)
}

/// The string to sign, in the parts it is MACed in: `<algorithm>\n<date>\n`, then `<scope>\n`
/// for the derived-key variant, then the lower-case hex SHA-256 of the canonical request. The one
/// place its layout is written: signing, [`verify`] and the vector tests go through it.
fn string_to_sign_parts<'a>(
    algorithm: &'a str,
    date: &'a str,
    scope: Option<&'a str>,
    canonical_hash: &'a [u8; 64],
) -> [&'a [u8]; 7] {
    let (scope, end) = match scope {
        Some(scope) => (scope.as_bytes(), &b"\n"[..]),
        None => (&b""[..], &b""[..]),
    };
    [algorithm.as_bytes(), b"\n", date.as_bytes(), b"\n", scope, end, canonical_hash]
}

/// The signature of `canonical_request`: the HMAC-SHA256, keyed with `key`, of its string to sign.
fn signature_of(key: &[u8], algorithm: &str, date: &str, scope: Option<&str>, canonical_request: &str) -> [u8; 32] {
    let hash = sha256_hex_bytes(canonical_request.as_bytes());
    mac(key, &string_to_sign_parts(algorithm, date, scope, &hash))
}

/// The string to sign written out, for the vector tests.
#[cfg(test)]
pub(crate) fn string_to_sign(algorithm: &str, date: &str, scope: Option<&str>, canonical_request: &str) -> String {
    let hash = sha256_hex_bytes(canonical_request.as_bytes());
    String::from_utf8_lossy(&string_to_sign_parts(algorithm, date, scope, &hash).concat()).into_owned()
}

/// Lower-case hex HMAC-SHA256 of `string_to_sign`, keyed with `key`'s UTF-8 bytes, for the vector
/// tests.
#[cfg(test)]
pub(crate) fn signature(key: &str, string_to_sign: &str) -> String {
    hex_str(&hex32(&mac(key.as_bytes(), &[string_to_sign.as_bytes()]))).to_owned()
}

/// HMAC-SHA256 keyed with `key` of the concatenation of `parts`: the string to sign passed in
/// pieces, without being written out.
fn mac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC accepts keys of any length, so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else { return [0; 32] };
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// The derived signing key of the `V11-HMAC-SHA256` variant: HKDF-SHA256 with the access key as
/// salt, the secret key as key material and `info` (`YYYYMMDD/<region>/<service>`) as info, 32
/// bytes, as lower-case hex (whose ASCII bytes are the HMAC key).
pub(crate) fn derived_key(access_key: &str, secret_key: &str, info: &str) -> String {
    let hk = hkdf::Hkdf::<Sha256>::new(Some(access_key.as_bytes()), secret_key.as_bytes());
    let mut okm = [0u8; 32];
    // 32 bytes is far below HKDF-SHA256's limit of 255 * 32, so expand cannot fail.
    if hk.expand(info.as_bytes(), &mut okm).is_err() {
        return String::new();
    }
    hex_str(&hex32(&okm)).to_owned()
}

/// A request to sign: what goes on the wire, before the signing headers are added.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// Host with `:port` when the endpoint has one.
    pub host: &'a str,
    /// The path as sent (path parameters already percent-encoded).
    pub path: &'a str,
    /// Query parameters as raw `(key, value)` pairs, one per list element.
    pub query: &'a [(String, String)],
    /// Headers as the caller set them. A caller-set `X-Sdk-Date` (in any case) is kept when it is
    /// a date in the signer's form ([`is_sdk_date`]); any other value is replaced by the signing
    /// time, since it would make the `Authorization` header unreadable (the client refuses such a
    /// header before signing, with a validation error).
    pub headers: &'a [(String, String)],
    /// Body bytes (empty when there is none).
    pub body: &'a [u8],
}

impl<'a> Request<'a> {
    /// What is signed besides the headers.
    fn target(&self) -> Target<'a> {
        let Request { method, host, path, query, headers: _, body } = *self;
        Target { method, host, path, query, body }
    }
}

/// What is signed besides the headers: the request as [`Request`] has it, without `headers`,
/// for signing a header list in place ([`sign_headers`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target<'a> {
    pub(crate) method: &'a str,
    pub(crate) host: &'a str,
    pub(crate) path: &'a str,
    pub(crate) query: &'a [(String, String)],
    pub(crate) body: &'a [u8],
}

/// The result of signing: the headers to send and the query string to put on the wire.
///
/// Its `Debug` hides the values of the token headers (`X-Security-Token` of temporary credentials
/// is signed, so it is also a line of the canonical request).
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    /// The request's headers plus `Host`, `X-Sdk-Date` (unless set), `X-Sdk-Content-Sha256` where
    /// needed, and `Authorization`.
    pub headers: Vec<(String, String)>,
    /// The canonical query string, to be sent as is.
    pub query: String,
    /// The canonical request, for diagnostics. It holds no key, but a signed `X-Security-Token`
    /// is one of its lines: show it through [`redact_canonical`].
    pub canonical_request: String,
}

impl std::fmt::Debug for Signed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), if is_secret_header(k) { REDACTED } else { v.as_str() }))
            .collect();
        f.debug_struct("Signed")
            .field("headers", &headers)
            .field("query", &self.query)
            .field("canonical_request", &redact_canonical(&self.canonical_request))
            .finish()
    }
}

/// What diagnostics show instead of a token header's value.
const REDACTED: &str = "<redacted>";

/// Headers whose values are secrets (tokens), compared without case: never shown in diagnostics.
const SECRET_HEADERS: [&str; 3] = ["x-security-token", "x-auth-token", "x-subject-token"];

fn is_secret_header(name: &str) -> bool {
    let name = name.trim();
    SECRET_HEADERS.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// `canonical` (a canonical request) with the values of its token header lines
/// (`x-security-token:...`) replaced by `<redacted>`, for error messages and logs.
pub fn redact_canonical(canonical: &str) -> String {
    let lines: Vec<Cow<'_, str>> = canonical
        .split('\n')
        .map(|line| match line.split_once(':') {
            Some((name, _)) if is_secret_header(name) => Cow::Owned(format!("{name}:{REDACTED}")),
            _ => Cow::Borrowed(line),
        })
        .collect();
    lines.join("\n")
}

/// Signs `req` with the access key `ak` and secret key `sk`; `now` is the signing time
/// (`YYYYMMDDTHHMMSSZ`), used when the request has no `X-Sdk-Date` header.
pub fn sign(req: &Request<'_>, ak: &str, sk: &str, now: &str) -> Signed {
    sign_with(req, ak, sk, now, None)
}

/// Signs `req` with the derived-key variant `V11-HMAC-SHA256`, which the official SDKs use when a
/// user opts in: the HMAC key is derived (HKDF-SHA256) for `YYYYMMDD/<region>/<service>`, the string to
/// sign has that scope as its third line, and the header names it as `Credential=<AK>/<scope>`.
pub fn sign_derived(req: &Request<'_>, ak: &str, sk: &str, now: &str, region: &str, service: &str) -> Signed {
    sign_with(req, ak, sk, now, Some((region, service)))
}

/// Checks the signature of a received request, as a server does, in either algorithm the signer
/// writes: `SDK-HMAC-SHA256` (`Access=<AK>`) or the derived-key `V11-HMAC-SHA256`
/// (`Credential=<AK>/<YYYYMMDD>/<region>/<service>`, its date the `X-Sdk-Date`'s). The access key
/// must be `access_key`, its signed headers present, and its signature the one `secret_key` gives
/// over the canonical request rebuilt from what was received (`path` as received, `query`
/// decoded, `headers` with their names in any case, `body`). The mock cloud verifies every call
/// with it, and the tests check the signer through it. The error says what does not match, and
/// the canonical request when the signature differs (a token header's value hidden:
/// [`redact_canonical`]).
pub fn verify(
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    body: &[u8],
    access_key: &str,
    secret_key: &str,
) -> Result<(), String> {
    // The last value of a name counts, as when the signer sets a header twice.
    let header =
        |name: &str| headers.iter().rev().find(|(n, _)| n.trim().eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    let Some(authorization) = header("authorization") else {
        return Err("the request has no Authorization header".to_owned());
    };
    let (derived, rest) = match authorization.split_once(' ') {
        Some((ALGORITHM, rest)) => (false, rest),
        Some((DERIVED_ALGORITHM, rest)) => (true, rest),
        _ => return Err(format!("the Authorization header uses neither {ALGORITHM} nor {DERIVED_ALGORITHM}")),
    };
    let part = |name: &str| rest.split(", ").find_map(|p| p.strip_prefix(name));
    let credential = if derived { part("Credential=") } else { part("Access=") };
    let (Some(credential), Some(names), Some(signature_given)) =
        (credential, part("SignedHeaders="), part("Signature="))
    else {
        return Err("the Authorization header lacks Access (or Credential), SignedHeaders or Signature".to_owned());
    };
    let (access, scope) =
        if derived { credential.split_once('/').unwrap_or((credential, "")) } else { (credential, "") };
    if access != access_key {
        return Err(format!("the access key {access} is unknown"));
    }
    let Some(date) = header(DATE_HEADER) else {
        return Err(format!("the {DATE_HEADER} header is missing"));
    };
    // The scope is the date's first 8 characters, then `/<region>/<service>`: read by the date's
    // length, since a caller's own `X-Sdk-Date` may hold a `/` (the signer signs what it is given).
    if derived {
        let region_service = scope.strip_prefix(date.get(..8).unwrap_or(date)).and_then(|r| r.strip_prefix('/'));
        if region_service.is_none_or(|r| r.split('/').count() != 2) {
            return Err(format!("the credential scope `{scope}` is not <{DATE_HEADER} date>/<region>/<service>"));
        }
    }
    let mut signed = Vec::new();
    for name in names.split(';') {
        match header(name) {
            Some(v) => signed.push((name.to_owned(), v.trim().to_owned())),
            None => return Err(format!("the signed header {name} is missing")),
        }
    }
    // As the signer: the hash of an empty body wins over UNSIGNED-PAYLOAD.
    let unsigned = header(CONTENT_SHA256_HEADER).is_some_and(|v| v.trim() == UNSIGNED_PAYLOAD);
    let payload = if unsigned && !body.is_empty() { UNSIGNED_PAYLOAD.to_owned() } else { sha256_hex(body) };
    let canonical = canonical_request(method, path, query, &signed, &payload);
    let expected = if derived {
        signature_of(
            derived_key(access_key, secret_key, scope).as_bytes(),
            DERIVED_ALGORITHM,
            date,
            Some(scope),
            &canonical,
        )
    } else {
        signature_of(secret_key.as_bytes(), ALGORITHM, date, None, &canonical)
    };
    if hex_str(&hex32(&expected)) == signature_given {
        Ok(())
    } else {
        Err(format!(
            "the signature does not match the request; the canonical request is:\n{}",
            redact_canonical(&canonical)
        ))
    }
}

/// Whether `value` is a signing time as `X-Sdk-Date` carries it: `YYYYMMDDTHHMMSSZ` (UTC), a
/// date of the calendar and a time of the day.
pub fn is_sdk_date(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) =
        (digits(0..4), digits(4..6), digits(6..8), digits(9..11), digits(11..13), digits(13..15))
    else {
        return false;
    };
    let month = u8::try_from(month).ok().and_then(|m| time::Month::try_from(m).ok());
    let date = month.and_then(|m| time::Date::from_calendar_date(year as i32, m, day as u8).ok());
    date.is_some() && hour < 24 && minute < 60 && second < 60
}

/// `s` without leading and trailing whitespace, as [`str::trim`]; a string that starts and ends
/// with a visible ASCII character (every header the SDK makes) is returned without the scan.
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Sets header `name` to `value`, replacing a header of the same name whatever its case: one value
/// per name, the last one given, since a server rebuilds the canonical request with one line per
/// name (and so does the official signer). Names are trimmed: spaces around a name are not part
/// of it on the wire.
pub fn set_header(headers: &mut Vec<(String, String)>, name: &str, value: String) {
    let name = trim(name);
    headers.retain(|(n, _)| !trim(n).eq_ignore_ascii_case(name));
    headers.push((name.to_owned(), value));
}

fn sign_with(req: &Request<'_>, ak: &str, sk: &str, now: &str, derived: Option<(&str, &str)>) -> Signed {
    let mut headers: Vec<(String, String)> = Vec::with_capacity(req.headers.len() + 4);
    headers.extend_from_slice(req.headers);
    let (query, canonical_request) = sign_headers(&mut headers, &req.target(), ak, sk, now, derived);
    Signed { headers, query, canonical_request }
}

/// `headers` as [`set_header`] would leave them had each been set in turn: names and values
/// trimmed, one entry per name (its last value, where that one stood), rewritten in place.
fn normalize(headers: &mut Vec<(String, String)>) {
    let mut i = 0;
    while i < headers.len() {
        let name = trim(&headers[i].0);
        if headers[i + 1..].iter().any(|(n, _)| trim(n).eq_ignore_ascii_case(name)) {
            headers.remove(i);
            continue;
        }
        let (n, v) = &mut headers[i];
        if trim(n).len() != n.len() {
            *n = trim(n).to_owned();
        }
        if trim(v).len() != v.len() {
            *v = trim(v).to_owned();
        }
        i += 1;
    }
}

/// Signs in place: `headers` become the headers to send, as [`Signed::headers`]; returns the
/// query string to send and the canonical request. The client signs each attempt this way,
/// without copying its headers.
pub(crate) fn sign_headers(
    headers: &mut Vec<(String, String)>,
    req: &Target<'_>,
    ak: &str,
    sk: &str,
    now: &str,
    derived: Option<(&str, &str)>,
) -> (String, String) {
    normalize(headers);
    let date = match headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(DATE_HEADER)) {
        Some((_, v)) if is_sdk_date(v) => v.clone(),
        _ => {
            set_header(headers, DATE_HEADER, now.to_owned());
            now.to_owned()
        }
    };
    set_header(headers, "Host", req.host.to_owned());
    let content_type = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-type")).map(|(_, v)| v.as_str());
    let not_json =
        content_type.is_some_and(|ct| !ct.starts_with("application/json") && !ct.starts_with("application/bson"));
    // A caller's own content hash header stays; otherwise the signer's. Either way one line per
    // name reaches the canonical request, and the payload hash follows the header as sent, as the
    // server reads it: UNSIGNED-PAYLOAD when it says so, unless the body is empty (below).
    if not_json && !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(CONTENT_SHA256_HEADER)) {
        headers.push((CONTENT_SHA256_HEADER.to_owned(), UNSIGNED_PAYLOAD.to_owned()));
    }
    let unsigned =
        headers.iter().any(|(k, v)| k.eq_ignore_ascii_case(CONTENT_SHA256_HEADER) && trim(v) == UNSIGNED_PAYLOAD);
    // The hash of an empty body wins over UNSIGNED-PAYLOAD, as in the official signer.
    let body_hash;
    let payload_hash = if unsigned && !req.body.is_empty() {
        UNSIGNED_PAYLOAD
    } else if req.body.is_empty() {
        EMPTY_SHA256
    } else {
        body_hash = sha256_hex_bytes(req.body);
        hex_str(&body_hash)
    };
    let query = canonical_query(req.query);
    let (canonical, names) = assemble(req.method, req.path, &query, headers, payload_hash);
    let names = &canonical[names];
    let mut authorization = String::with_capacity(160 + ak.len() + names.len());
    let signature = match derived {
        None => {
            for part in [ALGORITHM, " Access=", ak, ", SignedHeaders=", names, ", Signature="] {
                authorization.push_str(part);
            }
            signature_of(sk.as_bytes(), ALGORITHM, &date, None, &canonical)
        }
        Some((region, service)) => {
            let scope = format!("{}/{region}/{service}", date.get(..8).unwrap_or(&date));
            for part in [DERIVED_ALGORITHM, " Credential=", ak, "/", &scope, ", SignedHeaders=", names, ", Signature="]
            {
                authorization.push_str(part);
            }
            signature_of(derived_key(ak, sk, &scope).as_bytes(), DERIVED_ALGORITHM, &date, Some(&scope), &canonical)
        }
    };
    authorization.push_str(hex_str(&hex32(&signature)));
    headers.push(("Authorization".to_owned(), authorization));
    (query, canonical)
}

/// The official signer's worked cases (`reference/signing-vectors.txt`), step by step.
#[cfg(test)]
#[path = "signer_vectors.rs"]
mod vectors;

#[cfg(test)]
mod tests {
    use super::*;

    /// `KEPT` restates `UNRESERVED` (an `AsciiSet` cannot be read back): every byte value, alone
    /// and between kept characters, encodes the same through the fast path and through the
    /// percent-encoding crate, so the two sets cannot drift apart.
    #[test]
    fn the_kept_table_agrees_with_the_unreserved_set_for_every_byte() {
        let slow = |s: &str| utf8_percent_encode(s, UNRESERVED).to_string();
        for b in 0..=255u8 {
            let ascii = b.is_ascii();
            assert_eq!(KEPT[usize::from(b)], ascii && slow(&char::from(b).to_string()).len() == 1, "byte {b:#04x}");
            // A non-ASCII byte cannot stand alone in a `str`: its char (U+0080..U+00FF) is two bytes.
            let s = format!("a{}z", char::from(b));
            assert_eq!(encode(&s), slow(&s), "byte {b:#04x}");
        }
        assert_eq!(encode("a b/ü~"), "a%20b%2F%C3%BC~");
    }

    #[test]
    fn verify_accepts_what_sign_signs_and_names_what_does_not_match() {
        let headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
        let query = vec![("limit".to_owned(), "10".to_owned())];
        let req = Request {
            method: "POST",
            host: "svc.example",
            path: "/v1/p/items",
            query: &query,
            headers: &headers,
            body: b"{}",
        };
        let signed = sign(&req, "AK", "SK", "20240102T030405Z");
        let ok = verify("POST", "/v1/p/items", &query, &signed.headers, b"{}", "AK", "SK");
        assert_eq!(ok, Ok(()));
        let tampered = verify("POST", "/v1/p/items", &query, &signed.headers, b"{\"x\":1}", "AK", "SK");
        assert!(tampered.is_err_and(|e| e.contains("does not match")));
        assert!(verify("POST", "/v1/p/items", &query, &signed.headers, b"{}", "AK", "other").is_err());
        assert!(
            verify("POST", "/v1/p/items", &query, &signed.headers, b"{}", "AK2", "SK")
                .is_err_and(|e| e.contains("unknown"))
        );
        assert!(
            verify("POST", "/v1/p/items", &query, &headers, b"{}", "AK", "SK")
                .is_err_and(|e| e.contains("no Authorization"))
        );
    }

    #[test]
    fn a_security_token_is_signed_but_never_shown() {
        let headers = vec![("X-Security-Token".to_owned(), "TOKEN-VALUE".to_owned())];
        let req =
            Request { method: "GET", host: "svc.example", path: "/v1/p", query: &[], headers: &headers, body: b"" };
        let signed = sign(&req, "AK", "SK", "20240102T030405Z");
        assert!(signed.canonical_request.contains("x-security-token:TOKEN-VALUE"), "the token is signed");
        let shown = format!("{signed:?}");
        assert!(!shown.contains("TOKEN-VALUE") && shown.contains("x-security-token:<redacted>"), "{shown}");
        assert!(shown.contains("SDK-HMAC-SHA256 Access=AK"), "the other headers are shown: {shown}");
        let e = verify("GET", "/v1/p", &[], &signed.headers, b"", "AK", "other").expect_err("wrong key");
        assert!(e.contains("does not match") && !e.contains("TOKEN-VALUE"), "{e}");
    }

    #[test]
    fn a_header_name_with_spaces_around_it_is_signed_once() {
        let headers = vec![
            ("  x-sdk-content-sha256 ".to_owned(), "abc".to_owned()),
            ("Content-Type".to_owned(), "text/plain".to_owned()),
        ];
        let req = Request { method: "PUT", host: "h", path: "/", query: &[], headers: &headers, body: b"x" };
        let signed = sign(&req, "AK", "SK", "20240102T030405Z");
        let lines = signed.canonical_request.lines().filter(|l| l.starts_with("x-sdk-content-sha256:")).count();
        assert_eq!(lines, 1, "{}", signed.canonical_request);
        assert!(signed.canonical_request.contains("x-sdk-content-sha256:abc"), "the caller's value stays");
    }

    #[test]
    fn parse_query_inverts_canonical_query() {
        let pairs = vec![("a b".to_owned(), "x&y=z".to_owned()), ("flag".to_owned(), String::new())];
        let mut back = parse_query(&canonical_query(&pairs));
        back.sort();
        assert_eq!(back, pairs);
        assert_eq!(
            parse_query("k&=v&&x=%ZZ"),
            [("k".into(), "".into()), ("".into(), "v".into()), ("x".into(), "%ZZ".into())]
        );
    }

    /// Found by cargo-fuzz twice (CI, `signer` target): a caller's own `X-Sdk-Date` that is no
    /// date made the derived scope unreadable: `#tion/jS/<region>/<service>` (a `/` in the
    /// date's first 8 characters) and `` `.%2F., /<region>/<service> `` (a `, `, which ends the
    /// `Credential=` part). The signer now keeps a caller's date only when it is one
    /// ([`is_sdk_date`]) and signs with its own time otherwise; `verify` still reads the scope by
    /// the date's length.
    #[test]
    fn a_callers_date_is_kept_only_when_it_is_a_date() {
        let now = "20240102T030405Z";
        let date_of = |signed: &Signed| {
            let dates: Vec<_> = signed.headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case(DATE_HEADER)).collect();
            assert_eq!(dates.len(), 1, "one date header: {:?}", signed.headers);
            dates[0].1.clone()
        };
        for bad in ["#tion/jSignature", "`.%2F., bc/d%2Fv2", "20241302T030405Z", "20240102T246000Z", "", "2024"] {
            let headers = vec![("x-sdk-date".to_owned(), bad.to_owned())];
            let req = Request { method: "DELETE", host: "h", path: "/v2/", query: &[], headers: &headers, body: b"" };
            for (region, service) in [("", ""), ("r", "s")] {
                let signed = sign_derived(&req, "AK", "SK", now, region, service);
                assert_eq!(date_of(&signed), now, "{bad:?} replaced");
                assert!(
                    signed
                        .headers
                        .iter()
                        .any(|(_, v)| v.contains(&format!("Credential=AK/20240102/{region}/{service},")))
                );
                assert_eq!(verify("DELETE", "/v2/", &[], &signed.headers, b"", "AK", "SK"), Ok(()), "{bad:?}");
            }
            let signed = sign(&req, "AK", "SK", now);
            assert_eq!(date_of(&signed), now);
            assert_eq!(verify("DELETE", "/v2/", &[], &signed.headers, b"", "AK", "SK"), Ok(()));
        }
        // A date is kept, in the caller's case of the name.
        let headers = vec![("x-sdk-date".to_owned(), "20000229T235959Z".to_owned())];
        let req = Request { method: "GET", host: "h", path: "/", query: &[], headers: &headers, body: b"" };
        let signed = sign_derived(&req, "AK", "SK", now, "r", "s");
        assert_eq!(date_of(&signed), "20000229T235959Z");
        assert!(signed.headers.iter().any(|(_, v)| v.contains("Credential=AK/20000229/r/s,")));
        assert_eq!(verify("GET", "/", &[], &signed.headers, b"", "AK", "SK"), Ok(()));
        // A scope that does not start with the date, or lacks a part, is still refused.
        let mut forged = signed.headers.clone();
        for (name, value) in &mut forged {
            if name.eq_ignore_ascii_case("authorization") {
                *value = value.replace("20000229/r/s", "20000229/r");
            }
        }
        assert!(verify("GET", "/", &[], &forged, b"", "AK", "SK").is_err_and(|e| e.contains("credential scope")));
    }

    #[test]
    fn sdk_dates_are_checked_by_calendar() {
        assert!(is_sdk_date("20240229T000000Z"));
        assert!(is_sdk_date("99991231T235959Z"));
        for bad in [
            "20230229T000000Z",
            "20240100T000000Z",
            "20240101T000060Z",
            "20240101 000000Z",
            "2024010T1000000Z",
            "+0240101T000000Z",
            "20240101T000000z",
            "20240101T000000Zx",
        ] {
            assert!(!is_sdk_date(bad), "{bad}");
        }
    }

    /// Found by cargo-fuzz (tests/fuzz/regressions/signer/duplicate-header-name): two names that
    /// differ only in case were signed as two canonical lines, which no server rebuilds.
    #[test]
    fn a_header_name_given_twice_is_signed_and_sent_once_with_the_last_value() {
        let headers = vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("content-type".to_owned(), "application/json;charset=UTF-8".to_owned()),
        ];
        let req = Request { method: "POST", host: "h", path: "/", query: &[], headers: &headers, body: b"{}" };
        let signed = sign(&req, "AK", "SK", "20240101T000000Z");
        let lines: Vec<&str> = signed.canonical_request.lines().filter(|l| l.starts_with("content-type:")).collect();
        assert_eq!(lines, ["content-type:application/json;charset=UTF-8"]);
        let sent: Vec<_> = signed.headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case("content-type")).collect();
        assert_eq!(sent.len(), 1, "{:?}", signed.headers);
        assert!(signed.canonical_request.contains("\ncontent-type;host;x-sdk-date\n"), "{}", signed.canonical_request);
    }

    /// Signing in place normalises the headers as setting each in turn with `set_header` would:
    /// trimmed names and values, the last value of a name (in any case), in the order of the last
    /// values; and the client's in-place signing gives what `sign` gives.
    #[test]
    fn headers_signed_in_place_are_those_set_in_turn() {
        let given: Vec<(String, String)> = [
            (" X-A ", " 1 "),
            ("Content-Type", "application/json"),
            ("x-a", "2"),
            ("X-B", "b"),
            ("CONTENT-TYPE", " application/json;charset=UTF-8"),
            ("x_c", "underscore"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let mut by_set = Vec::new();
        for (k, v) in &given {
            set_header(&mut by_set, k, v.trim().to_owned());
        }
        let mut normalised = given.clone();
        normalize(&mut normalised);
        assert_eq!(normalised, by_set);
        let req =
            Request { method: "post", host: "h:8443", path: "/v1/a%2Fb/ü", query: &[], headers: &given, body: b"{}" };
        let signed = sign(&req, "AK", "SK", "20240101T000000Z");
        let mut in_place = given.clone();
        let (query, canonical) = sign_headers(&mut in_place, &req.target(), "AK", "SK", "20240101T000000Z", None);
        assert_eq!((in_place, query, canonical), (signed.headers, signed.query, signed.canonical_request));
    }
}
