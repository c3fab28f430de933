//! CCE on the mock cloud, with no credentials and no network: lists the clusters of the project (`ListClusters`), then
//! shows the first one (`ShowCluster`).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --features mock --example cce_clusters
//! ```
//!
//! Against the real cloud, build the client from `Config::builder().region("cn-north-4")` (the
//! credentials come from the environment, a profile or the server's agency: README, "Credentials")
//! instead of `cloud.config()`.

use std::process::ExitCode;

use huaweicloud_sdk::cce::v3::{CceClient, list_clusters::ListClustersRequest, show_cluster::ShowClusterRequest};
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
    let cce = CceClient::new(cloud.config());

    let listed = cce.list_clusters(&ListClustersRequest::new()).await?;
    let clusters = listed.items.as_deref().unwrap_or_default();
    println!("ListClusters: {} cluster(s)", clusters.len());
    for c in clusters {
        let metadata = c.metadata.as_ref();
        println!(
            "  {} {} {}",
            metadata.and_then(|m| m.uid.as_deref()).unwrap_or("-"),
            metadata.and_then(|m| m.name.as_deref()).unwrap_or("-"),
            c.status.as_ref().and_then(|s| s.phase.as_deref()).unwrap_or("-")
        );
    }

    let id = clusters
        .iter()
        .find_map(|c| c.metadata.as_ref().and_then(|m| m.uid.clone()))
        .unwrap_or_else(|| "cluster-1".to_owned());
    let shown = cce.show_cluster(&ShowClusterRequest::new(&id)).await?;
    println!(
        "ShowCluster {id}: name {:?}, phase {:?} (request ID {:?})",
        shown.metadata.as_ref().and_then(|m| m.name.as_deref()),
        shown.status.as_ref().and_then(|s| s.phase.as_deref()),
        shown.meta().request_id()
    );

    let broken = cloud.requests().iter().filter(|r| r.violation.is_some()).count();
    println!("{} requests, {broken} breaking the spec", cloud.requests().len());
    Ok(())
}
