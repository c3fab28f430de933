//! `services/<service>/Cargo.toml`: the manifest of a service's crate, rendered with askama.

use askama::Template;

use crate::ir::{Api, Service};

#[derive(Template)]
#[template(path = "service_cargo.toml", escape = "none")]
struct Manifest<'a> {
    spec_file: &'a str,
    display_name: &'a str,
    description: String,
    name: &'a str,
    package: String,
    lib: String,
    facade: String,
    facade_lib: &'a str,
    deps: Vec<Dep>,
}

/// A service crate this one depends on.
struct Dep {
    name: String,
    package: String,
    why: &'static str,
}

/// The package name of the crate of service `service`, for a facade whose library is `lib_name`.
pub fn package(lib_name: &str, service: &str) -> String {
    format!("{}-{service}", lib_name.replace('_', "-"))
}

/// The library name of the crate of service `service`.
pub fn lib(lib_name: &str, service: &str) -> String {
    format!("{lib_name}_{service}")
}

/// The services whose crates `s` depends on: the one that lists projects, when some operation of
/// `s` needs the project ID.
pub fn dependencies<'a>(api: &'a Api, s: &Service) -> Vec<&'a Service> {
    let ops = s.versions.iter().flat_map(|v| &v.operations);
    super::client::discovery_for(api, s, ops).map(|(ds, _, _)| ds).into_iter().collect()
}

/// The manifest of `s`'s crate.
pub fn render(api: &Api, s: &Service, lib_name: &str) -> Result<String, String> {
    let deps = dependencies(api, s)
        .into_iter()
        .map(|d| Dep {
            name: d.name.clone(),
            package: package(lib_name, &d.name),
            why: "Project discovery: its clients find the project ID of a region through this service.",
        })
        .collect();
    let description = format!("{}, for the Huawei Cloud SDK for Rust (generated)", s.display_name)
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    Manifest {
        spec_file: &s.spec_file,
        display_name: &s.display_name,
        description,
        name: &s.name,
        package: package(lib_name, &s.name),
        lib: lib(lib_name, &s.name),
        facade: lib_name.replace('_', "-"),
        facade_lib: lib_name,
        deps,
    }
    .render()
    .map(|mut text| {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text
    })
    .map_err(|e| e.to_string())
}
