//! Lists the accounts of a DDM instance (DDM `ListUsers`): one page, or with `--all` every account
//! of every page (`DdmClient::list_users_all`, which fetches pages as it goes).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --example ddm_list_users -- --instance-id ID [--offset N] [--limit N] [--all] [--region R]
//! ```
//!
//! Credentials come from `HUAWEICLOUD_SDK_AK`/`HUAWEICLOUD_SDK_SK` (or `CLOUD_SDK_AK`/`CLOUD_SDK_SK`,
//! or `~/.huaweicloud/credentials`) and the project from `HUAWEICLOUD_SDK_PROJECT_ID` (found through
//! IAM for the region when unset); `HUAWEICLOUD_SDK_REGION_DDM_CN_NORTH_4=http://127.0.0.1:8080`
//! sends the call to a local server. Prints the response as JSON (with `--all`, the array of every
//! account) and exits 0, or prints the error and exits 1.

mod common;

use std::process::ExitCode;

use huaweicloud_sdk::ddm::v1::{DdmClient, types::GetUsersListDetailResponses, list_users::{ListUsersError, ListUsersRequest, ListUsersResponse}};
use huaweicloud_sdk::runtime::Error;

const USAGE: &str = "ddm_list_users --instance-id ID [--offset N] [--limit N] [--all] [--region REGION]";

/// One page, or every account.
enum Listing {
    Page(ListUsersResponse),
    All(common::All<GetUsersListDetailResponses>),
}

impl common::Print for Listing {
    fn print(&self) -> Result<(), String> {
        match self {
            Listing::Page(page) => page.print(),
            Listing::All(all) => all.print(),
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    common::main(USAGE, &["instance-id", "offset", "limit", "all"], build, |config, (request, all)| async move {
        let ddm = DdmClient::new(&config);
        let listing: Result<Listing, Error<ListUsersError>> = if all {
            ddm.list_users_all(&request).collect_all().await.map(|users| Listing::All(common::All(users)))
        } else {
            ddm.list_users(&request).await.map(Listing::Page)
        };
        listing
    })
    .await
}

fn build(args: &common::Args) -> Result<(ListUsersRequest, bool), String> {
    let mut request = ListUsersRequest::new(args.required("instance-id")?);
    if let Some(offset) = args.number("offset")? {
        request = request.offset(offset);
    }
    if let Some(limit) = args.number("limit")? {
        request = request.limit(limit);
    }
    Ok((request, args.flag("all")?))
}
