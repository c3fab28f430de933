//! The YAML of one synthetic documentation page, in the shape of the real pages under `spec/`.
//!
//! Each module has ten resources of five operations: a paginated listing (offset/limit, nested
//! arrays of objects, enums, a map), a create (nested mandatory body objects with lengths and
//! ranges, described enum values), a show by path parameter, an update (PUT) and a delete. Every
//! page documents its 4xx/5xx error bodies with examples and has a success example that matches
//! its tables. Names are deterministic: a resource is a noun picked from [`NOUNS`] by position.

use std::fmt::Write as _;

use super::row::Row;

/// Resource nouns; every one takes a plain `s` plural. Ten consecutive ones are distinct.
const NOUNS: &[&str] = &[
    "Instance",
    "Cluster",
    "Node",
    "Volume",
    "Snapshot",
    "Backup",
    "Database",
    "Account",
    "Role",
    "Group",
    "Topic",
    "Queue",
    "Bucket",
    "Gateway",
    "Listener",
    "Certificate",
    "Domain",
    "Record",
    "Endpoint",
    "Subnet",
    "Network",
    "Router",
    "Image",
    "Flavor",
    "Key",
    "Secret",
    "Alarm",
    "Template",
    "Stack",
    "Job",
    "Task",
    "Workflow",
    "Pipeline",
    "Namespace",
    "Channel",
    "Device",
    "Stream",
    "Table",
    "Schema",
    "Agent",
];

/// What an operation does to its resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    List,
    Create,
    Show,
    Update,
    Delete,
}

/// One synthetic page.
#[derive(Debug)]
pub struct Page {
    kind: Kind,
    /// The resource noun, PascalCase singular (`Instance`).
    noun: &'static str,
    /// `1` or `2`: the URI prefix and module.
    version: usize,
    /// Decides the optional fields, so that pages are not all the same size.
    variant: usize,
    /// The service number.
    service: usize,
    /// The service's error body field names.
    error: (&'static str, &'static str),
}

/// The two error body styles of the real services (DWS and DDM).
fn error_fields(service: usize) -> (&'static str, &'static str) {
    if service.is_multiple_of(2) { ("error_code", "error_msg") } else { ("errCode", "externalMessage") }
}

/// `service.yaml` of service `s`.
pub fn service(s: usize) -> String {
    let (code, message) = error_fields(s);
    format!(
        "{}\nservice: synth{s}\ndisplay_name: Synthetic Service {s} (SYNTH{s})\ndescription: >-\n  \
         Synthetic Service {s} is a benchmark fixture in the shape of a Huawei Cloud service: it manages\n  \
         resources through paginated listings, creations with nested bodies, updates and deletions.\n\
         endpoint: \"https://synth{s}.{{region}}.myhuaweicloud.com\"\n\
         regions:\n  - cn-north-4\n  - cn-east-3\n  - ap-southeast-1\n  - eu-west-101\n\
         endpoint_exceptions:\n  eu-west-101: \"https://synth{s}.eu-west-101.myhuaweicloud.eu\"\n\
         error_body:\n  code: {code}\n  message: {message}\n",
        super::HEADER
    )
}

impl Page {
    /// Operation `slot` (0-based within its module) of module `module`.
    pub fn new(index: usize, module: usize, slot: usize, version: usize) -> Page {
        let kind = [Kind::List, Kind::Create, Kind::Show, Kind::Update, Kind::Delete][slot % 5];
        let noun = NOUNS[(module * 7 + slot / 5) % NOUNS.len()];
        let service = module / super::VERSIONS_PER_SERVICE;
        Page { kind, noun, version, variant: index / 5 % 3, service, error: error_fields(service) }
    }

    /// The operation name (`ListInstances`).
    fn operation(&self) -> String {
        let n = self.noun;
        match self.kind {
            Kind::List => format!("List{n}s"),
            Kind::Create => format!("Create{n}"),
            Kind::Show => format!("Show{n}"),
            Kind::Update => format!("Update{n}"),
            Kind::Delete => format!("Delete{n}"),
        }
    }

    /// The file name without `.yaml` (`list_instances`).
    pub fn file_stem(&self) -> String {
        let mut s = String::new();
        for (i, c) in self.operation().chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                s.push('_');
            }
            s.push(c.to_ascii_lowercase());
        }
        s
    }

    fn lower(&self) -> String {
        self.noun.to_ascii_lowercase()
    }

    fn article(&self) -> &'static str {
        if self.noun.starts_with(['A', 'E', 'I', 'O', 'U']) { "an" } else { "a" }
    }

    /// The page: operation `index` of a tree of `total`.
    pub fn render(&self, index: usize, total: usize) -> String {
        let mut y = format!(
            "{}: operation {} of {total}, in the shape of a real\n\
             # Huawei Cloud API page, for `cargo xtask bench`.\n",
            super::HEADER,
            index + 1
        );
        let (title, what) = self.title();
        let (method, item) = match self.kind {
            Kind::List => ("GET", false),
            Kind::Create => ("POST", false),
            Kind::Show => ("GET", true),
            Kind::Update => ("PUT", true),
            Kind::Delete => ("DELETE", true),
        };
        // The service segment keeps every method and URI unique across the tree, as the OpenAPI
        // export (one path item per URI) needs to describe every operation.
        let collection = format!("/v{}/{{project_id}}/synth{}/{}s", self.version, self.service, self.lower());
        let uri = if item { format!("{collection}/{{{}_id}}", self.lower()) } else { collection };
        let _ = write!(
            y,
            "operation: {}\ntitle: {title}\nupdated: \"2024-08-02 GMT+08:00\"\ndescription: |-\n  {what}\n\n  {}\n\
             constraints: \"None\"\nmethod: {method}\nuri: \"{uri}\"\n\n# Table 1 Path parameters\npath_parameters:\n",
            self.operation(),
            if item {
                format!("The {} is identified by its ID; the project is the one of the credentials.", self.lower())
            } else {
                "The project is the one of the credentials, or the one found for the region.".to_owned()
            }
        );
        Row::param("project_id", true, "String", "Project ID\n\nTo obtain this value, see Obtaining a Project ID.")
            .extra("supplied_by: project_id")
            .write(&mut y, 2);
        if item {
            Row::param(&format!("{}_id", self.lower()), true, "String", &format!("{} ID", self.noun)).write(&mut y, 2);
        }
        match self.kind {
            Kind::List => self.list_query(&mut y),
            Kind::Delete => {
                y.push_str("\n# Table 2 Query parameters\nquery_parameters:\n");
                Row::param("force", false, "Boolean", "Whether to delete the resource even when it is in use.")
                    .extra("default: false")
                    .write(&mut y, 2);
            }
            _ => {}
        }
        y.push_str("\n# Table 3 Request header parameters\nheader_parameters:\n");
        Row::param(
            "X-Auth-Token",
            true,
            "String",
            "User token\n\nYou can obtain the token by calling the IAM API used to obtain a user token.",
        )
        .extra("supplied_by: auth_token")
        .write(&mut y, 2);
        match self.kind {
            Kind::Create => self.create_body(&mut y),
            Kind::Update => self.update_body(&mut y),
            _ => {}
        }
        self.example_request(&mut y, method, &uri);
        y.push_str("\n# Status Codes table, with the response body table of each status.\nresponses:\n");
        self.success(&mut y);
        self.errors(&mut y);
        self.objects(&mut y);
        if self.kind == Kind::List {
            let _ = write!(
                y,
                "\npagination:\n  style: offset\n  cursor: offset\n  size: limit\n  items: {}s\n  total: total_count\n",
                self.lower()
            );
        }
        y
    }

    fn title(&self) -> (String, String) {
        let (n, l, a) = (self.noun, self.lower(), self.article());
        match self.kind {
            Kind::List => {
                (format!("Querying {n}s"), format!("This API is used to query the {l}s of a project, page by page."))
            }
            Kind::Create => (format!("Creating {a} {n}"), format!("This API is used to create {a} {l}.")),
            Kind::Show => {
                (format!("Querying Details of {a} {n}"), format!("This API is used to query the details of {a} {l}."))
            }
            Kind::Update => (
                format!("Modifying {a} {n}"),
                format!("This API is used to modify the name, description, flavor or tags of {a} {l}."),
            ),
            Kind::Delete => (format!("Deleting {a} {n}"), format!("This API is used to delete {a} {l}.")),
        }
    }

    fn list_query(&self, y: &mut String) {
        y.push_str("\n# Table 2 Query parameters\nquery_parameters:\n");
        Row::param("offset", false, "Integer", "Index offset.\n\nThe query starts from the next piece of data indexed by this parameter. The value is 0 by default.\n\nThe value must be a non-negative integer.")
            .extra("default: 0")
            .extra("range: [0, null]")
            .write(y, 2);
        Row::param("limit", false, "Integer", &format!("Maximum {}s to be queried.\n\nValue range: 1 to 500.\n\nIf the parameter value is not specified, 10 are queried by default.", self.lower()))
            .extra("default: 10")
            .extra("range: [1, 500]")
            .write(y, 2);
        Row::param(
            "name",
            false,
            "String",
            &format!("Name of the {}s to return; fuzzy match.\n\nThe name contains 1 to 64 characters.", self.lower()),
        )
        .extra("length: [1, 64]")
        .write(y, 2);
        self.status_row(y, Some(false), "Status of the resources to return.", 2);
        if self.variant != 0 {
            Row::param(
                "enterprise_project_id",
                false,
                "String",
                "Enterprise project ID. Only resources of this enterprise project are returned.",
            )
            .write(y, 2);
        }
    }

    /// The `status` row, an enum shared by the listing, show and update pages of the resource.
    fn status_row(&self, y: &mut String, mandatory: Option<bool>, description: &str, indent: usize) {
        let description = format!("{description}\n\nThe value can be ACTIVE, BUILD, ERROR, FROZEN or DELETED.");
        Row { name: "status", mandatory, ty: "String".to_owned(), description, extra: Vec::new() }
            .extra("values: [ACTIVE, BUILD, ERROR, FROZEN, DELETED]")
            .extra(&format!("enum_name: {}Status", self.noun))
            .write(y, indent);
    }

    fn mode_row(&self, y: &mut String, mandatory: Option<bool>, indent: usize) {
        Row { name: "mode", mandatory, ty: "String".to_owned(), description: format!("Deployment mode of the {}.", self.lower()), extra: Vec::new() }
            .extra(&format!(
                "values:\n  - value: single\n    description: one node, no redundancy.\n  - value: ha\n    description: a primary and a standby node.\n  - value: cluster\n    description: three or more nodes.\nenum_name: {}Mode",
                self.noun
            ))
            .write(y, indent);
    }

    fn create_body(&self, y: &mut String) {
        let op = self.operation();
        let l = self.lower();
        let _ = write!(y, "\nrequest_body:\n  name: {op}Req\n  # Table 4 Request body parameters\n  body:\n");
        Row::param(
            "name",
            true,
            "String",
            &format!(
                "Name of the {l}.\n\nThe name contains 1 to 64 characters: letters, digits, hyphens and underscores."
            ),
        )
        .extra("length: [1, 64]")
        .write(y, 4);
        Row::param("description", false, "String", &format!("Description of the {l}, at most 255 characters."))
            .extra("length: [null, 255]")
            .write(y, 4);
        self.mode_row(y, Some(true), 4);
        Row::param("flavor", true, &format!("{op}Flavor object"), "Flavor (compute specifications) of each node.")
            .write(y, 4);
        Row::param(
            "volume",
            false,
            &format!("{op}Volume object"),
            "Storage of each node. The default is a 40 GB SSD volume.",
        )
        .write(y, 4);
        Row::param("tags", false, &format!("Array of {op}Tag objects"), "Tags to add, at most 20.")
            .extra("length: [null, 20]")
            .write(y, 4);
        Row::param("count", false, "Integer", &format!("Number of {l}s to create.\n\nValue range: 1 to 100."))
            .extra("default: 1")
            .extra("range: [1, 100]")
            .write(y, 4);
        if self.variant != 0 {
            Row::param(
                "enterprise_project_id",
                false,
                "String",
                "Enterprise project ID. The default is the default enterprise project (0).",
            )
            .write(y, 4);
        }
    }

    fn update_body(&self, y: &mut String) {
        let op = self.operation();
        let l = self.lower();
        let _ = write!(y, "\nrequest_body:\n  name: {op}Req\n  # Table 4 Request body parameters\n  body:\n");
        Row::param("name", false, "String", &format!("New name of the {l}, 1 to 64 characters."))
            .extra("length: [1, 64]")
            .write(y, 4);
        Row::param("description", false, "String", &format!("New description of the {l}, at most 255 characters."))
            .extra("length: [null, 255]")
            .write(y, 4);
        Row::param("flavor", false, &format!("{op}Flavor object"), "New flavor. The nodes restart to apply it.")
            .write(y, 4);
        Row::param(
            "tags",
            false,
            &format!("Array of {op}Tag objects"),
            "Tags that replace the current ones, at most 20.",
        )
        .extra("length: [null, 20]")
        .write(y, 4);
    }

    fn example_request(&self, y: &mut String, method: &str, uri: &str) {
        let _ = write!(
            y,
            "\nexample_requests:\n  - description: {}\n    url: \"{method} https://{{endpoint}}{uri}",
            self.title().0
        );
        match self.kind {
            Kind::List => y.push_str("?offset=0&limit=10\"\n"),
            Kind::Delete => y.push_str("?force=false\"\n"),
            Kind::Show => y.push_str("\"\n"),
            Kind::Create => {
                let _ = write!(
                    y,
                    "\"\n    json: |\n      {{\n        \"name\" : \"{l}-01\",\n        \"description\" : \"Benchmark {l}\",\n        \"mode\" : \"ha\",\n        \"flavor\" : {{\n          \"vcpus\" : 4,\n          \"ram\" : 16,\n          \"spec_code\" : \"s6.xlarge.4\"\n        }},\n        \"volume\" : {{\n          \"type\" : \"SSD\",\n          \"size\" : 100\n        }},\n        \"tags\" : [ {{\n          \"key\" : \"env\",\n          \"value\" : \"test\"\n        }} ],\n        \"count\" : 1\n      }}\n",
                    l = self.lower()
                );
            }
            Kind::Update => {
                let _ = write!(
                    y,
                    "\"\n    json: |\n      {{\n        \"name\" : \"{l}-02\",\n        \"flavor\" : {{\n          \"vcpus\" : 8,\n          \"ram\" : 32\n        }},\n        \"tags\" : [ {{\n          \"key\" : \"env\",\n          \"value\" : \"prod\"\n        }} ]\n      }}\n",
                    l = self.lower()
                );
            }
        }
    }

    fn success(&self, y: &mut String) {
        let l = self.lower();
        let op = self.operation();
        match self.kind {
            Kind::List => {
                y.push_str("  - status: 200\n    description: OK\n    # Table 5 Response body parameters\n    body:\n");
                Row::resp(
                    &format!("{l}s"),
                    &format!("Array of {op}Detail objects"),
                    &format!("{}s on this page", self.noun),
                )
                .write(y, 6);
                Row::resp("total_count", "Integer", &format!("Total number of {l}s that match the query")).write(y, 6);
                let _ = write!(
                    y,
                    "    examples:\n      - json: |\n          {{\n            \"{l}s\" : [ {{\n              \"id\" : \"2d4e6c1a-0001\",\n              \"name\" : \"{l}-01\",\n              \"status\" : \"ACTIVE\",\n              \"description\" : \"Benchmark {l}\",\n              \"created\" : 1686904661709,\n              \"flavor\" : {{\n                \"vcpus\" : 4,\n                \"ram\" : 16,\n                \"spec_code\" : \"s6.xlarge.4\"\n              }},\n              \"tags\" : [ {{\n                \"key\" : \"env\",\n                \"value\" : \"test\"\n              }} ]{}\n            }} ],\n            \"total_count\" : 1\n          }}\n",
                    if self.variant == 2 {
                        ",\n              \"metadata\" : {\n                \"owner\" : \"ops\"\n              }"
                    } else {
                        ""
                    }
                );
            }
            Kind::Create => {
                y.push_str(
                    "  - status: 202\n    description: Accepted\n    # Table 5 Response body parameters\n    body:\n",
                );
                Row::resp("id", "String", &format!("ID of the {l}")).write(y, 6);
                Row::resp("job_id", "String", "ID of the job that creates it. Query the job to follow its progress.")
                    .write(y, 6);
                let _ = write!(
                    y,
                    "    examples:\n      - json: |\n          {{\n            \"id\" : \"2d4e6c1a-0001\",\n            \"job_id\" : \"ff8080818a0a1b2c\"\n          }}\n"
                );
            }
            Kind::Show => {
                y.push_str("  - status: 200\n    description: OK\n    # Table 4 Response body parameters\n    body:\n");
                Row::resp("id", "String", &format!("ID of the {l}")).write(y, 6);
                Row::resp("name", "String", &format!("Name of the {l}")).write(y, 6);
                self.status_row(y, None, &format!("Status of the {l}."), 6);
                Row::resp("description", "String", &format!("Description of the {l}")).write(y, 6);
                self.mode_row(y, None, 6);
                Row::resp("flavor", &format!("{op}Flavor object"), "Flavor of each node").write(y, 6);
                Row::resp("volume", &format!("{op}Volume object"), "Storage of each node").write(y, 6);
                Row::resp("tags", &format!("Array of {op}Tag objects"), "Tags").write(y, 6);
                Row::resp("created", "Long", "Creation time, in UNIX timestamp format (milliseconds)").write(y, 6);
                Row::resp("updated", "Long", "Time of the last change, in UNIX timestamp format (milliseconds)")
                    .write(y, 6);
                if self.variant != 1 {
                    Row::resp("metadata", "Map<String,String>", "Key-value metadata set by the service").write(y, 6);
                }
                let _ = write!(
                    y,
                    "    examples:\n      - json: |\n          {{\n            \"id\" : \"2d4e6c1a-0001\",\n            \"name\" : \"{l}-01\",\n            \"status\" : \"BUILD\",\n            \"mode\" : \"ha\",\n            \"flavor\" : {{\n              \"vcpus\" : 4,\n              \"ram\" : 16\n            }},\n            \"volume\" : {{\n              \"type\" : \"SSD\",\n              \"size\" : 100\n            }},\n            \"tags\" : [ ],\n            \"created\" : 1686904661709,\n            \"updated\" : 1686904661709\n          }}\n"
                );
            }
            Kind::Update => {
                y.push_str("  - status: 200\n    description: OK\n    # Table 7 Response body parameters\n    body:\n");
                Row::resp("id", "String", &format!("ID of the {l}")).write(y, 6);
                self.status_row(y, None, &format!("Status of the {l} after the change."), 6);
                Row::resp("job_id", "String", "ID of the job that applies a flavor change; absent otherwise.")
                    .write(y, 6);
                let _ = write!(
                    y,
                    "    examples:\n      - json: |\n          {{\n            \"id\" : \"2d4e6c1a-0001\",\n            \"status\" : \"ACTIVE\"\n          }}\n"
                );
            }
            Kind::Delete => y.push_str("  - status: 204\n    description: No Content\n"),
        }
    }

    fn errors(&self, y: &mut String) {
        let statuses: &[(u16, &str, &str)] = match self.kind {
            Kind::List | Kind::Create => {
                &[(400, "bad request", "Parameter error."), (500, "server error", "Server failure.")]
            }
            _ => &[
                (400, "bad request", "Parameter error."),
                (404, "not found", "The resource does not exist."),
                (500, "server error", "Server failure."),
            ],
        };
        let (code, message) = self.error;
        for (i, (status, description, text)) in statuses.iter().enumerate() {
            let _ = write!(
                y,
                "  - status: {status}\n    description: {description}\n    name: ErrorResponseBody\n    body:\n"
            );
            Row::resp(code, "String", "Service error code").write(y, 6);
            Row::resp(message, "String", "Error message").write(y, 6);
            let _ = write!(
                y,
                "    examples:\n      - json: |\n          {{\n            \"{message}\" : \"{text}\",\n            \"{code}\" : \"SYN.{:04}\"\n          }}\n",
                280001 + i
            );
        }
    }

    fn objects(&self, y: &mut String) {
        let op = self.operation();
        match self.kind {
            Kind::List => {
                let _ = write!(y, "\nobjects:\n  # Table 6 {op}Detail\n  {op}Detail:\n");
                let l = self.lower();
                Row::resp("id", "String", &format!("ID of the {l}")).write(y, 4);
                Row::resp("name", "String", &format!("Name of the {l}")).write(y, 4);
                self.status_row(y, None, &format!("Status of the {l}."), 4);
                Row::resp("description", "String", &format!("Description of the {l}")).write(y, 4);
                Row::resp("created", "Long", "Creation time, in UNIX timestamp format (milliseconds)").write(y, 4);
                Row::resp("flavor", &format!("{op}Flavor object"), "Flavor of each node").write(y, 4);
                Row::resp("tags", &format!("Array of {op}Tag objects"), "Tags").write(y, 4);
                if self.variant == 2 {
                    Row::resp("metadata", "Map<String,String>", "Key-value metadata set by the service").write(y, 4);
                }
                self.flavor_object(y, &op, false);
                self.tag_object(y, &op, None);
            }
            Kind::Create => {
                y.push_str("\nobjects:\n");
                self.flavor_object(y, &op, true);
                self.volume_object(y, &op, Some(true));
                self.tag_object(y, &op, Some(true));
            }
            Kind::Show => {
                y.push_str("\nobjects:\n");
                self.flavor_object(y, &op, false);
                self.volume_object(y, &op, None);
                self.tag_object(y, &op, None);
            }
            Kind::Update => {
                y.push_str("\nobjects:\n");
                self.flavor_object(y, &op, true);
                self.tag_object(y, &op, Some(true));
            }
            Kind::Delete => {}
        }
    }

    fn flavor_object(&self, y: &mut String, op: &str, request: bool) {
        let _ = write!(y, "  # {op}Flavor\n  {op}Flavor:\n");
        let m = request.then_some(true);
        Row {
            name: "vcpus",
            mandatory: m,
            ty: "Integer".to_owned(),
            description: "Number of vCPUs.\n\nValue range: 1 to 128.".to_owned(),
            extra: Vec::new(),
        }
        .extra("range: [1, 128]")
        .write(y, 4);
        Row {
            name: "ram",
            mandatory: m,
            ty: "Integer".to_owned(),
            description: "Memory size, in GB.\n\nValue range: 1 to 1024.".to_owned(),
            extra: Vec::new(),
        }
        .extra("range: [1, 1024]")
        .write(y, 4);
        Row {
            name: "spec_code",
            mandatory: request.then_some(false),
            ty: "String".to_owned(),
            description: "Resource specification code, e.g. s6.xlarge.4.".to_owned(),
            extra: Vec::new(),
        }
        .extra("length: [1, 64]")
        .write(y, 4);
    }

    fn volume_object(&self, y: &mut String, op: &str, mandatory: Option<bool>) {
        let _ = write!(y, "  # {op}Volume\n  {op}Volume:\n");
        Row {
            name: "type",
            mandatory,
            ty: "String".to_owned(),
            description: "Disk type.\n\nThe value can be SSD, SAS or SATA.".to_owned(),
            extra: Vec::new(),
        }
        .extra("values: [SSD, SAS, SATA]")
        .extra(&format!("enum_name: {}VolumeType", self.noun))
        .write(y, 4);
        Row {
            name: "size",
            mandatory,
            ty: "Integer".to_owned(),
            description: "Disk size, in GB.\n\nValue range: 10 to 32768.".to_owned(),
            extra: Vec::new(),
        }
        .extra("range: [10, 32768]")
        .write(y, 4);
    }

    fn tag_object(&self, y: &mut String, op: &str, mandatory: Option<bool>) {
        let _ = write!(y, "  # {op}Tag\n  {op}Tag:\n");
        Row {
            name: "key",
            mandatory,
            ty: "String".to_owned(),
            description: "Tag key, 1 to 36 characters.".to_owned(),
            extra: Vec::new(),
        }
        .extra("length: [1, 36]")
        .write(y, 4);
        Row {
            name: "value",
            mandatory,
            ty: "String".to_owned(),
            description: "Tag value, at most 43 characters.".to_owned(),
            extra: Vec::new(),
        }
        .extra("length: [0, 43]")
        .write(y, 4);
    }
}
