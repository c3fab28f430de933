//! Reader for Markdown pages with HTML tables inside (Huawei's Chinese pages): `#` headings,
//! fenced code, paragraphs, pipe tables and `**表 N** caption` lines by hand; each `<table>` by
//! the HTML reader. Backslash escapes (`\{project\_id\}`) are read as the characters they escape.

use super::html;
use super::page::{Block, BlockKind, Row, Table};
use super::vocab;

/// Reads a Markdown page into blocks.
pub fn read(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        let n = i + 1;
        if t.is_empty() {
            i += 1;
        } else if t.starts_with("```") {
            let end = (i + 1..lines.len()).find(|&k| lines[k].trim().starts_with("```")).unwrap_or(lines.len());
            if end == lines.len() {
                blocks.push(Block { line: n, kind: BlockKind::CutShort("the code block is never closed".to_owned()) });
            }
            let body = super::text::dedent(&lines[i + 1..end]);
            blocks.push(Block { line: n + 1, kind: BlockKind::Code(body) });
            i = end + 1;
        } else if t.contains("<table") {
            let closed = (i..lines.len()).find(|&k| lines[k].contains("</table>"));
            if closed.is_none() {
                blocks.push(Block {
                    line: n,
                    kind: BlockKind::CutShort("the table is never closed (`</table>`)".to_owned()),
                });
            }
            let end = closed.unwrap_or(lines.len() - 1);
            let fragment = lines[i..=end].join("\n");
            let tables = html::read_fragment(&fragment, n);
            push_tables(&mut blocks, tables);
            i = end + 1;
        } else if t.starts_with('|') && lines.get(i + 1).is_some_and(|l| is_pipe_rule(l)) {
            let end = (i + 2..lines.len()).find(|&k| !lines[k].trim().starts_with('|')).unwrap_or(lines.len());
            let table = pipe_table(&lines[i..end], n);
            push_tables(&mut blocks, vec![Block { line: n, kind: BlockKind::Table(table) }]);
            i = end;
        } else if let Some(rest) = heading(t) {
            let (text, links) = html::fragment_text(rest);
            let text = unescape(&text);
            blocks.push(Block { line: n, kind: BlockKind::Heading(text) });
            blocks.extend(links.into_iter().map(|l| Block { line: n, kind: BlockKind::Link(l) }));
            i += 1;
        } else {
            i = para(&lines, i, &mut blocks);
        }
    }
    blocks
}

/// Files tables, each captioned by the paragraph just above it when it has none: a `**表 N** ...`
/// line, or a list item that names the table (`-   请求参数`, `-   volume参数说明`).
fn push_tables(blocks: &mut Vec<Block>, mut tables: Vec<Block>) {
    let caption = match blocks.last() {
        Some(Block { kind: BlockKind::Para(p), .. }) if vocab::caption_parts(p).0.is_some() => Some(p.clone()),
        Some(Block { kind: BlockKind::Para(p), .. }) => {
            p.strip_prefix("- ").filter(|c| names_table(c)).map(str::to_owned)
        }
        _ => None,
    };
    for b in &mut tables {
        if let (BlockKind::Table(table), Some(c)) = (&mut b.kind, &caption)
            && table.caption.is_empty()
        {
            table.caption = c.clone();
        }
    }
    if caption.is_some() {
        blocks.pop();
    }
    blocks.extend(tables);
}

/// A list item that names the table under it: short words, not a sentence.
fn names_table(item: &str) -> bool {
    let t = item.trim();
    (!t.is_empty() && t.chars().count() <= 60 && !t.contains(['。', '，', '：', ':', '.']))
        || vocab::zh_object_caption(t).is_some()
}

/// `|--|--|`, `| :--- | ---: |`: the rule under a pipe table's header.
pub fn is_pipe_rule(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// A pipe table: header, rule, then one row per line. Its cells are plain text; a cell of `-`
/// alone is empty, as in the HTML tables.
fn pipe_table(lines: &[&str], first_line: usize) -> Table {
    let cells = |l: &str| -> Vec<String> {
        let t = l.trim();
        let t = t.strip_prefix('|').unwrap_or(t);
        let t = t.strip_suffix('|').unwrap_or(t);
        t.split('|')
            .map(|c| {
                let c = unescape(c.trim());
                if c == "-" { String::new() } else { c }
            })
            .collect()
    };
    let header = cells(lines[0]);
    let rows = lines.iter().enumerate().skip(2).map(|(k, l)| Row { line: first_line + k, cells: cells(l) }).collect();
    Table { line: first_line, caption: String::new(), header, rows }
}

/// Markdown's backslash escapes (`\_`, `\{`) as the characters they escape, and the emphasis
/// marks inside a placeholder dropped (`\{_project\_id_\}` is `{project_id}`): an underscore
/// that is not escaped is markup.
pub fn unescape(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let next = chars.get(k + 1).copied();
        if c == '\\' && next.is_some_and(|n| n.is_ascii_punctuation()) {
            out.extend(next);
            k += 2;
            continue;
        }
        let closes = next == Some('}') || (next == Some('\\') && chars.get(k + 2) == Some(&'}'));
        if !(c == '_' && (closes || out.ends_with('{'))) {
            out.push(c);
        }
        k += 1;
    }
    out
}

/// The text of a `#` heading line.
fn heading(t: &str) -> Option<&str> {
    let hashes = t.chars().take_while(|c| *c == '#').count();
    (hashes > 0 && t[hashes..].starts_with(' ')).then(|| t[hashes..].trim())
}

/// A paragraph or list item: lines up to a blank line, a fence, a heading or a table.
fn para(lines: &[&str], i: usize, blocks: &mut Vec<Block>) -> usize {
    let mut j = i;
    let mut words = Vec::new();
    while j < lines.len() {
        let t = lines[j].trim();
        let item = j > i && (t.starts_with("- ") || t.starts_with("* "));
        if t.is_empty() || t.starts_with("```") || t.contains("<table") || heading(t).is_some() || item {
            break;
        }
        words.push(t);
        j += 1;
    }
    let joined = words.join(" ");
    let (text, mut links) = html::fragment_text(&markdown_links(&joined, &mut Vec::new()));
    let mut md_links = Vec::new();
    markdown_links(&joined, &mut md_links);
    links.extend(md_links.into_iter().filter(|l| l.contains("api=")));
    let text = unescape(&text.replace("**", ""));
    let text = match text.strip_prefix("- ").or_else(|| text.strip_prefix("* ")) {
        Some(rest) => format!("- {}", rest.trim()),
        None => text,
    };
    if !text.trim().is_empty() {
        blocks.push(Block { line: i + 1, kind: BlockKind::Para(text) });
    }
    blocks.extend(links.into_iter().map(|l| Block { line: i + 1, kind: BlockKind::Link(l) }));
    j.max(i + 1)
}

/// `[text](url)` as `text`, collecting the URLs.
fn markdown_links(s: &str, urls: &mut Vec<String>) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else { break };
        let Some(end) = after[close + 2..].find(')') else { break };
        out.push_str(&rest[..open]);
        out.push_str(&after[..close]);
        urls.push(after[close + 2..close + 2 + end].to_owned());
        rest = &after[close + 2 + end + 1..];
    }
    out.push_str(rest);
    out
}
