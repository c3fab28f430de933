//! Every generated response decoder: arbitrary bytes (and, from the seeds, mutated documented
//! examples) give a value or an error, never a panic (as `tests/tests/fuzz.rs`, `decode_all`).
//!
//! Input: a response body. Each success type is decoded with serde_json as the client does; each
//! operation's documented error type and the generic `ServiceError` read it for every documented
//! error status.
#![no_main]

use huaweicloud_sdk::ddm::v1 as ddm;
use huaweicloud_sdk::dws::v2 as dws;
use huaweicloud_sdk::iam::v3 as iam;
use huaweicloud_sdk::runtime::ServiceError;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    macro_rules! each {
        ($($t:ty),* $(,)?) => {$( let _ = format!("{:?}", serde_json::from_slice::<$t>(bytes)); )*};
    }
    each!(
        ddm::ListUsersResponse,
        ddm::CreateUsersResponse,
        ddm::DeleteUserResponse,
        ddm::UpdateUserResponse,
        ddm::ResetUserPasswordResponse,
        ddm::ListDdmUsersResponse,
        ddm::CreateDdmUserResponse,
        ddm::DeleteDdmUserResponse,
        ddm::UpdateDdmUserResponse,
        ddm::ResetDdmUserPasswordResponse,
        dws::ExecuteDatabaseOmUserActionResponse,
        dws::ShowDatabaseOmUserStatusResponse,
        iam::KeystoneListProjectsResponse,
        ddm::ErrorResponseBody,
    );
    for status in [400, 401, 403, 404, 409, 500, 503] {
        macro_rules! errors {
            ($($t:ty),* $(,)?) => {$( let _ = format!("{:?}", <$t>::from_response(status, bytes)); )*};
        }
        errors!(
            ddm::ListUsersError,
            ddm::CreateUsersError,
            ddm::DeleteUserError,
            ddm::UpdateUserError,
            ddm::ResetUserPasswordError,
            ddm::ListDdmUsersError,
            ddm::CreateDdmUserError,
            ddm::DeleteDdmUserError,
            ddm::UpdateDdmUserError,
            ddm::ResetDdmUserPasswordError,
            dws::ExecuteDatabaseOmUserActionError,
            dws::ShowDatabaseOmUserStatusError,
            iam::KeystoneListProjectsError,
        );
        let error = ServiceError::from_response(status, Some("r".to_owned()), bytes);
        let _ = error.to_string();
    }
});
