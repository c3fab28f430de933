//! The public API that the README and the examples use compiles together: a checked config, a
//! client, requests from `new` and setters, a typed error matched through `Error::Service` and
//! `documented()`, a paginator read with `next()`, and `meta()` on a response. `main` builds the
//! config, the client and the futures but never awaits one, so nothing is sent.

use huaweicloud_sdk::ddm::v1::{
    DdmClient,
    list_users::{ListUsersError, ListUsersRequest},
    types::BaseAuthority,
};
use huaweicloud_sdk::dws::v2::{
    DwsClient,
    execute_database_om_user_action::ExecuteDatabaseOmUserActionRequest,
    types::{DatabaseOmUserActionReq, Operation},
};
use huaweicloud_sdk::runtime::{Config, Credentials, Error, RetryPolicy};

/// One page, with the documented error bodies told apart from the rest.
async fn first_page(client: &DdmClient) -> Result<usize, Error<ListUsersError>> {
    match client.list_users(&ListUsersRequest::new("instance-id").offset(0).limit(50)).await {
        Ok(page) => {
            eprintln!("request ID {:?}, status {}", page.meta().request_id(), page.meta().status());
            Ok(page.users.unwrap_or_default().len())
        }
        Err(e @ Error::Service { .. }) if matches!(e.documented(), Some(ListUsersError::BadRequest(_))) => {
            eprintln!("bad request: {e} (HTTP {:?}, request ID {:?})", e.status(), e.request_id());
            Ok(0)
        }
        Err(e) => Err(e),
    }
}

/// Every page, through the paginator.
async fn all_names(client: &DdmClient) -> Result<Vec<String>, Error<ListUsersError>> {
    let mut users = client.list_users_all(&ListUsersRequest::new("instance-id").limit(128));
    let mut names = Vec::new();
    while let Some(user) = users.next().await {
        let user = user?;
        let can_select = user.base_authority.unwrap_or_default().contains(&BaseAuthority::Select);
        names.push(format!("{} (select: {can_select})", user.name.unwrap_or_default()));
    }
    Ok(names)
}

/// A request with a body whose field is an enum.
async fn add_om_user(client: &DwsClient) -> bool {
    let body = DatabaseOmUserActionReq::new(Operation::AddOmUser);
    client.execute_database_om_user_action(&ExecuteDatabaseOmUserActionRequest::new("cluster-id", body)).await.is_ok()
}

fn assert_send<T: Send>(_: &T) {}

fn main() {
    let config = Config::builder()
        .region("cn-north-4")
        .credentials(Credentials::ak_sk("AK", "SK").with_project_id("0123456789abcdef"))
        .endpoint("ddm", "http://127.0.0.1:9")
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("a valid config");
    let (ddm, dws) = (DdmClient::new(&config), DwsClient::new(&config));
    // Futures are lazy: creating them sends nothing. They can move to another thread.
    let calls = (first_page(&ddm), all_names(&ddm), add_om_user(&dws));
    assert_send(&calls);
    // What the examples do with a value from the command line: a documented value parses, any
    // other is an error that names the documented ones.
    assert_eq!("addOmUser".parse::<Operation>(), Ok(Operation::AddOmUser));
    let refused = "addOmuser".parse::<Operation>().expect_err("not documented");
    assert!(refused.to_string().contains("addOmUser, deleteOmUser, increaseOmUserPeriod"), "{refused}");
    // A value newer than the SDK is sent only when written out on purpose.
    assert_eq!(Operation::from_wire("resetOmUser").as_str(), "resetOmUser");
}
