//! Developer tasks, run as `cargo xtask <task>` (the alias lives in `.cargo/config.toml`).

mod audit;
mod bench;
mod facade;
mod import;
mod synth;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::sync::{self, Change};

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  codegen [--check] [--allow-breaking] [--no-cache] [--spec DIR] [--out DIR]
      regenerate the huaweicloud-sdk crate (default: spec/ into generated/) from the endpoint
      specs; with --check, write nothing to DIR and fail with a diff when the crate is stale.
      Formatted files are memoised in target/codegen-format-cache-<hash> (one per spec and out
      directory and generator build, saved with --check too; --no-cache formats every file and
      keeps no memo). A change that renames or removes a public type is refused unless
      --allow-breaking. The
      generator writes src/, services/, tests/, README.md and openapi.json; the facade's Cargo.toml
      only when --out holds none (or one it wrote): then the whole crate, its own workspace with
      one feature per service over this repository's runtime, which
      `cargo check --manifest-path OUT/Cargo.toml` builds
  openapi [--spec DIR] [--out FILE]
      write the OpenAPI 3.0.3 document of every operation in the specs (default: spec/) to FILE,
      or print it; `codegen` keeps a copy in generated/openapi.json
  new-endpoint <service> <version> <OperationName> [--spec DIR]
      write a commented skeleton <spec>/<service>/<version>/<operation>.yaml to fill in from the
      operation's documentation page (never overwrites)
  synth --endpoints N --out DIR
      write a synthetic spec tree of N operations shaped like the real pages to DIR/spec, and the
      crate skeleton DIR/crate/Cargo.toml to generate it into (same N, same bytes); then
      `cargo xtask codegen --spec DIR/spec --out DIR/crate`
  import --service SVC [--version V] [--operation Name] [--manifest FILE] [--licence L] [--spec DIR] [--dry-run]
         [--force] PAGE...
      draft spec/<svc>/<version>/<operation>.yaml from each documentation page (browser text,
      doc-site HTML, Markdown with HTML tables, or RST), marking every inference `# review:`;
      never overwrites without --force; writes a service.yaml skeleton when the service has none.
      With --manifest (a corpus's manifest.tsv: page, method, uri, official SDK package version,
      official operation), a page it maps gets the official operation name and version module.
      The draft's `source` names the page (from the corpus folder down for a corpus page) and its
      licence: --licence L, else the corpus form's (rst/, html/: Apache-2.0; zh/: huaweicloudDocs,
      non-commercial), else a review mark asking for it. A page imported over a file drafted from
      the official SDK's model (its source names an sdk and no page) merges into it: the SDK's
      names, types, mandatory flags and objects kept, the page's text, ranges, statuses and
      examples taken, every disagreement marked (--force replaces the file instead). With
      --with-sdk (and --manifest), a page the manifest maps to an official operation is drafted
      from both sources at once: merged over the SDK model's draft (describe.py), as above
  import --sdk SDKSVC [--service SVC] [--version V] [--spec DIR] [--dry-run] [--force] [OPERATION...]
      draft spec/<svc>/<version>/<operation>.yaml from the official Python SDK's model of each
      named operation of huaweicloudsdk<SDKSVC> (all of them when none is named), for operations no
      page documents: method, path, parameters, types, mandatory flags, models and the SDK's
      (Chinese) texts, read by tests/oracle/describe.py in the oracle's Python (as for audit); the
      status is drafted as 200 and said to be undocumented; marks and overwriting as for pages
  import --report DIR [--with-sdk] [--min-percent P]
      import every page under DIR (each folder of pages a service named after its path below DIR,
      so the corpus's rst/dws is `rstdws`) into target/import-report/spec, generate them into the
      crate target/import-report/crate and `cargo check` it; print per page clean / N review marks /
      failed and why / skipped (not an API reference page), the failures grouped by reason, totals
      per parent folder (the corpus's forms) and overall, and the times. Fails when cargo check
      fails or fewer than P% of the API reference pages import and generate. --with-sdk: each page
      DIR/manifest.tsv maps is merged over its official SDK model's draft (as import --with-sdk)
  audit [--spec DIR] [--known FILE] [--min-agreement P] [--min-printed-agreement P]
        [--sdk-service SPEC=SDK]...
  audit --coverage [--spec DIR] [--corpus DIR]
      compare every operation of the specs (default: spec/) that the official Python SDK also has
      (same service, method and path) with the SDK's request and response models, print each
      disagreement grouped by kind and the share of fields that agree; differences listed in
      FILE (default: DIR/audit-known-differences.toml) are reported as known. Fails only on a
      usage or oracle error, or, with --min-agreement, when under P percent of the fields agree
      once the known differences are accepted. A tree drafted by `import --report` names each
      file's page (DIR/import-pages.tsv): a field the spec lacks whose name its page never prints
      is then listed apart as the page's difference (the SDK is newer), and
      --min-printed-agreement P is the floor on the agreement over the fields the pages print.
      The oracle's Python is $HUAWEICLOUD_ORACLE_PYTHON, else .venv/bin/python (.ci/oracle-venv
      makes it). --sdk-service audits the spec service SPEC
      as the SDK's SDK (the import report's `rstddm` as `ddm`); a service the SDK has no package
      for is skipped with a line saying so. With --coverage: print the README's coverage section
      instead (per official SDK service: operations here, official operations, and each missing
      one with why: no page in the corpus DIR's manifest.tsv, or its page)
  audit --licence [--spec DIR] [--corpus DIR]...
      check where the specs' text comes from: every operation file names its `source` (a page
      with a licence that allows its text in this Apache-2.0 crate, or the official SDK model),
      and, for each corpus DIR, no sentence of a spec file is in one of its huaweicloudDocs pages
      (zh/<service>, non-commercial) unless the official SDK's texts (describe.py) have it too;
      fails on any finding
  bench [--quick]
      measure generation time and memory, generated size, and build time and memory of the
      generated crate against progenitor's on synthetic specs; writes BENCHMARKS.md (--quick:
      up to 1,000 operations, fewer runs, builds of 100 only)
  bench --real
      measure the real spec/: generation, a clean debug build of the whole crate (all features,
      dependencies built), and the rebuild after one spec file changes; rewrites that section of
      BENCHMARKS.md
";

/// The generator allocates for every token, string and syntax node it makes: with glibc's
/// allocator, a quarter of `codegen`'s time was `malloc` and `free` (2.6 s instead of 3.2 s for the
/// whole spec with mimalloc; BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => match codegen_task(&args[1..]) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Some("openapi") => match openapi(&args[1..]) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Some("new-endpoint") => match new_endpoint(&args[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Some("synth") => report(synth::run(&args[1..], &workspace_root())),
        Some("bench") => report(bench::run(&args[1..], &workspace_root())),
        Some("import") => match import::run(&args[1..], &workspace_root()) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::FAILURE,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Some("audit") => match audit::run(&args[1..], &workspace_root()) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::FAILURE,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("error: unknown task `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Exit status of a task that returns only success or an error message.
fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask new-endpoint <service> <version> <OperationName> [--spec DIR]`.
fn new_endpoint(args: &[String]) -> Result<(), String> {
    let (positional, spec) = match args {
        [s, v, o] => ([s, v, o], workspace_root().join("spec")),
        [s, v, o, flag, dir] if flag == "--spec" => ([s, v, o], PathBuf::from(dir)),
        _ => return Err(format!("new-endpoint takes <service> <version> <OperationName> [--spec DIR]\n\n{USAGE}")),
    };
    let [service, version, operation] = positional;
    let (rel, text) = codegen::spec::skeleton::render(service, version, operation)?;
    if !spec.join(service).join("service.yaml").is_file() {
        return Err(format!(
            "{}/{service}/service.yaml does not exist: a new service needs one first (see spec/README.md, \
             \"service.yaml\"); copy spec/ddm/service.yaml and adapt it",
            display_path(&spec)
        ));
    }
    let path = spec.join(&rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!("{} already exists; nothing was written", display_path(&path))
        } else {
            format!("{}: {e}", display_path(&path))
        }
    })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("created {}", display_path(&path));
    println!(
        "next: fill it in from the documentation page (every REPLACE; spec/README.md has the format), \
         then run `cargo xtask codegen` and `cargo test --workspace`"
    );
    Ok(())
}

/// `cargo xtask openapi [--spec DIR] [--out FILE]`: the document to FILE, else to stdout.
fn openapi(args: &[String]) -> Result<ExitCode, String> {
    let mut spec = workspace_root().join("spec");
    let mut out = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--spec" => spec = PathBuf::from(it.next().ok_or("--spec needs a directory")?),
            "--out" => out = Some(PathBuf::from(it.next().ok_or("--out needs a file")?)),
            other => return Err(format!("unknown option `{other}` for openapi\n\n{USAGE}")),
        }
    }
    let files = codegen::spec::load::read_dir(&spec, &display_path(&spec))
        .map_err(|e| format!("reading {}: {e}", spec.display()))?;
    let api = match codegen::lower::lower(&files) {
        Ok(api) => api,
        Err(diags) => {
            eprintln!("{diags}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let text = codegen::emit::openapi::render(&api);
    match out {
        Some(path) => {
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("wrote {}", path.display());
        }
        None => {
            // A closed pipe (`cargo xtask openapi | head`) is not an error.
            let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Options of `cargo xtask codegen`.
struct CodegenOptions {
    check: bool,
    /// Write even when published types are renamed or removed.
    allow_breaking: bool,
    spec: PathBuf,
    out: PathBuf,
    /// Format every file, without the memo of formatted files.
    no_cache: bool,
}

/// The memo of formatted files of this generator build for generating `spec` into `out`, and
/// where it is kept: the target directory's `codegen-format-cache-<hash of spec and out>`
/// (`$CARGO_TARGET_DIR`, else the workspace's `target/`), one memo per pair, so that generating
/// the golden fixtures does not empty the memo of the real spec. `identity` names this
/// executable ([`generator_identity`]); `None` when it could not be told.
fn format_cache(
    identity: Option<&str>,
    spec: &Path,
    out: &Path,
) -> Option<(codegen::emit::cache::FormatCache, PathBuf)> {
    use std::hash::{Hash, Hasher};
    let identity = identity?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for dir in [spec, out] {
        std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()).hash(&mut hasher);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| workspace_root().join("target"), PathBuf::from);
    let path = target.join(format!("codegen-format-cache-{:016x}", hasher.finish()));
    Some((codegen::emit::cache::FormatCache::load(&path, identity), path))
}

/// The identity of the running generator for its memo of formatted files: the version, size and
/// modification time of the executable this process runs (Linux's `/proc/self/exe`, which still
/// names the running file after a rebuild replaced it; else the path it was started from), read
/// when the task starts. `None` when neither can be read.
fn generator_identity() -> Option<String> {
    let meta = std::fs::metadata("/proc/self/exe")
        .ok()
        .or_else(|| std::env::current_exe().ok().and_then(|exe| std::fs::metadata(exe).ok()))?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(format!("{}-{}-{}", env!("CARGO_PKG_VERSION"), meta.len(), modified.as_nanos()))
}

fn parse_codegen(args: &[String]) -> Result<CodegenOptions, String> {
    let root = workspace_root();
    let mut o = CodegenOptions {
        check: false,
        allow_breaking: false,
        spec: root.join("spec"),
        out: root.join("generated"),
        no_cache: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--check" => o.check = true,
            "--allow-breaking" => o.allow_breaking = true,
            "--no-cache" => o.no_cache = true,
            "--spec" => o.spec = PathBuf::from(it.next().ok_or("--spec needs a directory")?),
            "--out" => o.out = PathBuf::from(it.next().ok_or("--out needs a directory")?),
            other => return Err(format!("unknown option `{other}` for codegen\n\n{USAGE}")),
        }
    }
    Ok(o)
}

fn codegen_task(args: &[String]) -> Result<ExitCode, String> {
    let o = parse_codegen(args)?;
    let identity = (!o.no_cache).then(generator_identity).flatten();
    let mut profile = bench::Phases::from_env();
    let display = display_path(&o.spec);
    let files =
        codegen::spec::load::read_dir(&o.spec, &display).map_err(|e| format!("reading {}: {e}", o.spec.display()))?;
    // An --out without a crate gets a whole one: the facade's manifest is written below.
    let whole_crate = !o.check && facade::owns(&o.out);
    // The hand-kept manifest of an --out crate, read once: its library name, and its features for
    // the notes at the end.
    let manifest = if whole_crate { None } else { Some(read_manifest(&o.out)?) };
    let lib_name = match &manifest {
        Some((_, m)) => lib_name(m, &o.out)?,
        None => facade::LIB.to_owned(),
    };
    let config = codegen::Config { lib_name };
    profile.end("read specs");
    // `codegen::generate` in its two stages, so that the profile can tell them apart.
    let api = match codegen::lower::lower_for(&files, &config) {
        Ok(api) => api,
        Err(diags) => {
            eprintln!("{diags}");
            return Ok(ExitCode::FAILURE);
        }
    };
    profile.end("validate (lower)");
    if whole_crate {
        let services: Vec<String> = api.services.iter().map(|s| s.name.clone()).collect();
        facade::write(&o.out, &services, &workspace_root())?;
        println!("wrote {}/Cargo.toml, the crate's manifest (one feature per service)", o.out.display());
    }
    let cache = format_cache(identity.as_deref(), &o.spec, &o.out);
    let emitted = codegen::emit::emit_cached(&api, &config, cache.as_ref().map(|(c, _)| c));
    if let Some((cache, path)) = &cache
        && let Err(e) = cache.save(path)
    {
        // Only a later run's speed depends on it.
        eprintln!("warning: the memo of formatted files was not saved to {}: {e}", path.display());
    }
    let generated = match emitted {
        Ok(g) => g,
        Err(diags) => {
            eprintln!("{diags}");
            return Ok(ExitCode::FAILURE);
        }
    };
    profile.end("emit (tokens, prettyplease, README, OpenAPI)");
    profile.openapi_share(&api);
    let changes = sync::plan(&o.out, &generated).map_err(|e| e.to_string())?;
    let services: Vec<facade::FacadeService<'_>> =
        api.services.iter().map(|s| (s.name.as_str(), s.discovery.as_ref().map(|d| d.service.as_str()))).collect();
    // The service lines of a hand-kept facade manifest with codegen's markers, when they change.
    let manifest_path = o.out.join("Cargo.toml");
    let manifest_update = match &manifest {
        Some((text, parsed)) => {
            let package = parsed.get("package").and_then(|p| p.get("name")).and_then(toml::Value::as_str).unwrap_or("");
            facade::with_service_regions(text, package, &services)
                .map_err(|e| format!("{}: {e}", manifest_path.display()))?
                .filter(|new| new != text)
        }
        None => None,
    };
    profile.end("compare with the crate");
    let conflicts = changes.iter().any(|c| matches!(c, Change::Conflict { .. }));
    if o.check {
        if changes.is_empty() && manifest_update.is_none() {
            println!("{} is up to date ({} files)", o.out.display(), generated.len());
            return Ok(ExitCode::SUCCESS);
        }
        for c in &changes {
            eprintln!("{}", c.summary());
            eprint!("{}", c.diff());
        }
        if manifest_update.is_some() {
            eprintln!("stale: {} (the service features between its codegen markers)", manifest_path.display());
        }
        eprintln!("error: {} is stale; run `cargo xtask codegen`", o.out.display());
        return Ok(ExitCode::FAILURE);
    }
    let removed = sync::removed_types(&changes, &generated);
    if !removed.is_empty() && !o.allow_breaking {
        for t in &removed {
            eprintln!("error: the type {t} would be renamed or removed");
        }
        eprintln!(
            "error: nothing was written: programs that name these types would break. When a new page's table \
             takes a published type's name (the other becomes `<Operation><Name>`), rename the new table \
             instead; when the change is meant (an operation removed), run again with --allow-breaking"
        );
        return Ok(ExitCode::FAILURE);
    }
    if conflicts {
        for c in changes.iter().filter(|c| matches!(c, Change::Conflict { .. })) {
            eprintln!("{}", c.summary());
        }
        eprintln!("error: nothing was written");
        return Ok(ExitCode::FAILURE);
    }
    for c in &changes {
        apply(&o.out, c).map_err(|e| format!("{}: {e}", c.path()))?;
        println!("{}", c.summary());
    }
    if let Some(new) = &manifest_update {
        std::fs::write(&manifest_path, new).map_err(|e| format!("{}: {e}", manifest_path.display()))?;
        println!("update  Cargo.toml (one feature per service, every one a default: between the codegen markers)");
    }
    profile.end("write");
    println!("{} files generated, {} changed", generated.len(), changes.len() + usize::from(manifest_update.is_some()));
    match &manifest {
        // A manifest without the markers is the user's to edit: say what to add.
        Some((text, parsed)) if !text.contains(facade::FEATURES_START) => {
            for note in facade_notes(parsed, &manifest_path, &services) {
                println!("{note}");
            }
        }
        _ => {}
    }
    profile.report();
    Ok(ExitCode::SUCCESS)
}

fn apply(root: &Path, c: &Change) -> std::io::Result<()> {
    let target = root.join(c.path());
    match c {
        Change::Create { contents, .. } | Change::Update { new: contents, .. } => {
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&target, contents)
        }
        Change::Delete { .. } => {
            std::fs::remove_file(&target)?;
            // Remove directories the deletion left empty, up to the crate directory.
            let mut dir = target.parent();
            while let Some(d) = dir.filter(|d| *d != root) {
                if std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
            Ok(())
        }
        Change::Conflict { .. } => Ok(()),
    }
}

/// The manifest of the crate in `dir`: its text and the text parsed.
fn read_manifest(dir: &Path) -> Result<(String, toml::Table), String> {
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("{}: {e} (the output directory must be a crate with a Cargo.toml)", manifest.display()))?;
    let parsed = text.parse().map_err(|e| format!("{}: {e}", manifest.display()))?;
    Ok((text, parsed))
}

/// The library name of the crate in `dir` (its manifest `parsed`): `[lib] name`, else the package
/// name with `_` for `-`.
fn lib_name(parsed: &toml::Table, dir: &Path) -> Result<String, String> {
    let name = |table: &str| parsed.get(table).and_then(|t| t.get("name")).and_then(toml::Value::as_str);
    let lib = name("lib").map(str::to_owned);
    lib.or_else(|| name("package").map(|p| p.replace('-', "_")))
        .ok_or_else(|| format!("{}: no package name", dir.join("Cargo.toml").display()))
}

/// A note for each service whose crate the facade manifest (`parsed`, read from `manifest`;
/// hand-written, as `generated/Cargo.toml`) does not have as a feature yet: without it the facade
/// leaves the new crate out (README, "Adding an endpoint", step 2). `services` are each
/// service's name and the service its project discovery comes from.
fn facade_notes(parsed: &toml::Table, manifest: &Path, services: &[facade::FacadeService<'_>]) -> Vec<String> {
    let package = parsed.get("package").and_then(|p| p.get("name")).and_then(toml::Value::as_str).unwrap_or("");
    let features = parsed.get("features").and_then(toml::Value::as_table);
    services
        .iter()
        .filter(|(s, _)| !features.is_some_and(|f| f.contains_key(*s)))
        .map(|(s, discovery)| {
            format!(
                "note: {} has no feature `{s}`, so the facade leaves the crate services/{s}/ out: add \
                 `{package}-{s} = {{ path = \"services/{s}\", version = \"{}\", optional = true }}` to its \
                 [dependencies], `{s} = [\"dep:{package}-{s}\"{}]` to its [features] and \
                 `\"{package}-{s}?/mock\"` to its `mock` feature, as for the other services",
                manifest.display(),
                env!("CARGO_PKG_VERSION"),
                // The service whose project listing finds this one's project ID (IAM's).
                discovery.map(|d| format!(", \"{d}\"")).unwrap_or_default(),
            )
        })
        .collect()
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

/// How a spec directory is shown in diagnostics: relative to the workspace when inside it.
fn display_path(p: &Path) -> String {
    let root = workspace_root();
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map(|c| c.join(p)).unwrap_or_else(|_| p.to_path_buf())
    };
    abs.strip_prefix(&root).unwrap_or(p).display().to_string()
}
