//! `Unknown` is sealed: a caller cannot put a value in it by hand (least of all a documented one,
//! which would be `Unknown` yet spell `CREATE`); `from_wire` makes it, for undocumented values only.

use huaweicloud_sdk::ddm::v1::types::BaseAuthority;
use huaweicloud_sdk::runtime::Undocumented;

fn main() {
    let _forged = BaseAuthority::Unknown(Undocumented("CREATE".to_owned()));
}
