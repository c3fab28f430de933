//! Secret hygiene: with tracing at TRACE captured, calls that succeed, fail at the service, fail
//! validation, fail to connect, and fail project discovery, and the `Debug` and `Display` of
//! everything a caller holds (config, credentials, clients, requests, responses, errors), never
//! show the secret key, the security token, the IAM token or a password of a request model.

use huaweicloud_sdk::ddm::v1::{
    DdmClient,
    create_ddm_user::CreateDdmUserRequest,
    list_users::ListUsersRequest,
    reset_user_password::ResetUserPasswordRequest,
    types::{BaseAuthority, CreateUserRequestV3, ResetUserPasswordReq},
};
use huaweicloud_sdk::mock::{ACCESS_KEY, PROJECT_ID, SECRET_KEY};
use huaweicloud_sdk::mock::{Answer, MockCloud};
use huaweicloud_sdk::runtime::{Config, Credentials, Error, RetryPolicy};
use huaweicloud_sdk_tests::Captured;

const TOKEN: &str = "security-token-7d41c9e2";
const IAM_TOKEN: &str = "iam-token-0b5e88a1f3";
const PASSWORD: &str = "Pa55word#5c7e01";

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
    // While exactly one subscriber is registered, tracing computes the interest of a log line
    // that another thread reaches for the first time from that thread's subscriber (none, in a
    // test running beside this one) and caches it as "never": this test would miss the line. A
    // second, silent subscriber kept alive meanwhile makes tracing ask every registered one.
    let _second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
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
            let reset = ResetUserPasswordRequest::new("i", "ddmtest", ResetUserPasswordReq::new(PASSWORD));
            shown.push(format!("{reset:?} {reset:#?}"));
            let ok = ddm.reset_user_password(&reset).await.expect("a password sent");
            shown.push(format!("{ok:?}"));
            // A password longer than documented (8 to 32 characters): refused, and not shown.
            let account = CreateUserRequestV3::new("ddmtest", PASSWORD.repeat(3), vec![BaseAuthority::Select]);
            let e = ddm.create_ddm_user(&CreateDdmUserRequest::new("i", account)).await.expect_err("too long");
            assert!(matches!(e, Error::Validation(_)), "{e:?}");
            shown.push(format!("{e} {e:?}"));
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
    let log = captured.text();
    assert!(log.contains("huaweicloud.call") && log.contains("sending"), "tracing was captured: {log}");
    shown.push(log);
    for text in &shown {
        for secret in [SECRET_KEY, TOKEN, IAM_TOKEN, PASSWORD] {
            assert!(!text.contains(secret), "a secret ({}...) appears in:\n{text}", &secret[..6]);
        }
    }
}

/// Fields the spec marks `sensitive` (passwords) print `<redacted>` in `Debug`, in every request
/// model that has one, while the other fields still show.
#[test]
fn sensitive_fields_are_redacted_in_debug() {
    use huaweicloud_sdk::ddm::v1::types::{CreateUsersInfo, ResetUserPasswordV3RequestBody};
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

/// A sensitive field is the runtime's `Secret`, as the credentials are (`<redacted>` in `Debug`,
/// no `Display`, zeroed on drop), whether mandatory or optional; the body sent still carries the
/// password, byte for byte as before.
#[tokio::test]
async fn a_sensitive_field_is_a_secret_and_the_body_still_carries_it() {
    use huaweicloud_sdk::ddm::v1::types::CreateDdmInstanceReq;
    use huaweicloud_sdk_tests::server::{Reply, Server};
    use std::any::type_name_of_val;

    let password = "Pa55word#secret";
    let body = ResetUserPasswordReq::new(password);
    let mandatory = type_name_of_val(&body.password);
    assert!(mandatory.ends_with("::Secret"), "{mandatory}");
    let instance =
        CreateDdmInstanceReq::new("ddm-1", "flavor", 2, "3.0", vec!["az1".to_owned()], "vpc", "sg", "subnet")
            .admin_user_password(password);
    let optional = type_name_of_val(&instance.admin_user_password);
    assert!(optional.starts_with("core::option::Option<") && optional.ends_with("::Secret>"), "{optional}");
    assert!(format!("{instance:?}").contains("admin_user_password: Some(<redacted>)"), "{instance:?}");

    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let config = config(&server.url(), Credentials::ak_sk(ACCESS_KEY, SECRET_KEY).with_project_id(PROJECT_ID));
    let request = ResetUserPasswordRequest::new("inst-1", "ddmtest", body);
    assert!(!format!("{request:?}").contains(password), "{request:?}");
    DdmClient::new(&config).reset_user_password(&request).await.expect("sent");
    let sent = server.requests();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(String::from_utf8_lossy(&sent[0].body), format!(r#"{{"password":"{password}"}}"#));
}

/// The success body of an operation that documents a secret (KMS `CreateDatakey`'s plaintext data
/// key) is kept whole in the error when it cannot be decoded, but neither the error's `Display`
/// nor its `Debug` prints it; another operation's body still shows.
#[tokio::test]
async fn a_secret_response_that_breaks_off_is_kept_but_not_printed() {
    use huaweicloud_sdk::kms::v2::{KmsClient, create_datakey::CreateDatakeyRequest, types::CreateDatakeyRequestBody};
    use huaweicloud_sdk_tests::server::{Reply, Server};

    const PLAIN: &str = "plaintext-data-key-5e1f";
    let cut = format!(r#"{{"key_id": "k-1", "plain_text": "{PLAIN}", "cipher_text": "0a1b"#);
    let server = Server::start(vec![Reply::json(200, &cut), Reply::json(200, &cut)]).await;
    let url = server.url();
    let config = Config::builder()
        .credentials(Credentials::ak_sk(ACCESS_KEY, SECRET_KEY).with_project_id(PROJECT_ID))
        .region("cn-north-4")
        .endpoint("kms", url.as_str())
        .endpoint("ddm", url.as_str())
        .build()
        .expect("config");
    let request = CreateDatakeyRequest::new(CreateDatakeyRequestBody::new("k-1"));
    let e = KmsClient::new(&config).create_datakey(&request).await.expect_err("cut short");
    let Error::Decode { body, .. } = &e else { panic!("a decode error: {e:?}") };
    assert_eq!(body.text(), cut, "the body is kept whole");
    for shown in [format!("{e}"), format!("{e:?}")] {
        assert!(!shown.contains(PLAIN), "{shown}");
    }
    assert!(format!("{e:?}").contains(&format!("{} bytes", cut.len())), "{e:?}");
    // ListUsers documents no secret: its body is shown as before.
    let e = DdmClient::new(&config).list_users(&ListUsersRequest::new("i")).await.expect_err("cut short");
    assert!(format!("{e:?}").contains(PLAIN), "{e:?}");
}
