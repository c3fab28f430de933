//! DNS on the mock cloud, with no credentials and no network: lists the public zones of the
//! account (`ListPublicZones`), then shows the first one (`ShowPublicZone`).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --features mock --example dns_zones
//! ```
//!
//! Against the real cloud, build the client from `Config::builder().region("cn-north-4")` (the
//! credentials come from the environment, a profile or the server's agency: README, "Credentials")
//! instead of `cloud.config()`.

use std::process::ExitCode;

use huaweicloud_sdk::dns::v2::{DnsClient, list_public_zones::ListPublicZonesRequest, show_public_zone::ShowPublicZoneRequest};
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
    let dns = DnsClient::new(cloud.config());

    let listed = dns.list_public_zones(&ListPublicZonesRequest::new().limit(50)).await?;
    let zones = listed.zones.as_deref().unwrap_or_default();
    println!("ListPublicZones: {} zone(s)", zones.len());
    for zone in zones {
        println!(
            "  {} {} {} records {}",
            zone.id.as_deref().unwrap_or("-"),
            zone.name.as_deref().unwrap_or("-"),
            zone.record_num.map_or_else(|| "-".to_owned(), |n| n.to_string()),
            zone.status.as_deref().unwrap_or("-")
        );
    }

    let id = zones.iter().find_map(|z| z.id.clone()).unwrap_or_else(|| "zone-1".to_owned());
    let shown = dns.show_public_zone(&ShowPublicZoneRequest::new(&id)).await?;
    println!(
        "ShowPublicZone {id}: name {:?}, status {:?}, TTL {:?} (request ID {:?})",
        shown.name,
        shown.status,
        shown.ttl,
        shown.meta().request_id()
    );

    let broken = cloud.requests().iter().filter(|r| r.violation.is_some()).count();
    println!("{} requests, {broken} breaking the spec", cloud.requests().len());
    Ok(())
}
