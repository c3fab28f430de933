//! Creates an account of a DDM instance (DDM `CreateDdmUser`, the v3 API).
//!
//! ```text
//! DDM_USER_PASSWORD=... cargo run -p huaweicloud-sdk --example ddm_create_ddm_user -- --instance-id ID --name NAME --base-authority SELECT,INSERT [--description TEXT] [--password-lifetime DAYS] [--databases DB1,DB2] [--region R]
//! ```
//!
//! The account's password comes from `DDM_USER_PASSWORD`, never from the command line.
//! Credentials come from `HUAWEICLOUD_SDK_AK`/`HUAWEICLOUD_SDK_SK` (or `CLOUD_SDK_AK`/`CLOUD_SDK_SK`,
//! or `~/.huaweicloud/credentials`) and the project from `HUAWEICLOUD_SDK_PROJECT_ID`;
//! `HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_4=http://127.0.0.1:8080` sends the call to a local server.
//! Prints the response as JSON (and its status and request ID on stderr) and exits 0, or prints the
//! error and exits 1.

mod common;

use std::process::ExitCode;

use huaweicloud_sdk::ddm::v1::{DdmClient, types::{CreateUserRelatedLogicDbV3, CreateUserRequestV3}, create_ddm_user::CreateDdmUserRequest};

const USAGE: &str = "DDM_USER_PASSWORD=... ddm_create_ddm_user --instance-id ID --name NAME \
                     --base-authority SELECT,INSERT [--description TEXT] [--password-lifetime DAYS] \
                     [--databases DB1,DB2] [--region REGION]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let known = ["instance-id", "name", "base-authority", "description", "password-lifetime", "databases"];
    common::main(USAGE, &known, build, |config, request| async move {
        DdmClient::new(&config).create_ddm_user(&request).await
    })
    .await
}

fn build(args: &common::Args) -> Result<CreateDdmUserRequest, String> {
    let authority = common::base_authority(args, "base-authority")?.ok_or("--base-authority is required")?;
    let mut body = CreateUserRequestV3::new(args.required("name")?, common::password("DDM_USER_PASSWORD")?, authority);
    if let Some(description) = args.get("description") {
        body = body.description(description);
    }
    if let Some(days) = args.number("password-lifetime")? {
        body = body.password_lifetime(days);
    }
    if let Some(databases) = args.list("databases")? {
        body = body.databases(databases.into_iter().map(CreateUserRelatedLogicDbV3::new).collect());
    }
    Ok(CreateDdmUserRequest::new(args.required("instance-id")?, body))
}
