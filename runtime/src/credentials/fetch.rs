//! The sources that fetch temporary credentials over the network: the ECS instance metadata
//! service, the CCE pod identity, an identity provider's token exchanged at IAM, and an OpenID
//! Connect token exchanged at STS. Each answers with the same JSON shape (`credential` holding
//! `access`, `secret`, `securitytoken` and `expires_at`), read by [`temporary`].

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};

use super::provider::{EnvLookup, ProvideCredentials, ProvideFuture, process_env, var};
use super::{Credentials, CredentialsError};

/// The metadata service of an ECS instance, as the official `MetadataAccessor` calls it.
pub const DEFAULT_METADATA_ENDPOINT: &str = "http://169.254.169.254";
/// The variable that points the metadata source elsewhere (a test's local server).
pub const METADATA_ENDPOINT_VARIABLE: &str = "HUAWEICLOUD_SDK_METADATA_ENDPOINT";
/// The IAM endpoint an identity provider's token is exchanged at when none is set.
const DEFAULT_IAM_ENDPOINT: &str = "https://iam.myhuaweicloud.com";
/// The STS endpoint an OpenID Connect token is exchanged at when none is set (the official one).
const DEFAULT_STS_ENDPOINT: &str = "https://sts.cn-north-4.myhuaweicloud.com";
/// How long the metadata service's session token is asked for (the official 6 hours).
const SESSION_TTL_SECONDS: u32 = 6 * 60 * 60;
/// How long keys exchanged for an identity provider's token are asked for (the official 6 hours).
const FEDERATED_DURATION_SECONDS: u32 = 6 * 60 * 60;
/// The metadata service's answer when the instance has no agency.
const NO_AGENCY: &str = "Please configure Cloud Service Agency first";

/// One HTTP client per source, made at its first request: short timeouts (a source that does not
/// answer must not hold a call for long), and for the link-local services, no proxy.
#[derive(Default)]
struct Http(OnceLock<Result<reqwest::Client, String>>);

impl Http {
    fn get(&self, direct: bool, source_name: &str) -> Result<&reqwest::Client, CredentialsError> {
        let made = self.0.get_or_init(|| {
            let mut b = reqwest::Client::builder()
                .connect_timeout(Duration::from_secs(2))
                .timeout(Duration::from_secs(5))
                .redirect(reqwest::redirect::Policy::none())
                .user_agent(concat!("huaweicloud-sdk-rust/", env!("CARGO_PKG_VERSION")));
            if direct {
                b = b.no_proxy();
            }
            b.build().map_err(|e| e.to_string())
        });
        made.as_ref().map_err(|e| CredentialsError::Source {
            source_name: source_name.to_owned(),
            message: format!("cannot make an HTTP client: {e}"),
        })
    }
}

/// What a source's HTTP request brought back.
struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

/// The most a credentials source's answer, or a token file, may hold: they are a few hundred
/// bytes, and a source that sends more is not one.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// Sends `request`; a request that got no answer is `Err` with its cause (no secret: reqwest's
/// errors name the URL, which holds none here).
async fn send(request: reqwest::RequestBuilder) -> Result<Answer, String> {
    let mut response = request.send().await.map_err(|e| cause(&e))?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| cause(&e))? {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_ANSWER_BYTES {
            return Err(format!("the answer is longer than {MAX_ANSWER_BYTES} bytes"));
        }
    }
    Ok(Answer { status, headers, body })
}

fn cause(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text = format!("{text}: {s}");
        source = s.source();
    }
    text
}

/// The start of an error answer, for an error message (status and code; bodies of these
/// services' errors hold no secret, and at most 200 characters are kept). Domain discovery
/// reports IAM's refusals with it too.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    let cut: String = text.chars().take(200).collect();
    if cut.len() < text.len() { format!("{cut}...") } else { cut }
}

/// Reads temporary credentials from an answer: `credential` or `credentials` (or the top level)
/// with `access`/`accessKeyId`/`access_key_id`, `secret`/`secretAccessKey`/`secret_access_key`,
/// `securitytoken`/`securityToken`/`security_token` and `expires_at`/`expiration` (RFC 3339), as
/// the official `StsAccessor` reads them. The error names what is missing, never a value.
pub(crate) fn temporary(body: &[u8], source_name: &str) -> Result<Credentials, CredentialsError> {
    let fail = |message: String| CredentialsError::Source { source_name: source_name.to_owned(), message };
    let value: Value = serde_json::from_slice(body).map_err(|e| fail(format!("the answer is not JSON ({e})")))?;
    let map = value.get("credential").or_else(|| value.get("credentials")).unwrap_or(&value);
    let field = |names: &[&str]| {
        names.iter().find_map(|n| map.get(*n).and_then(Value::as_str)).map(str::trim).filter(|v| !v.is_empty())
    };
    let (Some(access), Some(secret)) = (
        field(&["access", "accessKeyId", "access_key_id"]),
        field(&["secret", "secretAccessKey", "secret_access_key"]),
    ) else {
        return Err(fail(
            "the answer has no access key and secret key (`credential.access`, `credential.secret`)".into(),
        ));
    };
    let mut c = Credentials::ak_sk(access, secret);
    if let Some(token) = field(&["securitytoken", "securityToken", "security_token"]) {
        c = c.with_security_token(token);
    }
    let Some(expires) = field(&["expires_at", "expiration"]) else {
        return Err(fail("the answer has no expiry (`credential.expires_at`)".into()));
    };
    let at = time::OffsetDateTime::parse(expires, &time::format_description::well_known::Rfc3339)
        .map_err(|e| fail(format!("the expiry `{expires}` is not an RFC 3339 time ({e})")))?;
    Ok(c.with_expiry(SystemTime::from(at)))
}

/// Reads a token file, trimmed; its content never reaches an error.
fn read_token(path: &Path, source_name: &str) -> Result<String, CredentialsError> {
    let fail = |message: String| CredentialsError::Source { source_name: source_name.to_owned(), message };
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut std::io::Read::take(
            std::fs::File::open(path).map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?,
            MAX_ANSWER_BYTES as u64 + 1,
        ),
        &mut text,
    )
    .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
    if text.len() > MAX_ANSWER_BYTES {
        return Err(fail(format!("{} is longer than {MAX_ANSWER_BYTES} bytes", path.display())));
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(fail(format!("{} is empty", path.display())));
    }
    Ok(text.to_owned())
}

fn endpoint(env: &EnvLookup, variable: &str, default: &str) -> String {
    var(&**env, variable).unwrap_or_else(|| default.to_owned())
}

/// The ECS instance metadata service, for an instance with an agency: `PUT
/// /meta-data/latest/api/token` for a session token (kept for 6 hours; a service that does not
/// offer one is asked without), then `GET /openstack/latest/securitykey` with
/// `X-Metadata-Token`, as the official `MetadataAccessor`. The service is
/// `HUAWEICLOUD_SDK_METADATA_ENDPOINT` (for tests: the mock cloud plays it), by default
/// `http://169.254.169.254`, reached without a proxy. No answer, or an instance without an agency,
/// passes to the next source of a chain.
pub struct MetadataProvider {
    endpoint: Option<String>,
    project_id: Option<String>,
    domain_id: Option<String>,
    env: EnvLookup,
    session: tokio::sync::Mutex<Option<String>>,
    http: Http,
}

impl fmt::Debug for MetadataProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MetadataProvider").field("endpoint", &self.endpoint).finish_non_exhaustive()
    }
}

impl Default for MetadataProvider {
    fn default() -> Self {
        MetadataProvider::new()
    }
}

impl MetadataProvider {
    /// The service at `HUAWEICLOUD_SDK_METADATA_ENDPOINT`, or `http://169.254.169.254`.
    pub fn new() -> Self {
        MetadataProvider {
            endpoint: None,
            project_id: None,
            domain_id: None,
            env: process_env(),
            session: tokio::sync::Mutex::default(),
            http: Http::default(),
        }
    }

    /// The service at `endpoint` (`http://host:port`), whatever the environment says.
    #[must_use]
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Gives the credentials this project ID (the instance's keys carry none; without it, a
    /// client discovers it through IAM or reads `HUAWEICLOUD_SDK_PROJECT_ID` in a chain).
    #[must_use]
    pub fn with_project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// Gives the credentials this domain (account) ID, for global services.
    #[must_use]
    pub fn with_domain_id(mut self, domain_id: impl Into<String>) -> Self {
        self.domain_id = Some(domain_id.into());
        self
    }

    fn base(&self) -> String {
        let base = self
            .endpoint
            .clone()
            .unwrap_or_else(|| endpoint(&self.env, METADATA_ENDPOINT_VARIABLE, DEFAULT_METADATA_ENDPOINT));
        base.trim_end_matches('/').to_owned()
    }

    /// A new session token; `None` when the service offers none (404, 405, 503).
    async fn session_token(
        &self,
        http: &reqwest::Client,
        base: &str,
        source_name: &str,
    ) -> Result<Option<String>, CredentialsError> {
        let request = http
            .put(format!("{base}/meta-data/latest/api/token"))
            .header("X-Metadata-Token-Ttl-Seconds", SESSION_TTL_SECONDS.to_string());
        let answer = send(request).await.map_err(|reason| CredentialsError::Unavailable {
            source_name: source_name.to_owned(),
            reason: format!("no answer ({reason})"),
        })?;
        match answer.status {
            200..=299 => Ok(Some(String::from_utf8_lossy(&answer.body).trim().to_owned())),
            404 | 405 | 503 => Ok(None),
            // The body is left out: it could be a token.
            status => Err(CredentialsError::Unavailable {
                source_name: source_name.to_owned(),
                reason: format!("the session token request was answered {status}"),
            }),
        }
    }
}

impl ProvideCredentials for MetadataProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            let base = self.base();
            let source_name = format!("ECS metadata service {base}");
            let http = self.http.get(true, &source_name)?;
            let mut session = self.session.lock().await;
            if session.is_none() {
                *session = self.session_token(http, &base, &source_name).await?;
            }
            let url = format!("{base}/openstack/latest/securitykey");
            let ask = |token: Option<&String>| {
                let mut request = http.get(&url);
                if let Some(t) = token {
                    request = request.header("X-Metadata-Token", t.as_str());
                }
                send(request)
            };
            let unavailable =
                |reason: String| CredentialsError::Unavailable { source_name: source_name.clone(), reason };
            let mut answer = ask(session.as_ref()).await.map_err(|e| unavailable(format!("no answer ({e})")))?;
            if answer.status == 401 && !String::from_utf8_lossy(&answer.body).contains(NO_AGENCY) {
                // The session token expired or was refused: a new one, once.
                *session = self.session_token(http, &base, &source_name).await?;
                answer = ask(session.as_ref()).await.map_err(|e| unavailable(format!("no answer ({e})")))?;
            }
            if String::from_utf8_lossy(&answer.body).contains(NO_AGENCY) {
                return Err(unavailable("the instance has no agency (the console's Cloud Service Agency)".to_owned()));
            }
            if answer.status >= 400 {
                return Err(unavailable(format!("answered {}: {}", answer.status, excerpt(&answer.body))));
            }
            let c = temporary(&answer.body, &source_name)?;
            Ok(c.fill_from(self.project_id.clone(), self.domain_id.clone()))
        })
    }
}

/// The identity of a CCE pod: `POST` to `HC_CONTAINER_CREDENTIALS_FULL_URI` with the content of
/// `HC_CONTAINER_AUTHORIZATION_TOKEN_FILE` in `Authorization`, as the official
/// `PodIdentityAccessor`. Neither variable set passes to the next source; one without the other
/// stops a chain.
pub struct PodIdentityProvider {
    env: EnvLookup,
    http: Http,
}

impl fmt::Debug for PodIdentityProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PodIdentityProvider")
    }
}

impl Default for PodIdentityProvider {
    fn default() -> Self {
        PodIdentityProvider::new()
    }
}

impl PodIdentityProvider {
    /// Reads the two variables from the process's environment at each renewal.
    pub fn new() -> Self {
        PodIdentityProvider::with_lookup(process_env())
    }

    /// Reads them through `lookup` instead (tests).
    pub fn with_lookup(lookup: EnvLookup) -> Self {
        PodIdentityProvider { env: lookup, http: Http::default() }
    }
}

impl ProvideCredentials for PodIdentityProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            const URI: &str = "HC_CONTAINER_CREDENTIALS_FULL_URI";
            const FILE: &str = "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE";
            let get = |name: &str| var(&*self.env, name);
            let (uri, file) = match (get(URI), get(FILE)) {
                (Some(uri), Some(file)) => (uri, file),
                (None, None) => {
                    return Err(CredentialsError::Unavailable {
                        source_name: "CCE pod identity".to_owned(),
                        reason: format!("{URI} and {FILE} are not set"),
                    });
                }
                (Some(_), None) => return Err(super::incomplete("the environment", URI, FILE)),
                (None, Some(_)) => return Err(super::incomplete("the environment", FILE, URI)),
            };
            let source_name = format!("CCE pod identity {uri}");
            let token = read_token(Path::new(&file), &source_name)?;
            let http = self.http.get(true, &source_name)?;
            let request =
                http.post(&uri).header("Authorization", token).header("Content-Type", "application/json").body("{}");
            let fail = |message: String| CredentialsError::Source { source_name: source_name.clone(), message };
            let answer = send(request).await.map_err(|e| fail(format!("no answer ({e})")))?;
            if answer.status >= 400 {
                return Err(fail(format!("answered {}: {}", answer.status, excerpt(&answer.body))));
            }
            temporary(&answer.body, &source_name)
        })
    }
}

/// An identity provider's OpenID Connect token exchanged at IAM for temporary keys, as the official
/// `FederalAccessor`: `POST /v3.0/OS-AUTH/id-token/tokens` with `X-Idp-Id` gives an unscoped
/// token (`X-Subject-Token`), then `POST /v3.0/OS-CREDENTIAL/securitytokens` turns it into keys
/// valid 6 hours. The token file is read again at each renewal (CI systems rotate it). IAM is
/// `HUAWEICLOUD_SDK_IAM_ENDPOINT`, by default `https://iam.myhuaweicloud.com`. Used by
/// [`EnvironmentProvider`](super::EnvironmentProvider) and
/// [`ProfileProvider`](super::ProfileProvider) when they find `idp_id` and `id_token_file`.
pub struct IdTokenProvider {
    idp_id: Option<String>,
    token_file: Option<PathBuf>,
    iam_endpoint: Option<String>,
    env: EnvLookup,
    http: Http,
}

impl fmt::Debug for IdTokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdTokenProvider")
            .field("idp_id", &self.idp_id)
            .field("token_file", &self.token_file)
            .field("iam_endpoint", &self.iam_endpoint)
            .finish_non_exhaustive()
    }
}

impl IdTokenProvider {
    /// Exchanges the token in `token_file` issued by identity provider `idp_id`.
    pub fn new(idp_id: impl Into<String>, token_file: impl Into<PathBuf>) -> Self {
        IdTokenProvider {
            idp_id: Some(idp_id.into()),
            token_file: Some(token_file.into()),
            ..Self::with_lookup(process_env())
        }
    }

    /// Exchanges it at `endpoint` (`https://iam.<region>.myhuaweicloud.com`, or a local server).
    #[must_use]
    pub fn iam_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.iam_endpoint = Some(endpoint.into());
        self
    }

    pub(crate) fn with_lookup(env: EnvLookup) -> Self {
        IdTokenProvider { idp_id: None, token_file: None, iam_endpoint: None, env, http: Http::default() }
    }

    /// Exchanges the token at `iam` (else this provider's endpoint, `HUAWEICLOUD_SDK_IAM_ENDPOINT`,
    /// the default), for a source named `origin`.
    pub(crate) async fn exchange(
        &self,
        idp_id: &str,
        token_file: &Path,
        iam: Option<&str>,
        origin: &str,
    ) -> Result<Credentials, CredentialsError> {
        let iam = iam
            .map(str::to_owned)
            .or_else(|| self.iam_endpoint.clone())
            .unwrap_or_else(|| endpoint(&self.env, crate::discovery::IAM_ENDPOINT_VARIABLE, DEFAULT_IAM_ENDPOINT));
        let iam = iam.trim_end_matches('/');
        let source_name = format!("identity provider {idp_id} ({origin}) at IAM {iam}");
        let fail = |message: String| CredentialsError::Source { source_name: source_name.clone(), message };
        let id_token = read_token(token_file, &source_name)?;
        let http = self.http.get(false, &source_name)?;
        let request = http
            .post(format!("{iam}/v3.0/OS-AUTH/id-token/tokens"))
            .header("X-Idp-Id", idp_id)
            .header("Content-Type", "application/json;charset=UTF-8")
            .body(json!({"auth": {"id_token": {"id": id_token}}}).to_string());
        let answer = send(request).await.map_err(|e| fail(format!("no answer ({e})")))?;
        if answer.status >= 400 {
            return Err(fail(format!("the token was refused ({}): {}", answer.status, excerpt(&answer.body))));
        }
        let Some(subject) = answer.headers.get("X-Subject-Token").and_then(|v| v.to_str().ok()) else {
            return Err(fail("the token exchange answered without X-Subject-Token".to_owned()));
        };
        let body = json!({"auth": {"identity": {"methods": ["token"], "token": {"id": subject, "duration_seconds": FEDERATED_DURATION_SECONDS}}}});
        let request = http
            .post(format!("{iam}/v3.0/OS-CREDENTIAL/securitytokens"))
            .header("Content-Type", "application/json;charset=UTF-8")
            .body(body.to_string());
        let answer = send(request).await.map_err(|e| fail(format!("no answer ({e})")))?;
        if answer.status >= 400 {
            return Err(fail(format!("temporary keys were refused ({}): {}", answer.status, excerpt(&answer.body))));
        }
        let mut c = temporary(&answer.body, &source_name)?;
        c.set_iam_endpoint(Some(iam.to_owned()));
        Ok(c)
    }
}

impl ProvideCredentials for IdTokenProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            match (&self.idp_id, &self.token_file) {
                (Some(idp), Some(file)) => self.exchange(idp, file, None, "configured").await,
                _ => Err(CredentialsError::Unavailable {
                    source_name: "identity provider".to_owned(),
                    reason: "no identity provider ID and token file".to_owned(),
                }),
            }
        })
    }
}

/// An OpenID Connect token exchanged at STS for an agency's temporary keys (`POST
/// /v5/agencies/assume-with-oidc`), as the official `OidcStsCredentialProvider`, from
/// `HUAWEICLOUD_OIDC_PROVIDER_URN`, `HUAWEICLOUD_OIDC_AGENCY_URN`, `HUAWEICLOUD_OIDC_ID_TOKEN` or
/// `HUAWEICLOUD_OIDC_TOKEN_FILE`, `HUAWEICLOUD_OIDC_SESSION_NAME` (default `oidc-sts-session`),
/// `HUAWEICLOUD_OIDC_DURATION_SECONDS` (default 3600), `HUAWEICLOUD_OIDC_POLICY` and
/// `HUAWEICLOUD_OIDC_POLICY_IDS` (comma-separated). STS is `HUAWEICLOUD_SDK_STS_ENDPOINT`, by
/// default `https://sts.cn-north-4.myhuaweicloud.com`. Without the two URNs it passes to the next
/// source.
pub struct OidcStsProvider {
    env: EnvLookup,
    http: Http,
}

impl fmt::Debug for OidcStsProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OidcStsProvider")
    }
}

impl Default for OidcStsProvider {
    fn default() -> Self {
        OidcStsProvider::new()
    }
}

impl OidcStsProvider {
    /// Reads the variables from the process's environment at each renewal.
    pub fn new() -> Self {
        OidcStsProvider::with_lookup(process_env())
    }

    /// Reads them through `lookup` instead (tests).
    pub fn with_lookup(lookup: EnvLookup) -> Self {
        OidcStsProvider { env: lookup, http: Http::default() }
    }
}

impl ProvideCredentials for OidcStsProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            const PROVIDER: &str = "HUAWEICLOUD_OIDC_PROVIDER_URN";
            const AGENCY: &str = "HUAWEICLOUD_OIDC_AGENCY_URN";
            let get = |name: &str| var(&*self.env, name);
            let (provider, agency) = match (get(PROVIDER), get(AGENCY)) {
                (Some(p), Some(a)) => (p, a),
                (None, None) => {
                    return Err(CredentialsError::Unavailable {
                        source_name: "OIDC at STS".to_owned(),
                        reason: format!("{PROVIDER} and {AGENCY} are not set"),
                    });
                }
                (Some(_), None) => return Err(super::incomplete("the environment", PROVIDER, AGENCY)),
                (None, Some(_)) => return Err(super::incomplete("the environment", AGENCY, PROVIDER)),
            };
            let sts = endpoint(&self.env, "HUAWEICLOUD_SDK_STS_ENDPOINT", DEFAULT_STS_ENDPOINT);
            let sts = sts.trim_end_matches('/');
            let source_name = format!("OIDC at STS {sts}");
            let fail = |message: String| CredentialsError::Source { source_name: source_name.clone(), message };
            let id_token = match (get("HUAWEICLOUD_OIDC_ID_TOKEN"), get("HUAWEICLOUD_OIDC_TOKEN_FILE")) {
                (Some(token), _) => token,
                (None, Some(file)) => read_token(Path::new(&file), &source_name)?,
                (None, None) => {
                    return Err(fail(
                        "neither HUAWEICLOUD_OIDC_ID_TOKEN nor HUAWEICLOUD_OIDC_TOKEN_FILE is set".into(),
                    ));
                }
            };
            let duration = match get("HUAWEICLOUD_OIDC_DURATION_SECONDS") {
                None => 3600,
                Some(d) => d
                    .parse::<u32>()
                    .map_err(|_| fail(format!("HUAWEICLOUD_OIDC_DURATION_SECONDS `{d}` is not a number of seconds")))?,
            };
            let mut payload = json!({
                "provider_urn": provider,
                "agency_urn": agency,
                "agency_session_name": get("HUAWEICLOUD_OIDC_SESSION_NAME").unwrap_or_else(|| "oidc-sts-session".to_owned()),
                "id_token": id_token,
                "duration_seconds": duration,
            });
            if let Some(policy) = get("HUAWEICLOUD_OIDC_POLICY") {
                payload["policy"] = Value::String(policy);
            }
            if let Some(ids) = get("HUAWEICLOUD_OIDC_POLICY_IDS") {
                let ids: Vec<&str> = ids.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
                payload["policy_ids"] = json!(ids);
            }
            let http = self.http.get(false, &source_name)?;
            let request = http
                .post(format!("{sts}/v5/agencies/assume-with-oidc"))
                .header("Content-Type", "application/json;charset=UTF-8")
                .body(payload.to_string());
            let answer = send(request).await.map_err(|e| fail(format!("no answer ({e})")))?;
            if answer.status >= 400 {
                return Err(fail(format!("the token was refused ({}): {}", answer.status, excerpt(&answer.body))));
            }
            temporary(&answer.body, &source_name)
        })
    }
}
