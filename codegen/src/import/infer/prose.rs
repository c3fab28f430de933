//! Inference from description prose: ranges, lengths, defaults and value lists, in the older
//! layout (written in sentences) and the current one (`Definition` / `Constraints` / `Range` /
//! `Default Value` blocks). Each finding keeps the words it came from, for the review mark.

use super::compare;
pub use super::kind::{Bounds, Kind};

/// A finding and the words it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<T> {
    /// What was inferred.
    pub value: T,
    /// The words, as printed.
    pub words: String,
}

/// A documented value, with its explanation when the page gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// The value on the wire.
    pub value: String,
    /// What it means.
    pub description: Option<String>,
}

/// Everything inferred from one description cell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inferred {
    /// The description to write: the cell without layout headings, blocks saying N/A, or the
    /// explained value list (its explanations go to `values`).
    pub description: String,
    /// A numeric range.
    pub range: Option<Found<Bounds>>,
    /// A length range.
    pub length: Option<Found<Bounds>>,
    /// A default, as YAML-ready text (a number, a bool, or a string to quote).
    pub default: Option<Found<serde_json::Value>>,
    /// Words that state a default the importer cannot read as a value of the field (not a value
    /// of its list, a number or a boolean of its type): kept for the review mark, not drafted.
    pub default_left: Option<String>,
    /// A value list.
    pub values: Option<Found<Vec<Value>>>,
}

const LAYOUT: &[(&str, &str)] = &[
    ("definition", ""),
    ("参数解释", ""),
    ("constraints", "Constraints"),
    ("约束限制", "Constraints"),
    ("range", "Range"),
    ("value range", "Range"),
    ("取值范围", "Range"),
    ("default value", "Default value"),
    ("默认取值", "Default value"),
];

fn layout_heading(p: &str) -> Option<&'static str> {
    let h = p.trim().trim_end_matches([':', '：']).to_lowercase();
    LAYOUT.iter().find(|(k, _)| *k == h).map(|(_, v)| *v)
}

/// A paragraph `- Definition: text` as its heading and its text; any other paragraph as is.
fn bullet_block(p: &str) -> Vec<&str> {
    let split = p.strip_prefix("- ").and_then(|rest| {
        let at = rest.find([':', '：'])?;
        let colon = rest[at..].chars().next().map_or(1, char::len_utf8);
        layout_heading(&rest[..at]).map(|_| (&rest[..at + colon], rest[at + colon..].trim()))
    });
    match split {
        Some((heading, "")) => vec![heading],
        Some((heading, text)) => vec![heading, text],
        None => vec![p],
    }
}

fn is_na(p: &str) -> bool {
    matches!(p.trim().trim_end_matches(['.', '。']).to_lowercase().as_str(), "n/a" | "none" | "不涉及" | "无" | "na")
}

/// Infers what the description of a field of kind `kind` says.
pub fn infer(cell: &str, kind: Kind) -> Inferred {
    let printed: Vec<&str> = cell.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    // The layout's blocks printed as bullets, `- Definition: ...` then `- Range: ...`: each is its
    // heading and its text, as when printed on lines of their own.
    let paras: Vec<&str> = printed.iter().flat_map(|p| bullet_block(p)).collect();
    // The current layout: `Definition` ... `Range` ... `Default Value` ... blocks.
    let mut out: Vec<String> = Vec::new();
    let mut block: Option<&str> = None;
    let mut default_block: Vec<&str> = Vec::new();
    // The paragraphs of the block being read, under its heading: one is `Range: asc`, several are
    // one list (`Range:` then `- asc`, `- desc`) rather than the heading repeated.
    let mut items: Vec<&str> = Vec::new();
    let flush = |out: &mut Vec<String>, heading: Option<&str>, items: &mut Vec<&str>| {
        match (heading, items.as_slice()) {
            (_, []) => {}
            (Some(h), [one]) => out.push(format!("{h}: {one}")),
            (Some(h), many) => {
                let list: Vec<String> = many.iter().map(|p| format!("- {}", p.replace('\n', " "))).collect();
                out.push(format!("{h}:\n{}", list.join("\n")));
            }
            (None, _) => {}
        }
        items.clear();
    };
    for p in &paras {
        if let Some(h) = layout_heading(p) {
            flush(&mut out, block, &mut items);
            block = Some(h);
            continue;
        }
        if block.is_some() && is_na(p) {
            continue;
        }
        if block == Some("Default value") {
            default_block.push(p);
        }
        match block {
            Some(h) if !h.is_empty() && !p.starts_with("- ") => items.push(p),
            _ => {
                flush(&mut out, block, &mut items);
                out.push((*p).to_owned());
            }
        }
    }
    flush(&mut out, block, &mut items);
    let mut inferred = Inferred { description: out.join("\n\n"), ..Inferred::default() };
    let sentences: Vec<&str> = paras.iter().flat_map(|p| sentences(p)).collect();
    match kind {
        Kind::Integer | Kind::Number => inferred.range = range(&sentences, kind),
        Kind::String => inferred.length = length(&sentences),
        Kind::Strings | Kind::Array => inferred.length = length_items(&sentences),
        _ => {}
    }
    if matches!(kind, Kind::String | Kind::Strings) {
        inferred.values = values(&paras, &mut inferred.description);
    }
    let list = inferred.values.as_ref().map(|v| v.value.as_slice());
    (inferred.default, inferred.default_left) = default(&sentences, &default_block, kind, list);
    if let (Some(r), Some(d)) = (&mut inferred.range, &inferred.default) {
        // "A positive integer" whose documented default is 0 means non-negative.
        if let (Some(min), Some(dv)) = (r.value.0, d.value.as_f64())
            && dv < min
            && r.words.contains("positive")
        {
            r.value.0 = Some(dv);
        }
    }
    // A range that its own default falls outside was misread: leave it to the reader.
    if let (Some(r), Some(d)) = (&inferred.range, inferred.default.as_ref().and_then(|d| d.value.as_f64()))
        && (r.value.0.is_some_and(|min| d < min) || r.value.1.is_some_and(|max| d > max))
    {
        inferred.range = None;
    }
    inferred
}

/// Sentences of a paragraph, each with its full stop.
fn sentences(p: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes: Vec<(usize, char)> = p.char_indices().collect();
    for (k, (i, c)) in bytes.iter().enumerate() {
        let next_space = bytes.get(k + 1).is_none_or(|(_, n)| n.is_whitespace());
        if (*c == '.' && next_space) || *c == '。' || *c == '；' {
            let end = i + c.len_utf8();
            out.push(p[start..end].trim());
            start = end;
        }
    }
    if start < p.len() {
        out.push(p[start..].trim());
    }
    out.into_iter().filter(|s| !s.is_empty()).collect()
}

/// Numbers in a text, in order (`1,000` is one number; a minus sign is kept).
fn numbers(s: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let neg = chars[k] == '-'
            && chars.get(k + 1).is_some_and(char::is_ascii_digit)
            && (k == 0 || !chars[k - 1].is_alphanumeric());
        if chars[k].is_ascii_digit() || neg {
            let before_ok = k == 0 || !(chars[k - 1].is_ascii_alphabetic() || chars[k - 1] == '_');
            let start = k;
            k += 1;
            while k < chars.len()
                && (chars[k].is_ascii_digit()
                    || (matches!(chars[k], ',' | '.') && chars.get(k + 1).is_some_and(char::is_ascii_digit)))
            {
                k += 1;
            }
            let word: String = chars[start..k].iter().filter(|c| **c != ',').collect();
            let after_ok = k >= chars.len() || !(chars[k].is_ascii_alphabetic() || chars[k] == '_');
            if before_ok
                && after_ok
                && let Ok(n) = word.parse::<f64>()
            {
                out.push(n);
            }
        } else {
            k += 1;
        }
    }
    out
}

fn found<T>(value: T, words: &str) -> Option<Found<T>> {
    Some(Found { value, words: words.trim().to_owned() })
}

/// `Value range: 1 to 128`, `1 to 31.`, `取值范围1~32`, `Greater than or equal to 0`, `positive
/// integer`, `maximum value is 1000`. Words that compute a bound ("the instance nodes minus 1")
/// are not a range.
fn range(sentences: &[&str], kind: Kind) -> Option<Found<Bounds>> {
    for s in sentences {
        let l = s.to_lowercase();
        if l.contains("character") || l.contains("字符") || l.contains("digit") {
            continue;
        }
        let computed = compare::ARITHMETIC.iter().any(|a| l.contains(a));
        let n = numbers(s);
        let between =
            l.contains(" to ") || l.contains('~') || l.contains(" and ") || l.contains('-') || l.contains('～');
        let cue = l.contains("range") || l.contains("取值") || l.contains("between") || l.contains("from");
        if !computed
            && n.len() == 2
            && between
            && (cue || l.trim_end_matches('.').split_whitespace().count() <= 4)
            && n[0] <= n[1]
        {
            return found((Some(n[0]), Some(n[1])), s);
        }
        if let Some(bounds) = compare::compared(&l, kind) {
            return found(bounds, s);
        }
        if l.contains("non-negative") || l.contains("nonnegative") {
            return found((Some(0.0), None), s);
        }
        if l.contains("positive integer") && kind == Kind::Integer {
            return found((Some(1.0), None), s);
        }
    }
    None
}

/// `1 to 32 characters`, `a maximum of 256 characters`, `长度为1~64个字符`.
fn length(sentences: &[&str]) -> Option<Found<Bounds>> {
    for s in sentences {
        let l = s.to_lowercase();
        if !(l.contains("character") || l.contains("字符")) {
            continue;
        }
        let n = numbers(s);
        match n.as_slice() {
            [a, b] if a <= b && (l.contains(" to ") || l.contains('~') || l.contains('-') || l.contains("and")) => {
                return found((Some(*a), Some(*b)), s);
            }
            [a] if [
                "maximum",
                "max",
                "cannot exceed",
                "up to",
                "at most",
                "no more than",
                "最多",
                "不超过",
                "最大",
            ]
            .iter()
            .any(|u| l.contains(u)) =>
            {
                return found((None, Some(*a)), s);
            }
            [a] if ["minimum", "at least", "最少", "至少"].iter().any(|u| l.contains(u)) => {
                return found((Some(*a), None), s);
            }
            _ => {}
        }
    }
    None
}

/// `a maximum of 20 items`, for arrays.
fn length_items(sentences: &[&str]) -> Option<Found<Bounds>> {
    for s in sentences {
        let l = s.to_lowercase();
        let n = numbers(s);
        if n.len() == 1
            && (l.contains("maximum of") || l.contains("up to"))
            && (l.contains("item") || l.contains("element"))
        {
            return found((None, Some(n[0])), s);
        }
    }
    None
}

/// `The value is 0 by default.`, `10 accounts are queried by default`, `Default value: 10`,
/// `默认值：10`, `an empty string by default`, or the `Default Value` block of the current layout.
/// A default is a value of the field's list (in the list's spelling), a number on a numeric
/// field, a boolean on a Boolean one, or a string stated as the value; anything else ("It is
/// left blank by default", "the read-only mode is used by default") is not drafted, and the words
/// are returned instead, for the review mark.
fn default(
    sentences: &[&str],
    block: &[&str],
    kind: Kind,
    list: Option<&[Value]>,
) -> (Option<Found<serde_json::Value>>, Option<String>) {
    let mut left: Option<String> = None;
    if let Some(b) = block.first() {
        let word = b.trim().trim_end_matches(['.', '。']).trim();
        if let Some(v) = stated(word, kind, list) {
            return (found(v, b), None);
        }
        let n = numbers(b);
        if n.len() == 1 && matches!(kind, Kind::Integer | Kind::Number) {
            return (found(number(n[0], kind), b), None);
        }
        // A block that is one word is the value itself (`GMT+08:00`); `null` says there is none.
        let one_word = !word.is_empty()
            && word.len() <= 64
            && word.chars().all(|c| c.is_ascii_alphanumeric() || "_-.:+".contains(c));
        if kind == Kind::String && list.is_none() && one_word && !word.eq_ignore_ascii_case("null") {
            return (found(serde_json::Value::from(word), b), None);
        }
        left = (scalar(kind) && !word.eq_ignore_ascii_case("null")).then(|| b.trim().to_owned());
    }
    let cues = ["by default", "default value is", "default value:", "defaults to", "默认值", "默认为", "默认是"];
    for s in sentences {
        // ASCII lower case keeps byte offsets, so the value is cut from the sentence as printed.
        let l = s.to_ascii_lowercase();
        let Some(at) = cues.iter().filter_map(|c| l.find(c).map(|k| (k, *c))).min() else { continue };
        let candidate = if kind == Kind::String && list.is_none() && l.contains("empty string") {
            Some(serde_json::Value::from(""))
        } else if at.1 == "by default" {
            by_default(&s[..at.0], kind, list)
        } else {
            let after = s[at.0 + at.1.len()..].trim_start_matches([':', '：', ' ', '为', '是']);
            let word = after.split(|c: char| c.is_whitespace() || c == ',' || c == '，' || c == '。').next();
            word.and_then(|w| stated(w.trim_end_matches('.'), kind, list))
        };
        match candidate {
            Some(v) => return (found(v, s), None),
            None if scalar(kind) => {
                left.get_or_insert_with(|| s.trim().to_owned());
            }
            None => {}
        }
    }
    (None, left)
}

/// Whether a field of this kind takes a default (spec/README.md: scalars only).
fn scalar(kind: Kind) -> bool {
    matches!(kind, Kind::Integer | Kind::Number | Kind::Boolean | Kind::String)
}

/// The value in the words before "by default": the last number or word of the field's type a few
/// words back; on a String field without a value list, only the word of "the value is X by
/// default" (other words there are verbs and nouns: "used", "blank", "group").
fn by_default(before: &str, kind: Kind, list: Option<&[Value]>) -> Option<serde_json::Value> {
    let words: Vec<&str> = before.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
    if kind == Kind::String && list.is_none() {
        return match words.as_slice() {
            [.., value, is, word] if value.eq_ignore_ascii_case("value") && is.eq_ignore_ascii_case("is") => {
                stated(word, kind, list)
            }
            _ => None,
        };
    }
    words.iter().rev().take(5).find_map(|w| stated(w, kind, list))
}

/// A default written as one word, in the field's type: on a field with a value list, the list's
/// value it names (case aside).
fn stated(word: &str, kind: Kind, list: Option<&[Value]>) -> Option<serde_json::Value> {
    match (kind, list) {
        (Kind::String, Some(list)) => {
            list.iter().find(|v| v.value.eq_ignore_ascii_case(word)).map(|v| serde_json::Value::from(v.value.as_str()))
        }
        (Kind::String, None)
            if ["empty string", "an empty string", "空字符串"].contains(&word.to_lowercase().as_str()) =>
        {
            Some(serde_json::Value::from(""))
        }
        _ => typed(word, kind),
    }
}

fn number(n: f64, kind: Kind) -> serde_json::Value {
    if kind == Kind::Integer && n.fract() == 0.0 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Value::from(n)
    }
}

/// A default written as one word, in the field's type.
fn typed(word: &str, kind: Kind) -> Option<serde_json::Value> {
    match kind {
        Kind::Integer => word.parse::<i64>().ok().map(serde_json::Value::from),
        Kind::Number => word.parse::<f64>().ok().map(serde_json::Value::from),
        Kind::Boolean => match word.to_lowercase().as_str() {
            "true" => Some(true.into()),
            "false" => Some(false.into()),
            _ => None,
        },
        Kind::String => {
            let ok = !word.is_empty()
                && word.len() <= 40
                && word.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
            let filler = ["the", "is", "a", "value", "empty", "null", "none", "by", "not", "are", "queried"];
            (ok && !filler.contains(&word.to_lowercase().as_str())).then(|| serde_json::Value::from(word))
        }
        _ => None,
    }
}

/// Whether a word reads as an enum value.
fn is_token(w: &str) -> bool {
    !w.is_empty()
        && w.len() <= 64
        && w.chars().all(|c| c.is_ascii_alphanumeric() || "_-.:/".contains(c))
        && !w.ends_with(':')
}

const CUES: &[&str] = &[
    "the value can be",
    "the values are",
    "the value is",
    "values:",
    "value:",
    "options:",
    "options are",
    "enumerated values:",
    "possible values are",
    "can be set to",
    "取值为",
    "取值范围",
    "其中包括",
    "包括",
    "可选值",
];

/// A value list: bullets `- value: explanation` (then moved out of the description), or
/// `The value can be A, B, or C.` (then kept in the description).
fn values(paras: &[&str], description: &mut String) -> Option<Found<Vec<Value>>> {
    let bullets: Vec<&str> = paras.iter().filter_map(|p| p.strip_prefix("- ")).collect();
    if bullets.len() >= 2 {
        let parsed: Option<Vec<Value>> = bullets.iter().map(|b| described(b)).collect();
        if let Some(values) = parsed {
            let words = bullets.join("; ");
            *description = strip_list(description);
            return found(values, &words);
        }
        if let Some(listed) = bullet_values(paras, description) {
            return Some(listed);
        }
    }
    for p in paras {
        for s in sentences(p) {
            let l = s.to_lowercase();
            let Some((at, cue)) = CUES.iter().filter_map(|c| l.find(c).map(|k| (k, *c))).min() else { continue };
            let list = s[at + cue.len()..].trim().trim_start_matches([':', '：']).trim_end_matches(['.', '。']);
            let words: Vec<&str> = list
                .split([',', '、', '，'])
                .flat_map(|w| w.split(" or "))
                .flat_map(|w| w.split(" and "))
                .map(|w| w.trim().trim_start_matches("or ").trim_start_matches("and ").trim().trim_matches(['"', '\'']))
                .filter(|w| !w.is_empty())
                .collect();
            if words.len() >= 2 && words.iter().all(|w| is_token(w)) {
                let values = words.iter().map(|w| Value { value: (*w).to_owned(), description: None }).collect();
                return found(values, s);
            }
        }
    }
    None
}

/// A value list among several bullet lists, introduced by a cue ("Enumerated values:", "The
/// value can be:"): its bullets `- value: explanation`, or bare values (`- gear`), for which a
/// list elsewhere on the page that explains the same values gives the descriptions (pages print a
/// list explained, then bare under "Enumerated values:"). Bullets no cue introduces are notes
/// ("The password must meet the following requirements:"), not values. The description loses its
/// lists only when every bullet is one of the values.
fn bullet_values(paras: &[&str], description: &mut String) -> Option<Found<Vec<Value>>> {
    // Runs of consecutive bullets, each with the paragraph before it.
    let mut runs: Vec<(Option<&str>, Vec<&str>)> = Vec::new();
    let mut before: Option<&str> = None;
    let mut run: Option<(Option<&str>, Vec<&str>)> = None;
    for p in paras {
        match p.strip_prefix("- ") {
            Some(b) => run.get_or_insert_with(|| (before, Vec::new())).1.push(b.trim()),
            None => {
                runs.extend(run.take());
                before = Some(p);
            }
        }
    }
    runs.extend(run);
    let explained = |b: &[&str]| b.iter().map(|x| described(x)).collect::<Option<Vec<Value>>>();
    let bare = |b: &[&str]| {
        let one = |x: &&str| {
            let w = x.trim_matches(['"', '\'']);
            is_token(w).then(|| Value { value: w.to_owned(), description: None })
        };
        b.iter().map(one).collect::<Option<Vec<Value>>>()
    };
    let cued_runs: Vec<&[&str]> = runs
        .iter()
        .filter(|(cue, b)| b.len() >= 2 && cue.is_some_and(introduces_values))
        .map(|(_, b)| &b[..])
        .collect();
    let (values, run) = cued_runs.iter().find_map(|b| explained(b).map(|v| (v, *b))).or_else(|| {
        cued_runs.iter().find_map(|b| {
            let values = bare(b)?;
            let same =
                |v: &Vec<Value>| v.len() == values.len() && v.iter().all(|x| values.iter().any(|y| y.value == x.value));
            // The same values explained in a list of their own give the descriptions.
            let with_descriptions = runs.iter().find_map(|(_, e)| explained(e).filter(same).map(|v| (v, &e[..])));
            Some(with_descriptions.unwrap_or((values, *b)))
        })
    })?;
    let listed = |x: &str| {
        let w = described(x).map_or_else(|| x.trim_matches(['"', '\'']).to_owned(), |v| v.value);
        values.iter().any(|v| v.value == w)
    };
    if runs.iter().all(|(_, b)| b.iter().all(|x| listed(x))) {
        *description = strip_list(description);
    }
    let words = run.join("; ");
    found(values, &words)
}

/// Whether a paragraph introduces a value list: it ends with a colon after a cue
/// ("Enumerated values:", "The value can be:", "取值为：").
fn introduces_values(p: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "enumerated values",
        "the values are",
        "the value can be",
        "possible values are",
        "possible values",
        "can be set to",
        "can be",
        "is one of",
        "values",
        "options",
        "取值为",
        "取值",
        "可选值",
        "其中包括",
        "取值范围",
    ];
    let l = p.trim().to_lowercase();
    let Some(text) = l.strip_suffix(':').or_else(|| l.strip_suffix('：')) else { return false };
    let text = text.trim_end();
    ENDINGS.iter().any(|e| text.ends_with(e))
}

/// `addOmUser: adds an O&M user.` or `online：在线模式`.
fn described(item: &str) -> Option<Value> {
    let (value, rest) = item.split_once(": ").or_else(|| item.split_once('：')).or_else(|| item.split_once(" - "))?;
    let value = value.trim().trim_matches(['"', '\'']);
    let rest = rest.trim();
    (is_token(value) && !rest.is_empty()).then(|| Value { value: value.to_owned(), description: Some(rest.to_owned()) })
}

/// The description without its bullet list and without the cue that introduced it.
fn strip_list(description: &str) -> String {
    let kept: Vec<String> = description
        .split("\n\n")
        .filter(|p| !p.trim_start().starts_with("- "))
        .map(|p| {
            let mut p = p.trim().to_owned();
            for cue in [
                "Enumerated values:",
                "The values are:",
                "The value can be:",
                "Options:",
                "Values:",
                "其中包括：",
                "取值为：",
                "取值：",
            ] {
                if let Some(rest) = p.strip_suffix(cue) {
                    p = rest.trim_end().to_owned();
                }
            }
            p
        })
        .filter(|p| !p.is_empty())
        .collect();
    kept.join("\n\n")
}
