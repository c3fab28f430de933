//! Validation and lowering: `spec` files in, one `ir::Api` out, or every problem found.

pub mod example;
mod names;
mod page;
pub mod roles;
pub mod table;
pub mod types;
mod version;
mod waiter;

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostic, Diagnostics, closest};
use crate::ir::{self, Supplied, Type};
use crate::naming;
use crate::spec;
use crate::spec::load::{self, Kind, Parsed, SourceFile};
use version::lower_version;

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"];
/// The media type of a request body whose spec names none.
pub const JSON_CONTENT_TYPE: &str = "application/json;charset=UTF-8";

/// A version module of a service: (service, version).
type VersionKey = (String, String);

/// A spec file once parsed: the service's file, or an operation's of a version.
enum ParsedFile {
    Service(Box<Parsed<spec::Service>>),
    Operation(String, Box<Parsed<spec::Operation>>),
}

/// Validates every file and builds the model, or returns every problem found.
pub fn lower(files: &[SourceFile]) -> Result<ir::Api, Diagnostics> {
    lower_for(files, &crate::Config::default())
}

/// [`lower`] for a crate whose facade library is `config.lib_name`, which the service crates'
/// names are made from.
pub fn lower_for(files: &[SourceFile], config: &crate::Config) -> Result<ir::Api, Diagnostics> {
    let mut diags = Vec::new();
    let mut services: BTreeMap<String, Parsed<spec::Service>> = BTreeMap::new();
    let mut pages: BTreeMap<(String, String), Vec<Parsed<spec::Operation>>> = BTreeMap::new();
    // Path order, whatever order the files came in: it decides which page defines a shared type.
    let mut sorted: Vec<&SourceFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.rel.cmp(&b.rel));
    // Parsed on every core (YAML parsing is most of reading), then taken in path order.
    let parsed = crate::par::map(&sorted, |f| {
        let placeholders = crate::spec::skeleton::placeholders(f);
        let file = match load::kind(f) {
            Err(d) => Err(d),
            Ok(Kind::Service { service }) => {
                load::parse_service(f).map(|p| (service, ParsedFile::Service(Box::new(p))))
            }
            Ok(Kind::Operation { service, version }) => {
                load::parse_operation(f).map(|p| (service, ParsedFile::Operation(version, Box::new(p))))
            }
        };
        (placeholders, file)
    });
    for (placeholders, file) in parsed {
        diags.extend(placeholders);
        match file {
            Err(d) => diags.push(d),
            Ok((service, ParsedFile::Service(p))) => {
                services.insert(service, *p);
            }
            Ok((service, ParsedFile::Operation(version, p))) => {
                pages.entry((service, version)).or_default().push(*p);
            }
        }
    }
    let mut api = ir::Api { services: Vec::new() };
    for (name, svc) in &services {
        if let Some(s) = lower_service(name, svc, &config.lib_name, &mut diags) {
            api.services.push(s);
        }
    }
    // Each version lowered on its own thread, its diagnostics kept in version order.
    let pages: Vec<(VersionKey, Vec<Parsed<spec::Operation>>)> = pages.into_iter().collect();
    let lowered = crate::par::map(&pages, |((_, version), pages)| {
        let mut own = Vec::new();
        let v = lower_version(version, pages, &mut own);
        (v, own)
    });
    for (((service, _), pages), (lowered, own)) in pages.iter().zip(lowered) {
        let Some(s) = api.services.iter_mut().find(|s| &s.name == service) else {
            for p in pages {
                diags.push(p.at_key(
                    "operation",
                    format!("service `{service}` has no service.yaml"),
                    Some(format!("create spec/{service}/service.yaml (see spec/README.md)")),
                ));
            }
            continue;
        };
        diags.extend(own);
        s.versions.push(lowered);
    }
    let discovering: Vec<&ir::Operation> = api
        .services
        .iter()
        .flat_map(|s| &s.versions)
        .flat_map(|v| &v.operations)
        .filter(|o| o.project_discovery.is_some())
        .collect();
    if discovering.len() > 1 {
        let files: Vec<&str> = discovering.iter().map(|o| o.spec_file.as_str()).collect();
        for o in &discovering {
            diags.push(Diagnostic {
                file: o.spec_file.clone(),
                line: 1,
                column: 1,
                yaml_path: "project_discovery".to_owned(),
                message: format!("{} operations declare `project_discovery`: {}", files.len(), files.join(", ")),
                hint: Some("keep it on the one operation that lists projects (IAM KeystoneListProjects)".to_owned()),
            });
        }
    }
    link_discovery(&mut api);
    if diags.is_empty() { Ok(api) } else { Err(Diagnostics(diags).finish()) }
}

/// Decides which services find project IDs through which: a service with an operation that needs
/// the project ID depends on the crate of the service that lists projects (when that is another
/// service).
fn link_discovery(api: &mut ir::Api) {
    let lister = api.services.iter().find_map(|s| {
        s.versions.iter().find(|v| v.operations.iter().any(|o| o.project_discovery.is_some())).map(|v| {
            ir::DiscoveryDep {
                service: s.name.clone(),
                package: s.names.package.clone(),
                lib: s.names.lib.clone(),
                version: naming::Ident::snake(&v.name),
            }
        })
    });
    for s in &mut api.services {
        let needs_project = s
            .versions
            .iter()
            .flat_map(|v| &v.operations)
            .any(|o| o.params.iter().any(|p| p.supplied_by == Some(Supplied::ProjectId)));
        s.discovery = lister.clone().filter(|d| needs_project && d.service != s.name);
    }
}

/// The names of a service's crate and client.
fn service_names(lib_name: &str, service: &str) -> ir::ServiceNames {
    ir::ServiceNames {
        client: naming::Ident::pascal(&format!("{service}_client")),
        package: format!("{}-{service}", lib_name.replace('_', "-")),
        lib: naming::Ident::snake(&format!("{lib_name}_{service}")),
        module: naming::Ident::snake(service),
    }
}

fn lower_service(
    name: &str,
    p: &Parsed<spec::Service>,
    lib_name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::Service> {
    let s = &p.spec;
    let before = diags.len();
    if s.service != name {
        diags.push(p.at(
            "service",
            format!("service `{}` is declared in the directory `{name}`", s.service),
            Some(format!("write `service: {name}` or move the file")),
        ));
    }
    if !s.endpoint.contains("{region}") || !(s.endpoint.starts_with("https://") || s.endpoint.starts_with("http://")) {
        diags.push(p.at(
            "endpoint",
            format!("endpoint `{}` is not a URL pattern with `{{region}}`", s.endpoint),
            Some(format!("e.g. `https://{name}.{{region}}.myhuaweicloud.com`")),
        ));
    }
    if s.regions.is_empty() {
        diags.push(p.at(
            "regions",
            "no regions listed".to_owned(),
            Some("list the region IDs where the service is offered".to_owned()),
        ));
    }
    let mut seen = BTreeSet::new();
    for (i, r) in s.regions.iter().enumerate() {
        if !seen.insert(r) {
            diags.push(p.at(&format!("regions[{i}]"), format!("region `{r}` is listed twice"), None));
        }
    }
    for (region, url) in &s.endpoint_exceptions {
        if !s.regions.contains(region) {
            diags.push(p.at_key(
                &format!("endpoint_exceptions.{region}"),
                format!("endpoint exception for `{region}`, which is not in `regions`"),
                closest(region, s.regions.iter().map(String::as_str)).map(|c| format!("did you mean `{c}`?")),
            ));
        }
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            diags.push(p.at(&format!("endpoint_exceptions.{region}"), format!("`{url}` is not an http(s) URL"), None));
        }
    }
    (diags.len() == before).then(|| ir::Service {
        name: name.to_owned(),
        display_name: s.display_name.trim().to_owned(),
        description: s.description.trim().to_owned(),
        spec_file: p.file.clone(),
        endpoint: s.endpoint.clone(),
        regions: s.regions.clone(),
        endpoint_exceptions: s.endpoint_exceptions.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        error_code_field: s.error_body.code.clone(),
        error_message_field: s.error_body.message.clone(),
        global: s.global,
        versions: Vec::new(),
        names: service_names(lib_name, name),
        discovery: None,
    })
}

impl Type {
    /// Whether the type is a scalar that maps to a Rust `Copy` or `String` value.
    pub fn is_scalar(&self) -> bool {
        matches!(self, Type::String | Type::Integer | Type::Long | Type::Number | Type::Boolean | Type::Enum(_))
    }
}
