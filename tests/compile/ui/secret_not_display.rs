//! A secret (secret key, security token, IAM token) has no `Display`: it cannot end up in a log
//! line through `{}`; only `Secret::expose` gives the value.

use huaweicloud_sdk::runtime::credentials::Secret;

fn main() {
    let secret = Secret::new("SK");
    println!("secret key: {}", secret);
}
