//! Modifies an account of a DDM instance (DDM `UpdateDdmUser`, the v3 API); settings left out stay
//! as they are.
//!
//! ```text
//! cargo run -p huaweicloud-sdk --example ddm_update_ddm_user -- --instance-id ID --username NAME [--base-authority SELECT,INSERT] [--description TEXT] [--password-lifetime DAYS] [--databases DB1,DB2] [--region R]
//! ```
//!
//! Credentials come from `HUAWEICLOUD_SDK_AK`/`HUAWEICLOUD_SDK_SK` (or `CLOUD_SDK_AK`/`CLOUD_SDK_SK`,
//! or `~/.huaweicloud/credentials`) and the project from `HUAWEICLOUD_SDK_PROJECT_ID`;
//! `HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_4=http://127.0.0.1:8080` sends the call to a local server.
//! Prints the response as JSON (`{}`: the response documents no fields) and its status and request
//! ID on stderr and exits 0, or prints the error and exits 1.

mod common;

use std::process::ExitCode;

use huaweicloud_sdk::ddm::v1::{DdmClient, types::{UpdateUserRelatedLogicDbV3, UpdateUserV3RequestBody}, update_ddm_user::UpdateDdmUserRequest};

const USAGE: &str = "ddm_update_ddm_user --instance-id ID --username NAME [--base-authority SELECT,INSERT] \
                     [--description TEXT] [--password-lifetime DAYS] [--databases DB1,DB2] [--region REGION]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let known = ["instance-id", "username", "base-authority", "description", "password-lifetime", "databases"];
    common::main(USAGE, &known, build, |config, request| async move {
        DdmClient::new(&config).update_ddm_user(&request).await
    })
    .await
}

fn build(args: &common::Args) -> Result<UpdateDdmUserRequest, String> {
    let mut body = UpdateUserV3RequestBody::new();
    if let Some(authority) = common::base_authority(args, "base-authority")? {
        body = body.base_authority(authority);
    }
    if let Some(description) = args.get("description") {
        body = body.description(description);
    }
    if let Some(days) = args.number("password-lifetime")? {
        body = body.password_lifetime(days);
    }
    if let Some(databases) = args.list("databases")? {
        body = body.databases(databases.into_iter().map(|name| UpdateUserRelatedLogicDbV3::new().name(name)).collect());
    }
    Ok(UpdateDdmUserRequest::new(args.required("instance-id")?, args.required("username")?).body(body))
}
