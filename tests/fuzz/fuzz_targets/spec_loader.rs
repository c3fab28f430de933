//! The spec loader and validator: whatever the YAML, the generator gives a crate or located
//! diagnostics, never a panic (as `tests/tests/it/fuzz.rs`, first two properties).
//!
//! Input: when its first line is the path of a file of `spec/` (e.g. `ddm/v1/list_users.yaml`),
//! the rest replaces that file in its service's part of the spec tree (and IAM's, which project
//! discovery uses), so mutations of real pages are checked with their service and its other pages (the whole tree, fourteen services, took
//! more than libFuzzer's 10 s per input to generate in this build); otherwise the whole input is a lone page
//! `fz/v1/list_users.yaml`. Bytes that are not UTF-8 are replaced (spec files are read as UTF-8).
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use codegen::{Config, SourceFile};
use libfuzzer_sys::fuzz_target;

/// The spec tree, read once.
fn spec() -> &'static [SourceFile] {
    static SPEC: OnceLock<Vec<SourceFile>> = OnceLock::new();
    SPEC.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec");
        codegen::spec::load::read_dir(&root, "spec").expect("reading spec/")
    })
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let files = spec();
    let (first, rest) = input.split_once('\n').unwrap_or((&input, ""));
    let tree: Vec<SourceFile> = match files.iter().find(|f| f.rel == first) {
        Some(replaced) => {
            let service = replaced.rel.split('/').next().unwrap_or_default();
            files
                .iter()
                .filter(|f| f.rel.split('/').next().is_some_and(|s| s == service || s == "iam"))
                .map(|f| if f.rel == replaced.rel { SourceFile { text: rest.to_owned(), ..f.clone() } } else { f.clone() })
                .collect()
        }
        None => vec![SourceFile {
            rel: "fz/v1/list_users.yaml".to_owned(),
            display: "spec/fz/v1/list_users.yaml".to_owned(),
            text: input.clone().into_owned(),
        }],
    };
    if let Err(diags) = codegen::generate(&tree, &Config { lib_name: "huaweicloud_sdk".to_owned() }) {
        assert!(!diags.is_empty(), "an error without diagnostics");
        for d in &diags.0 {
            assert!(d.line >= 1 && d.column >= 1 && !d.message.is_empty(), "not located: {d}");
        }
        let _ = diags.to_string();
    }
});
