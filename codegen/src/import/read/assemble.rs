//! Blocks to page model: follows the page's sections ("URI", "Response Parameters", "Status code:
//! 200", ...) in English or Chinese and files each block where it belongs.

use super::page::{Block, BlockKind, Example, Hint, Page, PageRef, PlacedTable, Section, Status, Table, Uri};

/// The sections of a page that the importer tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Top,
    Function,
    Constraints,
    Uri,
    Request,
    Response,
    ExampleRequest,
    ExampleResponse,
    StatusCodes,
    Sdk,
    Ignored,
}

/// Which section a heading opens, by its words in English or Chinese.
pub(crate) fn part_of(heading: &str) -> Option<Part> {
    let h = heading.trim().trim_matches('*').trim().trim_end_matches([':', '：']).to_lowercase();
    let part = match h.as_str() {
        "function" | "功能介绍" => Part::Function,
        "constraints" | "约束与限制" | "约束限制" | "接口约束" => Part::Constraints,
        "uri" => Part::Uri,
        "request parameters" | "request parameter" | "request" | "requests" | "request message"
        | "request messages" | "请求参数" | "请求消息" | "请求" => Part::Request,
        "response parameters"
        | "response parameter"
        | "response"
        | "responses"
        | "response message"
        | "response messages"
        | "响应参数"
        | "响应消息"
        | "响应" => Part::Response,
        "example request" | "example requests" | "request example" | "request examples" | "请求示例" => {
            Part::ExampleRequest
        }
        "example response" | "example responses" | "response example" | "response examples" | "响应示例" => {
            Part::ExampleResponse
        }
        "status code" | "status codes" | "returned value" | "returned values" | "状态码" | "返回值" | "返回码" => {
            Part::StatusCodes
        }
        "sdk sample code" | "sdk代码示例" => Part::Sdk,
        "call method" | "calling method" | "calling apis" | "error codes" | "调用方法" | "错误码" | "debugging"
        | "调试" => Part::Ignored,
        _ => return None,
    };
    Some(part)
}

/// `Status code: 200`, `状态码： 200`: the status the following tables and examples belong to.
pub fn status_line(text: &str) -> Option<u16> {
    let t = text.trim().trim_matches('*').trim();
    let rest = strip_prefix_ci(t, "status code").or_else(|| t.strip_prefix("状态码"))?;
    let rest = rest.trim_start().strip_prefix([':', '：'])?.trim();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 3 && rest[digits.len()..].trim().is_empty() { digits.parse().ok() } else { None }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// `POST /v1/{project_id}/...`: a method and a path, as the URI section prints them. The path may
/// be printed as a URL (`GET https://{Endpoint}/v3/...`: the host is not part of the path) and may
/// end in a URI template's query part (`GET /v3/endpoints{?interface, service_id}`), which is
/// dropped: the query parameters are the table's.
pub fn uri_line(text: &str) -> Option<(String, String)> {
    let text = plain_uri(text);
    let (method, rest) = text.trim().split_once(char::is_whitespace)?;
    let known = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
    if !known.contains(&method) {
        return None;
    }
    let mut path = rest.trim();
    for scheme in ["https://", "http://"] {
        if let Some(url) = path.strip_prefix(scheme) {
            path = &url[url.find('/')?..];
        }
    }
    if let Some(k) = path.find("{?").or_else(|| path.find("{&")) {
        path = path[..k].trim_end();
    }
    let ok = path.starts_with('/') && !path.contains(char::is_whitespace);
    ok.then(|| (method.to_owned(), path.to_owned()))
}

/// A URI line without the markup pages put in it: emphasis (`{*Endpoint*}`), escapes
/// (`{begin\_time}`), and spaces inside a placeholder (`{begin _time}`).
fn plain_uri(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.trim().chars() {
        match c {
            '*' | '\\' => {}
            '{' => {
                depth += 1;
                out.push(c);
            }
            '}' => {
                depth = depth.saturating_sub(1);
                out.push(c);
            }
            c if c.is_whitespace() && depth > 0 => {}
            c => out.push(c),
        }
    }
    out
}

/// The value after a label (`PATH：/v3/...`, `Method: GET`), the label matched without case.
fn labelled<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let rest = strip_prefix_ci(text.trim(), label)?;
    let value = rest.trim_start().strip_prefix([':', '：'])?.trim();
    (!value.is_empty() && !value.contains('\n')).then_some(value)
}

/// Whether a header row is the status code table's.
fn is_status_table(t: &Table) -> bool {
    let first = t.header.first().map(|h| h.trim().to_lowercase()).unwrap_or_default();
    let status = super::vocab::column(&first) == Some(super::vocab::Column::Status);
    (status || first == "http status code") && t.header.len() >= 2
}

/// A "Normal response example" or "Abnormal response example" item of a response section: the
/// code blocks under it are examples of the success response or of an error response.
#[derive(Debug, Clone, Copy)]
struct ExampleItem {
    /// An abnormal (error) response example.
    error: bool,
    /// The status the item names, in its words or in a "Status code: N" line under it.
    status: Option<u16>,
}

/// The example item a paragraph (lower case) opens: "- Normal response example", "- Abnormal
/// response example (status code 400)", "正常响应示例", "- Example response".
fn example_item(lower: &str) -> Option<ExampleItem> {
    let t = lower.trim_start_matches("- ").trim();
    // IAM's pages list "- Example response" under Response: the success response's example.
    let normal = ["normal response example", "正常响应示例", "正常响应样例", "example response", "response example"];
    let error = ["abnormal response example", "error response example", "异常响应示例", "异常响应样例"];
    let error = if error.iter().any(|w| t.starts_with(w)) {
        true
    } else if normal.iter().any(|w| t.starts_with(w)) {
        false
    } else {
        return None;
    };
    let status = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 3)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|c| (100..600).contains(c));
    Some(ExampleItem { error, status })
}

/// Builds the page model from a reader's blocks.
pub fn assemble(blocks: Vec<Block>) -> Page {
    let mut page = Page::default();
    let mut part = Part::Top;
    let mut status: Option<u16> = None;
    let mut caption: Option<String> = None;
    let mut pending_url: Option<(usize, String)> = None;
    // Under "Abnormal response" of the response section: what follows is about errors.
    let mut abnormal = false;
    // Under a "Normal/Abnormal response example" item: its code blocks are response examples.
    let mut item: Option<ExampleItem> = None;
    // After a "- Normal" item of a status code section printed as a list: its status follows.
    let mut normal = false;
    for block in blocks {
        match block.kind {
            BlockKind::Heading(text) => {
                flush_url(&mut page, &mut pending_url, &mut caption);
                match part_of(&text) {
                    Some(p) => {
                        page.api_sections |= matches!(p, Part::Function | Part::Uri | Part::Request | Part::Response);
                        part = p;
                    }
                    None if page.title.is_none() => page.title = Some(text),
                    None => part = Part::Ignored,
                }
                status = None;
                caption = None;
                abnormal = false;
                item = None;
                normal = false;
            }
            BlockKind::Para(text) => {
                let lower = text.trim_start_matches("- ").trim().to_lowercase();
                if part == Part::Response {
                    if ["abnormal response", "error response", "异常响应"].iter().any(|w| lower.starts_with(w)) {
                        abnormal = true;
                    } else if ["normal response", "正常响应"].iter().any(|w| lower.starts_with(w)) {
                        abnormal = false;
                    }
                }
                if matches!(part, Part::Response | Part::ExampleResponse) {
                    if let Some(opened) = example_item(&lower) {
                        item = Some(opened);
                        continue;
                    } else if text.starts_with("- ") {
                        item = None;
                    }
                }
                if part == Part::StatusCodes
                    && let Some((code, description)) = listed_status(&text, &mut normal)
                {
                    page.normal_status.get_or_insert(Status { line: block.line, code, description });
                    continue;
                }
                if let Some(date) = text.strip_prefix("Updated on ").or_else(|| text.strip_prefix("更新时间")) {
                    page.updated = Some(date.trim_start_matches([':', '：']).trim().to_owned());
                } else if let Some(s) = status_line(&text) {
                    status = Some(s);
                    if let Some(i) = item.as_mut().filter(|i| i.status.is_none()) {
                        i.status = Some(s);
                    }
                    caption = None;
                } else if part == Part::Response && !abnormal && sends_elsewhere(&lower) {
                    page.response_refs.push(PageRef { line: block.line, words: text, target: None });
                } else {
                    para(&mut page, part, block.line, text, &mut caption, &mut pending_url);
                }
            }
            BlockKind::Code(text) => {
                sdk_hints(&text, &mut page);
                match item {
                    Some(i) if matches!(part, Part::Response | Part::ExampleResponse) => {
                        response_example(&mut page, block.line, &text, i, status);
                    }
                    _ => code(&mut page, part, block.line, &text, status, &mut caption, &mut pending_url),
                }
            }
            BlockKind::Link(link) => {
                // The page a "See ..." sentence of the response section links to.
                if part == Part::Response
                    && !link.contains("api=")
                    && let Some(r) =
                        page.response_refs.last_mut().filter(|r| r.line == block.line && r.target.is_none())
                {
                    r.target = Some(link.clone());
                }
                api_explorer_hint(&mut page, &link);
            }
            BlockKind::Origin(name) => file_name_hint(&mut page, &name),
            BlockKind::CutShort(what) => page.cut_short.push((block.line, what)),
            BlockKind::Table(table) if is_status_table(&table) => {
                for row in &table.rows {
                    let code = row.cells.first().and_then(|c| status_cell(c));
                    if let Some(code) = code.filter(|c| (100..600).contains(c)) {
                        let description = row.cells.get(1).cloned().unwrap_or_default();
                        page.statuses.push(Status { line: row.line, code, description });
                    }
                }
            }
            BlockKind::Table(table) => {
                let section = match part {
                    Part::Uri => Section::Uri,
                    Part::Request => Section::Request,
                    Part::Response => Section::Response,
                    _ => Section::Other,
                };
                let status = if section == Section::Response { status } else { None };
                page.tables.push(PlacedTable { table, section, status });
            }
        }
    }
    flush_url(&mut page, &mut pending_url, &mut caption);
    // A `PATH：` line whose `Method：` never came is no URI.
    page.uris.retain(|u| !u.method.is_empty());
    page
}

/// The status of a status code table's row: `400`, or `400 Bad Request` as returned values
/// tables print it.
fn status_cell(cell: &str) -> Option<u16> {
    let c = cell.trim();
    let digits: String = c.chars().take_while(char::is_ascii_digit).collect();
    let rest = &c[digits.len()..];
    let named = rest.is_empty() || rest.starts_with(' ');
    if digits.len() == 3 && named { digits.parse().ok() } else { None }
}

/// The success status of a status code section printed as a list, not a table: "- Normal" and
/// then "202" (or "Normal 202" in one paragraph), with its description ("Normal" when the page
/// gives none). `normal` carries the bare "- Normal" item to the paragraph after it.
fn listed_status(text: &str, normal: &mut bool) -> Option<(u16, String)> {
    let t = text.trim_start_matches("- ").trim();
    // ASCII lower case keeps byte offsets, so the rest is cut from the paragraph as printed.
    let lower = t.to_ascii_lowercase();
    let (rest, label) = match ["normal", "正常"].iter().find_map(|w| lower.strip_prefix(w)) {
        Some(rest) => (&t[t.len() - rest.len()..], t[..t.len() - rest.len()].to_owned()),
        None if std::mem::take(normal) => (t, "Normal".to_owned()),
        None => return None,
    };
    let rest = rest.trim_start_matches([':', '：', ' ']);
    if rest.is_empty() {
        *normal = true;
        return None;
    }
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let code = digits.parse::<u16>().ok().filter(|c| digits.len() == 3 && (200..300).contains(c))?;
    let after = rest[digits.len()..].trim_start_matches([':', '：', ' ']).trim();
    Some((code, if after.is_empty() { label } else { after.to_owned() }))
}

fn para(
    page: &mut Page,
    part: Part,
    line: usize,
    text: String,
    caption: &mut Option<String>,
    pending_url: &mut Option<(usize, String)>,
) {
    match part {
        Part::Function => page.description.push(text),
        Part::Constraints => page.constraints.push(text),
        Part::Uri => {
            if let Some((method, path)) = uri_line(&text) {
                page.uris.push(Uri { line, method, path });
            } else if let Some(path) = labelled(&text, "path").and_then(|p| uri_line(&format!("GET {p}"))) {
                // `PATH：/v3/...` then `Method：GET`, as two lines: the method comes second.
                page.uris.push(Uri { line, method: String::new(), path: path.1 });
            } else if let Some(method) = labelled(&text, "method") {
                let method = method.to_uppercase();
                if let Some(uri) = page.uris.last_mut().filter(|u| u.method.is_empty()) {
                    uri.method = method;
                }
            }
        }
        Part::ExampleRequest if is_request_line(&text) => {
            flush_url(page, pending_url, caption);
            *pending_url = Some((line, text));
        }
        Part::ExampleRequest | Part::ExampleResponse => {
            flush_url(page, pending_url, caption);
            *caption = Some(text.trim_start_matches("- ").trim().to_owned());
        }
        Part::Top if page.title.is_none() => page.title = Some(text),
        _ => {}
    }
}

/// "See Responses (Task).", "For details, see ...", "详见...": a sentence (lower case) that sends
/// the reader to another page for the response; not one about error responses or status codes
/// ("For details about abnormal responses, see ...", "For details, see Status Codes").
fn sends_elsewhere(lower: &str) -> bool {
    let t = lower.trim_start_matches("- ").trim();
    let sends =
        t.starts_with("see ") || t.contains("for details, see") || t.starts_with("请参见") || t.starts_with("详见");
    let about_errors = ["abnormal", "error", "status code", "异常", "错误", "状态码"].iter().any(|w| t.contains(w));
    sends && !about_errors
}

/// A request line or URL as the example sections print them.
fn is_request_line(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    let rest = text.split_whitespace().nth(1).unwrap_or("");
    let method = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"].contains(&first);
    first.starts_with("http://")
        || first.starts_with("https://")
        || (method && (rest.starts_with("http") || rest.starts_with('/')))
}

fn code(
    page: &mut Page,
    part: Part,
    line: usize,
    text: &str,
    status: Option<u16>,
    caption: &mut Option<String>,
    pending_url: &mut Option<(usize, String)>,
) {
    match part {
        Part::Uri => {
            for l in text.lines() {
                if let Some((method, path)) = uri_line(l) {
                    page.uris.push(Uri { line, method, path });
                }
            }
        }
        Part::ExampleRequest => {
            let (url, json) = split_example(text);
            let url = url.or_else(|| pending_url.take().map(|(_, u)| u));
            if url.is_some() || json.is_some() {
                pending_url.take();
                let caption = caption.take();
                page.example_requests.push(Example { line, caption, status: None, url, json, error: false });
            }
        }
        Part::ExampleResponse => {
            let (_, json) = split_example(text);
            if let Some(json) = json {
                let caption = caption.take();
                let example = Example { line, caption, status, url: None, json: Some(json), error: false };
                page.example_responses.push(example);
            }
        }
        _ => {}
    }
}

/// An example request whose URL had no body after it.
fn flush_url(page: &mut Page, pending_url: &mut Option<(usize, String)>, caption: &mut Option<String>) {
    if let Some((line, url)) = pending_url.take() {
        let caption = caption.take();
        page.example_requests.push(Example { line, caption, status: None, url: Some(url), json: None, error: false });
    }
}

/// A code block under a response example item: an example of the success response (the status the
/// item or the section names, if a success status) or of the error status the item names.
fn response_example(page: &mut Page, line: usize, text: &str, item: ExampleItem, status: Option<u16>) {
    let (_, Some(json)) = split_example(text) else { return };
    let status = if item.error { item.status } else { item.status.or(status.filter(|s| (200..300).contains(s))) };
    let example = Example { line, caption: None, status, url: None, json: Some(json), error: item.error };
    page.example_responses.push(example);
}

/// Splits an example block into its request line (the lines before the JSON) and its JSON.
pub fn split_example(text: &str) -> (Option<String>, Option<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.trim_start().starts_with(['{', '[']));
    let (head, json) = match start {
        Some(i) => (&lines[..i], Some(lines[i..].join("\n"))),
        None => (&lines[..], None),
    };
    let url: Vec<&str> = head.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    let url = (!url.is_empty()).then(|| url.join(" "));
    let json = json.map(|j| format!("{}\n", j.trim_end())).filter(|j| j.trim() != "");
    (url, json)
}

/// The operation, body and version names in SDK sample code (Java, Python, Go).
pub fn sdk_hints(code: &str, page: &mut Page) {
    for line in code.lines() {
        let l = line.trim();
        // Java: `ExecuteDatabaseOmUserActionRequest request = new ExecuteDatabaseOmUserActionRequest();`
        if let Some(rest) = l.strip_suffix("Request();")
            && let Some(name) = rest.rsplit(' ').next().filter(|n| is_pascal(n))
        {
            push_hint(&mut page.operation_hints, name, l);
        }
        // Java: `DatabaseOmUserActionReq body = new DatabaseOmUserActionReq();`
        if let Some((ty, rest)) = l.split_once(" body = new ")
            && rest.strip_suffix("();") == Some(ty)
            && is_pascal(ty)
        {
            push_hint(&mut page.body_hints, ty, l);
        }
        if let Some(rest) = l.split("com.huaweicloud.sdk.").nth(1) {
            let mut parts = rest.split('.');
            if let (Some(_service), Some(v)) = (parts.next(), parts.next())
                && crate::spec::is_version_dir(v)
            {
                push_hint(&mut page.version_hints, v, &format!("the SDK sample `{l}`"));
            }
        }
    }
}

/// `api=ListClusterDetails` in an API Explorer link.
fn api_explorer_hint(page: &mut Page, link: &str) {
    if let Some(rest) = link.split("api=").nth(1) {
        let name: String = rest.chars().take_while(char::is_ascii_alphanumeric).collect();
        if is_pascal(&name) {
            push_hint(&mut page.operation_hints, &name, link);
        }
    }
}

/// `ListClusterDetails.html`: a file named after the operation.
pub fn file_name_hint(page: &mut Page, file_name: &str) {
    let stem = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = stem.split('.').next().unwrap_or(stem);
    if is_pascal(stem) && stem.chars().any(|c| c.is_ascii_lowercase()) {
        push_hint(&mut page.operation_hints, stem, file_name);
    }
}

fn push_hint(hints: &mut Vec<Hint>, name: &str, source: &str) {
    if !hints.iter().any(|h| h.name == name) {
        hints.push(Hint { name: name.to_owned(), source: source.to_owned() });
    }
}

/// An identifier in PascalCase: the shape of an SDK operation or model name.
pub fn is_pascal(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_ascii_alphanumeric())
}
