//! A small YAML writer for drafted spec files: block mappings and sequences, comments where the
//! draft wants them, and every string in a form that reads back as the same string.

/// YAML text being written, with the number of `# review:` marks in it.
#[derive(Debug, Default)]
pub struct Writer {
    /// The text so far.
    pub out: String,
    /// How many review marks were written.
    pub reviews: usize,
}

impl Writer {
    /// A comment line at `indent`.
    pub fn comment(&mut self, indent: usize, text: &str) {
        self.out.push_str(&" ".repeat(indent));
        self.out.push_str("# ");
        self.out.push_str(&one_line(text));
        self.out.push('\n');
    }

    /// A `# review: <words>` comment: something inferred that a person should check.
    pub fn review(&mut self, indent: usize, words: &str) {
        self.reviews += 1;
        self.comment(indent, &format!("review: {}", one_line(words)));
    }

    /// A blank line between sections.
    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// `key:` opening a nested block. `prefix` is `- ` for the first key of a sequence item.
    pub fn open(&mut self, indent: usize, prefix: &str, key: &str) {
        self.out.push_str(&format!("{}{prefix}{key}:\n", " ".repeat(indent)));
    }

    /// `key: value` with a raw (already valid YAML) value.
    pub fn raw(&mut self, indent: usize, prefix: &str, key: &str, value: &str) {
        self.out.push_str(&format!("{}{prefix}{key}: {value}\n", " ".repeat(indent)));
    }

    /// `key: "string"`, as a plain, quoted or literal block scalar.
    pub fn string(&mut self, indent: usize, prefix: &str, key: &str, value: &str) {
        let pad = " ".repeat(indent);
        match literal(value, indent + prefix.len() + 2) {
            Some(block) => self.out.push_str(&format!("{pad}{prefix}{key}: {block}")),
            None => self.out.push_str(&format!("{pad}{prefix}{key}: {}\n", scalar(value))),
        }
    }
}

/// A comment's text on one line, with control characters removed.
fn one_line(text: &str) -> String {
    let t: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() > 160 { format!("{}...", t.chars().take(157).collect::<String>()) } else { t }
}

/// A single-line scalar: plain when it reads back as the same string, double-quoted otherwise.
pub fn scalar(s: &str) -> String {
    if plain_ok(s) { s.to_owned() } else { quoted(s) }
}

fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    let special = "-?:,[]{}#&*!|>'\"%@`~";
    let safe_chars =
        s.chars().all(|c| !c.is_control() && c != '\u{feff}' && c != '\u{2028}' && c != '\u{2029}' && c != '\u{85}');
    safe_chars
        && !special.contains(first)
        && !first.is_whitespace()
        && !s.ends_with(char::is_whitespace)
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains(":\t")
        // Whatever YAML would read as something other than this string stays quoted.
        && matches!(serde_yaml::from_str::<serde_yaml::Value>(s), Ok(serde_yaml::Value::String(ref v)) if v == s)
}

/// A double-quoted scalar with YAML escapes.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}') => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A literal block (`|` or `|-`) for a multi-line string, when one reads back exactly; the
/// returned text includes the indicator line and the indented lines.
fn literal(s: &str, indent: usize) -> Option<String> {
    if !s.contains('\n') {
        return None;
    }
    let (indicator, body) = match s.strip_suffix('\n') {
        Some(b) if !b.ends_with('\n') => ("|", b),
        Some(_) => return None,
        None => ("|-", s),
    };
    let first = body.lines().next().unwrap_or("");
    let printable = body.chars().all(|c| {
        c == '\n' || c == '\t' || !(c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}'))
    });
    // A leading space on the first line would need an indentation indicator, and trailing
    // spaces would read as chomped lines: both stay quoted instead.
    if !printable || first.starts_with([' ', '\t']) || body.is_empty() || body.ends_with([' ', '\t', '\n']) {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = format!("{indicator}\n");
    for line in body.split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&pad);
            out.push_str(line);
            out.push('\n');
        }
    }
    Some(out)
}

/// A JSON value (a default or a success code) as a YAML flow scalar.
pub fn json_scalar(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => scalar(s),
        other => other.to_string(),
    }
}

/// `[min, max]` with `null` for an open end.
pub fn bounds(b: (Option<f64>, Option<f64>)) -> String {
    // Whole numbers up to 2^63 as integers (`as` saturates: a page's 9223372036854775807, read
    // as 2^63, is i64::MAX again); anything larger in exponent form, which YAML reads as a float
    // (`-9223372036854776000` would be an integer no YAML reader here takes).
    let end = |x: Option<f64>| match x {
        Some(v) if v.fract() == 0.0 && v.abs() <= 9_223_372_036_854_775_808.0 => format!("{}", v as i64),
        Some(v) if v.abs() >= 1e15 => format!("{v:e}"),
        Some(v) => format!("{v}"),
        None => "null".to_owned(),
    };
    format!("[{}, {}]", end(b.0), end(b.1))
}

#[cfg(test)]
mod tests {
    #[test]
    fn bounds_of_every_size_read_back_as_numbers() {
        assert_eq!(
            super::bounds((Some(-9.223372036854776e18), Some(9.223372036854776e18))),
            "[-9223372036854775808, 9223372036854775807]"
        );
        assert_eq!(super::bounds((Some(0.5), None)), "[0.5, null]");
        assert_eq!(super::bounds((None, Some(1e20))), "[null, 1e20]");
        assert_eq!(super::bounds((Some(-3.0), Some(1000.0))), "[-3, 1000]");
    }
}
