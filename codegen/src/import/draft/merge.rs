//! A page imported over a spec file drafted from the official SDK's model: the merge.
//!
//! The file keeps what the SDK model established: the operation and body names, every field's
//! name, location, type, mandatory flag and value list, the objects and their names (public Rust
//! names that users may already hold), pagination. The page brings what the SDK lacks: its
//! (English) text for the operation and every field it documents, ranges, lengths and defaults,
//! the status codes with their descriptions and error bodies, and the examples. Every place where
//! the two disagree (a type, a mandatory flag, a value list, a field only one of them has) is a
//! `# review:` mark at the top of the file naming the YAML path; the draft's own marks on the
//! page's inferences follow them.

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::{Mapping, Value};

use super::mismatch;

/// The merged spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The YAML text.
    pub yaml: String,
    /// How many `# review:` marks it has.
    pub reviews: usize,
}

/// Merges `page` (the importer's draft of a documentation page) over `existing` (a spec file whose
/// structure comes from the official SDK's model), for the file `rel`
/// (`<service>/<version>/<operation>.yaml`). An error when either is not a spec file, when the
/// page documents another method or URI, or when the merged file does not lower.
pub fn merge(service: &str, rel: &str, existing: &str, page: &str) -> Result<Merged, String> {
    let e: Mapping = serde_yaml::from_str(existing).map_err(|err| format!("{rel}: not a spec file: {err}"))?;
    let p: Mapping = serde_yaml::from_str(page).map_err(|err| format!("the page's draft: not a spec file: {err}"))?;
    for key in ["method", "uri"] {
        let (a, b) = (text(&e, key).unwrap_or_default(), text(&p, key).unwrap_or_default());
        let same = if key == "uri" { template(&a) == template(&b) } else { a == b };
        if !same {
            return Err(format!(
                "the page documents {key} `{b}`, the file `{a}`: not the same operation (import it as its own file)"
            ));
        }
    }
    let mut m = Merge {
        marks: Vec::new(),
        differences: Vec::new(),
        confirmed: BTreeSet::new(),
        e_objects: objects(&e),
        p_objects: objects(&p),
        pairs: Vec::new(),
    };
    let (a, b) = (text(&e, "uri").unwrap_or_default(), text(&p, "uri").unwrap_or_default());
    if a != b {
        m.differ(format!("uri: the page prints `{b}`; the SDK model's `{a}` is kept, with its path parameter names"));
    }
    let mut out = e.clone();
    for key in ["title", "updated", "description", "constraints"] {
        if let Some(v) = p.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    out.insert("source".into(), m.source(&e, &p));
    for key in ["path_parameters", "query_parameters", "header_parameters"] {
        let merged = m.table(key, seq(&e, key), seq(&p, key));
        if !merged.is_empty() {
            out.insert(key.into(), Value::Sequence(merged));
        }
    }
    m.request_body(&mut out, &p);
    match p.get("example_requests") {
        Some(x) => out.insert("example_requests".into(), x.clone()),
        None => out.remove("example_requests"),
    };
    let extra_objects = m.responses(&mut out, &p);
    m.nested_objects(&mut out, extra_objects);
    if let (None, Some(pg)) = (out.get("pagination"), p.get("pagination")) {
        m.mark("pagination: taken from the page's draft (the SDK model's file declared none)".to_owned());
        out.insert("pagination".into(), pg.clone());
    }
    let order = [
        "operation",
        "title",
        "updated",
        "source",
        "description",
        "constraints",
        "method",
        "uri",
        "path_parameters",
        "query_parameters",
        "header_parameters",
        "request_body",
        "example_requests",
        "responses",
        "objects",
        "pagination",
        "project_discovery",
    ];
    let mut ordered = Mapping::new();
    for key in order {
        if let Some(v) = out.remove(key) {
            ordered.insert(key.into(), v);
        }
    }
    ordered.extend(out);
    let mut out = ordered;
    // The page draft's `mismatch` notes judged the page's examples against the page's tables; the
    // examples are judged again against the merged ones, and those that contradict the SDK's
    // types are kept, marked `mismatch`.
    strip_mismatch(&mut out);
    // Examples that are not JSON stop the lowering before the others are checked: rounds until
    // the lowering rejects no more.
    for _ in 0..3 {
        let rejected = mismatch::rejected(service, rel, &serde_yaml::to_string(&out).map_err(|e| e.to_string())?);
        let mut marked = false;
        for (path, findings) in &rejected {
            if let Some(example) = at_path(&mut out, path).filter(|e| e.get("mismatch").is_none()) {
                let why = findings.join("; ");
                m.differ(format!(
                    "{path}: the page's example contradicts the SDK's types ({why}); kept with `mismatch`"
                ));
                example.insert(
                    "mismatch".into(),
                    format!("the page's example contradicts the SDK model's types: {why}").into(),
                );
                marked = true;
            }
        }
        if !marked {
            break;
        }
    }
    let body = serde_yaml::to_string(&out).map_err(|e| e.to_string())?;
    // The file's own marks (an SDK draft not yet reviewed), then the page draft's on what the
    // merge took from the page (ranges, lengths, defaults, statuses, a made-up example request,
    // a secret, pagination): its marks on names, types, locations, value lists and the operation
    // judged what the SDK model decides, and its example checks are made again above. Each
    // names the YAML path it was written at, since the merged file no longer has it there (a
    // page object by the name of the SDK model's object it was paired with).
    let unconfirmed = |l: &Located, pairs: &[(String, String, String)]| {
        let (table, field) = l.table_and_field(pairs);
        !m.confirmed.contains(&(table, field, l.key.clone()))
    };
    let file_marks: Vec<String> =
        located_marks(existing).iter().filter(|l| unconfirmed(l, &[])).map(|l| l.shown(&[])).collect();
    let page_marks: Vec<String> = located_marks(page)
        .iter()
        .filter(|l| unconfirmed(l, &m.pairs))
        .filter(|l| PAGE_KEYS.contains(&l.key.as_str()) && !l.words.starts_with("the check found:"))
        .map(|l| l.shown(&m.pairs))
        .collect();
    let mut yaml = String::from(
        "# Merged by `cargo xtask import`: the page's text, ranges, statuses and examples over the official SDK's\n\
         # model, whose names, types, mandatory flags and objects are kept. Check every `# review:` mark, then\n\
         # delete it.\n",
    );
    for difference in &m.differences {
        yaml.push_str(&format!("# The page and the SDK differ: {difference}\n"));
    }
    for mark in &m.marks {
        yaml.push_str(&format!("# review: {mark}\n"));
    }
    for mark in &file_marks {
        yaml.push_str(&format!("# review: the SDK model's file: {mark}\n"));
    }
    for mark in &page_marks {
        yaml.push_str(&format!("# review: the page's draft: {mark}\n"));
    }
    yaml.push_str(&body);
    verify(service, rel, &yaml)?;
    Ok(Merged { yaml, reviews: m.marks.len() + file_marks.len() + page_marks.len() })
}

struct Merge {
    marks: Vec<String>,
    differences: Vec<String>,
    /// `(table, field, key)` of the ranges, lengths and defaults on which the page and the SDK
    /// model agree ([`table_of`]'s table): two sources read alike, so neither one's inference
    /// needs a person's check.
    confirmed: BTreeSet<(String, String, String)>,
    e_objects: Mapping,
    p_objects: Mapping,
    /// Object tables of the file and of the page found to describe the same thing (the types of
    /// one field), with the path that paired them: merged after the tables that refer to them.
    pairs: Vec<(String, String, String)>,
}

impl Merge {
    /// Something a person must check or supply.
    fn mark(&mut self, m: String) {
        self.marks.push(m);
    }

    /// A disagreement the rule settled (the SDK model's structure, the page's text): said in a
    /// comment, not a review mark.
    fn differ(&mut self, m: String) {
        self.differences.push(m);
    }

    fn source(&mut self, e: &Mapping, p: &Mapping) -> Value {
        let mut s = Mapping::new();
        let ps = p.get("source").and_then(Value::as_mapping);
        for key in ["page", "licence"] {
            if let Some(v) = ps.and_then(|m| m.get(key)) {
                s.insert(key.into(), v.clone());
            }
        }
        if s.get("licence").is_none() {
            self.mark("source: the page's licence is not known: add it as `licence:`".to_owned());
        }
        let es = e.get("source").and_then(Value::as_mapping);
        match es.and_then(|m| m.get("sdk")) {
            Some(sdk) => {
                s.insert("sdk".into(), sdk.clone());
            }
            None => self.mark(
                "source: the file named no official SDK model (`source.sdk`); its structure is kept as the SDK's"
                    .to_owned(),
            ),
        }
        Value::Mapping(s)
    }

    /// The file's rows with the page's text; marks for every disagreement.
    fn table(&mut self, path: &str, e: &[Value], p: &[Value]) -> Vec<Value> {
        let mut out = Vec::new();
        for ef in e {
            let Some(ef_map) = ef.as_mapping() else {
                out.push(ef.clone());
                continue;
            };
            let name = text(ef_map, "name").unwrap_or_default();
            let at = format!("{path}.{name}");
            let Some(pf) = p.iter().filter_map(Value::as_mapping).find(|f| text(f, "name") == Some(name.clone()))
            else {
                self.differ(format!("{at}: not on the page; kept from the SDK model, with its text"));
                out.push(ef.clone());
                continue;
            };
            out.push(Value::Mapping(self.field(&at, ef_map, pf)));
        }
        let names: BTreeSet<String> = e.iter().filter_map(Value::as_mapping).filter_map(|f| text(f, "name")).collect();
        for pf in p.iter().filter_map(Value::as_mapping) {
            let name = text(pf, "name").unwrap_or_default();
            // A header the runtime sends itself (the token, the content type), which the SDK's
            // models leave out as well.
            if !names.contains(&name) && pf.get("supplied_by").is_none() {
                let ty = text(pf, "type").unwrap_or_default();
                self.differ(format!(
                    "{path}.{name}: the page documents it ({ty}), the SDK model does not: left out (add it by hand if \
                     the service takes it)"
                ));
            }
        }
        out
    }

    fn field(&mut self, at: &str, e: &Mapping, p: &Mapping) -> Mapping {
        let mut f = e.clone();
        if let Some(d) = p.get("description") {
            f.insert("description".into(), d.clone());
        }
        let (et, pt) = (text(e, "type").unwrap_or_default(), text(p, "type").unwrap_or_default());
        let same_shape = shape(&et) == shape(&pt);
        for key in ["range", "length", "default"] {
            match (e.get(key), p.get(key)) {
                (_, Some(b)) if !same_shape => {
                    self.differ(format!("{at}: the page's {key} {} is for its type `{pt}`: not taken", flow(b)));
                }
                (_, Some(b)) if key == "range" && !fits(&et, b) => {
                    self.differ(format!(
                        "{at}: the page's range {} does not fit the SDK model's `{et}`: not taken",
                        flow(b)
                    ));
                }
                // The spec follows the SDK where the two disagree (issue 25), and says so.
                (Some(a), Some(b)) if !same_bounds(key, a, b) => {
                    self.differ(format!(
                        "{at}: {key} {} on the page, {} in the SDK model: the SDK's kept",
                        flow(b),
                        flow(a)
                    ));
                }
                (None, Some(b)) => {
                    f.insert(key.into(), b.clone());
                }
                (Some(_), Some(_)) => {
                    // `at` is `<table>.<name>`; a name may hold dots itself (`dim.0`).
                    let name = text(e, "name").unwrap_or_default();
                    let table = at.strip_suffix(&format!(".{name}")).unwrap_or(at);
                    self.confirmed.insert((table_of(table), name, key.to_owned()));
                }
                _ => {}
            }
        }
        // A default the range now excludes (one from the page, the other from the SDK) is left out.
        if let (Some(d), Some(r)) =
            (f.get("default").and_then(Value::as_f64), f.get("range").and_then(Value::as_sequence))
        {
            let below = r.first().and_then(Value::as_f64).is_some_and(|min| d < min);
            let above = r.get(1).and_then(Value::as_f64).is_some_and(|max| d > max);
            if below || above {
                self.differ(format!(
                    "{at}: the default {d} is outside the range {}: left out",
                    flow(&Value::Sequence(r.clone()))
                ));
                f.remove("default");
            }
        }
        if p.get("sensitive") == Some(&Value::Bool(true)) && text(e, "type").as_deref() == Some("String") {
            f.insert("sensitive".into(), true.into());
        }
        let (e_named, p_named) = (named(&et, &self.e_objects), named(&pt, &self.p_objects));
        if !same_shape {
            self.differ(format!("{at}: the page types it `{pt}`; the SDK model's `{et}` is kept"));
        }
        if let (Some(eo), Some(po)) = (e_named, p_named) {
            self.pairs.push((eo, po, at.to_owned()));
        }
        match (e.get("mandatory").and_then(Value::as_bool), p.get("mandatory").and_then(Value::as_bool)) {
            (Some(a), Some(b)) if a != b => {
                self.differ(format!("{at}: mandatory {b} on the page, {a} in the SDK model: the SDK's kept"));
            }
            _ => {}
        }
        self.values(at, &mut f, p);
        f
    }

    /// The SDK's value list with the page's descriptions of the same values.
    fn values(&mut self, at: &str, f: &mut Mapping, p: &Mapping) {
        let pv: Vec<(String, Option<Value>)> = value_list(p.get("values"));
        let Some(ev) = f.get_mut("values").and_then(Value::as_sequence_mut) else {
            if !pv.is_empty() {
                let listed = pv.iter().map(|(v, _)| v.as_str()).collect::<Vec<_>>().join(", ");
                self.differ(format!(
                    "{at}: the page lists the values {listed}; the SDK model's plain type is kept (its description \
                     keeps the list)"
                ));
            }
            return;
        };
        let mut e_values = Vec::new();
        for item in ev.iter_mut() {
            let value = match &*item {
                Value::Mapping(m) => m.get("value").map(scalar).unwrap_or_default(),
                other => scalar(other),
            };
            if let Some((_, Some(d))) = pv.iter().find(|(v, _)| *v == value) {
                let mut m = match &*item {
                    Value::Mapping(m) => m.clone(),
                    other => Mapping::from_iter([("value".into(), other.clone())]),
                };
                m.insert("description".into(), d.clone());
                *item = Value::Mapping(m);
            }
            e_values.push(value);
        }
        let p_values: BTreeSet<&String> = pv.iter().map(|(v, _)| v).collect();
        if !pv.is_empty() && p_values != e_values.iter().collect::<BTreeSet<_>>() {
            let listed = pv.iter().map(|(v, _)| v.as_str()).collect::<Vec<_>>().join(", ");
            self.differ(format!(
                "{at}: the page lists the values {listed}; the SDK model's {} are kept",
                e_values.join(", ")
            ));
        }
    }

    fn request_body(&mut self, out: &mut Mapping, p: &Mapping) {
        let pb = p.get("request_body").and_then(Value::as_mapping);
        let Some(eb) = out.get("request_body").and_then(Value::as_mapping).cloned() else {
            if pb.is_some() {
                self.differ("request_body: the page documents a request body, the SDK model none: left out".to_owned());
            }
            return;
        };
        let Some(pb) = pb else {
            self.differ("request_body: not on the page; kept from the SDK model".to_owned());
            return;
        };
        let mut b = eb.clone();
        if let Some(d) = pb.get("description") {
            b.insert("description".into(), d.clone());
        }
        if eb.contains_key("type") {
            // The SDK types the whole body (not a JSON object): its type stands, the page's
            // element rows are its objects' (merged as objects).
            self.differ(
                "request_body: the SDK model types the whole body; the page's body table is not kept".to_owned(),
            );
            out.insert("request_body".into(), Value::Mapping(b));
            return;
        }
        let merged = self.table("request_body.body", seq(&eb, "body"), seq(pb, "body"));
        b.insert("body".into(), Value::Sequence(merged));
        out.insert("request_body".into(), Value::Mapping(b));
    }

    /// The page's statuses, the first success one with the SDK model's body. Returns the page's
    /// objects that its error bodies need.
    fn responses(&mut self, out: &mut Mapping, p: &Mapping) -> Vec<String> {
        let e_responses = seq(out, "responses").to_vec();
        let p_responses = seq(p, "responses").to_vec();
        let ok = |r: &&Value| r.get("status").and_then(Value::as_u64).is_some_and(|s| (200..300).contains(&s));
        let Some(e_ok) = e_responses.iter().find(ok).and_then(Value::as_mapping).cloned() else {
            return Vec::new();
        };
        let mut merged = Vec::new();
        if !p_responses.iter().any(|r| ok(&r)) {
            self.differ("responses: the page gives no success status; the SDK model's is kept".to_owned());
            merged.push(Value::Mapping(e_ok.clone()));
        }
        let mut extra = Vec::new();
        let mut first = true;
        let mut seen = BTreeSet::new();
        for r in p_responses.iter().filter_map(Value::as_mapping) {
            let status = r.get("status").and_then(Value::as_u64).unwrap_or_default();
            if !seen.insert(status) {
                self.differ(format!("responses: the page lists status {status} more than once; the first is kept"));
                continue;
            }
            if (200..300).contains(&status) && first {
                first = false;
                let mut s = e_ok.clone();
                s.insert("status".into(), status.into());
                if let Some(d) = r.get("description") {
                    s.insert("description".into(), d.clone());
                }
                match r.get("examples") {
                    Some(x) => s.insert("examples".into(), x.clone()),
                    None => s.remove("examples"),
                };
                let at = format!("responses[{}]", merged.len());
                match (e_ok.get("body"), r.get("body")) {
                    (Some(eb), Some(pb)) => {
                        let body = self.table(
                            &format!("{at}.body"),
                            eb.as_sequence().map_or(&[], Vec::as_slice),
                            pb.as_sequence().map_or(&[], Vec::as_slice),
                        );
                        s.insert("body".into(), Value::Sequence(body));
                    }
                    (None, Some(_)) if e_ok.get("type").is_none() => {
                        self.differ(format!("{at}: the page documents a body the SDK model has not: left out"));
                    }
                    (None, Some(_)) => self.differ(format!(
                        "{at}: the page tables the body, the SDK model types it as a whole (`type`): the page's table \
                         and its texts are left out"
                    )),
                    (Some(_), None) => self.differ(format!("{at}.body: not on the page; kept from the SDK model")),
                    _ => {}
                }
                merged.push(Value::Mapping(s));
            } else {
                let mut s = r.clone();
                if let Some(body) = r.get("body") {
                    let needed = reached(body, &self.p_objects);
                    let clash: Vec<&String> = needed
                        .iter()
                        .filter(|n| {
                            self.e_objects.get(n.as_str()).is_some_and(|t| Some(t) != self.p_objects.get(n.as_str()))
                        })
                        .collect();
                    if clash.is_empty() {
                        extra.extend(needed);
                    } else {
                        self.differ(format!(
                            "responses[{}]: the page's body of status {status} names objects the SDK model's file \
                             names otherwise ({}): its body is left out",
                            merged.len(),
                            clash.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
                        ));
                        s.remove("body");
                        s.remove("name");
                    }
                }
                merged.push(Value::Mapping(s));
            }
        }
        out.insert("responses".into(), Value::Sequence(merged));
        extra
    }

    /// The file's objects, each with the page's text from the page object paired with it; the
    /// page's objects that its error bodies need.
    fn nested_objects(&mut self, out: &mut Mapping, extra: Vec<String>) {
        let mut objects = self.e_objects.clone();
        let mut done: BTreeMap<String, String> = BTreeMap::new();
        let mut k = 0;
        while k < self.pairs.len() {
            let (eo, po, at) = self.pairs[k].clone();
            k += 1;
            if let Some(other) = done.get(&eo) {
                if *other != po {
                    self.differ(format!(
                        "objects.{eo}: the page describes it as `{other}` and, at {at}, as `{po}`; the first one's text is taken"
                    ));
                }
                continue;
            }
            done.insert(eo.clone(), po.clone());
            let e_rows = self.e_objects.get(eo.as_str()).and_then(Value::as_sequence).cloned().unwrap_or_default();
            let p_rows = self.p_objects.get(po.as_str()).and_then(Value::as_sequence).cloned().unwrap_or_default();
            let merged = self.table(&format!("objects.{eo}"), &e_rows, &p_rows);
            objects.insert(eo.as_str().into(), Value::Sequence(merged));
        }
        for name in extra {
            if let (None, Some(t)) = (objects.get(name.as_str()), self.p_objects.get(name.as_str())) {
                objects.insert(name.as_str().into(), t.clone());
            }
        }
        if !objects.is_empty() {
            out.insert("objects".into(), Value::Mapping(objects));
        }
    }
}

/// The keys whose page-draft marks survive a merge: what the merge takes from the page.
const PAGE_KEYS: &[&str] = &["range", "length", "default", "responses", "url", "sensitive", "pagination"];

/// A `# review:` mark of a drafted file with the place it was written at: the YAML path and key
/// of the line under it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Located {
    /// `query_parameters[limit]`, `objects.Tag[key]`, `responses[200]`; empty at the top.
    path: String,
    /// The key of the line under the mark (`range`), or the name of the object it heads.
    key: String,
    /// The mark's words.
    words: String,
}

impl Located {
    /// The mark's path with a page object's name replaced by the SDK model's object paired with it.
    fn path_in_sdk_names(&self, pairs: &[(String, String, String)]) -> String {
        if let Some(rest) = self.path.strip_prefix("objects.") {
            let name = rest.split(['[', '.']).next().unwrap_or_default();
            if let Some((eo, _, _)) = pairs.iter().find(|(_, po, _)| po == name) {
                return format!("objects.{eo}{}", &rest[name.len()..]);
            }
        }
        self.path.clone()
    }

    /// The table ([`table_of`]) and the field the mark is in: `("objects.Tag", "key")` for
    /// `objects.Tag[key]`.
    fn table_and_field(&self, pairs: &[(String, String, String)]) -> (String, String) {
        let path = self.path_in_sdk_names(pairs);
        match path.rsplit_once('[') {
            Some((table, field)) => (table_of(table), field.strip_suffix(']').unwrap_or(field).to_owned()),
            None => (table_of(&path), String::new()),
        }
    }

    /// `path.key: words`, a page object's name replaced by the SDK model's object paired with it.
    fn shown(&self, pairs: &[(String, String, String)]) -> String {
        let path = self.path_in_sdk_names(pairs);
        match (path.is_empty(), self.key.is_empty()) {
            (true, true) => self.words.clone(),
            (true, false) => format!("{}: {}", self.key, self.words),
            (false, true) => format!("{path}: {}", self.words),
            (false, false) => format!("{path}.{}: {}", self.key, self.words),
        }
    }
}

/// A table's path with its list indices left out, so that the merge's `responses[0].body` and a
/// draft's `responses[200].body` name one table: `responses.body`.
fn table_of(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The marks of a file the importer drafted (its own writer's block style: two-space indents,
/// `- name:`/`- status:` items), each with where it was written.
fn located_marks(text: &str) -> Vec<Located> {
    let mut out = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    // (indent, label) of the open mappings and items: their content is indented deeper.
    let mut stack: Vec<(usize, String)> = Vec::new();
    for line in text.lines() {
        let body = line.trim_start();
        if let Some(words) = body.strip_prefix("# review:") {
            pending.push(words.trim().to_owned());
            continue;
        }
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = line.len() - body.len();
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        let (content, at) = match body.strip_prefix("- ") {
            Some(rest) => {
                let value = rest.split_once(':').map(|(_, v)| v.trim().trim_matches('"')).unwrap_or_default();
                let label = match rest.split_once(':').map(|(k, _)| k) {
                    Some("name" | "status" | "value") => format!("[{value}]"),
                    _ => "[]".to_owned(),
                };
                stack.push((indent, label));
                (rest, indent + 2)
            }
            None => (body, indent),
        };
        let path = stack.iter().fold(String::new(), |mut p, (_, label)| {
            if !label.starts_with('[') && !p.is_empty() {
                p.push('.');
            }
            p.push_str(label);
            p
        });
        // A line of a block scalar or a flow item is not a key.
        let key = content
            .split_once(':')
            .map(|(k, _)| k.trim())
            .filter(|k| !k.is_empty() && !k.contains(' ') && !k.starts_with(['"', '\'', '{', '[']));
        let Some(key) = key else {
            pending.clear();
            continue;
        };
        for words in pending.drain(..) {
            out.push(Located { path: path.clone(), key: key.to_owned(), words });
        }
        if content.trim_end().ends_with(':') {
            stack.push((at, key.to_owned()));
        }
    }
    out
}

fn text(m: &Mapping, key: &str) -> Option<String> {
    m.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn seq<'a>(m: &'a Mapping, key: &str) -> &'a [Value] {
    m.get(key).and_then(Value::as_sequence).map_or(&[], Vec::as_slice)
}

fn objects(m: &Mapping) -> Mapping {
    m.get("objects").and_then(Value::as_mapping).cloned().unwrap_or_default()
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// A URI template with its placeholders unnamed and no trailing slash: `/{version}` and
/// `/{api_version}` print one operation.
fn template(uri: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in uri.trim_end_matches('/').chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether a range fits a type: an `Integer` is 32-bit.
fn fits(ty: &str, range: &Value) -> bool {
    let bound = |v: Option<&Value>| {
        v.and_then(Value::as_f64).is_none_or(|x| (f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(&x))
    };
    ty != "Integer" || range.as_sequence().is_some_and(|r| bound(r.first()) && bound(r.get(1)))
}

/// A value as one would write it in flow style: `[null, 64]`, `10`.
fn flow(v: &Value) -> String {
    match v {
        Value::Sequence(items) => format!("[{}]", items.iter().map(flow).collect::<Vec<_>>().join(", ")),
        Value::Null => "null".to_owned(),
        other => scalar(other),
    }
}

/// Two bounds that mean the same: a length whose minimum is 0 has no minimum.
fn same_bounds(key: &str, a: &Value, b: &Value) -> bool {
    let norm = |v: &Value| match (key, v.as_sequence().map(Vec::as_slice)) {
        ("length", Some([min, max])) if min.as_u64() == Some(0) => Value::Sequence(vec![Value::Null, max.clone()]),
        _ => v.clone(),
    };
    norm(a) == norm(b)
}

fn value_list(v: Option<&Value>) -> Vec<(String, Option<Value>)> {
    v.and_then(Value::as_sequence)
        .map(|items| {
            items
                .iter()
                .map(|i| match i {
                    Value::Mapping(m) => {
                        (m.get("value").map(scalar).unwrap_or_default(), m.get("description").cloned())
                    }
                    other => (scalar(other), None),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The object a type phrase names, when `objects` has it (`Array of Tag objects` -> `Tag`).
fn named(ty: &str, objects: &Mapping) -> Option<String> {
    let phrase = crate::lower::types::parse(ty).ok()?;
    let mut names = Vec::new();
    crate::import::infer::drafted::named(&phrase, &mut names);
    names.into_iter().find(|n| objects.get(n.as_str()).is_some())
}

/// A type phrase with the objects it names unnamed, to compare shapes across names
/// (`Array of Tag objects` and `Array of ResourceTag objects` are one shape).
fn shape(ty: &str) -> String {
    match crate::lower::types::parse(ty) {
        Ok(p) => crate::import::infer::drafted::phrase_text(&unnamed(&p)).to_ascii_lowercase(),
        Err(_) => ty.to_ascii_lowercase(),
    }
}

fn unnamed(p: &crate::lower::types::Phrase) -> crate::lower::types::Phrase {
    use crate::lower::types::Phrase;
    match p {
        Phrase::Named(_) => Phrase::Named("X".to_owned()),
        Phrase::Array(e) => Phrase::Array(Box::new(unnamed(e))),
        Phrase::Map(v) => Phrase::Map(Box::new(unnamed(v))),
        other => other.clone(),
    }
}

/// The page objects a response body reaches, transitively.
fn reached(body: &Value, objects: &Mapping) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut queue: Vec<Value> = body.as_sequence().cloned().unwrap_or_default();
    while let Some(f) = queue.pop() {
        let ty = f.get("type").and_then(Value::as_str).unwrap_or_default();
        if let Some(n) = named(ty, objects).filter(|n| !out.contains(n)) {
            queue.extend(objects.get(n.as_str()).and_then(Value::as_sequence).cloned().unwrap_or_default());
            out.push(n);
        }
    }
    out
}

/// Every example without its `mismatch`.
fn strip_mismatch(out: &mut Mapping) {
    let strip = |examples: Option<&mut Value>| {
        for e in examples.and_then(Value::as_sequence_mut).into_iter().flatten() {
            if let Some(m) = e.as_mapping_mut() {
                m.remove("mismatch");
            }
        }
    };
    strip(out.get_mut("example_requests"));
    for r in out.get_mut("responses").and_then(Value::as_sequence_mut).into_iter().flatten() {
        strip(r.get_mut("examples"));
    }
}

/// The example mapping at `responses[0].examples[1]` / `example_requests[0]`.
fn at_path<'a>(root: &'a mut Mapping, path: &str) -> Option<&'a mut Mapping> {
    let mut cur: &mut Value = root.get_mut(path.split(['.', '[']).next()?)?;
    let mut rest = &path[path.find('[')?..];
    loop {
        let close = rest.find(']')?;
        let index: usize = rest[1..close].parse().ok()?;
        cur = cur.as_sequence_mut()?.get_mut(index)?;
        rest = &rest[close + 1..];
        let Some(next) = rest.strip_prefix('.') else { break };
        let key_end = next.find('[').unwrap_or(next.len());
        cur = cur.as_mapping_mut()?.get_mut(&next[..key_end])?;
        rest = &next[key_end..];
        if rest.is_empty() {
            break;
        }
    }
    cur.as_mapping_mut()
}

/// The merged file must lower alone with a service skeleton.
fn verify(service: &str, rel: &str, yaml: &str) -> Result<(), String> {
    super::skeleton::lower_alone(service, rel, yaml)
        .map(|_| ())
        .map_err(|d| format!("the merged file does not lower:\n{d}"))
}

#[cfg(test)]
mod tests {
    use super::{Located, fits, located_marks, template};

    #[test]
    fn a_drafts_marks_are_read_with_the_path_they_were_written_at() {
        let draft = "# review: top\noperation: X\nquery_parameters:\n  - name: limit\n    type: Integer\n    \
                     # review: the words\n    range: [1, 100]\n    values:\n      - a\nobjects:\n  # review: named\n  \
                     Tag:\n    - name: key\n      description: |\n        Note: text\n      # review: len\n      \
                     length: [1, 36]\nresponses:\n  - status: 200\n    body:\n      - name: count\n        \
                     # review: dflt\n        default: 0\n";
        let at =
            |path: &str, key: &str, words: &str| Located { path: path.into(), key: key.into(), words: words.into() };
        assert_eq!(
            located_marks(draft),
            [
                at("", "operation", "top"),
                at("query_parameters[limit]", "range", "the words"),
                at("objects", "Tag", "named"),
                at("objects.Tag[key]", "length", "len"),
                at("responses[200].body[count]", "default", "dflt"),
            ]
        );
        let pairs = [("Tag".to_owned(), "PageTag".to_owned(), String::new())];
        assert_eq!(at("objects.PageTag[key]", "length", "w").shown(&pairs), "objects.Tag[key].length: w");
        assert_eq!(
            at("objects.PageTag[key]", "length", "w").table_and_field(&pairs),
            ("objects.Tag".to_owned(), "key".to_owned())
        );
        assert_eq!(
            at("responses[200].body[dim.0]", "range", "w").table_and_field(&[]),
            ("responses.body".to_owned(), "dim.0".to_owned())
        );
        assert_eq!(super::table_of("responses[0].body"), "responses.body");
        assert_eq!(at("", "operation", "w").shown(&pairs), "operation: w");
    }

    #[test]
    fn uris_that_differ_in_placeholder_names_or_a_trailing_slash_are_one_operation() {
        assert_eq!(template("/{api_version}"), template("/{version}"));
        assert_eq!(template("/rds/"), template("/rds"));
        assert_ne!(template("/v2/{project_id}/servers"), template("/v2.1/{project_id}/servers"));
    }

    #[test]
    fn a_range_past_32_bits_does_not_fit_an_integer() {
        let range = |s: &str| serde_yaml::from_str::<serde_yaml::Value>(s).expect("YAML");
        assert!(fits("Integer", &range("[0, 100]")));
        assert!(fits("Integer", &range("[null, 100]")));
        assert!(!fits("Integer", &range("[0, 4294967295]")));
        assert!(fits("Long", &range("[0, 4294967295]")));
    }
}

#[cfg(test)]
mod confirmed_tests {
    /// A spec file of `GET /v1/{project_id}/things` with a `limit` query parameter and a response
    /// object `Thing` with a `limit` field; `marks` puts a review mark over each range.
    fn file(source: &str, query_range: &str, object_range: &str, marks: bool) -> String {
        let mark = |words: &str| if marks { format!("    # review: {words}\n") } else { String::new() };
        format!(
            "operation: ListThings\ntitle: Listing things\nsource:\n{source}\ndescription: Lists things.\n\
             method: GET\nuri: /v1/{{project_id}}/things\npath_parameters:\n  - name: project_id\n    mandatory: true\n    \
             type: String\n    description: Project ID.\n    supplied_by: project_id\nquery_parameters:\n  - name: limit\n    \
             mandatory: false\n    type: Integer\n    description: Page size.\n{}    range: {query_range}\nresponses:\n  \
             - status: 200\n    description: OK\n    body:\n      - name: things\n        type: Array of Thing objects\n        \
             description: The things.\nobjects:\n  Thing:\n    - name: limit\n      type: Integer\n      description: A limit.\n\
             {}      range: {object_range}\n",
            mark("query words"),
            mark("object words").replace("    #", "      #"),
        )
    }

    #[test]
    fn a_value_both_sources_give_alike_needs_no_mark_and_only_in_its_own_table() {
        let sdk = file("  sdk: huaweicloudsdkfz 3.1.219", "[1, 100]", "[0, 10]", true);
        let page = file("  page: p.rst\n  licence: Apache-2.0", "[1, 100]", "[0, 20]", false);
        let merged = super::merge("fz", "fz/v1/list_things.yaml", &sdk, &page).expect("merges");
        // The query parameter's range agrees: its mark goes. The object's field of the same name
        // differs: the SDK's range is kept, said so, and its mark stays.
        assert!(!merged.yaml.contains("query words"), "{}", merged.yaml);
        assert!(
            merged.yaml.contains("# review: the SDK model's file: objects.Thing[limit].range: object words"),
            "{}",
            merged.yaml
        );
        assert!(
            merged
                .yaml
                .contains("objects.Thing.limit: range [0, 20] on the page, [0, 10] in the SDK model: the SDK's kept"),
            "{}",
            merged.yaml
        );
    }
}
