//! `cargo xtask import --report DIR`: every page under DIR imported into a scratch spec tree, the
//! tree generated into a scratch crate, and the crate checked with `cargo check`.
//!
//! Every folder under DIR that holds pages is one service, named after the folder's path below
//! DIR with its separators dropped: in the corpus laid out `<form>/<service>`, `rst/dws` and
//! `zh/dws` are the scratch services `rstdws` and `zhdws`, kept apart so that the same operation
//! documented in two forms is two pages, not a clash. Totals are given per parent folder (in the
//! corpus, per form) and overall.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use codegen::SourceFile;
use codegen::import::{self, Options};

/// What became of one page.
#[derive(Debug)]
enum Outcome {
    /// Drafted and generates; the count of its review marks.
    Generates(usize),
    /// Why it was not drafted, or does not generate.
    Failed(String),
    /// Not an API reference page (a guide or scenario page): nothing to draft, counted apart.
    NotApi,
}

/// One page with its outcome and, when it drafted, the spec file.
#[derive(Debug)]
struct PageReport {
    shown: String,
    group: String,
    form: import::Form,
    outcome: Outcome,
    /// The drafted files: one per URI the page prints.
    files: Vec<SourceFile>,
    /// How many of them were merged over their official SDK model's draft (`--with-sdk`).
    merged: usize,
    /// Why the others of a mapped page were not (`--with-sdk`).
    not_merged: Vec<String>,
}

/// A folder of pages: one scratch service.
#[derive(Debug)]
struct Folder {
    /// The parent folder's path below DIR (`rst`), `.` for DIR itself.
    group: String,
    /// The scratch service's name (`rstdws`).
    service: String,
    dir: PathBuf,
    /// The anchors of its RST pages, for the links between them.
    anchors: super::manifest::Anchors,
}

/// Runs the report; `Ok(false)` when the share of pages that import and generate is below
/// `min_percent`, or the scratch crate does not pass `cargo check`.
pub fn run(dir: &Path, min_percent: Option<f64>, with_sdk: bool, root: &Path) -> Result<bool, String> {
    let scratch = root.join("target/import-report");
    let _ = std::fs::remove_dir_all(&scratch);
    let start = Instant::now();
    let folders = folders(dir)?;
    let sdk = if with_sdk {
        let manifest = super::manifest::Manifest::read(&dir.join("manifest.tsv"))?;
        let models = super::with_sdk::Models::load(root, &manifest.services(), &[])?;
        Some((manifest, models))
    } else {
        None
    };
    let mut pages = import_folders(&folders, sdk.as_ref())?;
    if sdk.is_some() {
        let merged: usize = pages.iter().map(|p| p.merged).sum();
        println!("--with-sdk: {merged} drafts merged over their official SDK model's draft (pages the manifest maps)");
        let not_merged = pages.iter().flat_map(|p| &p.not_merged).map(String::as_str);
        grouped("--with-sdk: drafts of mapped pages that kept the page's draft alone", not_merged);
    }
    let import_time = start.elapsed();
    let start = Instant::now();
    let skeletons: Vec<SourceFile> = folders.iter().map(|f| skeleton(&f.service)).collect();
    let generated = generate_together(&skeletons, &mut pages);
    let generate_time = start.elapsed();
    write_spec(&scratch.join("spec"), &skeletons, &pages)?;
    for p in &pages {
        print_page(p);
    }
    let share = totals(&pages);
    println!(
        "import (read + draft): {:.2} s; generate: {:.2} s",
        import_time.as_secs_f64(),
        generate_time.as_secs_f64()
    );
    let checked = match generated {
        Ok(files) => check_crate(&scratch.join("crate"), &folders, &files, root)?,
        Err(e) => {
            println!("the scratch crate was not generated: {e}");
            false
        }
    };
    let enough = min_percent.is_none_or(|min| share >= min);
    if !enough {
        println!(
            "error: {share:.1}% of the API reference pages import and generate, fewer than --min-percent {min_percent:?}"
        );
    }
    Ok(checked && enough)
}

/// The file name endings of pages: the forms the importer reads. Other files (the corpus's
/// `manifest.tsv`) are not pages.
const PAGE_EXTENSIONS: &[&str] = &["html", "htm", "md", "rst", "txt"];

/// The pages in `dir`, sorted.
fn pages_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let is_page = |p: &PathBuf| {
        p.is_file()
            && p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| PAGE_EXTENSIONS.contains(&e.to_lowercase().as_str()))
    };
    Ok(super::entries(dir)?.into_iter().filter(is_page).collect())
}

/// Every folder under `dir` that holds pages, sorted; `dir` itself when it holds some.
fn folders(dir: &Path) -> Result<Vec<Folder>, String> {
    let mut out: Vec<Folder> = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        if !entry.file_type().is_dir() || pages_in(entry.path())?.is_empty() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let named = if rel.as_os_str().is_empty() { dir } else { rel };
        let service: String =
            named.to_string_lossy().to_lowercase().chars().filter(char::is_ascii_alphanumeric).collect();
        let group = rel.parent().map(|p| p.display().to_string()).filter(|p| !p.is_empty());
        if !service.starts_with(|c: char| c.is_ascii_lowercase()) {
            return Err(format!("{}: the folder's name makes no service name", entry.path().display()));
        }
        if let Some(other) = out.iter().find(|f| f.service == service) {
            return Err(format!("{} and {} both make the service `{service}`", other.dir.display(), rel.display()));
        }
        out.push(Folder {
            group: group.unwrap_or_else(|| ".".to_owned()),
            service,
            dir: entry.path().to_path_buf(),
            anchors: super::manifest::Anchors::of(entry.path()),
        });
    }
    Ok(out)
}

/// The service skeleton the importer writes, as a spec file.
fn skeleton(service: &str) -> SourceFile {
    let rel = format!("{service}/service.yaml");
    SourceFile { display: rel.clone(), rel, text: import::service_skeleton(service) }
}

/// Drafts every page of every folder, in folder and page order, on every core (`codegen::par`:
/// pages are independent; the report's order does not depend on the threads).
fn import_folders(folders: &[Folder], sdk: Option<&Sdk>) -> Result<Vec<PageReport>, String> {
    let mut jobs = Vec::new();
    for f in folders {
        jobs.extend(pages_in(&f.dir)?.into_iter().map(|page| (f, page)));
    }
    codegen::par::map(&jobs, |(folder, page)| import_page(folder, page, sdk)).into_iter().collect()
}

/// Drafts one page of `f`, and lowers its drafts alone with the service skeleton.
/// The manifest of the report's folder and the official SDK's models of its services.
type Sdk = (super::manifest::Manifest, super::with_sdk::Models);

fn import_page(f: &Folder, page: &Path, sdk: Option<&Sdk>) -> Result<PageReport, String> {
    let shown = page.display().to_string();
    let text = f.anchors.link(super::read(page)?);
    let (form, model) = import::read(&shown, &text);
    let (named, licence) = super::manifest::page_source(page, &shown);
    let options = Options { service: f.service.clone(), licence, page: Some(named), ..Options::default() };
    let mut report = PageReport {
        shown,
        group: f.group.clone(),
        form,
        outcome: Outcome::Failed(String::new()),
        files: Vec::new(),
        merged: 0,
        not_merged: Vec::new(),
    };
    match import::draft::draft_all(&report.shown, &model, &options) {
        Err(errors) if errors.iter().any(|e| e.message == import::draft::NOT_AN_API_PAGE) => {
            report.outcome = Outcome::NotApi;
        }
        Err(errors) => report.outcome = Outcome::Failed(first_line(errors.first().map(ToString::to_string))),
        Ok(mut drafts) => {
            if let Some((official, models)) = sdk.and_then(|(m, models)| Some((m.official(page)?, models))) {
                for d in &mut drafts {
                    match models.merged(&official, &options, d) {
                        Ok(m) => {
                            *d = m;
                            report.merged += 1;
                        }
                        Err(e) => report.not_merged.push(first_line(Some(e))),
                    }
                }
            }
            let reviews = drafts.iter().map(|d| d.reviews).sum();
            let files: Vec<SourceFile> =
                drafts.into_iter().map(|d| SourceFile { rel: d.rel.clone(), display: d.rel, text: d.yaml }).collect();
            let mut tree = vec![skeleton(&f.service)];
            tree.extend(files.iter().cloned());
            report.outcome = match codegen::lower::lower(&tree) {
                Ok(_) => Outcome::Generates(reviews),
                Err(d) => Outcome::Failed(format!(
                    "drafted, does not generate: {}",
                    first_line(d.0.first().map(ToString::to_string))
                )),
            };
            report.files = files;
        }
    }
    Ok(report)
}

fn first_line(text: Option<String>) -> String {
    text.unwrap_or_default().replace('\n', " ")
}

/// Generates every page that generates alone, together with the others; a page that breaks the
/// whole (a name it shares with another page) fails and is left out, and the rest is generated
/// again. A page that drafts the same file as an earlier one generates alone but stays out.
fn generate_together(
    skeletons: &[SourceFile],
    pages: &mut [PageReport],
) -> Result<Vec<codegen::emit::GeneratedFile>, String> {
    let config = codegen::Config { lib_name: crate::facade::LIB.to_owned() };
    for _ in 0..5 {
        let mut tree: Vec<SourceFile> = skeletons.to_vec();
        for p in pages.iter().filter(|p| matches!(p.outcome, Outcome::Generates(_))) {
            for file in &p.files {
                if !tree.iter().any(|f| f.rel == file.rel) {
                    tree.push(file.clone());
                }
            }
        }
        let diags = match codegen::generate(&tree, &config) {
            Ok(files) => return Ok(files),
            Err(d) => d,
        };
        let mut blamed = false;
        for d in &diags.0 {
            let culprit = pages
                .iter_mut()
                .find(|p| matches!(p.outcome, Outcome::Generates(_)) && p.files.iter().any(|f| f.display == d.file));
            if let Some(p) = culprit {
                let why = d.to_string().replace('\n', " ");
                p.outcome = Outcome::Failed(format!("generates alone, not with the other pages: {why}"));
                blamed = true;
            }
        }
        if !blamed {
            return Err(first_line(Some(diags.to_string())));
        }
    }
    Err("pages kept failing together after five rounds".to_owned())
}

/// Writes the scratch spec tree (for a person to read the drafts).
fn write_spec(dir: &Path, skeletons: &[SourceFile], pages: &[PageReport]) -> Result<(), String> {
    for f in skeletons.iter().chain(pages.iter().flat_map(|p| &p.files)) {
        write_file(&dir.join(&f.rel), &f.text)?;
    }
    // Each spec file's page, for `cargo xtask audit` (crate::audit::PAGES_FILE).
    let mut index = String::new();
    for p in pages {
        for f in &p.files {
            index.push_str(&format!("{}\t{}\n", f.rel, p.shown));
        }
    }
    write_file(&dir.join(crate::audit::PAGES_FILE), &index)
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn print_page(p: &PageReport) {
    let (form, shown) = (p.form, &p.shown);
    match &p.outcome {
        Outcome::Generates(0) => println!("clean   [{form}] {shown}"),
        Outcome::Generates(n) if !p.not_merged.is_empty() => {
            println!(
                "review  [{form}] {shown}: {n} review marks; not merged over its SDK model: {}",
                p.not_merged.join("; ")
            )
        }
        Outcome::Generates(n) => println!("review  [{form}] {shown}: {n} review marks"),
        Outcome::Failed(why) => println!("failed  [{form}] {shown}: {why}"),
        Outcome::NotApi => println!("skipped [{form}] {shown}: not an API reference page"),
    }
}

/// Prints the totals per group and overall; returns the overall share of pages that generate.
fn totals(pages: &[PageReport]) -> f64 {
    let mut groups: BTreeMap<&str, Vec<&PageReport>> = BTreeMap::new();
    for p in pages {
        groups.entry(p.group.as_str()).or_default().push(p);
    }
    reasons(pages);
    for (group, pages) in &groups {
        println!("{group}: {}", summary(pages));
    }
    let all: Vec<&PageReport> = pages.iter().collect();
    println!("all: {}", summary(&all));
    share(&all)
}

/// The percentage of API reference pages that import and generate.
fn share(pages: &[&PageReport]) -> f64 {
    let api = pages.iter().filter(|p| !matches!(p.outcome, Outcome::NotApi)).count();
    let generating = pages.iter().filter(|p| matches!(p.outcome, Outcome::Generates(_))).count();
    if api == 0 { 0.0 } else { 100.0 * generating as f64 / api as f64 }
}

/// The failures grouped by reason, most frequent first: each message with its file and line,
/// table, and quoted words taken out, so that one gap is one line.
fn reasons(pages: &[PageReport]) {
    let failed = pages.iter().filter_map(|p| match &p.outcome {
        Outcome::Failed(why) => Some(why.as_str()),
        _ => None,
    });
    grouped("failures by reason", failed);
}

/// Prints `title` with the count, then each [`reason`] of `messages` with how many share it, most
/// frequent first.
fn grouped<'a>(title: &str, messages: impl Iterator<Item = &'a str>) {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for why in messages {
        *counts.entry(reason(why)).or_default() += 1;
    }
    let mut sorted: Vec<(String, usize)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    println!("{title} ({} pages):", sorted.iter().map(|(_, n)| n).sum::<usize>());
    for (why, n) in sorted {
        println!("{n:>6}  {why}");
    }
}

/// A failure's message as a reason: without its location (`file:line:col: error:`), the table it
/// is in, and the words between backticks or quotes (`X`).
fn reason(why: &str) -> String {
    let mut text = why;
    while let Some(k) = text.find(": error: ") {
        text = &text[k + ": error: ".len()..];
    }
    let text = text.split("   in: ").next().unwrap_or(text).split("   at: ").next().unwrap_or(text);
    let prefix = why
        .split_once(": ")
        .map(|(head, _)| head)
        .filter(|h| h.starts_with("drafted, does not generate") || h.starts_with("generates alone"));
    let mut out = String::new();
    if let Some(p) = prefix {
        out.push_str(p);
        out.push_str(": ");
    }
    let mut quoted = None;
    for c in text.trim().chars() {
        match (quoted, c) {
            (None, '`' | '"') => quoted = Some(c),
            (Some(q), c) if c == q => {
                quoted = None;
                out.push('X');
            }
            (Some(_), _) => {}
            (None, c) => out.push(c),
        }
    }
    out.chars().take(140).collect()
}

/// `N pages: G import and generate (P%), C clean, R with review marks (M marks); F failed`.
fn summary(pages: &[&PageReport]) -> String {
    let marks: Vec<usize> =
        pages.iter().filter_map(|p| if let Outcome::Generates(n) = p.outcome { Some(n) } else { None }).collect();
    let clean = marks.iter().filter(|n| **n == 0).count();
    let skipped = pages.iter().filter(|p| matches!(p.outcome, Outcome::NotApi)).count();
    format!(
        "{} pages, {skipped} not API reference pages; {} import and generate ({:.1}% of the {} API pages), \
         {clean} clean, {} with review marks ({} marks); {} failed",
        pages.len(),
        marks.len(),
        share(pages),
        pages.len() - skipped,
        marks.len() - clean,
        marks.iter().sum::<usize>(),
        pages.len() - skipped - marks.len()
    )
}

/// Writes the generated files into a whole crate at `dir` and runs `cargo check` on it, with the
/// workspace's target directory so that the dependencies already built are reused.
fn check_crate(
    dir: &Path,
    folders: &[Folder],
    files: &[codegen::emit::GeneratedFile],
    root: &Path,
) -> Result<bool, String> {
    let services: Vec<String> = folders.iter().map(|f| f.service.clone()).collect();
    crate::facade::write(dir, &services, root)?;
    for f in files {
        write_file(&dir.join(&f.path), &f.contents)?;
    }
    let start = Instant::now();
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let manifest = dir.join("Cargo.toml");
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["check", "--quiet", "--all-targets", "--manifest-path"])
        .arg(&manifest)
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .map_err(|e| format!("cargo check: {e}"))?;
    let verdict = if status.success() { "passes" } else { "FAILS" };
    println!(
        "scratch crate {} ({} services, {} files): cargo check {verdict}; {:.0} s",
        dir.display(),
        services.len(),
        files.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(status.success())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_corpus_of_forms_gives_one_service_per_folder_named_by_its_path_and_skips_non_pages() {
        let dir = tempfile::tempdir().expect("temp dir");
        for page in ["rst/dws/a.rst", "zh/dws/a.md", "html/ecs/a.html", "manifest.tsv"] {
            super::write_file(&dir.path().join(page), "text").expect("written");
        }
        let folders = super::folders(dir.path()).expect("readable");
        let seen: Vec<(&str, &str)> = folders.iter().map(|f| (f.group.as_str(), f.service.as_str())).collect();
        assert_eq!(seen, [("html", "htmlecs"), ("rst", "rstdws"), ("zh", "zhdws")]);
    }

    #[test]
    fn a_failure_reason_leaves_out_its_place_and_quoted_words() {
        let why = "rst/x.rst: rst/x.rst:12: error: unknown table header `Remarks`   in: Table 2 Body, row 1";
        assert_eq!(super::reason(why), "unknown table header X");
        let why = "drafted, does not generate: s/v1/a.yaml:3:5: error: value `a` is listed twice   at: objects.A";
        assert_eq!(super::reason(why), "drafted, does not generate: value X is listed twice");
        assert_eq!(super::reason("type phrase \"Foo\" is not understood"), "type phrase X is not understood");
    }
}
