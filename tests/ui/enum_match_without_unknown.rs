//! Every wire enum keeps `Unknown(String)` for values documented after the SDK was generated, and
//! a `match` has to handle it.

use huaweicloud_sdk::dws::v2::Operation;

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
