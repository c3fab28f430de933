//! Every service of a spec tree has its crate (`services/<service>/`, written by codegen) as an
//! optional dependency of the facade, turned on by the Cargo feature of its name, on by default
//! (the generated `lib.rs` re-exports the crate behind it); the facade's `mock` turns on the
//! service's; and the features of project-scoped services pull in the service that finds project
//! IDs.

use huaweicloud_sdk_tests::{load, root};

/// The strings of the array `value`, or none when it is not an array of strings.
fn strings(value: Option<&toml::Value>) -> Vec<&str> {
    value.and_then(toml::Value::as_array).into_iter().flatten().filter_map(toml::Value::as_str).collect()
}

fn check(spec: &str, manifest: &str) {
    let api = codegen::lower::lower(&load(spec)).unwrap_or_else(|d| panic!("{spec}:\n{d}"));
    let parsed = huaweicloud_sdk_tests::manifest(manifest);
    let empty = toml::Table::new();
    let table = |name: &str| parsed.get(name).and_then(toml::Value::as_table).unwrap_or(&empty);
    let (features, deps) = (table("features"), table("dependencies"));
    let package = table("package")
        .get("name")
        .and_then(toml::Value::as_str)
        .unwrap_or_else(|| panic!("{manifest}: no package name"));
    let default = strings(features.get("default"));
    let mock = strings(features.get("mock"));
    for s in &api.services {
        let krate = format!("{package}-{}", s.name);
        let members = strings(features.get(&s.name));
        assert!(
            members.contains(&format!("dep:{krate}").as_str()),
            "{manifest} has no feature `{0}` turning on the crate of the service `{0}` of {spec}: add \
             `{0} = [\"dep:{krate}\"]` under [features]",
            s.name
        );
        assert!(default.contains(&s.name.as_str()), "{manifest}: `{}` is not a default feature", s.name);
        let dep = deps.get(&krate);
        let path = format!("services/{}", s.name);
        assert!(
            dep.and_then(|d| d.get("path")).and_then(toml::Value::as_str) == Some(path.as_str())
                && dep.and_then(|d| d.get("optional")).and_then(toml::Value::as_bool) == Some(true),
            "{manifest} does not depend on the crate of `{0}`: add `{krate} = {{ path = \"services/{0}\", \
             version = \"<the generator's version>\", optional = true }}` under [dependencies]",
            s.name
        );
        assert!(
            mock.contains(&format!("{krate}?/mock").as_str()),
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
    // The generated `lib.rs` puts the mock cloud behind `mock`, which needs the mock crate's server.
    assert!(
        mock.contains(&"dep:huaweicloud-sdk-mock"),
        "{manifest} has no feature `mock`: add `mock = [\"dep:huaweicloud-sdk-mock\"]` under [features] and \
         huaweicloud-sdk-mock as an optional dependency"
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
        let members = strings(features.get(&s.name));
        assert!(
            !scoped || members.contains(&discovering.name.as_str()),
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

#[test]
fn a_service_crate_names_what_a_program_that_uses_it_alone_needs() {
    // `huaweicloud_sdk::ddm` is the service crate `huaweicloud-sdk-ddm` itself.
    use huaweicloud_sdk::ddm;
    let config = ddm::Config::builder()
        .credentials(ddm::Credentials::ak_sk("AK", "SK"))
        .region("cn-north-4")
        .build()
        .expect("config");
    let client = ddm::v1::DdmClient::new(&config);
    let _options = ddm::CallOptions::new();
    let _retry: ddm::runtime::RetryPolicy = ddm::runtime::RetryPolicy::default();
    assert_eq!(client.runtime().config().region(), Some("cn-north-4"));
    let error: Option<ddm::Error<ddm::v1::list_users::ListUsersError>> = None;
    assert!(error.is_none());
}
