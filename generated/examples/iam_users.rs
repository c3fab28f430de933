//! IAM on the mock cloud, with no credentials and no network: lists the IAM users of the account
//! (`KeystoneListUsers`), then shows the first one (`KeystoneShowUser`).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --features mock --example iam_users
//! ```
//!
//! IAM is a global service: its calls name the account (domain) in `X-Domain-Id`, which the
//! client takes from the credentials or, as here, asks IAM for first (`GET /v3/auth/domains`).
//! Against the real cloud, build the client from `Config::builder().region("cn-north-4")` (the
//! credentials come from the environment, a profile or the server's agency: README, "Credentials")
//! instead of `cloud.config()`.

use std::process::ExitCode;

use huaweicloud_sdk::iam::v3::{
    IamClient, keystone_list_users::KeystoneListUsersRequest, keystone_show_user::KeystoneShowUserRequest,
};
use huaweicloud_sdk::mock::{Answer, MockCloud};

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
    // The page's example listing is not valid JSON, so the mock would answer an empty list:
    // script two users instead (a test of your own scripts answers the same way).
    let users = r#"{"users": [{"id": "u-1", "name": "alice", "enabled": true}, {"id": "u-2", "name": "bob", "enabled": true}]}"#;
    cloud.answer("KeystoneListUsers", Answer::json(200, users))?;
    let iam = IamClient::new(cloud.config());

    let listed = iam.keystone_list_users(&KeystoneListUsersRequest::new().enabled(true)).await?;
    let users = listed.users.as_deref().unwrap_or_default();
    println!("KeystoneListUsers: {} user(s)", users.len());
    for user in users {
        println!(
            "  {} {} enabled {}",
            user.id.as_deref().unwrap_or("-"),
            user.name.as_deref().unwrap_or("-"),
            user.enabled.map_or_else(|| "-".to_owned(), |e| e.to_string())
        );
    }

    let id = users.iter().find_map(|u| u.id.clone()).unwrap_or_else(|| "user-1".to_owned());
    let shown = iam.keystone_show_user(&KeystoneShowUserRequest::new(&id)).await?;
    let user = shown.user.as_ref();
    println!(
        "KeystoneShowUser {id}: name {:?}, domain {:?} (request ID {:?})",
        user.and_then(|u| u.name.as_deref()),
        user.and_then(|u| u.domain_id.as_deref()),
        shown.meta().request_id()
    );

    let domains = cloud.requests_of("KeystoneListAuthDomains").len();
    let broken = cloud.requests().iter().filter(|r| r.violation.is_some()).count();
    println!(
        "{} requests, {broken} breaking the spec ({domains} asking IAM for the domain)",
        cloud.requests().len()
    );
    Ok(())
}
