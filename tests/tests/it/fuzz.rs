//! Fuzzing as property tests (proptest's generators and shrinking; cargo-fuzz needs a nightly
//! toolchain for its sanitizer flags, and only the pinned stable one is available). Three targets:
//!
//! - the spec loader and validator: arbitrary YAML and random mutations of the real spec files
//!   give a generated crate or located diagnostics, never a panic;
//! - every generated response decoder: arbitrary bytes and mutated documented examples give a
//!   value or an error, never a panic;
//! - the signer: arbitrary methods, paths, queries, headers and bodies are signed without a panic,
//!   and a verifier that rebuilds the canonical request from what goes on the wire accepts the
//!   signature.
//!
//! CI runs a short pass (256 cases per target). A long run:
//! `PROPTEST_CASES=200000 cargo test --release -p huaweicloud-sdk-tests --test it fuzz::`.

use std::sync::LazyLock;

use codegen::SourceFile;
use huaweicloud_sdk::runtime::signer;
use huaweicloud_sdk_tests::{generate, load, with_text};
use proptest::prelude::*;

/// The files of `spec/`, read once for all cases.
static SPEC: LazyLock<Vec<SourceFile>> = LazyLock::new(|| load("spec"));

/// Every documented response example of `spec/`, lowered once for all cases.
static EXAMPLES: LazyLock<Vec<String>> = LazyLock::new(examples);

/// The number of cases: `PROPTEST_CASES`, else 256.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// One mutation of a text: cut it, insert a fragment that often breaks YAML or types, or delete a
/// range.
fn mutate(text: &str, at: usize, len: usize, fragment: &str, kind: u8) -> String {
    let boundary = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (a, b) = (boundary(at), boundary(at.saturating_add(len)));
    match kind % 3 {
        0 => text[..a].to_owned(),
        1 => format!("{}{fragment}{}", &text[..a], &text[a..]),
        _ => format!("{}{}", &text[..a], &text[b..]),
    }
}

const FRAGMENTS: &[&str] = &[
    ":",
    "- ",
    "\n  ",
    "{",
    "[",
    "'",
    "\"",
    "type: Intger",
    "mandatory: yes",
    "&a",
    "*a",
    "!!binary",
    "\t",
    "#",
    "null",
];

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_yaml_never_panics_the_generator(text in "\\PC{0,400}", service in "[a-z]{1,4}") {
        let page = SPEC.iter().find(|f| f.rel.ends_with("list_users.yaml")).expect("a page");
        let mut page = with_text(page, text.clone());
        page.rel = format!("{service}/v1/list_users.yaml");
        let _ = generate(&[page], "huaweicloud_sdk");
    }

    #[test]
    fn mutated_spec_files_give_a_crate_or_diagnostics(
        index in 0usize..100_000,
        at in 0usize..20_000,
        len in 0usize..200,
        fragment in prop::sample::select(FRAGMENTS),
        kind in any::<u8>(),
    ) {
        let files = &*SPEC;
        let f = &files[index % files.len()];
        let mutated = with_text(f, mutate(&f.text, at, len, fragment, kind));
        // The mutated file with its service's service.yaml (or, for a service.yaml, the service's
        // pages): what a mistake in one file can reach, without generating all of `spec/` per case.
        let service = f.rel.split('/').next().unwrap_or_default();
        let tree: Vec<_> = files
            .iter()
            .filter(|g| g.rel.starts_with(&format!("{service}/")))
            .filter(|g| g.rel == f.rel || g.rel.ends_with("service.yaml") || f.rel.ends_with("service.yaml"))
            .map(|g| if g.rel == f.rel { mutated.clone() } else { g.clone() })
            .collect();
        if let Err(diags) = generate(&tree, "huaweicloud_sdk") {
            for d in &diags.0 {
                prop_assert!(d.line >= 1 && d.column >= 1 && !d.message.is_empty(), "{d}");
            }
        }
    }

    #[test]
    fn response_decoders_never_panic_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        decode_all(&bytes);
    }

    #[test]
    fn response_decoders_never_panic_on_mutated_examples(
        which in 0usize..100_000,
        at in 0usize..2_000,
        len in 0usize..40,
        fragment in prop::sample::select(&[":", "\"", "[", "{", "}", "]", "1e999", "-", "null", "\"\\ud800\"", ",,"][..]),
        kind in any::<u8>(),
    ) {
        let example = &EXAMPLES[which % EXAMPLES.len()];
        decode_all(mutate(example, at, len, fragment, kind).as_bytes());
    }

    #[test]
    fn signatures_verify_from_what_goes_on_the_wire(
        method in prop::sample::select(&["GET", "POST", "PUT", "DELETE", "PATCH"][..]),
        segments in prop::collection::vec("\\PC{0,8}", 0..5),
        query in prop::collection::vec(("\\PC{0,6}", "\\PC{0,6}"), 0..5),
        headers in prop::collection::vec(("[A-Za-z][A-Za-z0-9_-]{0,10}", "[ -~]{0,16}"), 0..4),
        body in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let path = format!("/{}", segments.iter().map(|s| signer::encode(s)).collect::<Vec<_>>().join("/"));
        let mut all_headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
        all_headers.extend(headers);
        let req = signer::Request { method, host: "svc.example:443", path: &path, query: &query, headers: &all_headers, body: &body };
        let signed = signer::sign(&req, "AKFUZZ", "SKFUZZ", "20240102T030405Z");
        // Verify as a server does: from the Authorization header, the headers and the query
        // string that are sent.
        let wire_query: Vec<(String, String)> = signed
            .query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                let d = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
                (d(k), d(v))
            })
            .collect();
        prop_assert_eq!(signer::verify(method, &path, &wire_query, &signed.headers, &body, "AKFUZZ", "SKFUZZ"), Ok(()));
    }
}

/// Every documented example of the spec, as printed.
fn examples() -> Vec<String> {
    let api = codegen::lower::lower(&load("spec")).expect("spec loads");
    api.services
        .iter()
        .flat_map(|s| &s.versions)
        .flat_map(|v| &v.operations)
        .flat_map(|o| &o.responses)
        .flat_map(|r| &r.examples)
        .map(|e| e.json.clone())
        .collect()
}

// `decode_all`, generated from spec/ by `cargo xtask codegen`, shared with the cargo-fuzz target `decoders`.
include!("../../../generated/conformance/decode_all.rs");
