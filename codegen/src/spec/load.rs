//! Reading spec files and deserializing them into `spec` types, with located errors.

use std::path::Path;

use crate::diag::{Diagnostic, closest};
use crate::spec;
use crate::spec::locate::Locator;

/// One spec file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path below the spec root with `/` separators, e.g. `ddm/v1/list_users.yaml`.
    pub rel: String,
    /// Path as shown in diagnostics and headers, e.g. `spec/ddm/v1/list_users.yaml`.
    pub display: String,
    /// Contents.
    pub text: String,
}

/// Reads every `*.yaml` file below `root`, sorted by path. `display_root` is how `root` is shown.
pub fn read_dir(root: &Path, display_root: &str) -> std::io::Result<Vec<SourceFile>> {
    // walkdir would walk a file as a tree of one entry: a spec root must be a directory. The
    // callers name the root in their message.
    if !std::fs::metadata(root)?.is_dir() {
        return Err(std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a directory"));
    }
    let mut files = Vec::new();
    // Links are followed, as a spec tree may link pages in; walkdir stops at a link loop.
    for entry in walkdir::WalkDir::new(root).min_depth(1).follow_links(true) {
        // walkdir's message names the path; keep it rather than the bare io::Error.
        let entry = entry.map_err(|e| {
            std::io::Error::new(e.io_error().map_or(std::io::ErrorKind::Other, std::io::Error::kind), e.to_string())
        })?;
        let path = entry.path();
        if !entry.file_type().is_file() || !path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            continue;
        }
        let rel = path
            .strip_prefix(root)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let text = std::fs::read_to_string(path)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        let display = format!("{}/{rel}", display_root.trim_end_matches('/'));
        files.push(SourceFile { rel, display, text });
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(files)
}

/// A parsed spec file with what is needed to locate its problems.
#[derive(Debug)]
pub struct Parsed<T> {
    /// The deserialized file.
    pub spec: T,
    /// Positions of its nodes.
    pub locator: Locator,
    /// The file's display path.
    pub file: String,
    /// Path below the spec root.
    pub rel: String,
}

impl<T> Parsed<T> {
    /// A diagnostic at the value of `yaml_path`.
    pub fn at(&self, yaml_path: &str, message: String, hint: Option<String>) -> Diagnostic {
        let (line, column) = self.locator.value(yaml_path);
        Diagnostic { file: self.file.clone(), line, column, yaml_path: yaml_path.to_owned(), message, hint }
    }

    /// A diagnostic at the key of `yaml_path` (for "this entry should not be here").
    pub fn at_key(&self, yaml_path: &str, message: String, hint: Option<String>) -> Diagnostic {
        let (line, column) = self.locator.key(yaml_path);
        Diagnostic { file: self.file.clone(), line, column, yaml_path: yaml_path.to_owned(), message, hint }
    }
}

/// Deserializes one file, or describes the first structural problem serde found in it.
pub fn parse<T: serde::de::DeserializeOwned>(file: &SourceFile) -> Result<Parsed<T>, Diagnostic> {
    match serde_yaml::from_str::<T>(&file.text) {
        Ok(spec) => {
            Ok(Parsed { spec, locator: Locator::new(&file.text), file: file.display.clone(), rel: file.rel.clone() })
        }
        Err(e) => Err(serde_diagnostic(file, &e)),
    }
}

/// The line and column of a YAML reader error's " at position N" (a byte offset into `text`),
/// and that suffix of the message.
fn reader_position(text: &str, message: &str) -> Option<(usize, usize, String)> {
    let (_, tail) = message.rsplit_once(" at position ")?;
    let offset: usize = tail.trim().parse().ok()?;
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column, format!(" at position {offset}")))
}

/// Turns a serde_yaml error into a located diagnostic with a hint where one can be given.
fn serde_diagnostic(file: &SourceFile, e: &serde_yaml::Error) -> Diagnostic {
    let text = e.to_string();
    // The YAML reader's errors (a control character) give a byte offset, and a location of 1:1.
    let (line, column, text) = match (reader_position(&file.text, &text), e.location()) {
        (Some((line, column, suffix)), _) => (line, column, text.replacen(&suffix, "", 1)),
        // serde_yaml puts " at line L column C" after the message; the location is printed in
        // front instead. Other positions in the text (where a flow sequence opened, say) are kept.
        (None, Some(l)) => {
            (l.line(), l.column(), text.replacen(&format!(" at line {} column {}", l.line(), l.column()), "", 1))
        }
        (None, None) => (1, 1, text),
    };
    // serde_yaml prefixes the YAML path ("responses[0]: unknown field ...").
    let (yaml_path, message) = match text.split_once(": ") {
        Some((p, m)) if !p.contains(' ') => (p.to_owned(), m.to_owned()),
        _ => (String::new(), text.clone()),
    };
    let hint = misindented(&file.text, &message, line, column).or_else(|| hint_for(&message));
    let message = if message.trim().is_empty() || message == "EOF while parsing a value" {
        "the file is empty or not a YAML mapping".to_owned()
    } else {
        message
    };
    Diagnostic { file: file.display.clone(), line, column, yaml_path, message, hint }
}

/// For "missing field `X`" of the entry whose keys start at `line`:`column`: the line that ended
/// the entry, when it is `X:` indented less than the entry's keys but more than the entry's dash
/// or parent (YAML read it as outside the entry).
fn misindented(text: &str, message: &str, line: usize, column: usize) -> Option<String> {
    let key = message.strip_prefix("missing field `")?.split('`').next()?;
    let indent = column.checked_sub(1).filter(|&i| i > 0)?;
    let width = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let (n, end) = text.lines().enumerate().skip(line).find(|(_, l)| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && width(l) < indent
    })?;
    let found = width(end);
    let t = end.trim_start();
    let is_key = !t.starts_with("- ") && t.strip_prefix(key).is_some_and(|rest| rest.starts_with(':'));
    (is_key && found + 2 >= indent).then(|| {
        format!(
            "line {} has `{key}:` indented by {found} spaces and this entry's keys by {indent}: \
             YAML reads it as outside the entry; indent it like the others",
            n + 1
        )
    })
}

fn hint_for(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (word, rest) = rest.split_once('`')?;
        let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        // Words of other formats (OpenAPI, JSON Schema) for keys this format names otherwise.
        const SYNONYMS: &[(&[&str], &str, &str)] = &[
            (&["required"], "mandatory", "did you mean `mandatory`?"),
            (&["optional"], "mandatory", "did you mean `mandatory: false`?"),
            (&["enum"], "values", "did you mean `values`?"),
            (&["minimum", "maximum", "min", "max"], "range", "did you mean `range: [MIN, MAX]`?"),
            (&["minlength", "maxlength", "min_length", "max_length"], "length", "did you mean `length: [MIN, MAX]`?"),
            (&["desc", "summary"], "description", "did you mean `description`?"),
            (
                &["in"],
                "name",
                "a parameter's location is the list it is in: path_parameters, query_parameters or header_parameters",
            ),
            (&["path"], "uri", "did you mean `uri`?"),
            (&["schema"], "type", "did you mean `type`?"),
        ];
        let lower = word.to_ascii_lowercase();
        if let Some((_, _, hint)) =
            SYNONYMS.iter().find(|(words, key, _)| words.contains(&lower.as_str()) && expected.contains(key))
        {
            return Some((*hint).to_owned());
        }
        return match closest(word, expected.iter().copied()) {
            Some(c) => Some(format!("did you mean `{c}`?")),
            // The message lists the allowed keys already.
            None => Some("spec/README.md describes every key".to_owned()),
        };
    }
    if message.starts_with("missing field `") {
        return Some("see spec/README.md for the keys every entry must have".to_owned());
    }
    if message.contains("data did not match any variant of untagged enum EnumValue") {
        return Some("write a value list entry as `VALUE` or `{value: VALUE, description: ...}`".to_owned());
    }
    None
}

/// What kind of file a path below the spec root is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `<service>/service.yaml`.
    Service {
        /// Service directory name.
        service: String,
    },
    /// `<service>/<version>/<page>.yaml`.
    Operation {
        /// Service directory name.
        service: String,
        /// Version directory name.
        version: String,
    },
}

/// Classifies a spec file by its path.
pub fn kind(file: &SourceFile) -> Result<Kind, Diagnostic> {
    let parts: Vec<&str> = file.rel.split('/').collect();
    let bad = |message: String, hint: &str| Diagnostic {
        file: file.display.clone(),
        line: 1,
        column: 1,
        yaml_path: String::new(),
        message,
        hint: Some(hint.to_owned()),
    };
    match parts.as_slice() {
        [service, "service.yaml"] if super::is_service_dir(service) => {
            Ok(Kind::Service { service: (*service).to_owned() })
        }
        [service, version, _] if super::is_service_dir(service) => {
            if super::is_version_dir(version) {
                Ok(Kind::Operation { service: (*service).to_owned(), version: (*version).to_owned() })
            } else {
                Err(bad(
                    format!("version directory `{version}` is not of the form v<number>"),
                    "put the file under a directory such as `v1`",
                ))
            }
        }
        [service, ..] if !super::is_service_dir(service) => Err(bad(
            format!("service directory `{service}` is not a lower-case name"),
            "name the directory after the endpoint host's service, e.g. `ddm`",
        )),
        _ => Err(bad(
            "spec file is not where the generator looks for one".to_owned(),
            "spec files are spec/<service>/service.yaml and spec/<service>/<version>/<operation>.yaml",
        )),
    }
}

/// Parses a file of the given kind; `None` with a diagnostic when it does not parse.
pub fn parse_service(file: &SourceFile) -> Result<Parsed<spec::Service>, Diagnostic> {
    parse(file)
}

/// Parses an operation page.
pub fn parse_operation(file: &SourceFile) -> Result<Parsed<spec::Operation>, Diagnostic> {
    parse(file)
}

#[cfg(test)]
mod reader_tests {
    #[test]
    fn a_reader_error_is_located_at_its_byte_offset() {
        let text = "a: 1\nb: x\u{7}y\n";
        let e = serde_yaml::from_str::<serde_yaml::Value>(text).expect_err("control character");
        let shown = e.to_string();
        assert_eq!(
            super::reader_position(text, &shown).map(|(l, c, _)| (l, c)),
            Some((2, 5)),
            "{shown} {:?}",
            e.location()
        );
    }
}
