//! `cargo xtask import --sdk`: drafts from the official SDK's models. A model written here (no
//! Python) drafts a spec file that lowers and generates, with the SDK's texts, types, mandatory
//! flags and names; `tests/oracle/describe.py` describes a real operation the same way.

use codegen::SourceFile;
use codegen::import::read::sdk::{NO_STATUS, SdkOperation};
use codegen::import::{self, Options};
use codegen::ir::{self, Location, Supplied};
use huaweicloud_sdk_tests::{oracle, root};

/// A DWS-like operation as `describe.py` writes it.
const MODEL: &str = r#"{
  "service": "fz", "version": "v2", "operation": "CreateGadget", "method": "POST",
  "path": "/v2/{project_id}/clusters/{cluster_id}/gadgets", "sdk": "huaweicloudsdkfz 3.1.219",
  "title": "创建小部件", "description": "创建一个小部件。\n**约束限制**：\n集群须可用。",
  "params": [
    {"name": "cluster_id", "in": "path", "mandatory": true, "type": "str",
     "description": "**参数解释**： 集群ID。获取方法请参见[获取集群ID](dws_02_00068.xml)。 **约束限制**： 不涉及。"},
    {"name": "limit", "in": "query", "mandatory": false, "type": "int",
     "description": "**参数解释**： 每页数量。 **取值范围**： 1~100 **默认取值**： 10"},
    {"name": "project_id", "in": "path", "mandatory": true, "type": null}
  ],
  "body": {"type": "CreateGadgetReq", "mandatory": true, "description": "请求体。"},
  "response": "CreateGadgetResponse", "response_headers": ["X-Request-Id"],
  "models": {
    "CreateGadgetReq": [
      {"name": "name", "type": "str", "mandatory": true, "description": "**参数解释**： 名称。"},
      {"name": "mode", "type": "str", "mandatory": false,
       "description": "**参数解释**： 模式。 **取值范围**： - fast：快速 - slow：慢速"},
      {"name": "labels", "type": "dict(str, str)", "mandatory": false, "description": "标签。"},
      {"name": "parts", "type": "list[Part]", "mandatory": false, "description": "部件。"}
    ],
    "Part": [{"name": "size", "type": "int", "mandatory": true, "description": "大小。"}],
    "CreateGadgetResponse": [
      {"name": "gadget_id", "type": "str", "mandatory": false, "description": "小部件ID。"},
      {"name": "X-Request-Id", "type": "str", "mandatory": false, "description": "请求ID。"}
    ]
  }
}"#;

fn options() -> Options {
    Options {
        service: "fz".to_owned(),
        version: Some("v2".to_owned()),
        operation: Some("CreateGadget".to_owned()),
        versions: Vec::new(),
        licence: None,
        page: None,
    }
}

/// The draft of `op`, lowered and generated with a service skeleton.
fn lowered(op: &SdkOperation) -> (String, ir::Operation) {
    let d = import::import_sdk("the model", op, &options())
        .unwrap_or_else(|e| panic!("{}", e.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")));
    let skeleton = SourceFile {
        rel: "fz/service.yaml".to_owned(),
        display: "spec/fz/service.yaml".to_owned(),
        text: import::service_skeleton("fz"),
    };
    let file = SourceFile { rel: d.rel.clone(), display: format!("spec/{}", d.rel), text: d.yaml.clone() };
    let tree = [skeleton, file];
    let api = codegen::lower::lower(&tree).unwrap_or_else(|e| panic!("the draft does not lower:\n{e}\n{}", d.yaml));
    huaweicloud_sdk_tests::generate(&tree, "huaweicloud_sdk")
        .unwrap_or_else(|e| panic!("the draft does not generate:\n{e}\n{}", d.yaml));
    (d.yaml, api.services[0].versions[0].operations[0].clone())
}

#[test]
fn a_model_of_the_official_sdk_drafts_a_spec_file_that_generates() {
    let model: SdkOperation = serde_json::from_str(MODEL).expect("the model");
    let (yaml, op) = lowered(&model);
    assert!(yaml.contains("\nsource:\n  sdk: huaweicloudsdkfz 3.1.219\n"), "{yaml}");
    let source = op.source.as_ref().expect("the draft's source");
    assert_eq!((source.page.as_deref(), source.sdk.as_deref()), (None, Some("huaweicloudsdkfz 3.1.219")));
    assert_eq!((op.method.as_str(), op.uri.as_str()), ("POST", "/v2/{project_id}/clusters/{cluster_id}/gadgets"));
    assert_eq!(op.title, "创建小部件");
    assert_eq!(op.constraints.as_deref(), Some("集群须可用。"));
    // Path parameters in the URI's order; the credentials' placeholder supplied by the runtime.
    let path: Vec<&str> =
        op.params.iter().filter(|p| p.location == Location::Path).map(|p| p.field.wire_name.as_str()).collect();
    assert_eq!(path, ["project_id", "cluster_id"]);
    let project = op.params.iter().find(|p| p.field.wire_name == "project_id").expect("project_id");
    assert_eq!(project.supplied_by, Some(Supplied::ProjectId));
    let cluster = op.params.iter().find(|p| p.field.wire_name == "cluster_id").expect("cluster_id");
    assert_eq!(
        cluster.field.description, "集群ID。获取方法请参见获取集群ID。",
        "links as their text, N/A blocks dropped"
    );
    // The description's blocks read as a page's: range and default.
    let limit = op.params.iter().find(|p| p.field.wire_name == "limit").expect("limit").field.clone();
    assert_eq!(limit.range.map(|r| (r.min, r.max)), Some((Some(1.0), Some(100.0))));
    assert_eq!(limit.default, Some(serde_json::json!(10)));
    // The body model keeps the SDK's name, with its value list, map and nested model.
    let body = op.body.as_ref().expect("a body");
    assert_eq!(body.object(), Some("CreateGadgetReq"));
    assert!(yaml.contains("  name: CreateGadgetReq\n"), "{yaml}");
    assert!(!yaml.contains("the page does not name the body model"), "{yaml}");
    assert!(yaml.contains("- value: fast"), "{yaml}");
    assert!(yaml.contains("type: Map<String,String>"), "{yaml}");
    assert!(yaml.contains("type: Array of Part objects"), "{yaml}");
    // The SDK gives no status: 200, saying so.
    assert_eq!(op.responses.len(), 1);
    assert_eq!((op.responses[0].status, op.responses[0].description.as_str()), (200, NO_STATUS));
    assert!(yaml.contains("- name: gadget_id"), "{yaml}");
}

#[test]
fn a_success_body_that_is_not_an_object_is_the_responses_type() {
    let mut model: SdkOperation = serde_json::from_str(MODEL).expect("the model");
    let response = model.models.get_mut("CreateGadgetResponse").expect("response");
    *response =
        vec![serde_json::from_str(r#"{"name": "body", "type": "list[Part]", "mandatory": false}"#).expect("field")];
    let (yaml, _) = lowered(&model);
    let responses = yaml.split("\nresponses:\n").nth(1).unwrap_or_else(|| panic!("no responses:\n{yaml}"));
    let success = responses.split("\nobjects:").next().unwrap_or_default();
    assert!(success.contains("    type: Array of Part objects\n"), "{yaml}");
    assert!(!success.contains("body:"), "{yaml}");
}

#[test]
fn a_listing_whose_success_body_is_an_array_pages_by_the_whole_body() {
    let mut model: serde_json::Value = serde_json::from_str(MODEL).expect("the model");
    model["method"] = "GET".into();
    model["body"] = serde_json::Value::Null;
    model["params"].as_array_mut().expect("params").push(serde_json::json!(
        {"name": "offset", "in": "query", "mandatory": false, "type": "int", "description": "跳过的条数。"}
    ));
    model["models"]["CreateGadgetResponse"] =
        serde_json::json!([{"name": "body", "type": "list[Part]", "mandatory": false}]);
    let model: SdkOperation = serde_json::from_value(model).expect("the model");
    let (yaml, op) = lowered(&model);
    assert!(
        yaml.contains(
            "# review: pagination inferred from the query parameters `offset` and the success body, an array"
        ),
        "{yaml}"
    );
    let p = op.pagination.unwrap_or_else(|| panic!("pages:\n{yaml}"));
    assert_eq!((p.cursor.wire_name.as_str(), p.items.wire_name.as_str(), p.by_page), ("offset", "", false));
    assert_eq!(p.items.ty, ir::Type::Array(Box::new(ir::Type::Object("Part".to_owned()))));
}

#[test]
fn a_request_body_that_is_a_list_is_the_request_bodys_type() {
    let mut model: SdkOperation = serde_json::from_str(MODEL).expect("the model");
    model.body = Some(serde_json::from_str(r#"{"type": "list[Part]", "mandatory": true}"#).expect("body"));
    model.models.remove("CreateGadgetReq");
    let (yaml, op) = lowered(&model);
    let body = yaml.split("\nrequest_body:\n").nth(1).unwrap_or_else(|| panic!("no request body:\n{yaml}"));
    assert!(body.starts_with("  type: Array of Part objects\n"), "{yaml}");
    assert!(!body.split("\nresponses:").next().unwrap_or_default().contains("name:"), "no model name: {yaml}");
    let body = op.body.as_ref().expect("a body");
    assert_eq!(body.ty, ir::Type::Array(Box::new(ir::Type::Object("Part".to_owned()))));
    assert!(body.mandatory);
    // The element's table is the request's: it keeps its Mandatory column.
    let part = yaml.split("\n  Part:\n").nth(1).unwrap_or_else(|| panic!("no Part table:\n{yaml}"));
    assert!(part.contains("      mandatory: true\n"), "{yaml}");
}

#[test]
fn what_the_spec_format_cannot_take_is_a_located_error() {
    let mut model: SdkOperation = serde_json::from_str(MODEL).expect("the model");
    model.params.push(
        serde_json::from_str(r#"{"name": "file", "in": "form", "mandatory": true, "type": "file"}"#).expect("param"),
    );
    let e = import::import_sdk("the model", &model, &options()).expect_err("a form parameter");
    assert!(e[0].to_string().starts_with("the model:1: error: `file` is a form parameter"), "{e:?}");
    let mut model: SdkOperation = serde_json::from_str(MODEL).expect("the model");
    model.models.get_mut("Part").expect("Part")[0].ty = Some("complex".to_owned());
    let e = import::import_sdk("the model", &model, &options()).expect_err("an unknown SDK type");
    assert!(e[0].message.contains("`size`: the SDK type `complex` has no type phrase"), "{e:?}");
    // A body that is neither a model nor a list (a bare string) has no spec form: refused, not
    // drafted as a `request_body.type` that would send a JSON string.
    let mut model: SdkOperation = serde_json::from_str(MODEL).expect("the model");
    model.body = Some(serde_json::from_str(r#"{"type": "str", "mandatory": true}"#).expect("body"));
    let e = import::import_sdk("the model", &model, &options()).expect_err("a string body");
    assert!(e[0].message.contains("the request body is `str`, neither a model nor a list"), "{e:?}");
}

#[test]
fn describe_py_describes_a_real_operation_that_drafts() {
    let out = std::process::Command::new(oracle::python())
        .arg(root().join("tests/oracle/describe.py"))
        .args(["dws", "ShowClusterStorageExpandRange", "NoSuchOperation"])
        .env("HOME", std::env::temp_dir().join("huaweicloud-sdk-oracle-home"))
        .output()
        .expect("the oracle runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[1], r#"{"unknown_operation": "NoSuchOperation"}"#);
    let model: SdkOperation = serde_json::from_str(lines[0]).expect("an operation");
    assert_eq!((model.version.as_str(), model.method.as_str()), ("v2", "GET"));
    assert!(model.sdk.starts_with("huaweicloudsdkdws "), "{}", model.sdk);
    let mut o = options();
    o.operation = Some(model.operation.clone());
    let d = import::import_sdk("dws", &model, &o).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(d.yaml.contains("- name: min_size\n") && d.yaml.contains("- name: step\n"), "{}", d.yaml);
    assert!(d.yaml.contains("range: [10, null]"), "`大于等于10` read as a range:\n{}", d.yaml);
}

/// The page of `MODEL`'s operation, as a documentation page that appears later would print it:
/// English text, a range, a status table with an error status, an example, and what the SDK
/// model does not say the same way (a field the SDK lacks, another type, another mandatory flag).
const LATER_PAGE: &str = "\
Creating a Gadget
=================

Function
--------

This API is used to create a gadget.

URI
---

POST /v2/{project_id}/clusters/{cluster_id}/gadgets

.. table:: **Table 1** Path parameters

   ========== ========= ====== ===========
   Parameter  Mandatory Type   Description
   ========== ========= ====== ===========
   project_id Yes       String Project ID.
   cluster_id Yes       String Cluster ID.
   ========== ========= ====== ===========

.. table:: **Table 2** Query parameters

   ========= ========= ======= ==============================
   Parameter Mandatory Type    Description
   ========= ========= ======= ==============================
   limit     No        Integer Page size. Value range: 1 to 50.
   ========= ========= ======= ==============================

Request Parameters
------------------

.. table:: **Table 3** Request body parameters

   ========= ========= ================================= =======================
   Parameter Mandatory Type                              Description
   ========= ========= ================================= =======================
   name      Yes       String                            Gadget name.
   mode      Yes       String                            Mode: fast or slow.
   parts     No        Array of :ref:`Piece <p>` objects Parts of the gadget.
   colour    No        String                            Colour.
   ========= ========= ================================= =======================

.. _p:

.. table:: **Table 4** Piece

   ========= ========= ====== ===========
   Parameter Mandatory Type   Description
   ========= ========= ====== ===========
   size      Yes       String Part size.
   ========= ========= ====== ===========

Response Parameters
-------------------

**Status code: 202**

.. table:: **Table 5** Response body parameters

   ========= ====== ===========
   Parameter Type   Description
   ========= ====== ===========
   gadget_id String Gadget ID.
   ========= ====== ===========

Example Requests
----------------

.. code-block::

   POST https://{endpoint}/v2/{project_id}/clusters/c1/gadgets

   {\"name\": \"g1\", \"mode\": \"fast\"}

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
202         Accepted.
400         Bad request.
=========== ===========
";

#[test]
fn a_page_imported_later_merges_over_the_sdk_models_file() {
    let model: SdkOperation = serde_json::from_str(MODEL).expect("the model");
    let (sdk_yaml, _) = lowered(&model);
    let page_options = Options { licence: Some("Apache-2.0".to_owned()), ..options() };
    let page = import::import("creating_a_gadget.rst", LATER_PAGE, &page_options).expect("the page drafts");
    let merged = import::draft::merge::merge("fz", &page.rel, &sdk_yaml, &page.yaml).expect("merges");
    let yaml = &merged.yaml;
    let skeleton = SourceFile {
        rel: "fz/service.yaml".to_owned(),
        display: "spec/fz/service.yaml".to_owned(),
        text: import::service_skeleton("fz"),
    };
    let file = SourceFile { rel: page.rel.clone(), display: page.rel.clone(), text: yaml.clone() };
    let api = codegen::lower::lower(&[skeleton, file]).unwrap_or_else(|e| panic!("does not lower:\n{e}\n{yaml}"));
    let op = &api.services[0].versions[0].operations[0];
    // The page's text and statuses; the SDK model's names and structure.
    assert_eq!(op.title, "Creating a Gadget");
    assert_eq!(op.description, "This API is used to create a gadget.");
    assert_eq!(op.responses.iter().map(|r| r.status).collect::<Vec<_>>(), [202, 400]);
    assert_eq!(op.example_requests.len(), 1);
    let source = op.source.as_ref().expect("source");
    assert_eq!(
        (source.page.as_deref(), source.licence.as_deref(), source.sdk.as_deref()),
        (Some("creating_a_gadget.rst"), Some("Apache-2.0"), Some("huaweicloudsdkfz 3.1.219"))
    );
    let body = op.body.as_ref().expect("the SDK model's body");
    assert_eq!(body.object(), Some("CreateGadgetReq"), "the SDK model's body name is kept");
    let names: Vec<&str> = api.services[0].versions[0]
        .objects
        .iter()
        .find(|o| o.name == "CreateGadgetReq")
        .expect("body object")
        .fields
        .iter()
        .map(|f| f.wire_name.as_str())
        .collect();
    assert_eq!(names, ["name", "mode", "labels", "parts"], "the SDK model's fields, not the page's colour");
    let limit = op.params.iter().find(|p| p.field.wire_name == "limit").expect("limit");
    assert_eq!(limit.field.range.map(|r| r.max), Some(Some(100.0)), "the SDK model's range is kept");
    assert!(limit.field.description.contains("Page size"), "{}", limit.field.description);
    // Every disagreement is said at its path: settled by the rule (the SDK's structure and
    // values, the page's text), so a comment, not a review mark.
    for said in [
        "# The page and the SDK differ: query_parameters.limit: range [1, 50] on the page, [1, 100] in the SDK model: the SDK's kept",
        "# The page and the SDK differ: request_body.body.mode: mandatory true on the page, false in the SDK model: the SDK's kept",
        "# The page and the SDK differ: request_body.body.colour: the page documents it (String), the SDK model does not: left out",
        "# The page and the SDK differ: request_body.body.labels: not on the page; kept from the SDK model, with its text",
        "# The page and the SDK differ: objects.Part.size: the page types it `String`; the SDK model's `Integer` is kept",
    ] {
        assert!(yaml.contains(said), "missing {said:?} in:\n{yaml}");
    }
    assert!(!yaml.contains("# review: query_parameters.limit"), "{yaml}");
    // The page's English text reached the SDK's object through the field that names both.
    assert!(yaml.contains("Part size."), "{yaml}");
}

#[test]
fn a_page_of_another_operation_does_not_merge() {
    let model: SdkOperation = serde_json::from_str(MODEL).expect("the model");
    let (sdk_yaml, _) = lowered(&model);
    let other = LATER_PAGE.replace("/gadgets", "/widgets");
    let page = import::import("p.rst", &other, &options()).expect("the page drafts");
    let err = import::draft::merge::merge("fz", &page.rel, &sdk_yaml, &page.yaml).expect_err("another URI");
    assert!(err.contains("not the same operation"), "{err}");
}

#[test]
fn cargo_xtask_import_merges_a_page_into_a_file_of_the_sdk_model_and_force_replaces_it() {
    let model: SdkOperation = serde_json::from_str(MODEL).expect("the model");
    let (sdk_yaml, _) = lowered(&model);
    let tmp = tempfile::tempdir().expect("temp dir");
    let spec = tmp.path().join("spec");
    std::fs::create_dir_all(spec.join("fz/v2")).expect("mkdir");
    std::fs::write(spec.join("fz/service.yaml"), import::service_skeleton("fz")).expect("service");
    let file = spec.join("fz/v2/create_gadget.yaml");
    std::fs::write(&file, &sdk_yaml).expect("the SDK model's file");
    let page = tmp.path().join("creating_a_gadget.rst");
    std::fs::write(&page, LATER_PAGE).expect("page");
    let run = |force: bool| {
        let mut cmd = std::process::Command::new(env!("CARGO"));
        cmd.current_dir(root()).args(["run", "--quiet", "-p", "xtask", "--", "import", "--service", "fz"]);
        cmd.args(["--operation", "CreateGadget", "--version", "v2", "--licence", "Apache-2.0", "--spec"]).arg(&spec);
        if force {
            cmd.arg("--force");
        }
        cmd.arg(&page).output().expect("cargo runs")
    };
    let out = run(false);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("merged: "), "{}", String::from_utf8_lossy(&out.stdout));
    let merged = std::fs::read_to_string(&file).expect("merged");
    assert!(merged.contains("sdk: huaweicloudsdkfz 3.1.219") && merged.contains("licence: Apache-2.0"), "{merged}");
    assert!(merged.contains("name: CreateGadgetReq"), "the SDK model's body name is kept:\n{merged}");
    // Now the file names a page: importing again refuses to overwrite, --force replaces it.
    let again = run(false);
    assert_eq!(again.status.code(), Some(1), "{}", String::from_utf8_lossy(&again.stdout));
    let forced = run(true);
    assert!(forced.status.success());
    let replaced = std::fs::read_to_string(&file).expect("replaced");
    assert!(!replaced.contains("sdk: huaweicloudsdkfz"), "{replaced}");
}

/// A page written for the test: DWS's ShowClusterStorageExpandRange, with its sizes typed String
/// (the SDK has int) and a field the SDK lacks.
const EXPAND_RANGE_PAGE: &str = "\
Querying the Disk Expansion Range
=================================

Function
--------

This API is used to query the range a cluster's disks can be expanded to.

URI
---

GET /v1/{project_id}/clusters/{cluster_id}/storage-expand-range

.. table:: **Table 1** Path parameters

   ========== ========= ====== ===========
   Parameter  Mandatory Type   Description
   ========== ========= ====== ===========
   project_id Yes       String Project ID.
   cluster_id Yes       String Cluster ID.
   ========== ========= ====== ===========

Response Parameters
-------------------

**Status code: 200**

.. table:: **Table 2** Response body parameters

   ============ ====== ========================
   Parameter    Type   Description
   ============ ====== ========================
   min_size     String Smallest size, in GB.
   max_size     String Largest size, in GB.
   current_size String Current size, in GB.
   step         String Step, in GB.
   unit         String Unit.
   ============ ====== ========================

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK.
=========== ===========
";

#[test]
fn import_with_sdk_drafts_a_mapped_page_over_its_official_model() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(corpus.join("rst/dws")).expect("mkdir");
    let page = corpus.join("rst/dws/querying_the_disk_expansion_range.rst");
    std::fs::write(&page, EXPAND_RANGE_PAGE).expect("page");
    std::fs::write(
        corpus.join("manifest.tsv"),
        "page\tmethod\turi_as_printed\tofficial_sdk_package_version\tofficial_sdk_operation\tofficial_sdk_path\n\
         rst/dws/querying_the_disk_expansion_range.rst\tGET\t/v1/{project_id}/clusters/{cluster_id}/storage-expand-range\t\
         dws/v2\tShowClusterStorageExpandRange\t/v1/{project_id}/clusters/{cluster_id}/storage-expand-range\n",
    )
    .expect("manifest");
    let spec = tmp.path().join("spec");
    let out = std::process::Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["run", "--quiet", "-p", "xtask", "--", "import", "--service", "dws", "--with-sdk", "--manifest"])
        .arg(corpus.join("manifest.tsv"))
        .arg("--spec")
        .arg(&spec)
        .arg(&page)
        .env(oracle::PYTHON_VAR, oracle::python())
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("merged over the official SDK's model of ShowClusterStorageExpandRange"), "{stdout}");
    let yaml = std::fs::read_to_string(spec.join("dws/v2/show_cluster_storage_expand_range.yaml")).expect("written");
    // The SDK's types, the page's text, the page's extra field left out with a mark.
    assert!(yaml.contains("- name: min_size\n    type: Integer\n    description: Smallest size, in GB."), "{yaml}");
    assert!(yaml.contains("responses[0].body.unit: the page documents it (String), the SDK model does not"), "{yaml}");
    assert!(yaml.contains("sdk: huaweicloudsdkdws 3.1.219") && yaml.contains("page: corpus/rst/dws/"), "{yaml}");
}

#[test]
fn a_page_the_manifest_maps_drafts_its_official_operation_alone() {
    // The page prints a second URI (an older version's path): the manifest maps the page to one
    // official operation, so the second is not drafted under a made-up name.
    let tmp = tempfile::tempdir().expect("temp dir");
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(corpus.join("rst/dws")).expect("mkdir");
    let page = corpus.join("rst/dws/querying_the_disk_expansion_range.rst");
    let two_uris = EXPAND_RANGE_PAGE.replace(
        "GET /v1/{project_id}/clusters/{cluster_id}/storage-expand-range\n",
        "GET /v1/{project_id}/clusters/{cluster_id}/storage-expand-range\n\n\
         GET /v1.0/{project_id}/clusters/{cluster_id}/storage-expand-range\n",
    );
    std::fs::write(&page, two_uris).expect("page");
    let import = |manifest_rows: &str, spec: &std::path::Path| {
        std::fs::write(
            corpus.join("manifest.tsv"),
            format!(
                "page\tmethod\turi_as_printed\tofficial_sdk_package_version\tofficial_sdk_operation\tofficial_sdk_path\n\
                 {manifest_rows}"
            ),
        )
        .expect("manifest");
        let out = std::process::Command::new(env!("CARGO"))
            .current_dir(root())
            .args(["run", "--quiet", "-p", "xtask", "--", "import", "--service", "dws", "--manifest"])
            .arg(corpus.join("manifest.tsv"))
            .arg("--spec")
            .arg(spec)
            .arg(&page)
            .output()
            .expect("cargo runs");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
        let mut files: Vec<String> = std::fs::read_dir(spec.join("dws"))
            .expect("the service folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.is_dir())
            .flat_map(|dir| std::fs::read_dir(dir).expect("a version folder"))
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        (stdout, files)
    };
    let (stdout, files) = import(
        "rst/dws/querying_the_disk_expansion_range.rst\tGET\t/v1/{project_id}/clusters/{cluster_id}/storage-expand-range\t\
         dws/v2\tShowClusterStorageExpandRange\t/v1/{project_id}/clusters/{cluster_id}/storage-expand-range\n",
        &tmp.path().join("mapped"),
    );
    assert_eq!(files, ["show_cluster_storage_expand_range.yaml"], "{stdout}");
    assert!(stdout.contains("not drafted: dws/v2/show_cluster_storage_expand_range_v10.yaml"), "{stdout}");
    assert!(stdout.contains("the manifest maps the page to ShowClusterStorageExpandRange alone"), "{stdout}");
    // Unmapped, the page drafts both URIs, as before.
    let (stdout, files) = import("", &tmp.path().join("unmapped"));
    assert_eq!(files.len(), 2, "{files:?} {stdout}");
}
