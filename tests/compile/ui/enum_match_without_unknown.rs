//! Every wire enum is `#[non_exhaustive]` (values documented after the SDK was generated become
//! variants) and keeps `Unknown` for values it does not document: a `match` needs a `_` arm.

use huaweicloud_sdk::dws::v2::types::Operation;

fn describe(operation: &Operation) -> &'static str {
    match operation {
        Operation::AddOmUser => "add",
        Operation::DeleteOmUser => "delete",
        Operation::IncreaseOmUserPeriod => "extend",
    }
}

fn main() {
    let _ = describe(&Operation::AddOmUser);
}
