//! Nothing to link: this crate holds the trybuild test `ui.rs` and its cases under `ui/`
//! (`cargo test -p huaweicloud-sdk-compile-tests`).
