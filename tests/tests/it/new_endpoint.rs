//! `cargo xtask new-endpoint`: the skeleton lands in the right place, refuses to overwrite, fails
//! with located diagnostics while placeholders are left, and generates once filled in; and the
//! "Adding an endpoint" walkthrough of README.md, followed step by step in a copy of `spec/`, gives
//! a crate that compiles with the new client method.

use std::path::Path;
use std::process::Command;

use codegen::SourceFile;
use huaweicloud_sdk_tests::{generate, load, manifest, root, workspace_profiles};

fn skeleton() -> SourceFile {
    let (rel, text) = codegen::spec::skeleton::render("ddm", "v1", "ShowExample").expect("valid names");
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
    let page = generated.iter().find(|f| f.path == "services/ddm/src/v1/show_example.rs").expect("operation file");
    assert!(page.contents.contains("pub struct ShowExampleRequest"));
    let client = generated.iter().find(|f| f.path == "services/ddm/src/v1/client.rs").expect("client");
    assert!(client.contents.contains("pub async fn show_example("));
}

#[test]
fn the_task_writes_once_and_then_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("ddm")).expect("mkdir");
    std::fs::copy(root().join("spec/ddm/service.yaml"), dir.join("ddm/service.yaml")).expect("copy");
    let run = || {
        Command::new(env!("CARGO"))
            .current_dir(root())
            .args(["run", "--quiet", "-p", "xtask", "--", "new-endpoint", "ddm", "v1", "ShowExample", "--spec"])
            .arg(dir)
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
}

/// Replaces the one occurrence of `from` in `text`; panics when there is none or several, so a
/// change to the skeleton shows up here instead of silently leaving a step undone.
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "expected `{from}` once in:\n{text}");
    text.replacen(from, to, 1)
}

/// What a user does in step 2 of the walkthrough for a GET page with a path parameter, a query
/// parameter and a 200 body with one field: every `REPLACE` filled in, `instance_id` added to the
/// URI table, and the skeleton's commented query table uncommented.
fn fill_in(skeleton: &str) -> String {
    let mut text = skeleton.to_owned();
    for (from, to) in [
        ("REPLACE page title", "Querying an Example"),
        ("REPLACE This API is used to ...", "This API is used to query an example of a DDM instance."),
        ("/v1/{project_id}/REPLACE", "/v1/{project_id}/instances/{instance_id}/example"),
        (
            "    supplied_by: project_id\n",
            "    supplied_by: project_id\n  - name: instance_id\n    mandatory: true\n    type: String\n    description: DDM instance ID.\n",
        ),
        ("description: REPLACE\n    name:", "description: OK\n    name:"),
        (
            "- name: REPLACE\n        type: String\n        description: REPLACE",
            "- name: name\n        type: String\n        description: Example name.",
        ),
        (r#"{"REPLACE": "REPLACE"}"#, r#"{"name": "example"}"#),
    ] {
        text = replace_once(&text, from, to);
    }
    let start = text.find("# query_parameters:").expect("the skeleton has a commented query table");
    let end = start + text[start..].find("\n\n").expect("a blank line ends the query table");
    let table: Vec<&str> = text[start..end].lines().map(|l| l.strip_prefix("# ").unwrap_or(l)).collect();
    text.replace_range(start..end, &table.join("\n"));
    text
}

/// Copies the directory tree `from` to `to`.
fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap_or_else(|e| panic!("{}: {e}", from.display()));
        let rel = entry.path().strip_prefix(from).expect("the walk stays below its root");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
        } else {
            std::fs::copy(entry.path(), &target).unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
        }
    }
}

/// `value` with a relative `path` key made absolute, for a dependency table read from the
/// workspace manifest and written into a manifest elsewhere.
fn absolute_path(mut value: toml::Value) -> toml::Value {
    if let Some(path) = value.get_mut("path")
        && let Some(rel) = path.as_str()
    {
        *path = toml::Value::String(root().join(rel).to_string_lossy().into_owned());
    }
    value
}

/// The value of key `key` of `table` in the manifest of a crate outside the workspace: the
/// workspace's value where the crate inherits it (`key.workspace = true`, with the crate's own
/// `features` added to a dependency and its own `optional` kept), else its own.
fn resolve(workspace: &toml::Table, table: &str, key: &str, own: toml::Value) -> toml::Value {
    let inherits = own.get("workspace").and_then(toml::Value::as_bool) == Some(true);
    if !inherits {
        return own;
    }
    let inherited = workspace.get(key).unwrap_or_else(|| panic!("{table} has no {key}")).clone();
    let mut inherited = match inherited {
        toml::Value::String(version) if table == "workspace.dependencies" => {
            toml::Value::Table(toml::Table::from_iter([("version".to_owned(), toml::Value::String(version))]))
        }
        other => other,
    };
    if let (Some(features), Some(t)) = (own.get("features"), inherited.as_table_mut()) {
        let mut all = t.get("features").and_then(toml::Value::as_array).cloned().unwrap_or_default();
        all.extend(features.as_array().into_iter().flatten().cloned());
        t.insert("features".to_owned(), toml::Value::Array(all));
    }
    if let (Some(optional), Some(t)) = (own.get("optional"), inherited.as_table_mut()) {
        t.insert("optional".to_owned(), optional.clone());
    }
    absolute_path(inherited)
}

/// `generated/Cargo.toml` made standalone for a copy of the crate outside the workspace: keys
/// inherited from the workspace get the workspace's values (relative paths made absolute), and the
/// workspace's profiles come along so that the dependencies already built in `target/` are reused.
/// Left out: `[lints]`, the `[[example]]`s, whose hand-written files are not part of what codegen
/// writes, and the dev-dependencies but the mock crate, whose checks the generated
/// `tests/examples.rs` calls.
fn standalone_manifest() -> String {
    let sdk = manifest("generated/Cargo.toml");
    let mut workspace_manifest = manifest("Cargo.toml");
    let mut workspace =
        workspace_manifest.remove("workspace").and_then(|w| w.as_table().cloned()).expect("[workspace]");
    let table = |name: &str| workspace.get(name).and_then(toml::Value::as_table).cloned().unwrap_or_default();
    let (package, dependencies) = (table("package"), table("dependencies"));
    let mut out = toml::Table::new();
    for (name, value) in sdk {
        let inherited_from = match name.as_str() {
            "package" => Some((&package, "workspace.package")),
            "dependencies" => Some((&dependencies, "workspace.dependencies")),
            "lib" | "features" => None,
            _ => continue,
        };
        let value = match (inherited_from, value) {
            (Some((from, table)), toml::Value::Table(own)) => {
                toml::Value::Table(own.into_iter().map(|(k, v)| (k.clone(), resolve(from, table, &k, v))).collect())
            }
            (_, value) => value,
        };
        out.insert(name, value);
    }
    let mock = resolve(
        &dependencies,
        "workspace.dependencies",
        "huaweicloud-sdk-mock",
        toml::Value::Table(toml::Table::from_iter([("workspace".to_owned(), toml::Value::Boolean(true))])),
    );
    out.insert(
        "dev-dependencies".to_owned(),
        toml::Value::Table(toml::Table::from_iter([("huaweicloud-sdk-mock".to_owned(), mock)])),
    );
    // Its own workspace, wherever the copy is, with the service crates that codegen writes under
    // services/ as members: they inherit the workspace's package keys, dependencies and lints.
    workspace.insert("members".to_owned(), toml::Value::Array(vec![toml::Value::String("services/*".to_owned())]));
    let dependencies = dependencies.into_iter().map(|(k, v)| (k, absolute_path(v))).collect();
    workspace.insert("dependencies".to_owned(), toml::Value::Table(dependencies));
    out.insert("workspace".to_owned(), toml::Value::Table(workspace));
    format!(
        "# A copy of generated/Cargo.toml outside the workspace (tests/tests/it/new_endpoint.rs).\n{out}\n{}",
        workspace_profiles()
    )
}

/// Runs `cargo <args>` (see [`huaweicloud_sdk_tests::cargo`]) and panics with its output unless
/// it succeeds.
fn cargo(args: &[&str]) -> std::process::Output {
    let output = huaweicloud_sdk_tests::cargo(args).output().expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A program that uses what step 3 promises: the client method, its request with the path and
/// query parameters, its response field and its error type.
const USE_THE_NEW_METHOD: &str = r#"//! Compiled by tests/tests/it/new_endpoint.rs.
use huaweicloud_sdk::ddm::v1::{
    DdmClient,
    show_example::{ShowExampleError, ShowExampleRequest, ShowExampleResponse},
};
use huaweicloud_sdk::runtime::Error;

pub async fn example_name(client: &DdmClient) -> Result<Option<String>, Error<ShowExampleError>> {
    let response: ShowExampleResponse = client.show_example(&ShowExampleRequest::new("inst-1").limit(10)).await?;
    Ok(response.name)
}

fn main() {
    let _ = example_name;
}
"#;

#[test]
fn codegen_names_a_service_the_facade_manifest_has_no_feature_for() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let (spec, krate) = (tmp.path().join("spec"), tmp.path().join("generated"));
    copy_dir(&root().join("spec/iam"), &spec.join("iam"));
    std::fs::create_dir_all(spec.join("ddm/v1")).expect("mkdir");
    for file in ["ddm/service.yaml", "ddm/v1/list_users.yaml"] {
        std::fs::copy(root().join("spec").join(file), spec.join(file)).expect("copy a spec file");
    }
    // A hand-kept facade manifest that knows `ddm` but not `iam`.
    std::fs::create_dir_all(&krate).expect("mkdir");
    let manifest =
        "[package]\nname = \"huaweicloud-sdk\"\n\n[features]\nddm = [\"dep:huaweicloud-sdk-ddm\", \"iam\"]\n";
    std::fs::write(krate.join("Cargo.toml"), manifest).expect("write the manifest");
    let utf8 = |p: &Path| p.to_str().expect("a UTF-8 temp dir").to_owned();
    let out =
        cargo(&["run", "--quiet", "-p", "xtask", "--", "codegen", "--spec", &utf8(&spec), "--out", &utf8(&krate)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("has no feature `iam`, so the facade leaves the crate services/iam/ out"), "{stdout}");
    assert!(stdout.contains("`iam = [\"dep:huaweicloud-sdk-iam\"]`"), "{stdout}");
    assert!(!stdout.contains("feature `ddm`"), "{stdout}");

    // A project-scoped service names the service that discovers its project (IAM).
    std::fs::write(krate.join("Cargo.toml"), "[package]\nname = \"huaweicloud-sdk\"\n").expect("write the manifest");
    let out =
        cargo(&["run", "--quiet", "-p", "xtask", "--", "codegen", "--spec", &utf8(&spec), "--out", &utf8(&krate)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("`ddm = [\"dep:huaweicloud-sdk-ddm\", \"iam\"]`"), "{stdout}");
}

#[test]
fn the_walkthrough_gives_a_crate_that_compiles_with_the_new_method() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let dir = tmp.path();
    let (spec, krate) = (dir.join("spec"), dir.join("generated"));
    // Every service of `spec/` (the crate's manifest names them all) with one page each, the new
    // page being DDM's; IAM whole (project discovery). The walkthrough builds the crate twice, and
    // all of `spec/` would only make that slower.
    copy_dir(&root().join("spec/iam"), &spec.join("iam"));
    let mut files = vec!["ddm/v1/list_users.yaml".to_owned(), "dws/v2/show_database_om_user_status.yaml".to_owned()];
    let sorted = |dir: &Path| {
        let mut entries: Vec<std::path::PathBuf> =
            std::fs::read_dir(dir).expect("read a spec folder").map(|e| e.expect("entry").path()).collect();
        entries.sort();
        entries
    };
    for service in sorted(&root().join("spec")).into_iter().filter(|p| p.is_dir()) {
        let name = service.file_name().expect("a name").to_string_lossy().into_owned();
        if name == "iam" {
            continue;
        }
        files.push(format!("{name}/service.yaml"));
        if name == "ddm" || name == "dws" {
            continue;
        }
        for version in sorted(&service).into_iter().filter(|p| p.is_dir()) {
            // One that lowers alone: a `waiter` names another operation of its version.
            let alone = |f: &std::path::PathBuf| {
                f.extension().is_some_and(|e| e == "yaml")
                    && !std::fs::read_to_string(f).expect("read a spec file").contains("\nwaiter:")
            };
            let first = sorted(&version).into_iter().find(alone);
            let first = first.expect("a version folder has an operation without a waiter");
            files.push(first.strip_prefix(root().join("spec")).expect("under spec/").to_string_lossy().into_owned());
        }
    }
    for file in &files {
        let to = spec.join(file);
        std::fs::create_dir_all(to.parent().expect("a folder")).expect("mkdir");
        std::fs::copy(root().join("spec").join(file), &to).expect("copy a spec file");
    }
    let utf8 = |p: &Path| p.to_str().expect("a UTF-8 temp dir").to_owned();
    let (spec_dir, crate_dir) = (utf8(&spec), utf8(&krate));

    // Step 1: the skeleton.
    cargo(&["run", "--quiet", "-p", "xtask", "--", "new-endpoint", "ddm", "v1", "ShowExample", "--spec", &spec_dir]);
    // Step 2: filled in.
    let page = spec.join("ddm/v1/show_example.yaml");
    let skeleton = std::fs::read_to_string(&page).expect("the skeleton was written");
    std::fs::write(&page, fill_in(&skeleton)).expect("write the page");
    // Step 3: generated, into a crate that has its manifest and the workspace's lock file.
    std::fs::create_dir_all(&krate).expect("mkdir");
    std::fs::write(krate.join("Cargo.toml"), standalone_manifest()).expect("write the manifest");
    std::fs::copy(root().join("Cargo.lock"), krate.join("Cargo.lock")).expect("copy the lock file");
    cargo(&["run", "--quiet", "-p", "xtask", "--", "codegen", "--spec", &spec_dir, "--out", &crate_dir]);
    let client =
        std::fs::read_to_string(krate.join("services/ddm/src/v1/client.rs")).expect("the client was generated");
    assert!(client.contains("pub async fn show_example("), "{client}");

    // The crate compiles with a program that calls the new method, and (step 4) every documented
    // example, the new page's included, goes through its model.
    std::fs::create_dir_all(krate.join("examples")).expect("mkdir");
    std::fs::write(krate.join("examples/walkthrough.rs"), USE_THE_NEW_METHOD).expect("write the program");
    let manifest = utf8(&krate.join("Cargo.toml"));
    cargo(&["check", "--offline", "--manifest-path", &manifest, "--lib", "--example", "walkthrough"]);
    let tests = cargo(&["test", "--offline", "--manifest-path", &manifest, "--test", "examples"]);
    let report = String::from_utf8_lossy(&tests.stdout);
    assert!(report.contains("test ddm_v1_show_example_status_200_example_1 ... ok"), "{report}");
}

#[test]
fn import_refuses_a_service_or_version_that_could_not_be_a_spec_directory() {
    let seed = root().join("../shared/seeds/004_f76ca43639d64e00.txt");
    let seed = seed.to_str().expect("a UTF-8 path");
    for (args, expected) in [
        (["--service", "DDM", "--version", "v1"], "import needs --service <lower-case name>"),
        (["--service", "ddm", "--version", "1"], "--version \"1\" must look like v1, v2, v3"),
    ] {
        let mut all = vec!["run", "--quiet", "-p", "xtask", "--", "import", "--dry-run"];
        all.extend(args);
        all.push(seed);
        let out = huaweicloud_sdk_tests::cargo(&all).output().expect("cargo runs");
        assert!(!out.status.success(), "{args:?} was accepted");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn import_refuses_a_file_that_is_no_text_page_and_reports_problems_on_stderr() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gz = dir.path().join("page.html.gz");
    std::fs::write(&gz, [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00]).expect("write");
    let no_uri = dir.path().join("page.txt");
    std::fs::write(&no_uri, "Listing Things\n\nFunction\n\nThis API lists things.\n").expect("write");
    for (page, expected) in [(&gz, "not a text page (gzip-compressed)"), (&no_uri, "error: no URI")] {
        let page = page.to_str().expect("a UTF-8 path");
        let out = huaweicloud_sdk_tests::cargo(&[
            "run",
            "--quiet",
            "-p",
            "xtask",
            "--",
            "import",
            "--dry-run",
            "--service",
            "things",
            page,
        ])
        .output()
        .expect("cargo runs");
        assert!(!out.status.success(), "{page} was accepted");
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(stderr.contains(expected), "{page}: {stderr}");
        assert!(stdout.is_empty(), "errors go to stderr: {stdout}");
    }
}

#[test]
fn codegen_refuses_to_rename_or_remove_a_published_type_unless_told() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let (spec, krate) = (tmp.path().join("spec"), tmp.path().join("generated"));
    copy_dir(&root().join("spec/iam"), &spec.join("iam"));
    std::fs::create_dir_all(spec.join("ddm/v1")).expect("mkdir");
    for file in ["ddm/service.yaml", "ddm/v1/list_users.yaml", "ddm/v1/delete_user.yaml"] {
        std::fs::copy(root().join("spec").join(file), spec.join(file)).expect("copy a spec file");
    }
    std::fs::create_dir_all(&krate).expect("mkdir");
    std::fs::write(krate.join("Cargo.toml"), "[package]\nname = \"huaweicloud-sdk\"\n").expect("write the manifest");
    let utf8 = |p: &Path| p.to_str().expect("a UTF-8 temp dir").to_owned();
    let (spec_dir, crate_dir) = (utf8(&spec), utf8(&krate));
    cargo(&["run", "--quiet", "-p", "xtask", "--", "codegen", "--spec", &spec_dir, "--out", &crate_dir]);
    let before = std::fs::read_to_string(krate.join("services/ddm/src/v1/delete_user.rs")).expect("generated");

    // The operation goes away: its public types with it, which programs may name.
    std::fs::remove_file(spec.join("ddm/v1/delete_user.yaml")).expect("remove a page");
    let args = ["run", "--quiet", "-p", "xtask", "--", "codegen", "--spec", &spec_dir, "--out", &crate_dir];
    let refused = huaweicloud_sdk_tests::cargo(&args).output().expect("cargo runs");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "{stderr}");
    assert!(
        stderr.contains("the type ddm::v1::delete_user::DeleteUserRequest would be renamed or removed"),
        "{stderr}"
    );
    assert!(stderr.contains("--allow-breaking"), "{stderr}");
    let kept = std::fs::read_to_string(krate.join("services/ddm/src/v1/delete_user.rs")).expect("nothing was written");
    assert_eq!(kept, before);

    // Told that it is meant, it writes.
    let mut allowed = args.to_vec();
    allowed.push("--allow-breaking");
    cargo(&allowed);
    assert!(!krate.join("services/ddm/src/v1/delete_user.rs").exists());
}
