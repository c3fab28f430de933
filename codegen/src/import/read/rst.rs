//! Reader for reStructuredText exports: section titles underlined, `.. table::` directives with
//! grid or simple tables, `.. code-block::` examples, `:ref:` links; parsed line by line.

use super::page::{Block, BlockKind, Row, Table};
use super::text::dedent;

/// Reads an RST page into blocks.
pub fn read(text: &str) -> Vec<Block> {
    let text = other_pages_tables(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut r = Reader { lines: &lines, blocks: Vec::new() };
    r.run();
    r.blocks
}

/// The page with each link to a table of another page (``:ref:`Table 3 <other__table3>` ``, a
/// target no `.. _name:` of this page defines) reading `<page>#Table 3`, at the same length so
/// that grid tables keep their columns: it is not this page's Table 3.
fn other_pages_tables(text: &str) -> std::borrow::Cow<'_, str> {
    let defined: std::collections::HashSet<&str> = text.lines().filter_map(anchor).collect();
    if !text.contains(":ref:`") {
        return std::borrow::Cow::Borrowed(text);
    }
    let rewritten = rewrite_refs(text, &|words, target| {
        let numbered = words.strip_prefix("Table").is_some_and(|n| {
            let n = n.trim();
            !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())
        });
        if !numbered || defined.contains(target) {
            return None;
        }
        let page = target.split("__").next().unwrap_or(target);
        Some(format!("{page}#{words}"))
    });
    std::borrow::Cow::Owned(rewritten)
}

/// The anchors an RST page defines (`.. _name:`, also as a list item's first line).
pub fn anchors(text: &str) -> Vec<String> {
    text.lines().filter_map(anchor).map(str::to_owned).collect()
}

/// The anchor a line defines, if it is `.. _name:`.
pub fn anchor(line: &str) -> Option<&str> {
    line.trim().trim_start_matches("- ").trim().strip_prefix(".. _")?.strip_suffix(':')
}

/// A ``:ref:`words <target>` `` link of an RST text: its span in the text (from `:ref:` to the
/// closing backtick included), its words and its target.
pub(super) struct Ref<'a> {
    pub start: usize,
    pub end: usize,
    pub words: &'a str,
    pub target: &'a str,
}

/// The ``:ref:`words <target>` `` links of an RST text, in order; a link may span lines. A
/// ``:ref:`name` `` without a `<target>` is not one.
pub(super) fn refs(text: &str) -> Vec<Ref<'_>> {
    const OPEN: &str = ":ref:`";
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = text[from..].find(OPEN) {
        let start = from + k;
        let body = start + OPEN.len();
        let Some(len) = text[body..].find('`') else { break };
        let inner = &text[body..body + len];
        // Not a link (no `<target>`, or its backtick never closes and the next link's does):
        // the search goes on from inside it, so that a link it swallowed is still found.
        from = body;
        let Some(lt) = inner.rfind('<') else { continue };
        let Some(target) = inner[lt + 1..].strip_suffix('>') else { continue };
        out.push(Ref { start, end: body + len + 1, words: inner[..lt].trim(), target });
        from = body + len + 1;
    }
    out
}

/// `text` with the words of each one-line ``:ref:`words <target>` `` that `new_words(words,
/// target)` rewrites replaced, the link keeping its length so that grid tables keep their
/// columns: the target, which no reader follows, gives way (`<xxxx>`). A link whose new words do
/// not fit stays as it is.
pub(super) fn rewrite_refs(text: &str, new_words: &dyn Fn(&str, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for link in refs(text) {
        let old = &text[link.start..link.end];
        if old.contains('\n') {
            continue;
        }
        let Some(words) = new_words(link.words, link.target) else { continue };
        let room = old.chars().count().checked_sub(":ref:`".len() + words.chars().count() + " <>`".len());
        let Some(room) = room.filter(|r| *r >= 1) else { continue };
        out.push_str(&text[copied..link.start]);
        out.push_str(&format!(":ref:`{words} <{}>`", "x".repeat(room)));
        copied = link.end;
    }
    out.push_str(&text[copied..]);
    out
}

struct Reader<'a> {
    lines: &'a [&'a str],
    blocks: Vec<Block>,
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// An underline of a section title: one punctuation character repeated.
fn is_underline(line: &str) -> bool {
    let t = line.trim_end();
    let Some(c) = t.chars().next() else { return false };
    t.len() >= 3 && "=-~^*#\"'`+".contains(c) && t.chars().all(|x| x == c)
}

/// A list item whose first line is an anchor (`-  .. _evs_04_2107__li553:`): the item's text,
/// on the lines below, is the caption of the table after it.
fn is_item_anchor(t: &str) -> bool {
    t.strip_prefix('-').is_some_and(|rest| rest.trim_start().starts_with(".. _") && rest.trim_end().ends_with(':'))
}

/// The first line of a grid (`+---+`) or simple (`=== ===`) table.
fn is_table_border(line: &str) -> bool {
    let t = line.trim();
    let grid = t.starts_with("+-") || t.starts_with("+=");
    let simple = t.starts_with("==") && t.chars().all(|c| c == '=' || c == ' ');
    (grid && t.ends_with('+')) || (simple && t.contains(' '))
}

impl Reader<'_> {
    fn push(&mut self, line: usize, kind: BlockKind) {
        self.blocks.push(Block { line, kind });
    }

    fn run(&mut self) {
        let mut i = 0;
        let mut caption: Option<(usize, String)> = None;
        while i < self.lines.len() {
            let line = self.lines[i];
            let t = line.trim();
            let n = i + 1;
            if t.is_empty() {
                i += 1;
                continue;
            }
            if let Some(name) = t.strip_prefix(":original_name:") {
                self.push(n, BlockKind::Origin(name.trim().to_owned()));
                i += 1;
            } else if indent(line) == 0 && self.lines.get(i + 1).is_some_and(|u| is_underline(u)) && !is_underline(line)
            {
                self.push(n, BlockKind::Heading(inline(t).0));
                i += 2;
            } else if let Some(rest) = t.strip_prefix(".. table::") {
                caption = Some((n, inline(rest.trim()).0));
                i += 1;
            } else if t.starts_with(".. code-block::") || t.starts_with(".. code::") || t == "::" {
                i = self.code(i);
            } else if t.starts_with(".. ") || is_item_anchor(t) {
                // Anchors (`.. _name:`, also as a list item's first line), notes and other
                // directives: their content reads as text.
                i += 1;
            } else if is_table_border(line) {
                let caption = caption.take().or_else(|| self.caption_above());
                let (table, next) = self.table(i, caption);
                self.push(table.line, BlockKind::Table(table));
                i = next;
            } else {
                i = self.para(i);
            }
        }
    }

    /// The caption of a table without a `.. table::` directive: the paragraph right above it when
    /// it reads as one (`-  Request parameters`, `Parameters in the **volume** field`, `links`),
    /// short and not a sentence; a list item's words before a colon (`-  URI parameters: ...`).
    fn caption_above(&self) -> Option<(usize, String)> {
        let k = self.blocks.iter().rposition(|b| !matches!(b.kind, BlockKind::Link(_)))?;
        let BlockKind::Para(text) = &self.blocks[k].kind else { return None };
        let words = text.strip_prefix("- ").unwrap_or(text).trim();
        let words = match words.split_once(':') {
            Some((head, _)) if text.starts_with("- ") => head.trim(),
            _ => words,
        };
        let sentence = words.ends_with(['.', ':', '?', '!']) || words.split_whitespace().count() > 12;
        (!words.is_empty() && !sentence).then(|| (self.blocks[k].line, words.to_owned()))
    }

    /// The indented block after a code directive at line `i`.
    fn code(&mut self, i: usize) -> usize {
        let base = indent(self.lines[i]);
        let mut j = i + 1;
        let mut last = i;
        while j < self.lines.len() && (self.lines[j].trim().is_empty() || indent(self.lines[j]) > base) {
            if !self.lines[j].trim().is_empty() {
                last = j;
            }
            j += 1;
        }
        if last > i {
            let body = dedent(&self.lines[i + 1..=last]);
            let body = body.trim_start_matches('\n').to_owned();
            // Located at the code's first line (1-based), not at the blank line after the directive.
            let first = (i + 1..=last).find(|&j| !self.lines[j].trim().is_empty()).unwrap_or(last);
            self.push(first + 1, BlockKind::Code(body));
        }
        last.max(i) + 1
    }

    /// A paragraph or list item: non-blank lines up to a blank line or a directive.
    fn para(&mut self, i: usize) -> usize {
        let mut j = i;
        let mut words = Vec::new();
        while j < self.lines.len() {
            let t = self.lines[j].trim();
            let starts_item = j > i && (t.starts_with("- ") || t.starts_with("* "));
            if t.is_empty() || (j > i && (t.starts_with(".. ") || is_table_border(self.lines[j]))) || starts_item {
                break;
            }
            words.push(t);
            j += 1;
        }
        let joined = words.join(" ");
        let (text, links) = inline(&joined);
        let text = match text.strip_prefix("- ").or_else(|| text.strip_prefix("* ")) {
            Some(rest) => format!("- {}", rest.trim()),
            None => text,
        };
        self.push(i + 1, BlockKind::Para(text));
        for link in links {
            self.push(i + 1, BlockKind::Link(link));
        }
        j.max(i + 1)
    }

    /// A grid or simple table starting at line `i`.
    fn table(&mut self, i: usize, caption: Option<(usize, String)>) -> (Table, usize) {
        let base = indent(self.lines[i]);
        let mut j = i;
        while j < self.lines.len() && !self.lines[j].trim().is_empty() && indent(self.lines[j]) >= base {
            j += 1;
        }
        let body: Vec<(usize, String)> =
            (i..j).map(|k| (k + 1, self.lines[k].chars().skip(base).collect::<String>())).collect();
        // A table ends with a border; one that ends on a row was cut (a truncated file), and the
        // lines after its last border would be lost.
        let grid = self.lines[i].trim_start().starts_with('+');
        // A simple table whose second border closes its header is cut just after the header.
        let borders = body.iter().filter(|(_, l)| is_table_border(l)).count();
        let header_only = !grid
            && borders == 2
            && body
                .get(1)
                .is_some_and(|(_, l)| l.split_whitespace().next().is_some_and(|w| super::vocab::column(w).is_some()));
        if header_only || body.len() < 2 || !body.last().is_some_and(|(_, l)| is_table_border(l)) {
            let line = body.last().map_or(i + 1, |(n, _)| *n);
            let what = "the table ends without its closing border".to_owned();
            self.push(line, BlockKind::CutShort(what));
        }
        let (header, rows) = if grid { grid_table(&body) } else { simple_table(&body) };
        let (line, caption) = caption.unwrap_or((i + 1, String::new()));
        (Table { line, caption, header, rows }, j)
    }
}

/// Column spans (start, end) of a border line: runs of `=` or the gaps between `+`.
fn spans(border: &str, grid: bool) -> Vec<(usize, usize)> {
    let chars: Vec<char> = border.chars().collect();
    let mut out = Vec::new();
    if grid {
        let plus: Vec<usize> = chars.iter().enumerate().filter(|(_, c)| **c == '+').map(|(k, _)| k).collect();
        for w in plus.windows(2) {
            out.push((w[0] + 1, w[1]));
        }
    } else {
        let mut k = 0;
        while k < chars.len() {
            if chars[k] == '=' {
                let start = k;
                while k < chars.len() && chars[k] == '=' {
                    k += 1;
                }
                out.push((start, k));
            } else {
                k += 1;
            }
        }
    }
    out
}

fn slice(line: &str, start: usize, end: Option<usize>) -> String {
    let chars = line.chars().skip(start);
    match end {
        Some(e) => chars.take(e.saturating_sub(start)).collect(),
        None => chars.collect(),
    }
}

/// Cell lines to cell text: blank lines separate paragraphs, `- ` lines start list items.
fn cell_text(lines: &[String]) -> String {
    let mut paras: Vec<String> = Vec::new();
    let mut current = String::new();
    for l in lines {
        let t = l.trim();
        let item = t.starts_with("- ") || t.starts_with("* ");
        if t.is_empty() || item {
            if !current.is_empty() {
                paras.push(std::mem::take(&mut current));
            }
            if t.is_empty() {
                continue;
            }
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(t);
    }
    if !current.is_empty() {
        paras.push(current);
    }
    let paras: Vec<String> = paras
        .into_iter()
        .map(|p| {
            let text = inline(&p).0;
            match text.strip_prefix("* ").or_else(|| text.strip_prefix("- ")) {
                Some(rest) => format!("- {}", rest.trim()),
                None => text,
            }
        })
        .collect();
    paras.join("\n\n")
}

/// Reads a grid table: `+---+` borders, `|` cells, `+===+` under the header.
fn grid_table(body: &[(usize, String)]) -> (Vec<String>, Vec<Row>) {
    let cols = spans(&body[0].1, true);
    let mut header = Vec::new();
    let mut rows = Vec::new();
    let mut cells: Vec<Vec<String>> = vec![Vec::new(); cols.len()];
    let mut start = body.get(1).map_or(0, |(n, _)| *n);
    for (n, line) in &body[1..] {
        if line.starts_with('+') {
            let row: Vec<String> = cells.iter().map(|c| cell_text(c)).collect();
            cells = vec![Vec::new(); cols.len()];
            if line.contains('=') && header.is_empty() && rows.is_empty() {
                header = row;
            } else {
                rows.push(Row { line: start, cells: row });
            }
            start = n + 1;
        } else {
            for (k, (s, e)) in cols.iter().enumerate() {
                cells[k].push(slice(line, *s, Some(*e)));
            }
        }
    }
    (header, rows)
}

/// Reads a simple table: `=== ===` borders; a row starts where its first column is not blank.
fn simple_table(body: &[(usize, String)]) -> (Vec<String>, Vec<Row>) {
    let cols = spans(&body[0].1, false);
    let borders: Vec<usize> =
        body.iter().enumerate().filter(|(_, (_, l))| is_table_border(l)).map(|(k, _)| k).collect();
    let has_header = borders.len() >= 3;
    let mut header = Vec::new();
    let mut rows: Vec<(usize, Vec<Vec<String>>)> = Vec::new();
    for (k, (n, line)) in body.iter().enumerate() {
        if borders.contains(&k) {
            continue;
        }
        let texts: Vec<String> =
            (0..cols.len()).map(|c| slice(line, cols[c].0, cols.get(c + 1).map(|next| next.0))).collect();
        if has_header && k < borders[1] {
            if header.is_empty() {
                header = texts.iter().map(|t| t.trim().to_owned()).collect();
            }
            continue;
        }
        if texts[0].trim().is_empty() && !rows.is_empty() {
            if let Some((_, last)) = rows.last_mut() {
                for (c, t) in texts.into_iter().enumerate() {
                    last[c].push(t);
                }
            }
        } else {
            rows.push((*n, texts.into_iter().map(|t| vec![t]).collect()));
        }
    }
    let rows = rows
        .into_iter()
        .map(|(line, cells)| Row { line, cells: cells.iter().map(|c| cell_text(c)).collect() })
        .collect();
    (header.iter().map(|h| inline(h).0).collect(), rows)
}

/// Inline markup to text: `:ref:` and external links by their text, `**bold**` and ``code``
/// unwrapped, backslash escapes resolved. Returns the text and the external link targets.
pub fn inline(s: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut links = Vec::new();
    let mut rest = s;
    while let Some(k) = rest.find('`') {
        let (before, after) = rest.split_at(k);
        let role = before.ends_with(":ref:") || before.ends_with(":doc:");
        out.push_str(if role { &before[..before.len() - 5] } else { before });
        let after = &after[1..];
        let Some(end) = after.find('`') else {
            out.push('`');
            rest = after;
            continue;
        };
        let inner = &after[..end];
        let mut tail = &after[end + 1..];
        if inner.is_empty() {
            // ``literal``: the text between the double backquotes.
            if let Some(close) = tail.find("``") {
                out.push_str(&tail[..close]);
                rest = &tail[close + 2..];
                continue;
            }
        }
        let (text, target) = match (inner.rfind('<'), inner.ends_with('>')) {
            (Some(lt), true) => (inner[..lt].trim(), Some(&inner[lt + 1..inner.len() - 1])),
            _ => (inner, None),
        };
        if let Some(t) = target.filter(|t| t.contains("://")) {
            links.push(t.to_owned());
        }
        out.push_str(if text.is_empty() { target.unwrap_or("") } else { text });
        tail = tail.trim_start_matches('_');
        rest = tail;
    }
    out.push_str(rest);
    let out = out.replace("**", "").replace("\\_", "_").replace("\\*", "*").replace("\\ ", "");
    (out, links)
}
