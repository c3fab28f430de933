//! Deletes an account of a DDM instance with the v1 API (DDM `DeleteUser`).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --example ddm_delete_user -- --instance-id ID --username NAME [--region R]
//! ```
//!
//! Credentials come from `HUAWEICLOUD_SDK_AK`/`HUAWEICLOUD_SDK_SK` (or `CLOUD_SDK_AK`/`CLOUD_SDK_SK`,
//! or `~/.huaweicloud/credentials`) and the project from `HUAWEICLOUD_SDK_PROJECT_ID`;
//! `HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_4=http://127.0.0.1:8080` sends the call to a local server.
//! Prints the response as JSON (and its status and request ID on stderr) and exits 0, or prints the
//! error and exits 1.

mod common;

use std::process::ExitCode;

use huaweicloud_sdk::ddm::v1::{DdmClient, delete_user::DeleteUserRequest};

const USAGE: &str = "ddm_delete_user --instance-id ID --username NAME [--region REGION]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    common::main(USAGE, &["instance-id", "username"], build, |config, request| async move {
        DdmClient::new(&config).delete_user(&request).await
    })
    .await
}

fn build(args: &common::Args) -> Result<DeleteUserRequest, String> {
    Ok(DeleteUserRequest::new(args.required("instance-id")?, args.required("username")?))
}
