//! Lists the accounts of a DDM instance (DDM `ListDdmUsers`, the v3 API).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --example ddm_list_ddm_users -- --instance-id ID [--offset N] [--limit N] [--region R]
//! ```
//!
//! Credentials come from `HUAWEICLOUD_SDK_AK`/`HUAWEICLOUD_SDK_SK` (or `CLOUD_SDK_AK`/`CLOUD_SDK_SK`,
//! or `~/.huaweicloud/credentials`) and the project from `HUAWEICLOUD_SDK_PROJECT_ID`;
//! `HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_4=http://127.0.0.1:8080` sends the call to a local server.
//! Prints the response as JSON (and its status and request ID on stderr) and exits 0, or prints the
//! error and exits 1.

mod common;

use std::process::ExitCode;

use huaweicloud_sdk::ddm::v1::{DdmClient, list_ddm_users::ListDdmUsersRequest};

const USAGE: &str = "ddm_list_ddm_users --instance-id ID [--offset N] [--limit N] [--region REGION]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    common::main(USAGE, &["instance-id", "offset", "limit"], build, |config, request| async move {
        DdmClient::new(&config).list_ddm_users(&request).await
    })
    .await
}

fn build(args: &common::Args) -> Result<ListDdmUsersRequest, String> {
    let mut request = ListDdmUsersRequest::new(args.required("instance-id")?);
    if let Some(offset) = args.number("offset")? {
        request = request.offset(offset);
    }
    if let Some(limit) = args.number("limit")? {
        request = request.limit(limit);
    }
    Ok(request)
}
