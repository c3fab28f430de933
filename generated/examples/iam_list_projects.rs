//! Lists the projects the credentials can see, e.g. to find the project ID of a region (IAM
//! `KeystoneListProjects`; `--name cn-north-4` gives the region's default project).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --example iam_list_projects -- [--name NAME] [--domain-id ID] [--parent-id ID] [--enabled true|false] [--page N] [--per-page N] [--region R]
//! ```
//!
//! Credentials come from `HUAWEICLOUD_SDK_AK`/`HUAWEICLOUD_SDK_SK` (or `CLOUD_SDK_AK`/`CLOUD_SDK_SK`,
//! or `~/.huaweicloud/credentials`); no project ID is needed.
//! `HUAWEICLOUD_SDK_REGION_IAM_CN_NORTH_4=http://127.0.0.1:8080` sends the call to a local server.
//! Prints the response as JSON (and its status and request ID on stderr) and exits 0, or prints the
//! error and exits 1.

mod common;

use std::process::ExitCode;

use huaweicloud_sdk::iam::v3::{IamClient, keystone_list_projects::KeystoneListProjectsRequest};

const USAGE: &str = "iam_list_projects [--name NAME] [--domain-id ID] [--parent-id ID] [--enabled true|false] \
                     [--page N] [--per-page N] [--region REGION]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let known = ["name", "domain-id", "parent-id", "enabled", "page", "per-page"];
    common::main(USAGE, &known, build, |config, request| async move {
        IamClient::new(&config).keystone_list_projects(&request).await
    })
    .await
}

fn build(args: &common::Args) -> Result<KeystoneListProjectsRequest, String> {
    let mut request = KeystoneListProjectsRequest::new();
    if let Some(name) = args.get("name") {
        request = request.name(name);
    }
    if let Some(domain_id) = args.get("domain-id") {
        request = request.domain_id(domain_id);
    }
    if let Some(parent_id) = args.get("parent-id") {
        request = request.parent_id(parent_id);
    }
    if let Some(enabled) = args.get("enabled") {
        let enabled = enabled.parse().map_err(|_| format!("--enabled must be true or false, got {enabled:?}"))?;
        request = request.enabled(enabled);
    }
    if let Some(page) = args.number("page")? {
        request = request.page(page);
    }
    if let Some(per_page) = args.number("per-page")? {
        request = request.per_page(per_page);
    }
    Ok(request)
}
