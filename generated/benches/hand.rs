//! A hand-written client of DDM `ListUsers`: the yardstick of issue 23's per-call goal (the SDK at
//! 0.95 of it or better). For each call it builds the request (path, canonical query, headers,
//! an `X-Sdk-Date` of the moment), signs it with [`prototype`] (whose `Authorization` equals the
//! runtime signer's byte for byte, and whose URL and other headers are the plain reqwest
//! baseline's: [`Hand::new`] checks both), sends it with plain reqwest and
//! decodes the answer with plain serde derives ([`plain`]). What the SDK does besides (lenient
//! decoding, the documented checks, retry bookkeeping, timeouts, tracing, response metadata) is
//! its overhead against this client.

use std::time::SystemTime;

use hmac::Hmac;
use huaweicloud_sdk::runtime::client::{NO_BODY_CONTENT_TYPE, sdk_date};
use huaweicloud_sdk::runtime::signer;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use sha2::Sha256;

use crate::{AK, PROJECT_ID, SK, Server};

/// A ListUsers client written by hand for one endpoint and one key pair.
#[derive(Debug, Clone)]
pub struct Hand {
    http: reqwest::Client,
    base: String,
    host: String,
    user_agent: String,
    key: Hmac<Sha256>,
}

impl Hand {
    /// A client of `server` sending `user_agent` (the SDK's, so that both send the same bytes).
    ///
    /// # Panics
    ///
    /// When the prototype's `Authorization` of a ListUsers call differs from `signer::sign`'s, or
    /// its URL or headers (but the date and the signature) from those of
    /// [`Precomputed::list_users`](crate::Precomputed::list_users), the bytes the SDK sends.
    pub fn new(server: &Server, user_agent: &str) -> Hand {
        let hand = Hand {
            http: crate::plain_client(),
            base: server.url(),
            host: server.host(),
            user_agent: user_agent.to_owned(),
            key: prototype::key(SK),
        };
        let date = "20240102T030405Z";
        let (path, query) = hand.path_and_query(crate::INSTANCE_ID, 0, crate::LIMIT);
        let headers = hand.headers(date);
        let request = hand.signed_request(&path, &query, &headers);
        let by_signer = signer::sign(&request, AK, SK, date);
        let expected = by_signer.headers.iter().find(|(k, _)| k == "Authorization").map(|(_, v)| v.as_str());
        let own = prototype::authorization(&request, AK, &hand.key, date);
        assert_eq!(expected, Some(own.as_str()), "the hand-written client signs as the runtime does");
        // What it sends is what the plain reqwest baseline sends (the SDK's bytes), the date and
        // signature aside; the query it sends is the one signed.
        let url = hand.url(&path, 0, crate::LIMIT);
        assert_eq!(url.split_once('?').map(|(_, q)| q), Some(by_signer.query.as_str()), "the signed query is sent");
        let baseline = crate::Precomputed::list_users(server, user_agent);
        assert_eq!(url, baseline.url, "the hand-written client calls the baseline's URL");
        let fixed = |map: &HeaderMap| {
            let mut pairs: Vec<(String, String)> = map
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "authorization" | "x-sdk-date"))
                .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned()))
                .collect();
            pairs.sort();
            pairs
        };
        let sent = header_map(&headers, &own);
        assert_eq!(fixed(&sent), fixed(&baseline.headers), "the hand-written client sends the baseline's headers");
        hand
    }

    fn path_and_query(&self, instance_id: &str, offset: i32, limit: i32) -> (String, Vec<(String, String)>) {
        let path = format!("/v1/{}/instances/{}/users", signer::encode(PROJECT_ID), signer::encode(instance_id));
        (path, vec![("offset".to_owned(), offset.to_string()), ("limit".to_owned(), limit.to_string())])
    }

    /// The headers signed: those the SDK sends for ListUsers, `Host` and the date included.
    fn headers(&self, date: &str) -> Vec<(String, String)> {
        vec![
            ("Content-Type".to_owned(), NO_BODY_CONTENT_TYPE.to_owned()),
            ("User-Agent".to_owned(), self.user_agent.clone()),
            ("X-Project-Id".to_owned(), PROJECT_ID.to_owned()),
            (signer::DATE_HEADER.to_owned(), date.to_owned()),
            ("Host".to_owned(), self.host.clone()),
        ]
    }

    /// The URL sent: the endpoint, the path and the canonical query (sorted, encoded), as the SDK
    /// sends it.
    fn url(&self, path: &str, offset: i32, limit: i32) -> String {
        format!("{}{path}?limit={limit}&offset={offset}", self.base)
    }

    fn signed_request<'a>(
        &'a self,
        path: &'a str,
        query: &'a [(String, String)],
        headers: &'a [(String, String)],
    ) -> signer::Request<'a> {
        signer::Request { method: "GET", host: &self.host, path, query, headers, body: &[] }
    }

    /// One ListUsers call, built, signed, sent and decoded.
    ///
    /// # Panics
    ///
    /// On a transport error, a status other than 2xx or a body that is not a ListUsers response:
    /// the bench server answers none of these.
    pub async fn list_users(&self, instance_id: &str, offset: i32, limit: i32) -> plain::ListUsersResponse {
        let (path, query) = self.path_and_query(instance_id, offset, limit);
        let date = sdk_date(SystemTime::now());
        let headers = self.headers(&date);
        let authorization =
            prototype::authorization(&self.signed_request(&path, &query, &headers), AK, &self.key, &date);
        let url = self.url(&path, offset, limit);
        let map = header_map(&headers, &authorization);
        let response = self.http.get(url).headers(map).send().await.expect("hand-written ListUsers call");
        assert!(response.status().is_success(), "hand-written ListUsers call: status {}", response.status());
        let body = response.bytes().await.expect("hand-written ListUsers body");
        serde_json::from_slice(&body).expect("a ListUsers response")
    }
}

/// The headers to send: those signed, then `Authorization`.
fn header_map(headers: &[(String, String)], authorization: &str) -> HeaderMap {
    let mut map = HeaderMap::with_capacity(headers.len() + 1);
    let all = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).chain([("Authorization", authorization)]);
    for (name, value) in all {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("header name");
        map.insert(name, HeaderValue::from_str(value).expect("header value"));
    }
    map
}

/// DDM ListUsers' response with plain serde derives, every field optional as in the SDK: what
/// decoding costs without the SDK's lenient decoding.
pub mod plain {
    /// The response of ListUsers.
    #[derive(Debug, serde::Deserialize)]
    pub struct ListUsersResponse {
        pub users: Option<Vec<User>>,
        pub page_no: Option<i32>,
        pub page_size: Option<i32>,
        pub total_record: Option<i32>,
        pub total_page: Option<i32>,
    }

    /// One account.
    #[derive(Debug, serde::Deserialize)]
    pub struct User {
        pub name: Option<String>,
        pub status: Option<String>,
        pub base_authority: Option<Vec<String>>,
        pub extend_authority: Option<Vec<String>>,
        pub password_last_changed: Option<i64>,
        pub description: Option<String>,
        pub created: Option<i64>,
        pub databases: Option<Vec<Database>>,
    }

    /// A database an account may use.
    #[derive(Debug, serde::Deserialize)]
    pub struct Database {
        pub name: Option<String>,
        pub description: Option<String>,
    }
}

/// A prototype of SDK-HMAC-SHA256 signing without the string churn, to measure what the runtime's
/// signer could cost: the canonical request written into one buffer, hex from a table instead of
/// `write!` per byte, the hash of the empty body a constant, values that need no percent-encoding
/// copied as they are, and the HMAC keyed once per secret key and cloned per call. It returns the
/// `Authorization` value; its users check it against `signer::sign` before they time it.
pub mod prototype {
    use hmac::{Hmac, Mac as _};
    use huaweicloud_sdk::runtime::signer;
    use sha2::{Digest as _, Sha256};

    const HEX: &[u8; 16] = b"0123456789abcdef";
    const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn hex_into(out: &mut String, bytes: &[u8]) {
        for b in bytes {
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }

    fn unreserved(s: &str) -> bool {
        s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'))
    }

    fn encode_into(out: &mut String, s: &str) {
        if unreserved(s) { out.push_str(s) } else { out.push_str(&signer::encode(s)) }
    }

    /// The secret key's HMAC, keyed once.
    pub fn key(sk: &str) -> Hmac<Sha256> {
        Hmac::new_from_slice(sk.as_bytes()).expect("HMAC takes keys of any length")
    }

    /// `Authorization` of `req` (whose headers already hold `X-Sdk-Date` and `Host`, as
    /// `signer::sign` adds them) signed at `date`.
    pub fn authorization(req: &signer::Request<'_>, ak: &str, key: &Hmac<Sha256>, date: &str) -> String {
        let mut canonical = String::with_capacity(512);
        canonical.push_str(req.method);
        canonical.push('\n');
        if req.path.split('/').all(unreserved) {
            canonical.push_str(req.path);
            if !req.path.ends_with('/') {
                canonical.push('/');
            }
        } else {
            // Each segment decoded and encoded again, as the signer's canonical URI.
            let decoded = percent_encoding::percent_decode_str(req.path).decode_utf8_lossy();
            canonical.push_str(&decoded.split('/').map(signer::encode).collect::<Vec<_>>().join("/"));
            if !canonical.ends_with('/') {
                canonical.push('/');
            }
        }
        canonical.push('\n');
        let mut query: Vec<&(String, String)> = req.query.iter().collect();
        query.sort();
        for (i, (k, v)) in query.into_iter().enumerate() {
            if i > 0 {
                canonical.push('&');
            }
            encode_into(&mut canonical, k);
            canonical.push('=');
            encode_into(&mut canonical, v);
        }
        canonical.push('\n');
        let mut headers: Vec<(String, &str)> = req
            .headers
            .iter()
            .filter(|(k, _)| !k.contains('_'))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.trim()))
            .collect();
        headers.sort_unstable();
        for (k, v) in &headers {
            canonical.push_str(k);
            canonical.push(':');
            canonical.push_str(v);
            canonical.push('\n');
        }
        canonical.push('\n');
        let names_start = canonical.len();
        for (i, (k, _)) in headers.iter().enumerate() {
            if i > 0 {
                canonical.push(';');
            }
            canonical.push_str(k);
        }
        let names_end = canonical.len();
        canonical.push('\n');
        if req.body.is_empty() {
            canonical.push_str(EMPTY_SHA256);
        } else {
            hex_into(&mut canonical, &Sha256::digest(req.body));
        }
        let mut to_sign = String::with_capacity(128);
        to_sign.push_str(signer::ALGORITHM);
        to_sign.push('\n');
        to_sign.push_str(date);
        to_sign.push('\n');
        hex_into(&mut to_sign, &Sha256::digest(canonical.as_bytes()));
        let mut mac = key.clone();
        mac.update(to_sign.as_bytes());
        let mut out = String::with_capacity(256);
        out.push_str(signer::ALGORITHM);
        out.push_str(" Access=");
        out.push_str(ak);
        out.push_str(", SignedHeaders=");
        out.push_str(&canonical[names_start..names_end]);
        out.push_str(", Signature=");
        hex_into(&mut out, &mac.finalize().into_bytes());
        out
    }
}
