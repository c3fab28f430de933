//! Runtime of the generated Huawei Cloud SDK: everything that is the same for every endpoint.
//!
//! What a program that uses the SDK touches is here, re-exported by `huaweicloud_sdk::runtime`:
//!
//! - [`Config`] and [`ConfigBuilder`]: region, endpoints, time bounds (connect, read, attempt,
//!   operation), [`RetryPolicy`] (its docs hold the table of which failures are retried for which
//!   methods), connection caps, proxy, certificates; [`CallOptions`], what one client's calls
//!   change of them (a generated client's `with_options`);
//! - [`Credentials`] ([`credentials`]): AK/SK or an IAM token, with project and domain IDs, from a
//!   [`ProvideCredentials`](credentials::ProvideCredentials) (by default the official chain:
//!   OIDC, environment, profile file, ECS metadata service, CCE pod identity), temporary ones
//!   renewed before they expire, never printed; [`Secret`], which holds them and the passwords of
//!   request models;
//! - [`Error`] and [`ServiceError`] ([`error`]): how a call fails, with status, code, message and
//!   request ID; [`ValidationError`], [`ConfigError`], [`TimeoutKind`] and [`RawBody`];
//!   [`UnknownValueError`], the error of `str::parse` on a value-list enum for a value its page
//!   does not document;
//! - [`client::ResponseMeta`]: status, request ID, headers and raw body of every success
//!   (`response.meta()`), and [`client::Output`], the trait of every success type;
//! - [`paginate::Paginator`]: every item of every page of a list operation (`<operation>_all`);
//! - [`waiter`]: waiting for the work an operation starts (`wait_for_<operation>`), with
//!   [`waiter::WaitOptions`] and [`waiter::WaitError`];
//! - [`discovery`]: how the project ID of a region (and a global service's domain ID) is found when
//!   the credentials have none;
//! - [`signer`]: the SDK-HMAC-SHA256 signer, for requests the generated clients do not make;
//! - the mock cloud, for tests of code that calls the SDK, is the crate `huaweicloud-sdk-mock`
//!   (`huaweicloud_sdk::mock`, feature `mock`), so that this runtime carries no test server.
//!
//! The rest (request building, lenient decoding, constraint checks, endpoint tables) is public only because generated code calls it, and hidden from these docs: it is no
//! promise to programs, and changes with the generator.

#![deny(missing_docs)]

pub mod client;
pub mod config;
pub mod credentials;
pub mod discovery;
#[doc(hidden)]
pub mod endpoint;
pub mod error;
#[doc(hidden)]
pub mod lenient;
#[doc(hidden)]
pub mod operation;
pub mod paginate;
pub mod signer;
#[doc(hidden)]
pub mod validate;
pub mod waiter;

pub use client::Client;
pub use config::{CallOptions, Config, ConfigBuilder, RetryPolicy};
pub use credentials::{Credentials, Secret};
pub use error::{
    ConfigError, Error, RawBody, ServiceError, TimeoutKind, Undocumented, UnknownValueError, ValidationError,
};

#[doc(hidden)]
pub use serde as __serde;
