//! The importer (`codegen::import`): the two seed pages round-trip to the hand-written specs,
//! small pages in each form draft specs that generate, unreadable pages get located errors, and
//! no input makes a reader panic.

use codegen::import::{self, Options};
use codegen::{SourceFile, ir};
use huaweicloud_sdk_tests::{load, root};

pub(crate) fn options(service: &str, operation: Option<&str>) -> Options {
    Options {
        service: service.to_owned(),
        version: None,
        operation: operation.map(str::to_owned),
        versions: Vec::new(),
        licence: Some("Apache-2.0".to_owned()),
        page: None,
    }
}

/// Imports a page and returns the drafted file as the generator reads it.
pub(crate) fn drafted(page: &str, text: &str, o: &Options) -> SourceFile {
    let d = import::import(page, text, o).unwrap_or_else(|e| {
        panic!("{page} did not import:\n{}", e.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    });
    SourceFile { rel: d.rel.clone(), display: format!("spec/{}", d.rel), text: d.yaml }
}

fn seed(name: &str) -> String {
    let path = root().join("../shared/seeds").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The differences between two lowered versions, field by field. Descriptions are compared with
/// whitespace collapsed; examples by their JSON value, because the seed page prints a line of
/// spaces in the ListUsers example that the hand-written file writes as an empty line.
fn differences(hand: &ir::Version, imported: &ir::Version) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |what: String, a: String, b: String| {
        if a != b {
            out.push(format!("{what}:\n  hand-written: {a}\n  imported:     {b}"));
        }
    };
    let field = |f: &ir::Field| {
        format!(
            "{} {} {:?} mandatory={} default={:?} range={:?} length={:?} sensitive={} description={:?}",
            f.wire_name,
            f.rust_name,
            f.ty,
            f.mandatory,
            f.default,
            f.range,
            f.length,
            f.sensitive,
            words(&f.description)
        )
    };
    check("operations".into(), names(&hand.operations), names(&imported.operations));
    for (h, i) in hand.operations.iter().zip(&imported.operations) {
        let at = |what: &str| format!("{} {what}", h.wire_name);
        check(at("method uri"), format!("{} {}", h.method, h.uri), format!("{} {}", i.method, i.uri));
        check(at("title"), h.title.clone(), i.title.clone());
        check(at("description"), words(&h.description), words(&i.description));
        check(at("constraints"), format!("{:?}", h.constraints), format!("{:?}", i.constraints));
        check(at("names"), format!("{:?}", h.names), format!("{:?}", i.names));
        check(at("errors in body"), format!("{:?}", h.errors_in_body), format!("{:?}", i.errors_in_body));
        let params = |o: &ir::Operation| {
            o.params
                .iter()
                .map(|p| format!("{:?} {:?} {}", p.location, p.supplied_by, field(&p.field)))
                .collect::<Vec<_>>()
        };
        check(at("parameters"), params(h).join("\n"), params(i).join("\n"));
        check(at("body"), format!("{:?}", h.body), format!("{:?}", i.body));
        let responses = |o: &ir::Operation| {
            o.responses
                .iter()
                .map(|r| {
                    let ex: Vec<String> = r
                        .examples
                        .iter()
                        .map(|e| format!("{:?} {:?} {:?}", e.description, e.value, e.mismatch))
                        .collect();
                    format!("{} {} {:?} {ex:?}", r.status, words(&r.description), r.body)
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        check(at("responses"), responses(h), responses(i));
        let requests = |o: &ir::Operation| {
            o.example_requests
                .iter()
                .map(|e| format!("{:?} {} {:?}", e.description, e.url, e.body.as_ref().map(|b| &b.value)))
                .collect::<Vec<_>>()
        };
        check(at("example requests"), requests(h).join("\n"), requests(i).join("\n"));
        check(at("pagination"), format!("{:?}", h.pagination), format!("{:?}", i.pagination));
        check(at("errors_in_body"), format!("{:?}", h.errors_in_body), format!("{:?}", i.errors_in_body));
    }
    let objects = |v: &ir::Version| {
        v.objects
            .iter()
            .map(|o| format!("{} {:?}", o.name, o.fields.iter().map(field).collect::<Vec<_>>()))
            .collect::<Vec<_>>()
    };
    check("objects".into(), objects(hand).join("\n"), objects(imported).join("\n"));
    let enums = |v: &ir::Version| {
        v.enums
            .iter()
            .map(|e| {
                format!(
                    "{} {:?}",
                    e.name,
                    e.variants.iter().map(|x| (&x.wire, &x.rust_name, &x.description)).collect::<Vec<_>>()
                )
            })
            .collect::<Vec<_>>()
    };
    check("enums".into(), enums(hand).join("\n"), enums(imported).join("\n"));
    out
}

fn names(ops: &[ir::Operation]) -> String {
    ops.iter().map(|o| format!("{}/{}", o.wire_name, o.names.module)).collect::<Vec<_>>().join(", ")
}

fn version<'a>(api: &'a ir::Api, service: &str, version: &str) -> &'a ir::Version {
    let s = api.services.iter().find(|s| s.name == service).unwrap_or_else(|| panic!("no service {service}"));
    s.versions.iter().find(|v| v.name == version).unwrap_or_else(|| panic!("no {service}/{version}"))
}

#[test]
fn seed_pages_lower_to_the_hand_written_operations() {
    let spec = load("spec");
    let seeds = ["ddm/v1/list_users.yaml", "dws/v2/execute_database_om_user_action.yaml"];
    let keep = |f: &SourceFile| {
        seeds.contains(&f.rel.as_str()) || ["ddm/service.yaml", "dws/service.yaml"].contains(&f.rel.as_str())
    };
    let hand: Vec<SourceFile> = spec.iter().filter(|f| keep(f)).cloned().collect();
    let mut imported: Vec<SourceFile> = hand.iter().filter(|f| f.rel.ends_with("/service.yaml")).cloned().collect();
    // The DDM seed names its operation nowhere (no SDK sample, no API Explorer link, a hashed file
    // name), so the test passes it as `--operation` would.
    imported.push(drafted(
        "004_f76ca43639d64e00.txt",
        &seed("004_f76ca43639d64e00.txt"),
        &options("ddm", Some("ListUsers")),
    ));
    imported.push(drafted("000_cc73a46f188dae48.txt", &seed("000_cc73a46f188dae48.txt"), &options("dws", None)));
    assert_eq!(
        imported.iter().map(|f| f.rel.as_str()).collect::<Vec<_>>()[2..],
        ["ddm/v1/list_users.yaml", "dws/v2/execute_database_om_user_action.yaml"]
    );
    let hand = codegen::lower::lower(&hand).unwrap_or_else(|d| panic!("the hand-written specs do not lower:\n{d}"));
    let imported = codegen::lower::lower(&imported).unwrap_or_else(|d| panic!("the imported specs do not lower:\n{d}"));
    for (s, v) in [("ddm", "v1"), ("dws", "v2")] {
        let diffs = differences(version(&hand, s, v), version(&imported, s, v));
        assert!(diffs.is_empty(), "{s}/{v} differs:\n{}", diffs.join("\n"));
    }
}

/// Drafts `page` for service `fz` and lowers it with a service skeleton.
pub(crate) fn lowered(page: &str, text: &str, operation: Option<&str>) -> ir::Operation {
    let skeleton = SourceFile {
        rel: "fz/service.yaml".to_owned(),
        display: "spec/fz/service.yaml".to_owned(),
        text: import::service_skeleton("fz"),
    };
    let file = drafted(page, text, &options("fz", operation));
    let tree = [skeleton, file.clone()];
    let api = codegen::lower::lower(&tree)
        .unwrap_or_else(|d| panic!("the draft of {page} does not lower:\n{d}\n{}", file.text));
    huaweicloud_sdk_tests::generate(&tree, "huaweicloud_sdk")
        .unwrap_or_else(|d| panic!("the draft of {page} does not generate:\n{d}"));
    api.services[0].versions[0].operations[0].clone()
}

pub(crate) fn param<'a>(op: &'a ir::Operation, name: &str) -> &'a ir::Field {
    &op.params.iter().find(|p| p.field.wire_name == name).unwrap_or_else(|| panic!("no parameter {name}")).field
}

const RST_PAGE: &str = "\
:original_name: ListWidgets.html

Listing Widgets
===============

Function
--------

This API is used to list widgets.

URI
---

GET /v3/{project_id}/widgets?offset={offset}&limit={limit}

.. table:: **Table 1** Path parameters

   ========== ========= ====== ===========
   Parameter  Mandatory Type   Description
   ========== ========= ====== ===========
   project_id Yes       String Project ID.
   ========== ========= ====== ===========

.. table:: **Table 2** Query parameters

   +-----------+-----------+---------+----------------------------+
   | Parameter | Mandatory | Type    | Description                |
   +===========+===========+=========+============================+
   | offset    | No        | Integer | **Definition**             |
   |           |           |         |                            |
   |           |           |         | Index offset.              |
   |           |           |         |                            |
   |           |           |         | **Range**                  |
   |           |           |         |                            |
   |           |           |         | 0 to 1000.                 |
   |           |           |         |                            |
   |           |           |         | **Default Value**          |
   |           |           |         |                            |
   |           |           |         | 0                          |
   +-----------+-----------+---------+----------------------------+
   | limit     | No        | Integer | Page size. Value range: 1  |
   |           |           |         | to 100.                    |
   +-----------+-----------+---------+----------------------------+

Response Parameters
-------------------

**Status code: 200**

.. table:: **Table 3** Response body parameters

   ========= ============================================================= ============
   Parameter Type                                                          Description
   ========= ============================================================= ============
   widgets   Array of :ref:`Widget <list_widgets__widget>` objects         Widgets.
   total     Integer                                                       Total count.
   ========= ============================================================= ============

.. _list_widgets__widget:

.. table:: **Table 4** Widget

   ========= ====== =====================================================
   Parameter Type   Description
   ========= ====== =====================================================
   color     String Colour. The value can be red, green, or blue.
   ========= ====== =====================================================

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
";

#[test]
fn rst_pages_draft_both_layouts_objects_and_pagination() {
    let op = lowered("list_widgets.rst", RST_PAGE, None);
    assert_eq!(op.wire_name, "ListWidgets", "the name comes from :original_name:");
    assert_eq!(op.uri, "/v3/{project_id}/widgets");
    let offset = param(&op, "offset");
    assert_eq!(offset.range.map(|r| (r.min, r.max)), Some((Some(0.0), Some(1000.0))));
    assert_eq!(offset.default, Some(serde_json::json!(0)));
    assert_eq!(param(&op, "limit").range.map(|r| (r.min, r.max)), Some((Some(1.0), Some(100.0))));
    let pagination = op.pagination.expect("offset/limit with an items array pages");
    assert_eq!(
        (
            pagination.items.wire_name.as_str(),
            pagination.total.map(|t| t.iter().map(|f| f.wire_name.clone()).collect::<Vec<_>>().join("."))
        ),
        ("widgets", Some("total".to_owned()))
    );
}

#[test]
fn the_draft_names_its_page_and_licence_or_asks_for_the_licence() {
    let op = lowered("list_widgets.rst", RST_PAGE, None);
    let source = op.source.expect("a drafted page has a source");
    assert_eq!(
        (source.page.as_deref(), source.licence.as_deref(), source.sdk),
        (Some("list_widgets.rst"), Some("Apache-2.0"), None)
    );
    let named =
        Options { licence: None, page: Some("corpus/rst/fz/list_widgets.rst".to_owned()), ..options("fz", None) };
    let d = import::import("list_widgets.rst", RST_PAGE, &named).expect("drafts");
    assert!(
        d.yaml.contains("source:\n  page: corpus/rst/fz/list_widgets.rst\n  # review: the page's licence is not known"),
        "{}",
        d.yaml
    );
}

#[test]
fn the_version_module_is_the_uri_prefix_unless_the_service_has_only_another_one() {
    let with = |versions: &[&str]| {
        let o = Options { versions: versions.iter().map(|v| (*v).to_owned()).collect(), ..options("fz", None) };
        import::import("list_widgets.rst", RST_PAGE, &o).expect("imports")
    };
    // A new service, or one that has the URI's module: the URI prefix `/v3`.
    for versions in [&[][..], &["v1", "v3"][..]] {
        let d = with(versions);
        assert_eq!(d.rel, "fz/v3/list_widgets.yaml");
        assert!(d.yaml.contains("# review: version from the URI prefix `/v3`"), "{}", d.yaml);
    }
    // The only module the service has, as DDM keeps its /v3 operations in `v1`.
    let d = with(&["v1"]);
    assert_eq!(d.rel, "fz/v1/list_widgets.yaml");
    assert!(
        d.yaml.contains(
            "# review: version module `v1`, the only one the service has in the spec tree (the URI prefix `/v3` would make `v3`)"
        ),
        "{}",
        d.yaml
    );
    // Several others: the URI's, saying it is new.
    let d = with(&["v1", "v2"]);
    assert_eq!(d.rel, "fz/v3/list_widgets.yaml");
    assert!(d.yaml.contains("a new module beside `v1`, `v2`"), "{}", d.yaml);
}

#[test]
fn a_name_made_from_the_title_leaves_out_its_bracketed_words() {
    let page = RST_PAGE
        .replace(":original_name: ListWidgets.html\n", "")
        .replace("Listing Widgets\n===============", "Listing Widgets (a V3 API)\n==========================");
    let d = import::import("widgets.rst", &page, &options("fz", None)).expect("imports");
    assert_eq!(d.operation, "ListingWidgetsV3", "an API version in brackets keeps pages of two versions apart");
    assert!(
        d.yaml.contains("# review: operation name made from the title \"Listing Widgets (a V3 API)\""),
        "{}",
        d.yaml
    );
    for (title, name) in
        [("Listing Widgets (Recommended)", "ListingWidgets"), ("Listing Widgets (a V1/V3 API)", "ListingWidgetsV1V3")]
    {
        let heading = format!("{title}\n{}", "=".repeat(title.len()));
        let page = page.replace("Listing Widgets (a V3 API)\n==========================", &heading);
        assert_eq!(import::import("widgets.rst", &page, &options("fz", None)).expect("imports").operation, name);
    }
}

/// Example responses after the RST page's tables: one with a field its table lacks, one that is
/// not JSON.
const RST_EXAMPLES: &str = "
Example Responses
-----------------

**Status code: 200**

.. code-block::

   {\"total\": 1, \"widgets\": [], \"count\": 1}

.. code-block::

   {total: 1}
";

#[test]
fn examples_that_contradict_their_tables_are_drafted_with_mismatch_and_a_review_mark() {
    let page = format!("{RST_PAGE}{RST_EXAMPLES}");
    let text = drafted("list_widgets.rst", &page, &options("fz", None)).text;
    assert!(
        text.contains("# review: the check found: `$.count` is not a field of the table `ListWidgetsResponse`"),
        "{text}"
    );
    assert!(text.contains("mismatch: \"the page's example contradicts its table: not valid JSON"), "{text}");
    let op = lowered("list_widgets.rst", &page, None);
    let examples = &op.responses[0].examples;
    assert_eq!(
        examples.iter().map(|e| e.json.trim()).collect::<Vec<_>>(),
        [r#"{"total": 1, "widgets": [], "count": 1}"#, "{total: 1}"],
        "kept as printed"
    );
    assert!(examples.iter().all(|e| e.mismatch.is_some() && e.checked().is_none()));
}

/// A page in the newer DDM layout: the response section prints its examples as list items under
/// the tables ("Normal response example", "Abnormal response example"), not in a section of their
/// own, and the status codes as a list rather than a table.
const RST_ITEM_EXAMPLES: &str = "\
Renaming a Widget
=================

Function
--------

This API is used to rename a widget.

URI
---

PUT /v3/{project_id}/widgets/{widget_id}/name

Request Parameters
------------------

.. table:: **Table 1** Request body parameters

   ========= ========= ====== ===========
   Parameter Mandatory Type   Description
   ========= ========= ====== ===========
   name      Yes       String New name.
   ========= ========= ====== ===========

Response Parameters
-------------------

-  Normal response

   .. table:: **Table 2** Response body parameters

      ========= ====== ===========
      Parameter Type   Description
      ========= ====== ===========
      job_id    String Task ID.
      ========= ====== ===========

-  Normal response example

   .. code-block::

      {
        \"job_id\" : \"job-1\"
      }

-  Abnormal response example

   Status code: 409

   .. code-block::

      {\"error_code\": \"W.409\"}

-  Abnormal response example

   .. code-block::

      {\"error_code\": \"W.500\"}

-  Abnormal response

   For details, see the error codes.

Status Codes
------------

-  Normal

   200
";

#[test]
fn response_example_items_attach_to_the_success_response_and_to_the_error_status_they_name() {
    let file = drafted("rename.rst", RST_ITEM_EXAMPLES, &options("fz", Some("RenameWidget"))).text;
    assert!(
        file.contains("# review: not drafted: the abnormal response example at line 58 does not say which status"),
        "{file}"
    );
    let op = lowered("rename.rst", RST_ITEM_EXAMPLES, Some("RenameWidget"));
    let examples = |status: u16| {
        let r = op.responses.iter().find(|r| r.status == status).unwrap_or_else(|| panic!("no {status}: {file}"));
        r.examples.iter().map(|e| (e.description.clone(), e.json.trim().to_owned())).collect::<Vec<_>>()
    };
    assert_eq!(examples(200), [(None, "{\n  \"job_id\" : \"job-1\"\n}".to_owned())]);
    assert_eq!(examples(409), [(None, r#"{"error_code": "W.409"}"#.to_owned())]);
    assert_eq!(op.responses.len(), 2, "the example without a status makes no response: {file}");
    assert!(op.responses[0].examples[0].checked().is_some(), "the success example agrees with its table");
    // A "Response example" heading (DWS) is the example response section.
    let heading = RST_PAGE.replace("Status Codes\n------------", "Response example\n----------------\n\n.. code-block::\n\n   {\"total\": 2, \"widgets\": []}\n\nStatus Codes\n------------");
    assert_ne!(heading, RST_PAGE);
    let op = lowered("list_widgets.rst", &heading, None);
    assert_eq!(
        op.responses[0].examples.iter().map(|e| e.json.trim()).collect::<Vec<_>>(),
        [r#"{"total": 2, "widgets": []}"#]
    );
}

/// An RST page whose URI is a list item printing a URL with a URI template's query part, and
/// whose tables have no `.. table::` caption: a list item or a paragraph above each names it.
const RST_ITEM_CAPTIONS: &str = "\
Adding a Widget
===============

URI
---

-  URI format

   POST https://{*Endpoint*}/api/v3/projects/{project_id}/widgets{?dry_run, quiet}

-  Parameter description

   ========== ========= ===========
   Parameter  Mandatory Description
   ========== ========= ===========
   project_id Yes       Project ID.
   ========== ========= ===========

Request
-------

-  Request parameters

   +-----------+--------+-----------+----------------------------------------------------------------+
   | Parameter | Type   | Mandatory | Description                                                    |
   +===========+========+===========+================================================================+
   | widget    | Object | Yes       | The widget. See :ref:`Parameter in the widget field <w__li1>`. |
   +-----------+--------+-----------+----------------------------------------------------------------+

-  .. _w__li1:

   Parameter in the **widget** field

   +-----------+-------------------------------+-----------+-------------+
   | Parameter | Type                          | Mandatory | Description |
   +===========+===============================+===========+=============+
   | name      | String                        | Yes       | Its name.   |
   +-----------+-------------------------------+-----------+-------------+
   | gadget    | :ref:`gadget <w__t3>` object  | No        | Its gadget. |
   +-----------+-------------------------------+-----------+-------------+

.. _w__t3:

.. table:: **Table 3** **gadget** objects

   ========= ====== ========= ============
   Parameter Type   Mandatory Description
   ========= ====== ========= ============
   size      String Yes       Its size.
   ========= ====== ========= ============

Response
--------

-  Response parameters

   ========= ================ ===========
   Parameter Type             Description
   ========= ================ ===========
   links     Array of Objects The links.
   ========= ================ ===========

-  Description of the **links** field

   ========= ====== ===========
   Parameter Type   Description
   ========= ====== ===========
   href      String The link.
   ========= ====== ===========

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
202         Accepted
=========== ===========
";

#[test]
fn a_uri_printed_as_a_url_with_a_template_query_is_the_path_and_its_version_segment() {
    let d = import::import("add.rst", RST_ITEM_CAPTIONS, &options("fz", Some("AddWidget"))).expect("imports");
    assert_eq!(d.rel, "fz/v3/add_widget.yaml", "the version is the `/v3` segment after `/api`");
    let op = lowered("add.rst", RST_ITEM_CAPTIONS, Some("AddWidget"));
    assert_eq!((op.method.as_str(), op.uri.as_str()), ("POST", "/api/v3/projects/{project_id}/widgets"));
    let mut page = RST_ITEM_CAPTIONS.replace("/api/v3/", "/V1.0/");
    assert!(import::import("add.rst", &page, &options("fz", Some("AddWidget"))).expect("imports").rel.contains("/v1/"));
    // A URI without a version segment is drafted in `v1`, marked; the service's module when it
    // has one; the version `--version` gives when given.
    page = RST_ITEM_CAPTIONS.replace("/api/v3/", "/");
    let d = import::import("add.rst", &page, &options("fz", Some("AddWidget"))).expect("imports");
    assert_eq!(d.rel, "fz/v1/add_widget.yaml");
    assert!(d.yaml.contains("the URI has no version prefix") && d.yaml.contains("pass --version"), "{}", d.yaml);
    let o = Options { versions: vec!["v2".to_owned()], ..options("fz", Some("AddWidget")) };
    assert_eq!(import::import("add.rst", &page, &o).expect("imports").rel, "fz/v2/add_widget.yaml");
    let o = Options { version: Some("v5".to_owned()), ..options("fz", Some("AddWidget")) };
    assert_eq!(import::import("add.rst", &page, &o).expect("imports").rel, "fz/v5/add_widget.yaml");
}

#[test]
fn tables_without_a_table_directive_take_the_caption_above_and_name_their_objects() {
    let skeleton = SourceFile {
        rel: "fz/service.yaml".to_owned(),
        display: "spec/fz/service.yaml".to_owned(),
        text: import::service_skeleton("fz"),
    };
    let file = drafted("add.rst", RST_ITEM_CAPTIONS, &options("fz", Some("AddWidget")));
    let api = codegen::lower::lower(&[skeleton, file.clone()]).unwrap_or_else(|d| panic!("{d}\n{}", file.text));
    let v = version(&api, "fz", "v3");
    let object = |name: &str| -> Vec<(String, ir::Type, bool)> {
        let o = v.objects.iter().find(|o| o.name == name).unwrap_or_else(|| panic!("no object {name}: {}", file.text));
        o.fields.iter().map(|f| (f.wire_name.clone(), f.ty.clone(), f.mandatory)).collect()
    };
    let body = v.operations[0].body.as_ref().expect("the request parameters are the body");
    let widget = ("widget".to_owned(), ir::Type::Object("Widget".to_owned()), true);
    assert_eq!(
        object(body.object().expect("a body table")),
        [widget],
        "`Parameter in the widget field` is Widget, mandatory as printed"
    );
    assert_eq!(
        object("Widget")[1],
        ("gadget".to_owned(), ir::Type::Object("Gadget".to_owned()), false),
        "`gadget object` names the `gadget objects` table"
    );
    assert_eq!(object("Gadget"), [("size".to_owned(), ir::Type::String, true)], "reached from the request: mandatory");
    let response = v.operations[0].responses.iter().find(|r| r.status == 202).expect("202");
    let links = object(response.body.as_deref().expect("`Response parameters` is the response body"));
    assert_eq!(links[0].1, ir::Type::Array(Box::new(ir::Type::Object("Links".to_owned()))));
    assert_eq!(object("Links")[0].0, "href", "`Description of the links field` is Links");
}

/// Object tables captioned by the dotted path of their field (`widget`, `widget.parts`,
/// `widget.parts.size`), rows typed `JSON object` or by a generic, and a plural table name.
const RST_DOTTED_CAPTIONS: &str = "\
Querying a Widget
=================

URI
---

GET /v3/widgets/{widget_id}

Response
--------

-  Parameters in the response body

   ========= =========== ===========
   Parameter Type        Description
   ========= =========== ===========
   widget    JSON object The widget.
   ========= =========== ===========

-  widget

   ========= ====================== ===========
   Parameter Type                   Description
   ========= ====================== ===========
   parts     Array of Parts objects Its parts.
   notes     List<Note>             Its notes.
   ========= ====================== ===========

-  widget.parts

   ========= =========== ===========
   Parameter Type        Description
   ========= =========== ===========
   size      size object Its size.
   ========= =========== ===========

-  widget.parts.size

   ========= ======= ===========
   Parameter Type    Description
   ========= ======= ===========
   width     Integer Its width.
   ========= ======= ===========

-  Parameters in the notes field

   ========= ====== ===========
   Parameter Type   Description
   ========= ====== ===========
   text      String The text.
   ========= ====== ===========
";

#[test]
fn dotted_field_captions_name_their_objects_as_the_type_cells_do() {
    let file = drafted("show.rst", RST_DOTTED_CAPTIONS, &options("fz", Some("ShowWidget"))).text;
    for (phrase, why) in [
        ("type: Widget object", "`JSON object` in a row named after the `widget` table"),
        ("type: Array of WidgetParts objects", "`Parts` is the `widget.parts` table"),
        ("type: PartsSize object", "`size object` in `widget.parts` is the `widget.parts.size` table"),
        ("type: Array of Notes objects", "`List<Note>` is the `notes` table"),
    ] {
        assert!(file.contains(phrase), "{why}: {file}");
    }
    lowered("show.rst", RST_DOTTED_CAPTIONS, Some("ShowWidget"));
}

const HTML_PAGE: &str = r#"<h1 class="topictitle1">Deleting a Widget</h1>
<div><h4 class="sectiontitle">Function</h4><p>This API is used to delete a widget.</p></div>
<div><h4 class="sectiontitle">URI</h4><p>DELETE /v1/{project_id}/widgets/{widget_id}</p>
<table><caption><b>Table 1 </b>Path parameters</caption>
<thead><tr><th><p>Parameter</p></th><th><p>Mandatory</p></th><th><p>Type</p></th><th><p>Description</p></th></tr></thead>
<tbody><tr><td><p>project_id</p></td><td><p>Yes</p></td><td><p>String</p></td><td><p>Project ID.</p></td></tr>
<tr><td><p>widget_id</p></td><td><p>Yes</p></td><td><p>String</p></td><td><p>Widget ID, 1 to 36 characters.</p></td></tr>
</tbody></table>
<table><caption><b>Table 2 </b>Query parameters</caption>
<thead><tr><th><p>Parameter</p></th><th><p>Mandatory</p></th><th><p>Type</p></th><th><p>Description</p></th></tr></thead>
<tbody><tr><td><p>mode</p></td><td><p>No</p></td><td><p>String</p></td><td><div>How to delete. Options:<ul><li><strong>soft</strong>: keeps a copy.</li><li><strong>hard</strong>: removes it.</li></ul></div></td></tr>
</tbody></table></div>
<div><h4 class="sectiontitle">Status Codes</h4>
<table><thead><tr><th><p>Status Code</p></th><th><p>Description</p></th></tr></thead>
<tbody><tr><td><p>204</p></td><td><p>No Content</p></td></tr></tbody></table></div>
"#;

#[test]
fn a_page_with_two_uris_drafts_one_file_per_uri() {
    let page = HTML_PAGE.replace(
        "<p>DELETE /v1/{project_id}/widgets/{widget_id}</p>",
        "<p>DELETE /v1/{project_id}/widgets/{widget_id}</p><p>DELETE /v1.1/{project_id}/widgets/{widget_id}</p>",
    );
    let drafts = import::import_all("DeleteWidget.html", &page, &options("fx", None)).expect("drafts");
    let names: Vec<(&str, &str)> = drafts.iter().map(|d| (d.operation.as_str(), d.rel.as_str())).collect();
    assert_eq!(
        names,
        [("DeleteWidget", "fx/v1/delete_widget.yaml"), ("DeleteWidgetV11", "fx/v1/delete_widget_v11.yaml")]
    );
    assert!(drafts[0].yaml.contains("drafted in a file of its own: DELETE /v1.1/"), "{}", drafts[0].yaml);
    assert!(drafts[1].yaml.contains("# review: the page prints 2 URIs"), "{}", drafts[1].yaml);
    assert!(drafts[1].yaml.contains("uri: /v1.1/{project_id}/widgets/{widget_id}"), "{}", drafts[1].yaml);
    let skeleton = import::service_skeleton("fx");
    let service =
        SourceFile { rel: "fx/service.yaml".to_owned(), display: "fx/service.yaml".to_owned(), text: skeleton };
    let mut tree = vec![service];
    tree.extend(drafts.iter().map(|d| SourceFile { rel: d.rel.clone(), display: d.rel.clone(), text: d.yaml.clone() }));
    let api = codegen::lower::lower(&tree).unwrap_or_else(|d| panic!("the drafts do not lower:\n{d}"));
    assert_eq!(api.services[0].versions[0].operations.len(), 2);
}

#[test]
fn html_pages_draft_lengths_and_explained_values() {
    let op = lowered("DeleteWidget.html", HTML_PAGE, None);
    assert_eq!(op.wire_name, "DeleteWidget", "the name comes from the file name");
    assert_eq!(param(&op, "widget_id").length.map(|r| (r.min, r.max)), Some((Some(1.0), Some(36.0))));
    assert!(matches!(param(&op, "mode").ty, ir::Type::Enum(_)), "an explained value list is an enum");
    assert_eq!(op.responses.iter().map(|r| r.status).collect::<Vec<_>>(), [204]);
}

const MARKDOWN_PAGE: &str = "# 查询小部件<a name=\"x\"></a>

## 功能介绍

该接口用于查询小部件。

## URI

```
GET /v2/{project_id}/widgets
```

**表 1**  Query参数

<table><thead><tr><th><p>参数</p></th><th><p>是否必选</p></th><th><p>参数类型</p></th><th><p>描述</p></th></tr></thead>
<tbody><tr><td><p>limit</p></td><td><p>否</p></td><td><p>Integer</p></td><td><p>每页数量。取值范围1~32。</p></td></tr>
</tbody></table>

## 响应参数

状态码： 200

**表 2**  响应Body参数

<table><thead><tr><th><p>参数</p></th><th><p>参数类型</p></th><th><p>描述</p></th></tr></thead>
<tbody><tr><td><p>count</p></td><td><p>Integer</p></td><td><p>总数。</p></td></tr>
</tbody></table>

## 状态码

<table><thead><tr><th><p>状态码</p></th><th><p>描述</p></th></tr></thead>
<tbody><tr><td><p>200</p></td><td><p>成功。</p></td></tr></tbody></table>
";

#[test]
fn chinese_markdown_pages_draft_with_the_chinese_vocabulary() {
    let op = lowered("page.md", MARKDOWN_PAGE, Some("ListWidgets"));
    let limit = param(&op, "limit");
    assert!(!limit.mandatory);
    assert_eq!(limit.range.map(|r| (r.min, r.max)), Some((Some(1.0), Some(32.0))));
    assert_eq!(op.responses[0].description, "成功。");
    assert!(op.responses[0].body.is_some(), "the 200 body table is filed under its status");
}

/// A Chinese page in the newer layout: pipe tables, the URI with its host and Markdown escapes,
/// 请求消息 / 响应消息 sections, objects captioned `<name>字段说明` and `<name>对象`.
const PIPE_PAGE: &str = "# 更新小部件<a name=\"w1\"></a>

## 功能介绍<a name=\"s1\"></a>

更新一个小部件。

## URI<a name=\"s2\"></a>

PUT https://\\{_Endpoint_\\}/v2/\\{_project\\_id_\\}/widgets/\\{widget\\_id\\}

**表 1**  参数说明

|参数|是否必选|描述|
|--|--|--|
|project_id|是|项目ID。|
|widget_id|是|-|

## 请求消息<a name=\"s3\"></a>

**表 2**  请求参数

|参数名称|是否必选|参数类型|备注|
|--|--|--|--|
|widget|是|Object|小部件，详见表3。|

**表 3**  widget字段说明

|属性|是否必选|类型|说明|
|--|--|--|--|
|part_ids|否|Array|部件ID的列表。|
|knob|否|knob object|旋钮。|

**表 4**  knob对象

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|turns|否|Integer|圈数。|

## 响应消息<a name=\"s4\"></a>

**表 5**  响应参数

|参数|参数类型|描述|
|--|--|--|
|widgets|List<Gadget>|小部件。|

**表 6**  Gadget

|参数|参数类型|描述|
|--|--|--|
|color|String|颜色。|

## 返回值<a name=\"s5\"></a>

-   正常

    200
";

#[test]
fn chinese_pipe_tables_escaped_uris_and_object_captions_draft() {
    use codegen::import::{Form, detect};
    assert_eq!(detect(PIPE_PAGE), Form::Markdown);
    let op = lowered("page.md", PIPE_PAGE, Some("UpdateWidget"));
    assert_eq!((op.method.as_str(), op.uri.as_str()), ("PUT", "/v2/{project_id}/widgets/{widget_id}"));
    assert!(param(&op, "widget_id").mandatory);
    let text = drafted("page.md", PIPE_PAGE, &options("fz", Some("UpdateWidget"))).text;
    // 参数说明 of the URI section is the path table; 请求参数 the body; 响应参数 the response.
    assert!(text.contains("path_parameters:\n  - name: project_id"), "{text}");
    assert!(text.contains("request_body:") && text.contains("  - status: 200"), "{text}");
    // `widget字段说明` names the object the `widget` row refers to; `knob对象` is `knob object`.
    assert!(text.contains("type: Widget object\n") && text.contains("  Widget:\n"), "{text}");
    assert!(text.contains("type: Knob object\n") && text.contains("  Knob:\n"), "{text}");
    // A bare `Array` of IDs is a list of strings, marked; `List<Gadget>` names the tabled object.
    assert!(
        text.contains("type: Array of strings\n") && text.contains("printed `Array`; its description speaks of IDs"),
        "{text}"
    );
    assert!(text.contains("type: Array of Gadget objects\n"), "{text}");
}

#[test]
fn a_compound_type_name_caption_is_an_object_and_an_elements_caption_is_the_sections_body() {
    // `KnobHeaders` has the word "header" in it, but a compound type name names an object.
    let page = PIPE_PAGE.replace("knob对象", "KnobHeaders").replace("knob object", "KnobHeaders object");
    let text = drafted("page.md", &page, &options("fz", Some("UpdateWidget"))).text;
    assert!(text.contains("  KnobHeaders:\n") && !text.contains("header_parameters"), "{text}");
    // 要素说明 (the elements) under 响应消息 is the response body.
    let page = PIPE_PAGE.replace("**表 5**  响应参数", "**表 5**  要素说明");
    let op = lowered("page.md", &page, Some("UpdateWidget"));
    assert!(op.responses[0].body.is_some());
}

#[test]
fn chinese_list_items_caption_the_tables_under_them() {
    let table = |rows: &str| {
        format!(
            "    <table><thead><tr><th><p>参数</p></th><th><p>是否必选</p></th><th><p>参数类型</p></th>\
             <th><p>描述</p></th></tr></thead>\n    <tbody>{rows}</tbody></table>\n"
        )
    };
    let row = |name: &str, ty: &str| {
        format!("<tr><td><p>{name}</p></td><td><p>否</p></td><td><p>{ty}</p></td><td><p>说明。</p></td></tr>")
    };
    let page = format!(
        "# 删除小部件<a name=\"w\"></a>\n\n## URI<a name=\"u\"></a>\n\n-   URI格式\n\n    POST /v2/\\{{project\\_id\\}}/widgets/delete\n\n\
         -   参数说明\n\n{}\n## 请求消息<a name=\"q\"></a>\n\n-   请求参数\n\n{}\n-   gear参数说明\n\n{}\n\
         ## 响应消息<a name=\"r\"></a>\n\n无\n",
        table(&row("project_id", "String")),
        table(&row("gear", "gear object")),
        table(&row("size", "Integer")),
    );
    let text = drafted("page.md", &page, &options("fz", Some("DeleteWidgets"))).text;
    assert!(text.contains("# 参数说明\npath_parameters:\n"), "{text}");
    assert!(text.contains("# 请求参数\n") && text.contains("    - name: gear\n"), "{text}");
    assert!(text.contains("  # gear参数说明\n") && text.contains("  Gear:\n"), "{text}");
    // The page prints the placeholder optional: drafted mandatory, marked.
    assert!(text.contains("`project_id` optional; a placeholder of the URI is always needed"), "{text}");
    assert!(param(&lowered("page.md", &page, Some("DeleteWidgets")), "project_id").mandatory);
}

fn errors(page: &str, text: &str) -> Vec<String> {
    match import::import(page, text, &options("fz", Some("ListWidgets"))) {
        Ok(d) => panic!("{page} imported although it should not:\n{}", d.yaml),
        Err(e) => e.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn an_unknown_table_header_is_located_and_nothing_is_drafted() {
    let page = RST_PAGE.replace("Parameter  Mandatory Type   Description", "Parameter  Mandatory Kind   Description");
    let e = errors("w.rst", &page);
    assert!(
        e.iter()
            .any(|e| e.starts_with("w.rst:16: error: unknown table header `Kind`")
                && e.contains("Table 1 Path parameters")),
        "{e:?}"
    );
}

#[test]
fn a_page_without_uri_is_refused() {
    let page = RST_PAGE.replace("GET /v3/{project_id}/widgets?offset={offset}&limit={limit}", "");
    assert_eq!(
        errors("w.rst", &page),
        ["w.rst:1: error: no URI: the page has no `METHOD /path` line in a URI section"]
    );
}

#[test]
fn an_unknown_type_phrase_and_an_untabled_object_are_located_at_their_rows() {
    let page = HTML_PAGE.replace("<td><p>String</p></td><td><p>Widget ID", "<td><p>Strng</p></td><td><p>Widget ID");
    let e = errors("w.html", &page);
    assert!(
        e.iter().any(|e| e.starts_with("w.html:7: error: type phrase `Strng` is not understood")
            && e.contains("row 2 (widget_id)")),
        "{e:?}"
    );
    let page = RST_PAGE.replace(
        "Array of :ref:`Widget <list_widgets__widget>` objects",
        "Array of :ref:`Gadget <list_widgets__widget>` objects",
    );
    assert_ne!(page, RST_PAGE);
    // The one name no table has, and the one table no row names: read as each other, marked.
    let text = drafted("list_widgets.rst", &page, &options("fz", None)).text;
    assert!(text.contains("no table of the page is named `Gadget`; read as `Widget`"), "{text}");
    assert!(text.contains("type: Array of Widget objects\n"), "{text}");
    // With two such names, neither is guessed: both drafted free-form, marked, and the draft
    // generates.
    let page = page.replace(
        "total     Integer                                                       Total count.",
        "total     Sprocket object                                               Total count.",
    );
    let text = drafted("list_widgets.rst", &page, &options("fz", None)).text;
    assert!(text.contains("object `Gadget` is not tabled on this page; drafted as `Array of objects`"), "{text}");
    assert!(text.contains("object `Sprocket` is not tabled on this page; drafted as `Object`"), "{text}");
    lowered("list_widgets.rst", &page, None);
}

#[test]
fn the_form_is_detected_from_the_content() {
    use codegen::import::{Form, detect};
    assert_eq!(detect(RST_PAGE), Form::Rst);
    assert_eq!(detect(HTML_PAGE), Form::Html);
    assert_eq!(detect(MARKDOWN_PAGE), Form::Markdown);
    assert_eq!(detect(&seed("004_f76ca43639d64e00.txt")), Form::Text);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

    /// No input makes the importer panic, and whatever it drafts loads (the draft checks itself).
    #[test]
    fn no_page_makes_the_importer_panic(
        form in 0usize..4,
        cut in 0usize..4000,
        noise in "(\\PC|\n|<|>|`|\\*|\\||=|-|\\+| ){0,200}",
    ) {
        let base = [RST_PAGE, HTML_PAGE, MARKDOWN_PAGE, &seed("004_f76ca43639d64e00.txt")][form].to_owned();
        let at = base.char_indices().map(|(k, _)| k).nth(cut % base.chars().count()).unwrap_or(0);
        let page = format!("{}{noise}{}", &base[..at], &base[at..]);
        if let Ok(d) = import::import("p", &page, &options("fz", Some("ListWidgets"))) {
            let file = SourceFile { rel: d.rel.clone(), display: d.rel.clone(), text: d.yaml };
            proptest::prop_assert!(codegen::spec::load::parse_operation(&file).is_ok());
        }
    }
}

#[test]
fn a_request_table_without_a_mandatory_column_drafts_optional_rows_for_review() {
    let page = "\
Setting a Widget Switch
=======================

Function
--------

This API is used to set a widget switch.

URI
---

POST /v2/{project_id}/widgets/switch

.. table:: **Table 1** Path parameters

   ========== ========= ====== ===========
   Parameter  Mandatory Type   Description
   ========== ========= ====== ===========
   project_id Yes       String Project ID.
   ========== ========= ====== ===========

.. table:: **Table 2** Request body parameters

   ========= ====== ===========
   Parameter Type   Description
   ========= ====== ===========
   switch    String On or off.
   ========= ====== ===========

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
";
    let file = drafted("set_widget_switch.rst", page, &options("fz", Some("SetWidgetSwitch")));
    assert!(
        file.text.contains("# review: the table has no Mandatory column; optional assumed\n      mandatory: false\n"),
        "{}",
        file.text
    );
    let op = lowered("set_widget_switch.rst", page, Some("SetWidgetSwitch"));
    assert!(op.body.as_ref().is_some_and(|b| !b.mandatory), "the body's one field is optional");
}

#[test]
fn a_header_printed_as_a_first_row_of_cells_is_the_header() {
    // Some Chinese pages print the status code table without <thead> or <th>.
    let head = "<table><thead><tr><th><p>状态码</p></th><th><p>描述</p></th></tr></thead>\n<tbody>";
    let bare = "<table><tbody><tr><td><p>状态码</p></td><td><p>描述</p></td></tr>\n";
    assert_eq!(MARKDOWN_PAGE.matches(head).count(), 1);
    let page = MARKDOWN_PAGE.replace(head, bare);
    let op = lowered("page.md", &page, Some("ListWidgets"));
    assert_eq!(op.responses.len(), 1);
    assert_eq!(op.responses[0].description, "成功。", "the first row is the header, not a status");
}

#[test]
fn a_type_cell_naming_a_tabled_object_without_the_words_of_a_phrase_names_it_for_review() {
    let printed = "Array of :ref:`Widget <list_widgets__widget>` objects";
    assert_eq!(RST_PAGE.matches(printed).count(), 1);
    assert_eq!(printed.len(), 53);
    // Each cell as pages print it, the phrase it becomes, and the words of its mark.
    let cases = [
        (":ref:`Widget <list_widgets__widget>`", "Widget object", "printed `Widget`, the name of a table"),
        ("Widgetobject", "Widget object", "printed `Widgetobject`; read as the Widget object"),
        ("Array of Widgetobjects", "Array of Widget objects", "read as the Widget object"),
        ("Array of objects (Table 4)", "Array of Widget objects", "the phrase names the object by its table"),
    ];
    for (cell, phrase, mark) in cases {
        // Padded to the printed cell's width, so that the RST table's columns stay in place.
        let page = RST_PAGE.replace(printed, &format!("{cell:<53}"));
        let text = drafted("list_widgets.rst", &page, &options("fz", None)).text;
        assert!(text.contains("# review: printed `") && text.contains(mark), "{cell}: no mark `{mark}`:\n{text}");
        assert!(text.contains(&format!("type: {phrase}\n")), "{cell}:\n{text}");
        let op = lowered("list_widgets.rst", &page, None);
        assert!(op.responses[0].body.is_some(), "{cell}");
    }
    // A bare name is an array when the page's example has an array there.
    let page = format!("{}{RST_EXAMPLES}", RST_PAGE.replace(printed, &format!("{:<53}", "Widget")));
    let text = drafted("list_widgets.rst", &page, &options("fz", None)).text;
    assert!(text.contains("the page's example has an array here"), "{text}");
    assert!(text.contains("type: Array of Widget objects\n"), "{text}");
    // A phrase the importer cannot read is drafted free-form (it keeps whatever arrives), marked
    // at its row, and the draft generates.
    let page = RST_PAGE.replace(printed, &format!("{:<53}", "Gadgetobject"));
    let text = drafted("list_widgets.rst", &page, &options("fz", None)).text;
    assert!(
        text.contains("type phrase `Gadgetobject` is not understood (at `Gadgetobject`); drafted as Object"),
        "{text}"
    );
    assert!(text.contains("type: Object\n"), "{text}");
    lowered("list_widgets.rst", &page, None);
}

#[test]
fn a_response_documented_on_another_page_is_a_located_error_naming_it() {
    let status = "<div><h4 class=\"sectiontitle\">Status Codes</h4>";
    let see = "<div><h4 class=\"sectiontitle\">Response</h4>\n\
               <p>See <a href=\"en-us_topic_task.html\">Responses (Task)</a>.</p></div>\n";
    assert_eq!(HTML_PAGE.matches(status).count(), 1);
    let page = HTML_PAGE.replace(status, &format!("{see}{status}"));
    // Line 14: after the tables, whose cells hold paragraphs of their own that count too.
    assert_eq!(
        errors("w.html", &page),
        ["w.html:14: error: the response is documented on another page: \"See Responses (Task).\" \
          (en-us_topic_task.html); draft its body from that page by hand (the spec has no reference to \
          another page's table)"]
    );
    // A sentence about the error responses sends nowhere for the body.
    let errors_only = page.replace("<p>See <a", "<p>For details about abnormal responses, see <a");
    assert_ne!(errors_only, page);
    drafted("w.html", &errors_only, &options("fz", Some("DeleteWidget")));
    // A response section with its own body table may point elsewhere for the rest.
    let table = "<table><caption><b>Table 3 </b>Response body parameters</caption>\n\
                 <thead><tr><th><p>Parameter</p></th><th><p>Type</p></th><th><p>Description</p></th></tr></thead>\n\
                 <tbody><tr><td><p>job_id</p></td><td><p>String</p></td><td><p>Task ID.</p></td></tr></tbody></table>";
    let page = page.replace("</a>.</p></div>", &format!("</a>.</p>{table}</div>"));
    let text = drafted("w.html", &page, &options("fz", Some("DeleteWidget"))).text;
    assert!(text.contains("- name: job_id"), "{text}");
}

/// A POST page with an example request body and no request body table.
const EXAMPLE_BODY_PAGE: &str = "\
Resizing a Widget
=================

Function
--------

This API is used to resize a widget.

URI
---

POST /v2/{project_id}/widgets/resize

.. table:: **Table 1** Path parameters

   ========== ========= ====== ===========
   Parameter  Mandatory Type   Description
   ========== ========= ====== ===========
   project_id Yes       String Project ID.
   ========== ========= ====== ===========

Example Request
---------------

.. code-block:: text

   POST https://{endpoint}/v2/{project_id}/widgets/resize

   {
     \"size\" : 3,
     \"mode\" : \"online\",
     \"zones\" : [ \"az1\" ]
   }

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
";

#[test]
fn an_example_request_body_without_a_body_table_drafts_the_body_from_the_example() {
    let file = drafted("resize.rst", EXAMPLE_BODY_PAGE, &options("fz", Some("ResizeWidget"))).text;
    for mark in [
        "# review: the page has no request body table; the body is drafted from its example request",
        "# review: the page has no request body table; `size` is drafted from the example request, optional",
        "# review: type from the example request's `\"size\": 3`",
        "# review: type from the example request's `\"zones\": [\"az1\"]`",
    ] {
        assert!(file.contains(mark), "no `{mark}`:\n{file}");
    }
    assert!(!file.contains("mismatch:"), "the example agrees with the drafted body:\n{file}");
    let op = lowered("resize.rst", EXAMPLE_BODY_PAGE, Some("ResizeWidget"));
    let body = op.body.as_ref().expect("a body");
    assert!(!body.mandatory, "every field is optional");
    // A GET sends no body: its printed body stays an example marked `mismatch`.
    let get = EXAMPLE_BODY_PAGE.replace("POST ", "GET ");
    let file = drafted("resize.rst", &get, &options("fz", Some("ResizeWidget"))).text;
    assert!(!file.contains("request_body:") && file.contains("mismatch:"), "{file}");
}

/// A page that tables `Widget` twice: the request's copy and the response's, with another row.
const TWO_COPIES_PAGE: &str = "\
Creating a Widget
=================

Function
--------

This API is used to create a widget.

URI
---

POST /v2/{project_id}/widgets

.. table:: **Table 1** Path parameters

   ========== ========= ====== ===========
   Parameter  Mandatory Type   Description
   ========== ========= ====== ===========
   project_id Yes       String Project ID.
   ========== ========= ====== ===========

.. table:: **Table 2** Request body parameters

   ========= ========= ============= ===========
   Parameter Mandatory Type          Description
   ========= ========= ============= ===========
   widget    Yes       Widget object The widget.
   ========= ========= ============= ===========

.. table:: **Table 3** Widget

   ========= ========= ====== ===========
   Parameter Mandatory Type   Description
   ========= ========= ====== ===========
   color     Yes       String Colour.
   ========= ========= ====== ===========

Response Parameters
-------------------

.. table:: **Table 4** Response body parameters

   ========= ============= ===========
   Parameter Type          Description
   ========= ============= ===========
   widget    Widget object The widget.
   ========= ============= ===========

.. table:: **Table 5** Widget

   ========= ====== ===========
   Parameter Type   Description
   ========= ====== ===========
   color     String Colour.
   id        String Widget ID.
   ========= ====== ===========

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
";

#[test]
fn request_and_response_copies_of_one_caption_with_other_rows_get_distinct_names() {
    let file = drafted("create.rst", TWO_COPIES_PAGE, &options("fz", Some("CreateWidget"))).text;
    assert!(
        file.contains(
            "# review: the page tables Widget twice with different rows; this copy is named CreateWidgetResponseWidget"
        ),
        "{file}"
    );
    assert!(file.contains("  Widget:\n") && file.contains("  CreateWidgetResponseWidget:\n"), "{file}");
    // `CreateWidgetWidget` stays free for `Widget` when another page holds `Widget`.
    assert!(!file.contains("CreateWidgetWidget"), "{file}");
    assert!(!file.contains("is not drafted"), "{file}");
    // The request body's row names the request copy, the response body's row the other.
    let request = &file[file.find("request_body:").expect("a body")..file.find("responses:").expect("responses")];
    let response = &file[file.find("responses:").expect("responses")..file.find("objects:").expect("objects")];
    assert!(request.contains("type: Widget object\n"), "{request}");
    assert!(response.contains("type: CreateWidgetResponseWidget object\n"), "{response}");
    assert!(response.contains("the copy after this table is CreateWidgetResponseWidget"), "{response}");
    // And the draft generates.
    lowered("create.rst", TWO_COPIES_PAGE, Some("CreateWidget"));
    // Copies with the same rows stay one object.
    let same = TWO_COPIES_PAGE.replace("   id        String Widget ID.\n", "");
    let file = drafted("create.rst", &same, &options("fz", Some("CreateWidget"))).text;
    assert!(!file.contains("ResponseWidget"), "{file}");
    assert!(!file.contains("CreateWidgetWidget"), "{file}");
}

/// The request copy of a caption tabled twice falls back to `<Operation><Name>` when an earlier
/// page holds `<Name>` with other rows: the response copy's name leaves it free, so that the two
/// pages generate together (they did not when the response copy was `<Operation><Name>` and was
/// claimed first).
#[test]
fn a_page_with_two_copies_of_a_caption_generates_beside_another_page_of_that_caption() {
    let skeleton = SourceFile {
        rel: "fz/service.yaml".to_owned(),
        display: "spec/fz/service.yaml".to_owned(),
        text: import::service_skeleton("fz"),
    };
    // As CCE's node pool pages print it: the request body's table captioned as a structure,
    // drafted as an object that is claimed after the responses.
    let page = TWO_COPIES_PAGE.replace("**Table 2** Request body parameters", "**Table 2** Gadget structure");
    let other = page.replace("POST /v2/{project_id}/widgets", "POST /v2/{project_id}/gadgets").replacen(
        "   color     Yes       String Colour.",
        "   size      Yes       String Size. ",
        1,
    );
    assert_ne!(other, page);
    let first = drafted("add.rst", &other, &options("fz", Some("AddWidget")));
    let second = drafted("create.rst", &page, &options("fz", Some("CreateWidget")));
    let tree = [skeleton, first, second.clone()];
    let api = codegen::lower::lower(&tree).unwrap_or_else(|d| panic!("the two pages do not lower together:\n{d}"));
    // `Widget` is AddWidget's; CreateWidget's request copy falls back to its own name.
    let version = format!("{:?}", api.services[0].versions[0]);
    for name in ["Object(\"Widget\")", "Object(\"CreateWidgetWidget\")", "Object(\"CreateWidgetResponseWidget\")"] {
        assert!(version.contains(name), "{name} is not a type of the version\n{}", second.text);
    }
}

/// The DDM seed with one cell broken as a copy can break it: each is a located error naming the
/// problem, and nothing is drafted (a row that runs into the previous description, a header
/// that ends early, types guessed from a header that lost its Type cell).
#[test]
fn a_broken_browser_text_table_is_a_located_error_not_a_guess() {
    let page = seed("004_f76ca43639d64e00.txt");
    for (from, to, expected) in [
        ("limit\n\nNo\n\nInteger\n\n", "limit\n\nNo\n\nIntegr\n\n", "type phrase `Integr` is not understood"),
        ("\nMandatory\n", "\nMandatroy\n", "unknown table header `Mandatroy` (did you mean `Mandatory`?)"),
        (
            "Mandatory\n\nType\n\nDescription\n",
            "Mandatory\n\nDescription\n",
            "has no Type column, but every row's description starts with a type phrase",
        ),
    ] {
        let broken = page.replacen(from, to, 1);
        assert_ne!(broken, page, "the seed has {from:?}");
        let errors = import::import("ddm.txt", &broken, &options("ddm", Some("ListUsers"))).expect_err(expected);
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(text.iter().any(|e| e.starts_with("ddm.txt:") && e.contains(expected)), "{expected}: {text:?}");
    }
}

/// A page cut inside its last table (a truncated file) is refused at the cut, in every form that
/// shows where a table ends; nothing is drafted from the rows before it.
#[test]
fn a_page_cut_inside_a_table_is_refused_at_the_cut() {
    let cut = |page: &str, at: &str| page[..page.rfind(at).unwrap_or_else(|| panic!("the page has {at:?}"))].to_owned();
    let cases = [
        ("w.rst", cut(RST_PAGE, "   color     String"), "the table ends without its closing border"),
        (
            "w.rst",
            cut(RST_PAGE, "   |           |           |         | 0 to 1000."),
            "the table ends without its closing border",
        ),
        ("w.html", cut(HTML_PAGE, "</table>"), "the table is never closed"),
        ("w.md", cut(MARKDOWN_PAGE, "</tbody></table>"), "the table is never closed"),
        ("w.md", cut(MARKDOWN_PAGE, "<table") + "```\n{\"a\": 1}\n", "the code block is never closed"),
    ];
    for (file, page, expected) in cases {
        let e = match import::import(file, &page, &options("fz", Some("ListWidgets"))) {
            Ok(d) => panic!("{file} ({expected}) drafted:\n{}", d.yaml),
            Err(e) => e,
        };
        assert!(
            e.iter().any(|e| e.message.contains("the page seems cut short here") && e.message.contains(expected)),
            "{file}: {e:?}"
        );
    }
    // The whole pages are not cut.
    for (file, page) in [("w.rst", RST_PAGE), ("w.html", HTML_PAGE), ("w.md", MARKDOWN_PAGE)] {
        if let Err(e) = import::import(file, page, &options("fz", Some("ListWidgets"))) {
            assert!(!e.iter().any(|e| e.message.contains("cut short")), "{file}: {e:?}");
        }
    }
}
