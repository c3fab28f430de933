//! Runtime of the generated Huawei Cloud SDK: everything that is the same for every endpoint.
//!
//! Generated code (`huaweicloud-sdk`) calls only what this crate exports, so shared behaviour is
//! written, documented and tested once here instead of being emitted per endpoint:
//!
//! - [`lenient`]: response decoding that tolerates what the service really sends (a number where a
//!   string is documented, a numeric string where a number is, a value of the wrong shape);
//! - [`signer`]: the SDK-HMAC-SHA256 request signer as pure functions, checked against the official
//!   signer's worked examples;
//! - [`error`]: the errors of a call, and service error bodies recognised in every documented
//!   shape;
//! - [`credentials`], [`config`], [`endpoint`]: who calls, how, and where; [`discovery`]: the
//!   project ID of a region, found through IAM when the credentials have none;
//! - [`client`]: the call pipeline (build, validate, sign, send with retries, decode), traced with
//!   `tracing` spans; [`validate`]: the checks of documented constraints; [`paginate`]: every
//!   page of a list operation as one lazy stream;
//! - `mock` (feature `mock`): a mock cloud that serves the generated operations from their specs;
//! - [`examples`]: the checks that every documented example goes through its model.

#![deny(missing_docs)]

pub mod client;
pub mod config;
pub mod credentials;
pub mod discovery;
pub mod endpoint;
pub mod error;
pub mod examples;
pub mod lenient;
#[cfg(feature = "mock")]
pub mod mock;
pub mod paginate;
pub mod signer;
pub mod validate;

pub use client::Client;
pub use config::{Config, ConfigBuilder, RetryPolicy};
pub use credentials::Credentials;
pub use error::{ConfigError, Error, ServiceError, ValidationError};

#[doc(hidden)]
pub use serde as __serde;
