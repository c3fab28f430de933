//! The examples, run as a user runs them (`cargo run -p huaweicloud-sdk --example ...`), pointed at
//! a local server by the endpoint override variable: what they send, what they print, how they
//! exit, and that `RUST_LOG=trace` never prints a secret.

use std::process::{Command, Output};
use std::time::Duration;

use huaweicloud_sdk_tests::server::{Reply, Server};
use huaweicloud_sdk_tests::wire::{documented_example, verify_signature, verify_with_official_signer};

const AK: &str = "AKEXAMPLETEST";
const SK: &str = "SK-example-secret-4f1d";
const TOKEN: &str = "security-token-9c2e";

/// Runs an example with credentials in the environment and the DDM and DWS endpoints of
/// cn-north-4 overridden to `url`; nothing else of the caller's environment that the SDK reads is
/// passed on.
async fn run_example(name: &str, args: &[&str], url: &str, extra_env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.current_dir(huaweicloud_sdk_tests::root())
        .args(["run", "--quiet", "-p", "huaweicloud-sdk", "--example", name, "--"])
        .args(args)
        .env("HOME", std::env::temp_dir().join("huaweicloud-sdk-examples-home"))
        .env("HUAWEICLOUD_SDK_AK", AK)
        .env("HUAWEICLOUD_SDK_SK", SK)
        .env("HUAWEICLOUD_SDK_PROJECT_ID", "proj-1")
        .env("HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_4", url)
        .env("HUAWEICLOUD_SDK_REGION_DWS_CN_NORTH_4", url)
        .env_remove("HUAWEICLOUD_SDK_SECURITY_TOKEN")
        .env_remove("CLOUD_SDK_AK")
        .env_remove("CLOUD_SDK_SK")
        .env_remove("RUST_LOG");
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let handle = tokio::task::spawn_blocking(move || cmd.output());
    match tokio::time::timeout(Duration::from_secs(600), handle).await {
        Ok(Ok(Ok(output))) => output,
        other => panic!("running example {name}: {other:?}"),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn ddm_list_users_prints_the_seed_example_and_its_request_verifies() {
    let example = documented_example("ListUsers", 200);
    let server = Server::start(vec![Reply::json(200, &example)]).await;
    let out = run_example("ddm_list_users", &["--instance-id", "inst-1", "--limit", "20"], &server.url(), &[]).await;
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    let documented: serde_json::Value = serde_json::from_str(&example).expect("example");
    assert_eq!(printed, documented);

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        (requests[0].path.as_str(), requests[0].query.as_deref()),
        ("/v1/proj-1/instances/inst-1/users", Some("limit=20"))
    );
    verify_signature(&requests[0], SK);
    verify_with_official_signer(&requests, AK, SK);
}

#[tokio::test]
async fn dws_om_user_action_prints_the_seed_example_and_its_request_verifies() {
    let example = documented_example("ExecuteDatabaseOmUserAction", 200);
    let server = Server::start(vec![Reply::json(200, &example)]).await;
    let args = ["--cluster-id", "c-1", "--operation", "increaseOmUserPeriod"];
    let out = run_example("dws_om_user_action", &args, &server.url(), &[]).await;
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    // The page prints `error_code` as the number 0 for a String field (the SDK keeps it as "0"),
    // and `null` for absent fields (the SDK omits them).
    let mut documented: serde_json::Value = serde_json::from_str(&example).expect("example");
    documented["error_code"] = serde_json::Value::String("0".to_owned());
    if let Some(fields) = documented.as_object_mut() {
        fields.retain(|_, v| !v.is_null());
    }
    assert_eq!(printed, documented);

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].body, br#"{"operation":"increaseOmUserPeriod"}"#);
    verify_signature(&requests[0], SK);
    verify_with_official_signer(&requests, AK, SK);
}

#[tokio::test]
async fn a_ddm_error_body_exits_1_with_code_and_message() {
    let body = r#"{"errCode": "DBS.280001", "externalMessage": "Parameter error."}"#;
    let server = Server::start(vec![Reply::json(400, body).header("X-Request-Id", "req-7")]).await;
    let out = run_example("ddm_list_users", &["--instance-id", "inst-1"], &server.url(), &[]).await;
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("DBS.280001") && stderr.contains("Parameter error.") && stderr.contains("req-7"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[tokio::test]
async fn an_html_500_exits_1_with_the_status() {
    let html = "<html><head><title>500</title></head><body>Internal Server Error</body></html>";
    let server = Server::start(vec![Reply::new(500).header("Content-Type", "text/html").body(html)]).await;
    let out = run_example("ddm_list_users", &["--instance-id", "inst-1"], &server.url(), &[]).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("HTTP 500"), "{}", text(&out.stderr));
}

#[tokio::test]
async fn limit_500_exits_1_before_sending_anything() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let out = run_example("ddm_list_users", &["--instance-id", "inst-1", "--limit", "500"], &server.url(), &[]).await;
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("`limit`") && stderr.contains("allowed 1 to 128"), "{stderr}");
    assert!(server.requests().is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn a_bad_command_line_exits_2_with_the_usage() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let out =
        run_example("dws_om_user_action", &["--cluster-id", "c", "--operation", "addOmuser"], &server.url(), &[]).await;
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("--operation must be addOmUser") && stderr.contains("usage:"), "{stderr}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn trace_logging_never_prints_a_secret() {
    let server =
        Server::start(vec![Reply::json(503, "{}").header("X-Request-Id", "req-trace"), Reply::json(200, "{}")]).await;
    let env = [("RUST_LOG", "trace"), ("HUAWEICLOUD_SDK_SECURITY_TOKEN", TOKEN)];
    let out = run_example("ddm_list_users", &["--instance-id", "inst-1"], &server.url(), &env).await;
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    // Logging was on: the call's span, its retry and the request ID are in the output.
    for needle in ["huaweicloud.call", "ListUsers", "retrying", "req-trace"] {
        assert!(all.contains(needle), "{needle} missing from the trace output:\n{all}");
    }
    assert!(!all.contains(SK), "the secret key was printed:\n{all}");
    assert!(!all.contains(TOKEN), "the security token was printed:\n{all}");
    // It was sent, though: the check above is not vacuous.
    assert_eq!(server.requests()[0].header("X-Security-Token"), Some(TOKEN));
}
