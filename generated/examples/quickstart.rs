//! Try the SDK now: no credentials, no network. Starts the mock cloud in-process (a local server
//! that answers every operation as its documentation page does and checks every request as the
//! real service would), lists DDM accounts, pages through them, and runs a DWS O&M user action.
//!
//! ```text
//! cargo run -p huaweicloud-sdk --features mock --example quickstart
//! ```
//!
//! Against the real cloud the same calls take `Config::builder().region(..).credentials(..)`
//! instead of `cloud.config()`; see the other examples.

use std::process::ExitCode;

use huaweicloud_sdk::ddm::v1::{DdmClient, list_users::ListUsersRequest};
use huaweicloud_sdk::dws::v2::{DwsClient, types::{DatabaseOmUserActionReq, Operation}, execute_database_om_user_action::ExecuteDatabaseOmUserActionRequest};
use huaweicloud_sdk::mock::MockCloud;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let cloud = MockCloud::start().await?;
    println!("mock cloud at {}, serving {} operations", cloud.url(), cloud.operations().len());

    // One page: the documented example response of ListUsers.
    let ddm = DdmClient::new(cloud.config());
    let page = ddm.list_users(&ListUsersRequest::new("instance-1").limit(10)).await?;
    let names: Vec<&str> = page.users().iter().filter_map(|u| u.name.as_deref()).collect();
    println!("ListUsers: {names:?} (status {}, request ID {:?})", page.meta().status(), page.meta().request_id());

    // Every page: the mock pages through the accounts it is given, with offsets and totals.
    let accounts = (1..=25).map(|i| serde_json::json!({"name": format!("user{i:02}"), "status": "RUNNING"})).collect();
    cloud.set_items("ListUsers", accounts)?;
    let all = ddm.list_users_all(&ListUsersRequest::new("instance-1").limit(10)).collect_all().await?;
    println!("ListUsers, every page: {} accounts in {} requests", all.len(), cloud.requests_of("ListUsers").len() - 1);

    // A DWS O&M user action with a JSON body, checked against the request table by the mock.
    let dws = DwsClient::new(cloud.config());
    let request = ExecuteDatabaseOmUserActionRequest::new(
        "6bdd4c52-4d6b-4e0b-a8d2-4d8a0a8e6f3c",
        DatabaseOmUserActionReq::new(Operation::AddOmUser),
    );
    let action = dws.execute_database_om_user_action(&request).await?;
    println!("ExecuteDatabaseOmUserAction: {}", serde_json::to_string(&action)?);

    let broken = cloud.requests().iter().filter(|r| r.violation.is_some()).count();
    println!("{} requests, {broken} breaking the spec", cloud.requests().len());
    Ok(())
}
