//! Credentials: an access key pair (AK/SK, optionally temporary with a security token and an
//! expiry) or an IAM token, plus the project ID that fills `{project_id}` in request paths and the
//! domain (account) ID of global services.
//!
//! A [`Config`](crate::Config) asks a [`ProvideCredentials`] for them: fixed [`Credentials`], or
//! by default the official SDKs' chain ([`CredentialsChain::official`]): an OpenID Connect token
//! exchanged at STS, the environment variables, the profile file, the ECS instance metadata
//! service and the CCE pod identity, in that order. Temporary credentials are kept and renewed
//! before they expire, once for all concurrent calls (see [`ProvideCredentials`]). Secrets are
//! [`Secret`]s: `Debug` never shows them, and no error or log line holds one.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

mod cache;
mod fetch;
mod provider;

pub(crate) use cache::CredentialsCache;
pub(crate) use fetch::excerpt;
pub use fetch::{IdTokenProvider, MetadataProvider, OidcStsProvider, PodIdentityProvider};
pub use provider::{
    CredentialsChain, EnvLookup, EnvironmentProvider, ProfileProvider, ProvideCredentials, ProvideFuture, RENEW_BEFORE,
};

/// A secret string: the secret key, security token and IAM token of the [`Credentials`], and
/// every field of a request model that the spec marks `sensitive` (user and administrator
/// passwords). Its `Debug` output is `<redacted>` and it has no `Display`; the value is reachable
/// only through [`Secret::expose`], and its memory is overwritten with zeros when it is dropped.
///
/// A password goes into a request model as text: `Secret` is `From<String>` and `From<&str>`, and
/// the constructors and setters of sensitive fields take `impl Into<Secret>`. Serializing a
/// `Secret` writes the plain string, since that is how a request body carries the password to
/// the service; the body bytes themselves are an ordinary buffer, not zeroed.
///
/// ```
/// use huaweicloud_sdk_runtime::Secret;
///
/// let password = Secret::from("Pa55word#");
/// assert_eq!(format!("{password:?}"), "<redacted>");
/// assert_eq!(serde_json::to_string(&password).unwrap(), r#""Pa55word#""#);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Box<str>);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        // Copied into a box of its exact size and the given string zeroed, capacity included:
        // `into_boxed_str` would shrink it by reallocating, leaving the old bytes in freed memory.
        let mut given: String = value.into();
        let secret = Secret(Box::from(given.as_str()));
        zeroize::Zeroize::zeroize(&mut given);
        secret
    }

    /// The secret value, for signing or sending. Never log or format it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

/// The plain string: how a request body carries a password.
impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.expose())
    }
}

/// A string, as a sensitive field of a model decodes (the mock cloud and the documented examples
/// read request bodies back into their models).
impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <String as serde::Deserialize>::deserialize(d).map(Secret::from)
    }
}

/// Leniently, as any optional string field: a number or boolean as its text, another shape `None`.
impl crate::lenient::Lenient for Secret {
    const SCALAR: bool = true;
    fn deserialize_lenient<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        Ok(<String as crate::lenient::Lenient>::deserialize_lenient(d)?.map(Secret::from))
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut *self.0);
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// How requests are authenticated.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// SDK-HMAC-SHA256 signatures with an access key pair.
    AkSk {
        /// Access key ID (not secret; it is sent in every `Authorization` header).
        access_key: String,
        /// Secret key.
        secret_key: Secret,
        /// Security token of temporary credentials, sent as `X-Security-Token`.
        security_token: Option<Secret>,
    },
    /// An IAM token sent as `X-Auth-Token`, without a signature.
    Token(Secret),
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::AkSk { access_key, secret_key, security_token } => f
                .debug_struct("AkSk")
                .field("access_key", access_key)
                .field("secret_key", secret_key)
                .field("security_token", security_token)
                .finish(),
            Auth::Token(t) => f.debug_tuple("Token").field(t).finish(),
        }
    }
}

/// Credentials and project ID.
///
/// ```
/// use huaweicloud_sdk_runtime::Credentials;
///
/// let c = Credentials::ak_sk("AK", "SK").with_project_id("0123456789abcdef");
/// assert!(!format!("{c:?}").contains("SK\""));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    auth: Auth,
    project_id: Option<String>,
    domain_id: Option<String>,
    iam_endpoint: Option<String>,
    expires_at: Option<SystemTime>,
}

/// Credentials could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    /// No source had an access key pair.
    #[error(
        "no credentials found: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (or CLOUD_SDK_AK and CLOUD_SDK_SK), \
         or write them to {profile} under [basic] as ak and sk"
    )]
    NotFound {
        /// The profile file that was looked at.
        profile: String,
    },
    /// A source had one key of the pair but not the other.
    #[error("{source_name} sets {present} but not {missing}")]
    Incomplete {
        /// Where the half pair was found.
        source_name: String,
        /// The key that is set.
        present: String,
        /// The key that is missing.
        missing: String,
    },
    /// The profile file exists but cannot be read.
    #[error("cannot read the credentials file {path}: {message}")]
    Profile {
        /// The file.
        path: String,
        /// What went wrong (line number included for syntax errors).
        message: String,
    },
    /// A source is not set up where the program runs (no variables, no file, no metadata service
    /// answering): a [`CredentialsChain`] asks the next source.
    #[error("{source_name}: {reason}")]
    Unavailable {
        /// The source, e.g. `environment` or `ECS metadata service http://169.254.169.254`.
        source_name: String,
        /// Why it has nothing.
        reason: String,
    },
    /// A source that is set up failed (a refused OIDC token, an answer without keys): the chain
    /// stops here rather than fall through to another identity.
    #[error("{source_name}: {message}")]
    Source {
        /// The source.
        source_name: String,
        /// What went wrong, never a secret.
        message: String,
    },
    /// No source of a chain had credentials; each source and why, in the order asked.
    #[error("no credentials found; the sources asked, in order:{}", list(tried))]
    NoneFound {
        /// Each source's error.
        tried: Vec<CredentialsError>,
    },
}

fn list(tried: &[CredentialsError]) -> String {
    tried.iter().map(|e| format!("\n  - {e}")).collect()
}

impl CredentialsError {
    /// Whether the source is simply not set up here (a chain then asks the next one).
    pub fn is_unavailable(&self) -> bool {
        matches!(self, CredentialsError::Unavailable { .. } | CredentialsError::NotFound { .. })
    }
}

impl Credentials {
    /// An access key pair.
    pub fn ak_sk(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credentials {
            auth: Auth::AkSk {
                access_key: access_key.into(),
                secret_key: Secret::new(secret_key),
                security_token: None,
            },
            project_id: None,
            domain_id: None,
            iam_endpoint: None,
            expires_at: None,
        }
    }

    /// An IAM token, sent as `X-Auth-Token`.
    pub fn iam_token(token: impl Into<String>) -> Self {
        Credentials {
            auth: Auth::Token(Secret::new(token)),
            project_id: None,
            domain_id: None,
            iam_endpoint: None,
            expires_at: None,
        }
    }

    /// Sets the domain (account) ID that global services (IAM and the others documented as
    /// global) receive in `X-Domain-Id` and `{domain_id}`; when unset, a client of a global
    /// service discovers it through IAM, as the official `GlobalCredentials` do.
    #[must_use]
    pub fn with_domain_id(mut self, domain_id: impl Into<String>) -> Self {
        self.domain_id = Some(domain_id.into());
        self
    }

    /// The domain (account) ID, when known.
    pub fn domain_id(&self) -> Option<&str> {
        self.domain_id.as_deref()
    }

    /// Marks these credentials temporary, valid until `expires_at`: a config renews them from its
    /// provider before then ([`RENEW_BEFORE`]).
    #[must_use]
    pub fn with_expiry(mut self, expires_at: SystemTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// When temporary credentials expire; `None` for long-term keys and tokens.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// Adds the security token of temporary credentials (ignored for token authentication).
    #[must_use]
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        if let Auth::AkSk { security_token, .. } = &mut self.auth {
            *security_token = Some(Secret::new(token));
        }
        self
    }

    /// Sets the project ID that fills `{project_id}` and `X-Project-Id`.
    #[must_use]
    pub fn with_project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// Sets the IAM endpoint that project discovery asks (see [`crate::discovery`]), e.g.
    /// `https://iam.cn-north-4.myhuaweicloud.com`.
    #[must_use]
    pub fn with_iam_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.iam_endpoint = Some(endpoint.into());
        self
    }

    /// The IAM endpoint for project discovery, when set.
    pub fn iam_endpoint(&self) -> Option<&str> {
        self.iam_endpoint.as_deref()
    }

    /// How requests are authenticated.
    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    /// The project ID, when known.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// The access key ID, for AK/SK credentials.
    pub fn access_key(&self) -> Option<&str> {
        match &self.auth {
            Auth::AkSk { access_key, .. } => Some(access_key),
            Auth::Token(_) => None,
        }
    }

    /// Loads credentials as the official SDKs do: `HUAWEICLOUD_SDK_AK`/`HUAWEICLOUD_SDK_SK`, then
    /// `CLOUD_SDK_AK`/`CLOUD_SDK_SK`, then `~/.huaweicloud/credentials`. The security token,
    /// project ID and IAM endpoint come from `HUAWEICLOUD_SDK_SECURITY_TOKEN`,
    /// `HUAWEICLOUD_SDK_PROJECT_ID` and `HUAWEICLOUD_SDK_IAM_ENDPOINT` (or the profile's
    /// `security_token`, `project_id` and `iam_endpoint`).
    pub fn from_env() -> Result<Self, CredentialsError> {
        let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")).map(PathBuf::from);
        Self::from_sources(&|name| std::env::var(name).ok(), home.as_deref())
    }

    /// [`Credentials::from_env`] with the environment given as a lookup function and the home
    /// directory given explicitly, so that it can be tested without touching the process
    /// environment.
    pub fn from_sources(env: &dyn Fn(&str) -> Option<String>, home: Option<&Path>) -> Result<Self, CredentialsError> {
        let get = |name: &str| provider::var(env, name);
        for (ak_var, sk_var) in [("HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK"), ("CLOUD_SDK_AK", "CLOUD_SDK_SK")] {
            match (get(ak_var), get(sk_var)) {
                (Some(ak), Some(sk)) => {
                    let mut c = Credentials::ak_sk(ak, sk);
                    if let Some(t) = get("HUAWEICLOUD_SDK_SECURITY_TOKEN") {
                        c = c.with_security_token(t);
                    }
                    if let Some(p) = get("HUAWEICLOUD_SDK_PROJECT_ID") {
                        c = c.with_project_id(p);
                    }
                    c.domain_id = get("HUAWEICLOUD_SDK_DOMAIN_ID");
                    c.iam_endpoint = get("HUAWEICLOUD_SDK_IAM_ENDPOINT");
                    return Ok(c);
                }
                (Some(_), None) => return Err(incomplete("the environment", ak_var, sk_var)),
                (None, Some(_)) => return Err(incomplete("the environment", sk_var, ak_var)),
                (None, None) => {}
            }
        }
        let profile = home.map(|h| h.join(".huaweicloud").join("credentials"));
        let shown =
            profile.as_ref().map_or_else(|| "~/.huaweicloud/credentials".to_owned(), |p| p.display().to_string());
        match profile {
            Some(p) if p.exists() => {
                let mut c = Self::from_profile(&p)?;
                if c.project_id.is_none() {
                    c.project_id = get("HUAWEICLOUD_SDK_PROJECT_ID");
                }
                if c.domain_id.is_none() {
                    c.domain_id = get("HUAWEICLOUD_SDK_DOMAIN_ID");
                }
                if c.iam_endpoint.is_none() {
                    c.iam_endpoint = get("HUAWEICLOUD_SDK_IAM_ENDPOINT");
                }
                Ok(c)
            }
            _ => Err(CredentialsError::NotFound { profile: shown }),
        }
    }

    /// Reads a profile file (INI): the keys `ak`, `sk`, `security_token`, `project_id` and
    /// `iam_endpoint` of section `[basic]`, and `domain_id` of section `[global]` (whose `ak`,
    /// `sk` and `security_token` count when `[basic]` has no keys), as the official SDKs'
    /// `BasicCredentials` and `GlobalCredentials` read them.
    pub fn from_profile(path: &Path) -> Result<Self, CredentialsError> {
        Profile::read(path)?.credentials()
    }

    /// Whether these are temporary credentials that need renewal at `now`: less than
    /// [`RENEW_BEFORE`] (40 minutes, the official SDKs' threshold) or half their lifetime
    /// (counted from `fetched`) is left, whichever is shorter, so that keys issued for less than
    /// 40 minutes are not renewed at every call.
    pub(crate) fn needs_renewal(&self, now: SystemTime, fetched: SystemTime) -> bool {
        let Some(expires) = self.expires_at else { return false };
        let life = expires.duration_since(fetched).unwrap_or_default();
        let margin = RENEW_BEFORE.min(life / 2);
        expires.duration_since(now).map_or(true, |left| left < margin)
    }

    /// Whether temporary credentials are past their expiry at `now` (never for long-term ones).
    pub(crate) fn expired(&self, now: SystemTime) -> bool {
        self.expires_at.is_some_and(|e| e <= now)
    }

    /// Fills the project and domain IDs these credentials lack.
    pub(crate) fn fill_from(mut self, project_id: Option<String>, domain_id: Option<String>) -> Self {
        if self.project_id.is_none() {
            self.project_id = project_id;
        }
        if self.domain_id.is_none() {
            self.domain_id = domain_id;
        }
        self
    }

    pub(crate) fn set_iam_endpoint(&mut self, endpoint: Option<String>) {
        if endpoint.is_some() {
            self.iam_endpoint = endpoint;
        }
    }
}

/// An identity provider named in a profile file, with the settings the exchanged keys take.
struct ProfileIdp {
    idp_id: String,
    token_file: PathBuf,
    iam_endpoint: Option<String>,
    project_id: Option<String>,
    domain_id: Option<String>,
}

/// A profile file, read and parsed once: what [`Credentials::from_profile`] and the
/// [`ProfileProvider`] take from it.
struct Profile {
    shown: String,
    entries: Vec<Entry>,
}

impl Profile {
    fn read(path: &Path) -> Result<Self, CredentialsError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| CredentialsError::Profile { path: shown.clone(), message: e.to_string() })?;
        let entries = parse_sections(&text).map_err(|(line, message)| CredentialsError::Profile {
            path: shown.clone(),
            message: format!("line {line}: {message}"),
        })?;
        Ok(Profile { shown, entries })
    }

    /// The first value of `key` in `section`, unless empty.
    fn get(&self, section: &str, key: &str) -> Option<String> {
        self.entries
            .iter()
            .find(|(s, k, _)| s == section && k == key)
            .map(|(_, _, v)| v.clone())
            .filter(|v| !v.is_empty())
    }

    /// The keys of `[basic]` (or `[global]` when `[basic]` has none), `[basic]`'s `project_id` and
    /// the `domain_id` of `[global]` (or `[basic]`).
    fn credentials(&self) -> Result<Credentials, CredentialsError> {
        let keys = |section: &str| -> Result<Option<Credentials>, CredentialsError> {
            let source_name = format!("{} [{section}]", self.shown);
            let mut c = match (self.get(section, "ak"), self.get(section, "sk")) {
                (Some(ak), Some(sk)) => Credentials::ak_sk(ak, sk),
                (Some(_), None) => return Err(incomplete(&source_name, "ak", "sk")),
                (None, Some(_)) => return Err(incomplete(&source_name, "sk", "ak")),
                (None, None) => return Ok(None),
            };
            if let Some(t) = self.get(section, "security_token") {
                c = c.with_security_token(t);
            }
            c.iam_endpoint = self.get(section, "iam_endpoint");
            Ok(Some(c))
        };
        let mut c = match (keys("basic")?, keys("global")?) {
            (Some(c), _) | (None, Some(c)) => c,
            (None, None) => return Err(CredentialsError::NotFound { profile: self.shown.clone() }),
        };
        c.project_id = self.get("basic", "project_id");
        c.domain_id = self.get("global", "domain_id").or_else(|| self.get("basic", "domain_id"));
        Ok(c)
    }

    /// The `idp_id` and `id_token_file` of `[basic]` (or `[global]`), when both are set, with the
    /// section's `iam_endpoint` and the file's `project_id` and `domain_id`; one of the pair
    /// without the other is an error.
    fn idp(&self) -> Result<Option<ProfileIdp>, CredentialsError> {
        let any = |key: &str| self.get("basic", key).or_else(|| self.get("global", key));
        for section in ["basic", "global"] {
            let source_name = || format!("{} [{section}]", self.shown);
            match (self.get(section, "idp_id"), self.get(section, "id_token_file")) {
                (Some(idp_id), Some(file)) => {
                    return Ok(Some(ProfileIdp {
                        idp_id,
                        token_file: PathBuf::from(file),
                        iam_endpoint: self.get(section, "iam_endpoint"),
                        project_id: any("project_id"),
                        domain_id: any("domain_id"),
                    }));
                }
                (Some(_), None) => return Err(incomplete(&source_name(), "idp_id", "id_token_file")),
                (None, Some(_)) => return Err(incomplete(&source_name(), "id_token_file", "idp_id")),
                (None, None) => {}
            }
        }
        Ok(None)
    }
}

fn incomplete(source_name: &str, present: &str, missing: &str) -> CredentialsError {
    CredentialsError::Incomplete {
        source_name: source_name.to_owned(),
        present: present.to_owned(),
        missing: missing.to_owned(),
    }
}

/// A `(section, key, value)` of an INI file.
type Entry = (String, String, String);

/// The `(section, key, value)` triples of an INI file, keys lower-cased; errors carry a 1-based
/// line number and never the line's text (it may hold a secret).
fn parse_sections(text: &str) -> Result<Vec<Entry>, (usize, String)> {
    let mut section = String::new();
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let Some(name) = rest.strip_suffix(']') else {
                return Err((i + 1, "section header without a closing `]`".to_owned()));
            };
            section = name.trim().to_owned();
            continue;
        }
        let Some((k, v)) = line.split_once('=').or_else(|| line.split_once(':')) else {
            return Err((i + 1, "expected `key = value`".to_owned()));
        };
        out.push((section.clone(), k.trim().to_ascii_lowercase(), v.trim().to_owned()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn official_variables_win_over_sample_code_variables() {
        let c = Credentials::from_sources(
            &env(&[
                ("HUAWEICLOUD_SDK_AK", "AK1"),
                ("HUAWEICLOUD_SDK_SK", "SK1"),
                ("CLOUD_SDK_AK", "AK2"),
                ("CLOUD_SDK_SK", "SK2"),
                ("HUAWEICLOUD_SDK_PROJECT_ID", "p1"),
                ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "tok"),
                ("HUAWEICLOUD_SDK_IAM_ENDPOINT", "https://iam.example"),
            ]),
            None,
        );
        let c = c.expect("credentials");
        assert_eq!(c.access_key(), Some("AK1"));
        assert_eq!(c.project_id(), Some("p1"));
        assert_eq!(c.iam_endpoint(), Some("https://iam.example"));
        let Auth::AkSk { secret_key, security_token, .. } = c.auth() else { panic!("AK/SK expected") };
        assert_eq!(secret_key.expose(), "SK1");
        assert_eq!(security_token.as_ref().map(Secret::expose), Some("tok"));
    }

    #[test]
    fn a_secret_serializes_and_decodes_as_its_plain_string_and_debug_stays_redacted() {
        let secret = Secret::from("Pa55word#");
        assert_eq!(serde_json::to_string(&secret).expect("encodes"), r#""Pa55word#""#);
        let back: Secret = serde_json::from_str(r#""Pa55word#""#).expect("decodes");
        assert_eq!(back, secret);
        assert!(serde_json::from_str::<Secret>("42").is_err(), "strict decoding takes a string only");
        let lenient = |json: &str| {
            crate::lenient::Lenient::deserialize_lenient(&mut serde_json::Deserializer::from_str(json)).expect("JSON")
        };
        assert_eq!(lenient("42"), Some(Secret::from("42".to_owned())));
        assert_eq!(lenient("{}"), None::<Secret>);
        assert_eq!(format!("{:?}", Some(&back)), "Some(<redacted>)");
    }

    #[test]
    fn sample_code_variables_are_read() {
        let c = Credentials::from_sources(&env(&[("CLOUD_SDK_AK", "AK2"), ("CLOUD_SDK_SK", "SK2")]), None);
        assert_eq!(c.expect("credentials").access_key(), Some("AK2"));
    }

    #[test]
    fn half_a_pair_is_a_clear_error() {
        let e = Credentials::from_sources(&env(&[("HUAWEICLOUD_SDK_AK", "AK1")]), None).expect_err("incomplete");
        assert_eq!(e.to_string(), "the environment sets HUAWEICLOUD_SDK_AK but not HUAWEICLOUD_SDK_SK");
    }

    #[test]
    fn nothing_anywhere_names_every_source() {
        let e = Credentials::from_sources(&env(&[]), Some(Path::new("/nonexistent-home"))).expect_err("none");
        let text = e.to_string();
        for needle in ["HUAWEICLOUD_SDK_AK", "CLOUD_SDK_AK", "/nonexistent-home/.huaweicloud/credentials"] {
            assert!(text.contains(needle), "{text}");
        }
    }

    #[test]
    fn profile_file_basic_section() {
        let dir = std::env::temp_dir().join(format!("hwc-cred-test-{}", std::process::id()));
        let file = dir.join(".huaweicloud").join("credentials");
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        std::fs::write(
            &file,
            "# comment\n[other]\nak = nope\n[basic]\nak = PAK\nsk = PSK\nsecurity_token = PTOK\nproject_id = pp\niam_endpoint = https://iam.p\n",
        )
        .expect("write");
        let c = Credentials::from_sources(&env(&[]), Some(&dir)).expect("profile");
        assert_eq!(
            (c.access_key(), c.project_id(), c.iam_endpoint()),
            (Some("PAK"), Some("pp"), Some("https://iam.p"))
        );
        std::fs::write(&file, "[basic]\nak = PAK\nthis line is broken PSK\n").expect("write");
        let e = Credentials::from_sources(&env(&[]), Some(&dir)).expect_err("broken");
        assert!(e.to_string().ends_with("line 3: expected `key = value`"), "{e}");
        assert!(!e.to_string().contains("PSK"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn debug_never_shows_secrets() {
        let c = Credentials::ak_sk("AKID", "the-secret").with_security_token("the-token").with_project_id("p");
        let t = Credentials::iam_token("iam-token-value");
        let shown = format!("{c:?} {c:#?} {t:?}");
        for secret in ["the-secret", "the-token", "iam-token-value"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("AKID"), "{shown}");
    }
}
