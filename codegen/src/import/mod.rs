//! The importer: drafts a spec file from an API documentation page.
//!
//! Stages, each in its own module: a reader per form (`text`, `rst`, `html`, `markdown`) turns the
//! page into blocks; `assemble` turns the blocks into one [`page::Page`]; `draft` turns the page
//! into the YAML text of a spec file, with a `# review:` mark on everything inferred from prose
//! (`prose`, its comparison phrases in `compare`), written by the small YAML writer in `yaml`;
//! `mismatch` marks the examples that contradict their tables. Like the rest of codegen it does
//! no I/O.

pub mod assemble;
mod compare;
pub mod draft;
pub mod html;
pub mod markdown;
pub mod mismatch;
pub mod page;
pub mod phrases;
pub mod prose;
pub mod rst;
pub mod sections;
pub mod tables;
pub mod text;
pub mod vocab;
pub mod yaml;

use std::fmt;

pub use draft::{Draft, Options};
pub use page::{Form, Page};

/// A page the importer cannot read or draft, located in the page file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The page file as given.
    pub file: String,
    /// 1-based line in the page.
    pub line: usize,
    /// The table (caption) and row the problem is in, when it is in one.
    pub table: Option<String>,
    /// What is wrong, lower case, no trailing full stop.
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: error: {}", self.file, self.line, self.message)?;
        if let Some(t) = &self.table {
            write!(f, "\n  in: {t}")?;
        }
        Ok(())
    }
}

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

/// A `service.yaml` skeleton for a service that has none: the keys spec.rs requires, each value
/// a placeholder marked for review (none of it is on an operation's page).
pub fn service_skeleton(service: &str) -> String {
    let q = yaml::quoted;
    format!(
        "# Drafted by `cargo xtask import`: nothing here is on an operation page; fill in every value.\n\
         service: {service}\n\
         # review: the product name in the documentation\n\
         display_name: {}\n\
         # review: one paragraph from the service overview\n\
         description: {}\n\
         # review: \"Regions and Endpoints\"\n\
         endpoint: {}\n\
         # review: the regions where the service is offered\n\
         regions: [cn-north-4]\n\
         # review: the fields of the service's error body (DDM: errCode/externalMessage)\n\
         error_body:\n  code: error_code\n  message: error_msg\n",
        q(&service.to_uppercase()),
        q(&format!("The {} service.", service.to_uppercase())),
        q(&format!("https://{service}.{{region}}.myhuaweicloud.com")),
    )
}
