//! The checked-in crates are exactly what the generator makes, and the generator is deterministic.

use huaweicloud_sdk_tests::{assert_fresh, generate, load, plan};

#[test]
fn generated_crate_matches_a_fresh_generation() {
    assert_fresh(&plan("spec", "generated", "huaweicloud_sdk"), "cargo xtask codegen");
}

#[test]
fn golden_fixtures_match_their_expected_output() {
    assert_fresh(
        &plan("tests/fixtures/golden/spec", "tests/fixtures/golden/expected", "huaweicloud_sdk_golden"),
        "cargo xtask codegen --spec tests/fixtures/golden/spec --out tests/fixtures/golden/expected",
    );
}

#[test]
fn generating_twice_gives_identical_files_whatever_the_input_order() {
    let files = load("spec");
    let first = generate(&files, "huaweicloud_sdk").expect("spec generates");
    let second = generate(&files, "huaweicloud_sdk").expect("spec generates");
    let mut reversed = files.clone();
    reversed.reverse();
    let third = generate(&reversed, "huaweicloud_sdk").expect("spec generates");
    assert_eq!(first, second);
    assert_eq!(first, third);
}

#[test]
fn a_changed_description_makes_the_crate_stale_and_reaches_the_rustdoc() {
    let mut files = load("spec");
    let page = files.iter_mut().find(|f| f.rel == "ddm/v1/list_users.yaml").expect("list_users.yaml");
    assert!(page.text.contains("DDM instance ID"));
    page.text = page.text.replacen("DDM instance ID", "The DDM instance ID, changed by a test", 1);
    let generated = generate(&files, "huaweicloud_sdk").expect("still valid");
    let changes = codegen::sync::plan(&huaweicloud_sdk_tests::root().join("generated"), &generated).expect("readable");
    assert_eq!(
        changes.iter().map(|c| c.path()).collect::<Vec<_>>(),
        ["openapi.json", "services/ddm/src/v1/list_users.rs"]
    );
    let new = &generated.iter().find(|f| f.path == "services/ddm/src/v1/list_users.rs").expect("file").contents;
    assert!(new.contains("/// The DDM instance ID, changed by a test"));
}

#[test]
fn a_misspelled_type_is_located_and_nothing_is_generated() {
    let mut files = load("spec");
    let page = files.iter_mut().find(|f| f.rel == "ddm/v1/list_users.yaml").expect("list_users.yaml");
    let line = 1 + page.text.lines().position(|l| l.contains("type: Long")).expect("a Long field");
    let column = 1 + page.text.lines().nth(line - 1).and_then(|l| l.find("Long")).expect("column");
    page.text = page.text.replacen("type: Long", "type: Lng", 1);
    let diags = generate(&files, "huaweicloud_sdk").expect_err("a misspelled type must not generate");
    assert_eq!(diags.0.len(), 1, "{diags}");
    let d = &diags.0[0];
    assert_eq!((d.file.as_str(), d.line, d.column), ("spec/ddm/v1/list_users.yaml", line, column));
    assert_eq!(d.message, "unknown type \"Lng\"");
    assert_eq!(d.hint.as_deref(), Some("did you mean \"Long\"?"));
}

/// About how many cut positions the whole of `spec/` gets (each generated twice): spread evenly over
/// every file, at least every 13 bytes, so that the run stays near a minute however large `spec/`
/// grows; the cargo-fuzz target `spec_loader` goes deeper.
const MANGLED_CUTS: usize = 3_000;

#[test]
fn mangled_spec_files_give_diagnostics_never_a_panic() {
    let files = load("spec");
    let total: usize = files.iter().map(|f| f.text.len()).sum();
    let step = (total / MANGLED_CUTS).max(13);
    for (i, f) in files.iter().enumerate() {
        // The mangled file with its service's service.yaml (and, for a service.yaml, its first
        // page): a tree of two files keeps the run linear in the size of spec/.
        let service = f.rel.split('/').next().unwrap_or_default();
        let companion = files
            .iter()
            .filter(|g| g.rel != f.rel && g.rel.starts_with(&format!("{service}/")))
            .find(|g| g.rel.ends_with("service.yaml") || f.rel.ends_with("service.yaml"));
        let text = f.text.clone();
        // A different phase per file, so that files of one shape are not all cut at the same places.
        let cuts = (i * 7 % step..text.len()).step_by(step).filter(|&n| text.is_char_boundary(n));
        for cut in cuts {
            let tree = |t: String| {
                let mut tree: Vec<_> = companion.into_iter().cloned().collect();
                tree.push(huaweicloud_sdk_tests::with_text(f, t));
                tree
            };
            let _ = generate(&tree(text[..cut].to_owned()), "huaweicloud_sdk");
            // Swap a character for one that often breaks YAML or types.
            let mut t = text.clone();
            t.replace_range(cut..text[cut..].chars().next().map_or(cut, |c| cut + c.len_utf8()), ":");
            let _ = generate(&tree(t), "huaweicloud_sdk");
        }
    }
}
