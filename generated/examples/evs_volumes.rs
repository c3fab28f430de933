//! EVS on the mock cloud, with no credentials and no network: lists the disks of the project
//! (`ListVolumes`, every page), then shows the first one (`ShowVolume`).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --features mock --example evs_volumes
//! ```
//!
//! Against the real cloud, build the client from `Config::builder().region("cn-north-4")` (the
//! credentials come from the environment, a profile or the server's agency: README, "Credentials")
//! instead of `cloud.config()`.

use std::process::ExitCode;

use huaweicloud_sdk::evs::v2::{EvsClient, list_volumes::ListVolumesRequest, show_volume::ShowVolumeRequest};
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
    let evs = EvsClient::new(cloud.config());

    let listed = evs.list_volumes(&ListVolumesRequest::new().limit(50)).await?;
    let volumes = listed.volumes.as_deref().unwrap_or_default();
    println!("ListVolumes: {} disk(s) (count {:?})", volumes.len(), listed.count);
    for volume in volumes {
        println!(
            "  {} {} {} GB {}",
            volume.id.as_deref().unwrap_or("-"),
            volume.name.as_deref().unwrap_or("-"),
            volume.size.map_or_else(|| "-".to_owned(), |s| s.to_string()),
            volume.status.as_deref().unwrap_or("-")
        );
    }

    let id = volumes.iter().find_map(|v| v.id.clone()).unwrap_or_else(|| "volume-1".to_owned());
    let shown = evs.show_volume(&ShowVolumeRequest::new(&id)).await?;
    let volume = shown.volume.as_ref();
    println!(
        "ShowVolume {id}: name {:?}, status {:?}, type {:?} (request ID {:?})",
        volume.and_then(|v| v.name.as_deref()),
        volume.and_then(|v| v.status.as_deref()),
        volume.and_then(|v| v.volume_type.as_deref()),
        shown.meta().request_id()
    );

    let broken = cloud.requests().iter().filter(|r| r.violation.is_some()).count();
    println!("{} requests, {broken} breaking the spec", cloud.requests().len());
    Ok(())
}
