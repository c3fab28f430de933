//! `cargo xtask new-endpoint`: the skeleton lands in the right place, refuses to overwrite, fails
//! with located diagnostics while placeholders are left, and generates once filled in.

use std::process::Command;

use codegen::SourceFile;
use huaweicloud_sdk_tests::{generate, load, root};

fn skeleton() -> SourceFile {
    let (rel, text) = codegen::skeleton::render("ddm", "v1", "ShowExample").expect("valid names");
    SourceFile { display: format!("spec/{rel}"), rel, text }
}

#[test]
fn an_unfilled_skeleton_is_reported_line_by_line() {
    let mut files = load("spec");
    files.push(skeleton());
    let diags = generate(&files, "huaweicloud_sdk").expect_err("placeholders left").to_string();
    assert!(diags.contains("spec/ddm/v1/show_example.yaml:6:8: error: placeholder REPLACE left"), "{diags}");
    assert!(!diags.contains("list_users.yaml"), "only the new file is reported:\n{diags}");
}

#[test]
fn a_filled_in_skeleton_generates_a_client_method() {
    // What the walkthrough in README.md does to the skeleton for a page with one path parameter.
    let mut file = skeleton();
    file.text = file
        .text
        .replace("REPLACE page title", "Querying an Example")
        .replace("REPLACE This API is used to ...", "This API is used to query an example.")
        .replace("/v1/{project_id}/REPLACE", "/v1/{project_id}/instances/{instance_id}/example")
        .replace(
            "    supplied_by: project_id\n",
            "    supplied_by: project_id\n  - name: instance_id\n    mandatory: true\n    type: String\n    description: DDM instance ID.\n",
        )
        .replace("description: REPLACE\n    name:", "description: OK\n    name:")
        .replace("- name: REPLACE\n        type: String\n        description: REPLACE", "- name: name\n        type: String\n        description: Example name.")
        .replace(r#"{"REPLACE": "REPLACE"}"#, r#"{"name": "example"}"#);
    let mut files = load("spec");
    files.push(file);
    let generated = generate(&files, "huaweicloud_sdk").unwrap_or_else(|d| panic!("does not generate:\n{d}"));
    let page = generated.iter().find(|f| f.path == "src/ddm/v1/show_example.rs").expect("operation file");
    assert!(page.contents.contains("pub struct ShowExampleRequest"));
    let client = generated.iter().find(|f| f.path == "src/ddm/v1/client.rs").expect("client");
    assert!(client.contents.contains("pub async fn show_example("));
}

#[test]
fn the_task_writes_once_and_then_refuses_to_overwrite() {
    let dir = std::env::temp_dir().join(format!("hwc-new-endpoint-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("ddm")).expect("mkdir");
    std::fs::copy(root().join("spec/ddm/service.yaml"), dir.join("ddm/service.yaml")).expect("copy");
    let run = || {
        Command::new(env!("CARGO"))
            .current_dir(root())
            .args(["run", "--quiet", "-p", "xtask", "--", "new-endpoint", "ddm", "v1", "ShowExample", "--spec"])
            .arg(&dir)
            .output()
            .expect("cargo runs")
    };
    let first = run();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let written = std::fs::read_to_string(dir.join("ddm/v1/show_example.yaml")).expect("written");
    assert_eq!(written, skeleton().text);
    assert!(String::from_utf8_lossy(&first.stdout).contains("next: fill it in"));
    std::fs::write(dir.join("ddm/v1/show_example.yaml"), "# my edits\n").expect("edit");
    let second = run();
    assert_eq!(second.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&second.stderr).contains("already exists; nothing was written"));
    assert_eq!(std::fs::read_to_string(dir.join("ddm/v1/show_example.yaml")).expect("kept"), "# my edits\n");
    let _ = std::fs::remove_dir_all(&dir);
}
