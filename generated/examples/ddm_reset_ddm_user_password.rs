//! Resets the password of an account of a DDM instance (DDM `ResetDdmUserPassword`, the v3 API).
//!
//! ```text
//! DDM_USER_PASSWORD=... cargo run -p huaweicloud-sdk --example ddm_reset_ddm_user_password -- --instance-id ID --username NAME [--region R]
//! ```
//!
//! The new password comes from `DDM_USER_PASSWORD`, never from the command line.
//! Credentials come from `HUAWEICLOUD_SDK_AK`/`HUAWEICLOUD_SDK_SK` (or `CLOUD_SDK_AK`/`CLOUD_SDK_SK`,
//! or `~/.huaweicloud/credentials`) and the project from `HUAWEICLOUD_SDK_PROJECT_ID`;
//! `HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_4=http://127.0.0.1:8080` sends the call to a local server.
//! Prints the response as JSON (`{}`: the response documents no fields) and its status and request
//! ID on stderr and exits 0, or prints the error and exits 1.

mod common;

use std::process::ExitCode;

use huaweicloud_sdk::ddm::v1::{DdmClient, types::ResetUserPasswordV3RequestBody, reset_ddm_user_password::ResetDdmUserPasswordRequest};

const USAGE: &str =
    "DDM_USER_PASSWORD=... ddm_reset_ddm_user_password --instance-id ID --username NAME [--region REGION]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    common::main(USAGE, &["instance-id", "username"], build, |config, request| async move {
        DdmClient::new(&config).reset_ddm_user_password(&request).await
    })
    .await
}

fn build(args: &common::Args) -> Result<ResetDdmUserPasswordRequest, String> {
    let body = ResetUserPasswordV3RequestBody::new(common::password("DDM_USER_PASSWORD")?);
    Ok(ResetDdmUserPasswordRequest::new(args.required("instance-id")?, args.required("username")?, body))
}
