//! Project discovery: the project ID of a region, found through IAM when the credentials have none;
//! and domain discovery: the account's domain ID, for the calls of a global service (IAM's
//! `GET /v3/auth/domains`, sent by the runtime itself; see the `domain_id` function's notes in the
//! README's "The client").
//!
//! Project-scoped services (DDM, DWS, ...) put the project ID in their paths and in `X-Project-Id`.
//! When the config has a region but the credentials no project ID, the first call of a client
//! asks IAM for the projects named after the region (`GET /v3/projects?name=<region>`, the
//! official SDKs' behaviour) and uses the one it finds. The result is cached for the process per
//! caller identity (access key, or a hash of the IAM token), region and IAM endpoint; concurrent
//! first calls wait for one IAM request. Failures are not cached: the next call asks again.
//!
//! The IAM call itself is generated code (`huaweicloud_sdk::iam::v3`): this module owns when it
//! happens, where it goes and what is done with its answer, and reaches the generated IAM client
//! through the [`ProjectResolver`] trait, which the generator implements for it. The runtime
//! builds no client for IAM and turns no error into text: the IAM call's error is the
//! [`ConfigError::ProjectDiscovery`]'s source.
//!
//! The IAM endpoint is, in order: the credentials' [`iam_endpoint`](crate::Credentials::iam_endpoint)
//! (also read from `HUAWEICLOUD_SDK_IAM_ENDPOINT` and the profile file by
//! [`Credentials::from_env`](crate::Credentials::from_env)); `HUAWEICLOUD_SDK_IAM_ENDPOINT`; the IAM
//! service's endpoint for the region, resolved like any service's (config endpoints for `iam`,
//! `HUAWEICLOUD_SDK_REGION_IAM_<REGION>`, the documented regions); and for a region IAM does not
//! document, the global endpoint [`GLOBAL_IAM_ENDPOINT`].

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, LazyLock, Mutex};

use reqwest::Url;
use sha2::{Digest, Sha256};
use tokio::sync::OnceCell;

use crate::client::{Client, Operation, PathPart, Request};
use crate::config::Config;
use crate::credentials::{Auth, Credentials};
use crate::endpoint::{ServiceInfo, parse_endpoint, resolve};
use crate::error::{ConfigError, DiscoverySource};

/// The IAM endpoint asked when the region is not one IAM documents (as in the official SDKs).
pub const GLOBAL_IAM_ENDPOINT: &str = "https://iam.myhuaweicloud.com";

/// The environment variable naming the IAM endpoint.
pub const IAM_ENDPOINT_VARIABLE: &str = "HUAWEICLOUD_SDK_IAM_ENDPOINT";

/// The error of a [`ProjectResolver`]'s IAM call, kept whole.
pub type ResolveError = Box<dyn std::error::Error + Send + Sync>;

/// The future of [`ProjectResolver::projects`].
pub type ResolveFuture = Pin<Box<dyn Future<Output = Result<Vec<String>, ResolveError>> + Send>>;

/// Lists the IDs of the projects named after a region. The generated IAM client implements it
/// (for the operation whose spec declares `project_discovery`, IAM `KeystoneListProjects`), and
/// the generated clients of project-scoped services hand it to their runtime client, which calls
/// it when the credentials have no project ID.
pub trait ProjectResolver: Send + Sync + std::fmt::Debug {
    /// The service asked (IAM): its endpoints decide where the call goes.
    fn service(&self) -> &'static ServiceInfo;

    /// The IDs of the projects named `region`, asking the service at `endpoint` with the
    /// credentials and settings of `config`.
    fn projects(&self, config: &Config, endpoint: Url, region: String) -> ResolveFuture;
}

type Key = (String, String, String);

/// Discovered project IDs per (identity, region, IAM endpoint), for the whole process.
static CACHE: LazyLock<Mutex<HashMap<Key, Arc<OnceCell<String>>>>> = LazyLock::new(Default::default);

/// The project ID for calls made with `config`: discovered through `discovery`, or taken from the
/// cache when an earlier call (of any client) discovered it.
pub(crate) async fn project_id(
    config: &Config,
    credentials: &Credentials,
    region: &str,
    resolver: &'static dyn ProjectResolver,
) -> Result<String, ConfigError> {
    let env = |name: &str| std::env::var(name).ok();
    let endpoint = iam_endpoint(config, credentials, region, resolver.service(), &env)?;
    let key = (identity(credentials), region.to_owned(), endpoint.to_string());
    let cell = {
        let mut cache = CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(cache.entry(key).or_default())
    };
    let found = cell
        .get_or_try_init(|| async {
            tracing::debug!(region, iam_endpoint = %endpoint, "discovering the project ID");
            let ids = resolver.projects(config, endpoint.clone(), region.to_owned()).await;
            pick(region, &endpoint, ids)
        })
        .await?;
    Ok(found.clone())
}

/// Domain IDs found per (identity, IAM endpoint), for the whole process.
static DOMAINS: LazyLock<Mutex<HashMap<DomainKey, Arc<OnceCell<String>>>>> = LazyLock::new(Default::default);

/// (identity, IAM endpoint).
type DomainKey = (String, String);

/// The IAM service as domain discovery calls it: at one endpoint chosen by [`domain_id`].
static IAM_FOR_DOMAINS: ServiceInfo = ServiceInfo {
    name: "iam",
    endpoint: GLOBAL_IAM_ENDPOINT,
    regions: &[],
    exceptions: &[],
    error_body: ("error_code", "error_msg"),
    global: false,
};

/// IAM `KeystoneListAuthDomains`: the domains the caller's credentials may access.
static LIST_AUTH_DOMAINS: Operation = Operation {
    name: "KeystoneListAuthDomains",
    method: "GET",
    path: &[PathPart::Text("/v3/auth/domains")],
    errors_in_body: None,
    secret_response: false,
};

/// The domain (account) ID of the caller, for the calls of a global service when the credentials
/// have none: IAM's `GET /v3/auth/domains` (the official `GlobalCredentials`' discovery), at the
/// credentials' IAM endpoint, `HUAWEICLOUD_SDK_IAM_ENDPOINT`, the config's endpoint for `iam`,
/// `HUAWEICLOUD_SDK_REGION_IAM_<REGION>`, or the global endpoint [`GLOBAL_IAM_ENDPOINT`], in
/// that order. Cached for the process per
/// identity and endpoint; failures are not cached.
///
/// Boxed: it sends through a [`Client`], whose calls may come here (for another service).
pub(crate) fn domain_id<'a>(
    config: &'a Config,
    credentials: &'a Credentials,
) -> Pin<Box<dyn Future<Output = Result<String, ConfigError>> + Send + 'a>> {
    Box::pin(discover_domain(config, credentials))
}

async fn discover_domain(config: &Config, credentials: &Credentials) -> Result<String, ConfigError> {
    let env = |name: &str| std::env::var(name).ok();
    let endpoint = match given_iam_endpoint(credentials, &env)? {
        Some(e) => e,
        // The config's endpoint for `iam`, else the region's override variable: IAM's own calls
        // go there too, so a global service's domain is asked where its calls go.
        None => match resolve(&IAM_FOR_DOMAINS, config.region(), config.endpoints("iam"), &env) {
            Ok(mut urls) if !urls.is_empty() => urls.swap_remove(0),
            Ok(_) | Err(ConfigError::UnknownRegion { .. } | ConfigError::NoRegion { .. }) => {
                parse_endpoint(GLOBAL_IAM_ENDPOINT, "the SDK")?
            }
            Err(e) => return Err(e),
        },
    };
    let key = (identity(credentials), endpoint.to_string());
    let cell = {
        let mut cache = DOMAINS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(cache.entry(key).or_default())
    };
    let found = cell
        .get_or_try_init(|| async {
            tracing::debug!(iam_endpoint = %endpoint, "discovering the domain ID");
            let fail = |reason: String| ConfigError::DomainDiscovery { iam_endpoint: endpoint.to_string(), reason };
            let client = Client::with_endpoints(config, &IAM_FOR_DOMAINS, vec![endpoint.clone()]);
            let response = client.send(Request::new(&LIST_AUTH_DOMAINS)).await.map_err(|e| fail(e.to_string()))?;
            if !(200..300).contains(&response.status()) {
                let answer = crate::credentials::excerpt(response.body());
                return Err(fail(format!("IAM answered {}: {answer}", response.status())));
            }
            let body: serde_json::Value =
                serde_json::from_slice(response.body()).map_err(|e| fail(format!("the answer is not JSON ({e})")))?;
            match body.pointer("/domains/0/id").and_then(serde_json::Value::as_str) {
                Some(id) if !id.is_empty() => Ok(id.to_owned()),
                _ => Err(fail("IAM lists no domain for these credentials".to_owned())),
            }
        })
        .await?;
    Ok(found.clone())
}

/// Who is calling, for the discovery caches: the access key, or a hash of the token (the token
/// itself must not sit in a map that outlives it).
fn identity(credentials: &Credentials) -> String {
    match credentials.auth() {
        Auth::AkSk { access_key, .. } => format!("ak:{access_key}"),
        Auth::Token(t) => format!("token:{:x}", Sha256::digest(t.expose().as_bytes())),
    }
}

/// Exactly one project, or why not.
fn pick(region: &str, endpoint: &Url, ids: Result<Vec<String>, ResolveError>) -> Result<String, ConfigError> {
    let fail = |reason: String, source: Option<DiscoverySource>| ConfigError::ProjectDiscovery {
        region: region.to_owned(),
        iam_endpoint: endpoint.to_string(),
        reason,
        source,
    };
    let ids = ids.map_err(|e| {
        let reason = format!("the IAM call failed: {e}");
        fail(reason, Some(DiscoverySource(std::sync::Arc::from(e))))
    })?;
    match ids.as_slice() {
        [one] if !one.is_empty() => Ok(one.clone()),
        [] => Err(fail(format!("IAM lists no project named {region}"), None)),
        [_] => Err(fail(format!("IAM lists a project named {region} without an ID"), None)),
        several => {
            Err(fail(format!("IAM lists {} projects named {region}: {}", several.len(), several.join(", ")), None))
        }
    }
}

/// The IAM endpoint to ask (see the module documentation for the order).
fn iam_endpoint(
    config: &Config,
    credentials: &Credentials,
    region: &str,
    iam: &ServiceInfo,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Url, ConfigError> {
    if let Some(e) = given_iam_endpoint(credentials, env)? {
        return Ok(e);
    }
    match resolve(iam, Some(region), config.endpoints(iam.name), env) {
        Ok(mut urls) if !urls.is_empty() => Ok(urls.swap_remove(0)),
        Ok(_) | Err(ConfigError::UnknownRegion { .. }) => parse_endpoint(GLOBAL_IAM_ENDPOINT, "the SDK"),
        Err(e) => Err(e),
    }
}

/// The IAM endpoint the caller named, first of both discoveries: the credentials', else
/// `HUAWEICLOUD_SDK_IAM_ENDPOINT`.
fn given_iam_endpoint(
    credentials: &Credentials,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Url>, ConfigError> {
    if let Some(e) = credentials.iam_endpoint() {
        return parse_endpoint(e, "the credentials' IAM endpoint").map(Some);
    }
    match env(IAM_ENDPOINT_VARIABLE).filter(|v| !v.trim().is_empty()) {
        Some(e) => parse_endpoint(e.trim(), IAM_ENDPOINT_VARIABLE).map(Some),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static IAM: ServiceInfo = ServiceInfo {
        name: "iam",
        endpoint: "https://iam.{region}.myhuaweicloud.com",
        regions: &["cn-north-4"],
        exceptions: &[],
        error_body: ("error_code", "error_msg"),
        global: false,
    };

    #[test]
    fn iam_endpoint_order() {
        let none = |_: &str| None;
        let config = Config::builder().credentials(Credentials::ak_sk("AK", "SK")).region("cn-north-4").build();
        let config = config.expect("config");
        let c = Credentials::ak_sk("AK", "SK");
        let at = |c: &Credentials, region: &str, env: &dyn Fn(&str) -> Option<String>| {
            iam_endpoint(&config, c, region, &IAM, env).expect("endpoint").to_string()
        };
        assert_eq!(at(&c, "cn-north-4", &none), "https://iam.cn-north-4.myhuaweicloud.com/");
        assert_eq!(at(&c, "cn-south-4", &none), "https://iam.myhuaweicloud.com/", "undocumented region: global");
        let env = |name: &str| (name == IAM_ENDPOINT_VARIABLE).then(|| "http://127.0.0.1:9".to_owned());
        assert_eq!(at(&c, "cn-north-4", &env), "http://127.0.0.1:9/");
        let c = Credentials::ak_sk("AK", "SK").with_iam_endpoint("https://iam.example");
        assert_eq!(at(&c, "cn-north-4", &env), "https://iam.example/", "credentials first");
        let c = Credentials::ak_sk("AK", "SK").with_iam_endpoint("not a url");
        assert!(iam_endpoint(&config, &c, "cn-north-4", &IAM, &none).is_err());
    }

    #[test]
    fn exactly_one_project_is_accepted() {
        let url = Url::parse("https://iam.example").expect("url");
        let ok = |ids: &[&str]| pick("r1", &url, Ok(ids.iter().map(|s| (*s).to_owned()).collect()));
        assert_eq!(ok(&["p1"]).expect("one"), "p1");
        for (ids, needle) in [
            (&[][..], "IAM lists no project named r1"),
            (&["p1", "p2"][..], "IAM lists 2 projects named r1: p1, p2"),
            (&[""][..], "without an ID"),
        ] {
            let text = ok(ids).expect_err("not one").to_string();
            assert!(text.contains(needle) && text.contains("HUAWEICLOUD_SDK_PROJECT_ID"), "{text}");
        }
        let e = pick("r1", &url, Err("HTTP 401".into())).expect_err("failed");
        assert!(e.to_string().contains("the IAM call failed: HTTP 401"), "{e}");
        let source = std::error::Error::source(&e).expect("the IAM error is kept as the source");
        assert_eq!(source.to_string(), "HTTP 401");
    }
}
