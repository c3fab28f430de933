//! Every service of a spec tree has its crate (`services/<service>/`, written by codegen) as an
//! optional dependency of the facade, turned on by the Cargo feature of its name, on by default
//! (the generated `lib.rs` re-exports the crate behind it); the facade's `mock` turns on the
//! service's; and the features of project-scoped services pull in the service that finds project
//! IDs.

use huaweicloud_sdk_tests::{load, root};

/// The `key = value` lines of table `table` of a manifest.
fn table(manifest: &str, table: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join(manifest)).unwrap_or_else(|e| panic!("{manifest}: {e}"));
    let mut inside = false;
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == table;
        } else if inside && let Some((k, v)) = line.split_once('=') {
            out.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    out
}

fn check(spec: &str, manifest: &str) {
    let api = codegen::lower::lower(&load(spec)).unwrap_or_else(|d| panic!("{spec}:\n{d}"));
    let features = table(manifest, "[features]");
    let deps = table(manifest, "[dependencies]");
    let package = table(manifest, "[package]")
        .into_iter()
        .find(|(k, _)| k == "name")
        .map(|(_, v)| v.trim_matches('"').to_owned())
        .unwrap_or_else(|| panic!("{manifest}: no package name"));
    let default = features.iter().find(|(k, _)| k == "default").map(|(_, v)| v.clone()).unwrap_or_default();
    let mock = features.iter().find(|(k, _)| k == "mock").map(|(_, v)| v.clone()).unwrap_or_default();
    for s in &api.services {
        let krate = format!("{package}-{}", s.name);
        let members = features.iter().find(|(k, _)| *k == s.name).map(|(_, v)| v.as_str());
        assert!(
            members.is_some_and(|m| m.contains(&format!("\"dep:{krate}\""))),
            "{manifest} has no feature `{0}` turning on the crate of the service `{0}` of {spec}: add \
             `{0} = [\"dep:{krate}\"]` under [features]",
            s.name
        );
        assert!(default.contains(&format!("\"{}\"", s.name)), "{manifest}: `{}` is not a default feature", s.name);
        let path = format!("path = \"services/{}\"", s.name);
        assert!(
            deps.iter().any(|(k, v)| *k == krate && v.contains(&path) && v.contains("optional = true")),
            "{manifest} does not depend on the crate of `{0}`: add `{krate} = {{ path = \"services/{0}\", \
             optional = true }}` under [dependencies]",
            s.name
        );
        assert!(
            mock.contains(&format!("\"{krate}?/mock\"")),
            "{manifest}: feature `mock` must turn on the routes of `{}`: add \"{krate}?/mock\"",
            s.name
        );
        assert!(
            root().join(manifest).parent().is_some_and(|d| d
                .join("services")
                .join(&s.name)
                .join("Cargo.toml")
                .is_file()),
            "{manifest}: services/{}/Cargo.toml is missing: run `cargo xtask codegen`",
            s.name
        );
    }
    // The generated `lib.rs` puts the mock cloud behind `mock`, which needs the runtime's server.
    assert!(
        mock.contains("huaweicloud-sdk-runtime/mock"),
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
