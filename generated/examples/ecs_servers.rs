//! ECS on the mock cloud, with no credentials and no network: lists the servers of the project
//! (`ListServersDetails`, every page), then shows the first one (`ShowServer`).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --features mock --example ecs_servers
//! ```
//!
//! Against the real cloud, build the client from `Config::builder().region("cn-north-4")` (the
//! credentials come from the environment, a profile or the server's agency: README, "Credentials")
//! instead of `cloud.config()`.

use std::process::ExitCode;

use huaweicloud_sdk::ecs::v2::{EcsClient, list_servers_details::ListServersDetailsRequest, show_server::ShowServerRequest};
use huaweicloud_sdk::mock::MockCloud;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let cloud = MockCloud::start().await?;
    let ecs = EcsClient::new(cloud.config());

    let servers = ecs.list_servers_details_all(&ListServersDetailsRequest::new().limit(50)).collect_all().await?;
    println!("ListServersDetails: {} server(s)", servers.len());
    for server in &servers {
        println!(
            "  {} {} {}",
            server.id.as_deref().unwrap_or("-"),
            server.name.as_deref().unwrap_or("-"),
            server.status.as_deref().unwrap_or("-")
        );
    }

    let id = servers.iter().find_map(|s| s.id.clone()).unwrap_or_else(|| "server-1".to_owned());
    let shown = ecs.show_server(&ShowServerRequest::new(&id)).await?;
    let server = shown.server.as_ref();
    println!(
        "ShowServer {id}: name {:?}, status {:?}, flavor {:?} (request ID {:?})",
        server.and_then(|s| s.name.as_deref()),
        server.and_then(|s| s.status.as_deref()),
        server.and_then(|s| s.flavor.as_ref()).and_then(|f| f.id.as_deref()),
        shown.meta().request_id()
    );

    let broken = cloud.requests().iter().filter(|r| r.violation.is_some()).count();
    println!("{} requests, {broken} breaking the spec", cloud.requests().len());
    Ok(())
}
