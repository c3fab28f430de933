//! Validation and lowering: `spec` files in, one `ir::Api` out, or every problem found.

pub mod example;
pub mod roles;
pub mod table;
pub mod types;

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostic, Diagnostics, closest};
use crate::ir::{self, Location, Supplied, Type};
use crate::naming;
use crate::spec;
use crate::spec::load::{self, Kind, Parsed, SourceFile};
use example::Mode;
use table::{Ctx, Table};
use types::Phrase;

const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"];
const JSON_CONTENT_TYPE: &str = "application/json;charset=UTF-8";

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
    for f in sorted {
        diags.extend(crate::spec::skeleton::placeholders(f));
        match load::kind(f) {
            Err(d) => diags.push(d),
            Ok(Kind::Service { service }) => match load::parse_service(f) {
                Ok(p) => {
                    services.insert(service, p);
                }
                Err(d) => diags.push(d),
            },
            Ok(Kind::Operation { service, version }) => match load::parse_operation(f) {
                Ok(p) => pages.entry((service, version)).or_default().push(p),
                Err(d) => diags.push(d),
            },
        }
    }
    let mut api = ir::Api { services: Vec::new() };
    for (name, svc) in &services {
        if let Some(s) = lower_service(name, svc, &mut diags) {
            api.services.push(s);
        }
    }
    for ((service, version), pages) in pages {
        let Some(s) = api.services.iter_mut().find(|s| s.name == service) else {
            for p in &pages {
                diags.push(p.at_key(
                    "operation",
                    format!("service `{service}` has no service.yaml"),
                    Some(format!("create spec/{service}/service.yaml (see spec/README.md)")),
                ));
            }
            continue;
        };
        s.versions.push(lower_version(&version, &pages, &mut diags));
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
    name_crates(&mut api, &config.lib_name);
    if diags.is_empty() { Ok(api) } else { Err(Diagnostics(diags).finish()) }
}

/// Decides the crate names of every service and which services find project IDs through which:
/// a service with an operation that needs the project ID depends on the service that lists
/// projects (when that is another service).
fn name_crates(api: &mut ir::Api, lib_name: &str) {
    for s in &mut api.services {
        s.names = service_names(lib_name, &s.name);
    }
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

fn lower_service(name: &str, p: &Parsed<spec::Service>, diags: &mut Vec<Diagnostic>) -> Option<ir::Service> {
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
        versions: Vec::new(),
        names: service_names("huaweicloud_sdk", name),
        discovery: None,
    })
}

/// What one page contributes to its version.
struct PageOut {
    op: ir::Operation,
    objects: Vec<(ir::Object, String)>,
    enums: Vec<(ir::Enum, String)>,
}

fn lower_version(version: &str, pages: &[Parsed<spec::Operation>], diags: &mut Vec<Diagnostic>) -> ir::Version {
    let mut v =
        ir::Version { name: version.to_owned(), operations: Vec::new(), objects: Vec::new(), enums: Vec::new() };
    // Every type name of the module, with the page and YAML path that introduced it.
    let mut names: BTreeMap<String, (usize, String, &'static str)> = BTreeMap::new();
    let mut claim = |name: &str, page: usize, path: String, what: &'static str, diags: &mut Vec<Diagnostic>| -> bool {
        match names.get(name) {
            None => {
                names.insert(name.to_owned(), (page, path, what));
                true
            }
            Some((first_page, first_path, first_what)) => {
                if *first_what != what || what == "request" {
                    let first = &pages[*first_page];
                    let (l, c) = first.locator.value(first_path);
                    diags.push(pages[page].at(
                        &path,
                        format!("`{name}` is already the name of a {first_what} at {}:{l}:{c}", first.file),
                        Some("rename one of them (objects by their table name, enums with `enum_name`)".to_owned()),
                    ));
                }
                false
            }
        }
    };
    for (i, page) in pages.iter().enumerate() {
        let Some(out) = lower_page(page, diags) else { continue };
        if let Some(other) = v.operations.iter().find(|o| o.names.module == out.op.names.module) {
            diags.push(page.at(
                "operation",
                format!("operation `{}` is also defined in {}", out.op.wire_name, other.spec_file),
                Some("each operation has one spec file".to_owned()),
            ));
            continue;
        }
        claim(out.op.names.request.name(), i, "operation".to_owned(), "request", diags);
        for (o, path) in out.objects {
            if claim(&o.name, i, path.clone(), "object", diags) {
                v.objects.push(o);
            } else if let Some(first) = v.objects.iter_mut().find(|f| f.name == o.name) {
                if !same_table(first, &o) {
                    diags.push(page.at(
                        &path,
                        format!("object `{}` differs from the table of the same name in {}", o.name, first.spec_file),
                        Some("the same name must mean the same table; give one of them another name".to_owned()),
                    ));
                } else {
                    first.in_request |= o.in_request;
                    first.in_response |= o.in_response;
                }
            }
        }
        for (e, path) in out.enums {
            if claim(&e.name, i, path.clone(), "enum", diags) {
                v.enums.push(e);
            } else if let Some(first) = v.enums.iter().find(|f| f.name == e.name) {
                let wires = |e: &ir::Enum| e.variants.iter().map(|x| x.wire.clone()).collect::<Vec<_>>();
                if wires(first) != wires(&e) {
                    diags.push(page.at(
                        &path,
                        format!("value list `{}` differs from the one of the same name in {}", e.name, first.spec_file),
                        Some("give this list another name with `enum_name`".to_owned()),
                    ));
                }
            }
        }
        v.operations.push(out.op);
    }
    share(&mut v);
    v.operations.sort_by(|a, b| a.names.module.name().cmp(b.names.module.name()));
    v.objects.sort_by(|a, b| a.name.cmp(&b.name));
    v.enums.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// Moves every object and enum that more than one operation's types reach into the version's
/// shared module, and says so in the description of a response body named after one operation.
fn share(v: &mut ir::Version) {
    let mut users: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for op in &v.operations {
        let mut roots: Vec<String> = op.responses.iter().filter_map(|r| r.body.clone()).collect();
        roots.extend(op.body.iter().map(|b| b.object.clone()));
        roots.extend(op.params.iter().filter_map(|p| type_name(&p.field.ty)));
        let mut seen = BTreeSet::new();
        while let Some(name) = roots.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            users.entry(name.clone()).or_default().insert(op.wire_name.clone());
            if let Some(o) = v.objects.iter().find(|o| o.name == name) {
                roots.extend(o.fields.iter().filter_map(|f| type_name(&f.ty)));
            }
        }
    }
    let shared = |name: &str| users.get(name).is_some_and(|u| u.len() > 1);
    for o in &mut v.objects {
        if shared(&o.name) {
            o.module = ir::SHARED_MODULE.to_owned();
            if let Some((status, text)) = o.response_of.clone() {
                let ops: Vec<String> = users[&o.name].iter().map(|u| format!("`{u}`")).collect();
                o.description = format!("Response body for status {status} of {}: {text}", ops.join(", "));
            }
        }
    }
    for e in &mut v.enums {
        if shared(&e.name) {
            e.module = ir::SHARED_MODULE.to_owned();
        }
    }
}

/// The object or enum a type refers to, inside arrays and maps.
fn type_name(t: &ir::Type) -> Option<String> {
    match t {
        ir::Type::Object(n) | ir::Type::Enum(n) => Some(n.clone()),
        ir::Type::Array(t) | ir::Type::Map(t) => type_name(t),
        _ => None,
    }
}

fn same_table(a: &ir::Object, b: &ir::Object) -> bool {
    a.fields.len() == b.fields.len()
        && a.fields
            .iter()
            .zip(&b.fields)
            .all(|(x, y)| x.wire_name == y.wire_name && x.ty == y.ty && x.mandatory == y.mandatory)
}

fn lower_page(page: &Parsed<spec::Operation>, diags: &mut Vec<Diagnostic>) -> Option<PageOut> {
    let s = &page.spec;
    let before = diags.len();
    let module = naming::snake(&s.operation);
    let module_ident = naming::Ident::from_source(&module);
    if ["client", "mock", ir::SHARED_MODULE].contains(&module_ident.name()) {
        diags.push(page.at(
            "operation",
            format!(
                "operation `{}` would be the module `{}`, which every version module already has",
                s.operation,
                module_ident.name()
            ),
            Some("use the operation name of the official SDKs (`ListClients`, `ShowMock`, ...)".to_owned()),
        ));
    }
    if !naming::is_type_name(&s.operation) {
        diags.push(page.at(
            "operation",
            format!("operation name `{}` is not PascalCase", s.operation),
            Some(format!("write it as the official SDKs do, e.g. `{}`", naming::pascal(&s.operation))),
        ));
    }
    let method = s.method.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        let hint = closest(&method, METHODS.iter().copied()).map(|c| format!("did you mean `{c}`?"));
        diags.push(page.at("method", format!("unknown HTTP method `{}`", s.method), hint));
    }
    // Every object name the page defines: nested tables and body names.
    let mut objects: BTreeSet<String> = s.objects.keys().cloned().collect();
    if let Some(b) = &s.request_body {
        objects.insert(b.name.clone());
    }
    let first_ok = s.responses.iter().position(|r| (200..300).contains(&r.status));
    let response_names: Vec<Option<String>> = s
        .responses
        .iter()
        .enumerate()
        .map(|(i, r)| match (&r.name, &r.body) {
            (Some(n), _) => Some(n.clone()),
            (None, _) if Some(i) == first_ok => Some(format!("{}Response", s.operation)),
            (None, Some(_)) => Some(format!("{}Status{}Body", s.operation, r.status)),
            (None, None) => None,
        })
        .collect();
    objects.extend(response_names.iter().flatten().cloned());
    for name in &objects {
        if !naming::is_type_name(name) {
            let path = if s.objects.contains_key(name) { format!("objects.{name}") } else { "operation".to_owned() };
            diags.push(page.at_key(
                &path,
                format!("object name `{name}` is not a PascalCase type name"),
                Some("use the model name of the official SDKs, letters and digits only".to_owned()),
            ));
        }
    }
    let request_reach = reachable(s, s.request_body.iter().flat_map(|b| &b.body));
    let mut enums = Vec::new();
    let mut cx = Ctx { page, objects: &objects, diags, enums: &mut enums, module: module_ident.name() };

    let mut params = Vec::new();
    for (key, rows, location) in [
        ("path_parameters", &s.path_parameters, Location::Path),
        ("query_parameters", &s.query_parameters, Location::Query),
        ("header_parameters", &s.header_parameters, Location::Header),
    ] {
        let fields = table::lower_table(&mut cx, key, rows, Table::Param);
        for field in fields {
            let Some(i) = rows.iter().position(|r| r.name == field.wire_name) else { continue };
            let row = &rows[i];
            let supplied_by = match row.supplied_by {
                None => None,
                Some(spec::SuppliedBy::ProjectId) if location == Location::Path => Some(Supplied::ProjectId),
                Some(spec::SuppliedBy::AuthToken) if location == Location::Header => Some(Supplied::AuthToken),
                Some(other) => {
                    let d = page.at(
                        &format!("{key}[{i}].supplied_by"),
                        format!(
                            "`supplied_by: {}` does not apply to a {} parameter",
                            if other == spec::SuppliedBy::ProjectId { "project_id" } else { "auth_token" },
                            key.trim_end_matches("_parameters")
                        ),
                        Some("project_id fills a path parameter, auth_token the X-Auth-Token header".to_owned()),
                    );
                    cx.diags.push(d);
                    None
                }
            };
            if location == Location::Path && !field.mandatory {
                let d = page.at(
                    &format!("{key}[{i}].mandatory"),
                    format!("path parameter `{}` is not mandatory", row.name),
                    Some("a placeholder of the URI is always needed; write `mandatory: true`".to_owned()),
                );
                cx.diags.push(d);
            }
            params.push(ir::Param { location, supplied_by, field });
        }
    }
    check_uri(page, &s.path_parameters, cx.diags);
    let mut rust_names: BTreeSet<String> = BTreeSet::new();
    for p in params.iter().filter(|p| p.supplied_by.is_none()) {
        let name = p.field.rust_name.name();
        if !rust_names.insert(name.to_owned()) || (s.request_body.is_some() && name == "body") {
            let d = page.at(
                "operation",
                format!("parameter `{}` has the same Rust name as another request field", p.field.wire_name),
                Some("parameters of different tables, and the body (`body`), must have distinct names".to_owned()),
            );
            cx.diags.push(d);
        }
    }

    let mut out_objects = Vec::new();
    let mut body = None;
    if let Some(b) = &s.request_body {
        let fields = table::lower_table(&mut cx, "request_body.body", &b.body, Table::Request);
        let mandatory = fields.iter().any(|f| f.mandatory);
        let description =
            b.description.clone().unwrap_or_else(|| format!("Request body of `{}` ({}).", s.operation, s.title));
        out_objects
            .push((object(&cx, &b.name, description, true, false, fields, None), "request_body.name".to_owned()));
        body = Some(ir::Body {
            object: b.name.clone(),
            content_type: b.content_type.clone().unwrap_or_else(|| JSON_CONTENT_TYPE.to_owned()),
            mandatory,
        });
    }
    let mut responses = Vec::new();
    let mut statuses = BTreeSet::new();
    for (i, (r, name)) in s.responses.iter().zip(&response_names).enumerate() {
        let rp = format!("responses[{i}]");
        if !(100..600).contains(&r.status) {
            let d = page.at(&format!("{rp}.status"), format!("{} is not an HTTP status", r.status), None);
            cx.diags.push(d);
        }
        if !statuses.insert(r.status) {
            let d = page.at(
                &format!("{rp}.status"),
                format!("status {} is listed twice", r.status),
                Some("one entry per row of the status code table".to_owned()),
            );
            cx.diags.push(d);
        }
        if r.name.is_some() && r.body.is_none() {
            let d = page.at_key(
                &format!("{rp}.name"),
                "`name` without a `body` table".to_owned(),
                Some("add the response body table, or remove `name`".to_owned()),
            );
            cx.diags.push(d);
        }
        if let Some(name) = name {
            let fields = table::lower_table(
                &mut cx,
                &format!("{rp}.body"),
                r.body.as_deref().unwrap_or_default(),
                Table::Response,
            );
            let description =
                format!("Response body of `{}` for status {}: {}", s.operation, r.status, r.description.trim());
            let response_of = Some((r.status, r.description.trim().to_owned()));
            let o = object(&cx, name, description, false, true, fields, response_of);
            out_objects.push((o, format!("{rp}.status")));
        }
        let examples = r
            .examples
            .iter()
            .enumerate()
            .filter_map(|(j, e)| {
                parse_example(page, &format!("{rp}.examples[{j}].json"), e.description.clone(), &e.json, cx.diags)
            })
            .collect();
        responses.push(ir::Response {
            status: r.status,
            description: r.description.trim().to_owned(),
            body: if r.body.is_some() || Some(i) == first_ok { name.clone() } else { None },
            examples,
        });
    }
    if first_ok.is_none() {
        let d = page.at(
            "responses",
            "no 2xx response is documented".to_owned(),
            Some("add the success row of the status code table".to_owned()),
        );
        cx.diags.push(d);
    }
    for (name, rows) in &s.objects {
        let kind = if request_reach.contains(name) { Table::Request } else { Table::Response };
        let fields = table::lower_table(&mut cx, &format!("objects.{name}"), rows, kind);
        let description =
            referring_description(s, name).unwrap_or_else(|| format!("The `{name}` object of *{}*.", s.title));
        let in_request = request_reach.contains(name);
        out_objects.push((
            object(&cx, name, description, in_request, !in_request || responses_reach(s, name), fields, None),
            format!("objects.{name}"),
        ));
    }
    let example_requests = s
        .example_requests
        .iter()
        .enumerate()
        .map(|(j, e)| ir::ExampleRequest {
            description: e.description.clone(),
            url: e.url.clone(),
            body: e
                .json
                .as_ref()
                .and_then(|j2| parse_example(page, &format!("example_requests[{j}].json"), None, j2, cx.diags)),
        })
        .collect::<Vec<_>>();
    if cx.diags.len() > before {
        return None;
    }
    let success_body = responses.iter().find(|r| (200..300).contains(&r.status)).and_then(|r| r.body.clone());
    let mut op = ir::Operation {
        wire_name: s.operation.clone(),
        names: ir::OperationNames {
            all_method: module_ident.suffixed("_all"),
            method: module_ident.clone(),
            request: naming::Ident::from_source(&format!("{}Request", s.operation)),
            error: naming::Ident::from_source(&format!("{}Error", s.operation)),
            op_static: naming::Ident::from_source(&module_ident.name().to_ascii_uppercase()),
            module: module_ident,
        },
        spec_file: page.file.clone(),
        title: s.title.trim().to_owned(),
        description: s.description.trim().to_owned(),
        constraints: s.constraints.as_ref().map(|c| c.trim().to_owned()),
        method,
        uri: s.uri.clone(),
        params,
        body,
        responses,
        example_requests,
        pagination: None,
        project_discovery: None,
        errors_in_body: None,
        success_body,
    };
    let objects_only: Vec<ir::Object> = out_objects.iter().map(|(o, _)| o.clone()).collect();
    let enums_only: Vec<ir::Enum> = enums.iter().map(|(e, _)| e.clone()).collect();
    check_examples(page, &op, &objects_only, &enums_only, diags);
    op.pagination = roles::pagination(page, &op, &objects_only, diags);
    op.project_discovery = roles::project_discovery(page, &op, &objects_only, diags);
    op.errors_in_body = roles::errors_in_body(page, &op, &objects_only, diags);
    (diags.len() == before).then_some(PageOut { op, objects: out_objects, enums })
}

fn object(
    cx: &Ctx<'_>,
    name: &str,
    description: String,
    in_request: bool,
    in_response: bool,
    fields: Vec<ir::Field>,
    response_of: Option<(u16, String)>,
) -> ir::Object {
    ir::Object {
        response_of,
        name: name.to_owned(),
        module: cx.module.to_owned(),
        spec_file: cx.page.file.clone(),
        description,
        in_response,
        in_request,
        fields,
    }
}

/// Object names reached from `rows` through `<Name> object` types, following nested tables.
fn reachable<'a>(s: &'a spec::Operation, rows: impl Iterator<Item = &'a spec::Field>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&spec::Field> = rows.collect();
    while let Some(f) = todo.pop() {
        if let Ok(ph) = types::parse(&f.ty) {
            for n in named(&ph) {
                if seen.insert(n.to_owned()) {
                    todo.extend(s.objects.get(n).into_iter().flatten());
                }
            }
        }
    }
    seen
}

fn responses_reach(s: &spec::Operation, name: &str) -> bool {
    reachable(s, s.responses.iter().flat_map(|r| r.body.iter().flatten())).contains(name)
}

fn named(ph: &Phrase) -> Vec<&str> {
    match ph {
        Phrase::Named(n) => vec![n.as_str()],
        Phrase::Array(e) | Phrase::Map(e) => named(e),
        Phrase::Scalar(_) | Phrase::Any => Vec::new(),
    }
}

/// The description of the first row that refers to object `name`: a good summary of the object.
fn referring_description(s: &spec::Operation, name: &str) -> Option<String> {
    let rows = s
        .request_body
        .iter()
        .flat_map(|b| &b.body)
        .chain(s.responses.iter().flat_map(|r| r.body.iter().flatten()))
        .chain(s.objects.values().flatten());
    for f in rows {
        if types::parse(&f.ty).is_ok_and(|ph| named(&ph).contains(&name)) {
            return Some(f.description.trim().to_owned());
        }
    }
    None
}

fn check_uri(page: &Parsed<spec::Operation>, path_params: &[spec::Field], diags: &mut Vec<Diagnostic>) {
    let uri = &page.spec.uri;
    if !uri.starts_with('/') {
        diags.push(page.at(
            "uri",
            format!("uri `{uri}` does not start with `/`"),
            Some("write the path as documented, e.g. /v1/{project_id}/...".to_owned()),
        ));
    }
    if uri.contains('?') {
        diags.push(page.at(
            "uri",
            "uri contains a query string".to_owned(),
            Some("write the path only; the query parameters go under `query_parameters`".to_owned()),
        ));
    }
    let mut placeholders = Vec::new();
    let mut rest = uri.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            diags.push(page.at("uri", "uri has a `{` without a closing `}`".to_owned(), None));
            break;
        };
        placeholders.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    if rest.contains('}') && placeholders.is_empty() {
        diags.push(page.at("uri", "uri has a `}` without an opening `{`".to_owned(), None));
    }
    for ph in &placeholders {
        if !path_params.iter().any(|p| &p.name == ph) {
            let hint = closest(ph, path_params.iter().map(|p| p.name.as_str()))
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| format!("add a row `{{name: {ph}, mandatory: true, type: String, description: ...}}` under `path_parameters`"));
            diags.push(page.at("uri", format!("placeholder `{{{ph}}}` in the uri has no path parameter"), Some(hint)));
        }
    }
    for (i, p) in path_params.iter().enumerate() {
        if !placeholders.contains(&p.name.as_str()) {
            diags.push(page.at(
                &format!("path_parameters[{i}].name"),
                format!("path parameter `{}` does not appear in the uri", p.name),
                Some(format!(
                    "add `{{{}}}` to the uri where the documentation has it, or move the row to the right table",
                    p.name
                )),
            ));
        }
    }
}

fn parse_example(
    page: &Parsed<spec::Operation>,
    path: &str,
    description: Option<String>,
    json: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::Example> {
    match serde_json::from_str(json) {
        Ok(value) => Some(ir::Example { description, json: json.to_owned(), value }),
        Err(e) => {
            let (line, column) = page.locator.value(path);
            // A block scalar's text starts on the line after its indicator.
            diags.push(Diagnostic {
                file: page.file.clone(),
                line: line + e.line(),
                column,
                yaml_path: path.to_owned(),
                message: format!("example is not valid JSON: {e}"),
                hint: Some("paste the example exactly as the page prints it, in a `json: |` block".to_owned()),
            });
            None
        }
    }
}

fn check_examples(
    page: &Parsed<spec::Operation>,
    op: &ir::Operation,
    objects: &[ir::Object],
    enums: &[ir::Enum],
    diags: &mut Vec<Diagnostic>,
) {
    let t = example::Tables { objects, enums };
    let mut report = |path: String, problems: Vec<String>| {
        for p in problems {
            diags.push(page.at(
                &path,
                format!("example does not match its table: {p}"),
                Some("fix the table or the example so that they agree with the documentation".to_owned()),
            ));
        }
    };
    for (i, r) in page.spec.responses.iter().enumerate() {
        let Some(resp) = op.responses.iter().find(|x| x.status == r.status) else { continue };
        let Some(name) = &resp.body else { continue };
        if r.body.is_none() {
            continue;
        }
        for (j, e) in resp.examples.iter().enumerate() {
            report(format!("responses[{i}].examples[{j}].json"), example::check(&t, name, &e.value, Mode::Response));
        }
    }
    for (j, e) in op.example_requests.iter().enumerate() {
        match (&e.body, &op.body) {
            (Some(ex), Some(b)) => {
                report(format!("example_requests[{j}].json"), example::check(&t, &b.object, &ex.value, Mode::Request))
            }
            (Some(_), None) => report(
                format!("example_requests[{j}].json"),
                vec!["the operation has no request body table".to_owned()],
            ),
            _ => {}
        }
    }
}

impl Type {
    /// Whether the type is a scalar that maps to a Rust `Copy` or `String` value.
    pub fn is_scalar(&self) -> bool {
        matches!(self, Type::String | Type::Integer | Type::Long | Type::Number | Type::Boolean | Type::Enum(_))
    }
}
