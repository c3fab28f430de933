//! The mock cloud (`huaweicloud_sdk::mock`, feature `mock`): every operation is routed, requests
//! are checked as the real service would check them (signature, mandatory parameters, documented
//! ranges and values, the body against the request table), answers can be scripted, and
//! paginated operations page honestly through the items they are given.

use std::time::Duration;

use huaweicloud_sdk::ddm::v1::{
    DdmClient,
    create_ddm_user::CreateDdmUserRequest,
    list_ddm_users::ListDdmUsersRequest,
    list_users::ListUsersRequest,
    types::{BaseAuthority, CreateUserRequestV3},
};
use huaweicloud_sdk::iam::v3::{IamClient, keystone_list_projects::KeystoneListProjectsRequest};
use huaweicloud_sdk::mock::{ACCESS_KEY, PROJECT_ID, TOKEN};
use huaweicloud_sdk::mock::{Answer, MockCloud};
use huaweicloud_sdk::runtime::client::{JSON_CONTENT_TYPE, Operation, PathPart, Request};
use huaweicloud_sdk::runtime::{Client, Config, Credentials};
use huaweicloud_sdk_tests::load;

fn config_with(cloud: &MockCloud, credentials: Credentials) -> Config {
    Config::builder()
        .credentials(credentials)
        .region("cn-north-4")
        .endpoint("ddm", cloud.url())
        .endpoint("iam", cloud.url())
        .retry_policy(huaweicloud_sdk::runtime::RetryPolicy::disabled())
        .build()
        .expect("config")
}

fn accounts(n: usize) -> Vec<serde_json::Value> {
    (0..n).map(|i| serde_json::json!({"name": format!("user{i:02}"), "status": "RUNNING"})).collect()
}

#[tokio::test]
async fn every_operation_of_the_spec_is_routed() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    let api = codegen::lower::lower(&load("spec")).expect("spec loads");
    let mut documented: Vec<&str> = api
        .services
        .iter()
        .flat_map(|s| &s.versions)
        .flat_map(|v| &v.operations)
        .map(|o| o.wire_name.as_str())
        .collect();
    documented.sort_unstable();
    let mut routed = cloud.operations();
    routed.sort_unstable();
    assert_eq!(routed, documented);
}

#[tokio::test]
async fn the_documented_example_is_the_default_answer() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    let users = DdmClient::new(cloud.config()).list_users(&ListUsersRequest::new("i")).await.expect("list users");
    assert_eq!(users.users.expect("users")[0].name.as_deref(), Some("ddmtest"));
    let received = cloud.requests();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].path, format!("/v1/{PROJECT_ID}/instances/i/users"));
    assert_eq!(received[0].violation, None);
}

#[tokio::test]
async fn a_bad_signature_gets_401_naming_the_problem() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    let wrong = Credentials::ak_sk(ACCESS_KEY, "not-the-secret-key").with_project_id(PROJECT_ID);
    let e = DdmClient::new(&config_with(&cloud, wrong)).list_users(&ListUsersRequest::new("i")).await.expect_err("401");
    assert_eq!(e.status(), Some(401), "{e}");
    let service = e.service_error().expect("service error");
    assert_eq!(service.code.as_deref(), Some("APIGW.0301"));
    assert!(service.message.contains("signature does not match"), "{}", service.message);
    // The message ends with the canonical request the mock expected, not mid-sentence.
    let expected = format!("the canonical request is:\nGET\n/v1/{PROJECT_ID}/instances/i/users/\n");
    assert!(service.message.contains(&expected), "{}", service.message);
    let violation = cloud.requests()[0].violation.clone().expect("recorded");
    assert!(violation.contains("canonical request"), "{violation}");

    let unknown = Credentials::ak_sk("AKSOMEONEELSE", "x").with_project_id(PROJECT_ID);
    let e =
        DdmClient::new(&config_with(&cloud, unknown)).list_users(&ListUsersRequest::new("i")).await.expect_err("401");
    assert!(e.to_string().contains("access key AKSOMEONEELSE is unknown"), "{e}");

    let token = Credentials::iam_token(TOKEN).with_project_id(PROJECT_ID);
    DdmClient::new(&config_with(&cloud, token)).list_users(&ListUsersRequest::new("i")).await.expect("token accepted");
    let bad_token = Credentials::iam_token("stolen").with_project_id(PROJECT_ID);
    let e =
        DdmClient::new(&config_with(&cloud, bad_token)).list_users(&ListUsersRequest::new("i")).await.expect_err("401");
    assert!(e.to_string().contains("X-Auth-Token is not a valid IAM token"), "{e}");
}

static LIST_USERS_BY_HAND: Operation = Operation {
    name: "ListUsers",
    method: "GET",
    path: &[
        PathPart::Text("/v1/"),
        PathPart::Param("project_id"),
        PathPart::Text("/instances/"),
        PathPart::Param("instance_id"),
        PathPart::Text("/users"),
    ],
    errors_in_body: None,
    secret_response: false,
};

#[tokio::test]
async fn limit_500_sent_by_hand_gets_the_documented_400() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    // The generated client refuses limit 500 before sending; the runtime's Request does not check.
    let client = Client::new(cloud.config(), &huaweicloud_sdk::ddm::SERVICE);
    let mut r = Request::new(&LIST_USERS_BY_HAND);
    r.path("instance_id", "i");
    r.query("limit", &500);
    let response = client.send(r).await.expect("an answer");
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = serde_json::from_slice(response.body()).expect("JSON");
    assert_eq!(body, serde_json::json!({"errCode": "DBS.280001", "externalMessage": "Parameter error."}));
    let violation = cloud.requests()[0].violation.clone().expect("recorded");
    assert_eq!(violation, "query parameter `limit` is 500, outside the documented range 1 to 128");
    assert_eq!(
        response.meta().headers().get("x-mock-violation").and_then(|v| v.to_str().ok()),
        Some(violation.as_str())
    );
}

#[tokio::test]
async fn the_body_is_checked_against_the_request_table() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    let client = Client::new(cloud.config(), &huaweicloud_sdk::ddm::SERVICE);
    static CREATE: Operation = Operation {
        name: "CreateDdmUser",
        method: "POST",
        path: &[
            PathPart::Text("/v3/"),
            PathPart::Param("project_id"),
            PathPart::Text("/instances/"),
            PathPart::Param("instance_id"),
            PathPart::Text("/users"),
        ],
        errors_in_body: None,
        secret_response: false,
    };
    for (body, rule) in [
        (r#"{"name":"u","password":"Example@123"}"#, "`body.base_authority` is mandatory"),
        (
            r#"{"name":"u","password":"Example@123","base_authority":["GRANT"]}"#,
            "`body.base_authority[0]` is \"GRANT\", not one of the documented values",
        ),
        (r#"{"name":"u","password":"short","base_authority":["SELECT"]}"#, "`body.password` has 5 characters"),
        (
            r#"{"name":"u","password":"Example@123","base_authority":["SELECT"],"admin":true}"#,
            "`body.admin` is not a field of the documented table",
        ),
    ] {
        let mut r = Request::new(&CREATE);
        r.path("instance_id", "i");
        r.json_body(&serde_json::from_str::<serde_json::Value>(body).expect("test JSON"), JSON_CONTENT_TYPE);
        let response = client.send(r).await.expect("an answer");
        assert_eq!(response.status(), 400, "{body}");
        let last = cloud.requests().pop().expect("received");
        let violation = last.violation.unwrap_or_default();
        assert!(violation.contains(rule), "{body}: {violation}");
    }
    // What the typed client sends passes the same checks.
    let ok =
        CreateDdmUserRequest::new("i", CreateUserRequestV3::new("ddmtest", "Example@123", vec![BaseAuthority::Select]));
    DdmClient::new(cloud.config()).create_ddm_user(&ok).await.expect("a valid account");
    assert_eq!(cloud.requests().pop().expect("received").violation, None);
}

#[tokio::test]
async fn scripted_answers_come_in_order_then_the_default_again() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    let client = DdmClient::new(&config_with(
        &cloud,
        Credentials::ak_sk(ACCESS_KEY, huaweicloud_sdk::mock::SECRET_KEY).with_project_id(PROJECT_ID),
    ));
    cloud.answer("ListUsers", Answer::documented(500)).expect("scripted");
    cloud
        .answer("ListUsers", Answer::json(200, r#"{"users":[{"name":"scripted"}]}"#).delay(Duration::from_millis(50)))
        .expect("scripted");
    let e = client.list_users(&ListUsersRequest::new("i")).await.expect_err("documented 500");
    assert_eq!(e.status(), Some(500));
    let users = client.list_users(&ListUsersRequest::new("i")).await.expect("scripted");
    assert_eq!(users.users.expect("users")[0].name.as_deref(), Some("scripted"));
    let users = client.list_users(&ListUsersRequest::new("i")).await.expect("default");
    assert_eq!(users.users.expect("users")[0].name.as_deref(), Some("ddmtest"));
}

#[tokio::test]
async fn a_script_for_an_operation_it_does_not_serve_or_items_for_one_that_does_not_page_are_errors() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    let e = cloud.answer("ListUser", Answer::documented(500)).expect_err("a typo");
    assert_eq!(e.operation, "ListUser");
    let text = e.to_string();
    assert!(
        text.starts_with("mock cloud: `ListUser` is not an operation this mock cloud serves (did you mean "),
        "{text}"
    );
    assert!(text.contains("ListUsers"), "{text}");
    // A documented answer the operation does not document would be served as an empty body.
    let e = cloud.answer("ListUsers", Answer::documented(404)).expect_err("404 is not documented");
    assert!(
        e.to_string().starts_with(
            "mock cloud: `ListUsers` does not document status 404 (ddm/v1/ListUsers documents 200, 400, 500)"
        ),
        "{e}"
    );
    let e = cloud.set_items("ListClusters", accounts(3)).expect_err("ListClusters does not page");
    assert!(e.to_string().contains("`ListClusters` does not page"), "{e}");
    assert!(cloud.requests().is_empty());
}

#[tokio::test]
async fn a_503_then_200_is_retried_transparently_for_a_get() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    cloud
        .answer("ListUsers", Answer::json(503, r#"{"errCode":"DBS.000001","externalMessage":"busy"}"#))
        .expect("scripted");
    let users = DdmClient::new(cloud.config()).list_users(&ListUsersRequest::new("i")).await.expect("retried");
    assert_eq!((users.meta().status(), users.meta().attempts()), (200, 2));
    let statuses: Vec<u16> = cloud.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [503, 200]);
}

#[tokio::test]
async fn a_503_and_a_dropped_connection_are_both_retried_for_a_get() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    cloud
        .answer("ListUsers", Answer::json(503, r#"{"errCode":"DBS.000001","externalMessage":"busy"}"#))
        .expect("scripted");
    cloud.answer("ListUsers", Answer::drop_connection()).expect("scripted");
    let users = DdmClient::new(cloud.config()).list_users(&ListUsersRequest::new("i")).await.expect("third attempt");
    assert_eq!(users.meta().attempts(), 3);
    let statuses: Vec<u16> = cloud.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [503, 0, 200]);
}

#[tokio::test]
async fn paginated_operations_page_honestly_through_the_items() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    cloud.set_items("ListUsers", accounts(25)).expect("scripted");
    cloud.set_items("ListDdmUsers", accounts(7)).expect("scripted");
    let ddm = DdmClient::new(cloud.config());
    let all = ddm.list_users_all(&ListUsersRequest::new("i").limit(10)).collect_all().await.expect("pages");
    assert_eq!(
        all.iter().filter_map(|u| u.name.clone()).collect::<Vec<_>>(),
        (0..25).map(|i| format!("user{i:02}")).collect::<Vec<_>>()
    );
    assert_eq!(cloud.requests_of("ListUsers").len(), 3);
    let page = ddm.list_users(&ListUsersRequest::new("i").offset(20).limit(10)).await.expect("last page");
    assert_eq!((page.users.map(|u| u.len()), page.total_record), (Some(5), Some(25)));
    // The documented default page size (10) applies when no limit is sent.
    let all = ddm.list_ddm_users_all(&ListDdmUsersRequest::new("i")).collect_all().await.expect("pages");
    assert_eq!(all.len(), 7);

    cloud
        .set_items("KeystoneListProjects", (0..5).map(|i| serde_json::json!({"id": format!("p{i}")})).collect())
        .expect("scripted");
    let iam = IamClient::new(cloud.config());
    let projects = iam
        .keystone_list_projects_all(&KeystoneListProjectsRequest::new().per_page(2))
        .collect_all()
        .await
        .expect("pages");
    assert_eq!(projects.len(), 5);
    assert_eq!(cloud.requests_of("KeystoneListProjects").len(), 3);
}

/// Without a script, a success whose page has no example answers a body made up from its table
/// (every documented field), and a listing pages through its example's own items, so that `_all`
/// ends (the example's marker and total are the page's, not those of a listing the mock serves).
#[tokio::test]
async fn unscripted_answers_fill_the_documented_fields_and_listings_end() {
    use huaweicloud_sdk::dns::v2::show_public_zone::ShowPublicZoneRequest;
    use huaweicloud_sdk::dns::v2::{DnsClient, list_public_zones::ListPublicZonesRequest};
    use huaweicloud_sdk::vpc::v3::{VpcClient, list_vpcs::ListVpcsRequest};

    let cloud = MockCloud::start().await.expect("mock cloud");
    let dns = DnsClient::new(cloud.config());
    // DNS's pages print no example: each field of the table has a value of its type.
    let zone = dns.show_public_zone(&ShowPublicZoneRequest::new("z")).await.expect("made up");
    assert_eq!((zone.id.as_deref(), zone.name.as_deref()), (Some("string"), Some("string")));
    let zones = dns.list_public_zones_all(&ListPublicZonesRequest::new()).collect_all().await.expect("ends");
    assert_eq!(zones.len(), 1, "one made-up zone");
    assert_eq!(zones[0].name.as_deref(), Some("string"));

    // Every success of every operation answers a JSON body (a made-up body that would not fit
    // its table would leave `""`, served as `{}`, which an operation whose body reports failures
    // reads as one).
    let mut empty = Vec::new();
    for route in cloud.routes() {
        for (status, body) in route.responses.iter().filter(|(s, _)| (200..300).contains(s)) {
            if serde_json::from_str::<serde_json::Value>(body).is_err() {
                empty.push(format!("{}/{}/{} {status}", route.service, route.version, route.operation.name));
            }
        }
    }
    assert!(empty.is_empty(), "successes without a JSON body: {empty:?}");
    // Such an operation (VPC's success bodies carry `error_code`) succeeds unscripted.
    {
        use huaweicloud_sdk::vpc::v3::{
            create_vpc::CreateVpcRequest, types::CreateVpcOption, types::CreateVpcRequestBody,
        };
        let body = CreateVpcRequestBody::new(CreateVpcOption::new("vpc-1", "192.168.0.0/16"));
        let created = VpcClient::new(cloud.config()).create_vpc(&CreateVpcRequest::new(body)).await.expect("a success");
        assert_eq!((created.request_id.as_deref(), created.error_code.as_deref()), (Some("string"), None));
    }

    // VPC's example lists VPCs and names a next marker; listed one at a time, each is one page.
    let vpc = VpcClient::new(cloud.config());
    let documented = vpc.list_vpcs(&ListVpcsRequest::new()).await.expect("a page").vpcs.map_or(0, |v| v.len());
    assert!(documented > 1, "{documented}");
    let all = vpc.list_vpcs_all(&ListVpcsRequest::new().limit(1)).collect_all().await.expect("ends");
    assert_eq!(all.len(), documented);
    assert_eq!(cloud.requests_of("ListVpcs").len(), 1 + documented);
}

/// VPC v2's Neutron listing continues after the last item's `id`; VPC v3's pages name the next
/// marker in `page_info.next_marker`. The mock pages both through the scripted items.
#[tokio::test]
async fn marker_listings_page_by_the_last_items_id_or_by_the_next_marker() {
    use huaweicloud_sdk::vpc::{v2, v3};

    let cloud = MockCloud::start().await.expect("mock cloud");
    let ids = |prefix: &str, n: usize| (0..n).map(|i| serde_json::json!({"id": format!("{prefix}{i}")})).collect();
    let markers = |operation: &str| -> Vec<Option<String>> {
        cloud
            .requests_of(operation)
            .iter()
            .map(|r| {
                let query = r.query.clone().unwrap_or_default();
                query.split('&').find_map(|p| p.strip_prefix("marker=")).map(str::to_owned)
            })
            .collect()
    };

    cloud.set_items("NeutronListNetworks", ids("net-", 7)).expect("scripted");
    let networks = v2::VpcClient::new(cloud.config())
        .neutron_list_networks_all(&v2::neutron_list_networks::NeutronListNetworksRequest::new().limit(3))
        .collect_all()
        .await
        .expect("pages");
    let got: Vec<_> = networks.iter().filter_map(|n| n.id.clone()).collect();
    assert_eq!(got, (0..7).map(|i| format!("net-{i}")).collect::<Vec<_>>());
    // The short third page ends the listing.
    assert_eq!(markers("NeutronListNetworks"), [None, Some("net-2".to_owned()), Some("net-5".to_owned())]);

    cloud.set_items("ListVirsubnets", ids("subnet-", 5)).expect("scripted");
    let subnets = v3::VpcClient::new(cloud.config())
        .list_virsubnets_all(&v3::list_virsubnets::ListVirsubnetsRequest::new().limit(2))
        .collect_all()
        .await
        .expect("pages");
    assert_eq!(subnets.len(), 5);
    // The mock's markers are positions; the third page names none.
    assert_eq!(markers("ListVirsubnets"), [None, Some("2".to_owned()), Some("4".to_owned())]);
}

/// A POST listing whose cursor is a field of its request body: VPC's tag filter moves `offset`
/// beside the body's mandatory `action`, KMS's grant listing sets `marker` to each page's
/// `next_marker`. The mock reads both from the body.
#[tokio::test]
async fn listings_that_page_in_their_request_body_move_the_bodys_cursor() {
    use huaweicloud_sdk::kms::v2::{KmsClient, list_grants::ListGrantsRequest, types::ListGrantsRequestBody};
    use huaweicloud_sdk::vpc::v2::{
        VpcClient, list_vpcs_by_tags::ListVpcsByTagsRequest, types::ListVpcsByTagsRequestBody,
    };

    let cloud = MockCloud::start().await.expect("mock cloud");
    let bodies = |operation: &str| -> Vec<serde_json::Value> {
        cloud.requests_of(operation).iter().map(|r| serde_json::from_slice(&r.body).expect("a JSON body")).collect()
    };

    let resources = (0..7).map(|i| serde_json::json!({"resource_id": format!("vpc-{i}")})).collect();
    cloud.set_items("ListVpcsByTags", resources).expect("scripted");
    let request = ListVpcsByTagsRequest::new(ListVpcsByTagsRequestBody::new("filter").limit(3));
    let vpcs = VpcClient::new(cloud.config()).list_vpcs_by_tags_all(&request).collect_all().await.expect("pages");
    let got: Vec<_> = vpcs.iter().filter_map(|r| r.resource_id.clone()).collect();
    assert_eq!(got, (0..7).map(|i| format!("vpc-{i}")).collect::<Vec<_>>());
    let sent: Vec<_> = bodies("ListVpcsByTags").iter().map(|b| (b["action"].clone(), b["offset"].clone())).collect();
    let filter = serde_json::json!("filter");
    assert_eq!(sent, [(filter.clone(), 0.into()), (filter.clone(), 3.into()), (filter, 6.into())]);

    let key = "0d0466b0-e727-4d9c-b35d-f84bb474a37f";
    let grants = (0..12).map(|i| serde_json::json!({"grant_id": format!("g{i:02}")})).collect();
    cloud.set_items("ListGrants", grants).expect("scripted");
    let request = ListGrantsRequest::new(ListGrantsRequestBody::new(key));
    let grants = KmsClient::new(cloud.config()).list_grants_all(&request).collect_all().await.expect("pages");
    assert_eq!(grants.len(), 12);
    // The first page goes without a marker; the mock's markers are positions, 10 a page by default.
    let sent: Vec<_> = bodies("ListGrants").iter().map(|b| (b["key_id"].clone(), b.get("marker").cloned())).collect();
    assert_eq!(sent, [(key.into(), None), (key.into(), Some("10".into()))]);
}

/// CES's `ListMetrics` pages by its `start` query parameter and the response's
/// `meta_data.marker`; KMS's `ListKeys` by its body's `marker` and `next_marker`, with a page size
/// typed String. The mock pages both through the scripted items.
#[tokio::test]
async fn a_start_parameter_and_a_body_marker_page_by_the_marker_the_response_names() {
    use huaweicloud_sdk::ces::v1::{CesClient, list_metrics::ListMetricsRequest};
    use huaweicloud_sdk::kms::v2::{KmsClient, list_keys::ListKeysRequest, types::ListKeysRequestBody};

    let cloud = MockCloud::start().await.expect("mock cloud");
    let metrics = (0..7).map(|i| serde_json::json!({"metric_name": format!("m{i}")})).collect();
    cloud.set_items("ListMetrics", metrics).expect("scripted");
    let all = CesClient::new(cloud.config())
        .list_metrics_all(&ListMetricsRequest::new().limit(3))
        .collect_all()
        .await
        .expect("pages");
    assert_eq!(
        all.iter().filter_map(|m| m.metric_name.clone()).collect::<Vec<_>>(),
        ["m0", "m1", "m2", "m3", "m4", "m5", "m6"]
    );
    let starts: Vec<Option<String>> = cloud
        .requests_of("ListMetrics")
        .iter()
        .map(|r| {
            r.query.clone().unwrap_or_default().split('&').find_map(|p| p.strip_prefix("start=")).map(str::to_owned)
        })
        .collect();
    assert_eq!(starts, [None, Some("3".to_owned()), Some("6".to_owned())]);
    // CES names a marker on its last page too (the last metric's): `meta_data.total` ends the
    // listing there, without asking for a page after the last.
    for body in [
        r#"{"metrics":[{"metric_name":"a"},{"metric_name":"b"}],"meta_data":{"count":2,"total":3,"marker":"b"}}"#,
        r#"{"metrics":[{"metric_name":"c"}],"meta_data":{"count":1,"total":3,"marker":"c"}}"#,
    ] {
        cloud.answer("ListMetrics", Answer::json(200, body)).expect("scripted");
    }
    let before = cloud.requests_of("ListMetrics").len();
    let all = CesClient::new(cloud.config())
        .list_metrics_all(&ListMetricsRequest::new().limit(2))
        .collect_all()
        .await
        .expect("pages");
    assert_eq!(all.iter().filter_map(|m| m.metric_name.clone()).collect::<Vec<_>>(), ["a", "b", "c"]);
    assert_eq!(cloud.requests_of("ListMetrics").len() - before, 2, "no page after the total");

    let keys = (0..9).map(|i| serde_json::json!({"key_id": format!("k{i}")})).collect();
    cloud.set_items("ListKeys", keys).expect("scripted");
    let request = ListKeysRequest::new().body(ListKeysRequestBody::new().limit("4"));
    let all = KmsClient::new(cloud.config()).list_keys_all(&request).collect_all().await.expect("pages");
    assert_eq!(all.iter().filter_map(|k| k.key_id.clone()).collect::<Vec<_>>().len(), 9);
    let markers: Vec<Option<serde_json::Value>> = cloud
        .requests_of("ListKeys")
        .iter()
        .map(|r| serde_json::from_slice::<serde_json::Value>(&r.body).expect("a JSON body").get("marker").cloned())
        .collect();
    assert_eq!(markers, [None, Some("4".into()), Some("8".into())]);
}

/// CCE's `ListHyperNodes` answers with the array itself (`items: .`): the mock serves each page
/// as a bare array, and the listing moves `offset` by the items received until a short page.
#[tokio::test]
async fn a_listing_whose_body_is_the_array_pages_through_it() {
    use huaweicloud_sdk::cce::v3::{CceClient, list_hyper_nodes::ListHyperNodesRequest};

    let cloud = MockCloud::start().await.expect("mock cloud");
    let nodes = (0..7).map(|i| serde_json::json!({"kind": format!("HyperNode{i}")})).collect();
    cloud.set_items("ListHyperNodes", nodes).expect("scripted");
    let all = CceClient::new(cloud.config())
        .list_hyper_nodes_all(&ListHyperNodesRequest::new("c").limit(3))
        .collect_all()
        .await
        .expect("pages");
    let kinds: Vec<String> = all.iter().filter_map(|n| n.kind.clone()).collect();
    assert_eq!(kinds, (0..7).map(|i| format!("HyperNode{i}")).collect::<Vec<_>>());
    let requests = cloud.requests_of("ListHyperNodes");
    let offsets: Vec<String> = requests
        .iter()
        .map(|r| {
            r.query
                .clone()
                .unwrap_or_default()
                .split('&')
                .find_map(|p| p.strip_prefix("offset="))
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(offsets, ["0", "3", "6"]);
    assert!(requests.iter().all(|r| r.violation.is_none()), "{requests:?}");
}

/// EIP's `ListBandwidthPkg` answers with its packages beside their pages' links: it pages by
/// `offset` through `bandwidthpkgs`.
#[tokio::test]
async fn an_offset_listing_beside_its_links_pages_through_its_items() {
    use huaweicloud_sdk::eip::v2::{EipClient, list_bandwidth_pkg::ListBandwidthPkgRequest};

    let cloud = MockCloud::start().await.expect("mock cloud");
    let packages = (0..5).map(|i| serde_json::json!({"resourceId": format!("pkg-{i}")})).collect();
    cloud.set_items("ListBandwidthPkg", packages).expect("scripted");
    let all = EipClient::new(cloud.config())
        .list_bandwidth_pkg_all(&ListBandwidthPkgRequest::new().limit(2))
        .collect_all()
        .await
        .expect("pages");
    let ids: Vec<String> = all.iter().filter_map(|p| p.resource_id.clone()).collect();
    assert_eq!(ids, (0..5).map(|i| format!("pkg-{i}")).collect::<Vec<_>>());
    assert_eq!(cloud.requests_of("ListBandwidthPkg").len(), 3, "the short third page ends it");
}

/// A listing whose cursor is in an optional request body (the golden `ListKeys`): the first page
/// goes as the caller's request would, without a body when the caller set none, and the body made
/// for the next pages holds only the marker; a body the caller set keeps its fields on every page.
#[tokio::test]
async fn a_listing_that_pages_in_an_optional_body_sends_no_body_until_it_has_a_marker() {
    use huaweicloud_sdk_golden::markers::v2::{MarkersClient, list_keys::ListKeysRequest, types::ListKeysRequestBody};

    let cloud = huaweicloud_sdk_golden::mock::MockCloud::start().await.expect("mock cloud");
    let keys: Vec<_> = (0..25).map(|i| serde_json::json!(format!("k{i:02}"))).collect();
    cloud.set_items("ListKeys", keys.clone()).expect("scripted");
    let client = MarkersClient::new(cloud.config());
    let bodies = || -> Vec<String> {
        cloud.requests_of("ListKeys").iter().map(|r| String::from_utf8(r.body.clone()).expect("UTF-8")).collect()
    };

    let all = client.list_keys_all(&ListKeysRequest::new()).collect_all().await.expect("pages");
    assert_eq!(all, keys.iter().map(|k| k.as_str().expect("a string").to_owned()).collect::<Vec<_>>());
    assert_eq!(bodies(), ["", r#"{"marker":"10"}"#, r#"{"marker":"20"}"#]);

    let request = ListKeysRequest::new().body(ListKeysRequestBody::new().limit(20).key_state("2"));
    let all = client.list_keys_all(&request).collect_all().await.expect("pages");
    assert_eq!(all.len(), 25);
    assert_eq!(bodies()[3..], [r#"{"limit":20,"key_state":"2"}"#, r#"{"limit":20,"marker":"20","key_state":"2"}"#]);
}

/// DWS's `offset` is a String holding the page number minus 1, its `limit` a String too: the
/// stream sends "0", "1", "2"; a start that holds no number is an error before any call. RDS's
/// disaster-recovery listing takes its offset in an optional body, which the stream always sends.
#[tokio::test]
async fn a_number_cursor_written_as_text_moves_as_text_and_a_body_offset_is_always_sent() {
    use huaweicloud_sdk::dws::v2::{DwsClient, list_events::ListEventsRequest};
    use huaweicloud_sdk::rds::v3::{RdsClient, list_dr_infos::ListDrInfosRequest};

    let cloud = MockCloud::start().await.expect("mock cloud");
    let events = (0..5).map(|i| serde_json::json!({"event_id": format!("e{i}")})).collect();
    cloud.set_items("dws/ListEvents", events).expect("scripted");
    let dws = DwsClient::new(cloud.config());
    let all = dws.list_events_all(&ListEventsRequest::new().limit("2")).collect_all().await.expect("pages");
    assert_eq!(all.iter().filter_map(|e| e.event_id.clone()).collect::<Vec<_>>(), ["e0", "e1", "e2", "e3", "e4"]);
    let queries: Vec<_> = cloud.requests_of("ListEvents").iter().map(|r| r.query.clone().unwrap_or_default()).collect();
    assert_eq!(queries, ["limit=2&offset=0", "limit=2&offset=1", "limit=2&offset=2"]);
    let e = dws.list_events_all(&ListEventsRequest::new().offset("first")).collect_all().await.expect_err("no number");
    assert!(e.to_string().contains("\"first\" is not a whole number"), "{e}");
    assert_eq!(cloud.requests_of("ListEvents").len(), 3, "nothing sent for a start that is no number");

    let infos = (0..3).map(|i| serde_json::json!({"master_instance_id": format!("i{i}")})).collect();
    cloud.set_items("ListDrInfos", infos).expect("scripted");
    let rds = RdsClient::new(cloud.config());
    let all = rds.list_dr_infos_all(&ListDrInfosRequest::new()).collect_all().await.expect("pages");
    assert_eq!(all.len(), 3);
    let bodies: Vec<_> =
        cloud.requests_of("ListDrInfos").iter().map(|r| String::from_utf8(r.body.clone()).expect("UTF-8")).collect();
    assert_eq!(bodies, [r#"{"offset":0}"#]);
}

#[tokio::test]
async fn an_undocumented_path_gets_404_and_is_recorded() {
    let cloud = MockCloud::start().await.expect("mock cloud");
    static NOWHERE: Operation = Operation {
        name: "Nowhere",
        method: "GET",
        path: &[PathPart::Text("/v1/"), PathPart::Param("project_id"), PathPart::Text("/nowhere")],
        errors_in_body: None,
        secret_response: false,
    };
    let client = Client::new(cloud.config(), &huaweicloud_sdk::ddm::SERVICE);
    let response = client.send(Request::new(&NOWHERE)).await.expect("an answer");
    assert_eq!(response.status(), 404);
    let received = cloud.requests();
    assert_eq!(received[0].operation, None);
    assert!(received[0].violation.as_deref().is_some_and(|v| v.contains("no documented operation")));
}

#[tokio::test]
async fn project_discovery_against_the_mock_cloud() {
    // The hand-written IAM stubs of tests/tests/it/discovery.rs, replaced by the mock: its IAM route
    // checks the signature and the query like any other.
    let cloud = MockCloud::start().await.expect("mock cloud");
    cloud
        .set_items("KeystoneListProjects", vec![serde_json::json!({"id": "found-by-iam", "name": "cn-north-4"})])
        .expect("scripted");
    let no_project = Credentials::ak_sk(ACCESS_KEY, huaweicloud_sdk::mock::SECRET_KEY);
    let ddm = DdmClient::new(&config_with(&cloud, no_project));
    ddm.list_users(&ListUsersRequest::new("i")).await.expect("discovered");
    ddm.list_users(&ListUsersRequest::new("i")).await.expect("cached");
    let iam = cloud.requests_of("KeystoneListProjects");
    assert_eq!(iam.len(), 1);
    assert_eq!(iam[0].query.as_deref(), Some("name=cn-north-4"));
    assert!(cloud.requests_of("ListUsers").iter().all(|r| r.path == "/v1/found-by-iam/instances/i/users"
        && r.header("X-Project-Id") == Some("found-by-iam")
        && r.violation.is_none()));

    // Unscripted, IAM lists the mock's own project, named after its region.
    let cloud = MockCloud::start().await.expect("mock cloud");
    let no_project = Credentials::ak_sk(ACCESS_KEY, huaweicloud_sdk::mock::SECRET_KEY);
    DdmClient::new(&config_with(&cloud, no_project)).list_users(&ListUsersRequest::new("i")).await.expect("found");
    let sent = cloud.requests_of("ListUsers");
    assert_eq!(sent[0].path, format!("/v1/{PROJECT_ID}/instances/i/users"));
    assert_eq!(sent[0].violation, None);
}

/// `ListInstances` is an operation of DDM, DNS and RDS: a bare name scripts whichever is called
/// next, `rds/ListInstances` or `RDS/V3/ListInstances` RDS's alone, before a bare name's script.
#[tokio::test]
async fn a_service_qualified_name_scripts_that_services_operation_alone() {
    use huaweicloud_sdk::ddm::v1::list_instances::ListInstancesRequest as DdmList;
    use huaweicloud_sdk::rds::v3::{RdsClient, list_instances::ListInstancesRequest as RdsList};
    let cloud = MockCloud::start().await.expect("mock cloud");
    let (ddm, rds) = (DdmClient::new(cloud.config()), RdsClient::new(cloud.config()));
    let busy = r#"{"error_code":"RDS.0001","error_msg":"scripted for RDS"}"#;
    cloud.answer("RDS/V3/ListInstances", Answer::json(400, busy)).expect("RDS's, service and version in any case");
    cloud.answer("rds/ListInstances", Answer::json(400, busy)).expect("RDS's");
    cloud.answer("ListInstances", Answer::json(400, r#"{"error_code":"X","error_msg":"bare"}"#)).expect("any");
    // DDM's call takes only the bare name's script.
    let e = ddm.list_instances(&DdmList::new()).await.expect_err("the bare script");
    assert_eq!(e.service_error().and_then(|s| s.code.as_deref()), Some("X"));
    assert!(ddm.list_instances(&DdmList::new()).await.is_ok(), "no script left for DDM");
    // RDS's two calls take RDS's scripts, the most precise first, then the default again.
    for _ in 0..2 {
        let e = rds.list_instances(&RdsList::new()).await.expect_err("RDS's script");
        assert_eq!(e.service_error().and_then(|s| s.code.as_deref()), Some("RDS.0001"));
    }
    assert!(rds.list_instances(&RdsList::new()).await.is_ok(), "the documented example again");

    for wrong in ["rds/v9/ListInstances", "ecs/ListInstances", "rds/ListInstance"] {
        let e = cloud.answer(wrong, Answer::documented(500)).expect_err(wrong);
        assert_eq!(e.operation, wrong);
        assert!(e.to_string().contains("names no operation of this mock cloud"), "{e}");
    }
}

/// A connection kept alive after its answer is closed when the mock cloud is dropped: its task
/// belongs to the mock, not to the runtime for good.
#[tokio::test]
async fn dropping_the_mock_cloud_closes_its_kept_alive_connections() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let cloud = MockCloud::start().await.expect("mock cloud");
    let mut stream = tokio::net::TcpStream::connect(cloud.addr()).await.expect("connects");
    stream.write_all(b"GET /v3/projects HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n").await.expect("sends");
    // The whole answer: its head, then as many bytes as its Content-Length says.
    let mut answer = Vec::new();
    let mut buf = [0_u8; 4096];
    let whole = |answer: &[u8]| {
        let end = answer.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&answer[..end]);
        let length = head.lines().find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok())?
        })?;
        (answer.len() - end - 4 >= length).then_some(())
    };
    let read = async {
        while whole(&answer).is_none() {
            let n = stream.read(&mut buf).await.expect("reads");
            assert!(n > 0, "the mock closed the connection after {:?}", String::from_utf8_lossy(&answer));
            answer.extend_from_slice(&buf[..n]);
        }
    };
    let done = tokio::time::timeout(Duration::from_secs(10), read).await;
    assert!(
        done.is_ok(),
        "no whole answer (a head and Content-Length bytes) within 10 s: {:?}",
        String::from_utf8_lossy(&answer)
    );
    assert!(answer.starts_with(b"HTTP/1.1 "), "an HTTP answer: {:?}", String::from_utf8_lossy(&answer));
    // Kept alive: nothing more comes, and the connection stays open.
    let idle = tokio::time::timeout(Duration::from_millis(200), stream.read(&mut buf)).await;
    assert!(idle.is_err(), "the connection was not kept alive: {idle:?}");
    drop(cloud);
    let closed = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf)).await;
    assert!(matches!(closed, Ok(Ok(0) | Err(_))), "the connection outlived the dropped mock cloud: {closed:?}");
}

/// A success answer carries the headers its operation declares (`X-Subject-Token` of a token
/// validation): the mock's token, or the value the script sets; a script with a header HTTP does
/// not allow is refused.
#[tokio::test]
async fn success_answers_carry_the_declared_response_headers() {
    use huaweicloud_sdk::iam::v3::keystone_validate_token::KeystoneValidateTokenRequest;
    let cloud = MockCloud::start().await.expect("mock cloud");
    let iam = IamClient::new(cloud.config());
    let request = KeystoneValidateTokenRequest::new("a-token");
    let response = iam.keystone_validate_token(&request).await.expect("the token is valid");
    let token = response.x_subject_token().expect("the declared header is sent");
    assert_eq!(token.expose(), TOKEN, "the token the mock accepts");

    let scripted = Answer::documented(200).header("x-subject-token", "scripted-token");
    cloud.answer("KeystoneValidateToken", scripted).expect("scripted");
    let response = iam.keystone_validate_token(&request).await.expect("the token is valid");
    assert_eq!(response.x_subject_token().expect("scripted header").expose(), "scripted-token");
    let values: Vec<_> = response.meta().headers().get_all("x-subject-token").iter().collect();
    assert_eq!(values.len(), 1, "the script replaces the placeholder: {values:?}");
    // A scripted header replaces one the mock sets itself.
    cloud.answer("KeystoneValidateToken", Answer::documented(200).header("X-Request-Id", "req-1")).expect("scripted");
    let response = iam.keystone_validate_token(&request).await.expect("the token is valid");
    assert_eq!(response.meta().request_id(), Some("req-1"));

    let bad = Answer::documented(200).header("X-Subject-Token", "two\nlines");
    let e = cloud.answer("KeystoneValidateToken", bad).expect_err("a line break");
    assert!(e.to_string().contains("is not a valid HTTP header"), "{e}");
}

/// A config of one's own against the mock cloud, built as the README shows: its published
/// credentials, its region and a service's own URL; the call is served and the request signed.
#[tokio::test]
async fn a_config_of_ones_own_reaches_the_mock_cloud_as_the_readme_shows() {
    use huaweicloud_sdk::mock::{REGION, SECRET_KEY};
    use huaweicloud_sdk::vpc::v2::{VpcClient, list_vpcs::ListVpcsRequest};

    let cloud = MockCloud::start().await.expect("mock cloud");
    let config = Config::builder()
        .credentials(Credentials::ak_sk(ACCESS_KEY, SECRET_KEY).with_project_id(PROJECT_ID))
        .region(REGION)
        .endpoint("vpc", cloud.service_url("vpc").expect("served"))
        .ignore_environment_proxy()
        .attempt_timeout(Duration::from_secs(5))
        .build()
        .expect("config");
    let vpcs = VpcClient::new(&config).list_vpcs(&ListVpcsRequest::new()).await.expect("served");
    assert!(!vpcs.vpcs().is_empty(), "the documented example's VPCs");
    let received = cloud.requests();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].operation, Some("ListVpcs"));
    assert_eq!(received[0].violation, None, "a well-formed, signed request");
}
