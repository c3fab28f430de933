//! The generator: compiles the endpoint specs under `spec/` into the `huaweicloud-sdk` crate.
//!
//! The folders follow the pipeline, one stage each:
//! [`spec`] (the YAML as written: its types, [`spec::load`]ing with positions, the skeleton of a
//! new page) -> [`lower`] (tables, type phrases, examples and roles validated into [`ir`], or every
//! problem as a located [`Diagnostic`]; [`naming`] decides every Rust name there) -> [`emit`]
//! (Rust with `quote!` and prettyplease, the OpenAPI document, the service manifests and the
//! README with askama). [`generate`] is the whole pipeline, pure; [`sync`] compares its output
//! with a crate directory, and only `xtask` writes. The importer, [`import`], is the stage before
//! `spec`: documentation pages (browser text, HTML, Markdown, RST) read into one page model and
//! drafted into spec files with review marks.

pub mod diag;
pub mod emit;
pub mod import;
pub mod ir;
pub mod lower;
pub mod naming;
pub mod par;
pub mod spec;
pub mod sync;

pub use diag::{Diagnostic, Diagnostics};
pub use emit::GeneratedFile;
pub use spec::load::SourceFile;

/// What the generator needs besides the spec files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Library name of the crate being generated, as its tests refer to it (`huaweicloud_sdk`).
    pub lib_name: String,
}

impl Default for Config {
    fn default() -> Self {
        Config { lib_name: "huaweicloud_sdk".to_owned() }
    }
}

/// Validates `files` and generates every file of the crate, or returns every problem found.
pub fn generate(files: &[SourceFile], config: &Config) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let api = lower::lower_for(files, config)?;
    emit::emit(&api, config)
}
