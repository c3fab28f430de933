//! ELB on the mock cloud, with no credentials and no network: lists the load balancers of the project (`ListLoadBalancers`), then
//! shows the first one (`ShowLoadBalancer`).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --features mock --example elb_load_balancers
//! ```
//!
//! Against the real cloud, build the client from `Config::builder().region("cn-north-4")` (the
//! credentials come from the environment, a profile or the server's agency: README, "Credentials")
//! instead of `cloud.config()`.

use std::process::ExitCode;

use huaweicloud_sdk::elb::v3::{
    ElbClient, list_load_balancers::ListLoadBalancersRequest, show_load_balancer::ShowLoadBalancerRequest,
};
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
    let elb = ElbClient::new(cloud.config());

    let listed = elb.list_load_balancers(&ListLoadBalancersRequest::new().limit(50)).await?;
    let balancers = listed.loadbalancers.as_deref().unwrap_or_default();
    println!("ListLoadBalancers: {} load balancer(s)", balancers.len());
    for b in balancers {
        println!(
            "  {} {} {} {:?}",
            b.id.as_deref().unwrap_or("-"),
            b.name.as_deref().unwrap_or("-"),
            b.vip_address.as_deref().unwrap_or("-"),
            b.provisioning_status
        );
    }

    let id = balancers.iter().find_map(|b| b.id.clone()).unwrap_or_else(|| "loadbalancer-1".to_owned());
    let shown = elb.show_load_balancer(&ShowLoadBalancerRequest::new(&id)).await?;
    let b = shown.loadbalancer.as_ref();
    println!(
        "ShowLoadBalancer {id}: name {:?}, VIP {:?} (request ID {:?})",
        b.and_then(|b| b.name.as_deref()),
        b.and_then(|b| b.vip_address.as_deref()),
        shown.meta().request_id()
    );

    let broken = cloud.requests().iter().filter(|r| r.violation.is_some()).count();
    println!("{} requests, {broken} breaking the spec", cloud.requests().len());
    Ok(())
}
