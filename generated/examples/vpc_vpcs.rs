//! VPC on the mock cloud, with no credentials and no network: lists the VPCs of the project (`ListVpcs`), then
//! shows the first one (`ShowVpc`).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --features mock --example vpc_vpcs
//! ```
//!
//! Against the real cloud, build the client from `Config::builder().region("cn-north-4")` (the
//! credentials come from the environment, a profile or the server's agency: README, "Credentials")
//! instead of `cloud.config()`.

use std::process::ExitCode;

use huaweicloud_sdk::vpc::v3::{VpcClient, list_vpcs::ListVpcsRequest, show_vpc::ShowVpcRequest};
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
    let vpc = VpcClient::new(cloud.config());

    let listed = vpc.list_vpcs(&ListVpcsRequest::new().limit(50)).await?;
    let vpcs = listed.vpcs.as_deref().unwrap_or_default();
    println!("ListVpcs: {} VPC(s)", vpcs.len());
    for v in vpcs {
        println!(
            "  {} {} {} {}",
            v.id.as_deref().unwrap_or("-"),
            v.name.as_deref().unwrap_or("-"),
            v.cidr.as_deref().unwrap_or("-"),
            v.status.as_deref().unwrap_or("-")
        );
    }

    let id = vpcs.iter().find_map(|v| v.id.clone()).unwrap_or_else(|| "vpc-1".to_owned());
    let shown = vpc.show_vpc(&ShowVpcRequest::new(&id)).await?;
    let v = shown.vpc.as_ref();
    println!(
        "ShowVpc {id}: name {:?}, CIDR {:?} (request ID {:?})",
        v.and_then(|v| v.name.as_deref()),
        v.and_then(|v| v.cidr.as_deref()),
        shown.meta().request_id()
    );

    let broken = cloud.requests().iter().filter(|r| r.violation.is_some()).count();
    println!("{} requests, {broken} breaking the spec", cloud.requests().len());
    Ok(())
}
