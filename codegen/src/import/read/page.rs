//! The page model: what a documentation page says, whatever form it was read from.
//!
//! Readers (`text`, `rst`, `html`) turn a page into a list of [`Block`]s; `assemble` turns the
//! blocks into one [`Page`]; `draft` turns the page into spec YAML. Nothing here interprets prose:
//! cells keep their text, paragraphs separated by blank lines and list items as `- ` paragraphs.

use std::fmt;

/// The form a page was written in, detected from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Text copied from the browser (the seeds): one cell or paragraph per line.
    Text,
    /// reStructuredText export with `.. table::` directives.
    Rst,
    /// The doc site's topic HTML.
    Html,
    /// Markdown with HTML tables inside (Huawei's Chinese pages).
    Markdown,
}

impl fmt::Display for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Form::Text => "text",
            Form::Rst => "rst",
            Form::Html => "html",
            Form::Markdown => "markdown",
        })
    }
}

/// One unit of a page as a reader sees it, with the 1-based line where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Line in the page file.
    pub line: usize,
    /// What it is.
    pub kind: BlockKind,
}

/// The kinds of blocks the readers produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading: the page title or a section title.
    Heading(String),
    /// A paragraph or a list item (then starting with `- `).
    Para(String),
    /// A code or preformatted block, exactly as printed (indentation removed).
    Code(String),
    /// A table with its caption.
    Table(Table),
    /// The target of a link on the page (API Explorer links carry the operation name).
    Link(String),
    /// The name of the file the page was exported from (`:original_name: ListUsers.html`).
    Origin(String),
    /// The page ends inside something it opened (a table without its closing border or tag, a
    /// code fence never closed): what was cut. The file seems truncated.
    CutShort(String),
}

/// A captioned table: header cells and rows of cell text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Line of the caption or of the table's start.
    pub line: usize,
    /// The caption as printed ("Table 2 Query parameters"), empty when there is none.
    pub caption: String,
    /// The header cells.
    pub header: Vec<String>,
    /// The rows.
    pub rows: Vec<Row>,
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Line where the row starts.
    pub line: usize,
    /// Cell text, one per column.
    pub cells: Vec<String>,
}

/// Where on the page a table sits, which decides what it describes when its caption is vague.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Before any known section, or in one the importer does not use.
    Other,
    /// The URI section.
    Uri,
    /// "Request Parameters" / "Request".
    Request,
    /// "Response Parameters" / "Response".
    Response,
}

/// A table placed on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedTable {
    /// The table.
    pub table: Table,
    /// The section it is in.
    pub section: Section,
    /// The "Status code: N" line above it, in the response section.
    pub status: Option<u16>,
}

/// One example request or response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// Line of the example.
    pub line: usize,
    /// The caption above it.
    pub caption: Option<String>,
    /// The status it belongs to (responses).
    pub status: Option<u16>,
    /// The request line or URL (requests).
    pub url: Option<String>,
    /// The JSON body exactly as printed.
    pub json: Option<String>,
    /// Printed as an abnormal response example: it belongs to the error `status` the page gives,
    /// and to no response when the page gives none.
    pub error: bool,
}

/// A name the page gives for something, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The name.
    pub name: String,
    /// The words it came from, for the review mark: for an operation name the line or file,
    /// for a version what it is (`the SDK sample \`...\``); empty when the source states the
    /// name outright (the official SDK's model), which needs no review.
    pub source: String,
}

/// One row of the status code table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// Line of the row.
    pub line: usize,
    /// HTTP status.
    pub code: u16,
    /// Its description.
    pub description: String,
}

/// An operation's method and URI as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uri {
    /// Line of the URI.
    pub line: usize,
    /// Upper-case HTTP method.
    pub method: String,
    /// The path as printed, query string included.
    pub path: String,
}

/// A sentence that says a section is documented on another page ("See Responses (Task).").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRef {
    /// Line of the sentence.
    pub line: usize,
    /// The sentence as printed.
    pub words: String,
    /// The other page's file or URL, when the page links it.
    pub target: Option<String>,
}

/// Everything the importer reads off one page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    /// The page title.
    pub title: Option<String>,
    /// The "Updated on" date.
    pub updated: Option<String>,
    /// The "Function" section.
    pub description: Vec<String>,
    /// The "Constraints" section.
    pub constraints: Vec<String>,
    /// Operation names the page gives (SDK sample code, API Explorer link, file name).
    pub operation_hints: Vec<Hint>,
    /// Request body model names from the SDK sample code.
    pub body_hints: Vec<Hint>,
    /// SDK versions from the SDK sample code (`com.huaweicloud.sdk.dws.v2`).
    pub version_hints: Vec<Hint>,
    /// Methods and URIs, in page order.
    pub uris: Vec<Uri>,
    /// Whether the page has a Function, URI, Request or Response section, as an API reference
    /// page does; guide and scenario pages ("Making an API Request", "Creating an ECS") have none.
    pub api_sections: bool,
    /// Where the page ends inside something it opened, and what: a truncated file (rows after the
    /// cut are lost, so nothing is drafted from it).
    pub cut_short: Vec<(usize, String)>,
    /// The tables, except the status code table.
    pub tables: Vec<PlacedTable>,
    /// Example requests.
    pub example_requests: Vec<Example>,
    /// Example responses.
    pub example_responses: Vec<Example>,
    /// The status code table.
    pub statuses: Vec<Status>,
    /// The success status of a status code section printed as a list ("- Normal", then "202"),
    /// which names no error status.
    pub normal_status: Option<Status>,
    /// Sentences of the response section that send the reader to another page.
    pub response_refs: Vec<PageRef>,
    /// The type phrase of a success body that is not a JSON object (`Array of NetResp objects`),
    /// when the source says so (the official SDK's models do; pages print a body table).
    pub success_type: Option<String>,
    /// The type phrase of a request body that is not a JSON object (`Array of strings`), when
    /// the source says so (the official SDK's request model types its `body` so).
    pub request_type: Option<String>,
    /// The official SDK package and version the page was read from, when it is an SDK model
    /// (`huaweicloudsdkdws 3.1.219`): the draft's `source.sdk`.
    pub sdk: Option<String>,
    /// Path parameters an SDK model's request takes from the caller although their names are the
    /// ones the runtime fills elsewhere (IAM's `project_id`, the project a call is about): drafted
    /// without `supplied_by`.
    pub caller_path_params: Vec<String>,
    /// The media type the source sends the request body with, when it is not the spec's default
    /// `application/json;charset=UTF-8` (the official SDK's client states it per operation).
    pub body_content_type: Option<String>,
}
