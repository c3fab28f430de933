//! Compile-time guarantees of the generated API: the programs in `ui/*.rs` (beside this file)
//! must not compile, each for the one reason its `//!` comment gives, with the compiler message in
//! the `.stderr` beside it; `ui/pass/*.rs` must compile and run. (A service whose Cargo feature is
//! off is checked in the workspace tests, `tests/tests/it/ui.rs`.)
//!
//! The messages are those of the toolchain pinned in `rust-toolchain.toml`. After a toolchain
//! bump or an intended API change, regenerate them with
//! `TRYBUILD=overwrite cargo test -p huaweicloud-sdk-compile-tests`, then read every changed
//! `.stderr`: each must still show the error its case is about, not an unrelated one.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
    t.pass("ui/pass/*.rs");
}
