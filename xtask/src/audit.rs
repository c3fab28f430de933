//! `cargo xtask audit`: compares the operations of a spec tree with the official Huawei Cloud
//! Python SDK's (the oracle of `tests/oracle/`, listed by `tests/oracle/audit.py`), matched by
//! service, HTTP method and path, and prints every disagreement grouped by kind with the share of
//! fields that agree. Differences listed in the known-differences file (`<spec>/
//! audit-known-differences.toml`, format in `spec/README.md`) are reported as known.
//!
//! What is compared, per matched operation: path, query and header parameters (name, location,
//! mandatory, type), the request body's fields and the success response body's fields (name and
//! type, nested objects where both sides have a model; mandatory for request fields only, as the
//! SDK's response models are all optional at the top). Not compared: the headers the client sets
//! itself (`X-Auth-Token`, `Content-Type`, the spec's `supplied_by: auth_token | content_type`),
//! response headers, value lists, defaults and ranges, and error responses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::SourceFile;
use codegen::ir::{self, Location, Supplied, Type};
use serde::Deserialize;

mod coverage;
pub mod licence;

/// The known-differences file's name in the spec directory.
pub const KNOWN_FILE: &str = "audit-known-differences.toml";

/// The environment variable naming the oracle's Python (as in `tests/oracle.rs`).
const PYTHON_VAR: &str = "HUAWEICLOUD_ORACLE_PYTHON";

/// How deep nested objects are followed.
const MAX_DEPTH: usize = 8;

/// Options of `cargo xtask audit`.
struct Args {
    spec: PathBuf,
    spec_shown: String,
    /// The known-differences file and how it is shown.
    known: Option<(PathBuf, String)>,
    min_agreement: Option<f64>,
    /// `--min-printed-agreement P`: the floor on the agreement over the fields the pages print
    /// (a drafted tree with its `import-pages.tsv`).
    min_printed: Option<f64>,
    /// `--sdk-service SPEC=SDK`: the official SDK's service for a spec service of another name
    /// (the importer's scratch services `rstddm`, `zhdws`, ... are `ddm` and `dws`).
    sdk_services: BTreeMap<String, String>,
    /// `--coverage`: print the README's coverage section instead of the disagreements.
    coverage: bool,
    /// `--corpus DIR`: the corpus whose `manifest.tsv` says why an official operation is missing;
    /// with `--licence`, each corpus whose non-commercial pages the text is compared with.
    corpora: Vec<PathBuf>,
    /// `--licence`: check where the spec's text comes from instead (see [`licence`]).
    licence: bool,
}

/// The file `cargo xtask import --report` writes beside its drafts: each spec file and the page
/// it was drafted from, so that the audit can tell a field the page never prints (the page's
/// difference: the SDK is newer) from one the importer missed.
pub const PAGES_FILE: &str = "import-pages.tsv";

/// A percentage option's value.
fn percentage(flag: &str, v: &str) -> Result<f64, String> {
    let p: f64 = v.parse().map_err(|_| format!("{flag} takes a percentage, not `{v}`"))?;
    if !(0.0..=100.0).contains(&p) {
        return Err(format!("{flag} takes a percentage from 0 to 100, not {v}"));
    }
    Ok(p)
}

fn parse(args: &[String], root: &Path) -> Result<Args, String> {
    let mut a = Args {
        spec: root.join("spec"),
        spec_shown: "spec".to_owned(),
        known: None,
        min_agreement: None,
        min_printed: None,
        sdk_services: BTreeMap::new(),
        coverage: false,
        corpora: Vec::new(),
        licence: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| it.next().cloned().ok_or(format!("{flag} needs a value"));
        match arg.as_str() {
            "--spec" => {
                a.spec_shown = value("--spec")?;
                a.spec = PathBuf::from(&a.spec_shown);
            }
            "--known" => {
                let shown = value("--known")?;
                a.known = Some((PathBuf::from(&shown), shown));
            }
            "--min-agreement" => a.min_agreement = Some(percentage("--min-agreement", &value("--min-agreement")?)?),
            "--min-printed-agreement" => {
                a.min_printed = Some(percentage("--min-printed-agreement", &value("--min-printed-agreement")?)?);
            }
            "--coverage" => a.coverage = true,
            "--corpus" => a.corpora.push(PathBuf::from(value("--corpus")?)),
            "--licence" => a.licence = true,
            "--sdk-service" => {
                let v = value("--sdk-service")?;
                let ok = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
                match v.split_once('=') {
                    Some((spec, sdk)) if ok(spec) && ok(sdk) => {
                        a.sdk_services.insert(spec.to_owned(), sdk.to_owned());
                    }
                    _ => return Err(format!("--sdk-service takes SPEC=SDK (e.g. rstddm=ddm), not `{v}`")),
                }
            }
            other => return Err(format!("unknown argument `{other}` for audit")),
        }
    }
    if a.known.is_none() && a.spec.join(KNOWN_FILE).is_file() {
        a.known = Some((a.spec.join(KNOWN_FILE), format!("{}/{KNOWN_FILE}", a.spec_shown.trim_end_matches('/'))));
    }
    Ok(a)
}

/// Runs the task; `Ok(false)` when `--min-agreement` is given and not reached.
pub fn run(args: &[String], root: &Path) -> Result<bool, String> {
    let a = parse(args, root)?;
    if a.licence {
        return licence::run(root, &a.spec, &a.spec_shown, &a.corpora);
    }
    let known = match &a.known {
        Some((path, shown)) => Known::read(path, shown)?,
        None => Known::default(),
    };
    let (versions, unlowered) = load(&a.spec, &a.spec_shown)?;
    let sdk = |service: &str| a.sdk_services.get(service).map_or(service, String::as_str).to_owned();
    let services: BTreeSet<String> = versions.iter().map(|(s, _)| sdk(s)).collect();
    let mut oracle = oracle(root, &services)?;
    for (spec, sdk) in &a.sdk_services {
        if versions.iter().any(|(s, _)| s == spec) {
            oracle.spec_names.entry(sdk.clone()).or_default().push(spec.clone());
        }
    }
    if a.coverage {
        let documented = (!a.corpora.is_empty()).then(|| coverage::read_manifests(&a.corpora)).transpose()?;
        print!("{}", coverage::render(&versions, &oracle, documented.as_ref(), &known.waiting));
        return Ok(unlowered.is_empty());
    }
    let mut report = Report::new(known);
    report.pages = Pages::read(&a.spec, &a.spec_shown)?;
    for (service, version) in &versions {
        let service = sdk(service);
        if oracle.unknown_services.contains(&service) {
            report.skipped += version.operations.len();
            continue;
        }
        for op in &version.operations {
            match oracle.find(&service, version, op) {
                Some(sdk) => report.audit(sdk, version, op),
                None => report.unmatched.push(format!("{} {} {} ({})", op.wire_name, op.method, op.uri, op.spec_file)),
            }
        }
    }
    report.print(&a.spec_shown, &oracle, &unlowered);
    if a.min_printed.is_some() && report.pages.of_spec.is_empty() {
        return Err(format!(
            "--min-printed-agreement needs {}/{PAGES_FILE} (written by `cargo xtask import --report`)",
            a.spec_shown
        ));
    }
    Ok(report.passes(a.min_agreement) && report.printed_passes(a.min_printed))
}

/// The lowered versions, each with its service's name, and the first error of each spec file
/// that did not lower.
type Loaded = (Vec<(String, ir::Version)>, Vec<String>);

/// Reads and lowers the spec tree: the whole tree at once, or, when that fails (a draft tree of
/// the importer), each operation file with its `service.yaml`, skipping those that do not lower.
fn load(spec: &Path, shown: &str) -> Result<Loaded, String> {
    let files = codegen::spec::load::read_dir(spec, shown).map_err(|e| format!("reading {shown}: {e}"))?;
    if files.is_empty() {
        return Err(format!("{shown} holds no spec files"));
    }
    if let Ok(api) = codegen::lower::lower(&files) {
        return Ok((flatten(api), Vec::new()));
    }
    let service_files: BTreeMap<&str, &SourceFile> =
        files.iter().filter_map(|f| f.rel.strip_suffix("/service.yaml").map(|s| (s, f))).collect();
    let mut versions = Vec::new();
    let mut unlowered = Vec::new();
    for file in files.iter().filter(|f| !f.rel.ends_with("/service.yaml")) {
        let service = file.rel.split('/').next().and_then(|s| service_files.get(s));
        let lowered = service.map(|s| codegen::lower::lower(&[(*s).clone(), file.clone()]));
        match lowered {
            Some(Ok(api)) => versions.extend(flatten(api)),
            Some(Err(d)) => {
                let first = d.to_string().lines().next().unwrap_or_default().to_owned();
                unlowered.push(first);
            }
            None => unlowered.push(format!("{}: no service.yaml for it", file.display)),
        }
    }
    Ok((versions, unlowered))
}

fn flatten(api: ir::Api) -> Vec<(String, ir::Version)> {
    api.services.into_iter().flat_map(|s| s.versions.into_iter().map(move |v| (s.name.clone(), v))).collect()
}

/// One operation of the official SDK, as `tests/oracle/audit.py` lists it.
#[derive(Debug, Deserialize)]
struct SdkOp {
    service: String,
    version: String,
    operation: String,
    method: String,
    path: String,
    params: Vec<SdkParam>,
    body: Option<SdkBody>,
    response: String,
    response_headers: Vec<String>,
    models: BTreeMap<String, Vec<SdkField>>,
}

#[derive(Debug, Deserialize)]
struct SdkParam {
    name: String,
    #[serde(rename = "in")]
    location: String,
    mandatory: bool,
    #[serde(rename = "type")]
    ty: Option<String>,
}

#[derive(Debug, Deserialize)]
struct SdkBody {
    #[serde(rename = "type")]
    ty: Option<String>,
}

#[derive(Debug, Deserialize)]
struct SdkField {
    name: String,
    #[serde(rename = "type")]
    ty: Option<String>,
    mandatory: Option<bool>,
}

/// A line of `audit.py`'s output.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Line {
    Error { error: String },
    UnknownService { unknown_service: String },
    Op(Box<SdkOp>),
}

/// The official SDK's operations of the audited services.
#[derive(Debug, Default)]
struct Oracle {
    ops: BTreeMap<(String, String, String), Vec<SdkOp>>,
    unknown_services: Vec<String>,
    count: usize,
    /// The spec services `--sdk-service` maps to each SDK service, for the report.
    spec_names: BTreeMap<String, Vec<String>>,
}

impl Oracle {
    /// The SDK's operation with the spec operation's service, method and path; of several (the
    /// actions that share `POST .../action`), the one of the same name, else the one with the
    /// most top-level parameter, body and response field names in common with the spec's, else
    /// the first.
    fn find(&self, service: &str, version: &ir::Version, op: &ir::Operation) -> Option<&SdkOp> {
        let key = (service.to_owned(), op.method.to_ascii_uppercase(), normalise(&op.uri));
        let found = self.ops.get(&key)?;
        if let Some(same) = found.iter().find(|s| s.operation == op.wire_name) {
            return Some(same);
        }
        let spec = spec_names(version, op);
        let shared = |s: &SdkOp| sdk_names(s).iter().filter(|n| spec.contains(*n)).count();
        // The first of the best: `max_by_key` keeps the last of equals.
        let best = found.iter().rev().max_by_key(|s| shared(s))?;
        // Of another name, with a body that has no top-level field of the spec's body: another
        // action of the same endpoint (`{"addSecurityGroup": ..}` is not `{"rebuild": ..}`).
        let spec_body: BTreeSet<&str> =
            op.body.iter().filter_map(ir::Body::object).flat_map(|o| object_names(version, o)).collect();
        let sdk_body: BTreeSet<&str> = best
            .body
            .as_ref()
            .and_then(|b| b.ty.as_deref())
            .and_then(|t| best.models.get(t))
            .map(|fields| fields.iter().map(|f| f.name.as_str()).collect())
            .unwrap_or_default();
        let other_action = !spec_body.is_empty() && !sdk_body.is_empty() && spec_body.is_disjoint(&sdk_body);
        (!other_action).then_some(best)
    }
}

/// The wire names of a spec object's fields.
fn object_names<'v>(version: &'v ir::Version, object: &str) -> Vec<&'v str> {
    version
        .objects
        .iter()
        .filter(|o| o.name == object)
        .flat_map(|o| o.fields.iter().map(|f| f.wire_name.as_str()))
        .collect()
}

/// The names of an operation's parameters and its body's and success response's top-level fields.
fn spec_names<'v>(version: &'v ir::Version, op: &'v ir::Operation) -> BTreeSet<&'v str> {
    let mut names: BTreeSet<&str> = op.params.iter().map(|p| p.field.wire_name.as_str()).collect();
    if let Some(object) = op.body.as_ref().and_then(ir::Body::object) {
        names.extend(object_names(version, object));
    }
    if let Some(r) = &op.success_body {
        names.extend(object_names(version, r));
    }
    names
}

/// The same names of an SDK operation.
fn sdk_names(op: &SdkOp) -> BTreeSet<&str> {
    let model = |name: &'_ str| op.models.get(name).into_iter().flatten().map(|f| f.name.as_str());
    let mut names: BTreeSet<&str> = op.params.iter().map(|p| p.name.as_str()).collect();
    if let Some(t) = op.body.as_ref().and_then(|b| b.ty.as_deref()) {
        names.extend(model(t));
    }
    names.extend(model(&op.response));
    names
}

/// A path template with every `{placeholder}` as `{}`, without a query string or trailing `/`.
fn normalise(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    let mut out = String::with_capacity(path.len());
    let mut in_placeholder = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_placeholder = true;
                out.push_str("{}");
            }
            '}' => in_placeholder = false,
            _ if !in_placeholder => out.push(c),
            _ => {}
        }
    }
    let trimmed = out.trim_end_matches('/');
    if trimmed.is_empty() { "/".to_owned() } else { trimmed.to_owned() }
}

/// The oracle's Python: `$HUAWEICLOUD_ORACLE_PYTHON`, else `<repo>/.venv/bin/python`.
fn python(root: &Path) -> Result<PathBuf, String> {
    match std::env::var_os(PYTHON_VAR) {
        Some(p) if Path::new(&p).is_file() => Ok(PathBuf::from(p)),
        Some(p) => Err(format!("the oracle python {} ({PYTHON_VAR}) does not exist", Path::new(&p).display())),
        None => {
            let venv = root.join(".venv/bin/python");
            if venv.is_file() {
                Ok(venv)
            } else {
                Err(format!(
                    "no oracle python: {} does not exist (make it with .ci/oracle-venv, or set {PYTHON_VAR})",
                    venv.display()
                ))
            }
        }
    }
}

/// Runs a script of `tests/oracle/` (`audit.py`, `describe.py`) with the oracle's Python and
/// returns its output's non-empty lines.
pub(crate) fn run_oracle(root: &Path, name: &str, args: &[String]) -> Result<Vec<String>, String> {
    let script = root.join("tests/oracle").join(name);
    // Importing the SDK writes `~/.huaweicloud/application_id`; keep that out of the user's home.
    let home = std::env::temp_dir().join("huaweicloud-sdk-oracle-home");
    std::fs::create_dir_all(&home).map_err(|e| format!("creating {}: {e}", home.display()))?;
    let out = Command::new(python(root)?)
        .arg(&script)
        .args(args)
        .env("HOME", &home)
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .map_err(|e| format!("running {}: {e}", script.display()))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(format!("tests/oracle/{name} failed with {}:\n{stderr}", out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).lines().filter(|l| !l.trim().is_empty()).map(str::to_owned).collect())
}

/// Runs `tests/oracle/audit.py` for the services and reads its operations.
fn oracle(root: &Path, services: &BTreeSet<String>) -> Result<Oracle, String> {
    let args: Vec<String> = services.iter().cloned().collect();
    let lines = run_oracle(root, "audit.py", &args)?;
    let mut oracle = Oracle::default();
    for line in &lines {
        match serde_json::from_str::<Line>(line) {
            Ok(Line::Op(op)) => {
                let key = (op.service.clone(), op.method.to_ascii_uppercase(), normalise(&op.path));
                oracle.count += 1;
                oracle.ops.entry(key).or_default().push(*op);
            }
            Ok(Line::UnknownService { unknown_service }) => oracle.unknown_services.push(unknown_service),
            Ok(Line::Error { error }) => return Err(format!("the oracle: {error}")),
            Err(e) => return Err(format!("the oracle wrote a line that is not an operation ({e}): {line}")),
        }
    }
    Ok(oracle)
}

/// What kind of disagreement a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    MissingInSpec,
    MissingInSdk,
    LocationDiffers,
    MandatoryDiffers,
    TypeDiffers,
}

impl Kind {
    const ALL: [Kind; 5] =
        [Kind::MissingInSpec, Kind::MissingInSdk, Kind::LocationDiffers, Kind::MandatoryDiffers, Kind::TypeDiffers];

    fn name(self) -> &'static str {
        match self {
            Kind::MissingInSpec => "missing in spec",
            Kind::MissingInSdk => "missing in SDK",
            Kind::LocationDiffers => "location differs",
            Kind::MandatoryDiffers => "mandatory differs",
            Kind::TypeDiffers => "type differs",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// One entry of the known-differences file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KnownDifference {
    operation: String,
    field: String,
    kind: String,
    reason: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct KnownFile {
    #[serde(default)]
    difference: Vec<KnownDifference>,
    #[serde(default)]
    waiting: Vec<coverage::Waiting>,
}

/// The known differences, with the kind of each parsed.
#[derive(Debug, Default)]
struct Known {
    file: String,
    entries: Vec<(KnownDifference, Kind)>,
    /// Official operations not in the spec yet, with the reason (the README's coverage lists them).
    waiting: Vec<coverage::Waiting>,
}

impl Known {
    fn read(path: &Path, shown: &str) -> Result<Known, String> {
        let shown = shown.to_owned();
        let text = std::fs::read_to_string(path).map_err(|e| format!("reading {shown}: {e}"))?;
        let file: KnownFile = toml::from_str(&text).map_err(|e| format!("{shown}: {e}"))?;
        let waiting = file.waiting;
        let mut entries = Vec::new();
        for d in file.difference {
            let kind = Kind::parse(&d.kind).ok_or_else(|| {
                let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                format!(
                    "{shown}: unknown kind `{}` for {} {} (one of: {})",
                    d.kind,
                    d.operation,
                    d.field,
                    kinds.join(", ")
                )
            })?;
            if d.reason.trim().is_empty() {
                return Err(format!("{shown}: {} {} ({}) needs a reason", d.operation, d.field, d.kind));
            }
            entries.push((d, kind));
        }
        Ok(Known { file: shown, entries, waiting })
    }

    /// The index of the entry that lists this disagreement.
    fn lookup(&self, operation: &str, field: &str, kind: Kind) -> Option<usize> {
        self.entries.iter().position(|(d, k)| d.operation == operation && d.field == field && *k == kind)
    }
}

/// One disagreement.
#[derive(Debug, Clone)]
struct Finding {
    operation: String,
    spec_file: String,
    field: String,
    kind: Kind,
    detail: String,
    /// The known-differences entry that lists it.
    known: Option<usize>,
    /// A field missing in the spec whose name the spec's page never prints: the page's
    /// difference (the SDK is newer than the page), not the importer's.
    unprinted: bool,
}

/// Everything the audit found.
#[derive(Debug)]
struct Report {
    known: Known,
    findings: Vec<Finding>,
    used_known: BTreeSet<usize>,
    matched: usize,
    unmatched: Vec<String>,
    /// Matched operations that the SDK names differently.
    renamed: Vec<String>,
    compared: usize,
    agreeing: usize,
    /// Fields whose every disagreement is a known difference.
    known_only: usize,
    /// Operations not audited because the SDK has no package for their service.
    skipped: usize,
    /// The pages the spec files were drafted from, when the spec tree says.
    pages: Pages,
    /// Fields whose every disagreement is a field missing in the spec that its page never prints.
    unprinted_only: usize,
}

/// The page of each drafted spec file (`import-pages.tsv`), with the page texts read once.
#[derive(Debug, Default)]
struct Pages {
    /// `<spec shown>/<rel>` to the page's path.
    of_spec: BTreeMap<String, PathBuf>,
    /// Page path to its text, lower case.
    texts: BTreeMap<PathBuf, String>,
}

impl Pages {
    fn read(spec: &Path, shown: &str) -> Result<Pages, String> {
        let path = spec.join(PAGES_FILE);
        let Ok(text) = std::fs::read_to_string(&path) else { return Ok(Pages::default()) };
        let mut pages = Pages::default();
        for (n, line) in text.lines().enumerate() {
            let (rel, page) = line
                .split_once('\t')
                .ok_or_else(|| format!("{}:{}: expected `spec file<TAB>page`", path.display(), n + 1))?;
            pages.of_spec.insert(format!("{}/{rel}", shown.trim_end_matches('/')), PathBuf::from(page));
        }
        Ok(pages)
    }

    /// Whether the page of `spec_file` is known and never prints `name`; `false` when the page is
    /// not known or cannot be read.
    fn never_prints(&mut self, spec_file: &str, name: &str) -> bool {
        let Some(page) = self.of_spec.get(spec_file) else { return false };
        let text = self.texts.entry(page.clone()).or_insert_with(|| {
            std::fs::read(page).map(|b| visible_text(&String::from_utf8_lossy(&b))).unwrap_or_default()
        });
        !text.is_empty() && !prints_word(text, &name.to_lowercase())
    }
}

/// A page's text as a reader sees it, lower case: HTML tags (`<td class="mcps1...">`) dropped, so
/// that markup is not read as the page printing a field, and Markdown's escaped underscores
/// (`enc\_certificate`) unescaped.
fn visible_text(page: &str) -> String {
    let mut text = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(at) = rest.find('<') {
        text.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>') {
            Some(end) if is_tag => {
                text.push(' ');
                rest = &after[end + 1..];
            }
            _ => {
                text.push('<');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text.replace("\\_", "_").to_lowercase()
}

/// Whether `text` holds `word` as a whole word: not inside a longer name (`connection` is not
/// printed by `connection_limit`, `cps` not by `mcps1`).
fn prints_word(text: &str, word: &str) -> bool {
    let inner = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| !text[..at].ends_with(inner) && !text[at + word.len()..].starts_with(inner))
}

impl Report {
    fn new(known: Known) -> Report {
        Report {
            known,
            findings: Vec::new(),
            used_known: BTreeSet::new(),
            matched: 0,
            unmatched: Vec::new(),
            renamed: Vec::new(),
            compared: 0,
            agreeing: 0,
            known_only: 0,
            skipped: 0,
            pages: Pages::default(),
            unprinted_only: 0,
        }
    }

    fn audit(&mut self, sdk: &SdkOp, version: &ir::Version, op: &ir::Operation) {
        self.matched += 1;
        if sdk.operation != op.wire_name {
            self.renamed
                .push(format!("{} ({}): {} {} in the SDK", op.wire_name, op.spec_file, sdk.version, sdk.operation));
        }
        let mut audit = Audit { sdk, version, op, report: self };
        audit.params();
        audit.body();
        audit.response();
    }

    /// Records one compared field and its disagreements (none: it agrees).
    fn field(&mut self, op: &ir::Operation, field: &str, problems: Vec<(Kind, String)>) {
        self.compared += 1;
        if problems.is_empty() {
            self.agreeing += 1;
            return;
        }
        let mut all_known = true;
        let mut all_unprinted = true;
        let name = field.rsplit('.').next().unwrap_or(field);
        for (kind, detail) in problems {
            let known = self.known.lookup(&op.wire_name, field, kind);
            if let Some(i) = known {
                self.used_known.insert(i);
            }
            all_known &= known.is_some();
            let unprinted = kind == Kind::MissingInSpec && self.pages.never_prints(&op.spec_file, name);
            all_unprinted &= unprinted && known.is_none();
            self.findings.push(Finding {
                operation: op.wire_name.clone(),
                spec_file: op.spec_file.clone(),
                field: field.to_owned(),
                kind,
                detail,
                known,
                unprinted,
            });
        }
        if all_known {
            self.known_only += 1;
        } else if all_unprinted {
            self.unprinted_only += 1;
        }
    }

    /// The share of fields without an unlisted disagreement, in percent; `None` when no field
    /// was compared.
    fn agreement(&self) -> Option<f64> {
        (self.compared > 0).then(|| 100.0 * (self.agreeing + self.known_only) as f64 / self.compared as f64)
    }

    /// The agreement over the fields the pages print: every field but those whose only
    /// disagreement is that the spec lacks a field its page never prints.
    fn printed_agreement(&self) -> Option<f64> {
        let printed = self.compared - self.unprinted_only;
        (printed > 0).then(|| 100.0 * (self.agreeing + self.known_only) as f64 / printed as f64)
    }

    fn printed_passes(&self, min: Option<f64>) -> bool {
        match (min, self.printed_agreement()) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(min), Some(rate)) => rate + 1e-9 >= min,
        }
    }

    fn passes(&self, min: Option<f64>) -> bool {
        match (min, self.agreement()) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(min), Some(rate)) => rate + 1e-9 >= min,
        }
    }
}

/// The comparison of one operation with the SDK's.
struct Audit<'a> {
    sdk: &'a SdkOp,
    version: &'a ir::Version,
    op: &'a ir::Operation,
    report: &'a mut Report,
}

impl Audit<'_> {
    fn field(&mut self, field: &str, problems: Vec<(Kind, String)>) {
        self.report.field(self.op, field, problems);
    }

    /// Path, query and header parameters, by name (headers in any case).
    fn params(&mut self) {
        let mut left: Vec<&SdkParam> = self.sdk.params.iter().collect();
        for p in &self.op.params {
            if matches!(p.supplied_by, Some(Supplied::AuthToken | Supplied::ContentType)) {
                continue;
            }
            let name = &p.field.wire_name;
            let same = |s: &&SdkParam| {
                s.name == *name
                    || ((p.location == Location::Header || s.location == "header") && s.name.eq_ignore_ascii_case(name))
            };
            let Some(i) = left.iter().position(same) else {
                self.field(name, vec![(Kind::MissingInSdk, format!("a {} parameter", location(p.location)))]);
                continue;
            };
            let s = left.remove(i);
            let mut problems = Vec::new();
            if location(p.location) != s.location {
                let detail = format!("spec: {}, SDK: {}", location(p.location), s.location);
                problems.push((Kind::LocationDiffers, detail));
            }
            if p.field.mandatory != s.mandatory {
                let detail = format!("spec: {}, SDK: {}", p.field.mandatory, s.mandatory);
                problems.push((Kind::MandatoryDiffers, detail));
            }
            problems.extend(self.type_problem(&p.field.ty, s.ty.as_deref()));
            self.field(name, problems);
        }
        for s in left {
            let detail = format!("a {} parameter ({})", s.location, s.ty.as_deref().unwrap_or("supplied"));
            self.field(&s.name, vec![(Kind::MissingInSpec, detail)]);
        }
    }

    fn type_problem(&self, ty: &Type, sdk: Option<&str>) -> Option<(Kind, String)> {
        let sdk = sdk?;
        (!agrees(ty, sdk, self.version)).then(|| (Kind::TypeDiffers, format!("spec: {}, SDK: {sdk}", describe(ty))))
    }

    /// The request body: its fields when both sides have a body object.
    fn body(&mut self) {
        let sdk_body = self.sdk.body.as_ref().map(|b| b.ty.as_deref().unwrap_or("object"));
        match (&self.op.body, sdk_body) {
            (None, None) => {}
            (Some(b), None) => self.field("body", vec![(Kind::MissingInSdk, format!("a body ({})", describe(&b.ty)))]),
            (None, Some(t)) => self.field("body", vec![(Kind::MissingInSpec, format!("a body ({t})"))]),
            (Some(b), Some(t)) => match (b.object(), self.sdk.models.get(t)) {
                (Some(object), Some(fields)) => self.object("body.", object, fields, true, 0),
                // A body that is not a JSON object (the spec's `type`) against the SDK's type, and
                // the objects of its elements against the SDK's models.
                (None, _) => {
                    let problems = self.type_problem(&b.ty, Some(t)).into_iter().collect();
                    self.field("body", problems);
                    if let Some((suffix, inner, model)) = nested(&b.ty, t)
                        && let Some(fields) = self.sdk.models.get(model)
                    {
                        self.object(&format!("body{suffix}."), inner, fields, true, 1);
                    }
                }
                (Some(object), None) => {
                    self.field("body", vec![(Kind::TypeDiffers, format!("spec: object {object}, SDK: {t}"))]);
                }
            },
        }
    }

    /// The success response body's fields (the SDK's response model without its headers).
    fn response(&mut self) {
        let headers: BTreeSet<String> = self.sdk.response_headers.iter().map(|h| h.to_ascii_lowercase()).collect();
        let sdk_fields: Vec<&SdkField> = self
            .sdk
            .models
            .get(&self.sdk.response)
            .map(|f| f.iter().filter(|f| !headers.contains(&f.name.to_ascii_lowercase())).collect())
            .unwrap_or_default();
        // A response model whose one attribute is `body` holds the whole body: `str` or `object`
        // for an untyped one, a model, or a list.
        if let [whole] = sdk_fields.as_slice()
            && whole.name == "body"
        {
            return self.whole_response(whole.ty.as_deref().unwrap_or("object"));
        }
        match &self.op.success_body {
            Some(object) => self.object_refs("response.", object, sdk_fields, false, 0),
            None if sdk_fields.is_empty() => {}
            None => {
                let names: Vec<&str> = sdk_fields.iter().map(|f| f.name.as_str()).collect();
                let detail = format!("a response body ({})", names.join(", "));
                self.field("response", vec![(Kind::MissingInSpec, detail)]);
            }
        }
    }

    /// The success body against an SDK response that types the whole body at once.
    fn whole_response(&mut self, sdk: &str) {
        let Some(object) = &self.op.success_body else {
            return self.field("response", vec![(Kind::MissingInSpec, format!("a response body ({sdk})"))]);
        };
        // The spec's response `type` (a body that is not a JSON object) against the SDK's type.
        let whole = self.version.objects.iter().find(|o| &o.name == object && o.whole).and_then(|o| o.fields.first());
        if let Some(f) = whole {
            let problems = self.type_problem(&f.ty, Some(sdk)).into_iter().collect();
            self.field("response", problems);
            if let Some((suffix, inner, model)) = nested(&f.ty, sdk)
                && let Some(fields) = self.sdk.models.get(model)
            {
                self.object(&format!("response{suffix}."), inner, fields, false, 1);
            }
            return;
        }
        match self.sdk.models.get(sdk) {
            Some(fields) => self.object("response.", object, fields, false, 0),
            None if agrees(&Type::Object(object.clone()), sdk, self.version) => self.field("response", Vec::new()),
            None => {
                let detail = format!("spec: object {object}, SDK: {sdk}");
                self.field("response", vec![(Kind::TypeDiffers, detail)]);
            }
        }
    }

    fn object(&mut self, prefix: &str, object: &str, sdk_fields: &[SdkField], request: bool, depth: usize) {
        self.object_refs(prefix, object, sdk_fields.iter().collect(), request, depth);
    }

    /// Compares a spec object's fields with an SDK model's by wire name, and follows the fields
    /// that are objects (or arrays or maps of them) on both sides.
    fn object_refs(&mut self, prefix: &str, object: &str, sdk_fields: Vec<&SdkField>, request: bool, depth: usize) {
        let Some(spec) = self.version.objects.iter().find(|o| o.name == object) else {
            return;
        };
        let mut left = sdk_fields;
        for f in &spec.fields {
            let path = format!("{prefix}{}", f.wire_name);
            let Some(i) = left.iter().position(|s| s.name == f.wire_name) else {
                self.field(&path, vec![(Kind::MissingInSdk, describe(&f.ty))]);
                continue;
            };
            let s = left.remove(i);
            let mut problems: Vec<(Kind, String)> = self.type_problem(&f.ty, s.ty.as_deref()).into_iter().collect();
            if let Some(m) = s.mandatory.filter(|m| request && *m != f.mandatory) {
                problems.push((Kind::MandatoryDiffers, format!("spec: {}, SDK: {m}", f.mandatory)));
            }
            self.field(&path, problems);
            let nested = s.ty.as_deref().and_then(|t| nested(&f.ty, t));
            if let Some((suffix, inner, model)) = nested.filter(|_| depth < MAX_DEPTH)
                && let Some(fields) = self.sdk.models.get(model)
            {
                self.object(&format!("{path}{suffix}."), inner, fields, request, depth + 1);
            }
        }
        for s in left {
            let detail = s.ty.clone().unwrap_or_else(|| "untyped".to_owned());
            self.field(&format!("{prefix}{}", s.name), vec![(Kind::MissingInSpec, detail)]);
        }
    }
}

fn location(l: Location) -> &'static str {
    match l {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
    }
}

/// The element of an SDK `list[T]` or value of a `dict(str, T)`.
fn inner<'t>(sdk: &'t str, open: &str) -> Option<&'t str> {
    let close = if open.ends_with('[') { ']' } else { ')' };
    sdk.strip_prefix(open)?.strip_suffix(close).map(str::trim)
}

/// An SDK model name (`CreateUsersReq`) rather than a built-in type.
fn is_model(sdk: &str) -> bool {
    sdk.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && sdk.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Whether a spec type and an SDK type string mean the same JSON: `str` is a String (also
/// `datetime` and `date`), `int` an Integer or Long, `float` a Number, `bool` a Boolean,
/// `list[T]` an Array, `dict(str, T)` a Map, and a model name an Object. The SDK's `object` is
/// JSON it does not model: Any, or any Map or Object of the spec.
fn agrees(ty: &Type, sdk: &str, version: &ir::Version) -> bool {
    if sdk == "object" && matches!(ty, Type::Any | Type::Map(_) | Type::Object(_)) {
        return true;
    }
    match ty {
        Type::String => matches!(sdk, "str" | "datetime" | "date"),
        Type::Integer | Type::Long => sdk == "int",
        Type::Number => sdk == "float",
        Type::Boolean => sdk == "bool",
        Type::Any => false,
        Type::Array(t) => inner(sdk, "list[").is_some_and(|i| agrees(t, i, version)),
        Type::Map(t) => inner(sdk, "dict(str,").is_some_and(|i| agrees(t, i, version)),
        Type::Object(_) => is_model(sdk),
        Type::Enum(name) => {
            let integer = version.enums.iter().any(|e| e.name == *name && e.integer);
            sdk == if integer { "int" } else { "str" }
        }
    }
}

/// The spec objects and SDK models inside a field's types, with the field path's suffix
/// (`[]` for an array's items, `{}` for a map's values).
fn nested<'t>(ty: &'t Type, sdk: &'t str) -> Option<(String, &'t str, &'t str)> {
    match ty {
        Type::Object(o) if is_model(sdk) => Some((String::new(), o, sdk)),
        Type::Array(t) => nested(t, inner(sdk, "list[")?).map(|(s, o, m)| (format!("[]{s}"), o, m)),
        Type::Map(t) => nested(t, inner(sdk, "dict(str,")?).map(|(s, o, m)| (format!("{{}}{s}"), o, m)),
        _ => None,
    }
}

/// A spec type as the pages write it.
fn describe(ty: &Type) -> String {
    match ty {
        Type::String => "String".to_owned(),
        Type::Integer => "Integer".to_owned(),
        Type::Long => "Long".to_owned(),
        Type::Number => "Number".to_owned(),
        Type::Boolean => "Boolean".to_owned(),
        Type::Any => "Object (any JSON)".to_owned(),
        Type::Array(t) => format!("Array of {}", describe(t)),
        Type::Map(t) => format!("Map of {}", describe(t)),
        Type::Object(o) => format!("Object {o}"),
        Type::Enum(e) => format!("enum {e}"),
    }
}

impl Report {
    fn print(&self, spec: &str, oracle: &Oracle, unlowered: &[String]) {
        println!("audit of {spec} against the official Python SDK ({} operations)", oracle.count);
        for s in &oracle.unknown_services {
            let spec_names = match oracle.spec_names.get(s) {
                Some(names) => format!(" (spec service {})", names.join(", ")),
                None => String::new(),
            };
            println!(
                "the official Python SDK has no package for service `{s}`{spec_names}: its operations are skipped"
            );
        }
        for (sdk, names) in oracle.spec_names.iter().filter(|(s, _)| !oracle.unknown_services.contains(s)) {
            println!("spec service {} audited as the SDK's `{sdk}`", names.join(", "));
        }
        if self.skipped > 0 {
            println!("{} operations skipped: their service has no SDK package", self.skipped);
        }
        list(&format!("spec files that do not lower, not audited ({})", unlowered.len()), unlowered);
        println!("{} operations matched by service, method and path", self.matched);
        list(&format!("operations the SDK does not have ({})", self.unmatched.len()), &self.unmatched);
        list(&format!("operations the SDK names differently ({})", self.renamed.len()), &self.renamed);
        for kind in Kind::ALL {
            let lines = self.lines(|f| f.kind == kind && f.known.is_none() && !f.unprinted, false);
            if !lines.is_empty() {
                list(&format!("{} ({})", kind.name(), lines.len()), &lines);
            }
        }
        let unprinted = self.lines(|f| f.unprinted && f.known.is_none(), false);
        if !unprinted.is_empty() {
            let heading = format!(
                "missing in spec, never printed on the spec's page: the page's difference, the SDK is newer ({})",
                unprinted.len()
            );
            list(&heading, &unprinted);
        }
        let known = self.lines(|f| f.known.is_some(), true);
        if !known.is_empty() {
            list(&format!("known differences ({}, from {})", known.len(), self.known.file), &known);
        }
        let unused: Vec<String> = (0..self.known.entries.len())
            .filter(|i| !self.used_known.contains(i))
            .map(|i| {
                let (d, _) = &self.known.entries[i];
                format!("{} {} ({})", d.operation, d.field, d.kind)
            })
            .collect();
        list(&format!("known differences that did not occur ({})", unused.len()), &unused);
        self.print_summary();
    }

    fn lines(&self, keep: impl Fn(&Finding) -> bool, reason: bool) -> Vec<String> {
        let mut found: Vec<&Finding> = self.findings.iter().filter(|f| keep(f)).collect();
        found.sort_by(|a, b| (&a.spec_file, &a.field, a.kind).cmp(&(&b.spec_file, &b.field, b.kind)));
        found
            .into_iter()
            .map(|f| {
                let mut line = format!("{} {} ({}): {}", f.operation, f.field, f.spec_file, f.detail);
                if let Some(i) = f.known.filter(|_| reason) {
                    line = format!("{} {line} (known: {})", f.kind.name(), self.known.entries[i].0.reason);
                }
                line
            })
            .collect()
    }

    fn print_summary(&self) {
        let unknown = self.findings.iter().filter(|f| f.known.is_none()).count();
        let mut by_kind = Vec::new();
        for kind in Kind::ALL {
            let n = self.findings.iter().filter(|f| f.kind == kind && f.known.is_none()).count();
            if n > 0 {
                by_kind.push(format!("{} {n}", kind.name()));
            }
        }
        println!(
            "disagreements: {unknown} ({})",
            if by_kind.is_empty() { "none".to_owned() } else { by_kind.join(", ") }
        );
        match self.agreement() {
            None => println!("agreement: no field was compared"),
            Some(rate) => {
                let raw = 100.0 * self.agreeing as f64 / self.compared as f64;
                println!(
                    "agreement: {:.1}% ({} of {} fields agree; {:.1}% counting the {} fields whose differences are known)",
                    raw, self.agreeing, self.compared, rate, self.known_only
                );
                if let (false, Some(rate)) = (self.pages.of_spec.is_empty(), self.printed_agreement()) {
                    println!(
                        "agreement on the fields the pages print: {rate:.1}% ({} of {}; the other {} fields are the \
                         SDK's alone, never printed on the spec's page)",
                        self.agreeing + self.known_only,
                        self.compared - self.unprinted_only,
                        self.unprinted_only
                    );
                }
            }
        }
    }
}

/// Prints a heading and its indented lines, nothing when there are none.
fn list(heading: &str, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    println!("{heading}:");
    for l in lines {
        println!("  {l}");
    }
}

#[cfg(test)]
mod tests {
    use super::{PAGES_FILE, Pages};

    #[test]
    fn a_field_is_the_pages_difference_only_when_its_page_never_prints_its_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let page = dir.path().join("page.md");
        std::fs::write(&page, "| enc\\_certificate | String | Certificate. |\n| Name | String | Name. |\n")
            .expect("page");
        let spec = dir.path().join("spec");
        std::fs::create_dir_all(&spec).expect("spec dir");
        std::fs::write(spec.join(PAGES_FILE), format!("zhelb/v3/a.yaml\t{}\n", page.display())).expect("index");
        let mut pages = Pages::read(&spec, "s").expect("reads");
        assert!(pages.never_prints("s/zhelb/v3/a.yaml", "fingerprint"));
        assert!(!pages.never_prints("s/zhelb/v3/a.yaml", "enc_certificate"), "an escaped underscore is printed");
        assert!(!pages.never_prints("s/zhelb/v3/a.yaml", "name"), "names are matched without case");
        assert!(!pages.never_prints("s/zhelb/v3/other.yaml", "fingerprint"), "no page known: not the page's");
        std::fs::write(spec.join(PAGES_FILE), "no tab here\n").expect("index");
        let e = Pages::read(&spec, "s").expect_err("a line without a tab");
        assert!(e.contains(":1: expected `spec file<TAB>page`"), "{e}");
    }

    #[test]
    fn markup_and_longer_names_do_not_print_a_field() {
        let dir = tempfile::tempdir().expect("temp dir");
        let page = dir.path().join("page.html");
        let html = "<td headers=\"mcps1.3\">connection_limit</td><p>a < b, see type</p>";
        std::fs::write(&page, html).expect("page");
        let spec = dir.path().join("spec");
        std::fs::create_dir_all(&spec).expect("spec dir");
        std::fs::write(spec.join(PAGES_FILE), format!("h/v3/a.yaml\t{}\n", page.display())).expect("index");
        let mut pages = Pages::read(&spec, "s").expect("reads");
        assert!(pages.never_prints("s/h/v3/a.yaml", "cps"), "an attribute value is markup, not text");
        assert!(pages.never_prints("s/h/v3/a.yaml", "connection"), "part of a longer name");
        assert!(!pages.never_prints("s/h/v3/a.yaml", "connection_limit"));
        assert!(!pages.never_prints("s/h/v3/a.yaml", "type"), "text after a bare `<` is kept");
    }
}
