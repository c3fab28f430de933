//! Responses are `#[non_exhaustive]`: outside the SDK they come from a call, from deserialization
//! or from `Default` (for test doubles), never from a struct literal, so a field added to the spec
//! later breaks no caller.

use huaweicloud_sdk::ddm::v1::list_users::ListUsersResponse;

fn main() {
    let _response =
        ListUsersResponse { users: None, page_no: None, page_size: None, total_record: None, total_page: None };
}
