//! Layouts of the cloud's pages beyond DDM's and DWS's, each on a small page written for the
//! test: section headings, object tables and type phrases the importer must read or draft around.

use crate::import::{drafted, options};

/// An RST page whose request and response sections are headed `heading_req` / `heading_resp`.
fn page_with_sections(heading_req: &str, heading_resp: &str) -> String {
    let rule = |h: &str| "-".repeat(h.chars().count().max(3));
    format!(
        "Adding a Gadget Tag\n===================\n\nFunction\n--------\n\nAdds a tag.\n\nURI\n---\n\n\
         POST /v1/{{project_id}}/gadgets/{{gadget_id}}/tags\n\n\
         .. table:: **Table 1** URI parameters\n\n\
         \x20  ========== ========= ====== ===========\n\
         \x20  Parameter  Mandatory Type   Description\n\
         \x20  ========== ========= ====== ===========\n\
         \x20  project_id Yes       String Project ID.\n\
         \x20  gadget_id  Yes       String Gadget ID.\n\
         \x20  ========== ========= ====== ===========\n\n\
         {heading_req}\n{}\n\n\
         .. table:: **Table 2** Request parameters\n\n\
         \x20  ========= ========= ====== ===========\n\
         \x20  Parameter Mandatory Type   Description\n\
         \x20  ========= ========= ====== ===========\n\
         \x20  key       Yes       String Tag key.\n\
         \x20  ========= ========= ====== ===========\n\n\
         {heading_resp}\n{}\n\n\
         .. table:: **Table 3** Response parameters\n\n\
         \x20  ========= ====== ===========\n\
         \x20  Parameter Type   Description\n\
         \x20  ========= ====== ===========\n\
         \x20  tag_id    String Tag ID.\n\
         \x20  ========= ====== ===========\n\n\
         Status Codes\n------------\n\n\
         =========== ===========\n\
         Status Code Description\n\
         =========== ===========\n\
         200         OK\n\
         =========== ===========\n",
        rule(heading_req),
        rule(heading_resp),
    )
}

#[test]
fn request_and_response_sections_are_read_under_each_heading_the_pages_use() {
    for (req, resp) in [
        ("Requests", "Responses"),
        ("Request Message", "Response Message"),
        ("Request Parameter", "Response Parameter"),
        ("**Request**", "**Response**"),
    ] {
        let page = page_with_sections(req, resp);
        let file = drafted("adding_a_gadget_tag.rst", &page, &options("fz", Some("AddGadgetTag")));
        let yaml = &file.text;
        let body = yaml.split("request_body:").nth(1).unwrap_or_else(|| panic!("{req}: no request body in\n{yaml}"));
        assert!(body.contains("name: key"), "{req}: the request table is the body:\n{yaml}");
        assert!(yaml.contains("name: tag_id"), "{resp}: the response table is read:\n{yaml}");
        assert!(!yaml.contains("objects:"), "{req}: no table is left as an unnamed object:\n{yaml}");
    }
}

/// A page whose response names a `Gear` object; `gear_rows` are the rows of the Gear table, and
/// `extra` is appended after it.
fn gear_page(gear_rows: &str, extra: &str) -> String {
    format!(
        "Showing a Gear\n==============\n\nFunction\n--------\n\nShows a gear.\n\nURI\n---\n\n\
         GET /v1/{{project_id}}/gears/{{gear_id}}\n\n\
         .. table:: **Table 1** URI parameters\n\n\
         \x20  ========== ========= ====== ===========\n\
         \x20  Parameter  Mandatory Type   Description\n\
         \x20  ========== ========= ====== ===========\n\
         \x20  project_id Yes       String Project ID.\n\
         \x20  gear_id    Yes       String Gear ID.\n\
         \x20  ========== ========= ====== ===========\n\n\
         Response\n--------\n\n\
         .. table:: **Table 2** Response parameters\n\n\
         \x20  ========= =========== ===========\n\
         \x20  Parameter Type        Description\n\
         \x20  ========= =========== ===========\n\
         \x20  gear      Gear object The gear.\n\
         \x20  ========= =========== ===========\n\n\
         .. table:: **Table 3** Gear\n\n\
         \x20  ========= =========== ===========\n\
         \x20  Parameter Type        Description\n\
         \x20  ========= =========== ===========\n\
         {gear_rows}\
         \x20  ========= =========== ===========\n\n\
         {extra}\
         Status Codes\n------------\n\n\
         =========== ===========\n\
         Status Code Description\n\
         =========== ===========\n\
         200         OK\n\
         =========== ===========\n"
    )
}

#[test]
fn an_object_table_that_nothing_names_is_left_out_with_its_rows_listed() {
    let orphan = ".. table:: **Table 4** Description\n\n\
                  \x20  ========= ====== ===========\n\
                  \x20  Parameter Type   Description\n\
                  \x20  ========= ====== ===========\n\
                  \x20  teeth     Integer Teeth.\n\
                  \x20  ========= ====== ===========\n\n";
    let page = gear_page("   id        String      Gear ID.\n", orphan);
    let text = drafted("show_gear.rst", &page, &options("fz", Some("ShowGear"))).text;
    assert!(
        text.contains("# review: the table \"**Table 4** Description\"")
            || text.contains("# review: the table \"Table 4 Description\""),
        "{text}"
    );
    assert!(text.contains("is left out: its caption names no object and no row refers to it"), "{text}");
    assert!(text.contains("no field takes its rows (teeth)"), "{text}");
    crate::import::lowered("show_gear.rst", &page, Some("ShowGear"));
}

#[test]
fn a_row_typed_as_its_own_table_is_free_form_so_no_struct_contains_itself() {
    let page = gear_page("   id        String      Gear ID.\n   parent    Gear object Parent gear.\n", "");
    let text = drafted("show_gear.rst", &page, &options("fz", Some("ShowGear"))).text;
    assert!(text.contains("in the table of `Gear` itself: an object cannot contain itself"), "{text}");
    let gear = text.split("  Gear:\n").nth(1).unwrap_or_else(|| panic!("no Gear object:\n{text}"));
    assert!(gear.contains("type: Object\n"), "{text}");
    crate::import::lowered("show_gear.rst", &page, Some("ShowGear"));
}

#[test]
fn a_type_cell_ending_in_a_full_stop_is_its_type() {
    let page = gear_page("   id        String.     Gear ID.\n", "");
    let text = drafted("show_gear.rst", &page, &options("fz", Some("ShowGear"))).text;
    let gear = text.split("  Gear:\n").nth(1).unwrap_or_else(|| panic!("no Gear object:\n{text}"));
    assert!(gear.contains("type: String\n"), "{text}");
}

/// The gear page with its URI section's line replaced by `uri`.
fn gear_page_with_uri(uri: &str) -> String {
    gear_page("   id        String      Gear ID.\n", "").replace("GET /v1/{project_id}/gears/{gear_id}\n", uri)
}

#[test]
fn a_uri_printed_as_path_and_method_lines_is_the_operation_uri() {
    for uri in [
        "PATH: /v1/{project_id}/gears/{gear_id}\n\nMethod: GET\n",
        "Path：/v1/{project_id}/gears/{gear_id}\n\nMETHOD：get\n",
    ] {
        let op = crate::import::lowered("show_gear.rst", &gear_page_with_uri(uri), Some("ShowGear"));
        assert_eq!((op.method.as_str(), op.uri.as_str()), ("GET", "/v1/{project_id}/gears/{gear_id}"), "{uri}");
    }
    // A path whose method never comes is no URI.
    let page = gear_page_with_uri("PATH: /v1/{project_id}/gears/{gear_id}\n");
    let e = codegen::import::import("show_gear.rst", &page, &options("fz", Some("ShowGear"))).expect_err("no method");
    assert!(e.iter().any(|e| e.to_string().contains("no URI")), "{e:?}");
}

#[test]
fn markup_inside_a_uri_line_is_not_part_of_the_path() {
    let uri = "GET https://{*Endpoint*}/v1/{project_id}/gears/{gear\\_id}?since={begin \\_time}\n";
    let op = crate::import::lowered("show_gear.rst", &gear_page_with_uri(uri), Some("ShowGear"));
    assert_eq!(op.uri, "/v1/{project_id}/gears/{gear_id}");
}

#[test]
fn a_guide_page_is_not_an_api_page_and_says_so() {
    let page = "Making a Request\n================\n\nRequest URI\n-----------\n\nA request URI is made of parts.\n\n\
                The API used to obtain a project ID is GET https://{Endpoint}/v3/projects.\n";
    let e = codegen::import::import("making.rst", page, &options("fz", None)).expect_err("a guide page");
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].message, codegen::import::draft::NOT_AN_API_PAGE);
    // A page with a URI section but no URI line in it is an API page that lost its URI.
    let page = gear_page_with_uri("");
    let e = codegen::import::import("show_gear.rst", &page, &options("fz", Some("ShowGear"))).expect_err("no URI");
    assert!(e[0].message.starts_with("no URI"), "{e:?}");
}

#[test]
fn a_query_filter_printed_array_takes_the_item_type_of_its_namesake_in_the_response() {
    let query = ".. table:: **Table 4** Query parameters\n\n\
                 \x20  ========= ========= ====== ===========\n\
                 \x20  Parameter Mandatory Type   Description\n\
                 \x20  ========= ========= ====== ===========\n\
                 \x20  teeth     No        Array  Filter.\n\
                 \x20  colour    No        Array  Filter.\n\
                 \x20  ========= ========= ====== ===========\n\n";
    let page = gear_page("   id        String      Gear ID.\n   teeth     Integer     Teeth.\n", query)
        .replace("GET /v1/{project_id}/gears/{gear_id}\n", "GET /v1/{project_id}/gears/{gear_id}?teeth={teeth}\n");
    let text = drafted("show_gear.rst", &page, &options("fz", Some("ShowGear"))).text;
    assert!(text.contains("the page's other tables type a member of this name `Integer`"), "{text}");
    let op = crate::import::lowered("show_gear.rst", &page, Some("ShowGear"));
    let ty = |name: &str| op.params.iter().find(|p| p.field.wire_name == name).map(|p| format!("{:?}", p.field.ty));
    assert_eq!(ty("teeth").as_deref(), Some("Array(Integer)"));
    // No namesake: the items are strings, as they travel.
    assert_eq!(ty("colour").as_deref(), Some("Array(String)"));
}

#[test]
fn what_the_spec_format_refuses_is_settled_with_a_mark_and_the_draft_generates() {
    let rows = "   colour    String      The value can be red, green, or red.\n\
                \x20  mode      String      The value can be on-off or on_off.\n\
                \x20  label     String      The value can be up or down. The value contains 2 to 4 characters.\n\
                \x20  id        String      Gear ID.\n\
                \x20  id        String      Gear ID again.\n";
    let query = ".. table:: **Table 4** Query parameters\n\n\
                 \x20  ========= ========= =========== ===========\n\
                 \x20  Parameter Mandatory Type        Description\n\
                 \x20  ========= ========= =========== ===========\n\
                 \x20  filter    No        Gear object A filter.\n\
                 \x20  ========= ========= =========== ===========\n\n";
    let page = gear_page(rows, query);
    let text = drafted("show_gear.rst", &page, &options("fz", Some("ShowGear"))).text;
    for mark in [
        "listed twice on the page, kept once: red",
        "the values `on-off`, `on_off` are not drafted as a value list: `on_off` gives the Rust variant name `OnOff`",
        "a length beside a value list is not drafted",
        "the table lists `id` again at page line",
        "`Gear object`: a parameter outside the body is text on the wire; drafted as String",
    ] {
        assert!(text.contains(mark), "no mark `{mark}`:\n{text}");
    }
    let op = crate::import::lowered("show_gear.rst", &page, Some("ShowGear"));
    let filter = op.params.iter().find(|p| p.field.wire_name == "filter").expect("the query parameter");
    assert_eq!(filter.field.ty, codegen::ir::Type::String);
}

/// The gear page with the Gear table's header and rows replaced (`header` and `rows` of a simple
/// RST table, `rule` its border).
fn gear_page_with_table(rule: &str, header: &str, rows: &str, extra: &str) -> String {
    let old = "   ========= =========== ===========\n   Parameter Type        Description\n   ========= =========== ===========\n   id        String      Gear ID.\n   ========= =========== ===========\n";
    let page = gear_page("   id        String      Gear ID.\n", extra);
    assert!(page.contains(old), "the gear page's Gear table");
    page.replace(old, &format!("   {rule}\n   {header}\n   {rule}\n{rows}   {rule}\n"))
}

#[test]
fn table_headers_of_the_clouds_pages_are_read_or_the_table_is_left_out_with_a_mark() {
    let o = options("fz", Some("ShowGear"));
    let rule = "========= ====== ========== ==========";
    // `Attribute` names the fields; `Remarks` beside a Description is added to it.
    let page = gear_page_with_table(
        rule,
        "Attribute Type   Descriptio Remarks",
        "   id        String Gear ID.   Read-only.\n",
        "",
    )
    .replace("Descriptio Remarks", "Description Remarks");
    let text = drafted("show_gear.rst", &page, &o).text;
    assert!(text.contains("Gear ID.\n\n        Remarks: Read-only.") || text.contains("Remarks: Read-only."), "{text}");
    // `Remarks` alone is the description; a header cell `String` over a column of types is Type.
    let page = gear_page_with_table(
        "========= ====== ==========",
        "Parameter String Remarks",
        "   id        String Gear ID.\n",
        "",
    );
    let text = drafted("show_gear.rst", &page, &o).text;
    assert!(text.contains("description: Gear ID."), "{text}");
    // A table with no column of names lists values: left out, marked, and the page drafts.
    let values = ".. table:: **Table 4** Security policies\n\n\
                  \x20  ============== ==========\n\
                  \x20  Security Policy Protocols\n\
                  \x20  ============== ==========\n\
                  \x20  tls-1-0        TLS 1.0\n\
                  \x20  ============== ==========\n\n";
    let page = gear_page("   id        String      Gear ID.\n", values);
    let text = drafted("show_gear.rst", &page, &o).text;
    assert!(text.contains("is left out: its header `Security Policy | Protocols` has no parameter column"), "{text}");
    // A misspelt header word stays an error.
    let page = gear_page_with_table(
        "========= ====== ===========",
        "Parameter Type   Descripton",
        "   id        String Gear ID.\n",
        "",
    );
    let e = codegen::import::import("show_gear.rst", &page, &o).expect_err("a misspelt header");
    assert!(e.iter().any(|e| e.message.contains("did you mean `Description`")), "{e:?}");
}

#[test]
fn row_names_of_the_clouds_pages_are_read_or_left_out_with_a_mark() {
    let o = options("fz", Some("ShowGear"));
    let rule = "======================== ========= ===========";
    let header = "Parameter                Type      Description";
    let row = |name: &str, ty: &str| format!("   {name:<24} {ty:<9} Words.\n");
    let rows = [
        row("*teeth*", "Integer"),
        row("spoke _count", "Integer"),
        row("alpha.cce/preInstall", "String"),
        row("domain_name or domain_id", "String"),
    ]
    .concat();
    let page = gear_page_with_table(rule, header, &rows, "");
    let text = drafted("show_gear.rst", &page, &o).text;
    for (name, mark) in [
        ("teeth", "the page prints the name `*teeth*`"),
        ("spoke_count", "the page prints the name `spoke _count`"),
        ("alpha.cce/preInstall", ""),
        ("domain_name", "the page prints `domain_name or domain_id`: one of them"),
        ("domain_id", ""),
    ] {
        assert!(text.contains(&format!("- name: {name}\n")), "{name}:\n{text}");
        assert!(text.contains(mark), "{mark}:\n{text}");
    }
    crate::import::lowered("show_gear.rst", &page, Some("ShowGear"));
    // A row naming free keys: the object is a map of them, so the field that holds it is
    // free-form JSON.
    let page = gear_page_with_table(rule, header, &row("{User defined key}", "String"), "");
    let text = drafted("show_gear.rst", &page, &o).text;
    assert!(text.contains("names the object's free keys, not a field"), "{text}");
    assert!(text.contains("the object's table names free keys, not fields; drafted as `Object`"), "{text}");
    crate::import::lowered("show_gear.rst", &page, Some("ShowGear"));
    // A row for an array's items is left out, marked; the rows after it are the item's fields.
    let page =
        gear_page_with_table(rule, header, &[row("[Array element]", "Object"), row("id", "String")].concat(), "");
    let text = drafted("show_gear.rst", &page, &o).text;
    assert!(text.contains("the row `[Array element]` stands for the items of an array"), "{text}");
    assert!(text.contains("- name: id\n"), "{text}");
}

#[test]
fn a_mandatory_cell_with_a_condition_or_no_word_is_read_and_marked() {
    let o = options("fz", Some("ShowGear"));
    let rule = "========= ========================================== ====== ===========";
    let header = "Parameter Mandatory                                  Type   Description";
    let row = |name: &str, m: &str| format!("   {name:<9} {m:<42} String Words.\n");
    let rows = [
        row("size", "Yes (If it is from a snapshot, optional.)"),
        row("zone", "Yes (In every region.)"),
        row("note", "One of three"),
    ]
    .concat();
    let page = gear_page_with_table(rule, header, &rows, "");
    let text = drafted("show_gear.rst", &page, &o).text;
    assert!(text.contains("the Mandatory cell says `Yes (If it is from a snapshot, optional.)`"), "{text}");
    assert!(text.contains("the Mandatory cell says `One of three`; optional assumed"), "{text}");
    crate::import::lowered("show_gear.rst", &page, Some("ShowGear"));
    // A type where Yes or No belongs (a row that lost a cell) stays an error at its row.
    let page = gear_page_with_table(rule, header, &row("size", "Integer"), "");
    let e = codegen::import::import("show_gear.rst", &page, &o).expect_err("a shifted row");
    assert!(e.iter().any(|e| e.message.contains("mandatory cell `Integer` is neither yes nor no")), "{e:?}");
}

#[test]
fn a_row_pointing_to_the_table_of_its_plural_takes_that_table() {
    let gears = ".. table:: **Table 5** Gears\n\n\
                 \x20  ========= ====== ===========\n\
                 \x20  Parameter Type   Description\n\
                 \x20  ========= ====== ===========\n\
                 \x20  size      String Gear size.\n\
                 \x20  ========= ====== ===========\n\n";
    let page = gear_page("   id        String      Gear ID.\n", gears)
        .replace("   gear      Gear object The gear.\n", "   gear      Gear object The gear. See Table 5.\n");
    let text = drafted("show_gear.rst", &page, &options("fz", Some("ShowGear"))).text;
    assert!(text.contains("printed `Gear object`; the row points to the table of `Gears`"), "{text}");
    assert!(text.contains("type: Gears object\n"), "{text}");
    // A number pointing to a table of an unrelated name is not followed.
    let page = page.replace("**Table 5** Gears", "**Table 5** Sprockets");
    let text = drafted("show_gear.rst", &page, &options("fz", Some("ShowGear"))).text;
    assert!(text.contains("type: Gear object\n"), "{text}");
}

#[test]
fn a_project_id_row_the_uri_does_not_hold_is_a_query_parameter_the_caller_gives() {
    let page = gear_page_with_uri("GET /v1/gears/{gear_id}\n");
    let text = drafted("show_gear.rst", &page, &options("fz", Some("ShowGear"))).text;
    assert!(text.contains("`project_id` is in the path parameters table but not in the URI"), "{text}");
    let op = crate::import::lowered("show_gear.rst", &page, Some("ShowGear"));
    let p = op.params.iter().find(|p| p.field.wire_name == "project_id").expect("project_id");
    assert_eq!((p.location, p.supplied_by), (codegen::ir::Location::Query, None));
}

#[test]
fn a_request_filter_table_is_the_query_parameters() {
    // The Cinder-style EVS pages caption their query table "Request filter parameters" (English)
    // or "Request filter参数说明" (Chinese), in the URI section of a GET.
    for caption in ["Request filter参数说明", "request filter参数说明"] {
        let page = format!(
            "# 查询小部件\n\n## URI\n\n-   URI格式\n\n    GET /v2/\\{{project\\_id\\}}/widgets/detail\n\n\
             -   {caption}\n\n\
             <table><thead><tr><th><p>参数</p></th><th><p>参数类型</p></th><th><p>是否必选</p></th><th><p>描述</p></th></tr></thead>\n\
             <tbody><tr><td><p>marker</p></td><td><p>String</p></td><td><p>否</p></td><td><p>起始ID。</p></td></tr>\n\
             <tr><td><p>limit</p></td><td><p>Integer</p></td><td><p>否</p></td><td><p>个数。</p></td></tr>\n\
             </tbody></table>\n\n\
             ## 响应消息\n\n<table><thead><tr><th><p>参数</p></th><th><p>参数类型</p></th><th><p>描述</p></th></tr></thead>\n\
             <tbody><tr><td><p>count</p></td><td><p>Integer</p></td><td><p>总数。</p></td></tr></tbody></table>\n\n\
             ## 状态码\n\n<table><thead><tr><th><p>状态码</p></th><th><p>描述</p></th></tr></thead>\n\
             <tbody><tr><td><p>200</p></td><td><p>成功。</p></td></tr></tbody></table>\n"
        );
        let op = crate::import::lowered("page.md", &page, Some("ListWidgets"));
        let located: Vec<(&str, codegen::ir::Location)> =
            op.params.iter().map(|p| (p.field.wire_name.as_str(), p.location)).collect();
        let query = codegen::ir::Location::Query;
        let text = drafted("page.md", &page, &options("fz", Some("ListWidgets"))).text;
        assert!(
            located.contains(&("marker", query)) && located.contains(&("limit", query)),
            "{caption}: {located:?}\n{text}"
        );
    }
}

#[test]
fn an_untabled_object_of_key_value_pairs_is_a_map_of_strings() {
    let rows = "   metadata  Object      Gear metadata.\n\
                \x20  marks     Object      Marks as key-value pairs.\n\
                \x20  shape     Object      The shape.\n\
                \x20  quota     Object      Sub-parameters are key-value pairs.\n";
    let page = gear_page(rows, "");
    let text = drafted("show_gear.rst", &page, &options("fz", Some("ShowGear"))).text;
    assert!(text.contains("a field of this name is a map by convention"), "{text}");
    assert!(text.contains("its description speaks of key-value pairs"), "{text}");
    let gear = text.split("  Gear:\n").nth(1).unwrap_or_else(|| panic!("no Gear object:\n{text}"));
    let ty = |name: &str| {
        let row = gear.split(&format!("- name: {name}\n")).nth(1).unwrap_or_default();
        row.lines().find_map(|l| l.trim().strip_prefix("type: ")).map(str::to_owned)
    };
    assert_eq!(ty("metadata").as_deref(), Some("Map<String,String>"), "{text}");
    assert_eq!(ty("marks").as_deref(), Some("Map<String,String>"), "{text}");
    // Nothing says what the shape holds: it stays free-form.
    assert_eq!(ty("shape").as_deref(), Some("Object"), "{text}");
    // Named sub-parameters are an object's fields, whatever their pairs.
    assert_eq!(ty("quota").as_deref(), Some("Object"), "{text}");
    crate::import::lowered("show_gear.rst", &page, Some("ShowGear"));
}

#[test]
fn a_row_naming_an_untabled_object_takes_the_table_its_caption_or_number_names() {
    let rule = "========== ========================= ===========";
    let rows = "   main_cog   main_cog object           The cog.\n\
                \x20  leftNut    leftNut object            A nut.\n\
                \x20  rightNuts  Array of rightNut objects Nuts.\n";
    let objects = ".. table:: **Table 4** **Main Cog** objects\n\n\
                   \x20  ========= ======= ===========\n\
                   \x20  Parameter Type    Description\n\
                   \x20  ========= ======= ===========\n\
                   \x20  teeth     Integer Teeth.\n\
                   \x20  ========= ======= ===========\n\n\
                   .. table:: **Table 5** Data structure of the leftNut/rightNut field\n\n\
                   \x20  ========= ======= ===========\n\
                   \x20  Parameter Type    Description\n\
                   \x20  ========= ======= ===========\n\
                   \x20  size      Integer Size.\n\
                   \x20  ========= ======= ===========\n\n";
    let page = gear_page_with_table(rule, "Parameter  Type                      Description", rows, objects);
    let text = drafted("show_gear.rst", &page, &options("fz", Some("ShowGear"))).text;
    assert!(text.contains("type: MainCog object\n"), "by the caption's words:\n{text}");
    assert!(text.contains("type: LeftNut object\n"), "by a name the caption joins with a slash:\n{text}");
    assert!(text.contains("type: Array of LeftNut objects\n"), "the other name of that caption:\n{text}");
    assert!(text.contains("  MainCog:\n") && text.contains("  LeftNut:\n"), "{text}");
    crate::import::lowered("show_gear.rst", &page, Some("ShowGear"));
}

#[test]
fn a_link_to_another_pages_table_is_not_this_pages_table_of_that_number() {
    let page = |href: &str| {
        format!(
            "# 查询小部件\n\n## URI\n\nGET /v2/\\{{project\\_id\\}}/widgets\n\n\
             ## 响应参数\n\n**表 2**  响应参数\n\n\
             <table><thead><tr><th><p>参数</p></th><th><p>参数类型</p></th><th><p>描述</p></th></tr></thead>\n\
             <tbody><tr><td><p>groups</p></td><td><p>Array of objects</p></td><td><p>详情请参见<a href=\"{href}\">表3</a>。</p></td></tr>\n\
             <tr><td><p>gadget</p></td><td><p>Object</p></td><td><p>小部件。</p></td></tr>\n\
             </tbody></table>\n\n\
             **表 3**  gadget字段数据结构说明\n\n\
             <table><thead><tr><th><p>参数</p></th><th><p>参数类型</p></th><th><p>描述</p></th></tr></thead>\n\
             <tbody><tr><td><p>size</p></td><td><p>Integer</p></td><td><p>大小。</p></td></tr></tbody></table>\n\n\
             ## 状态码\n\n<table><thead><tr><th><p>状态码</p></th><th><p>描述</p></th></tr></thead>\n\
             <tbody><tr><td><p>200</p></td><td><p>成功。</p></td></tr></tbody></table>\n"
        )
    };
    let o = options("fz", Some("ListWidgets"));
    // On this page, Table 3 is the row's object.
    let text = drafted("page.md", &page("#table3"), &o).text;
    assert!(text.contains("type: Array of Gadget objects\n"), "{text}");
    // Another page's Table 3 is not: the row stays free-form, and says where its table is.
    let text = drafted("page.md", &page("数据结构(查询).md#table3"), &o).text;
    assert!(text.contains("type: Array of objects\n"), "{text}");
    assert!(text.contains("详情请参见数据结构(查询)#表3。"), "{text}");
    crate::import::lowered("page.md", &page("数据结构(查询).md#table3"), Some("ListWidgets"));
}

#[test]
fn an_rst_link_to_a_table_no_anchor_of_the_page_defines_is_another_pages_table() {
    let page = |target: &str| {
        let row = format!("   parts     Array of objects See :ref:`Table 4 <{target}>`.");
        let rows = format!("{row}\n");
        let objects = ".. _show_gear__table4:\n\n\
                       .. table:: **Table 4** Sprocket\n\n\
                       \x20  ========= ======= ===========\n\
                       \x20  Parameter Type    Description\n\
                       \x20  ========= ======= ===========\n\
                       \x20  teeth     Integer Teeth.\n\
                       \x20  ========= ======= ===========\n\n";
        let width = row.len() - "   parts     Array of objects ".len();
        let rule = format!("========= ================ {}", "=".repeat(width));
        gear_page_with_table(&rule, "Parameter Type             Description", &rows, objects)
    };
    let o = options("fz", Some("ShowGear"));
    let text = drafted("show_gear.rst", &page("show_gear__table4"), &o).text;
    assert!(text.contains("type: Array of Sprocket objects\n"), "an anchor of this page:\n{text}");
    let text = drafted("show_gear.rst", &page("other_page__table4"), &o).text;
    assert!(text.contains("type: Array of objects\n"), "another page's anchor:\n{text}");
    assert!(text.contains("See other_page#Table 4."), "{text}");
}

#[test]
fn a_row_whose_table_number_is_off_takes_the_table_captioned_with_its_name() {
    let objects = ".. table:: **Table 4** pins field description\n\n\
                   \x20  ========= ======= ===========\n\
                   \x20  Parameter Type    Description\n\
                   \x20  ========= ======= ===========\n\
                   \x20  count     Integer Count.\n\
                   \x20  ========= ======= ===========\n\n\
                   .. table:: **Table 5** ha field description\n\n\
                   \x20  ========= ======= ===========\n\
                   \x20  Parameter Type    Description\n\
                   \x20  ========= ======= ===========\n\
                   \x20  mode      String  Mode.\n\
                   \x20  ========= ======= ===========\n\n";
    let rows = "   ha        Object      See Table 4\n   pins      Object      See Table 7\n";
    let page = gear_page(rows, objects);
    let text = drafted("show_gear.rst", &page, &options("fz", Some("ShowGear"))).text;
    let gear = text.split("  Gear:\n").nth(1).unwrap_or_else(|| panic!("no Gear object:\n{text}"));
    assert!(gear.contains("- name: ha\n") && gear.contains("type: Ha object\n"), "{text}");
    assert!(gear.contains("type: Pins object\n"), "{text}");
    crate::import::lowered("show_gear.rst", &page, Some("ShowGear"));
}

#[test]
fn an_object_row_whose_description_names_a_tabled_object_takes_it() {
    let objects = ".. table:: **Table 4** Parameters in the QuotaDetail field\n\n\
                   \x20  ========= ======= ===========\n\
                   \x20  Parameter Type    Description\n\
                   \x20  ========= ======= ===========\n\
                   \x20  limit     Integer Limit.\n\
                   \x20  ========= ======= ===========\n\n\
                   .. table:: **Table 5** QuotaDetailSsd\n\n\
                   \x20  ========= ======= ===========\n\
                   \x20  Parameter Type    Description\n\
                   \x20  ========= ======= ===========\n\
                   \x20  limit     Integer Limit.\n\
                   \x20  in_use    Integer In use.\n\
                   \x20  ========= ======= ===========\n\n";
    let rows = "   quota     Object      See Parameters in the QuotaDetail field.\n\
                \x20  ssd       Object      See QuotaDetailSsd.\n\
                \x20  ssd2      Object      See QuotaDetailSSD, in capitals.\n";
    let page = gear_page(rows, objects);
    let text = drafted("show_gear.rst", &page, &options("fz", Some("ShowGear"))).text;
    assert!(text.contains("type: QuotaDetail object\n"), "{text}");
    assert!(text.contains("type: QuotaDetailSsd object\n"), "a longer name is not the shorter one's:\n{text}");
    assert!(text.contains("the description names the object QuotaDetailSsd"), "{text}");
    assert_eq!(text.matches("type: QuotaDetailSsd object\n").count(), 2, "in other case too:\n{text}");
    crate::import::lowered("show_gear.rst", &page, Some("ShowGear"));
}

/// IAM's pages list the examples as items of the request and response sections ("- Example
/// request", "- Example response") with the code block under each: the response's is the success
/// response's example (it was left out).
#[test]
fn an_example_response_item_under_the_response_section_is_the_success_example() {
    let page = page_with_sections("Request", "Response").replace(
        "\n\nStatus Codes\n",
        "\n\n-  Example response\n\n   .. code-block::\n\n      {\n          \"tag_id\": \"t-1\"\n      }\n\nStatus Codes\n",
    );
    let file = drafted("adding_a_gadget_tag.rst", &page, &options("fz", Some("AddGadgetTag")));
    let yaml = &file.text;
    let examples = yaml.split("examples:").nth(1).unwrap_or_else(|| panic!("no example in\n{yaml}"));
    assert!(examples.contains("\"tag_id\": \"t-1\""), "{yaml}");
    assert!(!yaml.contains("# review: not drafted"), "{yaml}");
}
