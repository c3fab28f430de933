//! `cargo xtask audit`: the spec tree against the official Python SDK's models. A tiny tree with
//! one deliberate difference reports exactly it (and, once listed, as known); the real `spec/`
//! agrees everywhere but for its listed known differences.

use std::path::Path;
use std::process::{Command, Output};

use huaweicloud_sdk_tests::{oracle, root};

/// Runs `cargo xtask audit` with the oracle's Python.
fn audit(args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["run", "--quiet", "-p", "xtask", "--", "audit"])
        .args(args)
        .env(oracle::PYTHON_VAR, oracle::python())
        .output()
        .expect("cargo runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A spec tree of DDM's service and `ListUsers`, its `page_no` documented as a String where
/// the SDK has an int.
fn tiny_tree(dir: &Path) {
    std::fs::create_dir_all(dir.join("ddm/v1")).expect("mkdir");
    std::fs::copy(root().join("spec/ddm/service.yaml"), dir.join("ddm/service.yaml")).expect("copy");
    let page = std::fs::read_to_string(root().join("spec/ddm/v1/list_users.yaml")).expect("read");
    let from = "      - name: page_no\n        type: Integer\n";
    assert_eq!(page.matches(from).count(), 1, "list_users.yaml changed: {from:?} is not there once");
    let page = page.replace(from, "      - name: page_no\n        type: String\n");
    std::fs::write(dir.join("ddm/v1/list_users.yaml"), page).expect("write");
}

/// The indented lines under the kind headings of the report.
fn disagreement_lines(report: &str) -> Vec<String> {
    let kinds =
        ["missing in spec (", "missing in SDK (", "location differs (", "mandatory differs (", "type differs ("];
    let mut lines = Vec::new();
    let mut under_kind = false;
    for line in report.lines() {
        if let Some(item) = line.strip_prefix("  ") {
            if under_kind {
                lines.push(item.to_owned());
            }
        } else {
            under_kind = kinds.iter().any(|k| line.starts_with(k));
        }
    }
    lines
}

#[test]
fn a_deliberate_type_difference_is_the_one_disagreement_reported() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    tiny_tree(tmp.path());
    let spec = tmp.path().to_str().expect("a UTF-8 path");
    let out = audit(&["--spec", spec]);
    let report = stdout(&out);
    assert!(out.status.success(), "{report}{}", String::from_utf8_lossy(&out.stderr));
    assert!(report.contains("1 operations matched by service, method and path"), "{report}");
    let expected = format!("ListUsers response.page_no ({spec}/ddm/v1/list_users.yaml): spec: String, SDK: int");
    assert_eq!(disagreement_lines(&report), vec![expected], "{report}");
    assert!(report.contains("disagreements: 1 (type differs 1)"), "{report}");
    let fails = audit(&["--spec", spec, "--min-agreement", "100"]);
    assert_eq!(fails.status.code(), Some(1), "{}", stdout(&fails));
}

#[test]
fn a_listed_difference_is_reported_as_known_and_passes() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    tiny_tree(tmp.path());
    let known = "[[difference]]\noperation = \"ListUsers\"\nfield = \"response.page_no\"\n\
                 kind = \"type differs\"\nreason = \"changed by the test\"\n";
    std::fs::write(tmp.path().join("audit-known-differences.toml"), known).expect("write");
    let out = audit(&["--spec", tmp.path().to_str().expect("a UTF-8 path"), "--min-agreement", "100"]);
    let report = stdout(&out);
    assert!(out.status.success(), "{report}{}", String::from_utf8_lossy(&out.stderr));
    assert!(disagreement_lines(&report).is_empty(), "{report}");
    assert!(report.contains("known differences (1, from "), "{report}");
    assert!(report.contains("ListUsers response.page_no"), "{report}");
    assert!(report.contains("(known: changed by the test)"), "{report}");
}

#[test]
fn a_known_difference_of_an_unknown_kind_is_a_usage_error() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    tiny_tree(tmp.path());
    let known = "[[difference]]\noperation = \"ListUsers\"\nfield = \"limit\"\nkind = \"differs\"\nreason = \"x\"\n";
    std::fs::write(tmp.path().join("audit-known-differences.toml"), known).expect("write");
    let out = audit(&["--spec", tmp.path().to_str().expect("a UTF-8 path")]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown kind `differs` for ListUsers limit (one of: missing in spec,"), "{stderr}");
}

#[test]
fn every_operation_of_spec_agrees_or_is_a_listed_known_difference() {
    let out = audit(&["--min-agreement", "100"]);
    let report = stdout(&out);
    assert!(out.status.success(), "{report}{}", String::from_utf8_lossy(&out.stderr));
    let operations = walkdir::WalkDir::new(root().join("spec"))
        .min_depth(3)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .count();
    assert!(report.contains(&format!("\n{operations} operations matched by service, method and path")), "{report}");
    assert!(disagreement_lines(&report).is_empty(), "{report}");
    assert!(!report.contains("did not occur"), "a listed difference no longer occurs:\n{report}");
    assert!(!report.contains("the SDK does not have"), "{report}");
}

/// The README's coverage section is what `cargo xtask audit --coverage` prints for `spec/` and the
/// corpus today: a spec added or removed, or an SDK pin moved, shows here until the README says so.
#[test]
fn the_readme_coverage_section_is_current() {
    let (corpus, cloud) = (root().join("../shared/corpus"), root().join("../shared/cloud-corpus"));
    let (corpus, cloud) = (corpus.to_str().expect("a UTF-8 path"), cloud.to_str().expect("a UTF-8 path"));
    let out = audit(&["--coverage", "--corpus", corpus, "--corpus", cloud]);
    assert!(out.status.success(), "audit --coverage failed: {}", String::from_utf8_lossy(&out.stderr));
    let printed = stdout(&out);
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let start = readme.find("<!-- coverage:start -->").expect("README.md has no coverage section");
    let end = readme[start..].find("<!-- coverage:end -->").expect("the coverage section is not closed") + start;
    let section = format!("{}<!-- coverage:end -->\n", &readme[start..end]);
    assert!(printed.contains("| ddm |") && printed.contains("| dws |"), "no DDM or DWS row in:\n{printed}");
    assert_eq!(
        section, printed,
        "README.md's coverage section is stale: replace it with `cargo xtask audit --coverage --corpus ../shared/corpus --corpus ../shared/cloud-corpus`"
    );
}

#[test]
fn a_spec_service_of_another_name_is_audited_as_the_sdk_service_it_maps_to() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    tiny_tree(tmp.path());
    // The import report names its scratch services after the corpus folders (`rstddm`).
    std::fs::rename(tmp.path().join("ddm"), tmp.path().join("rstddm")).expect("rename");
    let service = tmp.path().join("rstddm/service.yaml");
    let text = std::fs::read_to_string(&service).expect("read");
    assert!(text.contains("service: ddm\n"), "{text}");
    std::fs::write(&service, text.replace("service: ddm\n", "service: rstddm\n")).expect("write");
    let spec = tmp.path().to_str().expect("a UTF-8 path");

    let unmapped = stdout(&audit(&["--spec", spec]));
    assert!(unmapped.contains("\n0 operations matched by service, method and path"), "{unmapped}");

    let out = audit(&["--spec", spec, "--sdk-service", "rstddm=ddm"]);
    let report = stdout(&out);
    assert!(out.status.success(), "{report}{}", String::from_utf8_lossy(&out.stderr));
    assert!(report.contains("spec service rstddm audited as the SDK's `ddm`"), "{report}");
    assert!(report.contains("\n1 operations matched by service, method and path"), "{report}");
    let expected = format!("ListUsers response.page_no ({spec}/rstddm/v1/list_users.yaml): spec: String, SDK: int");
    assert_eq!(disagreement_lines(&report), vec![expected], "{report}");

    // A service the SDK has no package for is skipped, and says so.
    let out = audit(&["--spec", spec, "--sdk-service", "rstddm=nosuchservice"]);
    let report = stdout(&out);
    assert!(out.status.success(), "{report}{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        report.contains(
            "the official Python SDK has no package for service `nosuchservice` (spec service rstddm): its operations are skipped"
        ),
        "{report}"
    );
    assert!(report.contains("1 operations skipped: their service has no SDK package"), "{report}");
    assert!(report.contains("\n0 operations matched by service, method and path"), "{report}");

    let bad = audit(&["--spec", spec, "--sdk-service", "rstddm"]);
    assert_eq!(bad.status.code(), Some(2), "{}", stdout(&bad));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--sdk-service takes SPEC=SDK"));
}

#[test]
fn the_oracle_gives_an_sdk_enum_model_as_the_scalar_it_carries() {
    // CES v1 types `Condition.suppress_duration` as `SuppressDuration` and `Condition.filter` as
    // `Filter`: classes whose constants are the allowed values (`_300 = 300`), sent as the value.
    let out = Command::new(oracle::python())
        .arg(root().join("tests/oracle/audit.py"))
        .arg("ces")
        .output()
        .expect("the oracle runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.contains("\"version\": \"v1\"") && l.contains("\"operation\": \"CreateAlarm\""))
        .unwrap_or_else(|| panic!("no CES v1 CreateAlarm in the oracle's listing"));
    let op: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
    let condition = op["models"]["Condition"].as_array().expect("the Condition model");
    let ty = |name: &str| condition.iter().find(|f| f["name"] == name).map(|f| f["type"].clone());
    assert_eq!(ty("suppress_duration"), Some(serde_json::json!("int")), "{condition:?}");
    assert_eq!(ty("filter"), Some(serde_json::json!("str")), "{condition:?}");
    assert!(op["models"].get("SuppressDuration").is_none(), "an enum is not listed as a model");
}

/// A spec tree of one ECS action on `POST /v2.1/{project_id}/servers/{server_id}/action`, an
/// endpoint many SDK operations share, whose body's one field is `key`.
fn action_tree(dir: &Path, operation: &str, key: &str) {
    // One page at a time: a page written before is taken away.
    let _ = std::fs::remove_dir_all(dir.join("ecs/v2"));
    std::fs::create_dir_all(dir.join("ecs/v2")).expect("mkdir");
    let service = std::fs::read_to_string(root().join("spec/ddm/service.yaml")).expect("read");
    assert!(service.contains("service: ddm\n"), "{service}");
    std::fs::write(dir.join("ecs/service.yaml"), service.replace("service: ddm\n", "service: ecs\n")).expect("write");
    let page = format!(
        "operation: {operation}\ntitle: An action\ndescription: An action.\nmethod: POST\n\
         uri: /v2.1/{{project_id}}/servers/{{server_id}}/action\n\
         path_parameters:\n  - name: project_id\n    mandatory: true\n    type: String\n    description: Project.\n    supplied_by: project_id\n\
         \x20 - name: server_id\n    mandatory: true\n    type: String\n    description: Server.\n\
         request_body:\n  name: {operation}Body\n  body:\n    - name: {key}\n      mandatory: true\n      type: Object\n      description: The action.\n\
         responses:\n  - status: 202\n    description: Accepted\n"
    );
    // The file is named after the operation (`RemoveGroup` in `remove_group.yaml`).
    let file: String = operation
        .char_indices()
        .flat_map(|(i, c)| match c.is_ascii_uppercase() && i > 0 {
            true => vec!['_', c.to_ascii_lowercase()],
            false => vec![c.to_ascii_lowercase()],
        })
        .collect();
    std::fs::write(dir.join(format!("ecs/v2/{file}.yaml")), page).expect("write");
}

#[test]
fn an_action_of_a_shared_endpoint_is_matched_by_its_body_not_by_its_path_alone() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let spec = tmp.path().to_str().expect("a UTF-8 path");
    // Named otherwise than the SDK, the body's field tells the action.
    action_tree(tmp.path(), "RemoveGroup", "removeSecurityGroup");
    let report = stdout(&audit(&["--spec", spec]));
    assert!(
        report.contains("RemoveGroup (") && report.contains("v2 NovaDisassociateSecurityGroup in the SDK"),
        "{report}"
    );
    // An action the SDK does not have on that endpoint is not matched to another one.
    action_tree(tmp.path(), "Rebuild", "rebuild");
    let report = stdout(&audit(&["--spec", spec]));
    assert!(report.contains("operations the SDK does not have (1)"), "{report}");
    assert!(report.contains("\n0 operations matched by service, method and path"), "{report}");
}

/// `cargo xtask audit --licence` over `spec` with the corpus `corpus`.
fn licence(spec: &Path, corpus: &Path) -> Output {
    let (spec, corpus) = (spec.display().to_string(), corpus.display().to_string());
    audit(&["--licence", "--spec", &spec, "--corpus", &corpus])
}

#[test]
fn the_licence_check_finds_a_missing_source_a_licence_that_forbids_and_text_copied_from_a_page() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (spec, corpus) = (tmp.path().join("spec"), tmp.path().join("corpus"));
    tiny_tree(&spec);
    let file = spec.join("ddm/v1/list_users.yaml");
    let page = std::fs::read_to_string(&file).expect("read");
    let source = "source:\n  page: seeds/004_f76ca43639d64e00.txt\n  licence: Huawei Cloud documentation, a seed page given to the project\n";
    assert_eq!(page.matches(source).count(), 1, "list_users.yaml's source changed");
    // A non-commercial page of the corpus, with a sentence written for this test.
    std::fs::create_dir_all(corpus.join("zh/ddm")).expect("mkdir");
    let sentence = "这是一个为测试而写的句子用来检查许可证";
    std::fs::write(corpus.join("zh/ddm/page_000.md"), format!("# 标题\n\n{sentence}。\n")).expect("page");
    let check = |text: String| {
        std::fs::write(&file, text).expect("write");
        let out = licence(&spec, &corpus);
        (out.status.success(), stdout(&out))
    };
    let (ok, report) = check(page.clone());
    assert!(ok && report.contains("licence: 0 problem(s) in 1 spec files"), "{report}");
    let (ok, report) = check(page.replace(source, ""));
    assert!(!ok && report.contains("no `source`"), "{report}");
    let nc = "source:\n  page: corpus/zh/ddm/page_000.md\n  licence: huaweicloudDocs, non-commercial\n";
    let (ok, report) = check(page.replace(source, nc));
    assert!(!ok && report.contains("does not allow it in this Apache-2.0 crate"), "{report}");
    let claimed = page.replace(source, "source:\n  sdk: huaweicloudsdkddm 3.1.219\n");
    let (ok, report) = check(claimed.replacen("\ndescription: ", &format!("\ndescription: {sentence}。 "), 1));
    assert!(!ok && report.contains(&format!("the sentence \"{sentence}\" is in")), "{report}");
}
