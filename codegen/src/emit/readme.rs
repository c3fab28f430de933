//! `README.md` of the generated crate, rendered with askama: its front page.

use askama::Template;

use crate::ir::Api;

#[derive(Template)]
#[template(path = "crate_readme.md", escape = "none")]
struct Readme {
    services: Vec<ServiceRow>,
}

struct ServiceRow {
    name: String,
    display_name: String,
    description: String,
    endpoint: String,
    region_count: usize,
    versions: Vec<VersionRow>,
}

struct VersionRow {
    name: String,
    operations: Vec<OperationRow>,
}

struct OperationRow {
    wire_name: String,
    method: String,
    uri: String,
    rust_name: String,
    request_type: String,
    summary: String,
    spec_file: String,
    spec_name: String,
}

/// Renders the crate README, or the askama error text.
pub fn render(api: &Api) -> Result<String, String> {
    let services = api
        .services
        .iter()
        .map(|s| ServiceRow {
            name: s.name.clone(),
            display_name: s.display_name.clone(),
            description: s.description.clone(),
            endpoint: s.endpoint.clone(),
            region_count: s.regions.len(),
            versions: s
                .versions
                .iter()
                .map(|v| VersionRow {
                    name: v.name.clone(),
                    operations: v
                        .operations
                        .iter()
                        .map(|op| OperationRow {
                            wire_name: op.wire_name.clone(),
                            method: op.method.clone(),
                            uri: op.uri.clone(),
                            rust_name: op.names.method.to_string(),
                            request_type: op.names.request.to_string(),
                            summary: one_line(&op.title, &op.description),
                            spec_name: op.spec_file.rsplit('/').next().unwrap_or_default().to_owned(),
                            spec_file: op.spec_file.clone(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let text = Readme { services }.render().map_err(|e| e.to_string())?;
    // Collapse runs of blank lines the template's control blocks leave behind.
    let mut out = String::new();
    for line in text.lines() {
        if line.trim().is_empty() && (out.ends_with("\n\n") || out.is_empty()) {
            continue;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    Ok(out)
}

fn one_line(title: &str, description: &str) -> String {
    let first = description.lines().next().unwrap_or_default().trim();
    let text = if first.is_empty() { title } else { first };
    text.replace('|', "\\|")
}
