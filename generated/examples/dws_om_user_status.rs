//! Shows whether the O&M account of a DWS cluster is enabled and when it expires (DWS
//! `ShowDatabaseOmUserStatus`).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --example dws_om_user_status -- --cluster-id ID [--region R]
//! ```
//!
//! Credentials come from `HUAWEICLOUD_SDK_AK`/`HUAWEICLOUD_SDK_SK` (or `CLOUD_SDK_AK`/`CLOUD_SDK_SK`,
//! or `~/.huaweicloud/credentials`) and the project from `HUAWEICLOUD_SDK_PROJECT_ID`;
//! `HUAWEICLOUD_SDK_REGION_DWS_CN_NORTH_4=http://127.0.0.1:8080` sends the call to a local server.
//! Prints the response as JSON (and its status and request ID on stderr) and exits 0, or prints the
//! error and exits 1.

mod common;

use std::process::ExitCode;

use huaweicloud_sdk::dws::v2::{DwsClient, show_database_om_user_status::ShowDatabaseOmUserStatusRequest};

const USAGE: &str = "dws_om_user_status --cluster-id ID [--region REGION]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    common::main(USAGE, &["cluster-id"], build, |config, request| async move {
        DwsClient::new(&config).show_database_om_user_status(&request).await
    })
    .await
}

fn build(args: &common::Args) -> Result<ShowDatabaseOmUserStatusRequest, String> {
    Ok(ShowDatabaseOmUserStatusRequest::new(args.required("cluster-id")?))
}
