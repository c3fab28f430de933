//! `cargo xtask synth --endpoints N --out DIR`: a synthetic spec tree of N operations, for benchmarks.
//!
//! The operations are shaped like the real pages under `spec/` (see `synth/pages.rs`) and spread
//! over services `synth0`, `synth1`, ... with [`VERSIONS_PER_SERVICE`] version modules of at most
//! [`OPS_PER_MODULE`] operations each, so a large N gives a crate with many modules. Next to
//! `DIR/spec/` it writes the skeleton of the crate to generate into, `DIR/crate/Cargo.toml` (its own
//! workspace, depending on this repository's runtime by absolute path), so that
//! `cargo xtask codegen --spec DIR/spec --out DIR/crate` followed by a build works. The same N gives
//! byte-identical files.

mod pages;
mod row;

use std::path::{Path, PathBuf};

/// Operations in one `<service>/<version>` module, as in a large real service version.
pub const OPS_PER_MODULE: usize = 50;
/// Version modules per service.
pub const VERSIONS_PER_SERVICE: usize = 2;
/// Package name of the synthetic crate; its library is `synth_sdk`.
pub const PACKAGE: &str = "synth-sdk";
/// The first line of every file synth writes; only such files are overwritten or removed.
const HEADER: &str = "# Synthetic file written by `cargo xtask synth`";

/// One file to write, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Path below the output directory with `/` separators (`spec/synth0/v1/list_instances.yaml`).
    pub path: String,
    /// Contents.
    pub contents: String,
}

/// Where the synthetic crate finds its dependencies, and what its service crates inherit.
#[derive(Debug, Clone)]
pub struct Deps {
    /// Absolute path of the `huaweicloud-sdk-runtime` crate.
    pub runtime: PathBuf,
    /// `serde` of the workspace's `[workspace.dependencies]`.
    pub serde: toml::Value,
    /// `serde_json` of the workspace's `[workspace.dependencies]`.
    pub serde_json: toml::Value,
    /// The workspace's `[workspace.package]`, whose keys the generated manifests inherit.
    pub package: toml::Value,
    /// The workspace's `[workspace.lints]`, which the generated manifests inherit.
    pub lints: toml::Value,
}

impl Deps {
    /// The runtime, serde versions, package keys and lints of the workspace at `root`.
    pub fn of_workspace(root: &Path) -> Result<Deps, String> {
        let manifest = root.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
        let parsed: toml::Table = text.parse().map_err(|e| format!("{}: {e}", manifest.display()))?;
        let workspace = |key: &str| {
            parsed
                .get("workspace")
                .and_then(|w| w.get(key))
                .cloned()
                .ok_or_else(|| format!("{}: no [workspace.{key}]", manifest.display()))
        };
        let dependencies = workspace("dependencies")?;
        let dependency = |name: &str| {
            dependencies
                .get(name)
                .cloned()
                .ok_or_else(|| format!("{}: no `{name}` in [workspace.dependencies]", manifest.display()))
        };
        Ok(Deps {
            runtime: root.join("runtime"),
            serde: dependency("serde")?,
            serde_json: dependency("serde_json")?,
            package: workspace("package")?,
            lints: workspace("lints")?,
        })
    }

    /// The `[workspace]` of the synthetic crate, as manifest text: its service crates as members,
    /// and the package keys, lints and dependencies they inherit.
    pub fn workspace(&self) -> String {
        let runtime = self.runtime.display().to_string().replace('\\', "/");
        let mock = runtime.replace("/runtime", "/mock");
        let runtime = toml::Table::from_iter([("path".to_owned(), toml::Value::String(runtime))]);
        let mock = toml::Table::from_iter([("path".to_owned(), toml::Value::String(mock))]);
        let dependencies = toml::Table::from_iter([
            ("huaweicloud-sdk-runtime".to_owned(), toml::Value::Table(runtime)),
            ("huaweicloud-sdk-mock".to_owned(), toml::Value::Table(mock)),
            ("serde".to_owned(), self.serde.clone()),
            ("serde_json".to_owned(), self.serde_json.clone()),
        ]);
        let workspace = toml::Table::from_iter([
            ("members".to_owned(), toml::Value::Array(vec![toml::Value::String("services/*".to_owned())])),
            ("package".to_owned(), self.package.clone()),
            ("lints".to_owned(), self.lints.clone()),
            ("dependencies".to_owned(), toml::Value::Table(dependencies)),
        ]);
        toml::Table::from_iter([("workspace".to_owned(), toml::Value::Table(workspace))]).to_string()
    }
}

/// The service and version of operation `index` (0-based).
fn module_of(index: usize) -> (usize, usize) {
    let module = index / OPS_PER_MODULE;
    (module / VERSIONS_PER_SERVICE, module % VERSIONS_PER_SERVICE + 1)
}

/// Every file of a synthetic tree of `n` operations: `spec/**` and `crate/Cargo.toml`, sorted.
pub fn files(n: usize, deps: &Deps) -> Vec<File> {
    let mut out = Vec::new();
    let services = if n == 0 { 0 } else { module_of(n - 1).0 + 1 };
    for s in 0..services {
        out.push(File { path: format!("spec/synth{s}/service.yaml"), contents: pages::service(s) });
    }
    for index in 0..n {
        let (service, version) = module_of(index);
        let page = pages::Page::new(index, index / OPS_PER_MODULE, index % OPS_PER_MODULE, version);
        out.push(File {
            path: format!("spec/synth{service}/v{version}/{}.yaml", page.file_stem()),
            contents: page.render(index, n),
        });
    }
    out.push(File { path: "crate/Cargo.toml".to_owned(), contents: manifest(services, deps) });
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The synthetic crate's manifest, shaped like `generated/Cargo.toml`: one default feature per
/// service turning on the service's crate (`services/<service>/`, written by codegen), and the
/// workspace those crates inherit from.
fn manifest(services: usize, deps: &Deps) -> String {
    let names: Vec<String> = (0..services).map(|s| format!("synth{s}")).collect();
    let intro = format!(
        "{HEADER}: the crate that `cargo xtask codegen --spec ../spec --out .`\n\
         # fills in (src/, services/, tests/, README.md, openapi.json). Its own workspace, so it is built alone.\n"
    );
    crate::facade::manifest(
        &intro,
        &crate::facade::Facade { package: PACKAGE, lib: "synth_sdk", services: &names },
        deps,
    )
}

/// Options of `cargo xtask synth`.
struct Options {
    endpoints: usize,
    out: PathBuf,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let (mut endpoints, mut out) = (None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--endpoints" => {
                let v = it.next().ok_or("--endpoints needs a number")?;
                endpoints = Some(v.parse().map_err(|_| format!("--endpoints: `{v}` is not a number"))?);
            }
            "--out" => out = Some(PathBuf::from(it.next().ok_or("--out needs a directory")?)),
            other => return Err(format!("unknown option `{other}` for synth")),
        }
    }
    match (endpoints, out) {
        (Some(endpoints), Some(out)) => Ok(Options { endpoints, out }),
        _ => Err("synth takes --endpoints N --out DIR".to_owned()),
    }
}

/// `cargo xtask synth --endpoints N --out DIR`.
pub fn run(args: &[String], root: &Path) -> Result<(), String> {
    let o = parse(args)?;
    let written = write(&o.out, &files(o.endpoints, &Deps::of_workspace(root)?))?;
    println!("{} operations in {}/spec ({written} files changed)", o.endpoints, o.out.display());
    Ok(())
}

/// Writes `files` below `dir`, skipping unchanged ones, and removes synthetic spec files that are no
/// longer part of the tree. The crate gets a copy of the workspace's `Cargo.lock` when it has none,
/// so that it builds with the dependency versions already in the cache. Returns how many changed.
pub fn write(dir: &Path, files: &[File]) -> Result<usize, String> {
    let err = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    let mut changed = 0;
    for f in files {
        let path = dir.join(&f.path);
        match std::fs::read_to_string(&path) {
            Ok(old) if old == f.contents => continue,
            Ok(old) if !old.starts_with(HEADER) => {
                return Err(format!(
                    "{} exists and was not written by synth; nothing more was written",
                    path.display()
                ));
            }
            _ => {}
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| err(parent, e))?;
        }
        std::fs::write(&path, &f.contents).map_err(|e| err(&path, e))?;
        changed += 1;
    }
    let keep: std::collections::BTreeSet<PathBuf> = files.iter().map(|f| dir.join(&f.path)).collect();
    changed += remove_stale(&dir.join("spec"), &keep)?;
    let lock = dir.join("crate/Cargo.lock");
    if !lock.exists() {
        let workspace_lock = crate::workspace_root().join("Cargo.lock");
        std::fs::copy(&workspace_lock, &lock).map_err(|e| err(&workspace_lock, e))?;
    }
    Ok(changed)
}

/// Removes the synthetic `.yaml` files below `dir` that are not in `keep`, then the directories
/// that are left empty.
fn remove_stale(dir: &Path, keep: &std::collections::BTreeSet<PathBuf>) -> Result<usize, String> {
    if !dir.is_dir() {
        return Ok(0);
    }
    let mut removed = 0;
    // Contents first, so that a directory is visited after its files are gone.
    for entry in walkdir::WalkDir::new(dir).min_depth(1).contents_first(true) {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = entry.path();
        if entry.file_type().is_dir() {
            // Only empties: a directory with anything else in it stays.
            let _ = std::fs::remove_dir(path);
        } else if !keep.contains(path)
            && path.extension().is_some_and(|e| e == "yaml")
            && std::fs::read_to_string(path).is_ok_and(|t| t.starts_with(HEADER))
        {
            std::fs::remove_file(path).map_err(|e| format!("{}: {e}", path.display()))?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec_files(n: usize) -> Vec<codegen::SourceFile> {
        let deps = Deps::of_workspace(&crate::workspace_root()).expect("the workspace manifest names serde");
        files(n, &deps)
            .into_iter()
            .filter_map(|f| {
                let rel = f.path.strip_prefix("spec/")?.to_owned();
                Some(codegen::SourceFile { display: f.path.clone(), rel, text: f.contents })
            })
            .collect()
    }

    #[test]
    fn twenty_operations_generate_without_diagnostics() {
        let config = codegen::Config { lib_name: "synth_sdk".to_owned() };
        if let Err(diags) = codegen::generate(&spec_files(20), &config) {
            panic!("synthetic spec has problems:\n{diags}");
        }
    }

    #[test]
    fn every_kind_and_several_modules_generate_without_diagnostics() {
        let n = OPS_PER_MODULE * VERSIONS_PER_SERVICE + 7;
        let config = codegen::Config { lib_name: "synth_sdk".to_owned() };
        let generated = codegen::generate(&spec_files(n), &config).unwrap_or_else(|d| panic!("{d}"));
        for module in
            ["services/synth0/src/v1/mod.rs", "services/synth0/src/v2/mod.rs", "services/synth1/src/v1/mod.rs"]
        {
            assert!(generated.iter().any(|f| f.path == module), "no {module}");
        }
    }

    #[test]
    fn same_count_gives_identical_files() {
        let deps = Deps::of_workspace(&crate::workspace_root()).expect("the workspace manifest names serde");
        assert_eq!(files(20, &deps), files(20, &deps));
        assert_eq!(files(20, &deps).iter().filter(|f| f.path.ends_with(".yaml")).count(), 21);
    }
}
