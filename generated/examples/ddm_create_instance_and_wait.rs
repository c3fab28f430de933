//! Waiting for an asynchronous job, on the mock cloud with no credentials and no network: creates a
//! DDM instance (`CreateInstance` answers at once with a job ID), then waits for the job
//! (`wait_for_create_instance` polls `ShowDdmJobResult` until the job is `Completed` or `Failed`),
//! printing each status and progress. The mock cloud plays the job: three polls `Running`, then
//! `Completed` (`MockServer::play_job`); pass `--fail` to have it fail instead.
//!
//! ```text
//! cargo run -p huaweicloud-sdk --features mock --example ddm_create_instance_and_wait
//! ```
//!
//! Against the real cloud, build the client from `Config::builder().region("cn-north-4")` (the
//! credentials come from the environment, a profile or the server's agency: README, "Credentials")
//! instead of `cloud.config()`, and poll every few seconds: the defaults of `WaitOptions` do.

use std::process::ExitCode;
use std::time::Duration;

use huaweicloud_sdk::ddm::v1::{
    DdmClient,
    create_instance::CreateInstanceRequest,
    types::{CreateInstanceDetail, CreateInstanceReq},
};
use huaweicloud_sdk::mock::{JobScript, MockCloud};
use huaweicloud_sdk::runtime::waiter::{WaitError, WaitOptions};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run(std::env::args().any(|a| a == "--fail")).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(fail: bool) -> Result<(), Box<dyn std::error::Error>> {
    let cloud = MockCloud::start().await?;
    let script = if fail { JobScript::fails_after(3) } else { JobScript::succeeds_after(3) };
    cloud.play_job("CreateInstance", script)?;
    let ddm = DdmClient::new(cloud.config());

    let detail = CreateInstanceDetail::new(
        "ddm-example",
        "flavor-1",
        2,
        "engine-1",
        vec!["cn-north-4a".to_owned()],
        "vpc-1",
        "sg-1",
        "subnet-1",
    );
    let request = CreateInstanceRequest::new(CreateInstanceReq::new(detail));
    let started = ddm.create_instance(&request).await?;
    println!(
        "CreateInstance: instance {}, job {}",
        started.id.as_deref().unwrap_or("-"),
        started.job_id.as_deref().unwrap_or("-")
    );

    // The mock answers at once: poll every 50 ms (the defaults start at 2 s, for the real cloud).
    let options = WaitOptions::new()
        .timeout(Duration::from_secs(60))
        .interval(Duration::from_millis(50), Duration::from_millis(200))
        .on_progress(|p| {
            println!("  poll {}: {} {}", p.polls, p.status, p.progress.as_deref().unwrap_or(""));
        });
    match ddm.wait_for_create_instance(&request, &started, &options).await {
        Ok(done) => {
            let job = done.job.as_ref();
            println!(
                "job {}: {} (request ID {:?})",
                job.and_then(|j| j.id.as_deref()).unwrap_or("-"),
                job.and_then(|j| j.status.as_deref()).unwrap_or("-"),
                done.meta().request_id()
            );
        }
        Err(e @ WaitError::Failed(_)) => println!("the job failed: {e}"),
        Err(e) => return Err(e.into()),
    }

    let broken = cloud.requests().iter().filter(|r| r.violation.is_some()).count();
    println!("{} requests, {broken} breaking the spec", cloud.requests().len());
    Ok(())
}
