//! The documented errors of an operation are `#[non_exhaustive]`: a status documented later adds
//! a variant, so a `match` needs a wildcard arm.

use huaweicloud_sdk::ddm::v1::list_users::ListUsersError;

fn describe(error: &ListUsersError) -> &'static str {
    match error {
        ListUsersError::BadRequest(_) => "bad request",
        ListUsersError::InternalServerError(_) => "server error",
    }
}

fn main() {
    let _ = describe;
}
