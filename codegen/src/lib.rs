//! The generator: compiles the endpoint specs under `spec/` into the `huaweicloud-sdk` crate.
//!
//! The pipeline has three layers, each in its own modules:
//! `load` + `spec` (the YAML as written) -> `lower` + `table` + `example` (validated into
//! `ir`, or every problem as a located [`Diagnostic`]) -> `emit` (tokens with `quote!`, text
//! with prettyplease, the README with askama). [`generate`] is the whole pipeline, pure;
//! [`sync`] compares its output with a crate directory, and only `xtask` writes.

pub mod diag;
pub mod emit;
pub mod example;
pub mod import;
pub mod ir;
pub mod load;
pub mod locate;
pub mod lower;
pub mod naming;
pub mod openapi;
pub mod roles;
pub mod skeleton;
pub mod spec;
pub mod sync;
pub mod table;
pub mod types;

pub use diag::{Diagnostic, Diagnostics};
pub use emit::GeneratedFile;
pub use load::SourceFile;

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
    let api = lower::lower(files)?;
    emit::emit(&api, config)
}
