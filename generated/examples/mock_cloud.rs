//! The mock cloud as a server of its own: starts it on a free port of 127.0.0.1, prints the
//! environment that points the SDK (and the other examples) at it, and answers every operation of
//! `spec/` as its page documents it until Ctrl-C or the end of standard input (Ctrl-D); then prints
//! each request it received and the rule of the spec it broke, if any.
//!
//! ```text
//! cargo run -p huaweicloud-sdk --features mock --example mock_cloud
//! # in another shell, paste the two `export` lines it prints, then for example:
//! cargo run -p huaweicloud-sdk --example ddm_list_users -- --instance-id instance-1
//! ```
//!
//! The credentials it prints are the mock's own published constants
//! (`huaweicloud_sdk::mock::ACCESS_KEY`, `SECRET_KEY`), not secrets. Exits 0, or 1 when the server
//! cannot start.

use std::process::ExitCode;

use huaweicloud_sdk::mock::{ACCESS_KEY, MockCloud, PROJECT_ID, REGION, SECRET_KEY};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cloud = match MockCloud::start().await {
        Ok(cloud) => cloud,
        Err(e) => {
            eprintln!("error: the mock cloud did not start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let url = cloud.url();
    println!("mock cloud at {url}, serving {} operations; Ctrl-C or Ctrl-D stops it", cloud.operations().len());
    println!("export HUAWEICLOUD_SDK_AK={ACCESS_KEY} HUAWEICLOUD_SDK_SK={SECRET_KEY} HUAWEICLOUD_SDK_PROJECT_ID={PROJECT_ID}");
    let region = REGION.to_ascii_uppercase().replace('-', "_");
    // Every service of spec/ (an unused endpoint variable is harmless), each at its own port:
    // services share paths (RDS's ListInstances and DDM's ListDdms), as they have their own hosts.
    let endpoints: Vec<String> = [
        "CCE", "CES", "DDM", "DNS", "DWS", "ECS", "EIP", "ELB", "EVS", "IAM", "IMS", "KMS", "RDS", "VPC",
    ]
        .iter()
        .map(|service| {
            let at = cloud.service_url(service).unwrap_or_else(|| url.clone());
            format!("HUAWEICLOUD_SDK_REGION_{service}_{region}={at}")
        })
        .collect();
    println!("export {}", endpoints.join(" "));

    // Standard input is read on a blocking thread: the server keeps answering meanwhile.
    let stdin = tokio::task::spawn_blocking(|| std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink()));
    tokio::select! {
        read = stdin => if let Ok(Err(e)) = read {
            eprintln!("reading standard input: {e}; stopping");
        },
        signal = tokio::signal::ctrl_c() => if let Err(e) = signal {
            eprintln!("waiting for Ctrl-C: {e}; stopping");
        },
    }

    let received = cloud.requests();
    for r in &received {
        let verdict = r.violation.as_deref().unwrap_or("as documented");
        println!("{} {} {}: {}, {verdict}", r.operation.unwrap_or("(no operation)"), r.method, r.path, r.status);
    }
    let broken = received.iter().filter(|r| r.violation.is_some()).count();
    let n = received.len();
    println!("{n} request{}, {broken} breaking the spec", if n == 1 { "" } else { "s" });
    // After Ctrl-C the thread reading standard input is still blocked, and the runtime would wait
    // for it on the way out: exit here.
    std::process::exit(0)
}
