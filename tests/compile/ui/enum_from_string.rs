//! A field whose values are documented takes the enum, not a string: `"addOmUser"` is not an
//! `Operation`. `Operation::AddOmUser` is the spelling that is checked, and text becomes the enum
//! only through `str::parse`, which refuses an undocumented value (see `enum_from_text_into.rs`).

use huaweicloud_sdk::dws::v2::types::DatabaseOmUserActionReq;

fn main() {
    let _body = DatabaseOmUserActionReq::new("addOmUser");
}
