//! The importer's rst reader, then the draft: whatever the page, a spec file that loads or
//! located errors, never a panic (as the proptest in `tests/tests/import.rs`). Bytes that are
//! not UTF-8 are replaced, as `cargo xtask import` reads pages.
#![no_main]

use codegen::import::read::{assemble, rst};
use codegen::import::{Options, draft};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = String::from_utf8_lossy(data);
    let model = assemble::assemble(rst::read(&page));
    let options = Options { service: "fz".to_owned(), ..Options::default() };
    match draft::draft("page", &model, &options) {
        Ok(d) => {
            let file = codegen::SourceFile { rel: d.rel.clone(), display: d.rel, text: d.yaml };
            assert!(codegen::spec::load::parse_operation(&file).is_ok(), "a draft that does not load");
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "an error without errors");
            for e in &errors {
                assert!(e.line >= 1 && !e.message.is_empty(), "not located: {e}");
            }
        }
    }
});
