//! The validated model: names decided, types resolved, collections sorted. Emitters read only this.

use serde_json::Value;

pub use crate::naming::Ident;

/// The module of the objects and enums that several operations of a version use.
pub const SHARED_MODULE: &str = "shared";

/// The public module of every object and enum that is not an operation's response: `ddm::v1::types`.
pub const TYPES_MODULE: &str = "types";

/// Everything in `spec/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// Services, sorted by name.
    pub services: Vec<Service>,
}

/// One service (`spec/<service>/service.yaml` and its version directories).
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Wire name and module name, e.g. `ddm`.
    pub name: String,
    /// Product name.
    pub display_name: String,
    /// Rustdoc paragraph.
    pub description: String,
    /// `spec/<service>/service.yaml`.
    pub spec_file: String,
    /// Endpoint pattern with `{region}`.
    pub endpoint: String,
    /// Region IDs, as documented.
    pub regions: Vec<String>,
    /// Region to endpoint, for the regions that do not follow the pattern; sorted.
    pub endpoint_exceptions: Vec<(String, String)>,
    /// Error body field holding the code.
    pub error_code_field: String,
    /// Error body field holding the message.
    pub error_message_field: String,
    /// Whether calls carry the domain ID (`X-Domain-Id`, `{domain_id}`) rather than a project ID.
    pub global: bool,
    /// Versions, sorted.
    pub versions: Vec<Version>,
    /// The names of its crate and client.
    pub names: ServiceNames,
    /// The crate and version module that find project IDs for this service's clients, when some
    /// operation needs the project ID and another service lists projects; that crate is then a
    /// dependency of this one.
    pub discovery: Option<DiscoveryDep>,
}

/// The names a service's crate is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceNames {
    /// The client type of each version module, e.g. `DdmClient`.
    pub client: Ident,
    /// The crate's package name, e.g. `huaweicloud-sdk-ddm`.
    pub package: String,
    /// The crate's library name, e.g. `huaweicloud_sdk_ddm`.
    pub lib: Ident,
    /// The service's module in the facade, e.g. `ddm`.
    pub module: Ident,
}

/// Where project discovery comes from: the library and version module of the service that
/// lists projects.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscoveryDep {
    /// Its service name (`iam`), for the facade's features.
    pub service: String,
    /// Its package, e.g. `huaweicloud-sdk-iam`.
    pub package: String,
    /// Its library, e.g. `huaweicloud_sdk_iam`.
    pub lib: Ident,
    /// Its version module, e.g. `v3`.
    pub version: Ident,
}

/// One API version of a service: a Rust module such as `ddm::v1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    /// Module name, e.g. `v1`.
    pub name: String,
    /// Operations, sorted by module name.
    pub operations: Vec<Operation>,
    /// Objects of every operation, sorted by name; shared objects appear once.
    pub objects: Vec<Object>,
    /// Enums made from value lists, sorted by name.
    pub enums: Vec<Enum>,
}

impl Version {
    /// The public module of a generated type, relative to the version module: the operation's
    /// module for its request, error enum and success body (`list_users`), [`TYPES_MODULE`] for
    /// every other object and enum (a success body several operations share included), so that
    /// an object in `types` keeps its path when a later operation starts using it too (as
    /// aws-sdk-rust's `operation::<op>` and `types`).
    pub fn home(&self, name: &str) -> &str {
        for op in &self.operations {
            let own_output = op.success_body.as_deref() == Some(name)
                && self.objects.iter().any(|o| o.name == name && o.module == op.names.module.name());
            if op.names.request.name() == name || op.names.error.name() == name || own_output {
                return op.names.module.name();
            }
        }
        TYPES_MODULE
    }

    /// [`Version::home`] as an identifier (`r#move` for the operation `Move`).
    pub fn home_ident(&self, name: &str) -> crate::naming::Ident {
        self.module_ident(self.home(name))
    }

    /// The identifier of the version's module named `name`: an operation's (spelled as the
    /// operation decided, raw where it is a keyword), else `name` as written.
    pub fn module_ident(&self, name: &str) -> crate::naming::Ident {
        match self.operations.iter().find(|op| op.names.module.name() == name) {
            Some(op) => op.names.module.clone(),
            None => crate::naming::Ident::from_source(name),
        }
    }

    /// Whether some objects or enums are used by several operations and so live in the version's
    /// shared module.
    pub fn has_shared_items(&self) -> bool {
        let shared = SHARED_MODULE;
        self.objects.iter().any(|o| o.module == shared) || self.enums.iter().any(|e| e.module == shared)
    }
}

/// One operation, i.e. one documentation page.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `ListUsers`.
    pub wire_name: String,
    /// Every Rust name the operation's code uses.
    pub names: OperationNames,
    /// The spec file, relative to the spec root's parent (`spec/ddm/v1/list_users.yaml`).
    pub spec_file: String,
    /// Page title.
    pub title: String,
    /// Where the spec file comes from, when it says.
    pub source: Option<Source>,
    /// The "Function" text.
    pub description: String,
    /// The "Constraints" text.
    pub constraints: Option<String>,
    /// Upper-case HTTP method.
    pub method: String,
    /// URI with `{placeholders}`, as documented.
    pub uri: String,
    /// The URI parsed once, in lowering: literal text and placeholders in order. The client's
    /// descriptor carries it so that neither a call nor the mock parses the template again.
    pub path: Vec<PathPart>,
    /// Path, query and header parameters, in documentation order.
    pub params: Vec<Param>,
    /// The request body, when the operation has one.
    pub body: Option<Body>,
    /// Documented responses, sorted by status.
    pub responses: Vec<Response>,
    /// Documented example requests.
    pub example_requests: Vec<ExampleRequest>,
    /// How the operation pages, when the spec declares it.
    pub pagination: Option<Pagination>,
    /// Set on the operation that finds project IDs.
    pub project_discovery: Option<ProjectDiscovery>,
    /// How the success body reports a failure, when the spec declares it.
    pub errors_in_body: Option<ErrorsInBody>,
    /// How the work the operation starts is waited for, when the spec declares it.
    pub waiter: Option<Waiter>,
    /// The object of the success body: the first documented 2xx status's, when it has one.
    pub success_body: Option<String>,
    /// A success body documents a secret (a `sensitive` row in its table or in an object it
    /// reaches): the runtime never prints such a body in an error.
    pub secret_response: bool,
}

/// One part of a URI template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text, sent as it is (`/v1/`).
    Text(String),
    /// A placeholder's name (`project_id`), filled with the parameter's encoded value.
    Param(String),
}

/// Where an operation's spec file comes from (its `source`): at least one of `page` and `sdk`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The documentation page (corpus path or URL).
    pub page: Option<String>,
    /// The page's licence.
    pub licence: Option<String>,
    /// The official SDK package and version of the model.
    pub sdk: Option<String>,
}

impl Source {
    /// One sentence for the rustdoc: where the operation's documentation comes from.
    pub fn sentence(&self) -> String {
        let licence = self.licence.as_deref().map(|l| format!(" ({l})")).unwrap_or_default();
        match (&self.page, &self.sdk) {
            (Some(page), Some(sdk)) => {
                format!(
                    "From the documentation page `{page}`{licence}, checked against the official SDK's model ({sdk})."
                )
            }
            (Some(page), None) => format!("From the documentation page `{page}`{licence}."),
            (None, Some(sdk)) => {
                format!("From the official SDK's model ({sdk}): its text is the SDK's, not a documentation page's.")
            }
            (None, None) => String::new(),
        }
    }
}

/// The Rust names of an operation's code, decided once.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationNames {
    /// The module holding its types (`list_users`, file `list_users.rs`).
    pub module: Ident,
    /// The client method (`list_users`).
    pub method: Ident,
    /// The method yielding every item of every page (`list_users_all`).
    pub all_method: Ident,
    /// The request type (`ListUsersRequest`).
    pub request: Ident,
    /// The enum of documented errors (`ListUsersError`).
    pub error: Ident,
    /// The static with its name, method and path (`LIST_USERS`).
    pub op_static: Ident,
    /// The method waiting for the work the operation starts (`wait_for_create_instance`).
    pub wait_method: Ident,
    /// The static describing that wait (`CREATE_INSTANCE_WAITER`).
    pub waiter_static: Ident,
}

/// How the work an operation starts is waited for (the spec's `waiter`), resolved against the
/// polling operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiter {
    /// The polling operation's wire name (`ShowDdmJobResult`).
    pub poll: String,
    /// The polling operation's parameters the waiter fills: its mandatory ones in the order of
    /// its request's constructor, then optional ones.
    pub args: Vec<WaitArg>,
    /// Wire names of the path to the status in the polling operation's success body.
    pub status: Vec<String>,
    /// Status words meaning done.
    pub success: Vec<String>,
    /// Status words meaning failed.
    pub failure: Vec<String>,
    /// Status words meaning still running.
    pub pending: Vec<String>,
    /// Path to the progress, when declared.
    pub progress: Option<Vec<String>>,
    /// Path to a failed job's error code, when declared.
    pub error_code: Option<Vec<String>>,
    /// Path to a failed job's error message, when declared.
    pub error_message: Option<Vec<String>>,
    /// Whether a 404 from the poll means done (a deletion) rather than an error.
    pub gone_is_done: bool,
    /// For a poll that lists jobs: which item is this work's (the paths above are its fields).
    pub item: Option<WaitItem>,
}

impl Waiter {
    /// Where the waiter's values come from: each parameter's source, then the listed item's ID.
    pub fn sources(&self) -> impl Iterator<Item = &WaitSource> {
        self.args.iter().map(|a| &a.from).chain(self.item.as_ref().map(|i| &i.equals))
    }
}

/// One parameter of the polling request and where its value comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct WaitArg {
    /// The polling operation's parameter (a String).
    pub param: Field,
    /// Where the value comes from.
    pub from: WaitSource,
    /// The source as the spec writes it (`response.job_id`), for error messages.
    pub written: String,
}

/// Where a polling request's value comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum WaitSource {
    /// The starting operation's success body: the fields from its top to the value
    /// (`cluster`, `id`).
    Response(Vec<Field>),
    /// A mandatory String parameter of the starting operation's request.
    Request(Field),
    /// The clock at each poll, in epoch milliseconds, moved by an offset (`now-7d`, `now+1h`).
    Clock {
        /// Seconds from now (negative: before; 0 for `now`).
        offset_secs: i64,
    },
}

/// Which item of a polling listing is the work's (the spec's `waiter.item`).
#[derive(Debug, Clone, PartialEq)]
pub struct WaitItem {
    /// Wire names of the path to the items in a page of the poll (`jobs`), its paginator's.
    pub items: Vec<String>,
    /// The item's key field (`id`), a String.
    pub key: Field,
    /// Where the ID to look for comes from.
    pub equals: WaitSource,
    /// The source as the spec writes it (`response.job_id`).
    pub written: String,
}
/// How an operation's success body reports a failure (the spec's `errors_in_body`).
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorsInBody {
    /// Wire name of the body field with the error code.
    pub code: String,
    /// Wire name of the body field with the message.
    pub message: String,
    /// The code values that mean success.
    pub success: Vec<SuccessCode>,
}

/// One code value that means success.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuccessCode {
    /// `null`, or the field absent.
    Null,
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A boolean.
    Bool(bool),
}

/// Pagination of an operation: the request fields that move and the response fields read.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// Whether the cursor counts pages (`page`/`per_page`) rather than items (`offset`/`limit`).
    pub by_page: bool,
    /// The first page's cursor when `by_page`: 1, or 0 for pages counted from 0; 0 otherwise.
    pub first_page: i64,
    /// The parameter that moves: an integer, or a String for a marker or holding a number.
    pub cursor: Field,
    /// Whether the cursor and the size are fields of the request body's object (a POST listing:
    /// KMS `ListGrants`, the tag filters' `resource_instances/action`) rather than query parameters.
    pub in_body: bool,
    /// The page size parameter: an integer, or a String holding one.
    pub size: Option<Field>,
    /// The success body's array of items.
    pub items: Field,
    /// The success body's total count (integer), reached through these fields (`total`, or
    /// `meta_data` then `total`): the last one holds it.
    pub total: Option<Vec<Field>>,
    /// Where the next page's marker is, for a marker cursor (`style: marker`, String).
    pub marker: Option<Marker>,
}

/// Where a marker-paged listing finds the next page's marker.
#[derive(Debug, Clone, PartialEq)]
pub enum Marker {
    /// A String field of the success body, reached through these fields (`page_info`,
    /// `next_marker`): the last one holds the marker.
    Next(Vec<Field>),
    /// A String field of each item: the last item's value is the marker.
    Item(Field),
}

/// The parts of the project-listing operation that project discovery uses.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectDiscovery {
    /// The string query parameter taking the region.
    pub region: Field,
    /// The success body's array of project objects.
    pub items: Field,
    /// The project object's string ID field.
    pub id: Field,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// A `{placeholder}` of the URI.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
}

/// Who supplies a parameter that the caller does not pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Supplied {
    /// The project ID of the credentials.
    ProjectId,
    /// The domain ID of the credentials (or discovered, for a global service).
    DomainId,
    /// The IAM token of token authentication.
    AuthToken,
    /// The `Content-Type` header: the runtime sends the body's content type (the spec's
    /// `request_body.content_type`).
    ContentType,
}

/// A path, query or header parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Where it goes.
    pub location: Location,
    /// Who supplies it, when not the caller.
    pub supplied_by: Option<Supplied>,
    /// Name and type.
    pub field: Field,
}

/// The request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The request's `body` field: the object of the body table (`Type::Object`), or the spec's
    /// `type` for a body that is not a JSON object (`Array of MetricData objects`).
    pub ty: Type,
    /// What the body is (the object's description, for a table).
    pub description: String,
    /// Content type.
    pub content_type: String,
    /// Whether the caller must pass a body (it has mandatory fields, or is not an object).
    pub mandatory: bool,
}

impl Body {
    /// The object of the body table; `None` for a body that is not a JSON object.
    pub fn object(&self) -> Option<&str> {
        match &self.ty {
            Type::Object(name) => Some(name),
            _ => None,
        }
    }

    /// The request's field that carries the body: `body` (its wire name too), of the body's type,
    /// mandatory as the body is, with `description`.
    pub fn field(&self, description: String) -> Field {
        Field {
            wire_name: crate::naming::BODY_FIELD.to_owned(),
            rust_name: crate::naming::Ident::from_source(crate::naming::BODY_FIELD),
            ty: self.ty.clone(),
            mandatory: self.mandatory,
            description,
            default: None,
            range: None,
            length: None,
            sensitive: false,
        }
    }
}

/// One documented status.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// Its variant in the operation's error enum (`NotFound`), decided in lowering; used for
    /// error statuses (400 and above).
    pub variant: crate::naming::Ident,
    /// The status code table's description.
    pub description: String,
    /// Object of the body, when the body is documented.
    pub body: Option<String>,
    /// Documented response headers (String fields), on the success response only.
    pub headers: Vec<Field>,
    /// Documented examples.
    pub examples: Vec<Example>,
}

/// A documented example body.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Caption.
    pub description: Option<String>,
    /// The JSON exactly as documented.
    pub json: String,
    /// The same, parsed; `None` only for a `mismatch` example that is not JSON.
    pub value: Option<Value>,
    /// Why the documented example contradicts its table (the spec's `mismatch`): it is kept as
    /// printed, and neither checked against the table nor tested nor exported.
    pub mismatch: Option<String>,
}

impl Example {
    /// The parsed example, when it agrees with its table (it has no `mismatch`).
    pub fn checked(&self) -> Option<&Value> {
        self.value.as_ref().filter(|_| self.mismatch.is_none())
    }
}

/// A documented example request.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleRequest {
    /// Caption.
    pub description: Option<String>,
    /// Request line or URL.
    pub url: String,
    /// Body, when documented.
    pub body: Option<Example>,
}

/// A struct made from a body table or a nested object table.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// Rust name: the caption as a type name (`naming::type_name`), or `<Operation><Name>` when
    /// an earlier page of the version has a different table of that name.
    pub name: String,
    /// The name as the page documents it (`user_list`, `Tags`), for docs and OpenAPI.
    pub caption: String,
    /// Module that defines it: the operation's module, or `shared` when several operations
    /// use it.
    pub module: String,
    /// Spec file of that page.
    pub spec_file: String,
    /// Rustdoc summary.
    pub description: String,
    /// The status and its description, for the body table of a response.
    pub response_of: Option<(u16, String)>,
    /// Reachable from a response: optional fields deserialize leniently.
    pub in_response: bool,
    /// Reachable from a request body.
    pub in_request: bool,
    /// Fields in documentation order.
    pub fields: Vec<Field>,
    /// A success body that is not a JSON object (the spec's response `type`): the one field,
    /// `body`, holds the whole body, and the struct decodes from and encodes to that value.
    pub whole: bool,
}

/// A row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Name on the wire.
    pub wire_name: String,
    /// Rust name.
    pub rust_name: Ident,
    /// Resolved type.
    pub ty: Type,
    /// Required: a constructor argument and a non-`Option` field.
    pub mandatory: bool,
    /// Rustdoc.
    pub description: String,
    /// Documented default.
    pub default: Option<Value>,
    /// Documented numeric range.
    pub range: Option<Bounds>,
    /// Documented length range.
    pub length: Option<Bounds>,
    /// A password or other secret (a String field, never a parameter): the runtime's `Secret`,
    /// never printed by `Debug`.
    pub sensitive: bool,
}

/// Inclusive bounds, either end open: the shared check's type, so that what lowering reads, the
/// example check tests and the documentation says are one value.
pub use huaweicloud_sdk_shape::Bounds;

/// A resolved type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    /// `String`.
    String,
    /// `i32`.
    Integer,
    /// `i64`.
    Long,
    /// `f64`.
    Number,
    /// `bool`.
    Boolean,
    /// `serde_json::Value`.
    Any,
    /// `Vec<T>`.
    Array(Box<Type>),
    /// `BTreeMap<String, T>`.
    Map(Box<Type>),
    /// A generated struct.
    Object(String),
    /// A generated enum.
    Enum(String),
}

impl Type {
    /// The object this type names, through arrays and maps (`Vec<BTreeMap<String, User>>` names
    /// `User`).
    pub fn object_name(&self) -> Option<&str> {
        match self {
            Type::Object(n) => Some(n),
            Type::Array(t) | Type::Map(t) => t.object_name(),
            _ => None,
        }
    }
}

/// An enum made from a documented value list.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// Rust name.
    pub name: String,
    /// Operation module that defines it.
    pub module: String,
    /// Spec file of that page.
    pub spec_file: String,
    /// Rustdoc, from the field that declares it.
    pub description: String,
    /// Documented values in documentation order.
    pub variants: Vec<Variant>,
    /// Made from a list of integers on an Integer or Long field: a JSON number on the wire,
    /// `Unknown(i64)`, `as_i64`; each variant's `wire` is the decimal text.
    pub integer: bool,
}

/// One documented value.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Wire value.
    pub wire: String,
    /// Rust variant name.
    pub rust_name: String,
    /// Explanation, when documented.
    pub description: Option<String>,
}

/// The objects and enums a type may refer to: a version's, or those its pages placed so far
/// while they lower.
#[derive(Debug)]
pub struct Tables<'a> {
    /// Objects by name.
    pub objects: &'a [Object],
    /// Enums by name.
    pub enums: &'a [Enum],
}

impl<'a> Tables<'a> {
    /// The tables of a version.
    pub fn of(v: &'a Version) -> Tables<'a> {
        Tables { objects: &v.objects, enums: &v.enums }
    }

    /// The one field of body table `name` when the body is not a JSON object (`Array of ...
    /// objects`): the body is that field's value. `None` for a body that is the object.
    pub fn whole_body(&self, name: &str) -> Option<&'a Field> {
        self.objects.iter().find(|o| o.name == name && o.whole).and_then(|o| o.fields.first())
    }
}

/// A type of the tables as the shared check (`huaweicloud_sdk_shape`) reads it: what the
/// lowering's example check walks and what the mock's routes are emitted from, so that the two
/// read a table alike. `field` is the row when the value is a field itself (its range and length
/// apply), not an element of one.
#[derive(Debug, Clone, Copy)]
pub struct Node<'a> {
    t: &'a Tables<'a>,
    ty: &'a Type,
    field: Option<&'a Field>,
}

impl<'a> Node<'a> {
    /// A value of type `ty`; `field` is its row when the value is a field itself.
    pub fn new(t: &'a Tables<'a>, ty: &'a Type, field: Option<&'a Field>) -> Node<'a> {
        Node { t, ty, field }
    }

    /// A table's row as the shared check reads it: its wire name, whether it is mandatory, and
    /// its value with the row's constraints.
    pub fn field(t: &'a Tables<'a>, f: &'a Field) -> huaweicloud_sdk_shape::Field<'a, Node<'a>> {
        huaweicloud_sdk_shape::Field {
            name: &f.wire_name,
            mandatory: f.mandatory,
            node: Node { t, ty: &f.ty, field: Some(f) },
        }
    }
}

impl<'a> huaweicloud_sdk_shape::Schema<'a> for Node<'a> {
    /// An object or enum missing from the tables reads as any value.
    fn kind(self) -> huaweicloud_sdk_shape::Kind<'a, Node<'a>> {
        use huaweicloud_sdk_shape::Kind;
        let Node { t, ty, field } = self;
        let range = field.and_then(|f| f.range).unwrap_or_default();
        let length = field.and_then(|f| f.length).unwrap_or_default();
        let inner = |ty| Node { t, ty, field: None };
        match ty {
            Type::Any => Kind::Any,
            Type::Boolean => Kind::Boolean,
            Type::String => Kind::String { length, values: Vec::new() },
            Type::Integer => Kind::Integer { range, values: Vec::new(), wide: false },
            Type::Long => Kind::Integer { range, values: Vec::new(), wide: true },
            Type::Number => Kind::Number { range },
            Type::Enum(name) => match t.enums.iter().find(|e| &e.name == name) {
                Some(e) if e.integer => Kind::Integer {
                    range,
                    values: e.variants.iter().filter_map(|v| v.wire.parse().ok()).collect(),
                    wide: true,
                },
                Some(e) => Kind::String { length, values: e.variants.iter().map(|v| v.wire.as_str()).collect() },
                None => Kind::Any,
            },
            Type::Array(items) => Kind::Array { items: inner(items), count: length },
            Type::Map(values) => Kind::Map(inner(values)),
            Type::Object(name) => match t.objects.iter().find(|o| &o.name == name) {
                Some(o) => {
                    Kind::Object { table: Some(&o.name), fields: o.fields.iter().map(|f| Node::field(t, f)).collect() }
                }
                None => Kind::Any,
            },
        }
    }
}
