//! A request cannot be built without its mandatory parameters: they are the arguments of `new`,
//! so leaving out the instance ID of `ListUsers` is a compile error, not an HTTP 400.

use huaweicloud_sdk::ddm::v1::list_users::ListUsersRequest;

fn main() {
    let _request = ListUsersRequest::new().limit(10);
}
