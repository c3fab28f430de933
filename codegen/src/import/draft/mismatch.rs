//! Examples that contradict their tables: the draft is lowered as codegen would lower it, and
//! every example the lowering rejects is written again with `mismatch` and a `# review:` mark.

use std::collections::BTreeMap;

use super::yaml::Writer;
use crate::lower::example;

/// At most this many findings go into one `mismatch`; the rest are counted.
const MAX_FINDINGS: usize = 4;

/// What the lowering found wrong with each rejected example, by the YAML path of the example
/// (`responses[0].examples[1]`, `example_requests[0]`).
pub type Rejected = BTreeMap<String, Vec<String>>;

/// The examples of the drafted file `rel` (`<service>/<version>/<operation>.yaml`) that the
/// lowering rejects, lowered with the service skeleton the importer would write.
pub fn rejected(service: &str, rel: &str, yaml: &str) -> Rejected {
    let mut out = Rejected::new();
    if let Err(diags) = super::skeleton::lower_alone(service, rel, yaml) {
        for (path, finding) in diags.0.iter().filter_map(example::rejected) {
            out.entry(path).or_default().push(finding);
        }
    }
    out
}

/// Writes `mismatch` under the example at `path` when the lowering rejected it, with a review
/// mark: the page's example stays as printed, and a person confirms that the page says so.
pub fn write(w: &mut Writer, indent: usize, path: &str, rejected: &Rejected) {
    let Some(findings) = rejected.get(path) else { return };
    let mut why = findings.iter().take(MAX_FINDINGS).cloned().collect::<Vec<_>>().join("; ");
    if findings.len() > MAX_FINDINGS {
        why.push_str(&format!("; and {} more", findings.len() - MAX_FINDINGS));
    }
    let more = if findings.len() > 1 { format!(", and {} more", findings.len() - 1) } else { String::new() };
    w.review(
        indent,
        &format!(
            "the check found: {}{more}; keep `mismatch` if the page prints the example so, else fix the spec",
            findings[0]
        ),
    );
    w.string(indent, "", "mismatch", &format!("the page's example contradicts its table: {why}"));
}
