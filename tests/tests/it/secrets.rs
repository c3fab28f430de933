//! Secret hygiene: with tracing at TRACE captured, calls that succeed, fail at the service, fail
//! validation, fail to connect, and fail project discovery, and the `Debug` and `Display` of
//! everything a caller holds (config, credentials, clients, responses, errors), never show the
//! secret key, the security token or the IAM token.

use std::io::Write;
use std::sync::{Arc, Mutex};

use huaweicloud_sdk::ddm::v1::{DdmClient, ListUsersRequest};
use huaweicloud_sdk::mock::{ACCESS_KEY, PROJECT_ID, SECRET_KEY};
use huaweicloud_sdk::mock::{Answer, MockCloud};
use huaweicloud_sdk::runtime::{Config, Credentials, RetryPolicy};

const TOKEN: &str = "security-token-7d41c9e2";
const IAM_TOKEN: &str = "iam-token-0b5e88a1f3";

/// A writer that appends to a shared buffer, for the tracing subscriber.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("buffer").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn config(url: &str, credentials: Credentials) -> Config {
    Config::builder()
        .credentials(credentials)
        .region("cn-north-4")
        .endpoint("ddm", url)
        .endpoint("iam", url)
        .retry_policy(RetryPolicy { initial_backoff: std::time::Duration::from_millis(5), ..RetryPolicy::default() })
        .build()
        .expect("config")
}

#[test]
fn no_secret_in_any_output_at_trace_level() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let mut shown = Vec::<String>::new();
    tracing::subscriber::with_default(subscriber, || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async {
            let cloud = MockCloud::start().await.expect("mock cloud");
            let url = cloud.url();
            let with_token =
                Credentials::ak_sk(ACCESS_KEY, SECRET_KEY).with_security_token(TOKEN).with_project_id(PROJECT_ID);
            let iam_token = Credentials::iam_token(IAM_TOKEN).with_project_id(PROJECT_ID);
            let no_project = Credentials::ak_sk(ACCESS_KEY, SECRET_KEY).with_security_token(TOKEN);
            let wrong_sk = Credentials::ak_sk(ACCESS_KEY, format!("{SECRET_KEY}-wrong")).with_project_id(PROJECT_ID);
            for c in [&with_token, &iam_token, &no_project, &wrong_sk] {
                shown.push(format!("{c:?} {c:#?}"));
            }
            let ddm = DdmClient::new(&config(&url, with_token.clone()));
            shown.push(format!("{ddm:?} {:?}", config(&url, with_token.clone())));
            let ok = ddm.list_users(&ListUsersRequest::new("i")).await.expect("success");
            shown.push(format!("{ok:?} {:?}", ok.meta()));
            cloud.answer("ListUsers", Answer::json(503, "{}")).expect("scripted");
            cloud.answer("ListUsers", Answer::drop_connection()).expect("scripted");
            cloud.answer("ListUsers", Answer::documented(400)).expect("scripted");
            let outcomes = [
                ddm.list_users(&ListUsersRequest::new("i")).await.map(drop),
                ddm.list_users(&ListUsersRequest::new("i").limit(500)).await.map(drop),
                DdmClient::new(&config(&url, iam_token.clone()))
                    .list_users(&ListUsersRequest::new("i"))
                    .await
                    .map(drop),
                DdmClient::new(&config(&url, wrong_sk.clone())).list_users(&ListUsersRequest::new("i")).await.map(drop),
                DdmClient::new(&config("http://127.0.0.1:9", with_token.clone()))
                    .list_users(&ListUsersRequest::new("i"))
                    .await
                    .map(drop),
                // Discovery: the mock's IAM route lists no project named after the region.
                DdmClient::new(&config(&url, no_project.clone()))
                    .list_users(&ListUsersRequest::new("i"))
                    .await
                    .map(drop),
            ];
            for o in &outcomes {
                if let Err(e) = o {
                    shown.push(format!("{e} {e:?}"));
                }
            }
            assert!(outcomes.iter().filter(|o| o.is_err()).count() >= 4, "{outcomes:?}");
        });
    });
    let log = String::from_utf8_lossy(&captured.0.lock().expect("buffer")).into_owned();
    assert!(log.contains("huaweicloud.call") && log.contains("sending"), "tracing was captured: {log}");
    shown.push(log);
    for text in &shown {
        for secret in [SECRET_KEY, TOKEN, IAM_TOKEN] {
            assert!(!text.contains(secret), "a secret ({}...) appears in:\n{text}", &secret[..6]);
        }
    }
}

/// Fields the spec marks `sensitive` (passwords) print `<redacted>` in `Debug`, in every request
/// model that has one, while the other fields still show.
#[test]
fn sensitive_fields_are_redacted_in_debug() {
    use huaweicloud_sdk::ddm::v1::{
        BaseAuthority, CreateUserRequestV3, CreateUsersInfo, ResetUserPasswordReq, ResetUserPasswordV3RequestBody,
    };
    let password = "Pa55word#secret";
    let printed = [
        format!("{:?}", CreateUsersInfo::new("admin1", password, vec![BaseAuthority::Select])),
        format!("{:?}", CreateUserRequestV3::new("admin1", password, vec![BaseAuthority::Select])),
        format!("{:?}", ResetUserPasswordReq::new(password)),
        format!("{:?}", ResetUserPasswordV3RequestBody::new(password)),
    ];
    for p in &printed {
        assert!(!p.contains(password), "{p}");
        assert!(p.contains("<redacted>"), "{p}");
    }
    assert!(printed[0].contains("admin1") && printed[0].contains("Select"), "{}", printed[0]);
}
