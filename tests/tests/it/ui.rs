//! A service whose Cargo feature is off is not in the crate: checked with a crate outside the
//! workspace, because the trybuild cases (`tests/compile/`) build with their crate's dependency
//! features. The test asserts on two lines of the pinned toolchain's message.

use std::path::Path;

use huaweicloud_sdk_tests::{cargo, root};

/// A crate outside the workspace that depends on the SDK with only the `ddm` feature, and has one
/// binary that uses DDM and one that uses DWS.
fn ddm_only_crate(dir: &Path) {
    let sdk = root().join("generated");
    let manifest = format!(
        "[package]\nname = \"ddm-only\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nhuaweicloud-sdk = {{ path = {:?}, default-features = false, features = [\"ddm\"] }}\n\n\
         [workspace]\n\n{}",
        sdk.to_str().expect("a UTF-8 workspace path"),
        huaweicloud_sdk_tests::workspace_profiles()
    );
    std::fs::create_dir_all(dir.join("src/bin")).expect("mkdir");
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("write the manifest");
    // The workspace's lock file, so that `--offline` finds every dependency at the version that
    // is already built.
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy the lock file");
    std::fs::write(
        dir.join("src/bin/uses_ddm.rs"),
        "use huaweicloud_sdk::ddm::v1::{DdmClient, list_users::ListUsersRequest};\n\n\
         fn main() {\n    let _ = (DdmClient::new, ListUsersRequest::new(\"instance-id\"));\n}\n",
    )
    .expect("write uses_ddm");
    std::fs::write(
        dir.join("src/bin/uses_dws.rs"),
        "use huaweicloud_sdk::dws::v2::DwsClient;\n\nfn main() {\n    let _ = DwsClient::new;\n}\n",
    )
    .expect("write uses_dws");
}

#[test]
fn a_service_whose_feature_is_off_is_not_in_the_crate() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    ddm_only_crate(dir.path());
    let manifest = dir.path().join("Cargo.toml");
    let manifest = manifest.to_str().expect("a UTF-8 temp dir");
    let check = |bin: &str| {
        let args = ["check", "--offline", "--quiet", "--color=never", "--manifest-path", manifest, "--bin", bin];
        let output = cargo(&args).output().expect("cargo runs");
        (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
    };

    let (ddm_compiles, stderr) = check("uses_ddm");
    assert!(ddm_compiles, "the service whose feature is on does not compile:\n{stderr}");
    let (dws_compiles, stderr) = check("uses_dws");
    assert!(!dws_compiles, "DWS compiles without its feature");
    assert!(stderr.contains("could not find `dws` in `huaweicloud_sdk`"), "{stderr}");
    // The toolchain also says why, and which feature turns the service on.
    assert!(stderr.contains("the item is gated behind the `dws` feature"), "{stderr}");
}
