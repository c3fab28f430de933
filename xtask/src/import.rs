//! `cargo xtask import`: drafts spec files from documentation pages (the importer is
//! `codegen::import`; this file only reads pages and writes files; `report` is `--report`).

mod manifest;
mod report;
mod sdk;
mod with_sdk;

use std::path::{Path, PathBuf};

use codegen::import::{self, Options};

/// Options of `cargo xtask import`.
struct Args {
    options: Options,
    spec: PathBuf,
    dry_run: bool,
    force: bool,
    report: Option<PathBuf>,
    min_percent: Option<f64>,
    /// `--manifest FILE`: a corpus manifest naming each page's official operation.
    manifest: Option<PathBuf>,
    /// `--with-sdk`: a page the manifest maps is merged over its official SDK model's draft.
    with_sdk: bool,
    /// `--sdk SERVICE`: draft from the official SDK's models; the arguments are operation names.
    sdk: Option<String>,
    pages: Vec<PathBuf>,
}

fn parse(args: &[String], root: &Path) -> Result<Args, String> {
    let mut a = Args {
        options: Options::default(),
        spec: root.join("spec"),
        dry_run: false,
        force: false,
        report: None,
        min_percent: None,
        manifest: None,
        with_sdk: false,
        sdk: None,
        pages: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| it.next().cloned().ok_or(format!("{flag} needs a value"));
        match arg.as_str() {
            "--service" => a.options.service = value("--service")?,
            "--version" => a.options.version = Some(value("--version")?),
            "--operation" => a.options.operation = Some(value("--operation")?),
            "--licence" => a.options.licence = Some(value("--licence")?),
            "--spec" => a.spec = PathBuf::from(value("--spec")?),
            "--report" => a.report = Some(PathBuf::from(value("--report")?)),
            "--manifest" => a.manifest = Some(PathBuf::from(value("--manifest")?)),
            "--with-sdk" => a.with_sdk = true,
            "--sdk" => a.sdk = Some(value("--sdk")?),
            "--min-percent" => {
                let v = value("--min-percent")?;
                a.min_percent = Some(v.parse().map_err(|_| format!("--min-percent: `{v}` is not a number"))?);
            }
            "--dry-run" => a.dry_run = true,
            "--force" => a.force = true,
            flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}` for import")),
            page => a.pages.push(PathBuf::from(page)),
        }
    }
    Ok(a)
}

/// Runs the task; `Ok(false)` when some page was not written.
pub fn run(args: &[String], root: &Path) -> Result<bool, String> {
    let mut a = parse(args, root)?;
    if let Some(dir) = &a.report {
        return report::run(dir, a.min_percent, a.with_sdk, root);
    }
    if let Some(service) = a.sdk.clone() {
        if !codegen::spec::is_service_dir(&service) {
            return Err(format!("--sdk {service:?}: the SDK's service name in lower case, e.g. --sdk dws"));
        }
        let spec_service = if a.options.service.is_empty() { service.clone() } else { a.options.service.clone() };
        if !codegen::spec::is_service_dir(&spec_service) {
            return Err(format!("--service {spec_service:?} must be a lower-case name"));
        }
        a.options.versions = versions(&a.spec.join(&spec_service));
        return sdk::run(&a, &service, root);
    }
    if !codegen::spec::is_service_dir(&a.options.service) {
        return Err("import needs --service <lower-case name>, e.g. --service ddm".to_owned());
    }
    if let Some(v) = a.options.version.as_deref().filter(|v| !codegen::spec::is_version_dir(v)) {
        return Err(format!("--version {v:?} must look like v1, v2, v3 (the official SDKs' version)"));
    }
    if a.pages.is_empty() {
        return Err("import needs at least one page file".to_owned());
    }
    if a.options.operation.is_some() && a.pages.len() > 1 {
        return Err("--operation names one page's operation; give one page".to_owned());
    }
    let manifest = a.manifest.as_deref().map(manifest::Manifest::read).transpose()?.unwrap_or_default();
    if a.with_sdk && a.manifest.is_none() {
        return Err("--with-sdk needs --manifest: the manifest names each page's official operation".to_owned());
    }
    let models = if a.with_sdk {
        let officials: Vec<manifest::Official> = a.pages.iter().filter_map(|p| manifest.official(p)).collect();
        let services = officials.iter().map(|o| o.service.clone()).collect();
        let operations: Vec<String> = officials.iter().map(|o| o.operation.clone()).collect();
        with_sdk::Models::load(root, &services, &operations)?
    } else {
        with_sdk::Models::default()
    };
    // Once, before any page is written: where a page lands does not depend on the pages imported
    // before it in the same run.
    a.options.versions = versions(&a.spec.join(&a.options.service));
    let mut all_ok = true;
    for page in &a.pages {
        all_ok &= one(&a, &manifest, &models, page);
    }
    Ok(all_ok)
}

/// The version modules (`v<digits>` directories) a service directory of the spec tree holds,
/// sorted; none when it does not exist yet.
fn versions(service: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(service) else { return Vec::new() };
    let mut out: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| codegen::spec::is_version_dir(name))
        .collect();
    out.sort();
    out
}

/// A page's text; a file that is no text page (compressed, or binary) is refused saying so, not
/// read as a page without a URI.
fn read(page: &Path) -> Result<String, String> {
    let bytes = std::fs::read(page).map_err(|e| format!("{}: {e}", page.display()))?;
    if let Some(what) = not_text(&bytes) {
        return Err(format!(
            "{}:1: error: not a text page ({what}): give the page as HTML, RST, Markdown or text",
            page.display()
        ));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// What a file is when it is no text page: compressed (by its magic number) or binary (a NUL byte
/// in its first 8 KiB, which no page in any of the four forms has).
fn not_text(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (&[0x1f, 0x8b], "gzip-compressed"),
        (b"PK\x03\x04", "a zip archive"),
        (b"BZh", "bzip2-compressed"),
        (&[0xfd, b'7', b'z', b'X', b'Z', 0], "xz-compressed"),
        (&[0x28, 0xb5, 0x2f, 0xfd], "zstd-compressed"),
        (b"%PDF", "a PDF document"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(what);
    }
    bytes[..bytes.len().min(8192)].contains(&0).then_some("binary: it has NUL bytes")
}

/// Imports one page and prints what happened to it.
fn one(a: &Args, manifest: &manifest::Manifest, models: &with_sdk::Models, page: &Path) -> bool {
    let shown = page.display().to_string();
    let text = match read(page) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("not written: {e}");
            return false;
        }
    };
    // An RST page's links to tables of other pages of its folder are followed.
    let text = manifest::Anchors::of(page.parent().unwrap_or(Path::new("."))).link(text);
    let (_, mut model) = import::read(&shown, &text);
    manifest.hint(page, &mut model);
    let (named, licence) = manifest::page_source(page, &shown);
    let options = Options { licence: a.options.licence.clone().or(licence), page: Some(named), ..a.options.clone() };
    let drafts = match import::draft::draft_all(&shown, &model, &options) {
        Ok(d) => d,
        Err(errors) => {
            eprintln!("not written: {shown}: {} problem(s)", errors.len());
            for e in errors {
                eprintln!("{e}");
            }
            return false;
        }
    };
    // One file per URI the page prints; every one is written or says why not. A page the
    // manifest maps to an official operation drafts that one alone: the other URIs it prints (an
    // older version's path, an example's literal ID) are no official operation, whose name the
    // importer would have to invent. With --with-sdk, the official one is merged over its SDK
    // model's draft.
    let mapped = manifest.official(page);
    let official = mapped.clone().filter(|_| a.with_sdk);
    let mapped = mapped.filter(|o| drafts.iter().any(|d| d.operation == o.operation));
    let mut all_written = true;
    for d in &drafts {
        if let Some(o) = mapped.as_ref().filter(|o| d.operation != o.operation) {
            println!(
                "not drafted: {} ({}), a second operation the page prints: the manifest maps the page to {} alone",
                d.rel, d.operation, o.operation
            );
            continue;
        }
        let merged = match &official {
            Some(o) => match models.merged(o, &options, d) {
                Ok(m) => {
                    println!("merged over the official SDK's model of {} ({}): {}", o.operation, o.service, d.rel);
                    m
                }
                Err(e) => {
                    println!("the page's draft alone: {}: {e}", d.rel);
                    d.clone()
                }
            },
            None => d.clone(),
        };
        all_written &= one_file(a, &a.options.service, &shown, &merged);
    }
    all_written
}

/// Writes (or prints, with --dry-run) one drafted file of a page.
fn one_file(a: &Args, service: &str, shown: &str, draft: &import::draft::Draft) -> bool {
    let path = a.spec.join(&draft.rel);
    // A page over a file drafted from the official SDK's model merges into it (unless --force).
    // A draft already merged over the SDK model (--with-sdk) names both and is not merged again.
    let over_sdk = !a.force && path.exists() && source_of(&draft.yaml) == (true, false) && sdk_only(&path);
    let (yaml, reviews, verb) = if over_sdk {
        let existing = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("not written: {}: {e}", path.display());
                return false;
            }
        };
        match import::draft::merge::merge(service, &draft.rel, &existing, &draft.yaml) {
            Ok(m) => (m.yaml, m.reviews, "merged"),
            Err(e) => {
                eprintln!("not written: {}: merging the page {shown} over the SDK model's file: {e}", path.display());
                return false;
            }
        }
    } else {
        (draft.yaml.clone(), draft.reviews, "written")
    };
    let into = if over_sdk { " into the SDK model's file" } else { "" };
    if a.dry_run {
        // The draft alone on stdout, so that it can be redirected to a file; the note on stderr.
        print!("{yaml}");
        eprintln!("would be {verb}: {}{into} from {shown} ({reviews} review marks)", path.display());
        return true;
    }
    if path.exists() && !a.force && !over_sdk {
        eprintln!("not written: {} already exists (--force overwrites it); from {shown}", path.display());
        return false;
    }
    match write(&a.spec, service, &path, &yaml) {
        Ok(service) => {
            println!("{verb}: {}{into} from {shown} ({reviews} review marks)", path.display());
            if let Some(s) = service {
                println!("written: {} (a skeleton to fill in, marked for review)", s.display());
            }
            true
        }
        Err(e) => {
            eprintln!("not written: {e}");
            false
        }
    }
}

/// The `source` of a spec text: whether it names a page, and an SDK model.
fn source_of(yaml: &str) -> (bool, bool) {
    let v: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap_or_default();
    let s = v.get("source");
    (s.and_then(|s| s.get("page")).is_some(), s.and_then(|s| s.get("sdk")).is_some())
}

/// Whether the spec file at `path` comes from the official SDK's model alone (no page yet).
fn sdk_only(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| source_of(&t) == (false, true))
}

/// Writes a drafted file, and the service skeleton when the service has no service.yaml.
fn write(spec: &Path, service: &str, path: &Path, yaml: &str) -> Result<Option<PathBuf>, String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, yaml).map_err(|e| format!("{}: {e}", path.display()))?;
    let service_file = spec.join(service).join("service.yaml");
    if service_file.exists() {
        return Ok(None);
    }
    std::fs::write(&service_file, import::service_skeleton(service))
        .map_err(|e| format!("{}: {e}", service_file.display()))?;
    Ok(Some(service_file))
}

fn entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    out.sort();
    Ok(out)
}
