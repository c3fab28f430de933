//! The workspace's integration tests, in one test binary with one module per concern.
//!
//! One binary rather than one per file: each test binary links the whole SDK, so 23 of them took
//! 23 links of 10 to 30 MB after every change to the runtime, and `cargo test` started 23
//! processes. Run one module with `cargo test -p huaweicloud-sdk-tests --test it <module>::`,
//! e.g. `--test it wire::`.
//!
//! The modules share one process: none may install a global tracing subscriber or change the
//! environment, and `load`'s memory bound leaves room for what the others allocate meanwhile.

mod architecture;
mod audit;
mod bounds;
mod conformance;
mod credentials;
mod diagnostics;
mod discovery;
mod examples_cli;
mod faults;
mod features;
mod fuzz;
mod golden;
mod import;
mod import_inference;
mod import_layers;
mod import_layouts;
mod import_sdk;
mod load;
mod mock;
mod models;
mod new_endpoint;
mod official_sdk;
mod openapi;
mod pagination;
mod properties;
mod reported;
mod secrets;
mod server;
mod spec_tree;
mod sync;
mod ui;
mod waiters;
mod wire;
mod wire_breadth;
