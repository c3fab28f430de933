//! A corpus's `manifest.tsv`: for each page (a path relative to the manifest's folder), the
//! official SDK operation it documents and the SDK's version module (`elb/v3`), or `-`. Where a
//! page's row names one, the importer takes its operation name and version module from it (as
//! hints, each with a review mark), not from the page's title or URI.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::import::Page;
use codegen::import::read::page::Hint;

/// The official operation and version module of each page that has them, by canonical path.
#[derive(Debug, Default)]
pub struct Manifest {
    shown: String,
    rows: BTreeMap<PathBuf, (String, String)>,
    /// The official SDK service of each mapped page: the package column's (`vpc/v2`), else the
    /// page's folder (`rst/ddm/...` -> `ddm`, for a manifest whose package column is `v1`).
    services: BTreeMap<PathBuf, String>,
}

/// The official operation a manifest maps a page to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Official {
    /// The SDK's service (`vpc`).
    pub service: String,
    /// Its version module (`v2`).
    pub version: String,
    /// The operation (`CreateVpc`).
    pub operation: String,
}

impl Manifest {
    /// Reads `path`; a line without the columns `page`, ..., `official_sdk_package_version`,
    /// `official_sdk_operation` is an error naming its line. Pages that do not exist are left out.
    pub fn read(path: &Path) -> Result<Manifest, String> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut rows = BTreeMap::new();
        let mut services = BTreeMap::new();
        for (n, line) in text.lines().enumerate().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            let [page, _, _, package, operation, ..] = cols.as_slice() else {
                return Err(format!(
                    "{shown}:{}: expected page, method, uri, official_sdk_package_version, official_sdk_operation",
                    n + 1
                ));
            };
            let version = package.rsplit('/').next().unwrap_or_default();
            if *operation == "-" || !codegen::spec::is_version_dir(version) {
                continue;
            }
            if let Ok(canonical) = dir.join(page).canonicalize() {
                let service = match package.split_once('/') {
                    Some((service, _)) => service.to_owned(),
                    None => page.split('/').nth(1).unwrap_or_default().to_owned(),
                };
                services.insert(canonical.clone(), service);
                rows.insert(canonical, ((*operation).to_owned(), version.to_owned()));
            }
        }
        Ok(Manifest { shown, rows, services })
    }

    /// The official operation the manifest maps `page` to.
    pub fn official(&self, page: &Path) -> Option<Official> {
        let canonical = page.canonicalize().ok()?;
        let (operation, version) = self.rows.get(&canonical)?;
        let service = self.services.get(&canonical)?.clone();
        Some(Official { service, version: version.clone(), operation: operation.clone() })
    }

    /// The SDK services the manifest maps pages to.
    pub fn services(&self) -> std::collections::BTreeSet<String> {
        self.services.values().filter(|s| !s.is_empty()).cloned().collect()
    }

    /// Puts the page's official operation name and version module first among its hints.
    pub fn hint(&self, page: &Path, model: &mut Page) {
        let Some((operation, version)) = page.canonicalize().ok().and_then(|p| self.rows.get(&p)) else { return };
        model.operation_hints.insert(0, Hint { name: operation.clone(), source: self.shown.clone() });
        let source = format!("`{}`, the official SDK's version module for this page", self.shown);
        model.version_hints.insert(0, Hint { name: version.clone(), source });
    }
}

/// How the `source` of a page's draft names it, and the page's licence when the page lies in one
/// of the project's corpora (a folder with a `manifest.tsv`, laid out by form as
/// `../shared/DESIGN.md` describes): `rst/` and `html/` hold Open Telekom Cloud's pages
/// (Apache-2.0), `zh/` huaweicloudDocs' Chinese pages (a non-commercial licence). A page in a
/// corpus is named from the corpus folder down (`cloud-corpus/rst/vpc/creating_a_vpc.rst`); any
/// other page as given, with no licence (the draft then asks for it).
pub fn page_source(page: &Path, shown: &str) -> (String, Option<String>) {
    let Ok(canonical) = page.canonicalize() else { return (shown.to_owned(), None) };
    for corpus in canonical.ancestors().skip(1) {
        if !corpus.join("manifest.tsv").is_file() {
            continue;
        }
        let Ok(below) = canonical.strip_prefix(corpus) else { break };
        let form = below.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
        let licence = match form.as_deref() {
            Some("rst" | "html") => Some("Apache-2.0".to_owned()),
            Some("zh") => Some(NON_COMMERCIAL.to_owned()),
            _ => None,
        };
        let name = corpus.file_name().map(|n| Path::new(n).join(below)).unwrap_or_else(|| below.to_path_buf());
        return (name.display().to_string(), licence);
    }
    (shown.to_owned(), None)
}

/// The anchors (`.. _name:`) of the RST pages of a folder, each with its page: where
/// [`codegen::import::read::linked::with_linked_tables`] finds a table another page links to.
#[derive(Debug, Default)]
pub struct Anchors(std::collections::HashMap<String, PathBuf>);

impl Anchors {
    /// Reads every `*.rst` file of `dir` (not below it); unreadable files are left out.
    pub fn of(dir: &Path) -> Anchors {
        let mut map = std::collections::HashMap::new();
        let Ok(entries) = std::fs::read_dir(dir) else { return Anchors(map) };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.extension().is_none_or(|x| x != "rst") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            for a in codegen::import::read::rst::anchors(&text) {
                map.entry(a).or_insert_with(|| path.clone());
            }
        }
        Anchors(map)
    }

    /// `text` (a page of the folder) with the tables it links to on other pages of the folder
    /// appended; other forms than RST are returned as they are.
    pub fn link(&self, text: String) -> String {
        if self.0.is_empty() || codegen::import::detect(&text) != codegen::import::Form::Rst {
            return text;
        }
        let find = |anchor: &str| self.0.get(anchor).and_then(|p| std::fs::read_to_string(p).ok());
        codegen::import::read::linked::with_linked_tables(&text, &find)
    }
}

/// The licence of huaweicloudDocs' pages, as spec files name it: text under it stays out of this
/// project's `spec/` (`cargo xtask audit --licence` checks).
pub const NON_COMMERCIAL: &str = "huaweicloudDocs, non-commercial";

#[cfg(test)]
mod tests {
    use super::Manifest;

    #[test]
    fn a_page_in_the_manifest_gets_the_official_operation_and_version_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        let page = dir.path().join("rst/elb/adding_a_thing.rst");
        std::fs::create_dir_all(page.parent().expect("a folder")).expect("folder");
        std::fs::write(&page, "page").expect("page");
        let other = dir.path().join("rst/elb/guide.rst");
        std::fs::write(&other, "page").expect("page");
        let manifest = dir.path().join("manifest.tsv");
        std::fs::write(
            &manifest,
            "page\tmethod\turi\tpackage\toperation\tpath\n\
             rst/elb/adding_a_thing.rst\tPOST\t/v3/things\telb/v3\tCreateThing\t/v3/things\n\
             rst/elb/guide.rst\tGET\t/v3/projects\t-\t-\t-\n",
        )
        .expect("manifest");
        let m = Manifest::read(&manifest).expect("reads");
        let mut model = codegen::import::Page::default();
        m.hint(&page, &mut model);
        assert_eq!(model.operation_hints.first().map(|h| h.name.as_str()), Some("CreateThing"));
        assert_eq!(model.version_hints.first().map(|h| h.name.as_str()), Some("v3"));
        let mut guide = codegen::import::Page::default();
        m.hint(&other, &mut guide);
        assert!(guide.operation_hints.is_empty() && guide.version_hints.is_empty(), "`-` names no operation");
        std::fs::write(&manifest, "header\nrst/elb/adding_a_thing.rst\tPOST\n").expect("manifest");
        let e = Manifest::read(&manifest).expect_err("a short line");
        assert!(e.contains("manifest.tsv:2: expected page"), "{e}");
    }

    #[test]
    fn a_corpus_page_is_named_from_the_corpus_folder_with_its_forms_licence() {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = dir.path().join("corpus");
        for form in ["rst/fz", "zh/fz"] {
            std::fs::create_dir_all(corpus.join(form)).expect("dirs");
            std::fs::write(corpus.join(form).join("p.txt"), "x").expect("page");
        }
        std::fs::write(corpus.join("manifest.tsv"), "page\n").expect("manifest");
        let rst = corpus.join("rst/fz/p.txt");
        let (name, licence) = super::page_source(&rst, "shown");
        assert_eq!((name.as_str(), licence.as_deref()), ("corpus/rst/fz/p.txt", Some("Apache-2.0")));
        let (_, licence) = super::page_source(&corpus.join("zh/fz/p.txt"), "shown");
        assert_eq!(licence.as_deref(), Some(super::NON_COMMERCIAL));
        let elsewhere = dir.path().join("p.txt");
        std::fs::write(&elsewhere, "x").expect("page");
        assert_eq!(super::page_source(&elsewhere, "p.txt"), ("p.txt".to_owned(), None));
    }
}
