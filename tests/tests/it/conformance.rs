//! Conformance of the runtime's SDK-HMAC-SHA256 signer with the official Huawei Cloud Python SDK.
//!
//! A seeded generator makes requests that mix what trips signers up (reserved and non-ASCII
//! characters in path segments and query parameters, encoded `/` in a path parameter, repeated
//! and boolean query parameters, header names in any case, with underscores, padded values, JSON
//! and binary bodies, hosts with ports); each is signed by [`signer::sign`] and, all in one Python
//! process, by the official signer (`tests/oracle/sign.py`). The `Authorization` header and the
//! query string sent on the wire must be identical. The oracle's venv is made on first use
//! (`tests/oracle.rs`).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use huaweicloud_sdk_runtime::signer::{self, Request, Signed};
use huaweicloud_sdk_tests::oracle;
use serde_json::{Value, json};

/// How many requests are generated; every one is compared.
const CASES: usize = 1000;
/// Changing the seed gives a different, equally valid, set of requests.
const SEED: u64 = 0x5d4e_2024_0102_0304;
/// The signing time passed to [`signer::sign`]. Every request carries its own `X-Sdk-Date`, which
/// must win, so this value appearing in a signature is a failure.
const NOW: &str = "20991231T235959Z";
/// How many mismatches the failure message shows in full.
const SHOWN: usize = 5;

/// SplitMix64: tiny, seedable and good enough to pick test inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

/// Characters that need care: reserved, `%`, space, tab, non-ASCII of 2, 3 and 4 UTF-8 bytes.
const TRICKY: &[&str] = &[
    " ", "+", "/", "?", "#", "%", "&", "=", "*", "~", "é", "中", "🙂", ":", "@", "!", "$", "'", "(", ")", ",", ";",
    "[", "]", "\"", "<", ">", "\\", "^", "`", "{", "|", "}", "\t", "-", "_", ".",
];
const PLAIN: &[&str] = &["a", "b", "z", "A", "Z", "0", "7", "9", "x", "Y"];

/// A random string of up to `max` characters, about half of them tricky.
fn text(rng: &mut Rng, max: usize) -> String {
    (0..rng.below(max + 1)).map(|_| if rng.chance(50) { rng.pick(TRICKY) } else { rng.pick(PLAIN) }).collect()
}

/// A query parameter value as a caller holds it; the official SDK is handed it as is.
#[derive(Debug, Clone)]
enum QueryValue {
    Str(String),
    Bool(bool),
    Int(i64),
    /// A repeated key.
    List(Vec<String>),
    /// A repeated boolean key.
    Bools(Vec<bool>),
}

impl QueryValue {
    /// The raw `(key, value)` pairs [`signer::sign`] takes: one per list element, booleans as
    /// `true`/`false`.
    fn pairs(&self, key: &str) -> Vec<(String, String)> {
        let pair = |v: String| (key.to_owned(), v);
        match self {
            QueryValue::Str(s) => vec![pair(s.clone())],
            QueryValue::Bool(b) => vec![pair(b.to_string())],
            QueryValue::Int(i) => vec![pair(i.to_string())],
            QueryValue::List(items) => items.iter().cloned().map(pair).collect(),
            QueryValue::Bools(items) => items.iter().map(|b| pair(b.to_string())).collect(),
        }
    }

    fn json(&self) -> Value {
        match self {
            QueryValue::Str(s) => json!(s),
            QueryValue::Bool(b) => json!(b),
            QueryValue::Int(i) => json!(i),
            QueryValue::List(items) => json!(items),
            QueryValue::Bools(items) => json!(items),
        }
    }
}

/// One generated request.
#[derive(Debug, Clone)]
struct Case {
    method: &'static str,
    scheme: &'static str,
    host: &'static str,
    path: String,
    query: Vec<(String, QueryValue)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    ak: String,
    sk: String,
}

impl Case {
    fn pairs(&self) -> Vec<(String, String)> {
        self.query.iter().flat_map(|(k, v)| v.pairs(k)).collect()
    }

    fn sign(&self) -> Signed {
        let pairs = self.pairs();
        let request = Request {
            method: self.method,
            host: self.host,
            path: &self.path,
            query: &pairs,
            headers: &self.headers,
            body: &self.body,
        };
        signer::sign(&request, &self.ak, &self.sk, NOW)
    }

    /// The JSON line `tests/oracle/sign.py` reads.
    fn json(&self) -> Value {
        json!({
            "method": self.method,
            "scheme": self.scheme,
            "host": self.host,
            "path": self.path,
            "query": self.query.iter().map(|(k, v)| json!([k, v.json()])).collect::<Vec<_>>(),
            "headers": self.headers.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
            "body_b64": huaweicloud_sdk_tests::oracle::base64(&self.body),
            "ak": self.ak,
            "sk": self.sk,
        })
    }
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"];
/// Endpoints with and without ports, a bracketed IPv6 literal among them.
const HOSTS: &[(&str, &str)] = &[
    ("https", "dws.cn-north-4.myhuaweicloud.com"),
    ("https", "ddm.eu-west-101.myhuaweicloud.eu"),
    ("https", "dws.cn-south-4.myhuaweicloud.cn:443"),
    ("https", "iam.ap-southeast-1.myhuaweicloud.com:8443"),
    ("http", "127.0.0.1:18080"),
    ("http", "localhost:8080"),
    ("http", "[::1]:9000"),
];
const LITERAL_SEGMENTS: &[&str] =
    &["v1", "v2", "v3", "proj-1", "instances", "users", "clusters", "db-manager", "om-user", "action", "password"];
const QUERY_KEYS: &[&str] = &[
    "limit", "Limit", "LIMIT", "offset", "name", "Name", "tags", "tag_key", "marker", "a b", "k=1", "x&y", "é", "中文",
    "🙂", "~tilde", "*star", "+plus", "/slash", "?q", "#h", "%25", "", "Zeta", "alpha",
];
/// Header names in several cases; the official signer collapses names equal but for case, so a
/// request never holds two of those.
const HEADER_NAMES: &[&str] = &[
    "X-Project-Id",
    "x-project-id",
    "X-PROJECT-ID",
    "User-Agent",
    "user-agent",
    "X-Security-Token",
    "X-Request-Id",
    "X_Custom_Header",
    "x_under_score",
    "X-Mixed-Case",
    "x-MIXED-case",
    "Accept",
    "X-Empty",
];
const DATE_HEADERS: &[&str] = &["X-Sdk-Date", "x-sdk-date", "X-SDK-DATE"];
const PADDING: &[&str] = &["", "", " ", "  ", "\t", " \t "];

/// One request, each dimension drawn independently.
fn case(rng: &mut Rng) -> Case {
    let (scheme, host) = HOSTS[rng.below(HOSTS.len())];
    let (body, content_type) = body(rng);
    Case {
        method: rng.pick(METHODS),
        scheme,
        host,
        path: path(rng),
        query: query(rng),
        headers: headers(rng, content_type),
        body,
        ak: if rng.chance(50) { "AKTESTEXAMPLE".to_owned() } else { alnum(rng, 20) },
        sk: if rng.chance(50) { "SKTESTEXAMPLESECRET".to_owned() } else { alnum(rng, 40) },
    }
}

fn alnum(rng: &mut Rng, len: usize) -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    (0..len).map(|_| char::from(CHARS[rng.below(CHARS.len())])).collect()
}

/// A path as a client sends it: literal segments and path parameters, the parameters
/// percent-encoded the way the official client does (everything but `A-Z a-z 0-9 - _ . ~`, so
/// `/` becomes `%2F`), in lower-case hex, only where a URL needs it, or with hand-made quirks.
fn path(rng: &mut Rng) -> String {
    if rng.chance(3) {
        return "/".to_owned();
    }
    let mut path = String::new();
    for _ in 0..1 + rng.below(5) {
        path.push('/');
        if rng.chance(40) {
            path.push_str(rng.pick(LITERAL_SEGMENTS));
            continue;
        }
        let value = text(rng, 8);
        match rng.below(10) {
            0..=5 => path.push_str(&percent_encode(&value, false, |_| true)),
            6 => path.push_str(&percent_encode(&value, true, |_| true)),
            7 => path.push_str(&percent_encode(&value, false, |c| !"+&=*!$'(),;:@~-_.".contains(c))),
            _ => path.push_str(rng.pick(&["%2F", "%2f", "a%2Fb", "100%", "%FF", "%E4%B8a", "%E4%B8%AD", "%7E", "%41"])),
        }
    }
    if rng.chance(10) {
        path.push('/');
    }
    path
}

/// `%XX`-encodes every character for which `encode` holds, except `A-Z a-z 0-9 - _ . ~`.
fn percent_encode(s: &str, lower: bool, encode: impl Fn(char) -> bool) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "-_.~".contains(c) || !encode(c) {
            out.push(c);
        } else {
            for b in c.to_string().bytes() {
                let _ = if lower { write!(out, "%{b:02x}") } else { write!(out, "%{b:02X}") };
            }
        }
    }
    out
}

/// Up to six parameters with distinct keys, a repeated key being a list value: the official signer
/// sorts `(key, value)` tuples, so values of one key must be of one type (and a list of integers
/// would sort numerically, which no string API can express).
fn query(rng: &mut Rng) -> Vec<(String, QueryValue)> {
    let mut query: Vec<(String, QueryValue)> = Vec::new();
    for _ in 0..rng.below(7) {
        let key = if rng.chance(70) { rng.pick(QUERY_KEYS).to_owned() } else { text(rng, 6) };
        if query.iter().any(|(k, _)| *k == key) {
            continue;
        }
        let value = match rng.below(10) {
            0..=4 => QueryValue::Str(text(rng, 8)),
            5 => QueryValue::Bool(rng.chance(50)),
            6 => QueryValue::Int(rng.next() as i64 % 100_000),
            7 | 8 => QueryValue::List((0..1 + rng.below(4)).map(|_| text(rng, 5)).collect()),
            _ => QueryValue::Bools((0..1 + rng.below(3)).map(|_| rng.chance(50)).collect()),
        };
        query.push((key, value));
    }
    query
}

/// `X-Sdk-Date` in some case, the content type if any, and a few more headers in mixed case,
/// values padded with blanks now and then.
///
/// Left out on purpose, because the official signer differs from ours there (see
/// `tests/oracle/README.md`): `Content-Type` spelt otherwise or padded (it reads only that
/// spelling, unstripped), a caller-set `Host` (it keeps it) or `X-Sdk-Content-Sha256` (it takes
/// its value as the payload hash), and names equal but for case (it signs the last value twice).
fn headers(rng: &mut Rng, content_type: Option<&str>) -> Vec<(String, String)> {
    let date = format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        2000 + rng.below(100),
        1 + rng.below(12),
        1 + rng.below(28),
        rng.below(24),
        rng.below(60),
        rng.below(60)
    );
    let mut headers = vec![(rng.pick(DATE_HEADERS).to_owned(), date)];
    if let Some(ct) = content_type {
        headers.push(("Content-Type".to_owned(), ct.to_owned()));
    }
    for _ in 0..rng.below(5) {
        let name = rng.pick(HEADER_NAMES);
        if headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(name)) {
            continue;
        }
        let value = match rng.below(4) {
            0 => alnum(rng, 12),
            1 => "huaweicloud-usdk-python/3.0; rust".to_owned(),
            2 => "a  b, c é中".to_owned(),
            _ => String::new(),
        };
        headers.push((name.to_owned(), format!("{}{value}{}", rng.pick(PADDING), rng.pick(PADDING))));
    }
    headers
}

/// A body and its content type: none, empty with a JSON or binary type, JSON, or binary.
fn body(rng: &mut Rng) -> (Vec<u8>, Option<&'static str>) {
    match rng.below(10) {
        0..=1 => (Vec::new(), None),
        2 => (Vec::new(), Some("application/json")),
        3 => (Vec::new(), Some("application/octet-stream")),
        4..=6 => {
            let mut object = serde_json::Map::new();
            for _ in 0..rng.below(4) {
                object.insert(text(rng, 6), json!(text(rng, 10)));
            }
            let ct = if rng.chance(80) { "application/json;charset=UTF-8" } else { "application/json" };
            (Value::Object(object).to_string().into_bytes(), Some(ct))
        }
        _ => ((0..1 + rng.below(64)).map(|_| rng.next() as u8).collect(), Some("application/octet-stream")),
    }
}

/// Fails when the generator stops producing one of the inputs this test exists for.
fn assert_coverage(cases: &[Case]) {
    let count = |f: &dyn Fn(&Case) -> bool| cases.iter().filter(|c| f(c)).count();
    let upper = |s: &str| s.to_ascii_uppercase();
    let has_query = |c: &Case, f: &dyn Fn(&QueryValue) -> bool| c.query.iter().any(|(_, v)| f(v));
    let checks: [(&str, usize); 12] = [
        ("%2F in a path", count(&|c| upper(&c.path).contains("%2F"))),
        (
            "non-ASCII in a path",
            count(&|c| ["%C3%A9", "%E4%B8%AD", "%F0%9F%99%82"].iter().any(|e| upper(&c.path).contains(e))),
        ),
        ("repeated query key", count(&|c| has_query(c, &|v| matches!(v, QueryValue::List(l) if l.len() > 1)))),
        ("boolean query value", count(&|c| has_query(c, &|v| matches!(v, QueryValue::Bool(_) | QueryValue::Bools(_))))),
        ("upper-case query key", count(&|c| c.query.iter().any(|(k, _)| k.chars().any(|ch| ch.is_ascii_uppercase())))),
        ("underscore header", count(&|c| c.headers.iter().any(|(k, _)| k.contains('_')))),
        ("padded header value", count(&|c| c.headers.iter().any(|(_, v)| v.trim() != v))),
        ("lower-case X-Sdk-Date", count(&|c| c.headers.iter().any(|(k, _)| k == "x-sdk-date"))),
        ("JSON body", count(&|c| !c.body.is_empty() && c.body[0] == b'{')),
        ("binary body", count(&|c| c.headers.iter().any(|(_, v)| v.contains("octet")) && !c.body.is_empty())),
        ("host with port", count(&|c| c.host.rsplit_once(':').is_some_and(|(_, port)| port.parse::<u16>().is_ok()))),
        ("HEAD request", count(&|c| c.method == "HEAD")),
    ];
    for (what, n) in checks {
        assert!(n >= 10, "only {n} of {} generated requests have {what}", cases.len());
    }
}

fn str_field<'a>(v: &'a Value, name: &str) -> &'a str {
    v.get(name).and_then(Value::as_str).unwrap_or("<missing>")
}

/// What differs between our signature of `case` and the official answer, if anything.
fn compare(case: &Case, official: &Value) -> Option<String> {
    let ours = case.sign();
    let authorization = ours.headers.iter().find(|(k, _)| k == "Authorization").map_or("<none>", |(_, v)| v.as_str());
    let mut diffs = Vec::new();
    if let Some(error) = official.get("error") {
        diffs.push(format!("the official signer raised {error}"));
    } else {
        for (what, theirs, ours) in [
            ("Authorization", str_field(official, "authorization"), authorization),
            ("signed query", str_field(official, "query"), ours.query.as_str()),
            ("wire query", str_field(official, "wire_query"), ours.query.as_str()),
        ] {
            if theirs != ours {
                diffs.push(format!("{what}:\n  official: {theirs}\n  ours:     {ours}"));
            }
        }
    }
    if diffs.is_empty() {
        return None;
    }
    let mut report = diffs.join("\n");
    let _ = write!(
        report,
        "\ninput: {}\nour pairs: {:?}\nofficial canonical request:\n{}\nour canonical request:\n{}\n",
        case.json(),
        case.pairs(),
        str_field(official, "canonical_request"),
        ours.canonical_request
    );
    Some(report)
}

#[test]
fn signer_matches_the_official_python_sdk_on_generated_requests() {
    let mut rng = Rng(SEED);
    let cases: Vec<Case> = (0..CASES).map(|_| case(&mut rng)).collect();
    assert_coverage(&cases);

    let lines: Vec<String> = cases.iter().map(|c| c.json().to_string()).collect();
    let started = Instant::now();
    let answers = oracle::run("sign.py", &lines, Duration::from_secs(120));
    let oracle_time = started.elapsed();
    assert_eq!(answers.len(), cases.len(), "the oracle answered {} of {} requests", answers.len(), cases.len());

    let mismatches: Vec<(usize, String)> = cases
        .iter()
        .zip(&answers)
        .enumerate()
        .filter_map(|(i, (case, line))| {
            let official: Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("oracle line {i} is not JSON ({e}): {line}"));
            compare(case, &official).map(|report| (i, report))
        })
        .collect();
    let shown: String = mismatches.iter().take(SHOWN).map(|(i, report)| format!("--- request {i}\n{report}")).collect();
    assert!(
        mismatches.is_empty(),
        "{} of {} requests are signed differently from the official Python SDK; the first {}:\n{shown}",
        mismatches.len(),
        cases.len(),
        mismatches.len().min(SHOWN)
    );
    eprintln!("{} requests signed identically; the oracle took {oracle_time:?}", cases.len());
}

#[test]
fn base64_encodes_with_padding() {
    assert_eq!(huaweicloud_sdk_tests::oracle::base64(b""), "");
    assert_eq!(huaweicloud_sdk_tests::oracle::base64(b"f"), "Zg==");
    assert_eq!(huaweicloud_sdk_tests::oracle::base64(b"fo"), "Zm8=");
    assert_eq!(huaweicloud_sdk_tests::oracle::base64(b"foo"), "Zm9v");
    assert_eq!(huaweicloud_sdk_tests::oracle::base64(&[0xff, 0xfe, 0x00, 0x80]), "//4AgA==");
}
