//! Each client method takes its own operation's request: a `DeleteUserRequest` cannot be sent
//! as a `ListUsers` call.

use huaweicloud_sdk::ddm::v1::{DdmClient, delete_user::DeleteUserRequest};

async fn list(client: &DdmClient) {
    let _ = client.list_users(&DeleteUserRequest::new("instance-id", "alice")).await;
}

fn main() {
    let _ = list;
}
