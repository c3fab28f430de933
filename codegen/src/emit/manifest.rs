//! `services/<service>/Cargo.toml`: the manifest of a service's crate, rendered with askama.

use askama::Template;

use crate::ir::Service;

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

/// The manifest of `s`'s crate.
pub fn render(s: &Service, lib_name: &str) -> Result<String, String> {
    let deps = s
        .discovery
        .iter()
        .map(|d| Dep {
            name: d.service.clone(),
            package: d.package.clone(),
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
        package: s.names.package.clone(),
        lib: s.names.lib.to_string(),
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
