//! Bounds stated by comparison phrases ("greater than or equal to 0", "≥ 0", "大于等于0",
//! "maximum value is 1000"), for `prose`'s ranges: which end each phrase sets, whether it includes
//! its number, and when the words after it compute a bound rather than state one.

use super::kind::{Bounds, Kind};

/// Words that make a bound a computation, not a number.
pub(super) const ARITHMETIC: &[&str] =
    &[" minus ", " plus ", "multiplied", " times ", "divided by", "product of", "减去", "减1", "减一", "乘以"];

/// Which end of a range a comparison sets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    Min,
    Max,
}

/// Comparison phrases, each with the end it sets and whether it includes its number; a phrase
/// is listed before the shorter ones inside it ("not greater than" before "greater than").
const COMPARISONS: &[(&str, End, bool)] = &[
    ("greater than or equal to", End::Min, true),
    ("no less than", End::Min, true),
    ("not less than", End::Min, true),
    ("cannot be less than", End::Min, true),
    ("minimum value is", End::Min, true),
    ("at least", End::Min, true),
    ("大于或等于", End::Min, true),
    ("大于等于", End::Min, true),
    ("不小于", End::Min, true),
    ("不低于", End::Min, true),
    ("最小值", End::Min, true),
    ("≥", End::Min, true),
    (">=", End::Min, true),
    ("less than or equal to", End::Max, true),
    ("no greater than", End::Max, true),
    ("not greater than", End::Max, true),
    ("cannot be greater than", End::Max, true),
    ("no more than", End::Max, true),
    ("maximum value is", End::Max, true),
    ("cannot exceed", End::Max, true),
    ("at most", End::Max, true),
    ("小于或等于", End::Max, true),
    ("小于等于", End::Max, true),
    ("不大于", End::Max, true),
    ("不超过", End::Max, true),
    ("最大值", End::Max, true),
    ("≤", End::Max, true),
    ("<=", End::Max, true),
    ("greater than", End::Min, false),
    ("大于", End::Min, false),
    (">", End::Min, false),
    ("less than", End::Max, false),
    ("小于", End::Max, false),
    ("<", End::Max, false),
];

/// The bounds a sentence (lower case) sets by comparison phrases, each followed directly by its
/// number ("greater than or equal to 0", "≥ 0", "大于等于0", "maximum value is 1000"). A strict
/// bound moves by one on an integer and is left out on a decimal number, which `range` cannot
/// state. A phrase after more than a few words is about something else ("... if its duration is
/// greater than 2 seconds"), and a phrase followed by words ("the instance nodes minus 1") or by
/// arithmetic ("3 minus 1") states no number.
pub(super) fn compared(l: &str, kind: Kind) -> Option<Bounds> {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut bounds: Bounds = (None, None);
    for &(phrase, end, inclusive) in COMPARISONS {
        for (at, _) in l.match_indices(phrase) {
            let span = (at, at + phrase.len());
            if taken.iter().any(|(a, b)| span.0 < *b && *a < span.1) {
                continue;
            }
            taken.push(span);
            let before = l[..at].trim_start_matches("- ");
            let before = ["value range", "range", "取值范围"]
                .iter()
                .find_map(|p| before.trim_start().strip_prefix(p))
                .unwrap_or(before)
                .trim_start_matches([':', '：', ' ']);
            if before.split_whitespace().count() > 5 {
                continue;
            }
            let Some(n) = leading_number(&l[span.1..]).filter(|n| kind != Kind::Integer || n.fract() == 0.0) else {
                continue;
            };
            let n = match (inclusive, kind, end) {
                (true, _, _) => n,
                (false, Kind::Integer, End::Min) => n + 1.0,
                (false, Kind::Integer, End::Max) => n - 1.0,
                (false, _, _) => continue,
            };
            let slot = if end == End::Min { &mut bounds.0 } else { &mut bounds.1 };
            slot.get_or_insert(n);
        }
    }
    let ok = bounds != (None, None) && !matches!(bounds, (Some(a), Some(b)) if a > b);
    ok.then_some(bounds)
}

/// The number that opens `rest` (after spaces, `:`, `is`, `为`), when nothing but punctuation or
/// a unit follows it: not a word of arithmetic.
fn leading_number(rest: &str) -> Option<f64> {
    let rest = rest.trim_start_matches([' ', ':', '：', '*', '为', '是']);
    let rest = rest.strip_prefix("is ").unwrap_or(rest).trim_start();
    let end = rest
        .char_indices()
        .find(|(k, c)| !(c.is_ascii_digit() || (*k == 0 && *c == '-') || matches!(c, ',' | '.')))
        .map_or(rest.len(), |(k, _)| k);
    let word = rest[..end].trim_end_matches([',', '.']);
    let after = &rest[word.len()..];
    if after.starts_with(|c: char| c.is_alphanumeric() && c.is_ascii()) {
        return None;
    }
    let next = after.trim_start_matches([' ', '*']);
    if ARITHMETIC.iter().any(|a| next.starts_with(a.trim_start())) {
        return None;
    }
    word.replace(',', "").parse::<f64>().ok()
}
