//! Every kind of spec mistake gets located diagnostics; the expected text of each fixture under
//! `tests/fixtures/diagnostics/<kind>/expected.txt` is updated with `EXPECTORATE=overwrite`.

use huaweicloud_sdk_tests::{generate, load, root};

#[test]
fn every_invalid_fixture_reports_its_expected_diagnostics() {
    let dir = root().join("tests/fixtures/diagnostics");
    let mut kinds: Vec<_> = std::fs::read_dir(&dir).expect("fixtures dir").map(|e| e.expect("entry").path()).collect();
    kinds.sort();
    assert!(kinds.len() >= 12, "expected a fixture per error kind, found {}", kinds.len());
    for kind in kinds {
        let name = kind.file_name().and_then(|n| n.to_str()).expect("utf-8 name").to_owned();
        let files = load(&format!("tests/fixtures/diagnostics/{name}/spec"));
        let diags = match generate(&files, "huaweicloud_sdk") {
            Ok(_) => panic!("fixture `{name}` is invalid on purpose but generated without errors"),
            Err(d) => d,
        };
        for d in &diags.0 {
            assert!(d.file.ends_with(".yaml"), "{name}: diagnostic without a spec file: {d}");
            assert!(d.line >= 1 && d.column >= 1, "{name}: unlocated diagnostic: {d}");
        }
        expectorate::assert_contents(kind.join("expected.txt"), &format!("{diags}\n"));
    }
}
