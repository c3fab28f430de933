//! EIP on the mock cloud, with no credentials and no network: lists the EIPs of the project
//! (`ListPublicips`, API v3), then shows the first one (`ShowPublicip`).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --features mock --example eip_publicips
//! ```
//!
//! Against the real cloud, build the client from `Config::builder().region("cn-north-4")` (the
//! credentials come from the environment, a profile or the server's agency: README, "Credentials")
//! instead of `cloud.config()`.

use std::process::ExitCode;

use huaweicloud_sdk::eip::v3::{EipClient, list_publicips::ListPublicipsRequest, show_publicip::ShowPublicipRequest};
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
    let eip = EipClient::new(cloud.config());

    let listed = eip.list_publicips(&ListPublicipsRequest::new().limit(50)).await?;
    let addresses = listed.publicips.as_deref().unwrap_or_default();
    println!("ListPublicips: {} EIP(s) (total {:?})", addresses.len(), listed.total_count);
    for address in addresses {
        println!(
            "  {} {} {} {}",
            address.id.as_deref().unwrap_or("-"),
            address.public_ip_address.as_deref().unwrap_or("-"),
            address.alias.as_deref().unwrap_or("-"),
            address.status.as_deref().unwrap_or("-")
        );
    }

    let id = addresses.iter().find_map(|a| a.id.clone()).unwrap_or_else(|| "publicip-1".to_owned());
    let shown = eip.show_publicip(&ShowPublicipRequest::new(&id)).await?;
    let address = shown.publicip.as_ref();
    println!(
        "ShowPublicip {id}: address {:?}, status {:?} (request ID {:?})",
        address.and_then(|a| a.public_ip_address.as_deref()),
        address.and_then(|a| a.status.as_deref()),
        shown.meta().request_id()
    );

    let broken = cloud.requests().iter().filter(|r| r.violation.is_some()).count();
    println!("{} requests, {broken} breaking the spec", cloud.requests().len());
    Ok(())
}
