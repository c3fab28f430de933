//! The importer's located error, shared by every stage.

use std::fmt;

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
