//! Adds, deletes or extends the O&M account of a DWS cluster (DWS `ExecuteDatabaseOmUserAction`).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --example dws_om_user_action -- --cluster-id ID --operation addOmUser|deleteOmUser|increaseOmUserPeriod [--region R]
//! ```
//!
//! Credentials come from `HUAWEICLOUD_SDK_AK`/`HUAWEICLOUD_SDK_SK` (or `CLOUD_SDK_AK`/`CLOUD_SDK_SK`,
//! or `~/.huaweicloud/credentials`) and the project from `HUAWEICLOUD_SDK_PROJECT_ID`;
//! `HUAWEICLOUD_SDK_REGION_DWS_CN_NORTH_4=http://127.0.0.1:8080` sends the call to a local server.
//! Prints the response as JSON and exits 0, or prints the error and exits 1.

mod common;

use std::process::ExitCode;

use huaweicloud_sdk::dws::v2::{DwsClient, types::{DatabaseOmUserActionReq, Operation}, execute_database_om_user_action::ExecuteDatabaseOmUserActionRequest};

const USAGE: &str =
    "dws_om_user_action --cluster-id ID --operation addOmUser|deleteOmUser|increaseOmUserPeriod [--region REGION]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    common::main(USAGE, &["cluster-id", "operation"], build, |config, request| async move {
        DwsClient::new(&config).execute_database_om_user_action(&request).await
    })
    .await
}

fn build(args: &common::Args) -> Result<ExecuteDatabaseOmUserActionRequest, String> {
    let operation: Operation = args.required("operation")?.parse().map_err(|e| format!("--operation: {e}"))?;
    let body = DatabaseOmUserActionReq::new(operation);
    Ok(ExecuteDatabaseOmUserActionRequest::new(args.required("cluster-id")?, body))
}
