//! `cargo xtask import`: drafts spec files from documentation pages (the importer is
//! `codegen::import`; this file only reads pages, writes files and reports).

use std::path::{Path, PathBuf};
use std::time::Instant;

use codegen::import::{self, Options};

/// Options of `cargo xtask import`.
struct Args {
    options: Options,
    spec: PathBuf,
    dry_run: bool,
    force: bool,
    report: Option<PathBuf>,
    pages: Vec<PathBuf>,
}

fn parse(args: &[String], root: &Path) -> Result<Args, String> {
    let mut a = Args {
        options: Options::default(),
        spec: root.join("spec"),
        dry_run: false,
        force: false,
        report: None,
        pages: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| it.next().cloned().ok_or(format!("{flag} needs a value"));
        match arg.as_str() {
            "--service" => a.options.service = value("--service")?,
            "--version" => a.options.version = Some(value("--version")?),
            "--operation" => a.options.operation = Some(value("--operation")?),
            "--spec" => a.spec = PathBuf::from(value("--spec")?),
            "--report" => a.report = Some(PathBuf::from(value("--report")?)),
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
    let a = parse(args, root)?;
    if let Some(dir) = &a.report {
        return report(dir, root);
    }
    let service_ok = a.options.service.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && a.options.service.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if !service_ok {
        return Err("import needs --service <lower-case name>, e.g. --service ddm".to_owned());
    }
    if a.pages.is_empty() {
        return Err("import needs at least one page file".to_owned());
    }
    if a.options.operation.is_some() && a.pages.len() > 1 {
        return Err("--operation names one page's operation; give one page".to_owned());
    }
    let mut all_ok = true;
    for page in &a.pages {
        all_ok &= one(&a, page);
    }
    Ok(all_ok)
}

fn read(page: &Path) -> Result<String, String> {
    let bytes = std::fs::read(page).map_err(|e| format!("{}: {e}", page.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Imports one page and prints what happened to it.
fn one(a: &Args, page: &Path) -> bool {
    let shown = page.display().to_string();
    let text = match read(page) {
        Ok(t) => t,
        Err(e) => {
            println!("not written: {e}");
            return false;
        }
    };
    let draft = match import::import(&shown, &text, &a.options) {
        Ok(d) => d,
        Err(errors) => {
            println!("not written: {shown}: {} problem(s)", errors.len());
            for e in errors {
                println!("{e}");
            }
            return false;
        }
    };
    let path = a.spec.join(&draft.rel);
    if a.dry_run {
        print!("{}", draft.yaml);
        println!("would write {} from {shown} ({} review marks)", path.display(), draft.reviews);
        return true;
    }
    if path.exists() && !a.force {
        println!("not written: {} already exists (--force overwrites it); from {shown}", path.display());
        return false;
    }
    match write(&a.spec, &a.options.service, &path, &draft.yaml) {
        Ok(service) => {
            println!("written: {} from {shown} ({} review marks)", path.display(), draft.reviews);
            if let Some(s) = service {
                println!("written: {} (a skeleton to fill in, marked for review)", s.display());
            }
            true
        }
        Err(e) => {
            println!("not written: {e}");
            false
        }
    }
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

/// `--report DIR`: every page under DIR (one sub-folder per service) into a scratch spec tree,
/// each page generated on its own, then each service as a whole.
fn report(dir: &Path, root: &Path) -> Result<bool, String> {
    let start = Instant::now();
    let scratch = root.join("target/import-report/spec");
    let _ = std::fs::remove_dir_all(&scratch);
    let mut services: Vec<PathBuf> = entries(dir)?.into_iter().filter(|p| p.is_dir()).collect();
    if services.is_empty() {
        services.push(dir.to_path_buf());
    }
    let (mut read_n, mut drafted_n, mut generating_n, mut clean_n, mut total) = (0, 0, 0, 0, 0);
    for sdir in &services {
        let service = sdir.file_name().map(|s| s.to_string_lossy().to_lowercase()).unwrap_or_default();
        let service: String = service.chars().filter(char::is_ascii_alphanumeric).collect();
        let skeleton = codegen::SourceFile {
            rel: format!("{service}/service.yaml"),
            display: format!("{service}/service.yaml"),
            text: import::service_skeleton(&service),
        };
        let mut pages: Vec<PathBuf> = entries(sdir)?.into_iter().filter(|p| p.is_file()).collect();
        pages.sort();
        let mut tree = vec![skeleton.clone()];
        for page in pages {
            total += 1;
            let shown = page.display().to_string();
            let text = read(&page)?;
            let (form, model) = import::read(&shown, &text);
            if !model.uris.is_empty() && !model.tables.is_empty() {
                read_n += 1;
            }
            let options = Options { service: service.clone(), ..Options::default() };
            let draft = match import::draft::draft(&shown, &model, &options) {
                Ok(d) => d,
                Err(errors) => {
                    let first = errors.first().map(|e| e.to_string().replace('\n', " ")).unwrap_or_default();
                    println!("failed  [{form}] {shown}: {first}");
                    continue;
                }
            };
            drafted_n += 1;
            let file =
                codegen::SourceFile { rel: draft.rel.clone(), display: draft.rel.clone(), text: draft.yaml.clone() };
            match codegen::generate(&[skeleton.clone(), file.clone()], &codegen::Config::default()) {
                Ok(_) => {
                    generating_n += 1;
                    if draft.reviews == 0 {
                        clean_n += 1;
                        println!("clean   [{form}] {shown}");
                    } else {
                        println!("review  [{form}] {shown}: {} review marks", draft.reviews);
                    }
                    if !tree.iter().any(|f| f.rel == file.rel) {
                        tree.push(file.clone());
                    }
                }
                Err(d) => {
                    let first = d.0.first().map(|x| x.to_string().replace('\n', " ")).unwrap_or_default();
                    println!("failed  [{form}] {shown}: drafted, does not generate: {first}");
                }
            }
            let path = scratch.join(&draft.rel);
            let _ = write(&scratch, &service, &path, &draft.yaml);
        }
        match codegen::generate(&tree, &codegen::Config::default()) {
            Ok(files) => {
                println!("service {service}: {} generating pages together give {} files", tree.len() - 1, files.len())
            }
            Err(d) => println!(
                "service {service}: the generating pages do not generate together: {} problems, first: {}",
                d.0.len(),
                d.0.first().map(|x| x.to_string().replace('\n', " ")).unwrap_or_default()
            ),
        }
    }
    println!(
        "{total} pages: {read_n} read (a URI and tables), {drafted_n} drafted, {generating_n} generate alone ({clean_n} without review marks); {:.1}s; drafts in {}",
        start.elapsed().as_secs_f64(),
        scratch.display()
    );
    Ok(true)
}

fn entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    out.sort();
    Ok(out)
}
