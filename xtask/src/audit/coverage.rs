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

/// An official operation that is not in the spec yet, and why: a `[[waiting]]` entry of the
/// known-differences file (`service`, `operation`, `reason`).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiting {
    /// The SDK's service (`evs`).
    pub service: String,
    /// The official operation (`AssociateAutoSnapshotPolicy`).
    pub operation: String,
    /// Why it waits: what the spec format or the generator cannot express yet.
    pub reason: String,
}

/// The official operations the corpus documents, by service: operation name -> corpus pages.
type Documented = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// Reads the `manifest.tsv` of each corpus (page, method, URI, SDK package version, SDK
/// operation, SDK path) into one map; the service is the SDK package's (`eip/v2` -> `eip`, for a
/// page of the VPC folder that documents an EIP operation), else the page's folder
/// (`rst/ddm/x.rst` -> `ddm`, for a manifest whose package column is a bare `v1`).
pub fn read_manifests(corpora: &[std::path::PathBuf]) -> Result<Documented, String> {
    let mut documented = Documented::new();
    for corpus in corpora {
        read_manifest(corpus, &mut documented)?;
    }
    Ok(documented)
}

fn read_manifest(corpus: &Path, documented: &mut Documented) -> Result<(), String> {
    let path = corpus.join("manifest.tsv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    for (i, line) in text.lines().enumerate().skip(1).filter(|(_, l)| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [page, _method, _uri, package, operation, _path] = cols[..] else {
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
        let service = match package.split_once('/') {
            Some((service, _)) => service,
            None => page.split('/').nth(1).ok_or(format!(
                "{}:{}: page `{page}` has no service folder",
                path.display(),
                i + 1
            ))?,
        };
        documented
            .entry(service.to_owned())
            .or_default()
            .entry(operation.to_owned())
            .or_default()
            .push(format!("{}/{page}", corpus.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()));
    }
    Ok(())
}

/// The Markdown section: one table row per service, then the missing operations of each.
pub fn render(
    versions: &[(String, ir::Version)],
    oracle: &Oracle,
    documented: Option<&Documented>,
    waiting: &[Waiting],
) -> String {
    let mut by_service: BTreeMap<&str, Vec<&SdkOp>> = BTreeMap::new();
    for op in oracle.ops.values().flatten() {
        by_service.entry(op.service.as_str()).or_default().push(op);
    }
    let mut out = String::new();
    let _ = writeln!(out, "{START}");
    let _ = writeln!(
        out,
        "| Service | Operations here | from an English page | from the SDK model alone | Official SDK operations | \
         Official operations here | Missing |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|");
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
        let paged = ours.iter().filter(|op| op.source.as_ref().is_some_and(|s| s.page.is_some())).count();
        let _ = writeln!(
            out,
            "| {service} | {} | {paged} | {} | {} | {} | {} |",
            ours.len(),
            ours.len() - paged,
            sdk_ops.len(),
            sdk_ops.len() - missing.len(),
            missing.len()
        );
        if missing.is_empty() {
            continue;
        }
        let pages = documented.and_then(|d| d.get(*service));
        let waits = |op: &SdkOp| waiting.iter().find(|w| w.service == *service && w.operation == op.operation);
        let (waits_for, missing): (Vec<&SdkOp>, Vec<&SdkOp>) = missing.iter().partition(|op| waits(op).is_some());
        let (no_page, with_page): (Vec<&SdkOp>, Vec<&SdkOp>) =
            missing.iter().partition(|op| pages.is_none_or(|p| !p.contains_key(&op.operation)));
        let _ = writeln!(
            missing_lists,
            "\n<details><summary>Missing from {service} ({})</summary>\n",
            missing.len() + waits_for.len()
        );
        for op in &waits_for {
            let reason = waits(op).map(|w| w.reason.as_str()).unwrap_or_default();
            let _ = writeln!(missing_lists, "- {}: waits: {reason}", op.operation);
        }
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
