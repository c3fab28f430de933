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

/// The marker lines around the service lines of a hand-kept facade manifest (`generated/Cargo.toml`):
/// `codegen` writes what is between them from the specs, so that a new service is a feature (and a
/// default one) as soon as it is generated.
pub const FEATURES_START: &str =
    "# services: from here to the end marker, written by `cargo xtask codegen` (one feature per service of the specs)";
/// The end of the features region.
pub const FEATURES_END: &str = "# end of services";
/// The start of the service crates region, under `[dependencies]`.
pub const CRATES_START: &str = "# service crates: from here to the end marker, written by `cargo xtask codegen`";
/// The end of the service crates region.
pub const CRATES_END: &str = "# end of service crates";

/// A service of a facade: its name and the service whose project listing finds its project ID.
pub type FacadeService<'a> = (&'a str, Option<&'a str>);

/// `text`, a hand-kept facade manifest, with its two marked regions written for `services`;
/// `Ok(None)` when it has no markers (the notes then say what to add by hand), an error when it
/// has some but not all of them, in order.
pub fn with_service_regions(
    text: &str,
    package: &str,
    services: &[FacadeService<'_>],
) -> Result<Option<String>, String> {
    let markers = [FEATURES_START, FEATURES_END, CRATES_START, CRATES_END];
    let found: Vec<Option<usize>> = markers.iter().map(|m| text.lines().position(|l| l.trim_end() == *m)).collect();
    if found.iter().all(Option::is_none) {
        return Ok(None);
    }
    let [Some(fs), Some(fe), Some(cs), Some(ce)] = found[..] else {
        return Err(format!("the manifest has some of the codegen marker lines but not all four: {markers:?}"));
    };
    if !(fs < fe && fe < cs && cs < ce) {
        return Err(
            "the manifest's codegen marker lines are out of order (features region, then crates region)".to_owned()
        );
    }
    let names: Vec<String> = services.iter().map(|(s, _)| format!("\"{s}\"")).collect();
    let mut features = vec![format!("default = [{}]", names.join(", "))];
    for (s, discovery) in services {
        let extra = discovery.filter(|d| d != s).map(|d| format!(", \"{d}\"")).unwrap_or_default();
        features.push(format!("{s} = [\"dep:{package}-{s}\"{extra}]"));
    }
    let mocks: String = services.iter().map(|(s, _)| format!(", \"{package}-{s}?/mock\"")).collect();
    features.push(format!("mock = [\"dep:huaweicloud-sdk-mock\"{mocks}]"));
    let version = env!("CARGO_PKG_VERSION");
    let crates: Vec<String> = services
        .iter()
        .map(|(s, _)| {
            format!("{package}-{s} = {{ path = \"services/{s}\", version = \"{version}\", optional = true }}")
        })
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len() + services.len() * 2);
    out.extend(lines[..=fs].iter().map(|l| (*l).to_owned()));
    out.extend(features);
    out.extend(lines[fe..=cs].iter().map(|l| (*l).to_owned()));
    out.extend(crates);
    out.extend(lines[ce..].iter().map(|l| (*l).to_owned()));
    Ok(Some(out.join("\n") + "\n"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_marked_regions_are_written_for_every_service() {
        let text = format!(
            "[features]\n{}\ndefault = [\"ddm\"]\n{}\nextra = []\n\n[dependencies]\nserde = \"1\"\n{}\n{}\n",
            super::FEATURES_START,
            super::FEATURES_END,
            super::CRATES_START,
            super::CRATES_END
        );
        let services = [("ddm", Some("iam")), ("iam", Some("iam")), ("vpc", Some("iam"))];
        let out = super::with_service_regions(&text, "sdk", &services).expect("markers").expect("rewritten");
        let parsed: toml::Table = out.parse().expect("valid TOML");
        let features = parsed["features"].as_table().expect("features");
        assert_eq!(features["default"].as_array().map(Vec::len), Some(3), "{out}");
        assert_eq!(features["vpc"].as_array().map(|a| a.len()), Some(2), "a project-scoped service pulls in iam");
        assert_eq!(features["iam"].as_array().map(|a| a.len()), Some(1), "{out}");
        assert!(features.contains_key("extra"), "lines outside the regions stay");
        assert_eq!(parsed["dependencies"]["sdk-vpc"]["path"].as_str(), Some("services/vpc"));
        let again = super::with_service_regions(&out, "sdk", &services).expect("markers").expect("rewritten");
        assert_eq!(again, out, "idempotent");
        assert_eq!(super::with_service_regions("[package]\n", "sdk", &services), Ok(None));
        let partial = format!("{}\n", super::FEATURES_START);
        assert!(super::with_service_regions(&partial, "sdk", &services).is_err());
    }

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
