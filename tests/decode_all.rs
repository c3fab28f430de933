// Included by tests/tests/it/fuzz.rs (proptest) and tests/fuzz/fuzz_targets/decoders.rs (cargo-fuzz),
// so that both fuzz the same decoders: add every new operation's types here.

/// Decodes `bytes` as every generated success and error body type, as the client does, and as
/// every operation's documented error type and the generic `ServiceError` for each documented
/// error status; formats what comes out. Only a panic fails.
fn decode_all(bytes: &[u8]) {
    use huaweicloud_sdk::ddm::v1 as ddm;
    use huaweicloud_sdk::dws::v2 as dws;
    use huaweicloud_sdk::iam::v3 as iam;
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
        let error = huaweicloud_sdk::runtime::ServiceError::from_response(status, Some("r".to_owned()), bytes);
        let _ = error.to_string();
    }
}
