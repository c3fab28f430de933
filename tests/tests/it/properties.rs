//! Property tests: path and query encoding round-trip for any Unicode input; value-list enums
//! round-trip any string, unknown ones included; and anything the CreateDdmUser request builder
//! lets through is a body the mock cloud accepts against the spec's request table.

use huaweicloud_sdk::ddm::v1::{
    DdmClient,
    create_ddm_user::CreateDdmUserRequest,
    types::{BaseAuthority, CreateUserRelatedLogicDbV3, CreateUserRequestV3},
};
use huaweicloud_sdk::mock::MockCloud;
use huaweicloud_sdk::runtime::{Error, signer};
use proptest::prelude::*;

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8().expect("encoding keeps UTF-8").into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_path_segment_round_trips_and_stays_one_segment(s in "\\PC*") {
        let encoded = signer::encode(&s);
        prop_assert!(
            encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)),
            "{encoded}"
        );
        prop_assert_eq!(decode(&encoded), s);
    }

    #[test]
    fn the_canonical_query_round_trips_every_pair(pairs in prop::collection::vec(("\\PC{0,12}", "\\PC{0,12}"), 0..8)) {
        let pairs: Vec<(String, String)> = pairs;
        // The query string the signer puts on the wire is the canonical one.
        let req = signer::Request { method: "GET", host: "h", path: "/", query: &pairs, headers: &[], body: b"" };
        let query = signer::sign(&req, "AK", "SK", "20240102T030405Z").query;
        let mut back: Vec<(String, String)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        let mut want = pairs.clone();
        want.sort();
        back.sort();
        prop_assert_eq!(back, want);
    }

    #[test]
    fn value_list_enums_round_trip_any_string(s in "\\PC{0,20}") {
        let value = BaseAuthority::from_wire(&s);
        prop_assert_eq!(value.as_str(), s.as_str());
        let json = serde_json::to_value(&value).expect("serializes");
        prop_assert_eq!(&json, &serde_json::Value::String(s.clone()));
        let back: BaseAuthority = serde_json::from_value(json).expect("deserializes");
        prop_assert_eq!(back, value);
    }
}

fn documented_authority() -> impl Strategy<Value = BaseAuthority> {
    prop::sample::select(vec![
        BaseAuthority::Create,
        BaseAuthority::Drop,
        BaseAuthority::Alter,
        BaseAuthority::Index,
        BaseAuthority::Insert,
        BaseAuthority::Delete,
        BaseAuthority::Update,
        BaseAuthority::Select,
    ])
}

prop_compose! {
    fn account()(
        name in "[a-z0-9_]{0,40}",
        password in "[A-Za-z0-9@#]{0,40}",
        authorities in prop::collection::vec(documented_authority(), 0..4),
        description in prop::option::of("\\PC{0,300}"),
        lifetime in prop::option::of(-10i32..70_000),
        databases in prop::option::of(prop::collection::vec("[a-z]{1,10}", 0..3)),
    ) -> CreateUserRequestV3 {
        let mut a = CreateUserRequestV3::new(name, password, authorities);
        if let Some(d) = description { a = a.description(d); }
        if let Some(l) = lifetime { a = a.password_lifetime(l); }
        if let Some(dbs) = databases {
            a = a.databases(dbs.into_iter().map(CreateUserRelatedLogicDbV3::new).collect());
        }
        a
    }
}

#[test]
fn what_the_builder_lets_through_the_spec_accepts() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let cloud = rt.block_on(MockCloud::start()).expect("mock cloud");
    let client = DdmClient::new(cloud.config());
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(64));
    runner
        .run(&account(), |body| {
            let before = cloud.requests().len();
            let result = rt.block_on(client.create_ddm_user(&CreateDdmUserRequest::new("inst-1", body.clone())));
            let received = cloud.requests();
            match result {
                // Refused by the client: nothing was sent.
                Err(Error::Validation(_)) => prop_assert_eq!(received.len(), before),
                // Sent: the mock cloud found nothing wrong with it.
                _ => {
                    let last = received.last().expect("a request was sent");
                    prop_assert_eq!(last.violation.as_deref(), None, "{:?}", body);
                }
            }
            Ok(())
        })
        .expect("every accepted request matches the request table");
}
