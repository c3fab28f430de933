//! `cargo xtask new-endpoint <service> <version> <OperationName>`: a commented skeleton spec file
//! for one documentation page, in the right place, for the user to fill in.

use crate::diag::Diagnostic;
use crate::naming::{is_type_name, spec_file};
use crate::spec::load::SourceFile;

/// The marker of a value still to fill in.
pub const PLACEHOLDER: &str = "REPLACE";

/// A diagnostic for every uncommented line of `file` that still holds [`PLACEHOLDER`], so that an
/// unfinished skeleton never generates an endpoint.
pub fn placeholders(file: &SourceFile) -> Vec<Diagnostic> {
    file.text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with('#'))
        .filter_map(|(i, l)| placeholder_at(l).map(|c| (i, c)))
        .map(|(i, c)| Diagnostic {
            file: file.display.clone(),
            line: i + 1,
            column: c + 1,
            yaml_path: String::new(),
            message: format!("placeholder {PLACEHOLDER} left from `cargo xtask new-endpoint`"),
            hint: Some("replace it with the value from the documentation page, or delete the entry".to_owned()),
        })
        .collect()
}

/// Where `line` holds the placeholder as the skeleton writes it: the word `REPLACE` alone (a value,
/// a path segment, a JSON string), not a documented value that contains or starts with it
/// (`REPLACE_ROLLBACK`, `REPLACE: replaces the node` in a description).
fn placeholder_at(line: &str) -> Option<usize> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    line.match_indices(PLACEHOLDER).map(|(at, _)| at).find(|&at| {
        let before = line[..at].chars().next_back();
        let after = line[at + PLACEHOLDER.len()..].chars().next();
        !word(before) && !word(after) && after != Some(':')
    })
}

/// The skeleton of `spec/<service>/<version>/<operation>.yaml`: its path relative to the spec
/// directory, and its text. Every value to replace says `REPLACE`; the comments say where on the
/// documentation page each one is found.
pub fn render(service: &str, version: &str, operation: &str) -> Result<(String, String), String> {
    if !super::is_service_dir(service) {
        return Err(format!("service {service:?} must be the lower-case short name of the endpoint host, e.g. ddm"));
    }
    if !super::is_version_dir(version) {
        return Err(format!("version {version:?} must look like v1, v2, v3 (the official SDKs' version)"));
    }
    if !is_type_name(operation) {
        return Err(format!("operation {operation:?} must be the official SDKs' UpperCamelCase name, e.g. ListUsers"));
    }
    let file = format!("{service}/{version}/{}.yaml", spec_file(operation));
    let text = TEMPLATE.replace("{operation}", operation).replace("{service}", service);
    Ok((file, text))
}

const TEMPLATE: &str = r#"# {operation}: transcribed from its documentation page. Replace every REPLACE, delete the sections
# the page does not have, and keep the page's own words in descriptions. The format is described
# field by field in spec/README.md; `cargo xtask codegen` checks it and points at any mistake.
operation: {operation}
# The page title.
title: REPLACE page title
# "Function": what the API does.
description: REPLACE This API is used to ...
# The "URI" line: method and path, placeholders in braces.
method: GET
uri: "/v1/{project_id}/REPLACE"

# "URI parameters" table, one entry per row. `project_id` is filled from the credentials.
path_parameters:
  - name: project_id
    mandatory: true
    type: String
    description: Project ID.
    supplied_by: project_id

# "Query parameters" table, if the page has one (delete the section otherwise).
# query_parameters:
#   - name: limit
#     mandatory: false
#     type: Integer
#     # Quote a description that contains ": " (YAML would read a mapping).
#     description: "Maximum number of results. Value range: 1 to 128."
#     range: [1, 128]
#     default: 10

# "Request header parameters" table. Every page documents X-Auth-Token; with AK/SK signing it is
# not sent, with token authentication the runtime fills it.
header_parameters:
  - name: X-Auth-Token
    mandatory: true
    type: String
    description: User token.
    supplied_by: auth_token

# "Request body" table, if the page has one (set method to POST/PUT and delete this comment).
# request_body:
#   name: REPLACE the official SDKs' body type name, e.g. CreateUsersReq
#   body:
#     - name: REPLACE
#       mandatory: true
#       type: String
#       description: REPLACE

# "Status code" table, one entry per row, with the response body table of each status and the
# example responses verbatim.
responses:
  - status: 200
    description: REPLACE
    name: {operation}Response
    body:
      - name: REPLACE
        type: String
        description: REPLACE
    examples:
      - json: |
          {"REPLACE": "REPLACE"}

# One table per nested object ("Table N <Name>" on the page), keyed by its name.
# objects:
#   REPLACE:
#     - name: REPLACE
#       type: String
#       description: REPLACE
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert!(render("DDM", "v1", "ListUsers").is_err());
        assert!(render("ddm", "1", "ListUsers").is_err());
        assert!(render("ddm", "v1", "list_users").is_err());
        let (path, text) = render("ddm", "v1", "ShowExample").expect("valid");
        assert_eq!(path, "ddm/v1/show_example.yaml");
        assert!(text.contains("operation: ShowExample") && text.contains("name: ShowExampleResponse"));
    }
}

#[cfg(test)]
mod placeholder_tests {
    #[test]
    fn the_skeletons_placeholders_are_found_and_documented_values_are_not() {
        for line in
            ["title: REPLACE page title", "uri: \"/v1/{project_id}/REPLACE\"", "  - name: REPLACE", "{\"REPLACE\": 1}"]
        {
            assert!(super::placeholder_at(line).is_some(), "{line}");
        }
        for line in ["description: \"REPLACE: 节点顶替 REPLACE_ROLLBACK: 回切\"", "values: [NOREPLACE, REPLACED]"]
        {
            assert_eq!(super::placeholder_at(line), None, "{line}");
        }
    }
}
