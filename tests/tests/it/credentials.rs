//! Credentials from every source of the official chain, against local servers: the environment,
//! the profile file, an identity provider's token exchanged at IAM, an OIDC token exchanged at
//! STS, the ECS metadata service and the CCE pod identity; the error that lists every source;
//! renewal before expiry (one metadata request for 100 concurrent calls), a failed renewal that
//! keeps valid keys, and the 401 that renews and retries once (the mock cloud playing the metadata
//! service); and no secret in `Debug` or errors.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use huaweicloud_sdk::ddm::v1::{DdmClient, list_users::ListUsersRequest};
use huaweicloud_sdk::mock::{METADATA_SECURITY_KEY, METADATA_TOKEN, MockCloud};
use huaweicloud_sdk::runtime::Credentials;
use huaweicloud_sdk::runtime::client::{Client, Operation, PathPart, Request};
use huaweicloud_sdk::runtime::credentials::{
    Auth, CredentialsChain, CredentialsError, EnvLookup as Lookup, EnvironmentProvider, MetadataProvider,
    OidcStsProvider, PodIdentityProvider, ProfileProvider, ProvideCredentials,
};
use huaweicloud_sdk::runtime::endpoint::ServiceInfo;
use huaweicloud_sdk_tests::server::{Reply, Server};
use huaweicloud_sdk_tests::wire::verify_signature;

/// An environment of exactly `pairs`.
fn env(pairs: &[(&str, &str)]) -> Lookup {
    let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    Arc::new(move |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
}

/// A directory of its own for this test's files, removed when dropped.
fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary directory")
}

/// The answer every temporary-credential service gives, expiring in an hour.
fn credential_json(access: &str, secret: &str, token: &str) -> String {
    serde_json::json!({"credential": {
        "access": access,
        "secret": secret,
        "securitytoken": token,
        "expires_at": "2099-01-01T00:00:00.000000Z",
    }})
    .to_string()
}

fn keys(c: &Credentials) -> (String, String, Option<String>) {
    let Auth::AkSk { access_key, secret_key, security_token } = c.auth() else { panic!("AK/SK expected") };
    (access_key.clone(), secret_key.expose().to_owned(), security_token.as_ref().map(|t| t.expose().to_owned()))
}

#[tokio::test]
async fn environment_variables_give_keys_project_and_domain() {
    let lookup = env(&[
        ("HUAWEICLOUD_SDK_AK", "ENVAK"),
        ("HUAWEICLOUD_SDK_SK", "env-secret"),
        ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "env-token"),
        ("HUAWEICLOUD_SDK_PROJECT_ID", "env-project"),
        ("HUAWEICLOUD_SDK_DOMAIN_ID", "env-domain"),
    ]);
    let c = EnvironmentProvider::with_lookup(lookup).provide_credentials().await.expect("credentials");
    assert_eq!(keys(&c), ("ENVAK".into(), "env-secret".into(), Some("env-token".into())));
    assert_eq!((c.project_id(), c.domain_id(), c.expires_at()), (Some("env-project"), Some("env-domain"), None));

    let half = EnvironmentProvider::with_lookup(env(&[("HUAWEICLOUD_SDK_AK", "ENVAK")])).provide_credentials().await;
    let e = half.expect_err("half a pair");
    assert!(!e.is_unavailable(), "half a pair stops a chain: {e}");
    assert_eq!(e.to_string(), "the environment sets HUAWEICLOUD_SDK_AK but not HUAWEICLOUD_SDK_SK");
}

#[tokio::test]
async fn the_profile_file_gives_basic_keys_and_the_global_domain() {
    let dir = scratch();
    let file = dir.path().join("credentials");
    std::fs::write(
        &file,
        "[basic]\nak = PROFAK\nsk = profile-secret\nproject_id = prof-project\n[global]\ndomain_id = prof-domain\n",
    )
    .expect("write");
    let shown = file.display().to_string();
    let lookup = env(&[("HUAWEICLOUD_SDK_CREDENTIALS_FILE", shown.as_str())]);
    let c = ProfileProvider::with_lookup(lookup.clone()).provide_credentials().await.expect("credentials");
    assert_eq!(keys(&c).0, "PROFAK");
    assert_eq!((c.project_id(), c.domain_id()), (Some("prof-project"), Some("prof-domain")));

    // Only [global]: its keys count.
    std::fs::write(&file, "[global]\nak = GLOBAK\nsk = global-secret\ndomain_id = d1\n").expect("write");
    let c = ProfileProvider::with_lookup(lookup.clone()).provide_credentials().await.expect("credentials");
    assert_eq!((keys(&c).0.as_str(), c.domain_id()), ("GLOBAK", Some("d1")));

    // A broken line: its number, never its text.
    std::fs::write(&file, "[basic]\nak = PROFAK\nsk profile-secret\n").expect("write");
    let e = ProfileProvider::with_lookup(lookup).provide_credentials().await.expect_err("broken");
    assert!(e.to_string().contains("line 3") && !e.to_string().contains("profile-secret"), "{e}");
    assert!(!e.is_unavailable());
}

#[tokio::test]
async fn an_identity_provider_token_is_exchanged_at_iam_for_temporary_keys() {
    let iam = Server::start(vec![
        Reply::json(201, r#"{"token": {"methods": ["mapped"]}}"#).header("X-Subject-Token", "unscoped-token-1"),
        Reply::json(201, &credential_json("FEDAK", "fed-secret", "fed-token")),
    ])
    .await;
    let dir = scratch();
    let token_file = dir.path().join("id_token");
    std::fs::write(&token_file, "the-oidc-id-token\n").expect("write");
    let path = token_file.display().to_string();
    let url = iam.url();
    let lookup = env(&[
        ("HUAWEICLOUD_SDK_IDP_ID", "my-idp"),
        ("HUAWEICLOUD_SDK_ID_TOKEN_FILE", path.as_str()),
        ("HUAWEICLOUD_SDK_IAM_ENDPOINT", url.as_str()),
    ]);
    let c = EnvironmentProvider::with_lookup(lookup).provide_credentials().await.expect("credentials");
    assert_eq!(keys(&c), ("FEDAK".into(), "fed-secret".into(), Some("fed-token".into())));
    assert!(c.expires_at().is_some_and(|e| e > SystemTime::now()));

    let requests = iam.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!((requests[0].method.as_str(), requests[0].path.as_str()), ("POST", "/v3.0/OS-AUTH/id-token/tokens"));
    assert_eq!(requests[0].header("X-Idp-Id"), Some("my-idp"));
    let first: serde_json::Value = serde_json::from_slice(&requests[0].body).expect("JSON");
    assert_eq!(first["auth"]["id_token"]["id"], "the-oidc-id-token");
    assert_eq!(requests[1].path, "/v3.0/OS-CREDENTIAL/securitytokens");
    let second: serde_json::Value = serde_json::from_slice(&requests[1].body).expect("JSON");
    assert_eq!(second["auth"]["identity"]["token"]["id"], "unscoped-token-1");
    assert_eq!(second["auth"]["identity"]["methods"][0], "token");
}

#[tokio::test]
async fn an_oidc_token_is_exchanged_at_sts() {
    let sts = Server::start(vec![Reply::json(200, &credential_json("STSAK", "sts-secret", "sts-token"))]).await;
    let url = sts.url();
    let lookup = env(&[
        ("HUAWEICLOUD_OIDC_PROVIDER_URN", "iam::acct:identity-provider:gh"),
        ("HUAWEICLOUD_OIDC_AGENCY_URN", "iam::acct:agency:ci"),
        ("HUAWEICLOUD_OIDC_ID_TOKEN", "the-ci-token"),
        ("HUAWEICLOUD_OIDC_POLICY_IDS", "p1, p2"),
        ("HUAWEICLOUD_SDK_STS_ENDPOINT", url.as_str()),
    ]);
    let c = OidcStsProvider::with_lookup(lookup).provide_credentials().await.expect("credentials");
    assert_eq!(keys(&c).0, "STSAK");
    let requests = sts.requests();
    assert_eq!(requests[0].path, "/v5/agencies/assume-with-oidc");
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).expect("JSON");
    assert_eq!(body["id_token"], "the-ci-token");
    assert_eq!(body["agency_session_name"], "oidc-sts-session");
    assert_eq!(body["duration_seconds"], 3600);
    assert_eq!(body["policy_ids"], serde_json::json!(["p1", "p2"]));
}

#[tokio::test]
async fn the_metadata_service_is_asked_with_a_session_token() {
    let metadata = Server::start(vec![
        Reply::new(200).body("session-abc"),
        Reply::json(200, &credential_json("METAAK", "meta-secret", "meta-token")),
    ])
    .await;
    let provider = MetadataProvider::new().endpoint(metadata.url()).with_project_id("p1");
    let c = provider.provide_credentials().await.expect("credentials");
    assert_eq!(keys(&c), ("METAAK".into(), "meta-secret".into(), Some("meta-token".into())));
    assert_eq!(c.project_id(), Some("p1"));
    let requests = metadata.requests();
    assert_eq!((requests[0].method.as_str(), requests[0].path.as_str()), ("PUT", "/meta-data/latest/api/token"));
    assert_eq!(requests[0].header("X-Metadata-Token-Ttl-Seconds"), Some("21600"));
    assert_eq!((requests[1].method.as_str(), requests[1].path.as_str()), ("GET", "/openstack/latest/securitykey"));
    assert_eq!(requests[1].header("X-Metadata-Token"), Some("session-abc"));

    // An instance without an agency passes to the next source.
    let no_agency = Server::start(vec![
        Reply::new(404),
        Reply::json(401, r#"{"message": "Please configure Cloud Service Agency first"}"#),
    ])
    .await;
    let e = MetadataProvider::new().endpoint(no_agency.url()).provide_credentials().await.expect_err("no agency");
    assert!(e.is_unavailable() && e.to_string().contains("no agency"), "{e}");
}

#[tokio::test]
async fn the_pod_identity_is_asked_with_its_token_file() {
    let agent = Server::start(vec![Reply::json(200, &credential_json("PODAK", "pod-secret", "pod-token"))]).await;
    let dir = scratch();
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, "pod-authorization-token").expect("write");
    let uri = format!("{}/v1/credentials", agent.url());
    let path = token_file.display().to_string();
    let lookup = env(&[
        ("HC_CONTAINER_CREDENTIALS_FULL_URI", uri.as_str()),
        ("HC_CONTAINER_AUTHORIZATION_TOKEN_FILE", path.as_str()),
    ]);
    let c = PodIdentityProvider::with_lookup(lookup).provide_credentials().await.expect("credentials");
    assert_eq!(keys(&c).0, "PODAK");
    let requests = agent.requests();
    assert_eq!((requests[0].method.as_str(), requests[0].path.as_str()), ("POST", "/v1/credentials"));
    assert_eq!(requests[0].header("Authorization"), Some("pod-authorization-token"));
}

#[tokio::test]
async fn when_every_source_fails_one_error_lists_each_and_why_without_a_secret() {
    // A port nothing listens on: bound, then released.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr");
    let nothing = env(&[("HOME", "/nonexistent-home")]);
    let chain = CredentialsChain::new()
        .with(OidcStsProvider::with_lookup(nothing.clone()))
        .with(EnvironmentProvider::with_lookup(nothing.clone()))
        .with(ProfileProvider::with_lookup(nothing.clone()))
        .with(MetadataProvider::new().endpoint(format!("http://{closed}")))
        .with(PodIdentityProvider::with_lookup(nothing));
    let e = chain.provide_credentials().await.expect_err("nothing anywhere");
    let CredentialsError::NoneFound { tried } = &e else { panic!("NoneFound expected: {e}") };
    assert_eq!(tried.len(), 5, "{e}");
    let text = e.to_string();
    for needle in [
        "OIDC at STS: HUAWEICLOUD_OIDC_PROVIDER_URN and HUAWEICLOUD_OIDC_AGENCY_URN are not set",
        "environment: neither HUAWEICLOUD_SDK_AK",
        "profile file /nonexistent-home/.huaweicloud/credentials: no such file",
        &format!("ECS metadata service http://{closed}: no answer"),
        "CCE pod identity: HC_CONTAINER_CREDENTIALS_FULL_URI and HC_CONTAINER_AUTHORIZATION_TOKEN_FILE are not set",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }

    // A source that is set up but broken stops the chain (here: an answer without keys).
    let broken = Server::start(vec![Reply::new(200).body("tok"), Reply::json(200, r#"{"credential": {}}"#)]).await;
    let chain = CredentialsChain::new()
        .with(MetadataProvider::new().endpoint(broken.url()))
        .with(Credentials::ak_sk("FALLBACK", "fallback-secret"));
    let e = chain.provide_credentials().await.expect_err("stops");
    assert!(e.to_string().contains("has no access key and secret key"), "{e}");
}

#[tokio::test]
async fn secrets_stay_out_of_debug_and_errors() {
    let metadata = Server::start(vec![
        Reply::new(200).body("session-secret-xyz"),
        Reply::json(200, &credential_json("METAAK", "meta-secret-value", "meta-token-value")),
    ])
    .await;
    let provider = MetadataProvider::new().endpoint(metadata.url());
    let c = provider.provide_credentials().await.expect("credentials");
    let config = huaweicloud_sdk::runtime::Config::builder()
        .credentials_provider(MetadataProvider::new().endpoint(metadata.url()))
        .region("cn-north-4")
        .build()
        .expect("config");
    let shown = format!("{c:?} {c:#?} {provider:?} {config:?} {:?}", config.credentials_provider());
    for secret in ["meta-secret-value", "meta-token-value", "session-secret-xyz"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    // The token file's content never reaches an error.
    let dir = scratch();
    let token_file = dir.path().join("id_token");
    std::fs::write(&token_file, "oidc-token-secret").expect("write");
    let refusing = Server::start(vec![Reply::json(401, r#"{"error_msg": "token refused"}"#)]).await;
    let (path, url) = (token_file.display().to_string(), refusing.url());
    let lookup = env(&[
        ("HUAWEICLOUD_SDK_IDP_ID", "idp"),
        ("HUAWEICLOUD_SDK_ID_TOKEN_FILE", path.as_str()),
        ("HUAWEICLOUD_SDK_IAM_ENDPOINT", url.as_str()),
    ]);
    let e = EnvironmentProvider::with_lookup(lookup).provide_credentials().await.expect_err("refused");
    let text = format!("{e} {e:?}");
    assert!(text.contains("refused (401)") && !text.contains("oidc-token-secret"), "{text}");
}

/// The DDM `ListUsers` call of `config` with the mock cloud's example answer.
async fn list_users(config: &huaweicloud_sdk::runtime::Config) -> Result<(), String> {
    let ddm = DdmClient::new(config);
    ddm.list_users(&ListUsersRequest::new("inst-1")).await.map(|_| ()).map_err(|e| e.to_string())
}

/// The access keys of the DDM calls the mock received, in order.
fn signed_with(cloud: &MockCloud) -> Vec<String> {
    cloud
        .requests_of("ListUsers")
        .iter()
        .filter_map(|r| r.header("authorization").and_then(|a| a.split("Access=").nth(1)))
        .map(|a| a.split(',').next().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn temporary_keys_are_renewed_before_expiry_once_for_a_hundred_concurrent_calls() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    // Keys valid 4 s are renewed when half of that is left.
    cloud.serve_metadata(Duration::from_secs(4));
    let config = cloud.metadata_config().expect("config");
    list_users(&config).await.expect("first call");
    assert_eq!(cloud.requests_of(METADATA_TOKEN).len(), 1);
    assert_eq!(cloud.requests_of(METADATA_SECURITY_KEY).len(), 1);
    tokio::time::sleep(Duration::from_millis(2300)).await;

    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let config = config.clone();
        calls.spawn(async move { list_users(&config).await });
    }
    while let Some(result) = calls.join_next().await {
        result.expect("task").expect("call");
    }
    assert_eq!(cloud.requests_of(METADATA_SECURITY_KEY).len(), 2, "one renewal for the hundred calls");
    assert_eq!(cloud.requests_of(METADATA_TOKEN).len(), 1, "the session token is kept");
    // The calls that came while one renewed used the old keys, still valid, without waiting; the
    // next call uses the new ones.
    list_users(&config).await.expect("after the renewal");
    assert_eq!(cloud.requests_of(METADATA_SECURITY_KEY).len(), 2);
    let used = signed_with(&cloud);
    assert_eq!(used.len(), 102);
    assert!(used.iter().all(|ak| ak == "MOCKTEMPAK0000000001" || ak == "MOCKTEMPAK0000000002"), "{used:?}");
    assert_eq!(used.last().map(String::as_str), Some("MOCKTEMPAK0000000002"));
    // Every call carried its keys' security token.
    assert!(cloud.requests_of("ListUsers").iter().all(|r| r.header("x-security-token").is_some()));
}

#[tokio::test]
async fn a_failed_renewal_keeps_the_valid_keys_and_tries_again_later() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    cloud.serve_metadata(Duration::from_secs(4));
    let config = cloud.metadata_config().expect("config");
    list_users(&config).await.expect("first call");
    tokio::time::sleep(Duration::from_millis(2300)).await;
    cloud.fail_metadata(1);
    list_users(&config).await.expect("the old keys are still valid");
    assert_eq!(cloud.requests_of(METADATA_SECURITY_KEY).len(), 2, "one renewal tried, and failed");
    assert_eq!(signed_with(&cloud), ["MOCKTEMPAK0000000001", "MOCKTEMPAK0000000001"]);
    // The next try waits a quarter of the time left (under 0.5 s here), then succeeds.
    tokio::time::sleep(Duration::from_millis(700)).await;
    list_users(&config).await.expect("renewed");
    assert_eq!(cloud.requests_of(METADATA_SECURITY_KEY).len(), 3);
    assert_eq!(signed_with(&cloud).last().map(String::as_str), Some("MOCKTEMPAK0000000002"));
}

#[tokio::test]
async fn a_call_refused_401_with_temporary_keys_renews_them_and_is_sent_again_once() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    cloud.serve_metadata(Duration::from_secs(3600));
    let config = cloud.metadata_config().expect("config");
    list_users(&config).await.expect("first call");
    cloud.revoke_issued_credentials();
    list_users(&config).await.expect("renewed and sent again");
    let statuses: Vec<u16> = cloud.requests_of("ListUsers").iter().map(|r| r.status).collect();
    assert_eq!(statuses, [200, 401, 200]);
    assert_eq!(signed_with(&cloud), ["MOCKTEMPAK0000000001", "MOCKTEMPAK0000000001", "MOCKTEMPAK0000000002"]);

    // Refused, and the renewal fails: the 401 is the answer (no loop, nothing hidden), and the
    // next call renews.
    cloud.revoke_issued_credentials();
    cloud.fail_metadata(1);
    let e = list_users(&config).await.expect_err("refused, not renewed");
    assert!(e.contains("401"), "{e}");
    assert_eq!(cloud.requests_of(METADATA_SECURITY_KEY).len(), 3, "one renewal tried");
    list_users(&config).await.expect("renewed at the next call");
    assert_eq!(cloud.requests_of(METADATA_SECURITY_KEY).len(), 4);
    let statuses: Vec<u16> = cloud.requests_of("ListUsers").iter().map(|r| r.status).collect();
    assert_eq!(statuses, [200, 401, 200, 401, 200]);

    // Fixed keys refused with 401 are not retried.
    let fixed = huaweicloud_sdk::runtime::Config::builder()
        .credentials(Credentials::ak_sk("UNKNOWNAK", "unknown-secret").with_project_id("p"))
        .region("cn-north-4")
        .endpoint("ddm", cloud.url())
        .build()
        .expect("config");
    let before = cloud.requests_of("ListUsers").len();
    let e = list_users(&fixed).await.expect_err("refused");
    assert!(e.contains("401"), "{e}");
    assert_eq!(cloud.requests_of("ListUsers").len(), before + 1);
}

/// A global service, as `service.yaml`'s `global: true` makes one.
static GLOBAL: ServiceInfo = ServiceInfo {
    name: "globalsvc",
    endpoint: "https://globalsvc.{region}.example.com",
    regions: &["cn-north-4"],
    exceptions: &[],
    error_body: ("error_code", "error_msg"),
    global: true,
};

static SHOW_DOMAIN_QUOTA: Operation = Operation {
    name: "ShowDomainQuota",
    method: "GET",
    path: &[PathPart::Text("/v3/domains/"), PathPart::Param("domain_id"), PathPart::Text("/quota")],
    errors_in_body: None,
    secret_response: false,
};

fn global_config(credentials: Credentials, url: &str) -> huaweicloud_sdk::runtime::Config {
    huaweicloud_sdk::runtime::Config::builder()
        .credentials(credentials)
        .region("cn-north-4")
        .endpoint("globalsvc", url)
        .endpoint("iam", url)
        .build()
        .expect("config")
}

#[tokio::test]
async fn a_global_service_sends_the_domain_id_found_through_iam_once() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"domains": [{"id": "dom-123", "name": "account"}]}"#),
        Reply::json(200, r#"{"limit": 10}"#),
        Reply::json(200, r#"{"limit": 10}"#),
    ])
    .await;
    let client = Client::new(&global_config(Credentials::ak_sk("GLOBALAK1", "global-secret"), &server.url()), &GLOBAL);
    for _ in 0..2 {
        let response = client.send(Request::new(&SHOW_DOMAIN_QUOTA)).await.expect("answer");
        assert_eq!(response.status(), 200);
    }
    let requests = server.requests();
    let paths: Vec<&str> = requests.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["/v3/auth/domains", "/v3/domains/dom-123/quota", "/v3/domains/dom-123/quota"]);
    verify_signature(&requests[0], "global-secret");
    assert_eq!(requests[0].header("X-Domain-Id"), None, "discovery itself names no domain");
    for call in &requests[1..] {
        assert_eq!((call.header("X-Domain-Id"), call.header("X-Project-Id")), (Some("dom-123"), None));
        verify_signature(call, "global-secret");
    }
}

#[tokio::test]
async fn a_configured_domain_id_is_used_as_is_and_a_failed_discovery_says_what_to_set() {
    let server = Server::start(vec![Reply::json(200, r#"{"limit": 10}"#)]).await;
    let credentials = Credentials::ak_sk("GLOBALAK2", "global-secret").with_domain_id("dom-9");
    let client = Client::new(&global_config(credentials, &server.url()), &GLOBAL);
    client.send(Request::new(&SHOW_DOMAIN_QUOTA)).await.expect("answer");
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "no discovery");
    assert_eq!(
        (requests[0].path.as_str(), requests[0].header("X-Domain-Id")),
        ("/v3/domains/dom-9/quota", Some("dom-9"))
    );

    let empty = Server::start(vec![Reply::json(200, r#"{"domains": []}"#)]).await;
    let client = Client::new(&global_config(Credentials::ak_sk("GLOBALAK3", "global-secret"), &empty.url()), &GLOBAL);
    let e = client.send(Request::new(&SHOW_DOMAIN_QUOTA)).await.expect_err("no domain");
    let text = e.to_string();
    assert!(text.contains("IAM lists no domain") && text.contains("HUAWEICLOUD_SDK_DOMAIN_ID"), "{text}");
    assert_eq!(empty.requests().len(), 1, "nothing sent without the domain");
}

/// A source that counts how often it is asked, and has nothing.
#[derive(Debug, Default)]
struct Nothing(std::sync::atomic::AtomicUsize);

impl ProvideCredentials for Nothing {
    fn provide_credentials(&self) -> huaweicloud_sdk::runtime::credentials::ProvideFuture<'_> {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Box::pin(async { Err(CredentialsError::Unavailable { source_name: "nothing".into(), reason: "empty".into() }) })
    }
}

#[tokio::test]
async fn a_chain_renews_from_the_source_that_answered_first() {
    let skipped = Arc::new(Nothing::default());
    let chain = CredentialsChain::new().with(Arc::clone(&skipped)).with(Credentials::ak_sk("SECOND", "second-secret"));
    for _ in 0..3 {
        assert_eq!(chain.provide_credentials().await.expect("credentials").access_key(), Some("SECOND"));
    }
    assert_eq!(skipped.0.load(std::sync::atomic::Ordering::SeqCst), 1, "asked once, before the second answered");
}

#[tokio::test]
async fn a_profile_identity_provider_exchanges_at_the_profiles_iam_and_keeps_its_project() {
    let iam = Server::start(vec![
        Reply::json(201, "{}").header("X-Subject-Token", "unscoped"),
        Reply::json(201, &credential_json("PROFFED", "prof-fed-secret", "prof-fed-token")),
    ])
    .await;
    let dir = scratch();
    let token_file = dir.path().join("id_token");
    std::fs::write(&token_file, "profile-id-token").expect("write");
    let file = dir.path().join("credentials");
    std::fs::write(
        &file,
        format!(
            "[basic]\nidp_id = prof-idp\nid_token_file = {}\niam_endpoint = {}\nproject_id = prof-project\n",
            token_file.display(),
            iam.url()
        ),
    )
    .expect("write");
    let shown = file.display().to_string();
    let c = ProfileProvider::with_lookup(env(&[("HUAWEICLOUD_SDK_CREDENTIALS_FILE", shown.as_str())]))
        .provide_credentials()
        .await
        .expect("credentials");
    assert_eq!((keys(&c).0.as_str(), c.project_id()), ("PROFFED", Some("prof-project")));
    assert_eq!(iam.requests()[0].header("X-Idp-Id"), Some("prof-idp"));
}

#[tokio::test]
async fn an_answer_too_long_to_be_credentials_is_refused() {
    let huge = format!("{{\"credential\": {{\"access\": \"{}\"}}}}", "A".repeat(100_000));
    let metadata = Server::start(vec![Reply::new(200).body("session"), Reply::json(200, &huge)]).await;
    let e = MetadataProvider::new().endpoint(metadata.url()).provide_credentials().await.expect_err("too long");
    assert!(e.to_string().contains("longer than 65536 bytes"), "{e}");
}
