//! Requests are `#[non_exhaustive]`: they are built with `new` and setters, never with a struct
//! literal, so a field added to the spec later (a new optional query parameter) breaks no caller.

use huaweicloud_sdk::ddm::v1::list_users::ListUsersRequest;

fn main() {
    let _request = ListUsersRequest { instance_id: "instance-id".to_owned(), offset: None, limit: Some(10) };
}
