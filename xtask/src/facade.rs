//! The manifest of a whole crate outside this workspace: the facade of a workspace of its own,
//! with one default feature per service crate, depending on this repository's runtime by path.
//! `cargo xtask codegen --out DIR` writes it when DIR has no crate, and `synth` for its crate.

use std::path::Path;

use crate::synth::Deps;

/// The first line of a manifest that `codegen --out` wrote; it rewrites only such manifests.
/// (Not the generated-file header: the sync would remove a headed file that it did not generate.)
pub const HEADER: &str = "# Written by `cargo xtask codegen --out` into a directory that held no crate";
/// The facade's package name in such a crate; its library is `huaweicloud_sdk`, as in `generated/`.
const PACKAGE: &str = "huaweicloud-sdk";

/// A facade to write: its package, its library and its services (directories under `services/`).
#[derive(Debug)]
pub struct Facade<'a> {
    /// Package name; the service crates are `<package>-<service>`.
    pub package: &'a str,
    /// Library name.
    pub lib: &'a str,
    /// Service names.
    pub services: &'a [String],
}

/// The facade's manifest, shaped like `generated/Cargo.toml`, after the `intro` comment lines.
pub fn manifest(intro: &str, f: &Facade<'_>, deps: &Deps) -> String {
    let (package, lib) = (f.package, f.lib);
    let default = f.services.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    let features: String = f.services.iter().map(|n| format!("{n} = [\"dep:{package}-{n}\"]\n")).collect();
    let mock: String = f.services.iter().map(|n| format!(", \"{package}-{n}?/mock\"")).collect();
    let service_deps: String = f
        .services
        .iter()
        .map(|n| format!("{package}-{n} = {{ path = \"services/{n}\", optional = true }}\n"))
        .collect();
    format!(
        "{intro}\
         [package]\n\
         name = \"{package}\"\n\
         version.workspace = true\n\
         edition.workspace = true\n\
         publish.workspace = true\n\
         \n\
         [lib]\n\
         name = \"{lib}\"\n\
         path = \"src/lib.rs\"\n\
         \n\
         [features]\n\
         default = [{default}]\n\
         {features}\
         mock = [\"dep:huaweicloud-sdk-mock\"{mock}]\n\
         \n\
         [dependencies]\n\
         huaweicloud-sdk-runtime.workspace = true\n\
         huaweicloud-sdk-mock = {{ workspace = true, optional = true }}\n\
         {service_deps}\
         serde.workspace = true\n\
         serde_json.workspace = true\n\
         \n\
         [dev-dependencies]\n\
         huaweicloud-sdk-mock.workspace = true\n\
         \n\
         {}",
        deps.workspace()
    )
}

/// The library name `codegen --out` gives a crate it writes the manifest of.
pub const LIB: &str = "huaweicloud_sdk";

/// Whether `codegen --out` writes the manifest of `out`: it has none, or one this module wrote.
pub fn owns(out: &Path) -> bool {
    std::fs::read_to_string(out.join("Cargo.toml")).map_or(true, |text| text.starts_with(HEADER))
}

/// Writes `out/Cargo.toml` for `services`, and a copy of the workspace's `Cargo.lock` when `out`
/// has none (the crate then builds with the versions this workspace is tested with).
pub fn write(out: &Path, services: &[String], root: &Path) -> Result<(), String> {
    let err = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    std::fs::create_dir_all(out).map_err(|e| err(out, e))?;
    let intro = format!(
        "{HEADER};\n# rewritten by every `codegen --out` there. Its own workspace, so it is built alone:\n\
         # cargo check --manifest-path {}/Cargo.toml\n",
        out.display()
    );
    let facade = Facade { package: PACKAGE, lib: LIB, services };
    let manifest = out.join("Cargo.toml");
    std::fs::write(&manifest, manifest_text(&intro, &facade, root)?).map_err(|e| err(&manifest, e))?;
    let lock = out.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(root.join("Cargo.lock"), &lock).map_err(|e| err(&lock, e))?;
    }
    Ok(())
}

fn manifest_text(intro: &str, facade: &Facade<'_>, root: &Path) -> Result<String, String> {
    Ok(manifest(intro, facade, &Deps::of_workspace(root)?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_manifest_has_a_feature_per_service_and_the_runtime_by_path() {
        let root = crate::workspace_root();
        let services = ["ddm".to_owned(), "dws".to_owned()];
        let facade = super::Facade { package: "huaweicloud-sdk", lib: super::LIB, services: &services };
        let text = super::manifest_text("# intro\n", &facade, &root).expect("workspace manifest");
        let parsed: toml::Table = text.parse().expect("valid TOML");
        let features = parsed["features"].as_table().expect("features");
        assert_eq!(features["default"].as_array().map(Vec::len), Some(2));
        assert_eq!(features["dws"][0].as_str(), Some("dep:huaweicloud-sdk-dws"));
        let runtime = &parsed["workspace"]["dependencies"]["huaweicloud-sdk-runtime"]["path"];
        assert_eq!(runtime.as_str(), Some(root.join("runtime").display().to_string().as_str()));
    }
}
