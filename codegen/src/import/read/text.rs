//! Reader for text copied from the browser (the seed pages): one paragraph or table cell per
//! line, cells separated by blank lines, so table rows are found by the shape of their cells.

use super::assemble::{Part, part_of, status_line};
use super::page::{Block, BlockKind, Row, Table};
use super::vocab::{self, Column};

/// One non-blank line: its 1-based number and its text, bullets written as `- `.
#[derive(Debug, Clone)]
struct Item {
    line: usize,
    text: String,
}

/// Reads a browser-text page into blocks.
pub fn read(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut part = Part::Top;
    let mut title = false;
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i];
        let line = raw.trim();
        let n = i + 1;
        i += 1;
        if line.is_empty() {
            continue;
        }
        if let Some(p) = part_of(line) {
            part = p;
            blocks.push(Block { line: n, kind: BlockKind::Heading(line.to_owned()) });
            if p == Part::StatusCodes {
                i = status_table(&lines, i, &mut blocks);
            }
            continue;
        }
        if line.starts_with("Updated on") {
            blocks.push(Block { line: n, kind: BlockKind::Para(line.to_owned()) });
            continue;
        }
        if !title {
            title = true;
            blocks.push(Block { line: n, kind: BlockKind::Heading(line.to_owned()) });
            continue;
        }
        if vocab::caption_parts(line).0.is_some() {
            let (table, next) = table(&lines, i, n, line);
            blocks.push(Block { line: n, kind: BlockKind::Table(table) });
            i = next;
            continue;
        }
        if part == Part::Sdk {
            // Sample code is only scanned for names; the whole section goes as one block.
            let end = (i..lines.len()).find(|&k| part_of(lines[k].trim()).is_some()).unwrap_or(lines.len());
            let code = lines[i - 1..end].join("\n");
            blocks.push(Block { line: n, kind: BlockKind::Code(code) });
            i = end;
            continue;
        }
        if line.starts_with(['{', '[']) {
            let end = json_end(&lines, i - 1);
            let code = dedent(&lines[i - 1..end]);
            blocks.push(Block { line: n, kind: BlockKind::Code(code) });
            i = end;
            continue;
        }
        blocks.push(Block { line: n, kind: BlockKind::Para(bullet(line)) });
    }
    blocks
}

/// `• text` as `- text`.
fn bullet(line: &str) -> String {
    match line.strip_prefix('•') {
        Some(rest) => format!("- {}", rest.trim()),
        None => line.to_owned(),
    }
}

/// The end (exclusive line index) of a JSON block starting at `start`: where its brackets close.
fn json_end(lines: &[&str], start: usize) -> usize {
    let mut depth: i64 = 0;
    let mut in_string = false;
    let mut escaped = false;
    for (k, line) in lines.iter().enumerate().skip(start) {
        for c in line.chars() {
            if in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' | '[' => depth += 1,
                '}' | ']' => depth -= 1,
                _ => {}
            }
        }
        if depth <= 0 {
            return k + 1;
        }
    }
    lines.len()
}

/// Lines with their common indentation removed, as the page printed them.
pub fn dedent(lines: &[&str]) -> String {
    let indent =
        lines.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    let out: Vec<&str> = lines.iter().map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start())).collect();
    out.join("\n")
}

/// Whether a line ends a table: a heading, another caption or a status line.
fn ends_table(line: &str) -> bool {
    part_of(line).is_some() || vocab::caption_parts(line).0.is_some() || status_line(line).is_some()
}

/// Reads the table whose caption is on line `n`; `i` is the index of the line after it.
fn table(lines: &[&str], mut i: usize, n: usize, caption: &str) -> (Table, usize) {
    let mut items = Vec::new();
    while i < lines.len() && !ends_table(lines[i].trim()) {
        let t = lines[i].trim();
        if !t.is_empty() {
            items.push(Item { line: i + 1, text: bullet(t) });
        }
        i += 1;
    }
    let header_len = header_len(&items);
    let header: Vec<String> = items[..header_len].iter().map(|it| it.text.clone()).collect();
    let rows = rows(&header, &items[header_len..]);
    (Table { line: n, caption: caption.to_owned(), header, rows }, i)
}

/// The status code table after the "Status Codes" heading (it has no caption).
fn status_table(lines: &[&str], start: usize, blocks: &mut Vec<Block>) -> usize {
    let mut i = start;
    let mut items = Vec::new();
    while i < lines.len() && part_of(lines[i].trim()).is_none_or(|p| p == Part::StatusCodes) {
        let t = lines[i].trim();
        if !t.is_empty() {
            items.push(Item { line: i + 1, text: t.to_owned() });
        }
        i += 1;
    }
    let header_len = header_len(&items);
    if header_len == 0 {
        return start;
    }
    let header: Vec<String> = items[..header_len].iter().map(|it| it.text.clone()).collect();
    let rows = rows(&header, &items[header_len..]);
    let line = items.first().map_or(start, |it| it.line);
    blocks.push(Block { line, kind: BlockKind::Table(Table { line, caption: String::new(), header, rows }) });
    i
}

/// How many leading items are header cells: known column words, each kind once (a field called
/// `name` after the header is a row, not a second Parameter column).
fn header_len(items: &[Item]) -> usize {
    let mut seen = Vec::new();
    for (k, it) in items.iter().enumerate() {
        match vocab::column(&it.text) {
            Some(c) if !seen.contains(&c) => seen.push(c),
            // A misspelled column word (`Mandatroy`) for a column not seen yet stays in the header,
            // where it is reported as an unknown header, rather than ending it unseen.
            None if vocab::misspelled_column(&it.text).is_some_and(|c| !seen.contains(&c)) => {}
            _ => return k,
        }
    }
    items.len()
}

/// Whether the cell at `text` fits a column of kind `kind`.
fn fits(kind: Option<Column>, text: &str) -> bool {
    match kind {
        Some(Column::Name) => vocab::is_name(text),
        Some(Column::Status) => text.len() == 3 && text.chars().all(|c| c.is_ascii_digit()),
        Some(Column::Mandatory) => vocab::yes_no(text).is_some(),
        Some(Column::Type) => vocab::is_type(text),
        Some(Column::Description | Column::Remarks) | None => true,
    }
}

/// Splits the items after a header into rows: a row starts where every column but the last fits.
fn rows(header: &[String], items: &[Item]) -> Vec<Row> {
    let kinds: Vec<Option<Column>> = header.iter().map(|h| vocab::column(h)).collect();
    let fixed = kinds.len().saturating_sub(1);
    // A row whose Type cell is misspelled (`Integr`) still starts a row when its Name and
    // Mandatory cells fit and the cell is short like a type: the draft then reports the type
    // phrase at its line, instead of the row running into the previous description unseen.
    let has_mandatory = kinds.contains(&Some(Column::Mandatory));
    let fits_or_typo = |kind: Option<Column>, text: &str| {
        fits(kind, text)
            || (kind == Some(Column::Type)
                && has_mandatory
                && !text.contains('\n')
                && text.chars().count() <= 40
                && !text.trim_end().ends_with(['.', '。', ':', '：']))
    };
    let starts_row = |i: usize| {
        fixed > 0
            && i + fixed < items.len() + usize::from(kinds.len() == 1)
            && (0..fixed).all(|j| items.get(i + j).is_some_and(|it| fits_or_typo(kinds[j], &it.text)))
    };
    let mut rows: Vec<Row> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        if rows.is_empty() || starts_row(i) {
            let cells: Vec<String> = items[i..(i + fixed).min(items.len())].iter().map(|it| it.text.clone()).collect();
            rows.push(Row { line: items[i].line, cells });
            i += fixed.max(1);
            // The last column: every item up to the next row.
            let mut last = Vec::new();
            while i < items.len() && !starts_row(i) {
                last.push(items[i].text.clone());
                i += 1;
            }
            if let Some(row) = rows.last_mut()
                && kinds.len() > 1
            {
                row.cells.push(last.join("\n\n"));
            }
        } else {
            i += 1;
        }
    }
    rows
}
