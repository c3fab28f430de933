//! Where credentials come from: the [`ProvideCredentials`] trait, [`CredentialsChain`], and the
//! sources that read no network (the environment and the profile file).

use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use super::fetch::{IdTokenProvider, MetadataProvider, OidcStsProvider, PodIdentityProvider};
use super::{Credentials, CredentialsError};

/// Temporary credentials are renewed when less than this is left before they expire (the official
/// SDKs' threshold), or less than half their lifetime when that is shorter.
pub const RENEW_BEFORE: Duration = Duration::from_secs(40 * 60);

/// The future of [`ProvideCredentials::provide_credentials`].
pub type ProvideFuture<'a> = Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of [`Credentials`], asked by a [`Config`](crate::Config) for every call.
///
/// The config does not ask it at every call: it keeps what the provider gave, and asks again only
/// when temporary credentials ([`Credentials::expires_at`]) come within [`RENEW_BEFORE`] of their
/// expiry (or half their lifetime), or when a call signed with them was answered 401. One call
/// asks while the others go on with the current credentials when they are still valid, or else
/// wait for its answer (success or error), so that a hundred concurrent calls make one request to
/// the metadata service. When renewing fails while the old credentials are still valid, the
/// config keeps them, logs a warning and asks again a little later.
///
/// [`Credentials`] themselves are a provider (fixed keys), and so is a [`CredentialsChain`]. A
/// program's own source (a vault, a sidecar) implements this trait:
///
/// ```
/// use huaweicloud_sdk_runtime::credentials::{CredentialsError, ProvideCredentials, ProvideFuture};
/// use huaweicloud_sdk_runtime::{Config, Credentials};
///
/// #[derive(Debug)]
/// struct Vault;
///
/// impl ProvideCredentials for Vault {
///     fn provide_credentials(&self) -> ProvideFuture<'_> {
///         Box::pin(async {
///             // Fetch from the vault here; `Unavailable` lets a chain ask its next source.
///             Err(CredentialsError::Unavailable { source_name: "vault".into(), reason: "sealed".into() })
///         })
///     }
/// }
///
/// let config = Config::builder().credentials_provider(Vault).region("cn-north-4").build().unwrap();
/// # let _ = config;
/// ```
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Fetches credentials. [`CredentialsError::Unavailable`] means this source is not set up
    /// where the program runs (a chain asks the next one); any other error stops a chain. Errors
    /// must not hold a secret.
    fn provide_credentials(&self) -> ProvideFuture<'_>;
}

/// Fixed credentials provide themselves.
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        let c = self.clone();
        Box::pin(async move { Ok(c) })
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        (**self).provide_credentials()
    }
}

/// Sources asked in order: the first that has credentials gives them, and renewals ask that source
/// alone (a source failing for a moment does not switch the program to another identity). A
/// source that is not set up ([`CredentialsError::Unavailable`]) passes to the next; a source
/// that is set up but fails stops the chain with its error; when none has any,
/// [`CredentialsError::NoneFound`] lists each source and why.
///
/// ```
/// use huaweicloud_sdk_runtime::credentials::{CredentialsChain, EnvironmentProvider, MetadataProvider};
///
/// // Keys from the environment, else from the ECS instance's agency.
/// let chain = CredentialsChain::new().with(EnvironmentProvider::new()).with(MetadataProvider::new());
/// # let _ = chain;
/// ```
#[derive(Debug, Default)]
pub struct CredentialsChain {
    sources: Vec<Box<dyn ProvideCredentials>>,
    /// The source that gave credentials: renewals ask it alone (as the official chain keeps the
    /// accessor it found), so that a source failing for a moment does not switch the program to
    /// another identity, and sources before it are not asked again.
    chosen: std::sync::Mutex<Option<usize>>,
}

impl CredentialsChain {
    /// An empty chain.
    pub fn new() -> Self {
        CredentialsChain::default()
    }

    /// Adds `source` after the others.
    #[must_use]
    pub fn with(mut self, source: impl ProvideCredentials + 'static) -> Self {
        self.sources.push(Box::new(source));
        self
    }

    /// The official SDKs' default chain (`CredentialProviderChain`), what a config uses when given
    /// no credentials:
    ///
    /// 1. [`OidcStsProvider`]: an OpenID Connect token exchanged at STS for an agency's keys
    ///    (`HUAWEICLOUD_OIDC_PROVIDER_URN`, `HUAWEICLOUD_OIDC_AGENCY_URN`, and
    ///    `HUAWEICLOUD_OIDC_ID_TOKEN` or `HUAWEICLOUD_OIDC_TOKEN_FILE`);
    /// 2. [`EnvironmentProvider`]: `HUAWEICLOUD_SDK_IDP_ID` with `HUAWEICLOUD_SDK_ID_TOKEN_FILE`
    ///    (an identity provider's token exchanged at IAM), else `HUAWEICLOUD_SDK_AK` and
    ///    `HUAWEICLOUD_SDK_SK` (or `CLOUD_SDK_AK` and `CLOUD_SDK_SK`);
    /// 3. [`ProfileProvider`]: `HUAWEICLOUD_SDK_CREDENTIALS_FILE` or `~/.huaweicloud/credentials`;
    /// 4. [`MetadataProvider`]: the ECS instance's agency, through the metadata service
    ///    (`HUAWEICLOUD_SDK_METADATA_ENDPOINT`, by default `http://169.254.169.254`);
    /// 5. [`PodIdentityProvider`]: the CCE pod's identity (`HC_CONTAINER_CREDENTIALS_FULL_URI`
    ///    and `HC_CONTAINER_AUTHORIZATION_TOKEN_FILE`).
    ///
    /// `HUAWEICLOUD_SDK_PROJECT_ID` and `HUAWEICLOUD_SDK_DOMAIN_ID` complete what a source gives
    /// without a project or domain ID.
    pub fn official() -> Self {
        CredentialsChain::new()
            .with(OidcStsProvider::new())
            .with(EnvironmentProvider::new())
            .with(ProfileProvider::new())
            .with(MetadataProvider::new())
            .with(PodIdentityProvider::new())
    }
}

impl ProvideCredentials for CredentialsChain {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
            let fill =
                |c: Credentials| c.fill_from(env("HUAWEICLOUD_SDK_PROJECT_ID"), env("HUAWEICLOUD_SDK_DOMAIN_ID"));
            let chosen = *self.chosen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(source) = chosen.and_then(|i| self.sources.get(i)) {
                return source.provide_credentials().await.map(fill);
            }
            let mut tried = Vec::new();
            for (i, source) in self.sources.iter().enumerate() {
                match source.provide_credentials().await {
                    Ok(c) => {
                        *self.chosen.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(i);
                        return Ok(fill(c));
                    }
                    Err(e) if e.is_unavailable() => tried.push(e),
                    Err(e) => return Err(e),
                }
            }
            Err(CredentialsError::NoneFound { tried })
        })
    }
}

/// A lookup of environment variables: the process's ([`std::env::var`]) unless a test gives its
/// own to a source's `with_lookup`.
pub type EnvLookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// The value of variable `name`, trimmed, when set and not blank: how every source reads one.
pub(crate) fn var(env: &dyn Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    env(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

pub(crate) fn process_env() -> EnvLookup {
    Arc::new(|name: &str| std::env::var(name).ok())
}

/// The environment variables, as the official `EnvCredentialProvider`: `HUAWEICLOUD_SDK_IDP_ID`
/// and `HUAWEICLOUD_SDK_ID_TOKEN_FILE` (an identity provider's OpenID Connect token, exchanged at
/// IAM for temporary keys by [`IdTokenProvider`]), else `HUAWEICLOUD_SDK_AK` and
/// `HUAWEICLOUD_SDK_SK` (then `CLOUD_SDK_AK` and `CLOUD_SDK_SK`, as Huawei's sample code), with
/// `HUAWEICLOUD_SDK_SECURITY_TOKEN`, `HUAWEICLOUD_SDK_PROJECT_ID`, `HUAWEICLOUD_SDK_DOMAIN_ID` and
/// `HUAWEICLOUD_SDK_IAM_ENDPOINT`. Half a pair is an error that stops a chain.
pub struct EnvironmentProvider {
    env: EnvLookup,
    federated: IdTokenProvider,
}

impl fmt::Debug for EnvironmentProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EnvironmentProvider")
    }
}

impl Default for EnvironmentProvider {
    fn default() -> Self {
        EnvironmentProvider::new()
    }
}

impl EnvironmentProvider {
    /// Reads the process's environment at each renewal.
    pub fn new() -> Self {
        EnvironmentProvider::with_lookup(process_env())
    }

    /// Reads variables through `lookup` instead (tests).
    pub fn with_lookup(lookup: EnvLookup) -> Self {
        EnvironmentProvider { federated: IdTokenProvider::with_lookup(Arc::clone(&lookup)), env: lookup }
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            let get = |name: &str| var(&*self.env, name);
            match (get("HUAWEICLOUD_SDK_IDP_ID"), get("HUAWEICLOUD_SDK_ID_TOKEN_FILE")) {
                (Some(idp), Some(file)) => {
                    let iam = get("HUAWEICLOUD_SDK_IAM_ENDPOINT");
                    let c = self.federated.exchange(&idp, &PathBuf::from(file), iam.as_deref(), "environment").await?;
                    return Ok(c.fill_from(get("HUAWEICLOUD_SDK_PROJECT_ID"), get("HUAWEICLOUD_SDK_DOMAIN_ID")));
                }
                (Some(_), None) => {
                    return Err(super::incomplete(
                        "the environment",
                        "HUAWEICLOUD_SDK_IDP_ID",
                        "HUAWEICLOUD_SDK_ID_TOKEN_FILE",
                    ));
                }
                (None, Some(_)) => {
                    return Err(super::incomplete(
                        "the environment",
                        "HUAWEICLOUD_SDK_ID_TOKEN_FILE",
                        "HUAWEICLOUD_SDK_IDP_ID",
                    ));
                }
                (None, None) => {}
            }
            let env = |name: &str| (self.env)(name);
            match Credentials::from_sources(&env, None) {
                Err(CredentialsError::NotFound { .. }) => Err(CredentialsError::Unavailable {
                    source_name: "environment".to_owned(),
                    reason: "neither HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, nor CLOUD_SDK_AK and CLOUD_SDK_SK, \
                             nor HUAWEICLOUD_SDK_IDP_ID and HUAWEICLOUD_SDK_ID_TOKEN_FILE are set"
                        .to_owned(),
                }),
                other => other,
            }
        })
    }
}

/// The profile file, as the official `ProfileCredentialProvider`: `HUAWEICLOUD_SDK_CREDENTIALS_FILE`
/// or `~/.huaweicloud/credentials`, read by [`Credentials::from_profile`] (`[basic]` and
/// `[global]`); `idp_id` and `id_token_file` in `[basic]` exchange an identity provider's token at
/// IAM, as the environment's do. A missing file passes to the next source; a broken one stops the
/// chain (its line number, never its text).
pub struct ProfileProvider {
    env: EnvLookup,
    federated: IdTokenProvider,
}

impl fmt::Debug for ProfileProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ProfileProvider")
    }
}

impl Default for ProfileProvider {
    fn default() -> Self {
        ProfileProvider::new()
    }
}

impl ProfileProvider {
    /// The file named by the process's environment, or the home directory's.
    pub fn new() -> Self {
        ProfileProvider::with_lookup(process_env())
    }

    /// Reads `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, `HOME` and `USERPROFILE` through `lookup` (tests).
    pub fn with_lookup(lookup: EnvLookup) -> Self {
        ProfileProvider { federated: IdTokenProvider::with_lookup(Arc::clone(&lookup)), env: lookup }
    }

    fn path(&self) -> Option<PathBuf> {
        let get = |name: &str| (self.env)(name).filter(|v| !v.trim().is_empty());
        if let Some(file) = get("HUAWEICLOUD_SDK_CREDENTIALS_FILE") {
            return Some(PathBuf::from(file));
        }
        get("HOME").or_else(|| get("USERPROFILE")).map(|h| PathBuf::from(h).join(".huaweicloud").join("credentials"))
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            let Some(path) = self.path() else {
                return Err(CredentialsError::Unavailable {
                    source_name: "profile file".to_owned(),
                    reason: "neither HUAWEICLOUD_SDK_CREDENTIALS_FILE nor a home directory is set".to_owned(),
                });
            };
            let source_name = format!("profile file {}", path.display());
            if !path.exists() {
                return Err(CredentialsError::Unavailable { source_name, reason: "no such file".to_owned() });
            }
            let profile = super::Profile::read(&path)?;
            if let Some(idp) = profile.idp()? {
                let c = self
                    .federated
                    .exchange(&idp.idp_id, &idp.token_file, idp.iam_endpoint.as_deref(), &source_name)
                    .await?;
                return Ok(c.fill_from(idp.project_id, idp.domain_id));
            }
            match profile.credentials() {
                Err(CredentialsError::NotFound { .. }) => Err(CredentialsError::Unavailable {
                    source_name,
                    reason: "neither [basic] nor [global] has ak and sk (or idp_id and id_token_file)".to_owned(),
                }),
                other => other,
            }
        })
    }
}
