//! Modifies an account of a DDM instance with the v1 API (DDM `UpdateUser`); settings left out stay
//! as they are.
//!
//! ```text
//! cargo run -p huaweicloud-sdk --example ddm_update_user -- --instance-id ID --username NAME [--base-authority SELECT,INSERT] [--description TEXT] [--databases DB1,DB2] [--region R]
//! ```
//!
//! Credentials come from `HUAWEICLOUD_SDK_AK`/`HUAWEICLOUD_SDK_SK` (or `CLOUD_SDK_AK`/`CLOUD_SDK_SK`,
//! or `~/.huaweicloud/credentials`) and the project from `HUAWEICLOUD_SDK_PROJECT_ID`;
//! `HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_4=http://127.0.0.1:8080` sends the call to a local server.
//! Prints the response as JSON (and its status and request ID on stderr) and exits 0, or prints the
//! error and exits 1.

mod common;

use std::process::ExitCode;

use huaweicloud_sdk::ddm::v1::{DdmClient, types::{UpdateUserDetailReq, UpdateUserReq, UpdateUsersDatabases}, update_user::UpdateUserRequest};

const USAGE: &str = "ddm_update_user --instance-id ID --username NAME [--base-authority SELECT,INSERT] \
                     [--description TEXT] [--databases DB1,DB2] [--region REGION]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let known = ["instance-id", "username", "base-authority", "description", "databases"];
    common::main(USAGE, &known, build, |config, request| async move {
        DdmClient::new(&config).update_user(&request).await
    })
    .await
}

fn build(args: &common::Args) -> Result<UpdateUserRequest, String> {
    let mut user = UpdateUserDetailReq::new();
    if let Some(authority) = common::base_authority(args, "base-authority")? {
        user = user.base_authority(authority);
    }
    if let Some(description) = args.get("description") {
        user = user.description(description);
    }
    if let Some(databases) = args.list("databases")? {
        user = user.databases(databases.into_iter().map(|name| UpdateUsersDatabases::new().name(name)).collect());
    }
    let body = UpdateUserReq::new(user);
    Ok(UpdateUserRequest::new(args.required("instance-id")?, args.required("username")?, body))
}
