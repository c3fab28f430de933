//! `cargo xtask audit --licence`: where the text of `spec/` comes from, checked.
//!
//! The crate is Apache-2.0, so the text its spec files carry (and the generated rustdoc repeats)
//! may only come from sources whose licence allows that: Open Telekom Cloud's pages and the
//! official SDKs (Apache-2.0). huaweicloudDocs' Chinese pages carry a non-commercial licence:
//! they serve to check facts, never as text. Two checks:
//!
//! - every operation file has a `source` naming its page (with a licence that allows the text
//!   in the crate) or the official SDK model it was drafted from;
//! - with `--corpus DIR` (repeatable): no sentence of a spec file's Chinese text appears in a
//!   non-commercial page of the corpus (its `zh/<service>` folder) unless the official SDK's
//!   texts of that service have it too (the SDK's descriptions are often the page's words, and
//!   the SDK is Apache-2.0).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Licences under which a page's text may be in this Apache-2.0 crate.
pub const ALLOWED: &[&str] = &["Apache-2.0", "MIT", "BSD-3-Clause", "CC0-1.0", "CC-BY-4.0"];

/// Material given to the project with it (`../shared/seeds`, `../shared/reference`): the pages
/// the project started from, accepted whatever their `licence` says.
const GIVEN: &[&str] = &["seeds/", "reference/"];

/// A sentence shorter than this many CJK characters is too common to tell where it comes from.
const MIN_CJK: usize = 8;

/// One problem found, at a spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The spec file, as shown.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

/// The `source` check of one operation file's YAML.
pub fn check_source(file: &str, yaml: &serde_yaml::Value) -> Option<Finding> {
    let at = |message: String| Some(Finding { file: file.to_owned(), message });
    let Some(source) = yaml.get("source") else {
        return at("no `source`: say where the file comes from (the page and its licence, or the SDK model)".to_owned());
    };
    let text = |key: &str| source.get(key).and_then(serde_yaml::Value::as_str);
    // A huaweicloudDocs page (a `zh` folder of a corpus) is non-commercial whatever the file says;
    // the material given with the project is accepted only by a plain path below its folder.
    let page_path = text("page").unwrap_or_default();
    let components: Vec<&str> = page_path.split('/').collect();
    if components.contains(&"zh") {
        return at(format!(
            "the text comes from `{page_path}`, a huaweicloudDocs page, whose non-commercial licence does not allow it \
             in this Apache-2.0 crate; take the text from the official SDK's model (`cargo xtask import --sdk`)"
        ));
    }
    let given = GIVEN.iter().any(|g| page_path.starts_with(g)) && !components.contains(&"..");
    match (text("page"), text("licence"), text("sdk")) {
        (None, _, None) => at("`source` names neither a page nor an SDK model".to_owned()),
        (Some(page), None, _) => at(format!("`source.page` is `{page}` with no `licence`")),
        (Some(page), Some(licence), _) if !ALLOWED.contains(&licence) && !given => at(format!(
            "the text comes from `{page}`, licensed `{licence}`, which does not allow it in this Apache-2.0 crate \
                 (allowed: {}); take the text from the official SDK's model (`cargo xtask import --sdk`) or an \
                 Apache-2.0 page",
            ALLOWED.join(", ")
        )),
        _ => None,
    }
}

/// The text a spec file carries: every string under a `title`, `description` or `constraints`
/// key, at any depth (operation, fields, values, responses).
pub fn texts(yaml: &serde_yaml::Value, out: &mut Vec<String>) {
    match yaml {
        serde_yaml::Value::Mapping(m) => {
            for (k, v) in m {
                let prose = matches!(k.as_str(), Some("title" | "description" | "constraints"));
                match v {
                    serde_yaml::Value::String(s) if prose => out.push(s.clone()),
                    other => texts(other, out),
                }
            }
        }
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| texts(v, out)),
        _ => {}
    }
}

/// The sentences of a text, each as its CJK characters only (what survives reformatting: the
/// importer's `Range:` prefixes, spaces, punctuation, Markdown), long enough to be telling.
pub fn sentences(text: &str) -> Vec<String> {
    text.split(['。', '；', '！', '？', '\n', ';'])
        .map(|s| s.chars().filter(|c| is_cjk(*c)).collect::<String>())
        .filter(|s| s.chars().count() >= MIN_CJK)
        .collect()
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Runs of this many CJK characters are compared too, so that a copied sentence joined to another
/// or with a few characters added is found.
const WINDOW: usize = 12;

/// Every run of [`WINDOW`] CJK characters of `cjk` (a text reduced to its CJK characters).
fn windows(cjk: &str) -> Vec<String> {
    let chars: Vec<char> = cjk.chars().collect();
    chars.windows(WINDOW).map(|w| w.iter().collect()).collect()
}

/// The sentences of `spec_texts` found in a non-commercial page (`pages`: each page's name and
/// CJK characters) and in no text of the official SDK (`sdk`: its sentences): each with the
/// first page it was found in.
pub fn copied(spec_texts: &[String], sdk: &BTreeSet<String>, pages: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let sdk_all: String = sdk.iter().map(String::as_str).collect::<Vec<_>>().join("|");
    let sdk_windows: std::collections::HashSet<String> = sdk.iter().flat_map(|s| windows(s)).collect();
    let page_windows: std::collections::HashMap<String, &String> =
        pages.iter().flat_map(|(name, cjk)| windows(cjk).into_iter().map(move |w| (w, name))).collect();
    for text in spec_texts {
        for s in sentences(text) {
            if sdk.contains(&s) || sdk_all.contains(&s) {
                continue;
            }
            if let Some((page, _)) = pages.iter().find(|(_, cjk)| cjk.contains(&s)) {
                out.push((s, page.clone()));
                continue;
            }
            // A run of the sentence that a page has and the SDK has not.
            if let Some((w, page)) = windows(&s).into_iter().find_map(|w| {
                page_windows.get(&w).filter(|_| !sdk_windows.contains(&w)).map(|p| (w.clone(), (*p).clone()))
            }) {
                out.push((w, page));
            }
        }
    }
    out
}

/// The non-commercial pages of `service` in each corpus (`zh/<service>/**`), as (shown name,
/// CJK characters).
fn pages(corpora: &[PathBuf], service: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for corpus in corpora {
        let dir = corpus.join("zh").join(service);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files.into_iter().filter(|f| f.is_file()) {
            let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
            out.push((f.display().to_string(), text.chars().filter(|c| is_cjk(*c)).collect()));
        }
    }
    Ok(out)
}

/// Runs both checks over the operation files of `spec` (`<service>/<version>/*.yaml` or `.yml`,
/// every spec file read as the generator reads the tree); prints
/// each finding and a summary. `Ok(false)` when anything is found.
pub fn run(root: &Path, spec: &Path, spec_shown: &str, corpora: &[PathBuf]) -> Result<bool, String> {
    // The operation files (`<service>/<version>/<operation>.yaml`), read as the generator reads them.
    let mut files: BTreeMap<String, Vec<(String, serde_yaml::Value)>> = BTreeMap::new();
    let sources = codegen::spec::load::read_dir(spec, spec_shown).map_err(|e| format!("reading {spec_shown}: {e}"))?;
    for file in sources {
        let parts: Vec<&str> = file.rel.split('/').collect();
        let [service, version, _] = parts[..] else { continue };
        if !(codegen::spec::is_service_dir(service) && codegen::spec::is_version_dir(version)) {
            continue;
        }
        let value: serde_yaml::Value =
            serde_yaml::from_str(&file.text).map_err(|e| format!("{}: not YAML: {e}", file.display))?;
        files.entry(service.to_owned()).or_default().push((file.display, value));
    }
    let mut findings: Vec<Finding> = Vec::new();
    let mut count = 0;
    for (service, ops) in &files {
        count += ops.len();
        findings.extend(ops.iter().filter_map(|(shown, v)| check_source(shown, v)));
        let zh = pages(corpora, service)?;
        if zh.is_empty() {
            continue;
        }
        let sdk = sdk_sentences(root, service)?;
        for (shown, v) in ops {
            let mut t = Vec::new();
            texts(v, &mut t);
            for (sentence, page) in copied(&t, &sdk, &zh) {
                findings.push(Finding {
                    file: shown.clone(),
                    message: format!(
                        "the sentence \"{sentence}\" is in {page} (huaweicloudDocs, non-commercial) and in no text of the \
                         official SDK: take the text from the SDK's model or an Apache-2.0 page"
                    ),
                });
            }
        }
    }
    for f in &findings {
        println!("{}: {}", f.file, f.message);
    }
    let checked = if corpora.is_empty() {
        "no corpus given, so text was not compared with pages".to_owned()
    } else {
        format!("text compared with the non-commercial pages of {} corpus folder(s)", corpora.len())
    };
    println!("licence: {} problem(s) in {count} spec files ({checked})", findings.len());
    Ok(findings.is_empty())
}

/// The sentences of every text the official SDK has for `service` (`tests/oracle/describe.py`).
fn sdk_sentences(root: &Path, service: &str) -> Result<BTreeSet<String>, String> {
    let lines = super::run_oracle(root, "describe.py", &[service.to_owned()])?;
    let mut out = BTreeSet::new();
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("describe.py {service}: {e}"))?;
        let mut strings = Vec::new();
        json_strings(&v, &mut strings);
        for s in strings {
            out.extend(sentences(&s));
        }
    }
    Ok(out)
}

fn json_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| json_strings(x, out)),
        serde_json::Value::Object(m) => m.values().for_each(|x| json_strings(x, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(s: &str) -> serde_yaml::Value {
        serde_yaml::from_str(s).expect("test YAML")
    }

    #[test]
    fn a_source_must_name_an_allowed_licence_or_the_sdk() {
        assert!(check_source("a", &yaml("operation: X")).is_some());
        assert!(check_source("a", &yaml("source: {sdk: huaweicloudsdkdws 3.1.219}")).is_none());
        assert!(check_source("a", &yaml("source: {page: rst/x.rst, licence: Apache-2.0}")).is_none());
        assert!(check_source("a", &yaml("source: {page: rst/x.rst}")).is_some());
        let nc = check_source("a", &yaml("source: {page: zh/dws/p.md, licence: 'huaweicloudDocs, non-commercial'}"));
        assert!(nc.is_some_and(|f| f.message.contains("does not allow it")));
        assert!(check_source("a", &yaml("source: {page: seeds/004.txt, licence: given}")).is_none());
        assert!(check_source("a", &yaml("source: {page: corpus/zh/dws/p.md, licence: Apache-2.0}")).is_some());
        assert!(check_source("a", &yaml("source: {page: seeds/../zh/p.md, licence: given}")).is_some());
    }

    #[test]
    fn a_sentence_of_a_non_commercial_page_is_found_unless_the_sdk_has_it() {
        let page =
            ("zh/fz/p.md".to_owned(), "该接口用于查询一个小部件的全部属性信息参数解释小部件的唯一标识符".to_owned());
        let sdk: BTreeSet<String> = sentences("**参数解释**：小部件的唯一标识符。").into_iter().collect();
        let spec = vec![
            "该接口用于查询一个小部件的全部属性信息。".to_owned(),
            "小部件的唯一标识符。".to_owned(),
            "Range: 大于等于0。".to_owned(),
            "我们自己写的一段很长的说明文字。".to_owned(),
        ];
        let found = copied(&spec, &sdk, std::slice::from_ref(&page));
        assert_eq!(found, vec![("该接口用于查询一个小部件的全部属性信息".to_owned(), "zh/fz/p.md".to_owned())]);
        // Joined to another sentence by a comma, or with characters added: found by a run of 12.
        let joined = vec!["我们自己的话，该接口用于查询一个小部件的全部属性".to_owned()];
        assert_eq!(copied(&joined, &sdk, std::slice::from_ref(&page)).len(), 1);
    }

    #[test]
    fn texts_are_read_at_every_depth() {
        let v = yaml(
            "title: 甲\ndescription: 乙\nresponses: [{status: 200, description: 丙}]\nobjects: {A: [{name: a, type: String, description: 丁, values: [{value: x, description: 戊}]}]}",
        );
        let mut t = Vec::new();
        texts(&v, &mut t);
        t.sort();
        assert_eq!(t, ["丁", "丙", "乙", "戊", "甲"]);
    }
}
