//! `cargo xtask audit --coverage`: how much of each official SDK service the spec tree covers,
//! as the Markdown section the README carries between `<!-- coverage:start -->` and
//! `<!-- coverage:end -->` (`tests/tests/it/audit.rs` keeps the two equal).
//!
//! Per service that the official Python SDK has: the operations of the spec tree, the official
//! operations, how many of them the spec has (same method and path), and each official operation
//! the spec lacks with the reason: no page for it in the corpus (`--corpus DIR`, whose
//! `manifest.tsv` maps pages to official operations), or the corpus page that was not imported.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use codegen::ir;

use super::{Oracle, SdkOp};

/// The first line of the README section.
pub const START: &str = "<!-- coverage:start -->";
/// The last line of the README section.
pub const END: &str = "<!-- coverage:end -->";

/// The official operations the corpus documents, by service: operation name -> corpus pages.
type Documented = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// Reads `<corpus>/manifest.tsv` (page, method, URI, SDK version, SDK operation, SDK path); the
/// service is the page's folder (`rst/ddm/x.rst` -> `ddm`).
pub fn read_manifest(corpus: &Path) -> Result<Documented, String> {
    let path = corpus.join("manifest.tsv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut documented = Documented::new();
    for (i, line) in text.lines().enumerate().skip(1).filter(|(_, l)| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [page, _method, _uri, _version, operation, _path] = cols[..] else {
            return Err(format!(
                "{}:{}: expected 6 tab-separated columns, found {}",
                path.display(),
                i + 1,
                cols.len()
            ));
        };
        if operation == "-" {
            continue;
        }
        let service = page.split('/').nth(1).ok_or(format!(
            "{}:{}: page `{page}` has no service folder",
            path.display(),
            i + 1
        ))?;
        documented
            .entry(service.to_owned())
            .or_default()
            .entry(operation.to_owned())
            .or_default()
            .push(page.to_owned());
    }
    Ok(documented)
}

/// The Markdown section: one table row per service, then the missing operations of each.
pub fn render(versions: &[(String, ir::Version)], oracle: &Oracle, documented: Option<&Documented>) -> String {
    let mut by_service: BTreeMap<&str, Vec<&SdkOp>> = BTreeMap::new();
    for op in oracle.ops.values().flatten() {
        by_service.entry(op.service.as_str()).or_default().push(op);
    }
    let mut out = String::new();
    let _ = writeln!(out, "{START}");
    let _ =
        writeln!(out, "| Service | Operations here | Official SDK operations | Official operations here | Missing |");
    let _ = writeln!(out, "|---|---:|---:|---:|---:|");
    let mut missing_lists = String::new();
    for (service, sdk_ops) in &by_service {
        let ours: Vec<&ir::Operation> =
            versions.iter().filter(|(s, _)| s == service).flat_map(|(_, v)| &v.operations).collect();
        let here: BTreeSet<(String, String)> =
            ours.iter().map(|op| (op.method.to_ascii_uppercase(), super::normalise(&op.uri))).collect();
        let mut missing: Vec<&SdkOp> = sdk_ops
            .iter()
            .copied()
            .filter(|op| !here.contains(&(op.method.to_ascii_uppercase(), super::normalise(&op.path))))
            .collect();
        missing.sort_by(|a, b| a.operation.cmp(&b.operation));
        let _ = writeln!(
            out,
            "| {service} | {} | {} | {} | {} |",
            ours.len(),
            sdk_ops.len(),
            sdk_ops.len() - missing.len(),
            missing.len()
        );
        if missing.is_empty() {
            continue;
        }
        let pages = documented.and_then(|d| d.get(*service));
        let (no_page, with_page): (Vec<&SdkOp>, Vec<&SdkOp>) =
            missing.iter().partition(|op| pages.is_none_or(|p| !p.contains_key(&op.operation)));
        let _ = writeln!(missing_lists, "\n<details><summary>Missing from {service} ({})</summary>\n", missing.len());
        if !no_page.is_empty() {
            let names: Vec<&str> = no_page.iter().map(|op| op.operation.as_str()).collect();
            let why = if documented.is_some() { "no page in the corpus" } else { "not in the spec" };
            let _ = writeln!(missing_lists, "- {why} ({}): {}", no_page.len(), names.join(", "));
        }
        for op in with_page {
            let page = pages.and_then(|p| p.get(&op.operation)).map(|p| p.join(", ")).unwrap_or_default();
            let _ = writeln!(missing_lists, "- {}: documented by `{page}` but not in the spec", op.operation);
        }
        let _ = writeln!(missing_lists, "\n</details>");
    }
    out.push_str(&missing_lists);
    let _ = writeln!(out, "{END}");
    out
}
