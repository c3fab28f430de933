//! `Config::builder().build()` checks the configuration and returns a `Result`: a client cannot
//! be created from a config whose errors were not handled.

use huaweicloud_sdk::ddm::v1::DdmClient;
use huaweicloud_sdk::runtime::{Config, Credentials};

fn main() {
    let config = Config::builder().region("cn-north-4").credentials(Credentials::ak_sk("AK", "SK")).build();
    let _client = DdmClient::new(&config);
}
