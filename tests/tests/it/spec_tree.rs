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
