//! Page model to spec file: decides the operation's names, files every table where
//! spec/README.md puts it and writes the YAML, with a `# review:` mark on every inference.

pub mod fields;
pub mod merge;
pub mod mismatch;
pub mod sections;
pub mod skeleton;
pub mod yaml;

use self::mismatch::Rejected;
use self::yaml::Writer;
use crate::import::error::ImportError;
use crate::import::infer::objects;
use crate::import::infer::tables::{self, Drafted, Role};
use crate::import::read::page::{Example, Page};
use crate::naming;

/// The error of a page with no Function, URI, Request or Response section: a guide or scenario page, not an
/// API reference page. The report counts such pages apart.
pub const NOT_AN_API_PAGE: &str = "not an API reference page: it has no Function, URI, Request or Response section \
                                   (a guide or scenario page), so there is no operation to draft";

/// What the caller knows that the page may not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The service directory (`ddm`).
    pub service: String,
    /// The version module (`v1`), when the caller gives it.
    pub version: Option<String>,
    /// The operation name (`ListUsers`), when the caller gives it.
    pub operation: Option<String>,
    /// The version modules the service already has in the spec tree (`v1`), sorted. A page whose
    /// URI prefix names none of them goes into the only one there is (the official SDKs keep a
    /// service's `/v1` and `/v3` operations in one module, DDM's `v1`), with a review mark.
    pub versions: Vec<String>,
    /// The page's licence as its publisher gives it (`Apache-2.0`), drafted as `source.licence`;
    /// when `None` the draft marks the licence for review.
    pub licence: Option<String>,
    /// How `source.page` names the page (`cloud-corpus/rst/vpc/creating_a_vpc.rst`, a URL), when
    /// not as the file the importer reads.
    pub page: Option<String>,
}

/// A drafted spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Path below the spec root: `<service>/<version>/<operation>.yaml`.
    pub rel: String,
    /// The operation name.
    pub operation: String,
    /// The version module.
    pub version: String,
    /// The YAML text.
    pub yaml: String,
    /// How many `# review:` marks it has.
    pub reviews: usize,
}

/// A name and, when it was inferred, the words it came from.
type Named = (String, Option<String>);

fn operation_name(page: &Page, options: &Options) -> Option<Named> {
    if let Some(op) = &options.operation {
        return Some((op.clone(), None));
    }
    if let Some(h) = page.operation_hints.first() {
        return Some((h.name.clone(), Some(format!("operation name from `{}`", h.source))));
    }
    let title = page.title.as_deref().unwrap_or("");
    // "Querying Instance Tags (a V3 API)": the words in brackets are not the operation's, but an
    // API version they name is ("Restarting an Instance (a V1 API)" and "(a V3 API)" are two).
    let stripped = without_brackets(title);
    let name = naming::pascal(&stripped);
    if naming::is_type_name(&name) && stripped.is_ascii() {
        return Some((name, Some(format!("operation name made from the title \"{title}\""))));
    }
    // A title in another script makes no name: the method and the URI's literal segments do.
    let uri = page.uris.first()?;
    let path = uri.path.split('?').next().unwrap_or("");
    let literal: Vec<&str> =
        path.split('/').filter(|s| !s.is_empty() && !s.starts_with('{') && !s.starts_with('v')).collect();
    let name = naming::pascal(&format!("{} {}", uri.method.to_lowercase(), literal.join(" ")));
    naming::is_type_name(&name).then(|| (name, Some(format!("operation name made from `{} {}`", uri.method, uri.path))))
}

/// `text` without its bracketed words, except API versions: `Querying Tags (a V3 API)` ->
/// `Querying Tags  V3`, `Listing Tags (Recommended)` -> `Listing Tags `.
fn without_brackets(text: &str) -> String {
    let mut depth = 0usize;
    let (mut out, mut inside) = (String::new(), String::new());
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    for word in inside.split(|c: char| !c.is_ascii_alphanumeric() && c != '.') {
                        let version = word.strip_prefix(['v', 'V']).is_some_and(|n| {
                            n.starts_with(|c: char| c.is_ascii_digit())
                                && n.chars().all(|c| c.is_ascii_digit() || c == '.')
                        });
                        if version {
                            out.push(' ');
                            out.push_str(&word.replace('.', " "));
                        }
                    }
                    inside.clear();
                }
            }
            c if depth == 0 => out.push(c),
            c => inside.push(c),
        }
    }
    out
}

fn version(page: &Page, options: &Options, path: &str) -> Option<Named> {
    if let Some(v) = &options.version {
        return Some((v.clone(), None));
    }
    if let Some(h) = page.version_hints.first() {
        return Some((h.name.clone(), Some(format!("version from {}", h.source))));
    }
    let (first, from_uri) = uri_version(path);
    match (&from_uri, options.versions.as_slice()) {
        (Some(v), existing) if existing.is_empty() || existing.contains(v) => {
            Some((v.clone(), Some(format!("version from the URI prefix `/{first}`"))))
        }
        (_, [only]) => {
            let uri = match &from_uri {
                Some(v) => format!("the URI prefix `/{first}` would make `{v}`"),
                None => "the URI has no version prefix".to_owned(),
            };
            Some((
                only.clone(),
                Some(format!("version module `{only}`, the only one the service has in the spec tree ({uri})")),
            ))
        }
        (Some(v), existing) => Some((
            v.clone(),
            Some(format!(
                "version from the URI prefix `/{first}`, a new module beside {}",
                existing.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
            )),
        )),
        (None, existing) => Some(version_elsewhere(page, existing)),
    }
}

/// The version of a page whose URI has none (`GET /`, `/{api_version}`, `/versions`): the one its
/// example request's URL shows, else the service's first module, else `v1`; always marked.
fn version_elsewhere(page: &Page, existing: &[String]) -> (String, Option<String>) {
    let shown = page.example_requests.iter().filter_map(|e| e.url.as_deref()).find_map(|url| {
        let path = url.split_whitespace().find(|w| w.starts_with('/') || w.starts_with("http"))?;
        let path = path.find("://").map_or(path, |k| path[k + 3..].find('/').map_or("", |j| &path[k + 3 + j..]));
        uri_version(path).1
    });
    match (shown, existing.first()) {
        (Some(v), _) => {
            let why = format!("the URI has no version prefix; version `{v}` from the example request's URL");
            (v, Some(why))
        }
        (None, Some(first)) => {
            let why = format!("the URI has no version prefix; drafted in `{first}`, the service's first module");
            (first.clone(), Some(why))
        }
        (None, None) => {
            let why = "the URI has no version prefix (a version-discovery API?) and the service has no module \
                       yet: drafted in `v1`; pass --version to choose";
            ("v1".to_owned(), Some(why.to_owned()))
        }
    }
}

/// The version a URI names: its first segment that is `v<number>` (`/v2/...`), else the first of
/// the first three segments that is one, in any case and with a minor number (`/api/v3/...` of
/// CCE, `/V1.0/...` of CES, `/v2.1/...` of Nova), as `v<major>`; with the segment as printed.
fn uri_version(path: &str) -> (&str, Option<String>) {
    let major = |segment: &str| -> Option<String> {
        let rest = segment.strip_prefix(['v', 'V'])?;
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let tail = &rest[digits.len()..];
        let minor = tail.is_empty() || tail.strip_prefix('.').is_some_and(|m| m.chars().all(|c| c.is_ascii_digit()));
        (!digits.is_empty() && minor).then(|| format!("v{digits}"))
    };
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let first = segments.first().copied().unwrap_or("");
    let strict = first.strip_prefix('v').is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()));
    if strict {
        let digits: String = first[1..].chars().take_while(char::is_ascii_digit).collect();
        return (first, Some(format!("v{digits}")));
    }
    match segments.iter().take(3).find_map(|s| major(s).map(|v| (*s, v))) {
        Some((segment, v)) => (segment, Some(v)),
        None => (first, None),
    }
}

/// Drafts the spec file of one page, or returns every problem that prevents it.
pub fn draft(file: &str, page: &Page, options: &Options) -> Result<Draft, Vec<ImportError>> {
    let mut errors = Vec::new();
    let at = |line: usize, message: &str| ImportError {
        file: file.to_owned(),
        line,
        table: None,
        message: message.to_owned(),
    };
    if !page.cut_short.is_empty() {
        let cut = |(line, what): &(usize, String)| {
            at(
                *line,
                &format!(
                    "the page seems cut short here: {what}; what followed is lost, so nothing is drafted (import the whole page)"
                ),
            )
        };
        return Err(page.cut_short.iter().map(cut).collect());
    }
    let Some(uri) = page.uris.first() else {
        if !page.api_sections {
            return Err(vec![at(1, NOT_AN_API_PAGE)]);
        }
        return Err(vec![at(1, "no URI: the page has no `METHOD /path` line in a URI section")]);
    };
    let title = page.title.clone().unwrap_or_default();
    if title.trim().is_empty() {
        errors.push(at(1, "no title: the page has no heading"));
    }
    let op = operation_name(page, options);
    if op.as_ref().is_none_or(|(n, _)| !naming::is_type_name(n)) {
        errors.push(at(1, "no operation name: the page gives none and its title makes none; pass --operation"));
    }
    let path = uri.path.split('?').next().unwrap_or(&uri.path).to_owned();
    let ver = version(page, options, &path);
    let mut drafted = tables::draft_tables(file, page, &mut errors);
    get_has_no_body(&uri.method, &mut drafted);
    if let Some((name, _)) = &op {
        objects::separate_copies(name, &mut drafted);
    }
    response_elsewhere(file, page, &drafted, &mut errors);
    let (Some((op, op_review)), Some((ver, ver_review)), true) = (op, ver, errors.is_empty()) else {
        return Err(errors);
    };
    let head = Head {
        file: options.page.as_deref().unwrap_or(file),
        licence: options.licence.as_deref(),
        op: &op,
        op_review,
        ver_review,
        method: &uri.method,
        path: &path,
        title: &title,
    };
    let write = |rejected: &Rejected| {
        let mut w = Writer::default();
        write_page(&mut w, page, &head, &drafted, rejected);
        w
    };
    let rel = format!("{}/{ver}/{}.yaml", options.service, naming::spec_file(&op));
    // The examples that contradict their tables are kept as printed, marked `mismatch`. Examples
    // that are not JSON stop the lowering before the others are checked: hence a second round.
    let mut rejected = Rejected::new();
    let mut w = write(&rejected);
    for _ in 0..2 {
        let found = mismatch::rejected(&options.service, &rel, &w.out);
        if found.is_empty() {
            break;
        }
        rejected.extend(found);
        w = write(&rejected);
    }
    verify(file, &rel, &w.out)?;
    Ok(Draft { rel, operation: op, version: ver, yaml: w.out, reviews: w.reviews })
}

/// A response section that only sends the reader to another page ("See Responses (Task).") leaves
/// the draft without the body the operation returns: a located error naming that page, rather
/// than a draft that silently has no body.
fn response_elsewhere(file: &str, page: &Page, tables: &[Drafted], errors: &mut Vec<ImportError>) {
    if tables.iter().any(|t| matches!(t.role, Role::ResponseBody(_))) {
        return;
    }
    for r in &page.response_refs {
        let target = r.target.as_deref().map(|t| format!(" ({t})")).unwrap_or_default();
        errors.push(ImportError {
            file: file.to_owned(),
            line: r.line,
            table: None,
            message: format!(
                "the response is documented on another page: \"{}\"{target}; draft its body from that page by hand \
                 (the spec has no reference to another page's table)",
                r.words
            ),
        });
    }
}

/// Drafts one spec file per distinct URI of the page (`/v2/...` and `/v2.1/...` print one
/// operation twice): the first under the operation's name, each other under that name followed by
/// the URI's first segment in PascalCase (`ListServersV21`), marked for review.
pub fn draft_all(file: &str, page: &Page, options: &Options) -> Result<Vec<Draft>, Vec<ImportError>> {
    let first = draft(file, page, options)?;
    let base = first.operation.clone();
    let mut done: Vec<(String, String)> =
        page.uris.first().map(|u| (u.method.clone(), u.path.clone())).into_iter().collect();
    let mut out = vec![first];
    for uri in page.uris.iter().skip(1) {
        if done.contains(&(uri.method.clone(), uri.path.clone())) {
            continue;
        }
        done.push((uri.method.clone(), uri.path.clone()));
        let segment = uri.path.trim_start_matches('/').split('/').next().unwrap_or_default();
        let mut name = format!("{base}{}", naming::pascal(&segment.replace('.', "")));
        if out.iter().any(|d| d.operation == name) {
            name = format!("{base}Uri{}", done.len());
        }
        let single = Page { uris: vec![uri.clone()], ..page.clone() };
        let mut d = draft(file, &single, &Options { operation: Some(name.clone()), ..options.clone() })?;
        let mark = format!(
            "# review: the page prints {} URIs; this file drafts `{} {}` as {name} ({base} is the first)\n",
            page.uris.len(),
            uri.method,
            uri.path
        );
        d.yaml = match d.yaml.find("\noperation:") {
            Some(at) => format!("{}\n{mark}{}", &d.yaml[..at], &d.yaml[at + 1..]),
            None => format!("{mark}{}", d.yaml),
        };
        d.reviews += 1;
        out.push(d);
    }
    Ok(out)
}

/// The drafted text must be a spec file the loader accepts; anything else is an importer bug,
/// reported instead of written.
fn verify(file: &str, rel: &str, text: &str) -> Result<(), Vec<ImportError>> {
    let source = crate::SourceFile { rel: rel.to_owned(), display: rel.to_owned(), text: text.to_owned() };
    crate::spec::load::parse_operation(&source).map(|_| ()).map_err(|d| {
        vec![ImportError {
            file: file.to_owned(),
            line: 1,
            table: None,
            message: format!("the drafted spec does not load ({d}); this is an importer bug"),
        }]
    })
}

struct Head<'a> {
    file: &'a str,
    licence: Option<&'a str>,
    op: &'a str,
    op_review: Option<String>,
    ver_review: Option<String>,
    method: &'a str,
    path: &'a str,
    title: &'a str,
}

fn write_page(w: &mut Writer, page: &Page, head: &Head<'_>, tables: &[Drafted], rejected: &Rejected) {
    w.comment(0, "Drafted by `cargo xtask import`: check every `# review:` mark, then delete it.");
    if let Some(r) = &head.op_review {
        w.review(0, r);
    }
    w.string(0, "", "operation", head.op);
    w.string(0, "", "title", head.title);
    if let Some(u) = &page.updated {
        w.string(0, "", "updated", u);
    }
    source(w, page, head.file, head.licence);
    let description = page.description.join("\n\n");
    if description.trim().is_empty() {
        w.review(0, "the page has no Function section; the title stands in");
        w.string(0, "", "description", head.title);
    } else {
        w.string(0, "", "description", &description);
    }
    if !page.constraints.is_empty() {
        w.string(0, "", "constraints", &page.constraints.join("\n\n"));
    }
    w.string(0, "", "method", head.method);
    if let Some(r) = &head.ver_review {
        w.review(0, r);
    }
    for other in page.uris.iter().skip(1) {
        w.review(
            0,
            &format!("the page prints another URI, drafted in a file of its own: {} {}", other.method, other.path),
        );
    }
    w.string(0, "", "uri", head.path);
    for t in tables.iter().filter(|t| t.role == Role::LeftOut) {
        let caption = if t.caption.is_empty() { "without caption" } else { t.caption.as_str() };
        let why = t.role_review.as_deref().unwrap_or_default();
        w.review(0, &format!("the table \"{caption}\" (page line {}) is left out: {why}", t.line));
    }
    sections::parameters(w, head.path, tables);
    sections::request_body(w, page, head.op, head.method, tables);
    example_requests(w, &page.example_requests, head, rejected);
    sections::responses(w, page, head.op, tables, rejected);
    sections::objects(w, page, tables);
    sections::pagination(w, tables, page.success_type.as_deref());
}

/// The file's `source`: the official SDK's model a page read from one names, else the page as the
/// importer was given it, with its licence or a mark asking for it.
fn source(w: &mut Writer, page: &Page, file: &str, licence: Option<&str>) {
    w.open(0, "", "source");
    if let Some(sdk) = &page.sdk {
        w.string(2, "", "sdk", sdk);
        return;
    }
    w.string(2, "", "page", file);
    match licence {
        Some(l) => w.string(2, "", "licence", l),
        None => w.review(
            2,
            "the page's licence is not known: add it as `licence:` (Open Telekom Cloud's pages are Apache-2.0)",
        ),
    }
}

fn example_requests(w: &mut Writer, examples: &[Example], head: &Head<'_>, rejected: &Rejected) {
    if examples.is_empty() {
        return;
    }
    w.blank();
    w.open(0, "", "example_requests");
    for (j, e) in examples.iter().enumerate() {
        let mut prefix = "- ";
        if let Some(c) = &e.caption {
            w.string(2, prefix, "description", c);
            prefix = "  ";
        }
        let url = match &e.url {
            Some(u) => u.clone(),
            None => {
                w.review(4, "the example prints no request line; this one is made from the URI");
                format!("{} https://{{endpoint}}{}", head.method, head.path)
            }
        };
        w.string(2, prefix, "url", &url);
        if let Some(json) = &e.json {
            w.string(4, "", "json", json);
            mismatch::write(w, 4, &format!("example_requests[{j}]"), rejected);
        }
    }
}

/// A GET or HEAD request has no body (no operation of the official SDKs sends one): on a page
/// without a query table, a table its captions read as the request body ("Parameter description"
/// in the request section, ELB v2's listings) is its query parameters when no row is an object or
/// a map, which a query cannot carry (a table with one is left as it is read: a response table
/// that the page places in its request section, say).
fn get_has_no_body(method: &str, drafted: &mut [Drafted]) {
    if !matches!(method, "GET" | "HEAD") || drafted.iter().any(|t| t.role == Role::Query) {
        return;
    }
    let scalar = |ty: &str| !["object", "map", "dict"].iter().any(|w| ty.to_lowercase().contains(w));
    let scalars = |t: &Drafted| t.fields.iter().all(|f| scalar(&f.ty));
    for t in drafted.iter_mut().filter(|t| t.role == Role::RequestBody && scalars(t)) {
        t.role = Role::Query;
        t.role_review = Some(format!("a {method} request has no body: \"{}\" read as its query parameters", t.caption));
    }
}
