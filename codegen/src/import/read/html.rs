//! Reader for the doc site's topic HTML, and the table part of Markdown pages: walks the DOM that
//! `scraper` (html5ever) builds, in document order, into headings, paragraphs, code and tables.
//!
//! The DOM carries no source positions, so `Lines` finds the line of the k-th `<table`, `<tr`,
//! `<p`, ... in the source: the tags are visited in the order they are written.

use std::collections::HashMap;

use scraper::{Html, Node};

use super::page::{Block, BlockKind, Row, Table};

type NodeRef<'a> = ego_tree::NodeRef<'a, Node>;

/// Reads an HTML page into blocks.
pub fn read(text: &str) -> Vec<Block> {
    let html = Html::parse_document(text);
    let mut w = Walker { lines: Lines::new(text, 0), blocks: Vec::new(), para: String::new(), para_line: 1 };
    w.walk(html.tree.root());
    w.flush();
    w.blocks.extend(unclosed_table(text));
    w.blocks
}

/// A table the text opens and never closes (the parser closes it silently at the end of the
/// file): where the last unclosed one starts.
fn unclosed_table(text: &str) -> Option<Block> {
    let lower = text.to_ascii_lowercase();
    let opened: Vec<usize> = lower.match_indices("<table").map(|(k, _)| k).collect();
    let closed = lower.matches("</table>").count();
    if opened.len() <= closed {
        return None;
    }
    // Tables before it are closed in order; nested ones close before their parent.
    let at = opened[closed];
    let line = lower[..at].matches('\n').count() + 1;
    Some(Block { line, kind: BlockKind::CutShort("the table is never closed (`</table>`)".to_owned()) })
}

/// Reads an HTML fragment (a table inside Markdown) that starts on line `first_line`.
pub fn read_fragment(text: &str, first_line: usize) -> Vec<Block> {
    let html = Html::parse_fragment(text);
    let mut w = Walker {
        lines: Lines::new(text, first_line.saturating_sub(1)),
        blocks: Vec::new(),
        para: String::new(),
        para_line: first_line,
    };
    w.walk(html.tree.root());
    w.flush();
    w.blocks
}

/// The text of an HTML fragment (inline markup in a Markdown line) and its API Explorer links.
pub fn fragment_text(text: &str) -> (String, Vec<String>) {
    let html = Html::parse_fragment(text);
    let mut links = Vec::new();
    let mut out = String::new();
    inline_text(html.tree.root(), &mut out, &mut links);
    (collapse(&out), links)
}

/// Source lines of the k-th opening tag of each name.
struct Lines {
    text: String,
    offset: usize,
    seen: HashMap<String, usize>,
    cache: HashMap<String, Vec<usize>>,
    last: usize,
}

impl Lines {
    fn new(text: &str, offset: usize) -> Self {
        Lines { text: text.to_ascii_lowercase(), offset, seen: HashMap::new(), cache: HashMap::new(), last: offset + 1 }
    }

    /// The line of the next `<tag` in the source, or the last line found when there is none.
    fn next(&mut self, tag: &str) -> usize {
        let text = &self.text;
        let lines = self.cache.entry(tag.to_owned()).or_insert_with(|| {
            let open = format!("<{tag}");
            let mut out = Vec::new();
            let mut line = 1;
            let mut from = 0;
            while let Some(k) = text[from..].find(&open) {
                let at = from + k;
                let after = text[at + open.len()..].chars().next();
                line += text[from..at].matches('\n').count();
                if after.is_some_and(|c| c == '>' || c == '/' || c.is_whitespace()) {
                    out.push(line);
                }
                from = at + open.len();
            }
            out
        });
        let k = self.seen.entry(tag.to_owned()).or_insert(0);
        if let Some(l) = lines.get(*k) {
            self.last = l + self.offset;
        }
        *k += 1;
        self.last
    }
}

struct Walker {
    lines: Lines,
    blocks: Vec<Block>,
    para: String,
    para_line: usize,
}

fn element_name<'a>(node: &NodeRef<'a>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text of inline content, with the targets of its links to API Explorer and other pages.
fn inline_text(node: NodeRef<'_>, out: &mut String, links: &mut Vec<String>) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(&t.text),
            Node::Element(e) => {
                // API Explorer links name the operation; links to other pages name where a
                // section is documented ("See Responses (Task)"). Anchors on the page do neither.
                if e.name() == "a"
                    && let Some(href) = e.attr("href").filter(|h| !h.trim().is_empty() && !h.starts_with('#'))
                {
                    links.push(href.to_owned());
                }
                if matches!(e.name(), "br" | "p" | "div" | "li") {
                    out.push(' ');
                }
                if !matches!(e.name(), "script" | "style") {
                    inline_text(child, out, links);
                }
            }
            _ => {}
        }
    }
}

/// Text of a table cell: `<p>` and `<div>` make paragraphs, `<li>` makes `- ` items.
fn cell_text(node: NodeRef<'_>) -> String {
    let mut paras: Vec<String> = Vec::new();
    let mut current = String::new();
    cell_walk(node, &mut paras, &mut current);
    paras.push(current);
    let paras: Vec<String> = paras.iter().map(|p| collapse(p)).filter(|p| !p.is_empty() && p != "-").collect();
    paras.join("\n\n")
}

fn cell_walk(node: NodeRef<'_>, paras: &mut Vec<String>, current: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => current.push_str(&t.text),
            Node::Element(e) => match e.name() {
                "p" | "div" | "ul" | "ol" | "pre" | "table" | "br" => {
                    paras.push(std::mem::take(current));
                    cell_walk(child, paras, current);
                    paras.push(std::mem::take(current));
                }
                "li" => {
                    paras.push(std::mem::take(current));
                    current.push_str("- ");
                    cell_walk(child, paras, current);
                    paras.push(std::mem::take(current));
                }
                "script" | "style" => {}
                "a" if let Some(page) = e.attr("href").and_then(other_page) => {
                    // "详情请参见表3" linking to another page's Table 3: written `<page>#表3`,
                    // so that it is not read as this page's Table 3.
                    let mut text = String::new();
                    let mut inner = Vec::new();
                    cell_walk(child, &mut inner, &mut text);
                    if inner.iter().all(|p| p.trim().is_empty()) && is_table_number(text.trim()) {
                        current.push_str(&format!("{page}#{}", text.trim()));
                    } else {
                        cell_walk(child, paras, current);
                    }
                }
                _ => cell_walk(child, paras, current),
            },
            _ => {}
        }
    }
}

/// The page a link's target names when it is another page (`数据结构.md#table3` -> `数据结构`);
/// `None` for an anchor on this page.
fn other_page(href: &str) -> Option<&str> {
    let file = href.trim().split('#').next()?.trim();
    let name = file.rsplit('/').next()?;
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    (!stem.is_empty()).then_some(stem)
}

/// `表3`, `表 3`, `Table 3`.
fn is_table_number(text: &str) -> bool {
    let rest = text.strip_prefix("Table").or_else(|| text.strip_prefix("table")).or_else(|| text.strip_prefix("表"));
    rest.is_some_and(|r| {
        let r = r.trim();
        !r.is_empty() && r.chars().all(|c| c.is_ascii_digit())
    })
}

impl Walker {
    fn push(&mut self, line: usize, kind: BlockKind) {
        self.blocks.push(Block { line, kind });
    }

    fn flush(&mut self) {
        let text = collapse(&self.para);
        self.para.clear();
        if !text.is_empty() {
            let line = self.para_line;
            self.push(line, BlockKind::Para(text));
        }
    }

    fn walk(&mut self, node: NodeRef<'_>) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => {
                    if self.para.trim().is_empty() {
                        self.para_line = self.lines.last;
                    }
                    self.para.push_str(&t.text);
                }
                Node::Element(_) => self.element(child),
                _ => {}
            }
        }
    }

    fn element(&mut self, node: NodeRef<'_>) {
        let Some(name) = element_name(&node) else { return };
        match name {
            "table" => {
                self.flush();
                let line = self.lines.next("table");
                let table = self.table(node, line);
                self.push(line, BlockKind::Table(table));
                // The cells' paragraphs, lists and code are read as cell text, not walked: count
                // their tags, so that the lines of what follows the table stay right.
                for d in node.descendants().skip(1) {
                    if let Some(n @ ("p" | "li" | "pre" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6")) = element_name(&d) {
                        self.lines.next(n);
                    }
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let line = self.lines.next(name);
                let (text, links) = self.inline(node);
                self.push(line, BlockKind::Heading(text));
                self.links(line, links);
            }
            "pre" => {
                self.flush();
                let line = self.lines.next("pre");
                let mut text = String::new();
                inline_text(node, &mut text, &mut Vec::new());
                self.push(line, BlockKind::Code(text.trim_matches('\n').to_owned()));
            }
            "p" | "li" => {
                self.flush();
                let line = self.lines.next(name);
                let blocky = node.descendants().any(|d| matches!(element_name(&d), Some("pre" | "table" | "p" | "ul")));
                if name == "li" && blocky {
                    self.walk(node);
                    self.flush();
                } else {
                    let (text, links) = self.inline(node);
                    let text = if name == "li" { format!("- {text}") } else { text };
                    if !text.trim().is_empty() {
                        self.push(line, BlockKind::Para(text));
                    }
                    self.links(line, links);
                }
            }
            "a" => {
                if let Some(href) =
                    node.value().as_element().and_then(|e| e.attr("href")).filter(|h| h.contains("api="))
                {
                    let line = self.lines.last;
                    self.push(line, BlockKind::Link(href.to_owned()));
                }
                self.walk(node);
            }
            "script" | "style" | "head" | "title" => {}
            "div" | "section" | "body" | "ul" | "ol" | "html" => {
                self.flush();
                self.walk(node);
                self.flush();
            }
            _ => self.walk(node),
        }
    }

    fn inline(&self, node: NodeRef<'_>) -> (String, Vec<String>) {
        let mut text = String::new();
        let mut links = Vec::new();
        inline_text(node, &mut text, &mut links);
        (collapse(&text), links)
    }

    fn links(&mut self, line: usize, links: Vec<String>) {
        for link in links {
            self.push(line, BlockKind::Link(link));
        }
    }

    /// Caption, header (the `<thead>` row, a first row of `<th>`, or a first row of known column
    /// names) and body rows.
    fn table(&mut self, node: NodeRef<'_>, line: usize) -> Table {
        let mut caption = String::new();
        let mut header = Vec::new();
        let mut rows = Vec::new();
        let mut trs = Vec::new();
        collect_rows(node, false, &mut caption, &mut trs);
        for (tr, in_head) in trs {
            let row_line = self.lines.next("tr");
            let cells: Vec<NodeRef<'_>> =
                tr.children().filter(|c| matches!(element_name(c), Some("td" | "th"))).collect();
            let all_th = cells.iter().all(|c| element_name(c) == Some("th"));
            let texts: Vec<String> = cells.into_iter().map(cell_text).collect();
            // Some pages print the header as a first row of `<td>` (no `<thead>`, no `<th>`):
            // a first row whose every cell is a column name the importer knows is the header.
            let words = texts.len() >= 2 && texts.iter().all(|t| super::vocab::column(t).is_some());
            if header.is_empty() && rows.is_empty() && (in_head || all_th || words) {
                header = texts;
            } else {
                rows.push(Row { line: row_line, cells: texts });
            }
        }
        let caption = collapse(&caption);
        Table { line, caption, header, rows }
    }
}

/// The rows of a table (not of tables nested in its cells), each with whether it is in `<thead>`.
fn collect_rows<'a>(node: NodeRef<'a>, in_head: bool, caption: &mut String, out: &mut Vec<(NodeRef<'a>, bool)>) {
    for child in node.children() {
        match element_name(&child) {
            Some("caption") => inline_text(child, caption, &mut Vec::new()),
            Some("thead") => collect_rows(child, true, caption, out),
            Some("tbody" | "tfoot") => collect_rows(child, in_head, caption, out),
            Some("tr") => out.push((child, in_head)),
            _ => {}
        }
    }
}
