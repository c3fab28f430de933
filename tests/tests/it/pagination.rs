//! Pagination on the wire: the generated `*_all` methods against local servers that serve pages,
//! checking the requests made (cursor moved, page size kept, one request per page), the items
//! yielded, and where the stream stops.

use std::time::Duration;

use huaweicloud_sdk::ddm::v1::{DdmClient, list_ddm_users::ListDdmUsersRequest, list_users::ListUsersRequest};
use huaweicloud_sdk::iam::v3::{IamClient, keystone_list_projects::KeystoneListProjectsRequest};
use huaweicloud_sdk::runtime::{Config, Credentials, Error, RetryPolicy};
use huaweicloud_sdk_tests::server::{Reply, Server};
use huaweicloud_sdk_tests::wire::{query_pairs, verify_signature};

const SK: &str = "SKPAGES";

fn config(server: &Server) -> Config {
    Config::builder()
        .credentials(Credentials::ak_sk("AKPAGES", SK).with_project_id("proj-1").with_domain_id("domain-1"))
        .region("cn-north-4")
        .endpoint("ddm", server.url())
        .endpoint("iam", server.url())
        .read_timeout(Duration::from_secs(5))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("config")
}

/// A ListUsers page of accounts `from..to` out of `total`.
fn users_page(from: usize, to: usize, total: usize) -> Reply {
    let users: Vec<String> = (from..to).map(|i| format!(r#"{{"name":"user{i:02}","status":"RUNNING"}}"#)).collect();
    Reply::json(200, &format!(r#"{{"users":[{}],"total_record":{total}}}"#, users.join(",")))
}

fn query(req: &huaweicloud_sdk_tests::server::Request) -> Vec<(String, String)> {
    let mut q = query_pairs(req);
    q.sort();
    q
}

fn pair(k: &str, v: &str) -> (String, String) {
    (k.to_owned(), v.to_owned())
}

#[tokio::test]
async fn list_users_all_reads_three_pages_with_three_requests() {
    let server = Server::start(vec![users_page(0, 10, 25), users_page(10, 20, 25), users_page(20, 25, 25)]).await;
    let client = DdmClient::new(&config(&server));
    let users = client.list_users_all(&ListUsersRequest::new("inst-1").limit(10)).collect_all().await.expect("pages");
    let names: Vec<String> = users.iter().filter_map(|u| u.name.clone()).collect();
    assert_eq!(names, (0..25).map(|i| format!("user{i:02}")).collect::<Vec<_>>());

    let requests = server.requests();
    assert_eq!(requests.len(), 3, "one request per page, none after the total: {requests:#?}");
    for (r, offset) in requests.iter().zip(["0", "10", "20"]) {
        assert_eq!(r.path, "/v1/proj-1/instances/inst-1/users");
        assert_eq!(query(r), [pair("limit", "10"), pair("offset", offset)]);
        verify_signature(r, SK);
    }
}

#[tokio::test]
async fn pages_are_fetched_only_when_the_stream_reaches_them() {
    let server = Server::start(vec![users_page(0, 2, 4), users_page(2, 4, 4)]).await;
    let client = DdmClient::new(&config(&server));
    let mut users = client.list_users_all(&ListUsersRequest::new("i").limit(2).offset(0));
    assert_eq!(server.requests().len(), 0, "nothing before the first read");
    users.next().await.expect("item").expect("ok");
    users.next().await.expect("item").expect("ok");
    assert_eq!(server.requests().len(), 1);
    users.next().await.expect("item").expect("ok");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn an_error_on_a_later_page_is_yielded_after_the_earlier_items() {
    let failure = Reply::json(500, r#"{"errCode":"DBS.200001","externalMessage":"Internal error."}"#);
    let server = Server::start(vec![users_page(0, 3, 9), failure]).await;
    let client = DdmClient::new(&config(&server));
    let mut users = client.list_users_all(&ListUsersRequest::new("i").limit(3));
    for _ in 0..3 {
        users.next().await.expect("item").expect("first page");
    }
    let e = users.next().await.expect("the error").expect_err("second page failed");
    assert!(matches!(&e, Error::Service { .. }) && e.to_string().contains("DBS.200001"), "{e}");
    assert!(users.next().await.is_none(), "the error ends the stream");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn list_ddm_users_all_starts_at_the_requested_offset() {
    let page = |from: usize, to: usize| {
        let users: Vec<String> = (from..to).map(|i| format!(r#"{{"name":"u{i}"}}"#)).collect();
        Reply::json(200, &format!(r#"{{"users":[{}],"offset":{from},"limit":5,"total":12}}"#, users.join(",")))
    };
    let server = Server::start(vec![page(5, 10), page(10, 12)]).await;
    let client = DdmClient::new(&config(&server));
    let users = client
        .list_ddm_users_all(&ListDdmUsersRequest::new("i").offset(5).limit(5))
        .collect_all()
        .await
        .expect("pages");
    assert_eq!(users.len(), 7);
    let offsets: Vec<String> = server
        .requests()
        .iter()
        .map(|r| query(r).into_iter().find(|(k, _)| k == "offset").expect("offset").1)
        .collect();
    assert_eq!(offsets, ["5", "10"]);
    assert!(server.requests().iter().all(|r| r.path == "/v3/proj-1/instances/i/users"));
}

#[tokio::test]
async fn keystone_projects_page_by_page_until_a_short_page() {
    let page = |ids: &[&str]| {
        let list: Vec<String> = ids.iter().map(|id| format!(r#"{{"id":"{id}","name":"{id}"}}"#)).collect();
        Reply::json(200, &format!(r#"{{"projects":[{}],"links":{{"self":"x"}}}}"#, list.join(",")))
    };
    let server = Server::start(vec![page(&["a", "b"]), page(&["c", "d"]), page(&["e"])]).await;
    let client = IamClient::new(&config(&server));
    let projects = client
        .keystone_list_projects_all(&KeystoneListProjectsRequest::new().per_page(2))
        .collect_all()
        .await
        .expect("pages");
    let ids: Vec<String> = projects.into_iter().filter_map(|p| p.id).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let pages: Vec<Vec<(String, String)>> = server.requests().iter().map(query).collect();
    assert_eq!(
        pages,
        [
            vec![pair("page", "1"), pair("per_page", "2")],
            vec![pair("page", "2"), pair("per_page", "2")],
            vec![pair("page", "3"), pair("per_page", "2")],
        ]
    );
}
