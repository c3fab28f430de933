//! Cloud Eye (CES) on the mock cloud, with no credentials and no network: lists the alarm rules of the project (`ListAlarms`), then
//! shows the first one (`ShowAlarm`).
//!
//! ```text
//! cargo run -p huaweicloud-sdk --features mock --example ces_alarms
//! ```
//!
//! Against the real cloud, build the client from `Config::builder().region("cn-north-4")` (the
//! credentials come from the environment, a profile or the server's agency: README, "Credentials")
//! instead of `cloud.config()`.

use std::process::ExitCode;

use huaweicloud_sdk::ces::v1::{CesClient, list_alarms::ListAlarmsRequest, show_alarm::ShowAlarmRequest};
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
    let ces = CesClient::new(cloud.config());

    let listed = ces.list_alarms(&ListAlarmsRequest::new().limit(50)).await?;
    let alarms = listed.metric_alarms.as_deref().unwrap_or_default();
    println!("ListAlarms: {} alarm rule(s)", alarms.len());
    for a in alarms {
        println!(
            "  {} {} enabled {:?}",
            a.alarm_id.as_deref().unwrap_or("-"),
            a.alarm_name.as_deref().unwrap_or("-"),
            a.alarm_enabled
        );
    }

    let id = alarms.iter().find_map(|a| a.alarm_id.clone()).unwrap_or_else(|| "al1441967036681YkazZ0deN".to_owned());
    let shown = ces.show_alarm(&ShowAlarmRequest::new(&id)).await?;
    let a = shown.metric_alarms.as_deref().unwrap_or_default().first();
    println!(
        "ShowAlarm {id}: name {:?}, enabled {:?} (request ID {:?})",
        a.and_then(|a| a.alarm_name.as_deref()),
        a.and_then(|a| a.alarm_enabled),
        shown.meta().request_id()
    );

    let broken = cloud.requests().iter().filter(|r| r.violation.is_some()).count();
    println!("{} requests, {broken} breaking the spec", cloud.requests().len());
    Ok(())
}
