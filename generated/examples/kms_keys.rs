//! KMS on the mock cloud, with no credentials and no network: lists the keys of the project
//! (`ListKeys`), then shows the first one (`ListKeyDetail`).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --features mock --example kms_keys
//! ```
//!
//! Against the real cloud, build the client from `Config::builder().region("cn-north-4")` (the
//! credentials come from the environment, a profile or the server's agency: README, "Credentials")
//! instead of `cloud.config()`.

use std::process::ExitCode;

use huaweicloud_sdk::kms::v2::{
    KmsClient,
    list_key_detail::ListKeyDetailRequest,
    list_keys::ListKeysRequest,
    types::{ListKeysRequestBody, OperateKeyRequestBody},
};
use huaweicloud_sdk::mock::MockCloud;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let cloud = MockCloud::start().await?;
    let kms = KmsClient::new(cloud.config());

    // ListKeys takes its page in the body: `limit` and the previous page's `next_marker`.
    let listed = kms.list_keys(&ListKeysRequest::new().body(ListKeysRequestBody::new().limit("50"))).await?;
    let keys = listed.keys.as_deref().unwrap_or_default();
    println!("ListKeys: {} key(s), more: {:?}, next marker {:?}", keys.len(), listed.truncated, listed.next_marker);
    for key in keys {
        println!("  {key}");
    }

    let id = keys.first().cloned().unwrap_or_else(|| "0d0466b0-e727-4d9c-b35d-f84bb474a37f".to_owned());
    let shown = kms.list_key_detail(&ListKeyDetailRequest::new(OperateKeyRequestBody::new(&id))).await?;
    let key = shown.key_info.as_ref();
    println!(
        "ListKeyDetail {id}: alias {:?}, state {:?} (request ID {:?})",
        key.and_then(|k| k.key_alias.as_deref()),
        key.and_then(|k| k.key_state.as_deref()),
        shown.meta().request_id()
    );

    let broken = cloud.requests().iter().filter(|r| r.violation.is_some()).count();
    println!("{} requests, {broken} breaking the spec", cloud.requests().len());
    Ok(())
}
