//! What the importer infers from a page's words and layout, on the cases reviewers of the
//! corpus drafts had to correct by hand: comparison phrases as ranges, computed bounds, defaults
//! that are no value of the field, a status code section printed as a list, a request header
//! table under another caption, and an offset that counts pages from 0.

use crate::import::{drafted, lowered, options, param};
use codegen::import::infer::prose::{self, Kind};
use codegen::ir;

type Bounds = (Option<f64>, Option<f64>);

fn range(cell: &str, kind: Kind) -> Option<Bounds> {
    prose::infer(cell, kind).range.map(|r| r.value)
}

fn default(cell: &str, kind: Kind) -> Option<serde_json::Value> {
    prose::infer(cell, kind).default.map(|d| d.value)
}

#[test]
fn comparison_phrases_draft_the_bound_they_state() {
    let int = Kind::Integer;
    let at_least = |n: f64| Some((Some(n), None));
    assert_eq!(range("Greater than or equal to 0", int), at_least(0.0));
    assert_eq!(range("Range: A positive integer greater than or equal to 0", int), at_least(0.0));
    assert_eq!(range("Value range: ≥ 0", int), at_least(0.0));
    assert_eq!(range("取值范围：大于等于0。", int), at_least(0.0));
    assert_eq!(range("The value is not less than 3.", int), at_least(3.0));
    assert_eq!(range("Greater than 0", int), at_least(1.0), "a strict bound moves by one on an integer");
    assert_eq!(range("A positive integer greater than 0", int), at_least(1.0));
    assert_eq!(range("A positive integer.", int), at_least(1.0));
    assert_eq!(range("Greater than 0", Kind::Number), None, "a strict bound on a decimal cannot be stated");
    assert_eq!(range("Less than or equal to 64", int), Some((None, Some(64.0))));
    assert_eq!(range("Less than 10", int), Some((None, Some(9.0))));
    assert_eq!(range("The maximum value is 20 and the default value is 3.", int), Some((None, Some(20.0))));
    assert_eq!(range("Greater than 0 and less than or equal to 100.", int), Some((Some(1.0), Some(100.0))));
    assert_eq!(
        range("A query is slow if its execution duration is greater than or equal to 2 seconds.", int),
        None,
        "a comparison about something else is no range"
    );
}

#[test]
fn words_that_compute_a_bound_are_no_range() {
    let int = Kind::Integer;
    assert_eq!(range("Number of nodes to remove. The maximum value is the instance nodes minus 1.", int), None);
    assert_eq!(range("The value cannot exceed 3 minus 1.", int), None);
    assert_eq!(range("The value ranges from 1 to the node count minus 1.", int), None);
    assert_eq!(range("Page offset, which starts from 0 (page number minus 1).", int), None);
    assert_eq!(range("The maximum value is 1000.", int), Some((None, Some(1000.0))), "a number is still a bound");
}

#[test]
fn a_default_is_a_value_of_the_field_or_is_not_drafted() {
    let s = Kind::String;
    for words in [
        "It is left blank by default.",
        "Scale-out mode. If this parameter is not specified, the offline read-only mode is used by default.",
        "Each instance has one node group by default.",
        "If the parameter value is not specified, 10 records are obtained by default.",
    ] {
        let inferred = prose::infer(words, s);
        assert_eq!(inferred.default.map(|d| d.value), None, "{words}");
        assert!(inferred.default_left.is_some_and(|l| l.contains("by default")), "the words are kept: {words}");
    }
    assert_eq!(default("The value is an empty string by default.", s), Some("".into()));
    assert_eq!(default("- Is an empty string by default if it is not set.", s), Some("".into()));
    assert_eq!(default("The value is 0 by default.", s), Some("0".into()));
    assert_eq!(default("The default value is dbadmin.", s), Some("dbadmin".into()));
    assert_eq!(default("Time zone. The default value is UTC.", s), Some("UTC".into()), "the case as printed");
    assert_eq!(
        default("Time zone. The default value is utc. The value can be UTC, GMT, or CST.", s),
        Some("UTC".into()),
        "a value of the list, in the list's spelling"
    );
    assert_eq!(default("Mode. The default value is fast. The value can be slow or safe.", s), None);
    assert_eq!(
        default("If the parameter value is not specified, 10 records are obtained by default.", Kind::Integer),
        Some(10.into())
    );
    assert_eq!(default("If it is not specified, public connection is not used by default.", Kind::Boolean), None);
    assert_eq!(default("The default value is false.", Kind::Boolean), Some(false.into()));
}

/// A DDM-style page: the request header table captioned "Parameter description", an offset that
/// is the page number minus 1, a count that is not said to be the total, and the status code
/// section printed as a list.
const PAGE: &str = "\
:original_name: ListGadgets.html

Listing Gadgets
===============

Function
--------

This API is used to list gadgets.

URI
---

GET /v2/{project_id}/gadgets

.. table:: **Table 1** Path parameters

   ========== ========= ====== ===========
   Parameter  Mandatory Type   Description
   ========== ========= ====== ===========
   project_id Yes       String Project ID.
   ========== ========= ====== ===========

.. table:: **Table 2** Query parameters

   ========= ========= ======= ========================================================
   Parameter Mandatory Type    Description
   ========= ========= ======= ========================================================
   offset    No        Integer Page offset, which starts from 0 (page number minus 1).
   limit     No        Integer Size of a single page. Greater than 0.
   mode      No        String  Listing mode. It is left blank by default.
   ========= ========= ======= ========================================================

Request Parameters
------------------

.. table:: **Table 3** Parameter description

   ============ ========= ====== ===========
   Parameter    Mandatory Type   Description
   ============ ========= ====== ===========
   X-Auth-Token Yes       String User token.
   ============ ========= ====== ===========

Response Parameters
-------------------

.. table:: **Table 4** Response body parameters

   ========= ===================================================== ==================
   Parameter Type                                                  Description
   ========= ===================================================== ==================
   gadgets   Array of :ref:`Gadget <list_gadgets__gadget>` objects Gadgets.
   count     Integer                                               Number of gadgets.
   ========= ===================================================== ==================

.. _list_gadgets__gadget:

.. table:: **Table 5** Gadget

   ========= ====== ===========
   Parameter Type   Description
   ========= ====== ===========
   id        String Gadget ID.
   ========= ====== ===========

Status Codes
------------

-  Normal

   202

-  Abnormal

   For details, see :ref:`Status Codes <gadgets_status_codes>`.
";

/// A page printing bare `Array` and `list` types and a `List<tag>` generic.
const BARE_ARRAYS: &str = "\
Listing Gadgets
===============

URI
---

GET /v2/{project_id}/gadgets

.. table:: **Table 1** Query parameters

   ========= ========= ===== ==================================
   Parameter Mandatory Type  Description
   ========= ========= ===== ==================================
   id        No        Array Gadget IDs: id=1&id=2.
   ========= ========= ===== ==================================

Response Parameters
-------------------

.. table:: **Table 2** Response body parameters

   ========= ========= ==================================
   Parameter Type      Description
   ========= ========= ==================================
   names     list      Gadget names.
   gadgets   Array     The gadgets. For details, see Table 3.
   ========= ========= ==================================

.. table:: **Table 3** Gadget

   ========= ========= ==================================
   Parameter Type      Description
   ========= ========= ==================================
   id        String    Gadget ID.
   tags      List<tag> Tags.
   ========= ========= ==================================

.. table:: **Table 4** tag

   ========= ========= ==================================
   Parameter Type      Description
   ========= ========= ==================================
   key       String    Tag key.
   ========= ========= ==================================

Example Response
----------------

.. code-block::

   {\"names\": [\"a\"], \"gadgets\": [{\"id\": \"g1\", \"tags\": [{\"key\": \"k\"}]}]}
";

#[test]
fn a_bare_array_type_takes_its_items_from_the_table_it_refers_to_the_example_or_the_query() {
    let file = drafted("gadgets.rst", BARE_ARRAYS, &options("fz", Some("ListGadgets"))).text;
    // `id` is a String in the Gadget table: the filter's items are strings.
    assert!(
        file.contains("# review: printed `Array`; the page's other tables type a member of this name `String`"),
        "{file}"
    );
    assert!(file.contains("# review: printed `list`; the page's example has `[\"a\"]` here"), "{file}");
    assert!(file.contains("type: Array of Gadget objects"), "`Array` that refers to Table 3: {file}");
    assert!(file.contains("type: Array of Tag objects"), "`List<tag>` names the tag table: {file}");
    let op = lowered("gadgets.rst", BARE_ARRAYS, Some("ListGadgets"));
    assert_eq!(param(&op, "id").ty, ir::Type::Array(Box::new(ir::Type::String)));
}

#[test]
fn a_status_code_section_printed_as_a_list_drafts_the_status_it_prints() {
    let op = lowered("list_gadgets.rst", PAGE, None);
    let statuses: Vec<u16> = op.responses.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [202]);
    assert!(op.responses[0].body.is_some(), "the body table belongs to the status the page prints");
    let one_line = PAGE.replace("-  Normal\n\n   202\n", "-  Normal 200\n");
    let op = lowered("list_gadgets.rst", &one_line, None);
    assert_eq!(op.responses.iter().map(|r| r.status).collect::<Vec<_>>(), [200]);
}

#[test]
fn a_normal_status_above_a_table_of_error_statuses_is_drafted_with_them() {
    let table = "-  Abnormal\n\n   =============== ===========\n   Returned Value  Description\n   =============== ===========\n   400 Bad Request Bad request.\n   404 Not Found   Not found.\n   =============== ===========\n";
    let page = PAGE.replace("-  Abnormal\n\n   For details, see :ref:`Status Codes <gadgets_status_codes>`.\n", table);
    assert_ne!(page, PAGE);
    let op = lowered("list_gadgets.rst", &page, None);
    assert_eq!(op.responses.iter().map(|r| r.status).collect::<Vec<_>>(), [202, 400, 404], "`400 Bad Request` is 400");
    assert!(op.responses[0].body.is_some(), "the body table belongs to the normal status");
}

#[test]
fn a_parameter_description_table_of_request_headers_drafts_header_parameters() {
    let op = lowered("list_gadgets.rst", PAGE, None);
    let token = op.params.iter().find(|p| p.field.wire_name == "X-Auth-Token").expect("X-Auth-Token is a parameter");
    assert_eq!((token.location, token.supplied_by), (ir::Location::Header, Some(ir::Supplied::AuthToken)));
    let text = drafted("list_gadgets.rst", PAGE, &options("fz", None)).text;
    assert!(!text.contains("\n  Parameter:\n"), "no object is drafted from the header table:\n{text}");
}

#[test]
fn an_offset_that_is_the_page_number_minus_1_pages_from_0_and_a_count_is_a_total_only_when_it_says_so() {
    let op = lowered("list_gadgets.rst", PAGE, None);
    let p = op.pagination.expect("offset/limit with an items array pages");
    assert_eq!((p.by_page, p.first_page, p.cursor.wire_name.as_str()), (true, 0, "offset"));
    assert_eq!(p.total, None, "\"Number of gadgets\" is not the total");
    let total = PAGE.replace("Number of gadgets.", "Total gadgets.");
    let p = lowered("list_gadgets.rst", &total, None).pagination.expect("pages");
    assert_eq!(
        p.total.map(|t| t.iter().map(|f| f.wire_name.clone()).collect::<Vec<_>>()),
        Some(vec!["count".to_owned()])
    );
    let items = PAGE.replace("Page offset, which starts from 0 (page number minus 1).", "Index offset.");
    let p = lowered("list_gadgets.rst", &items, None).pagination.expect("pages");
    assert_eq!((p.by_page, p.first_page), (false, 0), "an offset that counts items");
}

#[test]
fn a_post_listing_whose_cursor_is_in_its_request_body_pages_by_the_bodys_fields() {
    let body = PAGE
        .replace("GET /v2/{project_id}/gadgets", "POST /v2/{project_id}/gadgets/action")
        .replace("**Table 2** Query parameters", "**Table 2** Request body parameters")
        .replace(
            "Page offset, which starts from 0 (page number minus 1).",
            "Index offset.                                          ",
        );
    assert_ne!(body, PAGE);
    let text = drafted("list_gadgets.rst", &body, &options("fz", None)).text;
    assert!(
        text.contains("# review: pagination inferred from the request body's fields `offset` and the array `gadgets`"),
        "{text}"
    );
    let op = lowered("list_gadgets.rst", &body, None);
    assert!(op.params.iter().all(|p| p.field.wire_name != "offset"), "`offset` is not a query parameter");
    let p = op.pagination.expect("offset/limit in the body with an items array pages");
    assert!(p.in_body);
    assert_eq!((p.by_page, p.cursor.wire_name.as_str()), (false, "offset"));
    assert_eq!(p.size.map(|s| s.wire_name).as_deref(), Some("limit"));
}

#[test]
fn an_offset_and_limit_typed_string_page_by_the_numbers_they_hold() {
    let text = PAGE
        .replace("offset    No        Integer Page offset", "offset    No        String  Page offset")
        .replace("limit     No        Integer Size", "limit     No        String  Size");
    assert_ne!(text, PAGE);
    let op = lowered("list_gadgets.rst", &text, None);
    let p = op.pagination.expect("a String offset and limit with an items array page");
    assert_eq!((p.by_page, p.first_page, p.cursor.ty.clone()), (true, 0, ir::Type::String));
    assert_eq!(p.size.map(|s| s.ty), Some(ir::Type::String));
}

#[test]
fn a_get_has_no_body_so_a_table_read_as_its_body_is_its_query() {
    let get = PAGE.replace("**Table 2** Query parameters", "**Table 2** Request body parameters");
    assert_ne!(get, PAGE);
    let text = drafted("list_gadgets.rst", &get, &options("fz", None)).text;
    assert!(text.contains("a GET request has no body"), "{text}");
    let op = lowered("list_gadgets.rst", &get, None);
    assert!(op.body.is_none(), "{:?}", op.body);
    assert_eq!(param(&op, "offset").ty, ir::Type::Integer);
    let p = op.pagination.expect("offset/limit query parameters with an items array page");
    assert!(!p.in_body);
    // A table with a map row is no query (a query cannot carry one): it is left as it is read.
    let map = get.replace("mode      No        String  Listing mode", "mode      No        Map     Listing mode");
    assert_ne!(map, get);
    let text = drafted("list_gadgets.rst", &map, &options("fz", None)).text;
    assert!(!text.contains("a GET request has no body") && text.contains("request_body:"), "{text}");
}

#[test]
fn a_string_marker_pages_by_the_last_items_id_or_by_the_next_marker_the_body_gives() {
    let marker = PAGE.replace(
        "offset    No        Integer Page offset, which starts from 0 (page number minus 1).",
        "marker    No        String  ID of the last gadget of the previous page.             ",
    );
    assert_ne!(marker, PAGE);
    let text = drafted("list_gadgets.rst", &marker, &options("fz", None)).text;
    assert!(
        text.contains("# review: pagination inferred from the query parameter `marker`, the array `gadgets` and the `id` of the last item of `gadgets`"),
        "{text}"
    );
    let p = lowered("list_gadgets.rst", &marker, None).pagination.expect("marker/limit with an items array pages");
    assert_eq!(p.cursor.wire_name, "marker");
    assert_eq!(p.size.map(|s| s.wire_name).as_deref(), Some("limit"));
    assert!(matches!(&p.marker, Some(ir::Marker::Item(f)) if f.wire_name == "id"), "{:?}", p.marker);

    // A body that names the next marker pages by it.
    let table = |first: &str, rows: &[&str]| {
        let border = format!(
            "   {} ===================================================== ==================",
            "=".repeat(first.len())
        );
        let mut t = format!(
            "{border}\n   {first:<w$} Type                                                  Description\n{border}\n",
            w = first.len()
        );
        for r in rows {
            t.push_str(r);
            t.push('\n');
        }
        t + &border
    };
    let before = table(
        "Parameter",
        &[
            "   gadgets   Array of :ref:`Gadget <list_gadgets__gadget>` objects Gadgets.",
            "   count     Integer                                               Number of gadgets.",
        ],
    );
    assert!(marker.contains(&before), "the test's table is the page's");
    let after = table(
        "Parameter  ",
        &[
            "   gadgets     Array of :ref:`Gadget <list_gadgets__gadget>` objects Gadgets.",
            "   next_marker String                                                Marker of the next page.",
        ],
    );
    let next = marker.replace(&before, &after);
    let p = lowered("list_gadgets.rst", &next, None).pagination;
    let p = p.unwrap_or_else(|| panic!("pages:\n{}", drafted("list_gadgets.rst", &next, &options("fz", None)).text));
    assert!(
        matches!(&p.marker, Some(ir::Marker::Next(path)) if path.len() == 1 && path[0].wire_name == "next_marker"),
        "{:?}",
        p.marker
    );
}

/// An RST table under `caption` whose columns are as wide as their widest cell.
fn rst_table(caption: &str, rows: &[&[&str]]) -> String {
    let widths: Vec<usize> =
        (0..rows[0].len()).map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
    let border = widths.iter().map(|w| "=".repeat(*w)).collect::<Vec<_>>().join(" ");
    let line = |r: &[&str]| r.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect::<Vec<_>>().join(" ");
    let mut t = format!(".. table:: **{caption}**\n\n   {border}\n   {}\n   {border}\n", line(rows[0]));
    for r in &rows[1..] {
        t.push_str(&format!("   {}\n", line(r).trim_end()));
    }
    t + "   " + &border + "\n\n"
}

/// A listing page in the manner of CES's: a String `start` query parameter, the success body's
/// arrays (name, type phrase) and a `meta_data` object whose fields are `meta`.
fn start_page(arrays: &[(&str, &str)], meta: &[(&str, &str)]) -> String {
    let mut body: Vec<&[&str]> = vec![&["Parameter", "Type", "Description"]];
    let rows: Vec<[&str; 3]> = arrays.iter().map(|(n, t)| [*n, *t, "The listed things."]).collect();
    body.extend(rows.iter().map(|r| &r[..]));
    body.push(&["meta_data", ":ref:`MetaData <ls__meta>` object", "Paging."]);
    let meta_rows: Vec<[&str; 3]> = meta.iter().map(|(n, t)| [*n, *t, "Paging field."]).collect();
    let mut meta_table: Vec<&[&str]> = vec![&["Parameter", "Type", "Description"]];
    meta_table.extend(meta_rows.iter().map(|r| &r[..]));
    format!(
        ":original_name: ListMetrics.html\n\nListing Metrics\n===============\n\nFunction\n--------\n\n\
         This API is used to list metrics.\n\nURI\n---\n\nGET /v1/{{project_id}}/metrics\n\n{}{}\
         Response Parameters\n-------------------\n\n{}.. _ls__meta:\n\n{}.. _ls__metric:\n\n{}\
         Status Codes\n------------\n\n-  Normal\n\n   200\n",
        rst_table(
            "Table 1** Path parameters",
            &[&["Parameter", "Mandatory", "Type", "Description"], &["project_id", "Yes", "String", "Project ID."]]
        ),
        rst_table(
            "Table 2** Query parameters",
            &[
                &["Parameter", "Mandatory", "Type", "Description"],
                &["start", "No", "String", "Where the page starts: the ID of a metric."],
                &["limit", "No", "Integer", "Size of a page."],
            ]
        ),
        rst_table("Table 3** Response body parameters", &body),
        rst_table("Table 4** MetaData", &meta_table),
        rst_table("Table 5** Metric", &[&["Parameter", "Type", "Description"], &["id", "String", "Metric ID."]]),
    )
}

#[test]
fn a_string_start_pages_by_the_marker_an_object_of_the_body_names_and_the_items_are_the_only_objects() {
    let metrics = ("metrics", "Array of :ref:`Metric <ls__metric>` objects");
    let page = start_page(&[metrics], &[("count", "Integer"), ("marker", "String")]);
    let text = drafted("list_metrics.rst", &page, &options("fz", None)).text;
    assert!(
        text.contains("# review: pagination inferred from the query parameter `start`, the array `metrics` and the response's `meta_data.marker`"),
        "{text}"
    );
    let p = lowered("list_metrics.rst", &page, None).pagination.unwrap_or_else(|| panic!("pages:\n{text}"));
    assert_eq!((p.cursor.wire_name.as_str(), p.items.wire_name.as_str()), ("start", "metrics"));
    let path = |p: &ir::Pagination| match &p.marker {
        Some(ir::Marker::Next(path)) => path.iter().map(|f| f.wire_name.clone()).collect::<Vec<_>>().join("."),
        other => format!("{other:?}"),
    };
    assert_eq!(path(&p), "meta_data.marker");
    assert_eq!(p.total, None, "no total in the object");
    // A `next_marker` in the object is preferred; an array of IDs beside the items does not hide
    // them; a total beside the marker ends the listing there.
    let page = start_page(
        &[("names", "Array of strings"), metrics],
        &[("marker", "String"), ("next_marker", "String"), ("total", "Integer")],
    );
    let p = lowered("list_metrics.rst", &page, None).pagination.expect("the only array of objects is the items");
    assert_eq!((p.items.wire_name.as_str(), path(&p)), ("metrics", "meta_data.next_marker".to_owned()));
    let total: Vec<String> = p.total.iter().flatten().map(|f| f.wire_name.clone()).collect();
    assert_eq!(total, ["meta_data", "total"]);
    // Two arrays of objects: which holds the items is not clear, so nothing is drafted.
    let page =
        start_page(&[metrics, ("others", "Array of :ref:`Metric <ls__metric>` objects")], &[("marker", "String")]);
    assert_eq!(lowered("list_metrics.rst", &page, None).pagination, None);
    // A `start` whose next value the body does not name is not taken for a marker (the last
    // item's ID is a marker only for a cursor named so).
    let page = start_page(&[metrics], &[("total", "Integer")]);
    assert_eq!(lowered("list_metrics.rst", &page, None).pagination, None);
}

#[test]
fn an_offset_listing_with_a_links_array_pages_through_its_other_array() {
    let page = format!(
        ":original_name: ListPackages.html\n\nListing Packages\n================\n\nFunction\n--------\n\n\
         This API is used to list packages.\n\nURI\n---\n\nGET /v2/{{project_id}}/packages\n\n{}{}\
         Response Parameters\n-------------------\n\n{}.. _lp__pkg:\n\n{}Status Codes\n------------\n\n-  Normal\n\n   200\n",
        rst_table(
            "Table 1** Path parameters",
            &[&["Parameter", "Mandatory", "Type", "Description"], &["project_id", "Yes", "String", "Project ID."]]
        ),
        rst_table(
            "Table 2** Query parameters",
            &[
                &["Parameter", "Mandatory", "Type", "Description"],
                &["offset", "No", "Integer", "Index of the first package."],
                &["limit", "No", "Integer", "Size of a page."],
            ]
        ),
        rst_table(
            "Table 3** Response body parameters",
            &[
                &["Parameter", "Type", "Description"],
                &["packages", "Array of :ref:`Package <lp__pkg>` objects", "Packages."],
                &["packages_links", "Array of :ref:`Package <lp__pkg>` objects", "Links of the pages."],
            ]
        ),
        rst_table("Table 4** Package", &[&["Parameter", "Type", "Description"], &["id", "String", "Package ID."]]),
    );
    let p = lowered("list_packages.rst", &page, None).pagination;
    let p = p.unwrap_or_else(|| panic!("pages:\n{}", drafted("list_packages.rst", &page, &options("fz", None)).text));
    assert_eq!((p.cursor.wire_name.as_str(), p.items.wire_name.as_str()), ("offset", "packages"));
}

#[test]
fn prose_defaults_and_ranges_reach_the_draft_with_their_review_marks() {
    let op = lowered("list_gadgets.rst", PAGE, None);
    assert_eq!(param(&op, "limit").range.map(|r| (r.min, r.max)), Some((Some(1.0), None)));
    assert_eq!(param(&op, "mode").default, None);
    let text = drafted("list_gadgets.rst", PAGE, &options("fz", None)).text;
    // Nothing drafted, nothing to check: a note, not a review mark.
    assert!(text.contains("# note: no default drafted") && text.contains("It is left blank by default."), "{text}");
    assert!(!text.contains("# review: default not drafted"), "{text}");
    assert!(text.contains("# review: `offset` counts pages from 0"), "{text}");
}

#[test]
fn a_layout_block_of_several_paragraphs_is_one_list_under_its_heading() {
    let cell = "Definition\n\nSorting order.\n\nRange\n\nasc\n\ndesc\n\nDefault Value\n\nN/A";
    assert_eq!(prose::infer(cell, Kind::Other).description, "Sorting order.\n\nRange:\n- asc\n- desc");
    let cell = "Range\n\nOnly digits.\n\n1 to 8 characters.\n\nConstraints\n\nNone";
    assert_eq!(prose::infer(cell, Kind::Other).description, "Range:\n- Only digits.\n- 1 to 8 characters.");
    // A heading again opens a block again.
    let cell = "Range\n\non: enabled\n\nDefault Value\n\noff\n\nRange\n\nmore";
    assert_eq!(prose::infer(cell, Kind::Other).description, "Range: on: enabled\n\nDefault value: off\n\nRange: more");
}

#[test]
fn layout_blocks_printed_as_bullets_are_blocks_not_a_value_list() {
    let cell =
        "- Definition: Time when a gadget was updated.\n\n- Range: UTC time in the format of yyyy-MM-ddTHH:mm:ssZ";
    let inferred = prose::infer(cell, Kind::String);
    assert_eq!(inferred.values, None, "`Definition` and `Range` are headings, not values");
    assert_eq!(
        inferred.description,
        "Time when a gadget was updated.\n\nRange: UTC time in the format of yyyy-MM-ddTHH:mm:ssZ"
    );
    let cell = "- Definition: Port of the gadget.\n\n- Range: None\n\n- Default value: 80";
    let inferred = prose::infer(cell, Kind::Integer);
    assert_eq!(inferred.description, "Port of the gadget.\n\nDefault value: 80");
    assert_eq!(inferred.default.map(|d| d.value), Some(serde_json::json!(80)));
    // A bullet that is a value with its meaning stays a value.
    let cell = "Mode.\n\n- fast: quick.\n\n- slow: careful.";
    let values = prose::infer(cell, Kind::String).values.expect("a value list");
    assert_eq!(values.value.len(), 2);
}

#[test]
fn a_value_list_among_several_bullet_lists_and_bare_values_under_a_cue_are_drafted() {
    let names = |cell: &str| -> Option<Vec<(String, Option<String>)>> {
        let values = prose::infer(cell, Kind::String).values?;
        Some(values.value.into_iter().map(|v| (v.value, v.description)).collect())
    };
    let pair = |v: &str, d: Option<&str>| (v.to_owned(), d.map(str::to_owned));
    // The list explained, then repeated bare under "Enumerated values:": the explained one is
    // taken, and both leave the description, cue included.
    let cell = "Restart mode.\n\n- gentle: Only the process restarts.\n\n- firm: The machine restarts.\n\n\
                Enumerated values:\n\n- gentle\n\n- firm";
    assert_eq!(
        names(cell),
        Some(vec![pair("gentle", Some("Only the process restarts.")), pair("firm", Some("The machine restarts."))])
    );
    assert_eq!(prose::infer(cell, Kind::String).description, "Restart mode.");
    // Bare values under a cue.
    let cell = "Widget kind.\n\nEnumerated values:\n\n- gear\n\n- sprocket";
    assert_eq!(names(cell), Some(vec![pair("gear", None), pair("sprocket", None)]));
    assert_eq!(prose::infer(cell, Kind::String).description, "Widget kind.");
    // Bare bullets without a cue are notes, not values; a bullet that is no value keeps the lists
    // in the description.
    assert_eq!(names("Notes.\n\n- gear\n\n- sprocket"), None);
    // Explained bullets that no cue introduces are notes, whatever their shape.
    let cell = "The password must meet the following requirements:\n\n- Length: 8 to 32 characters.\n\n\
                - Characters: at least three kinds.\n\nNote:\n\n- Do not reuse the old password.";
    assert_eq!(names(cell), None);
    assert!(prose::infer(cell, Kind::String).description.contains("- Length: 8 to 32 characters."));
    // Constraints explained, then the values bare under a cue: the values.
    let cell =
        "Gadget.\n\nConstraints:\n\n- Length: 1-64\n\n- Charset: a-z\n\nEnumerated values:\n\n- gear\n\n- sprocket";
    assert_eq!(names(cell), Some(vec![pair("gear", None), pair("sprocket", None)]));
    let cell =
        "Kind.\n\nValues:\n\n- gear\n\n- sprocket\n\nNotes:\n\n- Only some regions have sprockets.\n\n- Ask first.";
    assert_eq!(names(cell), Some(vec![pair("gear", None), pair("sprocket", None)]));
    assert!(prose::infer(cell, Kind::String).description.contains("- Only some regions have sprockets."));
}

/// A page that types a field `Integer` with a range past 32 bits.
const WIDE_INTEGER: &str = "\
Querying Things
===============

Function
--------

This API is used to query things.

URI
---

GET /v1/{project_id}/things

.. table:: **Table 1** Query parameters

   ========= ========= ======= ========================================
   Parameter Mandatory Type    Description
   ========= ========= ======= ========================================
   marker    No        Integer Start. Value range: 0 to 4294967295.
   ========= ========= ======= ========================================

Response Parameters
-------------------

**Status code: 200**

.. table:: **Table 2** Response body parameters

   ========= ======= ===========
   Parameter Type    Description
   ========= ======= ===========
   count     Integer Count.
   ========= ======= ===========

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
";

#[test]
fn an_integer_whose_range_passes_32_bits_is_drafted_as_a_long() {
    let op = lowered("things.rst", WIDE_INTEGER, Some("ListThings"));
    let marker = param(&op, "marker");
    assert_eq!(marker.ty, ir::Type::Long);
    assert_eq!(marker.range.map(|r| r.max), Some(Some(4_294_967_295.0)));
}
