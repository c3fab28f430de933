//! The status, request ID and headers of a response are read through `meta()`; the field that
//! holds them is private, so user code cannot overwrite them.

use huaweicloud_sdk::ddm::v1::list_users::ListUsersResponse;

fn request_id(response: &ListUsersResponse) -> Option<&str> {
    response.sdk_meta.request_id()
}

fn main() {
    let _ = request_id;
}
