//! Reading a spec tree (`codegen::spec::load::read_dir`): every `.yaml` and `.yml` file below the root,
//! at any depth, sorted by path, shown under the display root; a root that is a file or missing is
//! an error rather than an empty API.

use std::path::Path;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a file below the root")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn the_yaml_files_below_the_root_are_read_sorted_by_path() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    write(tmp.path(), "ddm/v1/list_users.yaml", "a");
    write(tmp.path(), "ddm/service.yml", "b");
    write(tmp.path(), "ddm/notes.txt", "not a spec");
    write(tmp.path(), "aaa.yaml", "c");
    let files = codegen::spec::load::read_dir(tmp.path(), "spec/").expect("a readable tree");
    let seen: Vec<(&str, &str, &str)> =
        files.iter().map(|f| (f.rel.as_str(), f.display.as_str(), f.text.as_str())).collect();
    assert_eq!(
        seen,
        [
            ("aaa.yaml", "spec/aaa.yaml", "c"),
            ("ddm/service.yml", "spec/ddm/service.yml", "b"),
            ("ddm/v1/list_users.yaml", "spec/ddm/v1/list_users.yaml", "a"),
        ]
    );
}

#[test]
fn a_root_that_is_a_file_or_missing_is_an_error() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    write(tmp.path(), "page.yaml", "a");
    let file =
        codegen::spec::load::read_dir(&tmp.path().join("page.yaml"), "page.yaml").expect_err("a file is no tree");
    assert_eq!(file.to_string(), "not a directory");
    let missing = codegen::spec::load::read_dir(&tmp.path().join("nowhere"), "nowhere").expect_err("nothing there");
    assert_eq!(missing.kind(), std::io::ErrorKind::NotFound);
}

/// README names each service's version modules (`ecs::v2`, `vpc::{v2, v3}`) so that a newcomer
/// finds an operation's path: the list covers every version of `spec/`.
#[test]
fn the_readme_names_every_version_module_of_the_spec() {
    let root = huaweicloud_sdk_tests::root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let named = |service: &str, version: &str| {
        readme.contains(&format!("`{service}::{version}`"))
            || readme
                .split(&format!("`{service}::{{"))
                .skip(1)
                .any(|rest| rest.split_once("}`").is_some_and(|(list, _)| list.split(", ").any(|v| v == version)))
    };
    let mut missing = Vec::new();
    for service in std::fs::read_dir(root.join("spec")).expect("spec/").flatten() {
        if !service.path().is_dir() {
            continue;
        }
        for version in std::fs::read_dir(service.path()).expect("a service").flatten() {
            if version.path().is_dir() {
                let (s, v) = (service.file_name(), version.file_name());
                let (s, v) = (s.to_string_lossy(), v.to_string_lossy());
                if !named(&s, &v) {
                    missing.push(format!("{s}::{v}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "README.md does not name these version modules: {missing:?}");
}
