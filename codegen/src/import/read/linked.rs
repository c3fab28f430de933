//! Tables a page links to on other pages: an RST page's row may type a field with
//! ``:ref:`spec <cce_02_0236__table195921039143517>` object``, a table that another page of the
//! same folder defines (CCE's cluster `metadata` and `spec`, tabled once on "Creating a Cluster"
//! and linked from every page that uses them). [`with_linked_tables`] copies such tables (and
//! those they link to in turn) to the end of the page, so that the page is read as if it printed
//! them: the rules that link a row to the table its caption or link names then apply.

use std::collections::BTreeMap;

use super::rst::{self, anchors, rewrite_refs};

/// At most this many tables are copied into one page.
const MAX_TABLES: usize = 40;

/// Copied tables are numbered from here (`**Table 901**`), so that no "Table N" of the page
/// itself means one of them.
const FIRST_NUMBER: u32 = 901;

/// `text` (an RST page) with every table it links to on another page appended, each under its
/// anchor and renumbered, and the links that name them by number (``:ref:`Table 4 <anchor>` ``)
/// renumbered in the same length (grid tables keep their columns). `find(anchor)` is the text of
/// the page that defines `anchor`, if any. The page is returned unchanged when it links to no
/// table of another page that `find` knows.
pub fn with_linked_tables(text: &str, find: &dyn Fn(&str) -> Option<String>) -> String {
    let mut defined = anchors(text);
    let mut queue: Vec<String> = targets(text).into_iter().filter(|t| !defined.contains(t)).collect();
    let mut numbers: BTreeMap<String, u32> = BTreeMap::new();
    let mut appended = String::new();
    let mut k = 0;
    while k < queue.len() && numbers.len() < MAX_TABLES {
        let anchor = queue[k].clone();
        k += 1;
        if defined.contains(&anchor) {
            continue;
        }
        let Some(other) = find(&anchor) else { continue };
        let Some(block) = table_at(&other, &anchor) else { continue };
        let number = FIRST_NUMBER + numbers.len() as u32;
        numbers.insert(anchor.clone(), number);
        defined.push(anchor.clone());
        let block = renumber_caption(&block, number);
        // The copied table's own links: to tables of its page, which are copied in turn.
        for t in targets(&block) {
            if !defined.contains(&t) && !queue.contains(&t) {
                queue.push(t);
            }
        }
        appended.push_str(&format!("\n.. _{anchor}:\n\n{block}\n"));
    }
    if numbers.is_empty() {
        return text.to_owned();
    }
    renumber_links(&format!("{}\n{appended}", text.trim_end()), &numbers)
}

/// The targets of a text's `:ref:` links, in order, each once.
fn targets(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for link in rst::refs(text) {
        if !link.target.contains(char::is_whitespace) && !out.iter().any(|o| o == link.target) {
            out.push(link.target.to_owned());
        }
    }
    out
}

/// The `.. table::` directive that follows `.. _anchor:` in `page`, with its indented body.
fn table_at(page: &str, anchor: &str) -> Option<String> {
    let lines: Vec<&str> = page.lines().collect();
    let start = lines.iter().position(|l| rst::anchor(l) == Some(anchor))?;
    let mut k = start + 1;
    while lines.get(k).is_some_and(|l| l.trim().is_empty()) {
        k += 1;
    }
    let first = lines.get(k)?;
    let indent = first.len() - first.trim_start_matches(' ').len();
    if !first.trim_start_matches(' ').starts_with(".. table::") {
        return None;
    }
    let mut block = vec![first[indent..].to_owned()];
    for l in &lines[k + 1..] {
        let inside = l.trim().is_empty() || l.len() - l.trim_start_matches(' ').len() > indent;
        if !inside {
            break;
        }
        // Only the directive's indentation of ASCII spaces is removed (a line may start with other
        // white space, such as U+3000, which is no indentation and not one byte).
        let dedented = l.strip_prefix(&" ".repeat(indent)).unwrap_or_else(|| l.trim_start_matches(' '));
        block.push(if l.trim().is_empty() { String::new() } else { dedented.to_owned() });
    }
    while block.last().is_some_and(|l| l.is_empty()) {
        block.pop();
    }
    Some(block.join("\n"))
}

/// The directive's caption with its number replaced (`**Table 4** spec` -> `**Table 901** spec`).
fn renumber_caption(block: &str, number: u32) -> String {
    let (first, rest) = block.split_once('\n').unwrap_or((block, ""));
    let caption = match first.find("Table ") {
        Some(k) => {
            let after = &first[k + 6..];
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            if digits == 0 { first.to_owned() } else { format!("{}Table {number}{}", &first[..k], &after[digits..]) }
        }
        None => first.to_owned(),
    };
    if rest.is_empty() { caption } else { format!("{caption}\n{rest}") }
}

/// Each ``:ref:`Table N <anchor>` `` to a copied table reading its new number, in the same
/// length: the target, which no reader follows, gives way.
fn renumber_links(text: &str, numbers: &BTreeMap<String, u32>) -> String {
    rewrite_refs(text, &|words, target| {
        let number = numbers.get(target)?;
        let n = words.strip_prefix("Table")?.trim();
        (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit())).then(|| format!("Table {number}"))
    })
}

#[cfg(test)]
mod tests {
    use super::with_linked_tables;

    /// A `:ref:` whose backtick never closes does not hide the link after it, for the targets and
    /// for the rewriting alike; a `:ref:` without a target is no link.
    #[test]
    fn a_broken_ref_does_not_hide_the_next_link() {
        let text = "see :ref:`Table 1 and :ref:`Table 2 <t2>` then :ref:`plain` and :ref:`T <t3>`";
        assert_eq!(super::targets(text), ["t2", "t3"]);
        let rewritten =
            super::rst::rewrite_refs(text, &|words, _| words.contains("Table").then(|| words.replace("Table", "Tab")));
        assert_eq!(rewritten, "see :ref:`Table 1 and :ref:`Tab 2 <xxxx>` then :ref:`plain` and :ref:`T <t3>`");
    }

    const OTHER: &str = "\
Creating a Thing
================

.. _other__table1:

.. table:: **Table 4** Data structure of the **spec** field

   ========= ====== ===================================
   Parameter Type   Description
   ========= ====== ===================================
   size      String Size.
   inner     Object See :ref:`Table 5 <other__table2>`.
   ========= ====== ===================================

.. _other__table2:

.. table:: **Table 5** inner

   ========= ====== ===========
   Parameter Type   Description
   ========= ====== ===========
   depth     String Depth.
   ========= ====== ===========

Status Codes
------------
";

    #[test]
    fn tables_linked_on_another_page_are_copied_renumbered_with_those_they_link() {
        let page = "Page\n====\n\n   | spec | :ref:`spec <other__table1>` object | x |\n   | see :ref:`Table 4 <other__table1>` |\n";
        let find = |a: &str| a.starts_with("other__").then(|| OTHER.to_owned());
        let out = with_linked_tables(page, &find);
        assert!(
            out.contains(".. _other__table1:\n\n.. table:: **Table 901** Data structure of the **spec** field"),
            "{out}"
        );
        assert!(out.contains(".. _other__table2:\n\n.. table:: **Table 902** inner"), "{out}");
        assert!(out.contains("See :ref:`Table 902 <x"), "{out}");
        assert!(out.contains("see :ref:`Table 901 <x"), "{out}");
        // Same length: grid tables keep their columns.
        let line = |t: &str| t.lines().find(|l| l.contains("see :ref:")).map(str::len);
        assert_eq!(line(&out), line(page));
        assert!(!out.contains("Status Codes"), "only the tables are copied:\n{out}");
        assert_eq!(with_linked_tables(page, &|_| None), page, "nothing to copy: unchanged");
    }

    #[test]
    fn a_line_that_starts_with_wide_white_space_is_copied_without_a_panic() {
        // The directive is indented 2; ` \u{3000}` (1 space, then a 3-byte space) ends the table
        // without slicing inside that character; `   \u{3000}y` is inside it and kept.
        let other = "-  .. _a__t1:\n\n  .. table:: **Table 1** t\n\n     x\n   \u{3000}y\n \u{3000}   z\n\nEnd\n";
        let page = "P\n=\n\n| f | :ref:`t <a__t1>` object | x |\n";
        let out = with_linked_tables(page, &|_| Some(other.to_owned()));
        assert!(out.contains(".. table:: **Table 901** t"), "{out}");
        assert!(out.contains(" \u{3000}y") && !out.contains("z"), "{out}");
    }
}
