//! The paginator against a hand-written loop: every item of a listing of 1,000 DDM users in pages
//! of 100, from a local server that serves each page at once. Both read the same pages through
//! the same client (`DdmClient::list_users`); the hand loop sets `offset` itself and stops at
//! `total_record`, the paginator (`list_users_all`) adds its guarantees (the items field held to
//! the raw body when decoding left elements out or found no list, a page that repeats the previous
//! one caught, the page cap). The ratio of their times is the paginator's own cost.
//!
//! `cargo bench -p huaweicloud-sdk-benches --bench paginate -- --quick`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use huaweicloud_sdk::ddm::v1::{DdmClient, list_users::ListUsersRequest, types::GetUsersListDetailResponses};
use huaweicloud_sdk_benches::{self as bench, PAGED_INSTANCE_ID, PAGED_TOTAL, Server};

/// The page size both ask for.
const PAGE: i32 = 100;

fn paginate(c: &mut Criterion) {
    let rt = bench::client_runtime();
    let server = Server::start_in(&rt);
    let client = DdmClient::new(&bench::config(&server.url()));
    let request = ListUsersRequest::new(PAGED_INSTANCE_ID).limit(PAGE);
    // Both read every item, or the comparison means nothing.
    let by_hand = rt.block_on(hand_loop(&client, &request));
    let paged = rt.block_on(client.list_users_all(&request).collect_all()).expect("listing");
    assert_eq!((by_hand.len(), paged.len()), (PAGED_TOTAL, PAGED_TOTAL));
    assert_eq!(by_hand, paged);

    let mut group = c.benchmark_group("paginate");
    group.throughput(Throughput::Elements(PAGED_TOTAL as u64));
    group.bench_function("hand_loop", |b| b.iter(|| black_box(rt.block_on(hand_loop(&client, &request)).len())));
    group.bench_function("list_users_all", |b| {
        b.iter(|| black_box(rt.block_on(client.list_users_all(&request).collect_all()).expect("listing").len()))
    });
    group.finish();
}

/// Every user, offset by offset, until `total_record`: the loop a user writes without a paginator.
async fn hand_loop(client: &DdmClient, request: &ListUsersRequest) -> Vec<GetUsersListDetailResponses> {
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let mut page = client.list_users(&request.clone().offset(offset)).await.expect("page");
        let users = page.users.take().unwrap_or_default();
        offset += i32::try_from(users.len()).expect("page size");
        let done = users.is_empty();
        out.extend(users);
        let total = page.total_record.and_then(|t| usize::try_from(t).ok()).unwrap_or(0);
        if done || out.len() >= total {
            return out;
        }
    }
}

fn criterion() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3)).sample_size(20)
}

criterion::criterion_group! { name = benches; config = criterion(); targets = paginate }
criterion::criterion_main!(benches);
