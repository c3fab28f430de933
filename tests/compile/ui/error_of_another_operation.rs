//! The error of a call is typed by its operation: the documented bodies of `ListUsers` are
//! `ListUsersError`s, and matching them against `DeleteUserError` is a type error.

use huaweicloud_sdk::ddm::v1::{DdmClient, delete_user::DeleteUserError, list_users::ListUsersRequest};

async fn list(client: &DdmClient) {
    if let Err(e) = client.list_users(&ListUsersRequest::new("instance-id")).await {
        if let Some(DeleteUserError::BadRequest(body)) = e.documented() {
            eprintln!("{body:?}");
        }
    }
}

fn main() {
    let _ = list;
}
