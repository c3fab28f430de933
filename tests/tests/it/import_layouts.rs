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
