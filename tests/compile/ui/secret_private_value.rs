//! The value inside a `Secret` is private: the one way to it is `Secret::expose`, which is easy
//! to find in a review.

use huaweicloud_sdk::runtime::credentials::Secret;

fn main() {
    let secret = Secret::new("SK");
    let _value: &str = &secret.0;
}
