//! One row of a spec table (`spec::Field`) as YAML, written the way the real pages are.

use std::fmt::Write as _;

/// One table row (`spec::Field`) being written.
pub struct Row<'a> {
    pub name: &'a str,
    pub mandatory: Option<bool>,
    pub ty: String,
    pub description: String,
    /// Further keys, each a YAML fragment indented as the row's keys (continuation lines relative).
    pub extra: Vec<String>,
}

impl<'a> Row<'a> {
    /// A row of a parameter or request table (it has a Mandatory column).
    pub fn param(name: &'a str, mandatory: bool, ty: &str, description: &str) -> Row<'a> {
        Row {
            name,
            mandatory: Some(mandatory),
            ty: ty.to_owned(),
            description: description.to_owned(),
            extra: Vec::new(),
        }
    }

    /// A row of a response table (no Mandatory column).
    pub fn resp(name: &'a str, ty: &str, description: &str) -> Row<'a> {
        Row { name, mandatory: None, ty: ty.to_owned(), description: description.to_owned(), extra: Vec::new() }
    }

    pub fn extra(mut self, yaml: &str) -> Self {
        self.extra.push(yaml.to_owned());
        self
    }

    /// Appends the row as a list item whose `-` is at column `indent`.
    pub fn write(&self, y: &mut String, indent: usize) {
        let pad = " ".repeat(indent + 2);
        let _ = writeln!(y, "{}- name: {}", " ".repeat(indent), self.name);
        if let Some(m) = self.mandatory {
            let _ = writeln!(y, "{pad}mandatory: {m}");
        }
        let ty = if self.ty.contains('<') { format!("\"{}\"", self.ty) } else { self.ty.clone() };
        let _ = writeln!(y, "{pad}type: {ty}");
        if self.description.contains('\n') {
            let _ = writeln!(y, "{pad}description: |-");
            for line in self.description.lines() {
                if line.is_empty() {
                    y.push('\n');
                } else {
                    let _ = writeln!(y, "{pad}  {line}");
                }
            }
        } else {
            let _ = writeln!(y, "{pad}description: {}", plain(&self.description));
        }
        for e in &self.extra {
            for line in e.lines() {
                let _ = writeln!(y, "{pad}{line}");
            }
        }
    }
}

/// `text` as a YAML flow scalar: bare where YAML reads it back unchanged, else double-quoted.
fn plain(text: &str) -> String {
    let special = text.starts_with(['{', '[', '*', '&', '!', '|', '>', '\'', '"', '%', '@', '`', '-', '?', '#'])
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || matches!(text, "None" | "yes" | "no" | "on" | "off" | "true" | "false" | "null" | "~");
    if special { format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"")) } else { text.to_owned() }
}
