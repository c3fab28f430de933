//! A field whose values are documented takes the enum, not a string: `"addOmUser"` is not an
//! `Operation`. (The compiler's hint, `.into()`, goes through `From<&str>`, which turns a misspelt
//! value into `Operation::Unknown`; `Operation::AddOmUser` is the spelling that is checked.)

use huaweicloud_sdk::dws::v2::DatabaseOmUserActionReq;

fn main() {
    let _body = DatabaseOmUserActionReq::new("addOmUser");
}
