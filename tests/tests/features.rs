//! Every service of a spec tree has the Cargo feature of its name in the generated crate, on by
//! default (the generated `lib.rs` puts each service module behind it), and the features of
//! project-scoped services pull in the service that finds project IDs.

use huaweicloud_sdk_tests::{load, root};

/// The `[features]` table of a manifest: `(name, members)` per line.
fn features(manifest: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join(manifest)).unwrap_or_else(|e| panic!("{manifest}: {e}"));
    let mut in_features = false;
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_features = line == "[features]";
        } else if in_features && let Some((k, v)) = line.split_once('=') {
            out.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    out
}

fn check(spec: &str, manifest: &str) {
    let api = codegen::lower::lower(&load(spec)).unwrap_or_else(|d| panic!("{spec}:\n{d}"));
    let features = features(manifest);
    let default = features.iter().find(|(k, _)| k == "default").map(|(_, v)| v.clone()).unwrap_or_default();
    for s in &api.services {
        assert!(
            features.iter().any(|(k, _)| *k == s.name),
            "{manifest} has no feature `{0}` for the service `{0}` of {spec}: add `{0} = []` under [features]",
            s.name
        );
        assert!(default.contains(&format!("\"{}\"", s.name)), "{manifest}: `{}` is not a default feature", s.name);
    }
    // The generated `lib.rs` puts the mock cloud behind `mock`, which needs the runtime's server.
    assert!(
        features.iter().any(|(k, v)| k == "mock" && v.contains("huaweicloud-sdk-runtime/mock")),
        "{manifest} has no feature `mock`: add `mock = [\"huaweicloud-sdk-runtime/mock\"]` under [features]"
    );
    // The clients of project-scoped services call the operation that lists projects: their
    // feature must pull in that operation's service.
    let discovering = api
        .services
        .iter()
        .find(|s| s.versions.iter().flat_map(|v| &v.operations).any(|o| o.project_discovery.is_some()));
    let Some(discovering) = discovering else { return };
    for s in api.services.iter().filter(|s| s.name != discovering.name) {
        let scoped = s
            .versions
            .iter()
            .flat_map(|v| &v.operations)
            .flat_map(|o| &o.params)
            .any(|p| p.supplied_by == Some(codegen::ir::Supplied::ProjectId));
        let members = features.iter().find(|(k, _)| *k == s.name).map(|(_, v)| v.as_str()).unwrap_or_default();
        assert!(
            !scoped || members.contains(&format!("\"{}\"", discovering.name)),
            "{manifest}: feature `{0}` must include \"{1}\" (project discovery): `{0} = [\"{1}\"]`",
            s.name,
            discovering.name
        );
    }
}

#[test]
fn the_sdk_has_a_default_feature_per_service() {
    check("spec", "generated/Cargo.toml");
}

#[test]
fn the_golden_crate_has_a_default_feature_per_service() {
    check("tests/fixtures/golden/spec", "tests/fixtures/golden/expected/Cargo.toml");
}
