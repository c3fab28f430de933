//! ARCHITECTURE.md's rules, checked: which crate depends on which, and which of the generator's
//! stages may use which. A rule broken here is a rule broken there: change the code, or the
//! document and this test together.

use std::collections::{BTreeMap, BTreeSet};

use huaweicloud_sdk_tests::root;

/// The generator's top-level modules and those each may use (`crate::<module>` paths outside
/// `#[cfg(test)]` code), as ARCHITECTURE.md's "The generator's stages" states them.
const STAGES: &[(&str, &[&str])] = &[
    ("diag", &[]),
    ("naming", &[]),
    ("par", &[]),
    ("ir", &["naming"]),
    ("spec", &["diag", "naming"]),
    ("lower", &["spec", "ir", "naming", "diag", "par"]),
    ("emit", &["ir", "naming", "diag", "par"]),
    ("import", &["spec", "lower", "naming", "diag"]),
    ("sync", &["emit"]),
];

/// The workspace crates each crate may depend on, as ARCHITECTURE.md's "Crates" states them.
const CRATES: &[(&str, &[&str])] = &[
    ("shape/Cargo.toml", &[]),
    ("runtime/Cargo.toml", &["huaweicloud-sdk-shape"]),
    ("mock/Cargo.toml", &["huaweicloud-sdk-runtime", "huaweicloud-sdk-shape"]),
    ("codegen/Cargo.toml", &["huaweicloud-sdk-shape"]),
    ("generated/services/ddm/Cargo.toml", &["huaweicloud-sdk-runtime", "huaweicloud-sdk-mock", "huaweicloud-sdk-iam"]),
    ("tests/compile/Cargo.toml", &["huaweicloud-sdk"]),
];

/// The `crate::<module>` names a file's code outside tests uses.
fn crate_modules(code: &str) -> BTreeSet<String> {
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    let mut out = BTreeSet::new();
    for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut rest = line;
        while let Some(k) = rest.find("crate::") {
            let before = rest[..k].chars().last();
            rest = &rest[k + "crate::".len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // `huaweicloud_sdk_crate::`, not this crate
            }
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if name.starts_with(|c: char| c.is_ascii_lowercase()) {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn each_stage_of_the_generator_uses_only_the_stages_before_it() {
    let src = root().join("codegen/src");
    let allowed: BTreeMap<&str, &[&str]> = STAGES.iter().copied().collect();
    let mut wrong = Vec::new();
    for (stage, may) in STAGES {
        let dir = src.join(stage);
        let files: Vec<std::path::PathBuf> = if dir.is_dir() {
            walkdir::WalkDir::new(&dir)
                .into_iter()
                .filter_map(Result::ok)
                .map(|e| e.into_path())
                .filter(|p| p.extension().is_some_and(|e| e == "rs"))
                .collect()
        } else {
            vec![src.join(format!("{stage}.rs"))]
        };
        assert!(!files.is_empty(), "codegen/src has no stage {stage}");
        for f in files {
            let code = std::fs::read_to_string(&f).expect("reads");
            for used in crate_modules(&code) {
                let known = allowed.contains_key(used.as_str());
                if known && used != *stage && !may.contains(&used.as_str()) {
                    wrong.push(format!("{} uses crate::{used}", f.strip_prefix(root()).unwrap_or(&f).display()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "a stage uses one it may not (ARCHITECTURE.md):\n{}", wrong.join("\n"));
}

#[test]
fn each_crate_depends_only_on_the_workspace_crates_it_may() {
    let mut wrong = Vec::new();
    for (manifest, may) in CRATES {
        let text = std::fs::read_to_string(root().join(manifest)).expect("manifest reads");
        let parsed: toml::Table = text.parse().expect("manifest parses");
        let mut deps = BTreeSet::new();
        for table in ["dependencies", "build-dependencies"] {
            if let Some(t) = parsed.get(table).and_then(toml::Value::as_table) {
                deps.extend(t.keys().filter(|k| k.starts_with("huaweicloud-sdk")).cloned());
            }
        }
        for d in deps {
            if !may.contains(&d.as_str()) {
                wrong.push(format!("{manifest} depends on {d}"));
            }
        }
    }
    assert!(wrong.is_empty(), "a crate depends on one it may not (ARCHITECTURE.md):\n{}", wrong.join("\n"));
}

#[test]
fn the_dependency_reader_sees_crate_paths_and_ignores_tests_and_comments() {
    let code = "use crate::ir::Api;\n// crate::emit in a comment\nfn f() { crate::naming::snake(\"x\"); }\n\
                #[cfg(test)]\nmod tests { use crate::spec; }\n";
    assert_eq!(crate_modules(code), BTreeSet::from(["ir".to_owned(), "naming".to_owned()]));
}
