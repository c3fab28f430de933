//! Every generated response decoder: arbitrary bytes (and, from the seeds, mutated documented
//! examples) give a value or an error, never a panic (as `tests/tests/it/fuzz.rs`, `decode_all`).
//!
//! Input: a response body. Each success type is decoded with serde_json as the client does; each
//! operation's documented error type and the generic `ServiceError` read it for every documented
//! error status.
#![no_main]

use libfuzzer_sys::fuzz_target;

// `decode_all`, generated from spec/ by `cargo xtask codegen`, shared with the proptest target in tests/tests/it/fuzz.rs.
include!("../../../generated/conformance/decode_all.rs");

fuzz_target!(|bytes: &[u8]| decode_all(bytes));
