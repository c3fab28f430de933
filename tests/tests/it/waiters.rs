//! Waiting for asynchronous jobs (the spec's `waiter`, `huaweicloud_sdk::runtime::waiter`), against
//! the mock cloud, which plays the jobs its operations start (`MockServer::play_job`): a job that
//! succeeds after several polls, one that fails with its code and message, one that never ends
//! (the timeout names the last status), a wait dropped halfway (no poll after), a job that
//! disappears (404), an answer without the job ID.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use huaweicloud_sdk::ddm::v1::{DdmClient, delete_instance::DeleteInstanceRequest};
use huaweicloud_sdk::mock::{Answer, JobScript, MockCloud};
use huaweicloud_sdk::runtime::waiter::{Progress, WaitError, WaitOptions};

/// A wait can be spawned on a multi-threaded runtime.
fn assert_send<T: Send>(_: &T) {}

/// Polls every few milliseconds: the mock answers at once.
fn fast() -> WaitOptions {
    WaitOptions::new().interval(Duration::from_millis(2), Duration::from_millis(8)).timeout(Duration::from_secs(20))
}

/// The job ID of DDM `DeleteInstance`'s documented example, which the mock answers.
fn documented_job_id() -> String {
    let example = huaweicloud_sdk_tests::wire::documented_example("DeleteInstance", 200);
    let example: serde_json::Value = serde_json::from_str(&example).expect("the example is JSON");
    example["job_id"].as_str().expect("the example has a job_id").to_owned()
}

#[tokio::test]
async fn a_job_that_succeeds_after_several_polls_is_waited_for_with_progress() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    cloud.play_job("DeleteInstance", JobScript::succeeds_after(3)).expect("DeleteInstance declares a waiter");
    let client = DdmClient::new(cloud.config());
    let request = DeleteInstanceRequest::new("inst-1");
    let started = client.delete_instance(&request).await.expect("the deletion starts");
    let seen: Arc<Mutex<Vec<Progress>>> = Arc::default();
    let log = Arc::clone(&seen);
    let options = fast().on_progress(move |p| log.lock().expect("lock").push(p.clone()));
    let done = client.wait_for_delete_instance(&request, &started, &options).await.expect("the job completes");
    let job = done.job.expect("the job");
    assert_eq!(job.status.as_deref(), Some("Completed"));
    assert_eq!(job.process.as_deref(), Some("100%"));

    let seen = seen.lock().expect("lock").clone();
    let statuses: Vec<(u32, &str, Option<&str>)> =
        seen.iter().map(|p| (p.polls, p.status.as_str(), p.progress.as_deref())).collect();
    assert_eq!(
        statuses,
        [
            (1, "Running", Some("25%")),
            (2, "Running", Some("50%")),
            (3, "Running", Some("75%")),
            (4, "Completed", Some("100%"))
        ]
    );
    assert!(seen.iter().all(|p| p.operation == "DeleteInstance"));
    // Each poll asked for the job the deletion answered with, and broke no rule of the spec.
    let polls = cloud.requests_of("ShowDdmJobResult");
    assert_eq!(polls.len(), 4);
    let job_id = documented_job_id();
    assert!(polls.iter().all(|r| r.path.ends_with(&format!("/jobs/{job_id}")) && r.violation.is_none()), "{polls:?}");
}

#[tokio::test]
async fn a_failed_job_is_an_error_with_its_status_code_and_message() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    cloud.play_job("DeleteInstance", JobScript::fails_after(1)).expect("scripted");
    let client = DdmClient::new(cloud.config());
    let request = DeleteInstanceRequest::new("inst-1");
    let started = client.delete_instance(&request).await.expect("the deletion starts");
    let error = client.wait_for_delete_instance(&request, &started, &fast()).await.expect_err("the job fails");
    match &error {
        WaitError::Failed(f) => {
            assert_eq!((f.operation, f.status.as_str(), f.polls), ("DeleteInstance", "Failed", 2));
            // DDM's job answer documents no error code or message: none is made up.
            assert_eq!((&f.code, &f.message), (&None, &None));
        }
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().starts_with("DeleteInstance failed: status \"Failed\" after 2 poll(s)"), "{error}");
}

#[tokio::test]
async fn a_job_that_never_ends_times_out_with_its_last_status() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    cloud.play_job("DeleteInstance", JobScript::never_ends()).expect("scripted");
    let client = DdmClient::new(cloud.config());
    let request = DeleteInstanceRequest::new("inst-1");
    let started = client.delete_instance(&request).await.expect("the deletion starts");
    let options = fast().timeout(Duration::from_millis(200));
    let error = client.wait_for_delete_instance(&request, &started, &options).await.expect_err("times out");
    match &error {
        WaitError::TimedOut { last_status, polls, elapsed, .. } => {
            assert_eq!(last_status.as_deref(), Some("Running"));
            assert!(*polls >= 2, "{error:?}");
            assert!(*elapsed >= Duration::from_millis(200), "{error:?}");
            // Every poll answered is counted; one more may have been cut off by the deadline.
            let received = cloud.requests_of("ShowDdmJobResult").len();
            assert!(received == *polls as usize || received == *polls as usize + 1, "{received} vs {error:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_dropped_wait_polls_no_more() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    cloud.play_job("DeleteInstance", JobScript::never_ends()).expect("scripted");
    let client = DdmClient::new(cloud.config());
    let request = DeleteInstanceRequest::new("inst-1");
    let started = client.delete_instance(&request).await.expect("the deletion starts");
    let options = fast().interval(Duration::from_millis(10), Duration::from_millis(10));
    let wait = client.wait_for_delete_instance(&request, &started, &options);
    assert_send(&wait);
    assert!(tokio::time::timeout(Duration::from_millis(150), wait).await.is_err(), "still waiting");
    // A poll in flight when the wait was dropped may still arrive: let it, then count.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let polled = cloud.requests_of("ShowDdmJobResult").len();
    assert!(polled >= 2, "{polled} polls");
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(cloud.requests_of("ShowDdmJobResult").len(), polled, "a poll after the wait was dropped");
}

#[tokio::test]
async fn a_job_that_disappears_is_gone_and_an_answer_without_its_id_is_said() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    cloud.play_job("DeleteInstance", JobScript::disappears_after(2)).expect("scripted");
    let client = DdmClient::new(cloud.config());
    let request = DeleteInstanceRequest::new("inst-1");
    let started = client.delete_instance(&request).await.expect("the deletion starts");
    let error = client.wait_for_delete_instance(&request, &started, &fast()).await.expect_err("gone");
    assert!(matches!(&error, WaitError::Gone { last_status: Some(s), .. } if s == "Running"), "{error:?}");
    assert_eq!(cloud.requests_of("ShowDdmJobResult").len(), 3);

    // An answer that has no job ID: nothing to poll, and the error says which field.
    cloud.answer("DeleteInstance", Answer::json(200, "{}")).expect("scripted");
    let started = client.delete_instance(&request).await.expect("answered");
    let error = client.wait_for_delete_instance(&request, &started, &fast()).await.expect_err("no job ID");
    assert!(matches!(error, WaitError::MissingId { field: "response.job_id", .. }), "{error:?}");
    assert_eq!(cloud.requests_of("ShowDdmJobResult").len(), 3, "nothing polled");
}

#[tokio::test]
async fn only_an_operation_with_a_waiter_plays_jobs() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    let e = cloud.play_job("ListUsers", JobScript::succeeds_after(1)).expect_err("no waiter");
    assert!(e.to_string().contains("declares no `waiter`"), "{e}");
    let e = cloud.play_job("DeleteInstanc", JobScript::succeeds_after(1)).expect_err("a typo");
    assert!(e.to_string().contains("did you mean DeleteInstance"), "{e}");
}

#[tokio::test]
async fn a_deletion_is_done_when_its_resource_is_gone_and_a_task_when_its_field_is_cleared() {
    use huaweicloud_sdk::dws::v2::{
        DwsClient,
        delete_cluster::DeleteClusterRequest,
        restart_cluster::RestartClusterRequest,
        types::{DeleteClusterRequestBody, RestartClusterRequestBody},
    };
    let cloud = MockCloud::start().await.expect("mock cloud");
    let client = DwsClient::new(cloud.config());
    // DWS DeleteCluster (`gone: done`, done also at `DELETED`): played to its done word first.
    let request = DeleteClusterRequest::new("cluster-1", DeleteClusterRequestBody::new(0));
    let started = client.delete_cluster(&request).await.expect("the deletion starts");
    let done = client.wait_for_delete_cluster(&request, &started, &fast()).await.expect("deleted");
    let status = done.and_then(|d| d.cluster).and_then(|c| c.status);
    assert_eq!(status.as_deref(), Some("DELETED"));
    // Then to its end as a deletion usually ends: two polls `DELETING`, then 404: done, no answer.
    cloud.play_job("DeleteCluster", JobScript::disappears_after(2)).expect("scripted");
    let started = client.delete_cluster(&request).await.expect("the deletion starts");
    let statuses: Arc<Mutex<Vec<String>>> = Arc::default();
    let log = Arc::clone(&statuses);
    let options = fast().on_progress(move |p| log.lock().expect("lock").push(p.status.clone()));
    let done = client.wait_for_delete_cluster(&request, &started, &options).await.expect("deleted");
    assert!(done.is_none(), "{done:?}");
    assert_eq!(*statuses.lock().expect("lock"), ["DELETING", "DELETING"]);
    let polls = cloud.requests_of("ListClusterDetails");
    assert_eq!(polls.iter().map(|r| r.status).collect::<Vec<_>>(), [200, 200, 200, 200, 200, 404]);
    assert!(polls.iter().all(|r| r.path.ends_with("/clusters/cluster-1")), "{polls:?}");

    // DWS RestartCluster (`success: [""]`): `REBOOTING` twice, then the task field cleared.
    let request = RestartClusterRequest::new("cluster-1", RestartClusterRequestBody::new(serde_json::json!({})));
    let started = client.restart_cluster(&request).await.expect("the restart starts");
    let done = client.wait_for_restart_cluster(&request, &started, &fast()).await.expect("restarted");
    let detail = done.cluster.expect("the cluster");
    assert_eq!(detail.task_status, None);
    assert_eq!(cloud.requests_of("ListClusterDetails").len(), 9);
}

#[tokio::test]
async fn a_failed_job_carries_the_code_and_message_its_answer_gives() {
    use huaweicloud_sdk::dws::v2::{DwsClient, start_cluster::StartClusterRequest};
    let cloud = MockCloud::start().await.expect("mock cloud");
    cloud.play_job("StartCluster", JobScript::fails_after(2)).expect("scripted");
    let client = DwsClient::new(cloud.config());
    let request = StartClusterRequest::new("cluster-1");
    let started = client.start_cluster(&request).await.expect("the start begins");
    let error = client.wait_for_start_cluster(&request, &started, &fast()).await.expect_err("the job fails");
    match &error {
        WaitError::Failed(f) => {
            // DWS's job answer has `failed_code` and `failed_detail`: the waiter reads them.
            assert_eq!((f.status.as_str(), f.polls), ("FAIL", 3));
            assert_eq!(f.code.as_deref(), Some("MOCK.0001"));
            assert_eq!(f.message.as_deref(), Some("the job failed, as scripted"));
            assert!(f.request_id.is_some());
            // The whole answer is kept.
            let answer: serde_json::Value = serde_json::from_slice(f.body.as_bytes()).expect("JSON");
            assert_eq!(answer["status"], "FAIL");
        }
        other => panic!("{other:?}"),
    }
    let text = error.to_string();
    assert!(text.contains("code MOCK.0001: the job failed, as scripted (request ID "), "{text}");
}

/// DDM's shard-configuration tasks are followed in `ListTasks`, a listing over a time window:
/// the waiter walks it for the task's ID and reads the item's status.
#[tokio::test]
async fn a_task_found_in_a_listing_is_waited_for_with_its_window_and_progress() {
    use huaweicloud_sdk::ddm::v1::migrate_logic_db::MigrateLogicDbRequest;
    use huaweicloud_sdk::ddm::v1::types::{DataNode, MigrateLogicDbOpenReq};
    let cloud = MockCloud::start().await.expect("mock cloud");
    cloud.play_job("MigrateLogicDb", JobScript::succeeds_after(2)).expect("MigrateLogicDb declares a waiter");
    let client = DdmClient::new(cloud.config());
    let body = MigrateLogicDbOpenReq::new(vec![DataNode::new("node-1", "root", "secret")], "8");
    let request = MigrateLogicDbRequest::new("inst-1", "db_1", body);
    let started = client.migrate_logic_db(&request).await.expect("the migration starts");
    let task_id = started.job_id.clone().expect("the answer has the task ID");
    let seen: Arc<Mutex<Vec<Progress>>> = Arc::default();
    let log = Arc::clone(&seen);
    let options = fast().on_progress(move |p| log.lock().expect("lock").push(p.clone()));
    let task = client.wait_for_migrate_logic_db(&request, &started, &options).await.expect("the task completes");
    // The answer is the task's item of the listing, with the first done word.
    assert_eq!(task.id.as_deref(), Some(task_id.as_str()));
    assert_eq!(task.status.as_ref().map(|s| s.as_str()), Some("Completed"));
    let seen = seen.lock().expect("lock").clone();
    let statuses: Vec<&str> = seen.iter().map(|p| p.status.as_str()).collect();
    assert_eq!(statuses, ["Running", "Running", "Completed"]);
    assert_eq!(seen[0].progress.as_deref(), Some("33%"));

    // Each poll asked for a window of epoch milliseconds around now, and broke no rule.
    let polls = cloud.requests_of("ListTasks");
    assert_eq!(polls.len(), 3);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_millis();
    let now = i64::try_from(now).expect("ms");
    for poll in &polls {
        assert!(poll.violation.is_none(), "{poll:?}");
        let query = poll.query.as_deref().unwrap_or_default();
        let number = |name: &str| -> i64 {
            let pair = query.split('&').find_map(|kv| kv.strip_prefix(name).and_then(|v| v.strip_prefix('=')));
            pair.unwrap_or_else(|| panic!("no {name}: {poll:?}")).parse().expect("a number")
        };
        let (start, end) = (number("start_time"), number("end_time"));
        assert!((now - 29 * 86_400_000 - start).abs() < 60_000, "start {start} vs now {now}");
        assert!((end - now - 3_600_000).abs() < 60_000, "end {end} vs now {now}");
    }
}

/// A task named by the request (`CancelMigration`'s `job_id`) fails with the item's reason; a task
/// cleaned away is done when the listing no longer holds it; a task the listing never held is gone.
#[tokio::test]
async fn a_listed_task_fails_with_its_reason_is_done_when_cleaned_away_and_gone_when_never_listed() {
    use huaweicloud_sdk::ddm::v1::cancel_migration::CancelMigrationRequest;
    use huaweicloud_sdk::ddm::v1::clean_migration::CleanMigrationRequest;
    let cloud = MockCloud::start().await.expect("mock cloud");
    let client = DdmClient::new(cloud.config());

    cloud.play_job("CancelMigration", JobScript::fails_after(1)).expect("scripted");
    let request = CancelMigrationRequest::new("inst-1", "db_1", "task-7");
    let started = client.cancel_migration(&request).await.expect("the cancel starts");
    let error = client.wait_for_cancel_migration(&request, &started, &fast()).await.expect_err("fails");
    match &error {
        WaitError::Failed(f) => {
            assert_eq!(
                (f.status.as_str(), f.message.as_deref(), f.polls),
                ("Failed", Some("the job failed, as scripted"), 2)
            );
            // The body is the task's item, as listed.
            let item: serde_json::Value = serde_json::from_slice(f.body.as_bytes()).expect("JSON");
            assert_eq!(item["id"], "task-7");
        }
        other => panic!("{other:?}"),
    }

    cloud.play_job("CleanMigration", JobScript::succeeds_after(2)).expect("scripted");
    let request = CleanMigrationRequest::new("inst-1", "db_1", "task-8");
    let started = client.clean_migration(&request).await.expect("the clean starts");
    let done = client.wait_for_clean_migration(&request, &started, &fast()).await.expect("cleaned away");
    assert!(done.is_none(), "{done:?}");
    // The cancel's two polls; the clean's two running polls, then two walks without the task.
    assert_eq!(cloud.requests_of("ListTasks").len(), 2 + 2 + 2);

    // No job played: the documented listing does not hold `task-9`.
    let request = CancelMigrationRequest::new("inst-1", "db_1", "task-9");
    let error = client.wait_for_cancel_migration(&request, &started_cancel(), &fast()).await.expect_err("gone");
    assert!(matches!(&error, WaitError::Gone { last_status: None, .. }), "{error:?}");
    assert!(error.to_string().contains("its listing does not hold it"), "{error}");
}

fn started_cancel() -> huaweicloud_sdk::ddm::v1::cancel_migration::CancelMigrationResponse {
    huaweicloud_sdk::ddm::v1::cancel_migration::CancelMigrationResponse::default()
}

/// Two tasks started one after the other are both listed, each under its own ID, and each wait
/// follows its own.
#[tokio::test]
async fn two_listed_tasks_are_followed_each_under_its_id() {
    use huaweicloud_sdk::ddm::v1::cancel_migration::CancelMigrationRequest;
    use huaweicloud_sdk::ddm::v1::rollback_migration::RollbackMigrationRequest;
    let cloud = MockCloud::start().await.expect("mock cloud");
    let client = DdmClient::new(cloud.config());
    cloud.play_job("CancelMigration", JobScript::succeeds_after(1)).expect("scripted");
    cloud.play_job("RollbackMigration", JobScript::fails_after(3)).expect("scripted");
    let cancel = CancelMigrationRequest::new("inst-1", "db_1", "task-a");
    let cancel_started = client.cancel_migration(&cancel).await.expect("the cancel starts");
    let rollback = RollbackMigrationRequest::new("inst-1", "db_2", "task-b");
    let rollback_started = client.rollback_migration(&rollback).await.expect("the rollback starts");
    let done = client.wait_for_cancel_migration(&cancel, &cancel_started, &fast()).await.expect("cancelled");
    assert_eq!((done.id.as_deref(), done.status.as_ref().map(|s| s.as_str())), (Some("task-a"), Some("CancelSuccess")));
    let error = client.wait_for_rollback_migration(&rollback, &rollback_started, &fast()).await.expect_err("fails");
    assert!(matches!(&error, WaitError::Failed(f) if f.status == "Failed"), "{error:?}");
}

/// A listed job that has ended stays listed with its end state, though another wait's polls
/// reached it first: each wait still sees its own end.
#[tokio::test]
async fn a_listed_job_that_ended_during_another_wait_is_still_seen_ended() {
    use huaweicloud_sdk::ddm::v1::cancel_migration::CancelMigrationRequest;
    use huaweicloud_sdk::ddm::v1::rollback_migration::RollbackMigrationRequest;
    let cloud = MockCloud::start().await.expect("mock cloud");
    let client = DdmClient::new(cloud.config());
    cloud.play_job("CancelMigration", JobScript::succeeds_after(3)).expect("scripted");
    cloud.play_job("RollbackMigration", JobScript::fails_after(1)).expect("scripted");
    let cancel = CancelMigrationRequest::new("inst-1", "db_1", "task-a");
    let cancel_started = client.cancel_migration(&cancel).await.expect("the cancel starts");
    let rollback = RollbackMigrationRequest::new("inst-1", "db_2", "task-b");
    let rollback_started = client.rollback_migration(&rollback).await.expect("the rollback starts");
    // The cancel's four polls take the rollback past its end.
    client.wait_for_cancel_migration(&cancel, &cancel_started, &fast()).await.expect("cancelled");
    let error = client.wait_for_rollback_migration(&rollback, &rollback_started, &fast()).await.expect_err("fails");
    assert!(matches!(&error, WaitError::Failed(f) if f.status == "Failed"), "{error:?}");
}
