//! The two facts about a field that every inference reads and none decides: the kind of its type
//! and a numeric interval. Shared by `prose` and `compare`, which otherwise would depend on each
//! other.

/// Bounds `[min, max]`, either end open.
pub type Bounds = (Option<f64>, Option<f64>);

/// The kind of a field's type, which decides what can be inferred for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Integer or Long.
    Integer,
    /// Float, Double, Number.
    Number,
    /// Boolean.
    Boolean,
    /// String.
    String,
    /// Array of strings.
    Strings,
    /// Any other array.
    Array,
    /// Objects, maps, free-form JSON.
    Other,
}
