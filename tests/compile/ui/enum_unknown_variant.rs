//! A documented value list is an enum: a value the documentation does not list (DDM has no
//! `GRANT` permission) has no variant.

use huaweicloud_sdk::ddm::v1::types::BaseAuthority;

fn main() {
    let _authority = BaseAuthority::Grant;
}
