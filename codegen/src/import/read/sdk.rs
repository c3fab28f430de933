//! Reader for the official SDK's model of an operation, as `tests/oracle/describe.py` writes it
//! (one JSON object): the operation becomes a [`Page`] with the tables a documentation page would
//! print (path, query and header parameters, the request body, the success response and one
//! table per model the body and response reach), so that the drafting stages read it as they
//! read a page. What the SDK does not carry (status codes, error bodies, examples) the page does
//! not have either, and the draft says so.

use serde::Deserialize;
use std::collections::BTreeMap;

use super::page::{Hint, Page, PlacedTable, Row, Section, Status, Table, Uri};

/// One operation of the official SDK, as `describe.py` writes it.
#[derive(Debug, Clone, Deserialize)]
pub struct SdkOperation {
    /// The SDK's service (`dws`).
    pub service: String,
    /// The SDK's version module (`v2`).
    pub version: String,
    /// The operation (`ListClusters`).
    pub operation: String,
    /// Upper-case HTTP method.
    pub method: String,
    /// The path template (`/v1.0/{project_id}/clusters`).
    pub path: String,
    /// The package and its version (`huaweicloudsdkdws 3.1.219`).
    pub sdk: String,
    /// The client method's summary (`查询集群列表`).
    #[serde(default)]
    pub title: String,
    /// The client method's description.
    #[serde(default)]
    pub description: String,
    /// Path, query, header and form parameters.
    pub params: Vec<SdkParam>,
    /// The body parameter, when the operation takes one.
    pub body: Option<SdkBody>,
    /// The response model's name.
    pub response: String,
    /// The response model's attributes that are headers.
    #[serde(default)]
    pub response_headers: Vec<String>,
    /// Every model the body and the response reach, by name.
    pub models: BTreeMap<String, Vec<SdkField>>,
    /// The `Content-Type` the client method sends (`application/json`), when it names one.
    #[serde(default)]
    pub content_type: Option<String>,
}

/// A parameter of the request model.
#[derive(Debug, Clone, Deserialize)]
pub struct SdkParam {
    /// Wire name.
    pub name: String,
    /// `path`, `query`, `header` or `form`.
    #[serde(rename = "in")]
    pub location: String,
    /// Whether the request model's constructor requires it.
    pub mandatory: bool,
    /// The SDK's type string (`str`, `list[str]`); `None` for a placeholder the credentials fill.
    #[serde(rename = "type")]
    pub ty: Option<String>,
    /// The attribute's description.
    #[serde(default)]
    pub description: String,
}

/// The body parameter.
#[derive(Debug, Clone, Deserialize)]
pub struct SdkBody {
    /// The body's type: a model name, or a type string.
    #[serde(rename = "type")]
    pub ty: Option<String>,
    /// Whether it is required.
    pub mandatory: bool,
    /// The attribute's description.
    #[serde(default)]
    pub description: String,
}

/// An attribute of a model.
#[derive(Debug, Clone, Deserialize)]
pub struct SdkField {
    /// Wire name.
    pub name: String,
    /// The SDK's type string.
    #[serde(rename = "type")]
    pub ty: Option<String>,
    /// Whether the model's constructor requires it (`None` when unknown).
    pub mandatory: Option<bool>,
    /// The attribute's description.
    #[serde(default)]
    pub description: String,
}

/// What the draft of an SDK model says the SDK does not give.
pub const NO_STATUS: &str = "Success. The official SDK does not give the status code; any 2xx is a success.";

const HEADER: [&str; 4] = ["Parameter", "Mandatory", "Type", "Description"];

/// The page a documentation page for the operation would be, from the SDK's model; or why a
/// type of the model has no type phrase.
pub fn page(op: &SdkOperation) -> Result<Page, String> {
    let (description, constraints) = split_constraints(&op.description);
    let mut page = Page {
        title: Some(if op.title.is_empty() { op.operation.clone() } else { op.title.clone() }),
        description: description.into_iter().collect(),
        constraints: constraints.into_iter().collect(),
        uris: vec![Uri { line: 1, method: op.method.to_ascii_uppercase(), path: op.path.clone() }],
        api_sections: true,
        sdk: Some(op.sdk.clone()),
        statuses: vec![Status { line: 1, code: 200, description: NO_STATUS.to_owned() }],
        ..Page::default()
    };
    let mut line = 1;
    let mut push = |page: &mut Page, section: Section, status: Option<u16>, caption: &str, rows: Vec<Vec<String>>| {
        if rows.is_empty() {
            return;
        }
        line += 1;
        let table_line = line;
        // A response table has no Mandatory column, as on the pages: response fields are optional.
        let request = rows.first().is_some_and(|r| r.len() == HEADER.len());
        let header = HEADER.iter().filter(|h| request || **h != "Mandatory").map(|h| (*h).to_owned()).collect();
        let rows = rows
            .into_iter()
            .map(|cells| {
                line += 1;
                Row { line, cells }
            })
            .collect();
        let table = Table { line: table_line, caption: caption.to_owned(), header, rows };
        page.tables.push(PlacedTable { table, section, status });
    };
    for (location, caption) in
        [("path", "Path parameters"), ("query", "Query parameters"), ("header", "Request header parameters")]
    {
        let mut rows = Vec::new();
        let mut params: Vec<&SdkParam> = op.params.iter().filter(|p| p.location == location).collect();
        // Path parameters in the URI's order, as pages list them.
        params.sort_by_key(|p| op.path.find(&format!("{{{}}}", p.name)).unwrap_or(usize::MAX));
        for p in params {
            let ty = match &p.ty {
                Some(t) => widened(phrase(t)?, &p.description),
                None => "String".to_owned(),
            };
            let description = match (&p.ty, text(&p.description)) {
                (None, d) if d.is_empty() => placeholder(&p.name),
                (_, d) => d,
            };
            // An attribute of the request model is the caller's, whatever its name.
            if location == "path" && p.ty.is_some() {
                page.caller_path_params.push(p.name.clone());
            }
            rows.push(vec![p.name.clone(), yes_no(p.mandatory), ty, description]);
        }
        push(&mut page, Section::Uri, None, caption, rows);
    }
    if let Some(p) = op.params.iter().find(|p| p.location == "form") {
        return Err(format!("`{}` is a form parameter: a form body has no spec form yet", p.name));
    }
    let body_model = op.body.as_ref().and_then(|b| b.ty.clone());
    if let Some(ct) = op.content_type.as_deref().filter(|c| c.contains("form-urlencoded") || c.contains("multipart"))
        && body_model.is_some()
    {
        return Err(format!("the request body is a form (`{ct}`): a form body has no spec form yet"));
    }
    if body_model.is_some() {
        page.body_content_type =
            op.content_type.clone().filter(|c| !c.eq_ignore_ascii_case(crate::lower::JSON_CONTENT_TYPE));
    }
    // A JSON array body (`list[str]`, `list[MetricData]`): typed, no table. Any other body that
    // is not one of the operation's models (a string, a file) has no spec form yet.
    if let Some(body) = body_model.as_ref().filter(|b| !op.models.contains_key(*b)) {
        if !body.trim_start().starts_with("list[") {
            return Err(format!("the request body is `{body}`, neither a model nor a list"));
        }
        page.request_type = Some(phrase(body)?);
    } else if let Some(body) = &body_model {
        page.body_hints.push(Hint { name: body.clone(), source: String::new() });
        let fields = op.models.get(body).ok_or_else(|| format!("the request body is `{body}`, not a model"))?;
        let rows = fields_rows(fields, true)?;
        push(&mut page, Section::Request, None, "Request body parameters", rows);
    }
    let headers: Vec<String> = op.response_headers.iter().map(|h| h.to_ascii_lowercase()).collect();
    let response = op.models.get(&op.response).cloned().unwrap_or_default();
    let (header_fields, body_fields): (Vec<SdkField>, Vec<SdkField>) =
        response.into_iter().partition(|f| headers.contains(&f.name.to_ascii_lowercase()));
    match body_fields.as_slice() {
        // The SDK's model of a body that is not a JSON object: one attribute `body`.
        [whole] if whole.name == "body" => {
            page.success_type = Some(phrase(whole.ty.as_deref().unwrap_or("object"))?);
        }
        fields => {
            push(&mut page, Section::Response, Some(200), "Response body parameters", fields_rows(fields, false)?)
        }
    }
    push(&mut page, Section::Response, Some(200), "Response header parameters", fields_rows(&header_fields, false)?);
    for (name, fields) in &op.models {
        if *name == op.response || body_model.as_deref() == Some(name.as_str()) {
            continue;
        }
        let section = if request_reaches(op, name) { Section::Request } else { Section::Response };
        push(&mut page, section, None, name, fields_rows(fields, section == Section::Request)?);
    }
    Ok(page)
}

/// Whether the request body's model (or the models of a typed body's elements) reaches `name`.
fn request_reaches(op: &SdkOperation, name: &str) -> bool {
    let Some(body) = op.body.as_ref().and_then(|b| b.ty.as_deref()) else { return false };
    let mut seen: Vec<&str> = models_of(body);
    if seen.contains(&name) {
        return true;
    }
    let mut k = 0;
    while let Some(&model) = seen.get(k) {
        k += 1;
        for f in op.models.get(model).into_iter().flatten() {
            for inner in models_of(f.ty.as_deref().unwrap_or("")) {
                if inner == name {
                    return true;
                }
                if !seen.contains(&inner) && op.models.contains_key(inner) {
                    seen.push(inner);
                }
            }
        }
    }
    false
}

/// The model names a type string mentions.
fn models_of(ty: &str) -> Vec<&str> {
    if let Some(inner) = ty.strip_prefix("list[").and_then(|r| r.strip_suffix(']')) {
        return models_of(inner);
    }
    if let Some(inner) = ty.strip_prefix("dict(str,").and_then(|r| r.strip_suffix(')')) {
        return models_of(inner.trim());
    }
    if ty.starts_with(|c: char| c.is_ascii_uppercase()) { vec![ty] } else { Vec::new() }
}

fn fields_rows(fields: &[SdkField], request: bool) -> Result<Vec<Vec<String>>, String> {
    fields
        .iter()
        .map(|f| {
            let ty = phrase(f.ty.as_deref().unwrap_or("object")).map_err(|e| format!("`{}`: {e}", f.name))?;
            let ty = widened(ty, &f.description);
            Ok(if request {
                vec![f.name.clone(), yes_no(f.mandatory.unwrap_or(false)), ty, text(&f.description)]
            } else {
                vec![f.name.clone(), ty, text(&f.description)]
            })
        })
        .collect()
}

/// `Long` for an SDK `int` (unbounded in Python) whose description says it holds a timestamp or
/// milliseconds, which pass the 32 bits of an `Integer` (a millisecond time is 13 digits).
fn widened(ty: String, description: &str) -> String {
    let d = description.to_ascii_lowercase();
    let time = ["毫秒", "时间戳", "millisecond", "timestamp", "unix time"].iter().any(|w| d.contains(w));
    if ty == "Integer" && time { "Long".to_owned() } else { ty }
}

fn yes_no(b: bool) -> String {
    if b { "Yes" } else { "No" }.to_owned()
}

/// The description of a placeholder the SDK fills from the credentials.
fn placeholder(name: &str) -> String {
    match name {
        "project_id" => "Project ID.".to_owned(),
        "domain_id" => "Account (domain) ID.".to_owned(),
        other => format!("`{other}`, filled by the SDK's credentials."),
    }
}

/// The type phrase of an SDK type string: `str` -> `String`, `list[Foo]` -> `Array of Foo
/// objects`, `dict(str, str)` -> `Map<String,String>`.
pub fn phrase(ty: &str) -> Result<String, String> {
    let ty = ty.trim();
    if let Some(inner) = ty.strip_prefix("list[").and_then(|r| r.strip_suffix(']')) {
        let inner = inner.trim();
        let plural = match inner {
            "str" | "datetime" | "date" => "strings".to_owned(),
            "int" => "integers".to_owned(),
            "float" => "numbers".to_owned(),
            "bool" => "booleans".to_owned(),
            "object" => "objects".to_owned(),
            m if is_model(m) => format!("{m} objects"),
            nested => phrase(nested)?,
        };
        return Ok(format!("Array of {plural}"));
    }
    if let Some(inner) = ty.strip_prefix("dict(str,").and_then(|r| r.strip_suffix(')')) {
        return Ok(format!("Map<String,{}>", phrase(inner)?));
    }
    Ok(match ty {
        "str" | "datetime" | "date" => "String".to_owned(),
        "int" => "Integer".to_owned(),
        "float" => "Number".to_owned(),
        "bool" => "Boolean".to_owned(),
        "object" => "Object".to_owned(),
        m if is_model(m) => format!("{m} object"),
        other => return Err(format!("the SDK type `{other}` has no type phrase")),
    })
}

fn is_model(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The operation's description and its `**约束限制**` block, apart.
fn split_constraints(description: &str) -> (Option<String>, Option<String>) {
    let d = description.trim();
    let marker =
        ["**约束限制**：", "**约束限制**:", "**约束限制**"].into_iter().find_map(|m| d.find(m).map(|k| (k, m)));
    let (body, constraints) = match marker {
        Some((k, m)) => (&d[..k], Some(d[k + m.len()..].trim())),
        None => (d, None),
    };
    let some = |s: &str| {
        let t = text(s);
        (!t.is_empty()).then_some(t)
    };
    (some(body), constraints.and_then(some))
}

/// An SDK description as a cell of a page: its `**参数解释**：` ... `**默认取值**：` blocks as
/// headings on paragraphs of their own (the layout the pages print, read by the same rules), an
/// inline list (`- CREATING：创建中 - AVAILABLE：可用`) one item per paragraph, Markdown links
/// as their text.
pub fn text(description: &str) -> String {
    let plain = unlink(description);
    // Block headings on lines of their own; other bold words unbolded.
    let mut lined = String::with_capacity(plain.len());
    let mut rest = plain.as_str();
    while let Some(open) = rest.find("**") {
        let Some(close) = rest[open + 2..].find("**").map(|c| open + 2 + c) else { break };
        let heading = &rest[open + 2..close];
        let after = &rest[close + 2..];
        lined.push_str(&rest[..open]);
        match after.strip_prefix('：').or_else(|| after.strip_prefix(':')) {
            Some(tail) if !heading.trim().is_empty() && heading.chars().count() <= 8 => {
                lined.push('\n');
                lined.push_str(heading.trim());
                lined.push('\n');
                rest = tail;
            }
            _ => {
                lined.push_str(heading);
                rest = after;
            }
        }
    }
    lined.push_str(rest);
    let mut out: Vec<String> = Vec::new();
    for p in lined.lines().map(str::trim).filter(|p| !p.is_empty()) {
        if p.starts_with("- ") {
            out.extend(p.split(" - ").map(|item| format!("- {}", item.trim_start_matches("- ").trim())));
        } else {
            out.push(p.to_owned());
        }
    }
    out.join("\n\n")
}

/// Markdown links as their text: `[获取集群ID](dws_02_00068.xml)` -> `获取集群ID`.
fn unlink(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let link = rest[open..].find("](").and_then(|m| {
            let close = rest[open + m..].find(')')?;
            Some((open + m, open + m + close))
        });
        match link {
            Some((mid, close)) if !rest[open + 1..mid].contains('[') => {
                out.push_str(&rest[..open]);
                out.push_str(&rest[open + 1..mid]);
                rest = &rest[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{phrase, text};

    #[test]
    fn sdk_types_are_the_phrases_pages_print() {
        assert_eq!(super::widened("Integer".to_owned(), "时间戳，单位毫秒。"), "Long");
        assert_eq!(super::widened("Integer".to_owned(), "Number of items."), "Integer");
        assert_eq!(super::widened("String".to_owned(), "Timestamp as text."), "String");
        assert_eq!(phrase("str").as_deref(), Ok("String"));
        assert_eq!(phrase("list[ClusterInfo]").as_deref(), Ok("Array of ClusterInfo objects"));
        assert_eq!(phrase("list[str]").as_deref(), Ok("Array of strings"));
        assert_eq!(phrase("list[list[Tag]]").as_deref(), Ok("Array of Array of Tag objects"));
        assert_eq!(phrase("dict(str, str)").as_deref(), Ok("Map<String,String>"));
        assert_eq!(phrase("dict(str, list[Tag])").as_deref(), Ok("Map<String,Array of Tag objects>"));
        assert!(phrase("complex").is_err());
    }

    #[test]
    fn sdk_descriptions_become_the_blocks_pages_print() {
        let d = "**参数解释**： 集群状态。 **取值范围**： - CREATING：创建中 - AVAILABLE：可用 **默认取值**： 不涉及。";
        assert_eq!(
            text(d),
            "参数解释\n\n集群状态。\n\n取值范围\n\n- CREATING：创建中\n\n- AVAILABLE：可用\n\n默认取值\n\n不涉及。"
        );
        assert_eq!(text("见[获取集群ID](dws_02_00068.xml)。"), "见获取集群ID。");
        assert_eq!(text("a **bold** word"), "a bold word");
    }
}
