//! The properties of the generated models that the seed pages pin down.

use huaweicloud_sdk::ddm::v1::{
    list_users::{ListUsersRequest, ListUsersResponse},
    types::{BaseAuthority, ErrorResponseBody, ExtendAuthority},
};
use huaweicloud_sdk::dws::v2::{
    execute_database_om_user_action::{ExecuteDatabaseOmUserActionRequest, ExecuteDatabaseOmUserActionResponse},
    types::{DatabaseOmUserActionReq, Operation},
};

#[test]
fn dws_error_code_documented_as_string_accepts_the_number_the_service_sends() {
    let r: ExecuteDatabaseOmUserActionResponse =
        serde_json::from_str(r#"{"error_code": 0, "error_msg": null, "om_user_info": null}"#).expect("decodes");
    assert_eq!(r.error_code.as_deref(), Some("0"));
    assert_eq!(r.error_msg, None);
    assert_eq!(r.om_user_info, None);
}

#[test]
fn ddm_account_without_extend_authority_decodes_with_none() {
    let r: ListUsersResponse = serde_json::from_str(
        r#"{"users": [{"name": "ddmtest", "base_authority": ["SELECT", "GRANT"], "created": "1686904661709"}],
            "total_record": 1, "something_new": {"x": 1}}"#,
    )
    .expect("decodes");
    assert_eq!(r.users().iter().map(|u| u.name.as_deref()).collect::<Vec<_>>(), [Some("ddmtest")]);
    let users = r.users.expect("users");
    assert_eq!(users[0].extend_authority, None);
    assert_eq!(users[0].created, Some(1_686_904_661_709));
    assert_eq!(
        users[0].base_authority.as_deref(),
        Some(&[BaseAuthority::Select, BaseAuthority::from_wire("GRANT")][..])
    );
    assert_eq!(r.total_record, Some(1));
    assert_eq!(r.page_no, None);
}

#[test]
fn a_field_of_the_wrong_shape_is_dropped_not_fatal() {
    let r: ListUsersResponse =
        serde_json::from_str(r#"{"users": "oops", "page_no": {"n": 1}, "total_page": 3}"#).expect("decodes");
    assert!(r.users().is_empty(), "a list that did not decode is an empty slice through its accessor");
    assert_eq!((r.users, r.page_no, r.total_page), (None, None, Some(3)));
    assert!(serde_json::from_str::<ListUsersResponse>("<html>").is_err());
}

#[test]
fn seed_error_bodies_decode_into_the_error_type() {
    let e: ErrorResponseBody =
        serde_json::from_str(r#"{"externalMessage": "Parameter error.", "errCode": "DBS.280001"}"#).expect("decodes");
    assert_eq!(e.err_code.as_deref(), Some("DBS.280001"));
    assert_eq!(e.external_message.as_deref(), Some("Parameter error."));
}

#[test]
fn enums_round_trip_their_wire_strings_including_unknown_ones() {
    for (wire, op) in [
        ("addOmUser", Operation::AddOmUser),
        ("deleteOmUser", Operation::DeleteOmUser),
        ("increaseOmUserPeriod", Operation::IncreaseOmUserPeriod),
        ("resetOmUser", Operation::from_wire("resetOmUser")),
    ] {
        let json = format!("\"{wire}\"");
        assert_eq!(serde_json::from_str::<Operation>(&json).expect("decodes"), op);
        assert_eq!(serde_json::to_string(&op).expect("encodes"), json);
        assert_eq!(op.to_string(), wire);
        assert_eq!(Operation::from_wire(wire), op);
    }
    let newer = Operation::from_wire("resetOmUser");
    assert!(matches!(&newer, Operation::Unknown(v) if v.as_str() == "resetOmUser"), "{newer:?}");
    assert_eq!(ExtendAuthority::from_wire("fulltableSelect"), ExtendAuthority::FulltableSelect);
    assert_eq!(BaseAuthority::Create.as_str(), "CREATE");
}

#[test]
fn mandatory_fields_are_constructor_arguments_and_optional_ones_setters() {
    let req = ListUsersRequest::new("inst-1").limit(50);
    assert_eq!((req.instance_id.as_str(), req.offset, req.limit), ("inst-1", None, Some(50)));
    let req = ExecuteDatabaseOmUserActionRequest::new("cluster-1", DatabaseOmUserActionReq::new(Operation::AddOmUser));
    assert_eq!(serde_json::to_string(&req.body).expect("encodes"), r#"{"operation":"addOmUser"}"#);
}

/// The README's promise about value lists: text becomes a value-list enum through `str::parse`,
/// which refuses a value the page does not document with an error naming it, the enum and the
/// documented values, so a misspelt value never reaches a request. A documented value parses to
/// its variant, and the wire value is matched exactly.
#[test]
fn an_undocumented_value_does_not_parse_and_the_error_names_the_documented_values() {
    let e = "SELEKT".parse::<BaseAuthority>().expect_err("SELEKT is not a documented value");
    assert_eq!(
        e.to_string(),
        "`SELEKT` is not a documented BaseAuthority value (CREATE, DROP, ALTER, INDEX, INSERT, DELETE, UPDATE, \
         SELECT); write BaseAuthority::from_wire(\"SELEKT\") to send a value newer than this SDK"
    );
    assert_eq!("SELECT".parse::<BaseAuthority>(), Ok(BaseAuthority::Select));
    assert_eq!("addOmUser".parse::<Operation>(), Ok(Operation::AddOmUser));
    assert!("addOmuser".parse::<Operation>().is_err(), "the wire value is matched exactly");
}

/// `Unknown` is sealed: `from_wire` makes it, and only for a value the SDK does not document, so a
/// documented value is always its variant and equality is the wire value's.
#[test]
fn unknown_never_holds_a_documented_value() {
    assert_eq!(BaseAuthority::from_wire("CREATE"), BaseAuthority::Create);
    let newer = BaseAuthority::from_wire("GRANT");
    let BaseAuthority::Unknown(value) = &newer else { panic!("GRANT is not documented: {newer:?}") };
    assert_eq!((value.as_str(), newer.as_str()), ("GRANT", "GRANT"));
    assert_eq!(serde_json::to_string(&newer).expect("encodes"), r#""GRANT""#);
    assert_eq!(serde_json::from_str::<BaseAuthority>(r#""CREATE""#).expect("decodes"), BaseAuthority::Create);
}
