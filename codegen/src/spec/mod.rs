//! The raw spec: a serde mirror of the YAML files under `spec/`, field for field.
//!
//! Nothing here is validated beyond its shape: unknown keys are rejected by serde, every other rule
//! (types, names, examples, ranges) is checked by `lower`, which turns these into `ir` types.
//! `spec/README.md` documents every field defined here; keep the two in step.

pub mod load;
pub mod locate;
pub mod skeleton;

/// Whether `name` can be a service directory of the spec tree: the endpoint host's short name,
/// lower-case letters and digits, starting with a letter (`ddm`, `ecs`, `ims2`).
pub fn is_service_dir(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// Whether `name` can be a version directory of the spec tree: `v` and a number (`v1`, `v21`).
pub fn is_version_dir(name: &str) -> bool {
    name.strip_prefix('v').is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

use std::collections::BTreeMap;

use serde::Deserialize;

/// `spec/<service>/service.yaml`: what every operation of one service shares.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Short lower-case service name, as in the endpoint host (`ddm`, `dws`, `iam`).
    pub service: String,
    /// Full product name, e.g. `Distributed Database Middleware (DDM)`.
    pub display_name: String,
    /// One paragraph about the service, used as the module's rustdoc.
    pub description: String,
    /// Endpoint pattern with a `{region}` placeholder.
    pub endpoint: String,
    /// Region IDs where the service is offered.
    pub regions: Vec<String>,
    /// Regions whose endpoint does not follow `endpoint`, region ID to full endpoint URL.
    #[serde(default)]
    pub endpoint_exceptions: BTreeMap<String, String>,
    /// Field names of the service's error body.
    pub error_body: ErrorBody,
    /// A global service (the official SDKs call it with `GlobalCredentials`): its calls carry the
    /// account's domain ID in `X-Domain-Id` and `{domain_id}` instead of a project ID, found
    /// through IAM when the credentials have none. `false` when absent.
    #[serde(default)]
    pub global: bool,
}

/// Which JSON fields of an error body hold the error code and the message.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    /// Field holding the service error code, e.g. `errCode` or `error_code`.
    pub code: String,
    /// Field holding the message, e.g. `externalMessage` or `error_msg`.
    pub message: String,
}

/// `spec/<service>/<version>/<operation>.yaml`: one documentation page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// Operation name as the official SDKs and API Explorer spell it (`ListUsers`).
    pub operation: String,
    /// Page title (`Querying DDM Accounts`).
    pub title: String,
    /// The page's "Updated on" line, kept for provenance.
    #[serde(default)]
    pub updated: Option<String>,
    /// Where the file's text comes from: the documentation page (with its licence) or the
    /// official SDK's model (with its package and version), or both.
    #[serde(default)]
    pub source: Option<Source>,
    /// The "Function" section.
    pub description: String,
    /// The "Constraints" section, when the page has one.
    #[serde(default)]
    pub constraints: Option<String>,
    /// HTTP method, upper case.
    pub method: String,
    /// The URI path without the query string, with `{placeholders}` for path parameters.
    pub uri: String,
    /// "Path parameters" / "URI parameters" table.
    #[serde(default)]
    pub path_parameters: Vec<Field>,
    /// "Query parameters" table.
    #[serde(default)]
    pub query_parameters: Vec<Field>,
    /// "Request header parameters" table.
    #[serde(default)]
    pub header_parameters: Vec<Field>,
    /// "Request body parameters" table, when the operation takes a body.
    #[serde(default)]
    pub request_body: Option<RequestBody>,
    /// "Example Request" section.
    #[serde(default)]
    pub example_requests: Vec<ExampleRequest>,
    /// One entry per row of the "Status Codes" table, with the response body table of that status.
    pub responses: Vec<Response>,
    /// One table per nested object ("Table 5 GetUsersListDetailResponses"), by object name.
    #[serde(default)]
    pub objects: BTreeMap<String, Vec<Field>>,
    /// How the operation pages through its results, when it does (not on the page itself: the
    /// spec author reads it off the query parameters and the response table).
    #[serde(default)]
    pub pagination: Option<Pagination>,
    /// Marks the operation that finds the project ID of a region (IAM `KeystoneListProjects`);
    /// at most one operation of the whole spec may carry it.
    #[serde(default)]
    pub project_discovery: Option<ProjectDiscovery>,
    /// How the work the operation starts is waited for, when it answers before the work is done
    /// (a job ID, a resource whose status moves).
    #[serde(default)]
    pub waiter: Option<Waiter>,
}

/// Where a spec file comes from: shown in the generated rustdoc, and checked by
/// `cargo xtask audit --licence` (no text from a page whose licence does not allow it in an
/// Apache-2.0 crate).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The documentation page: its path in the corpus (`rst/ddm/querying_ddm_accounts.rst`) or
    /// its URL.
    #[serde(default)]
    pub page: Option<String>,
    /// The page's licence (`Apache-2.0`), as its publisher gives it.
    #[serde(default)]
    pub licence: Option<String>,
    /// The official SDK package whose model the file was drafted from or checked against, with its
    /// version (`huaweicloudsdkddm 3.1.219`).
    #[serde(default)]
    pub sdk: Option<String>,
}

/// How an operation pages: which parameters move through the pages and where the items are.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// `offset` (the cursor counts items: offset/limit), `page` (the cursor counts pages, from 1:
    /// page/per_page) or `marker` (the cursor is a string the previous page gives).
    pub style: PageStyle,
    /// The query parameter that moves: `offset` or `page` (integer), `marker` (String).
    pub cursor: String,
    /// The integer query parameter with the page size (`limit`, `per_page`), when there is one.
    #[serde(default)]
    pub size: Option<String>,
    /// The array field of the success response that holds the items; `.` for a success body
    /// that is itself the array (a response `type: Array of ...`).
    pub items: String,
    /// The integer field of the success response with the total number of items, when there is one.
    #[serde(default)]
    pub total: Option<String>,
    /// With `style: page`: the number of the first page, 1 (the default) or 0 (DWS's `offset`,
    /// "the page number minus 1").
    #[serde(default)]
    pub first_page: Option<i64>,
    /// With `style: marker`: the String field of the success response that holds the next page's
    /// marker, a dotted path through objects (`page_info.next_marker`); the listing ends when it
    /// is absent, null or empty. Exactly one of `next` and `item_marker`.
    #[serde(default)]
    pub next: Option<String>,
    /// With `style: marker`: the String field of each item whose value, on the page's last item,
    /// is the next page's marker (`id`, as Neutron-style listings page). Exactly one of `next`
    /// and `item_marker`.
    #[serde(default)]
    pub item_marker: Option<String>,
}

/// What the pagination cursor counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageStyle {
    /// Items: the next cursor is the previous one plus the items received.
    Offset,
    /// Pages: the next cursor is the previous one plus one.
    Page,
    /// Markers: the cursor is a string the previous page gives (`next`), or the last item's
    /// field (`item_marker`); the first page has none.
    Marker,
}

/// Which parts of the project-listing operation project discovery uses.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectDiscovery {
    /// The string query parameter that takes the region, e.g. `name`.
    pub region_parameter: String,
    /// The array-of-objects field of the success response listing the projects, e.g. `projects`.
    pub items: String,
    /// The string field of a listed project holding its ID, e.g. `id`.
    pub id: String,
}

/// How an operation's work is waited for: which operation of the same service version polls it,
/// with which values, and how its answer tells done, failed and still running apart.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiter {
    /// The polling operation (`ShowDdmJobResult`), of the same service and version.
    pub poll: String,
    /// Each parameter of the polling operation the waiter fills, by wire name, and where its value
    /// comes from: `response.<field>` (dotted for nested fields: `response.cluster.id`) of this
    /// operation's success body, `request.<parameter>` of this operation's request, or the clock
    /// for a Long parameter in epoch milliseconds: `now`, `now-<n><unit>` or `now+<n><unit>`
    /// (`now-7d`; units `s`, `m`, `h`, `d`), taken at each poll. Every mandatory parameter of the polling operation the
    /// caller fills must be here.
    pub parameters: BTreeMap<String, String>,
    /// For a polling operation that lists jobs (with `pagination`): which item is this work's.
    /// The status, progress and error paths are then the item's fields.
    #[serde(default)]
    pub item: Option<WaitItem>,
    /// Where the polling operation's success body has the status (`job.status`).
    pub status: String,
    /// The status words that mean the work is done (none with `gone: done`).
    #[serde(default)]
    pub success: Vec<String>,
    /// The status words that mean it failed.
    #[serde(default)]
    pub failure: Vec<String>,
    /// The status words that mean it is still running.
    #[serde(default)]
    pub pending: Vec<String>,
    /// Where the answer has the progress (`job.process`), when it says.
    #[serde(default)]
    pub progress: Option<String>,
    /// Where a failed job's error code is (`failed_code`), when the answer says.
    #[serde(default)]
    pub error_code: Option<String>,
    /// Where a failed job's error message is (`failed_detail`), when the answer says.
    #[serde(default)]
    pub error_message: Option<String>,
    /// Where the status words come from when the status field's documented values (its `values`,
    /// or the words of its description) do not list them: the official SDK's model, another page.
    #[serde(default)]
    pub status_source: Option<String>,
    /// What a 404 from the polling operation means: `failure` (the default: the job or resource
    /// disappeared) or `done` (a deletion: the resource is gone, which is what was waited for).
    #[serde(default)]
    pub gone: Option<WaitGone>,
}

/// Which item of a polling listing is the work's: the one whose `key` field equals the value of
/// `equals`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaitItem {
    /// The key field of an item (`id`), a string.
    pub key: String,
    /// Where the ID to look for comes from: `response.<field>` or `request.<parameter>`, as for
    /// a parameter.
    pub equals: String,
}

/// What a 404 from a waiter's polling operation means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitGone {
    /// The work is done (a deletion).
    Done,
    /// The job or resource disappeared: an error.
    Failure,
}

/// The request body of an operation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestBody {
    /// Model name of the body as the official SDKs name it (`DatabaseOmUserActionReq`); required
    /// with `body`, not allowed with `type` (such a body has no model of its own).
    #[serde(default)]
    pub name: Option<String>,
    /// What the body is; defaults to a sentence naming the operation.
    #[serde(default)]
    pub description: Option<String>,
    /// Content type sent with the body; defaults to `application/json;charset=UTF-8`.
    #[serde(default)]
    pub content_type: Option<String>,
    /// The "Request body parameters" table: the body is a JSON object. `body:` with nothing after
    /// it is an empty table, as it was when the key was required (drafts of pages whose only body
    /// rows are an array's items write it so); only a missing key is `None`.
    #[serde(default, deserialize_with = "present_table")]
    pub body: Option<Vec<Field>>,
    /// A body that is not a JSON object, as a type phrase (`Array of strings`, `Array of
    /// MetricData objects`): the request's `body` field is of that type. Exactly one of `body`
    /// and `type`.
    #[serde(default, rename = "type")]
    pub ty: Option<String>,
}

/// A table key that is present: `Some`, an empty table when its value is null.
fn present_table<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<Field>>, D::Error> {
    Option::<Vec<Field>>::deserialize(d).map(|rows| Some(rows.unwrap_or_default()))
}

/// One row of a parameter or body table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The "Parameter" column, exactly as documented (wire name).
    pub name: String,
    /// The "Mandatory" column: required in parameter and request tables, absent in response tables.
    #[serde(default)]
    pub mandatory: Option<bool>,
    /// The "Type" column as the page writes it (`String`, `Array of strings`, `Foo object`, ...).
    #[serde(rename = "type")]
    pub ty: String,
    /// The "Description" column.
    pub description: String,
    /// Documented default value.
    #[serde(default)]
    pub default: Option<serde_yaml::Value>,
    /// Documented numeric range `[min, max]`; either end may be `null`.
    #[serde(default)]
    pub range: Option<serde_yaml::Value>,
    /// Documented length range `[min, max]` of a string or array; either end may be `null`.
    #[serde(default)]
    pub length: Option<serde_yaml::Value>,
    /// Documented value list; makes the field an enum.
    #[serde(default)]
    pub values: Option<Vec<EnumValue>>,
    /// Rust name of the enum made from `values` (defaults to the field name in PascalCase).
    #[serde(default)]
    pub enum_name: Option<String>,
    /// Set when the runtime fills this parameter itself instead of the caller.
    #[serde(default)]
    pub supplied_by: Option<SuppliedBy>,
    /// A password or other secret the caller sends (a String field of a body): its type is the
    /// runtime's `Secret`, whose `Debug` prints `<redacted>`.
    #[serde(default)]
    pub sensitive: bool,
}

/// What the runtime supplies for a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuppliedBy {
    /// The project ID from the credentials or from project discovery.
    ProjectId,
    /// The domain (account) ID from the credentials, or for a global service from domain
    /// discovery.
    DomainId,
    /// The IAM token, when token authentication is used.
    AuthToken,
    /// The `Content-Type` header: the content type of the body the request sends.
    ContentType,
}

impl SuppliedBy {
    /// The YAML spelling (`project_id`, `domain_id`, `auth_token`, `content_type`).
    pub fn key(self) -> &'static str {
        match self {
            SuppliedBy::ProjectId => "project_id",
            SuppliedBy::DomainId => "domain_id",
            SuppliedBy::AuthToken => "auth_token",
            SuppliedBy::ContentType => "content_type",
        }
    }
}

/// One documented value of a value list: `CREATE`, `4`, or `{value: addOmUser, description: ...}`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum EnumValue {
    /// A bare value.
    Plain(WireValue),
    /// A value with the documentation's explanation of it.
    Described(DescribedValue),
}

/// A value as written in YAML: a string, or an integer (for a value list on an Integer field).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum WireValue {
    /// `4`.
    Int(i64),
    /// `CREATE`.
    Text(String),
}

/// A documented value with its explanation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DescribedValue {
    /// The value on the wire.
    pub value: WireValue,
    /// What it means.
    pub description: String,
}

impl EnumValue {
    /// The wire value as text (`CREATE`, `4`).
    pub fn value(&self) -> String {
        let v = match self {
            EnumValue::Plain(v) => v,
            EnumValue::Described(d) => &d.value,
        };
        match v {
            WireValue::Int(n) => n.to_string(),
            WireValue::Text(t) => t.clone(),
        }
    }

    /// The explanation, if documented.
    pub fn description(&self) -> Option<&str> {
        match self {
            EnumValue::Plain(_) => None,
            EnumValue::Described(d) => Some(&d.description),
        }
    }
}

/// One row of the "Status Codes" table, with its response body table and examples.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// The status code table's description.
    pub description: String,
    /// Model name of the body; defaults to `<Operation>Response` for the first 2xx status.
    #[serde(default)]
    pub name: Option<String>,
    /// The "Response body parameters" table of this status, when documented.
    #[serde(default)]
    pub body: Option<Vec<Field>>,
    /// The type phrase of a success body that is not a JSON object (`Array of DiskResp objects`,
    /// `String`), instead of `body`: the generated response keeps the whole body in one field,
    /// `body`, as the official SDKs do.
    #[serde(default, rename = "type")]
    pub ty: Option<String>,
    /// The "Response header parameters" table of the success response (IAM's `X-Subject-Token`):
    /// String fields the generated response reads from its headers, one accessor each.
    #[serde(default)]
    pub headers: Vec<Field>,
    /// Example responses of this status.
    #[serde(default)]
    pub examples: Vec<ExampleResponse>,
    /// Declares that a body of this (success) status can still report a failure, and how: the
    /// generated call turns such a body into a service error.
    #[serde(default)]
    pub errors_in_body: Option<ErrorsInBody>,
}

/// How a success body reports a failure: `{code: error_code, message: error_msg, success: ["0", 0, null]}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorsInBody {
    /// The body field holding the error code.
    pub code: String,
    /// The body field holding the message.
    pub message: String,
    /// The code values that mean success (strings, integers, booleans or `null`; an absent
    /// field counts as `null`).
    pub success: Vec<serde_yaml::Value>,
}

/// One example from the "Example Request" section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleRequest {
    /// The caption above the example.
    #[serde(default)]
    pub description: Option<String>,
    /// The request line or URL exactly as printed.
    pub url: String,
    /// The JSON body exactly as printed, when there is one.
    #[serde(default)]
    pub json: Option<String>,
    /// Why the printed body contradicts the request body table, when it does: the example is
    /// kept as printed and neither checked against the table nor tested.
    #[serde(default)]
    pub mismatch: Option<String>,
}

/// One example from the "Example Response" section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleResponse {
    /// The caption above the example, when it differs from the status description.
    #[serde(default)]
    pub description: Option<String>,
    /// The JSON body exactly as printed.
    pub json: String,
    /// Why the printed body contradicts the status's body table, when it does: the example is
    /// kept as printed and neither checked against the table nor tested.
    #[serde(default)]
    pub mismatch: Option<String>,
}

#[cfg(test)]
mod request_body_tests {
    use super::RequestBody;

    #[test]
    fn an_empty_body_key_is_an_empty_table_and_a_missing_one_none() {
        let empty: RequestBody = serde_yaml::from_str("name: X\nbody:\n").expect("parses");
        assert_eq!(empty.body.map(|rows| rows.len()), Some(0), "`body:` with nothing after it is a table");
        let typed: RequestBody = serde_yaml::from_str("type: Array of strings\n").expect("parses");
        assert!(typed.body.is_none(), "no `body` key");
        assert_eq!(typed.ty.as_deref(), Some("Array of strings"));
    }
}
