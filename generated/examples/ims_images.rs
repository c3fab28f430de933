//! IMS on the mock cloud, with no credentials and no network: lists the images the project sees
//! (`ListImages`), then shows the first one (`GlanceShowImage`).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --features mock --example ims_images
//! ```
//!
//! Against the real cloud, build the client from `Config::builder().region("cn-north-4")` (the
//! credentials come from the environment, a profile or the server's agency: README, "Credentials")
//! instead of `cloud.config()`.

use std::process::ExitCode;

use huaweicloud_sdk::ims::v2::{ImsClient, glance_show_image::GlanceShowImageRequest, list_images::ListImagesRequest};
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
    let ims = ImsClient::new(cloud.config());

    let listed = ims.list_images(&ListImagesRequest::new().limit(50)).await?;
    let images = listed.images.as_deref().unwrap_or_default();
    println!("ListImages: {} image(s)", images.len());
    for image in images {
        println!(
            "  {} {} {} {}",
            image.id.as_deref().unwrap_or("-"),
            image.name.as_deref().unwrap_or("-"),
            image.os_version.as_deref().unwrap_or("-"),
            image.status.as_deref().unwrap_or("-")
        );
    }

    let id = images.iter().find_map(|i| i.id.clone()).unwrap_or_else(|| "image-1".to_owned());
    let shown = ims.glance_show_image(&GlanceShowImageRequest::new(&id)).await?;
    println!(
        "GlanceShowImage {id}: name {:?}, status {:?}, visibility {:?} (request ID {:?})",
        shown.name,
        shown.status,
        shown.visibility,
        shown.meta().request_id()
    );

    let broken = cloud.requests().iter().filter(|r| r.violation.is_some()).count();
    println!("{} requests, {broken} breaking the spec", cloud.requests().len());
    Ok(())
}
