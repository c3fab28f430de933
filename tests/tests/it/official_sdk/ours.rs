//! Our side of `official_sdk.rs`: a call's wire-named arguments (the JSON that `call.py` gives
//! the official SDK) turned into our typed request with its constructor and chained setters, as an
//! application writes it, and sent with the operation's client method.

use huaweicloud_sdk::ddm::v1::{
    BaseAuthority, CreateDdmUserRequest, CreateUserRelatedLogicDbV3, CreateUserRequestV3, CreateUsersDatabases,
    CreateUsersInfo, CreateUsersReq, CreateUsersRequest, DdmClient, DeleteDdmUserRequest, DeleteUserRequest,
    ListDdmUsersRequest, ListUsersRequest, ResetDdmUserPasswordRequest, ResetUserPasswordReq, ResetUserPasswordRequest,
    ResetUserPasswordV3RequestBody, UpdateDdmUserRequest, UpdateUserDetailReq, UpdateUserRelatedLogicDbV3,
    UpdateUserReq, UpdateUserRequest, UpdateUserV3RequestBody, UpdateUsersDatabases,
};
use huaweicloud_sdk::dws::v2::{
    DatabaseOmUserActionReq, DwsClient, ExecuteDatabaseOmUserActionRequest, ListClusterNodesRequest, Operation,
    ShowDatabaseOmUserStatusRequest,
};
use huaweicloud_sdk::iam::v3::{IamClient, KeystoneListProjectsRequest};
use huaweicloud_sdk::runtime::Config;
use serde_json::Value;

/// Sends `operation` with `args` (`{"path": {..}, "query": {..}, "body": {..}}`, wire names) by our
/// client; the error as text when the call fails.
pub async fn send(config: &Config, operation: &str, args: &Value) -> Result<(), String> {
    let path = Fields(&args["path"]);
    let query = Fields(&args["query"]);
    let body = args.get("body").map(Fields);
    let ddm = || DdmClient::new(config);
    match operation {
        "ListUsers" => {
            let request = ListUsersRequest::new(path.string("instance_id"))
                .set_if(query.opt_i32("offset"), ListUsersRequest::offset)
                .set_if(query.opt_i32("limit"), ListUsersRequest::limit);
            done(ddm().list_users(&request).await)
        }
        "CreateUsers" => {
            let body = CreateUsersReq::new(mandatory(body).list("users").iter().map(create_users_info).collect());
            done(ddm().create_users(&CreateUsersRequest::new(path.string("instance_id"), body)).await)
        }
        "DeleteUser" => {
            let request = DeleteUserRequest::new(path.string("instance_id"), path.string("username"));
            done(ddm().delete_user(&request).await)
        }
        "UpdateUser" => {
            let body = UpdateUserReq::new(update_user_detail(mandatory(body).object("user")));
            let request = UpdateUserRequest::new(path.string("instance_id"), path.string("username"), body);
            done(ddm().update_user(&request).await)
        }
        "ResetUserPassword" => {
            let body = ResetUserPasswordReq::new(mandatory(body).string("password"));
            let request = ResetUserPasswordRequest::new(path.string("instance_id"), path.string("username"), body);
            done(ddm().reset_user_password(&request).await)
        }
        "ListDdmUsers" => {
            let request = ListDdmUsersRequest::new(path.string("instance_id"))
                .set_if(query.opt_i32("offset"), ListDdmUsersRequest::offset)
                .set_if(query.opt_i32("limit"), ListDdmUsersRequest::limit);
            done(ddm().list_ddm_users(&request).await)
        }
        "CreateDdmUser" => {
            let request = CreateDdmUserRequest::new(path.string("instance_id"), create_user_v3(mandatory(body)));
            done(ddm().create_ddm_user(&request).await)
        }
        "DeleteDdmUser" => {
            let request = DeleteDdmUserRequest::new(path.string("instance_id"), path.string("username"));
            done(ddm().delete_ddm_user(&request).await)
        }
        "UpdateDdmUser" => {
            let request = UpdateDdmUserRequest::new(path.string("instance_id"), path.string("username"))
                .set_if(body.map(update_user_v3), UpdateDdmUserRequest::body);
            done(ddm().update_ddm_user(&request).await)
        }
        "ResetDdmUserPassword" => {
            let body = ResetUserPasswordV3RequestBody::new(mandatory(body).string("password"));
            let request = ResetDdmUserPasswordRequest::new(path.string("instance_id"), path.string("username"), body);
            done(ddm().reset_ddm_user_password(&request).await)
        }
        "ExecuteDatabaseOmUserAction" => {
            let body = DatabaseOmUserActionReq::new(Operation::from_wire(&mandatory(body).string("operation")));
            let request = ExecuteDatabaseOmUserActionRequest::new(path.string("cluster_id"), body);
            done(DwsClient::new(config).execute_database_om_user_action(&request).await)
        }
        "ShowDatabaseOmUserStatus" => {
            let request = ShowDatabaseOmUserStatusRequest::new(path.string("cluster_id"));
            done(DwsClient::new(config).show_database_om_user_status(&request).await)
        }
        "ListClusterNodes" => {
            let request = ListClusterNodesRequest::new(path.string("cluster_id"))
                .set_if(query.opt_strings("node_ids"), ListClusterNodesRequest::node_ids)
                .set_if(query.opt_i32("offset"), ListClusterNodesRequest::offset)
                .set_if(query.opt_i32("limit"), ListClusterNodesRequest::limit);
            done(DwsClient::new(config).list_cluster_nodes(&request).await)
        }
        "KeystoneListProjects" => {
            let request = KeystoneListProjectsRequest::new()
                .set_if(query.opt_string("domain_id"), KeystoneListProjectsRequest::domain_id)
                .set_if(query.opt_string("name"), KeystoneListProjectsRequest::name)
                .set_if(query.opt_string("parent_id"), KeystoneListProjectsRequest::parent_id)
                .set_if(query.opt_bool("enabled"), KeystoneListProjectsRequest::enabled)
                .set_if(query.opt_bool("is_domain"), KeystoneListProjectsRequest::is_domain)
                .set_if(query.opt_i32("page"), KeystoneListProjectsRequest::page)
                .set_if(query.opt_i32("per_page"), KeystoneListProjectsRequest::per_page);
            done(IamClient::new(config).keystone_list_projects(&request).await)
        }
        other => panic!("no operation {other} in official_sdk/ours.rs"),
    }
}

fn create_users_info(user: &Fields<'_>) -> CreateUsersInfo {
    CreateUsersInfo::new(user.string("name"), user.string("password"), user.authorities("base_authority"))
        .set_if(user.opt_string("description"), CreateUsersInfo::description)
        .set_if(user.opt_list("databases").map(|l| names(&l, CreateUsersDatabases::new)), CreateUsersInfo::databases)
}

fn update_user_detail(user: Fields<'_>) -> UpdateUserDetailReq {
    let database =
        |d: &Fields<'_>| UpdateUsersDatabases::new().set_if(d.opt_string("name"), UpdateUsersDatabases::name);
    UpdateUserDetailReq::new()
        .set_if(user.opt_authorities("base_authority"), UpdateUserDetailReq::base_authority)
        .set_if(user.opt_string("description"), UpdateUserDetailReq::description)
        .set_if(user.opt_list("databases").map(|l| l.iter().map(database).collect()), UpdateUserDetailReq::databases)
}

fn create_user_v3(user: Fields<'_>) -> CreateUserRequestV3 {
    let databases = user.opt_list("databases").map(|l| names(&l, CreateUserRelatedLogicDbV3::new));
    CreateUserRequestV3::new(user.string("name"), user.string("password"), user.authorities("base_authority"))
        .set_if(user.opt_string("description"), CreateUserRequestV3::description)
        .set_if(user.opt_i32("password_lifetime"), CreateUserRequestV3::password_lifetime)
        .set_if(databases, CreateUserRequestV3::databases)
}

fn update_user_v3(user: Fields<'_>) -> UpdateUserV3RequestBody {
    let database = |d: &Fields<'_>| {
        UpdateUserRelatedLogicDbV3::new().set_if(d.opt_string("name"), UpdateUserRelatedLogicDbV3::name)
    };
    UpdateUserV3RequestBody::new()
        .set_if(user.opt_authorities("base_authority"), UpdateUserV3RequestBody::base_authority)
        .set_if(user.opt_string("description"), UpdateUserV3RequestBody::description)
        .set_if(user.opt_i32("password_lifetime"), UpdateUserV3RequestBody::password_lifetime)
        .set_if(
            user.opt_list("databases").map(|l| l.iter().map(database).collect()),
            UpdateUserV3RequestBody::databases,
        )
}

/// The objects of `list` built from their mandatory `name`.
fn names<T>(list: &[Fields<'_>], new: impl Fn(String) -> T) -> Vec<T> {
    list.iter().map(|d| new(d.string("name"))).collect()
}

fn mandatory(body: Option<Fields<'_>>) -> Fields<'_> {
    body.unwrap_or_else(|| panic!("this operation's args need a body"))
}

fn done<T, E: std::fmt::Display>(result: Result<T, E>) -> Result<(), String> {
    result.map(drop).map_err(|e| e.to_string())
}

/// Calls a chained setter only for a value that is there, as an application with optional input does.
trait SetIf: Sized {
    fn set_if<V>(self, value: Option<V>, setter: impl FnOnce(Self, V) -> Self) -> Self {
        match value {
            Some(value) => setter(self, value),
            None => self,
        }
    }
}

impl<T> SetIf for T {}

/// A JSON object of wire-named fields (`Null` reads as an object without fields). A field of the
/// wrong type panics: it is a mistake in a test's arguments, which must not be dropped silently.
#[derive(Debug, Clone, Copy)]
struct Fields<'a>(&'a Value);

impl<'a> Fields<'a> {
    fn opt(&self, key: &str) -> Option<&'a Value> {
        self.0.get(key)
    }

    fn wrong(&self, key: &str, what: &str) -> ! {
        panic!("field {key} is not {what} in {}", self.0)
    }

    fn string(&self, key: &str) -> String {
        self.opt_string(key).unwrap_or_else(|| panic!("no field {key} in {}", self.0))
    }

    fn opt_string(&self, key: &str) -> Option<String> {
        self.opt(key).map(|v| v.as_str().unwrap_or_else(|| self.wrong(key, "a string")).to_owned())
    }

    fn opt_i32(&self, key: &str) -> Option<i32> {
        let int = |v: &Value| v.as_i64().and_then(|n| i32::try_from(n).ok());
        self.opt(key).map(|v| int(v).unwrap_or_else(|| self.wrong(key, "an i32")))
    }

    fn opt_bool(&self, key: &str) -> Option<bool> {
        self.opt(key).map(|v| v.as_bool().unwrap_or_else(|| self.wrong(key, "a boolean")))
    }

    fn opt_strings(&self, key: &str) -> Option<Vec<String>> {
        self.opt_list(key).map(|l| {
            l.iter().map(|v| v.0.as_str().unwrap_or_else(|| self.wrong(key, "strings")).to_owned()).collect()
        })
    }

    fn object(&self, key: &str) -> Fields<'a> {
        match self.opt(key) {
            Some(v) if v.is_object() => Fields(v),
            _ => self.wrong(key, "an object"),
        }
    }

    fn list(&self, key: &str) -> Vec<Fields<'a>> {
        self.opt_list(key).unwrap_or_else(|| panic!("no field {key} in {}", self.0))
    }

    fn opt_list(&self, key: &str) -> Option<Vec<Fields<'a>>> {
        self.opt(key).map(|v| v.as_array().unwrap_or_else(|| self.wrong(key, "an array")).iter().map(Fields).collect())
    }

    /// A list of strings as `BaseAuthority` values, an undocumented one as `Unknown`.
    fn authorities(&self, key: &str) -> Vec<BaseAuthority> {
        self.opt_authorities(key).unwrap_or_else(|| panic!("no field {key} in {}", self.0))
    }

    fn opt_authorities(&self, key: &str) -> Option<Vec<BaseAuthority>> {
        self.opt_list(key).map(|l| {
            l.iter()
                .map(|v| BaseAuthority::from_wire(v.0.as_str().unwrap_or_else(|| self.wrong(key, "strings"))))
                .collect()
        })
    }
}
