//! RDS on the mock cloud, with no credentials and no network: lists the DB instances of the project (`ListInstances`), then
//! shows the first one (`ShowInstanceConfiguration`).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --features mock --example rds_instances
//! ```
//!
//! Against the real cloud, build the client from `Config::builder().region("cn-north-4")` (the
//! credentials come from the environment, a profile or the server's agency: README, "Credentials")
//! instead of `cloud.config()`.

use std::process::ExitCode;

use huaweicloud_sdk::rds::v3::{
    RdsClient, list_instances::ListInstancesRequest, show_instance_configuration::ShowInstanceConfigurationRequest,
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
    let rds = RdsClient::new(cloud.config());

    let listed = rds.list_instances(&ListInstancesRequest::new().limit(50)).await?;
    let instances = listed.instances.as_deref().unwrap_or_default();
    println!("ListInstances: {} instance(s) (total {:?})", instances.len(), listed.total_count);
    for i in instances {
        println!(
            "  {} {} port {} {}",
            i.id.as_deref().unwrap_or("-"),
            i.name.as_deref().unwrap_or("-"),
            i.port.map_or_else(|| "-".to_owned(), |p| p.to_string()),
            i.status.as_deref().unwrap_or("-")
        );
    }

    let id = instances.iter().find_map(|i| i.id.clone()).unwrap_or_else(|| "instance-1".to_owned());
    let shown = rds.show_instance_configuration(&ShowInstanceConfigurationRequest::new(&id)).await?;
    println!(
        "ShowInstanceConfiguration {id}: {:?} {:?}, {} parameter(s) (request ID {:?})",
        shown.datastore_name,
        shown.datastore_version_name,
        shown.configuration_parameters.as_deref().unwrap_or_default().len(),
        shown.meta().request_id()
    );

    let broken = cloud.requests().iter().filter(|r| r.violation.is_some()).count();
    println!("{} requests, {broken} breaking the spec", cloud.requests().len());
    Ok(())
}
