//! Reader for Markdown pages with HTML tables inside (Huawei's Chinese pages): `#` headings,
//! fenced code, paragraphs and `**表 N** caption` lines by hand; each `<table>` by the HTML reader.

use super::html;
use super::page::{Block, BlockKind};
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
            let body = super::text::dedent(&lines[i + 1..end]);
            blocks.push(Block { line: n + 1, kind: BlockKind::Code(body) });
            i = end + 1;
        } else if t.contains("<table") {
            let end = (i..lines.len()).find(|&k| lines[k].contains("</table>")).unwrap_or(lines.len() - 1);
            let fragment = lines[i..=end].join("\n");
            let mut tables = html::read_fragment(&fragment, n);
            // The caption is the `**表 N** ...` paragraph just above the table.
            let caption = match blocks.last() {
                Some(Block { kind: BlockKind::Para(p), .. }) if vocab::caption_parts(p).0.is_some() => Some(p.clone()),
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
            i = end + 1;
        } else if let Some(rest) = heading(t) {
            let (text, links) = html::fragment_text(rest);
            blocks.push(Block { line: n, kind: BlockKind::Heading(text) });
            blocks.extend(links.into_iter().map(|l| Block { line: n, kind: BlockKind::Link(l) }));
            i += 1;
        } else {
            i = para(&lines, i, &mut blocks);
        }
    }
    blocks
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
    let text = text.replace("**", "");
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
