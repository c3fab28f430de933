//! The examples, run as a user runs them (the executable `cargo run -p huaweicloud-sdk --example ...`
//! builds and runs), pointed at a local server by the endpoint override variable: what they send, what they print, how they
//! exit, and that `RUST_LOG=trace` never prints a secret.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Duration;

use huaweicloud_sdk_tests::server::{Reply, Server};
use huaweicloud_sdk_tests::wire::{
    documented_example, documented_example_opt, verify_signature, verify_with_official_signer,
};
use serde_json::{Value, json};

const AK: &str = "AKEXAMPLETEST";
const SK: &str = "SK-example-secret-4f1d";
const TOKEN: &str = "security-token-9c2e";
/// The account password the DDM examples read from `DDM_USER_PASSWORD`.
const PASSWORD: &str = "Example@123";

/// Runs an example with credentials in the environment and the DDM, DWS and IAM endpoints of
/// cn-north-4 overridden to `url`; nothing else of the caller's environment that the SDK or the
/// examples read is passed on.
async fn run_example(name: &str, args: &[&str], url: &str, extra_env: &[(&str, &str)]) -> Output {
    run_example_without(name, args, url, extra_env, &[]).await
}

/// [`run_example`] with the variables `removed` taken out of its environment.
async fn run_example_without(
    name: &str,
    args: &[&str],
    url: &str,
    extra_env: &[(&str, &str)],
    removed: &[&str],
) -> Output {
    let mut cmd = example_command(name);
    cmd.args(args)
        .env("HOME", std::env::temp_dir().join("huaweicloud-sdk-examples-home"))
        .env("HUAWEICLOUD_SDK_AK", AK)
        .env("HUAWEICLOUD_SDK_SK", SK)
        .env("HUAWEICLOUD_SDK_PROJECT_ID", "proj-1")
        // IAM is global: its calls name the account, given here as a user would.
        .env("HUAWEICLOUD_SDK_DOMAIN_ID", "domain-1")
        .env("HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_4", url)
        .env("HUAWEICLOUD_SDK_REGION_DWS_CN_NORTH_4", url)
        .env("HUAWEICLOUD_SDK_REGION_IAM_CN_NORTH_4", url)
        .env_remove("HUAWEICLOUD_SDK_SECURITY_TOKEN")
        .env_remove("DDM_USER_PASSWORD")
        .env_remove("CLOUD_SDK_AK")
        .env_remove("CLOUD_SDK_SK")
        .env_remove("RUST_LOG");
    // The SDK honours the environment's proxy: the caller's must not carry these calls away.
    for var in PROXY_VARIABLES {
        cmd.env_remove(var);
    }
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    for k in removed {
        cmd.env_remove(k);
    }
    let handle = tokio::task::spawn_blocking(move || cmd.output());
    match tokio::time::timeout(Duration::from_secs(600), handle).await {
        Ok(Ok(Ok(output))) => output,
        other => panic!("running example {name}: {other:?}"),
    }
}

/// A command that runs the example `name`'s executable from the workspace root. The examples are
/// built once per test run, with `cargo build --workspace --examples`: the workspace's features,
/// so after `cargo test --workspace` (which builds them) there is nothing to do. `cargo run -p
/// huaweicloud-sdk --example` would unify the facade's features alone and build the runtime and
/// every service crate a second time.
fn example_command(name: &str) -> Command {
    static BUILT: OnceLock<Result<HashMap<String, PathBuf>, String>> = OnceLock::new();
    let built = BUILT.get_or_init(|| {
        let args = ["build", "--workspace", "--examples", "--locked", "--message-format=json-render-diagnostics"];
        let out = huaweicloud_sdk_tests::cargo(&args).output().map_err(|e| format!("cargo: {e}"))?;
        if !out.status.success() {
            return Err(format!("cargo build --examples: {}", text(&out.stderr)));
        }
        let mut executables = HashMap::new();
        for message in out.stdout.split(|b| *b == b'\n').filter_map(|l| serde_json::from_slice::<Value>(l).ok()) {
            let is_example = message["target"]["kind"].as_array().is_some_and(|k| k.iter().any(|k| k == "example"));
            if let (true, Some(name), Some(path)) =
                (is_example, message["target"]["name"].as_str(), message["executable"].as_str())
            {
                executables.insert(name.to_owned(), PathBuf::from(path));
            }
        }
        Ok(executables)
    });
    let executables = built.as_ref().unwrap_or_else(|e| panic!("{e}"));
    let path = executables.get(name).unwrap_or_else(|| panic!("no example {name} among {:?}", executables.keys()));
    let mut cmd = Command::new(path);
    cmd.current_dir(huaweicloud_sdk_tests::root());
    cmd
}

/// The proxy variables the SDK reads, in both cases.
const PROXY_VARIABLES: &[&str] =
    &["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"];

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

/// With no keys in the environment or the profile, the example takes the ECS instance's temporary
/// keys from the metadata service (`HUAWEICLOUD_SDK_METADATA_ENDPOINT`, here the local server),
/// signs with them, sends their `X-Security-Token`, and the official signer verifies the call.
#[tokio::test]
async fn ddm_list_users_signs_with_the_metadata_services_temporary_keys() {
    let (temp_ak, temp_sk, temp_token) =
        ("TEMPAKFROMMETADATA", "temporary-secret-key-7c1d", "temporary-security-token-2b");
    let credential = json!({"credential": {
        "access": temp_ak,
        "secret": temp_sk,
        "securitytoken": temp_token,
        "expires_at": "2099-01-01T00:00:00.000000Z",
    }});
    let example = documented_example("ListUsers", 200);
    let server = Server::start(vec![
        Reply::new(200).body("metadata-session-token"),
        Reply::json(200, &credential.to_string()),
        Reply::json(200, &example),
    ])
    .await;
    let url = server.url();
    let out = run_example_without(
        "ddm_list_users",
        &["--instance-id", "inst-1"],
        &url,
        &[("HUAWEICLOUD_SDK_METADATA_ENDPOINT", &url), ("RUST_LOG", "trace")],
        &["HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK"],
    )
    .await;
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    let requests = server.requests();
    let paths: Vec<&str> = requests.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        ["/meta-data/latest/api/token", "/openstack/latest/securitykey", "/v1/proj-1/instances/inst-1/users"]
    );
    let call = &requests[2];
    assert_eq!(call.header("X-Security-Token"), Some(temp_token));
    assert!(call.header("Authorization").is_some_and(|a| a.contains(&format!("Access={temp_ak},"))));
    verify_signature(call, temp_sk);
    verify_with_official_signer(std::slice::from_ref(call), temp_ak, temp_sk);
    // Traced at every level, and no secret of the temporary keys or the session in the output.
    let printed = format!("{}{}", text(&out.stdout), text(&out.stderr));
    for secret in [temp_sk, temp_token, "metadata-session-token"] {
        assert!(!printed.contains(secret), "{secret} printed:\n{printed}");
    }
}

#[tokio::test]
async fn the_quickstart_runs_against_the_mock_cloud_with_nothing_set_up() {
    let mut cmd = example_command("quickstart");
    cmd.env("HOME", std::env::temp_dir().join("huaweicloud-sdk-quickstart-home"));
    for (name, _) in std::env::vars() {
        if name.starts_with("HUAWEICLOUD_SDK_") || name.starts_with("CLOUD_SDK_") {
            cmd.env_remove(name);
        }
    }
    let handle = tokio::task::spawn_blocking(move || cmd.output());
    let out = match tokio::time::timeout(Duration::from_secs(600), handle).await {
        Ok(Ok(Ok(output))) => output,
        other => panic!("running the quickstart: {other:?}"),
    };
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for line in [
        "ListUsers: [\"ddmtest\"] (status 200",
        "ListUsers, every page: 25 accounts in 3 requests",
        "ExecuteDatabaseOmUserAction: {\"error_code\":\"0\"}",
        "5 requests, 0 breaking the spec",
    ] {
        assert!(stdout.contains(line), "missing {line:?} in:\n{stdout}");
    }
}

/// Runs a self-contained example (it starts its own mock cloud) with no credentials or
/// endpoints in its environment; its standard output.
async fn run_mock_example(example: &'static str) -> String {
    run_mock_example_with(example, &[]).await
}

/// [`run_mock_example`] with command-line arguments.
async fn run_mock_example_with(example: &'static str, args: &[&str]) -> String {
    let mut cmd = example_command(example);
    cmd.args(args).env("HOME", std::env::temp_dir().join("huaweicloud-sdk-example-home"));
    for (name, _) in std::env::vars() {
        if name.starts_with("HUAWEICLOUD_SDK_") || name.starts_with("CLOUD_SDK_") {
            cmd.env_remove(name);
        }
    }
    let handle = tokio::task::spawn_blocking(move || cmd.output());
    let out = match tokio::time::timeout(Duration::from_secs(600), handle).await {
        Ok(Ok(Ok(output))) => output,
        other => panic!("running {example}: {other:?}"),
    };
    assert!(out.status.success(), "{example}: stderr: {}", text(&out.stderr));
    text(&out.stdout)
}

#[tokio::test]
async fn the_waiter_example_creates_an_instance_and_prints_each_poll_until_the_job_ends() {
    let stdout = run_mock_example("ddm_create_instance_and_wait").await;
    let polls: Vec<&str> = stdout.lines().filter(|l| l.starts_with("  poll ")).collect();
    assert_eq!(
        polls,
        ["  poll 1: Running 25%", "  poll 2: Running 50%", "  poll 3: Running 75%", "  poll 4: Completed 100%"],
        "{stdout}"
    );
    assert!(stdout.contains("CreateInstance: instance "), "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("job ") && l.contains(": Completed (request ID")), "{stdout}");
    assert!(stdout.contains("5 requests, 0 breaking the spec"), "{stdout}");
    let stdout = run_mock_example_with("ddm_create_instance_and_wait", &["--fail"]).await;
    assert!(stdout.contains("  poll 4: Failed 100%"), "{stdout}");
    assert!(stdout.contains("the job failed: CreateInstance failed: status \"Failed\" after 4 poll(s)"), "{stdout}");
}

#[tokio::test]
async fn each_core_services_example_lists_and_shows_on_the_mock_cloud_with_nothing_set_up() {
    // Issue 25: an example per service that lists something and shows one item. Each call is
    // checked by the mock against the operation's tables: none may break the spec.
    for (example, lines) in [
        ("ecs_servers", ["ListServersDetails: ", "ShowServer "]),
        ("evs_volumes", ["ListVolumes: ", "ShowVolume "]),
        ("ims_images", ["ListImages: ", "GlanceShowImage "]),
        ("kms_keys", ["ListKeys: ", "ListKeyDetail "]),
        ("dns_zones", ["ListPublicZones: ", "ShowPublicZone "]),
        ("iam_users", ["KeystoneShowUser ", "breaking the spec (1 asking IAM for the domain)"]),
        ("eip_publicips", ["ListPublicips: ", "ShowPublicip "]),
        ("vpc_vpcs", ["ListVpcs: ", "ShowVpc "]),
        ("elb_load_balancers", ["ListLoadBalancers: ", "ShowLoadBalancer "]),
        ("rds_instances", ["ListInstances: ", "ShowInstanceConfiguration "]),
        ("ces_alarms", ["ListAlarms: ", "ShowAlarm "]),
        ("cce_clusters", ["ListClusters: ", "ShowCluster "]),
    ] {
        let stdout = run_mock_example(example).await;
        for line in lines {
            assert!(stdout.contains(line), "{example}: missing {line:?} in:\n{stdout}");
        }
        assert!(stdout.contains(" requests, 0 breaking the spec"), "{example}:\n{stdout}");
    }
}

#[tokio::test]
async fn the_mock_cloud_example_serves_the_other_examples_until_its_input_ends() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    let mut cmd = example_command("mock_cloud");
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        // Not read by the test: shown with its output, and never a full pipe that stalls the child.
        .stderr(Stdio::inherit());
    let mut child = cmd.spawn().expect("cargo runs");
    let stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    // The three lines it prints before serving: the URL, the credentials, the endpoints.
    let head = tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(stdout).lines();
        let head: Vec<String> = lines.by_ref().take(3).map_while(Result::ok).collect();
        (head, lines)
    });
    let (head, rest) = match tokio::time::timeout(Duration::from_secs(600), head).await {
        Ok(Ok(read)) => read,
        other => {
            let _ = child.kill();
            panic!("reading the mock cloud's first lines: {other:?}");
        }
    };
    assert_eq!(head.len(), 3, "{head:?}");
    let env: Vec<(String, String)> = head[1..]
        .iter()
        .flat_map(|line| {
            line.strip_prefix("export ").unwrap_or_else(|| panic!("not an export line: {line}")).split(' ')
        })
        .map(|pair| pair.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())).expect("NAME=value"))
        .collect();
    let url = env.iter().find(|(k, _)| k == "HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_4").map(|(_, v)| v.clone());
    let url = url.unwrap_or_else(|| panic!("no DDM endpoint in {head:?}"));
    // DDM has a port of its own, not the one that answers every route.
    assert!(head[0].starts_with("mock cloud at http://127.0.0.1:") && !head[0].contains(&url), "{head:?}");
    let rds = env.iter().find(|(k, _)| k == "HUAWEICLOUD_SDK_REGION_RDS_CN_NORTH_4").map(|(_, v)| v.as_str());
    assert!(rds.is_some_and(|rds| rds != url), "{head:?}");

    let extra: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let out = run_example("ddm_list_users", &["--instance-id", "inst-1"], &url, &extra).await;
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    let printed: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(printed, serde_json::from_str::<Value>(&documented_example("ListUsers", 200)).expect("example"));

    // The end of its input stops it, with what it received.
    drop(stdin);
    let rest = tokio::task::spawn_blocking(move || rest.map_while(Result::ok).collect::<Vec<String>>());
    let rest = match tokio::time::timeout(Duration::from_secs(60), rest).await {
        Ok(Ok(rest)) => rest,
        other => {
            let _ = child.kill();
            panic!("the mock cloud did not stop: {other:?}");
        }
    };
    let status = child.wait().expect("exit status");
    assert!(status.success(), "{status:?}");
    let project = env.iter().find(|(k, _)| k == "HUAWEICLOUD_SDK_PROJECT_ID").map(|(_, v)| v.as_str()).unwrap_or("");
    assert_eq!(
        rest,
        [
            format!("ListUsers GET /v1/{project}/instances/inst-1/users: 200, as documented"),
            "1 request, 0 breaking the spec".to_owned()
        ]
    );
}

#[tokio::test]
async fn ddm_list_users_all_prints_every_account_of_three_pages_with_three_requests() {
    let page = |from: usize, to: usize| {
        let users: Vec<String> = (from..to).map(|i| format!(r#"{{"name":"user{i:02}","status":"RUNNING"}}"#)).collect();
        Reply::json(200, &format!(r#"{{"users":[{}],"total_record":25}}"#, users.join(",")))
    };
    let server = Server::start(vec![page(0, 10), page(10, 20), page(20, 25)]).await;
    let args = ["--instance-id", "inst-1", "--limit", "10", "--all"];
    let out = run_example("ddm_list_users", &args, &server.url(), &[]).await;
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    let printed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("stdout is a JSON array");
    let names: Vec<&str> = printed.iter().filter_map(|u| u["name"].as_str()).collect();
    let expected: Vec<String> = (0..25).map(|i| format!("user{i:02}")).collect();
    assert_eq!(names, expected);
    assert!(text(&out.stderr).contains("25 items"), "stderr: {}", text(&out.stderr));

    let requests = server.requests();
    let queries: Vec<Option<&str>> = requests.iter().map(|r| r.query.as_deref()).collect();
    assert_eq!(queries, [Some("limit=10&offset=0"), Some("limit=10&offset=10"), Some("limit=10&offset=20")]);
    for r in &requests {
        verify_signature(r, SK);
    }
}

#[tokio::test]
async fn the_environment_proxy_is_used_unless_no_proxy_names_the_host() {
    let example = documented_example("ListUsers", 200);
    let service = Server::start(vec![Reply::json(200, &example)]).await;
    let proxy = Server::start(vec![Reply::json(200, &example)]).await;
    let args = ["--instance-id", "inst-1"];
    for proxy_variable in ["HTTP_PROXY", "http_proxy", "ALL_PROXY"] {
        let out = run_example("ddm_list_users", &args, &service.url(), &[(proxy_variable, &proxy.url())]).await;
        assert!(out.status.success(), "{proxy_variable}: {}", text(&out.stderr));
    }
    let through = proxy.requests();
    assert_eq!(through.len(), 3, "every call went to the proxy");
    let absolute = format!("{}/v1/proj-1/instances/inst-1/users", service.url());
    assert!(through.iter().all(|r| r.target == absolute), "{:?}", through[0].target);
    assert!(service.requests().is_empty());
    // Signed for the service, not the proxy: the path in origin form verifies.
    let mut origin_form = through[0].clone();
    origin_form.path = origin_form.path.trim_start_matches(&service.url()).to_owned();
    verify_signature(&origin_form, SK);
    // NO_PROXY (either case) names the host: straight to the service.
    for no_proxy in ["NO_PROXY", "no_proxy"] {
        let env = [("HTTP_PROXY", proxy.url()), (no_proxy, "127.0.0.1".to_owned())];
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let out = run_example("ddm_list_users", &args, &service.url(), &env).await;
        assert!(out.status.success(), "{no_proxy}: {}", text(&out.stderr));
    }
    assert_eq!((proxy.requests().len(), service.requests().len()), (3, 2));
}

#[tokio::test]
async fn an_https_endpoint_is_tunnelled_through_the_https_or_all_proxy_never_the_http_one() {
    // The proxy refuses every tunnel: what matters is that it is asked for one, to the service's
    // host and port, and that the call fails with the proxy's refusal rather than going around it.
    let proxy = Server::start(vec![Reply::json(403, "{}")]).await;
    // The service closes every connection at once: a TLS handshake with it fails without waiting
    // for the connect timeout.
    let service = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("listener");
    let authority = service.local_addr().expect("address").to_string();
    let accepted = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let closing = {
        let accepted = std::sync::Arc::clone(&accepted);
        tokio::spawn(async move {
            while let Ok((socket, _)) = service.accept().await {
                drop(socket);
                accepted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        })
    };
    let reached = || accepted.load(std::sync::atomic::Ordering::SeqCst);
    let https = format!("https://{authority}");
    let args = ["--instance-id", "inst-1"];
    for proxy_variable in ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
        let before = proxy.requests().len();
        let out = run_example("ddm_list_users", &args, &https, &[(proxy_variable, &proxy.url())]).await;
        assert!(!out.status.success(), "{proxy_variable}: the tunnel was refused");
        let asked = &proxy.requests()[before..];
        assert!(!asked.is_empty(), "{proxy_variable}: the proxy was not asked");
        for r in asked {
            assert_eq!((r.method.as_str(), r.target.as_str()), ("CONNECT", authority.as_str()), "{proxy_variable}");
            // A tunnel carries no signature: the signed request goes inside it, to the service.
            assert_eq!(r.header("authorization"), None, "{proxy_variable}");
        }
    }
    assert_eq!(reached(), 0, "the service was reached around the proxy");
    // HTTP_PROXY is for http:// endpoints only: the https:// call goes straight to the service
    // (which closes the connection, so the call fails there).
    let before = proxy.requests().len();
    let out = run_example("ddm_list_users", &args, &https, &[("HTTP_PROXY", &proxy.url())]).await;
    assert!(!out.status.success());
    assert_eq!(proxy.requests().len(), before, "HTTP_PROXY was used for an https:// endpoint");
    assert!(reached() > 0, "the call went to the service");
    closing.abort();
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
    let refused = "--operation: `addOmuser` is not a documented Operation value \
                   (addOmUser, deleteOmUser, increaseOmUserPeriod)";
    assert!(stderr.contains(refused) && stderr.contains("usage:"), "{stderr}");
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

/// One example per operation: how it is run, and the request it must send.
struct Case {
    example: &'static str,
    operation: &'static str,
    /// Method and target as received (the SDK sends the query sorted), e.g. `GET /v3/projects?name=cn-north-4`.
    request_line: &'static str,
    /// The options, split at whitespace.
    args: &'static str,
    /// The JSON body expected from the options; `None` when no body may be sent.
    body: Option<Value>,
    /// Where the printed response rightly differs from the documented example besides its nulls.
    adjust: fn(&mut Value),
}

impl Case {
    fn new(example: &'static str, operation: &'static str, request_line: &'static str, args: &'static str) -> Case {
        Case { example, operation, request_line, args, body: None, adjust: |_| {} }
    }

    fn body(self, body: Value) -> Case {
        Case { body: Some(body), ..self }
    }
}

fn cases() -> Vec<Case> {
    let account = "--instance-id inst-1 --username ddmtest";
    vec![
        Case::new(
            "ddm_create_users",
            "CreateUsers",
            "POST /v1/proj-1/instances/inst-1/users",
            "--instance-id inst-1 --name ddmtest --base-authority SELECT,INSERT \
             --description Account --databases zhxtest",
        )
        .body(json!({"users": [{
            "name": "ddmtest", "password": PASSWORD, "base_authority": ["SELECT", "INSERT"],
            "description": "Account", "databases": [{"name": "zhxtest"}],
        }]})),
        Case::new("ddm_delete_user", "DeleteUser", "DELETE /v1/proj-1/instances/inst-1/users/ddmtest", account),
        Case::new(
            "ddm_update_user",
            "UpdateUser",
            "PUT /v1/proj-1/instances/inst-1/users/ddmtest",
            "--instance-id inst-1 --username ddmtest --base-authority SELECT \
             --description readonly --databases zhxtest",
        )
        .body(json!({"user": {
            "base_authority": ["SELECT"], "description": "readonly", "databases": [{"name": "zhxtest"}],
        }})),
        Case::new(
            "ddm_reset_user_password",
            "ResetUserPassword",
            "POST /v2/proj-1/instances/inst-1/users/ddmtest/password",
            account,
        )
        .body(json!({"password": PASSWORD})),
        Case::new(
            "ddm_list_ddm_users",
            "ListDdmUsers",
            "GET /v3/proj-1/instances/inst-1/users?limit=20&offset=10",
            "--instance-id inst-1 --offset 10 --limit 20",
        ),
        Case::new(
            "ddm_create_ddm_user",
            "CreateDdmUser",
            "POST /v3/proj-1/instances/inst-1/users",
            "--instance-id inst-1 --name ddmtest --base-authority CREATE,SELECT \
             --password-lifetime 90 --databases db1,db2",
        )
        .body(json!({
            "name": "ddmtest", "password": PASSWORD, "base_authority": ["CREATE", "SELECT"],
            "password_lifetime": 90, "databases": [{"name": "db1"}, {"name": "db2"}],
        })),
        Case::new("ddm_delete_ddm_user", "DeleteDdmUser", "DELETE /v3/proj-1/instances/inst-1/users/ddmtest", account),
        Case::new(
            "ddm_update_ddm_user",
            "UpdateDdmUser",
            "PUT /v3/proj-1/instances/inst-1/users/ddmtest",
            "--instance-id inst-1 --username ddmtest --description readonly --password-lifetime 0",
        )
        .body(json!({"description": "readonly", "password_lifetime": 0})),
        Case::new(
            "ddm_reset_ddm_user_password",
            "ResetDdmUserPassword",
            "POST /v3/proj-1/instances/inst-1/users/ddmtest/password",
            account,
        )
        .body(json!({"password": PASSWORD})),
        Case {
            // The page prints `error_code` as the number 0 for a String field (the SDK keeps "0").
            adjust: |v| v["error_code"] = json!("0"),
            ..Case::new(
                "dws_om_user_status",
                "ShowDatabaseOmUserStatus",
                "GET /v1/proj-1/clusters/8f2d1c4e-5b6a-4c3d-9e8f-7a6b5c4d3e2f/db-manager/om-user/status",
                "--cluster-id 8f2d1c4e-5b6a-4c3d-9e8f-7a6b5c4d3e2f",
            )
        },
        Case::new(
            "iam_list_projects",
            "KeystoneListProjects",
            "GET /v3/projects?enabled=true&name=cn-north-4",
            "--name cn-north-4 --enabled true",
        ),
    ]
}

/// `value` without its null members: the SDK omits absent fields the pages print as `null`.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_nulls(v))).collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

/// Runs `case` against a server answering with the documented 200 example (or `{}`) and checks
/// what it printed and sent; the error names what differs.
async fn check(case: &Case) -> Result<(), String> {
    let example = documented_example_opt(case.operation, 200).unwrap_or_else(|| "{}".to_owned());
    let request_id = format!("req-{}", case.example);
    let server = Server::start(vec![Reply::json(200, &example).header("X-Request-Id", &request_id)]).await;
    let env = [("DDM_USER_PASSWORD", PASSWORD)];
    let args: Vec<&str> = case.args.split_whitespace().collect();
    let out = run_example(case.example, &args, &server.url(), &env).await;
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    let fail = |what: String| Err(format!("{what}\nstdout: {stdout}\nstderr: {stderr}"));
    if !out.status.success() {
        return fail(format!("exit status {:?}", out.status.code()));
    }
    let mut expected = without_nulls(serde_json::from_str(&example).map_err(|e| format!("example: {e}"))?);
    (case.adjust)(&mut expected);
    match serde_json::from_str::<Value>(&stdout) {
        Ok(printed) if printed == expected => {}
        _ => return fail(format!("stdout is not the JSON {expected}")),
    }
    let status_line = format!("status 200, request ID {request_id}");
    if !stderr.lines().any(|l| l == status_line) {
        return fail(format!("stderr has no line {status_line:?}"));
    }
    if stdout.contains(PASSWORD) || stderr.contains(PASSWORD) {
        return fail("the password was printed".to_owned());
    }

    let requests = server.requests();
    let [req] = requests.as_slice() else { return fail(format!("{} requests received, not 1", requests.len())) };
    let sent = format!("{} {}", req.method, req.target);
    if sent != case.request_line {
        return fail(format!("sent {sent:?}, not {:?}", case.request_line));
    }
    // A body that is not JSON reads as `null`, which no case expects.
    let body = (!req.body.is_empty()).then(|| serde_json::from_slice(&req.body).unwrap_or(Value::Null));
    if body != case.body {
        return fail(format!("sent the body {:?}, not {:?}", text(&req.body), case.body));
    }
    catch_unwind(AssertUnwindSafe(|| verify_signature(req, SK)))
        .map(drop)
        .or_else(|_| fail("the signature does not verify (see the panic above)".to_owned()))
}

#[tokio::test]
async fn every_operation_example_sends_its_request_and_prints_the_response_with_status_and_request_id() {
    let mut failures = Vec::new();
    for case in cases() {
        if let Err(e) = check(&case).await {
            failures.push(format!("example {}: {e}", case.example));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[tokio::test]
async fn a_documented_400_makes_an_operation_example_exit_1_with_the_error_code() {
    let body = documented_example("CreateDdmUser", 400);
    let server = Server::start(vec![Reply::json(400, &body).header("X-Request-Id", "req-400")]).await;
    let args = ["--instance-id", "inst-1", "--name", "ddmtest", "--base-authority", "SELECT"];
    let out = run_example("ddm_create_ddm_user", &args, &server.url(), &[("DDM_USER_PASSWORD", PASSWORD)]).await;
    assert_eq!(out.status.code(), Some(1), "stderr: {}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("HTTP 400 DBS.280001: Parameter error.") && stderr.contains("req-400"), "{stderr}");
    assert!(!stderr.contains("status 400"), "an error is not printed as a success: {stderr}");
    assert!(out.stdout.is_empty());
}

#[tokio::test]
async fn a_password_example_without_ddm_user_password_exits_2_before_sending_anything() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let args = ["--instance-id", "inst-1", "--username", "ddmtest"];
    let out = run_example("ddm_reset_ddm_user_password", &args, &server.url(), &[]).await;
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("DDM_USER_PASSWORD") && stderr.contains("usage:"), "{stderr}");
    assert!(server.requests().is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn an_undocumented_base_authority_exits_2_before_sending_anything() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let args = ["--instance-id", "inst-1", "--username", "ddmtest", "--base-authority", "SELECT,GRANT"];
    let out = run_example("ddm_update_ddm_user", &args, &server.url(), &[]).await;
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    let refused = "--base-authority: `GRANT` is not a documented BaseAuthority value \
                   (CREATE, DROP, ALTER, INDEX, INSERT, DELETE, UPDATE, SELECT)";
    assert!(stderr.contains(refused), "{stderr}");
    assert!(server.requests().is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn every_example_sends_what_the_spec_documents_according_to_the_mock_cloud() {
    // The mock cloud checks each request against the operation's tables and its signature, so an
    // example that sends an undocumented field or value, or misses a mandatory one, fails here.
    use huaweicloud_sdk::mock::{ACCESS_KEY, SECRET_KEY};
    let cloud = huaweicloud_sdk::mock::MockCloud::start().await.expect("mock cloud");
    let env = [("HUAWEICLOUD_SDK_AK", ACCESS_KEY), ("HUAWEICLOUD_SDK_SK", SECRET_KEY), ("DDM_USER_PASSWORD", PASSWORD)];
    let mut runs: Vec<(&str, &str, String)> =
        cases().into_iter().map(|c| (c.example, c.operation, c.args.to_owned())).collect();
    runs.push(("ddm_list_users", "ListUsers", "--instance-id inst-1 --limit 20".to_owned()));
    runs.push((
        "dws_om_user_action",
        "ExecuteDatabaseOmUserAction",
        "--cluster-id c-1 --operation addOmUser".to_owned(),
    ));
    let mut failures = Vec::new();
    for (example, operation, args) in &runs {
        let args: Vec<&str> = args.split_whitespace().collect();
        let out = run_example(example, &args, &cloud.url(), &env).await;
        let received = cloud.requests_of(operation);
        let violations: Vec<String> = received.iter().filter_map(|r| r.violation.clone()).collect();
        if !out.status.success() || received.is_empty() || !violations.is_empty() {
            failures.push(format!(
                "example {example}: exit {:?}, {} request(s), violations {violations:?}\n{}",
                out.status.code(),
                received.len(),
                text(&out.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(cloud.requests().iter().all(|r| r.violation.is_none()));
}
