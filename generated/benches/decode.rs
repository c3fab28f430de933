//! Decoding a DDM `ListUsers` response of 1,000 accounts (`serde_json::from_slice` into
//! `ListUsersResponse`), next to the floors it is measured against: the same JSON into plain serde
//! structs of the same fields (no lenient decoding) and into `serde_json::Value`, and a prototype
//! of lenient decoding that does not buffer (module `in_place`), the change the numbers argue for.
//!
//! Each account has the fields of the documented example (name, status, base_authority,
//! password_last_changed, description, created, databases), with two databases instead of one.
//!
//! The documented example of one account is decoded the same two ways, for the share of decoding
//! in one call.
//!
//! `cargo bench -p huaweicloud-sdk-benches --bench decode -- --quick`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use huaweicloud_sdk::ddm::v1::list_users::ListUsersResponse;
use huaweicloud_sdk_benches as bench;

/// Accounts in the decoded response.
const ACCOUNTS: usize = 1000;

/// The response body: `ACCOUNTS` accounts shaped like the documented example, compact JSON.
fn body() -> Vec<u8> {
    let users: Vec<serde_json::Value> = (0..ACCOUNTS)
        .map(|i| {
            serde_json::json!({
                "name": format!("ddmuser{i:04}"),
                "status": "RUNNING",
                "base_authority": ["SELECT", "INSERT"],
                "password_last_changed": 1_686_904_661_709_i64 + i as i64,
                "description": format!("Account {i}"),
                "created": 1_686_904_661_709_i64 + i as i64,
                "databases": [
                    { "name": format!("schema{i:04}a"), "description": "Schema" },
                    { "name": format!("schema{i:04}b"), "description": "Schema" },
                ],
            })
        })
        .collect();
    let page = serde_json::json!({
        "users": users,
        "page_no": 1,
        "page_size": ACCOUNTS,
        "total_record": ACCOUNTS,
        "total_page": 1,
    });
    serde_json::to_vec(&page).expect("serialize the bench body")
}

/// A prototype of lenient decoding without buffering, to measure what it would save: today every
/// response struct and enum is lenient through `Lenient`'s default method, which buffers the value
/// as a `serde_json::Value` and decodes that (so an object nested n deep is copied n times). Here a
/// struct is decoded in place when the value is an object (its fields are lenient already, so only
/// malformed JSON can fail) and gives `None` otherwise; an enum goes through the lenient string.
/// Same fields, same lenient field helper, same enums as the SDK's types.
// The fields are decoded to be timed, never read.
#[allow(dead_code)]
mod in_place {
    use std::marker::PhantomData;

    use huaweicloud_sdk::ddm::v1::{types::{BaseAuthority, ExtendAuthority}};
    use huaweicloud_sdk::runtime::lenient::{self, Lenient};
    use serde::de::value::MapAccessDeserializer;
    use serde::de::{DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

    /// What `Lenient::deserialize_lenient` of a generated struct would call.
    pub fn object<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Option<T>, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: DeserializeOwned> Visitor<'de> for V<T> {
            type Value = Option<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Some)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(None)
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
        }
        d.deserialize_any(V(PhantomData))
    }

    macro_rules! in_place_struct {
        ($($name:ident),*) => {$(
            impl Lenient for $name {
                fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
                    object(d)
                }
            }
        )*};
    }

    macro_rules! in_place_enum {
        ($($name:ident($inner:ident)),*) => {$(
            #[derive(Debug, serde::Deserialize)]
            #[serde(transparent)]
            pub struct $name(pub $inner);
            impl Lenient for $name {
                fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
                    Ok(String::deserialize_lenient(d)?.map(|s| $name($inner::from_wire(&s))))
                }
            }
        )*};
    }

    in_place_struct!(ListUsersResponse, User, Database);
    in_place_enum!(Base(BaseAuthority), Extend(ExtendAuthority));

    #[derive(Debug, serde::Deserialize)]
    pub struct ListUsersResponse {
        #[serde(default, deserialize_with = "lenient::deserialize")]
        pub users: Option<Vec<User>>,
        #[serde(default, deserialize_with = "lenient::deserialize")]
        pub page_no: Option<i32>,
        #[serde(default, deserialize_with = "lenient::deserialize")]
        pub page_size: Option<i32>,
        #[serde(default, deserialize_with = "lenient::deserialize")]
        pub total_record: Option<i32>,
        #[serde(default, deserialize_with = "lenient::deserialize")]
        pub total_page: Option<i32>,
    }

    #[derive(Debug, serde::Deserialize)]
    pub struct User {
        #[serde(default, deserialize_with = "lenient::deserialize")]
        pub name: Option<String>,
        #[serde(default, deserialize_with = "lenient::deserialize")]
        pub status: Option<String>,
        #[serde(default, deserialize_with = "lenient::deserialize")]
        pub base_authority: Option<Vec<Base>>,
        #[serde(default, deserialize_with = "lenient::deserialize")]
        pub extend_authority: Option<Vec<Extend>>,
        #[serde(default, deserialize_with = "lenient::deserialize")]
        pub password_last_changed: Option<i64>,
        #[serde(default, deserialize_with = "lenient::deserialize")]
        pub description: Option<String>,
        #[serde(default, deserialize_with = "lenient::deserialize")]
        pub created: Option<i64>,
        #[serde(default, deserialize_with = "lenient::deserialize")]
        pub databases: Option<Vec<Database>>,
    }

    #[derive(Debug, serde::Deserialize)]
    pub struct Database {
        #[serde(default, deserialize_with = "lenient::deserialize")]
        pub name: Option<String>,
        #[serde(default, deserialize_with = "lenient::deserialize")]
        pub description: Option<String>,
    }
}

fn decode(c: &mut Criterion) {
    let body = body();
    let sdk: ListUsersResponse = serde_json::from_slice(&body).expect("the SDK decodes the bench body");
    assert_eq!(sdk.users.as_ref().map(Vec::len), Some(ACCOUNTS), "every account decoded");
    assert!(sdk.users.iter().flatten().all(|u| u.databases.as_ref().map(Vec::len) == Some(2)), "every database");

    let proto: in_place::ListUsersResponse = serde_json::from_slice(&body).expect("the prototype decodes it");
    let count =
        |users: &[in_place::User]| users.iter().filter_map(|u| u.databases.as_ref()).map(Vec::len).sum::<usize>();
    assert_eq!(proto.users.as_deref().map(count), Some(2 * ACCOUNTS), "the prototype decodes every database");

    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Bytes(body.len() as u64));
    g.bench_function("list_users_1000/sdk", |b| {
        b.iter(|| serde_json::from_slice::<ListUsersResponse>(black_box(&body)).expect("decode"))
    });
    g.bench_function("list_users_1000/plain_serde", |b| {
        b.iter(|| serde_json::from_slice::<bench::hand::plain::ListUsersResponse>(black_box(&body)).expect("decode"))
    });
    g.bench_function("list_users_1000/in_place_prototype", |b| {
        b.iter(|| serde_json::from_slice::<in_place::ListUsersResponse>(black_box(&body)).expect("decode"))
    });
    g.bench_function("list_users_1000/json_value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&body)).expect("decode"))
    });
    g.finish();

    let example = bench::LIST_USERS_EXAMPLE.as_bytes();
    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Bytes(example.len() as u64));
    g.bench_function("list_users_example/sdk", |b| {
        b.iter(|| serde_json::from_slice::<ListUsersResponse>(black_box(example)).expect("decode"))
    });
    g.bench_function("list_users_example/in_place_prototype", |b| {
        b.iter(|| serde_json::from_slice::<in_place::ListUsersResponse>(black_box(example)).expect("decode"))
    });
    g.finish();
    println!("decode: the body of {ACCOUNTS} accounts is {} bytes", body.len());
}

fn criterion() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3)).sample_size(30)
}

criterion_group! { name = benches; config = criterion(); targets = decode }
criterion_main!(benches);
