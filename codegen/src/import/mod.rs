//! The importer: drafts a spec file from an API documentation page.
//!
//! Three stages, each a folder, each depending only on those before it:
//!
//! - [`read`](mod@read): a reader per form (`text`, `rst`, `html`, `markdown`) turns the page into blocks,
//!   and `assemble` turns the blocks into one [`Page`]. A new form or layout is a reader change.
//! - [`infer`]: the page's tables become drafted tables: roles, typed fields, named objects,
//!   ranges, lengths, defaults and value lists read from descriptions.
//! - [`draft`]: the drafted tables become the YAML text of a spec file, with a `# review:` mark on
//!   everything inferred; examples that contradict their tables are marked.
//!
//! This file only wires the stages together; [`error`] is the located error every stage reports.
//! Like the rest of codegen the importer does no I/O. `tests/tests/it/import_layers.rs` fails
//! when a stage depends on a later one or two modules depend on each other.

pub mod draft;
pub mod error;
pub mod infer;
pub mod read;

pub use draft::skeleton::service_skeleton;
pub use draft::{Draft, Options};
pub use error::ImportError;
pub use read::page::{Form, Page};
use read::{assemble, html, markdown, rst, text};

/// Detects a page's form from its content.
pub fn detect(text: &str) -> Form {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('<') {
        return Form::Html;
    }
    let lines: Vec<&str> = text.lines().collect();
    let headings = lines.iter().any(|l| l.starts_with("# ") || l.starts_with("## "));
    // Huawei's Markdown: HTML or pipe tables, or headings that carry an anchor.
    let markdown = text.contains("<table")
        || lines.iter().any(|l| markdown::is_pipe_rule(l))
        || lines.iter().any(|l| l.starts_with('#') && l.contains("<a name="));
    if headings && markdown {
        return Form::Markdown;
    }
    let rst = lines.iter().any(|l| {
        let t = l.trim_start();
        t.starts_with(".. table::") || t.starts_with(".. code-block::") || t.starts_with(":original_name:")
    });
    let underlined =
        lines.windows(2).any(|w| !w[0].trim().is_empty() && w[1].len() >= 3 && w[1].chars().all(|c| c == '='));
    if rst || underlined {
        return Form::Rst;
    }
    if text.contains("<table") {
        return Form::Html;
    }
    Form::Text
}

/// Reads a page of any form into the page model; `file` is its path, for the file-name hint.
pub fn read(file: &str, text: &str) -> (Form, Page) {
    let form = detect(text);
    let blocks = match form {
        Form::Text => text::read(text),
        Form::Rst => rst::read(text),
        Form::Html => html::read(text),
        Form::Markdown => markdown::read(text),
    };
    let mut page = assemble::assemble(blocks);
    assemble::file_name_hint(&mut page, file);
    (form, page)
}

/// Reads and drafts one page: the spec file's YAML text, or every problem found in the page.
pub fn import(file: &str, text: &str, options: &Options) -> Result<Draft, Vec<ImportError>> {
    let (_, page) = read(file, text);
    draft::draft(file, &page, options)
}

/// Reads and drafts one page into one spec file per URI it prints ([`draft::draft_all`]).
pub fn import_all(file: &str, text: &str, options: &Options) -> Result<Vec<Draft>, Vec<ImportError>> {
    let (_, page) = read(file, text);
    draft::draft_all(file, &page, options)
}

/// Drafts the spec file of one operation of the official SDK from its model (`describe.py`'s
/// JSON, see [`read::sdk`]): the same drafting as for a page, from the page the model makes.
/// `file` names the source in errors (`huaweicloudsdkdws 3.1.219 ListClusters`).
pub fn import_sdk(file: &str, op: &read::sdk::SdkOperation, options: &Options) -> Result<Draft, Vec<ImportError>> {
    let page = read::sdk::page(op)
        .map_err(|message| vec![ImportError { file: file.to_owned(), line: 1, table: None, message }])?;
    draft::draft(file, &page, options)
}
