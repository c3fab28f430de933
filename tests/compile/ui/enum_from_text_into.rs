//! Text does not become a value-list enum through `From`/`Into`, which cannot fail and so would
//! turn a misspelt value into `Unknown` and send it; `str::parse` refuses it with an
//! `UnknownValueError`, and `BaseAuthority::from_wire(..)` called on purpose is the way to send
//! a value newer than the SDK.

use huaweicloud_sdk::ddm::v1::types::BaseAuthority;

fn main() {
    let _authority: BaseAuthority = "SELEKT".into();
    let _owned = BaseAuthority::from(String::from("SELEKT"));
}
