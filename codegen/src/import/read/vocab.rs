//! The words of table headers and cells, in English and Chinese.

/// What a table column holds, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// "Parameter": the wire name.
    Name,
    /// "Mandatory": Yes or No.
    Mandatory,
    /// "Type": the type phrase.
    Type,
    /// "Description".
    Description,
    /// "Status Code" of the status code table.
    Status,
    /// "Remarks", "Constraint": more words about the row, added to its description.
    Remarks,
}

/// The column a header cell names, or `None` for a header the importer does not know.
pub fn column(header: &str) -> Option<Column> {
    let h = header.trim().trim_matches('*').trim().to_lowercase();
    let c = match h.as_str() {
        "parameter" | "parameters" | "name" | "field" | "attribute" | "attributes" | "参数" | "参数名" | "名称" => {
            Column::Name
        }
        "mandatory" | "required" | "是否必选" | "必选" => Column::Mandatory,
        "type" | "data type" | "参数类型" | "类型" => Column::Type,
        "description" | "desciption" | "描述" | "说明" | "参数说明" => Column::Description,
        "status code" | "状态码" | "returned value" | "returned values" | "return value" | "return values" => {
            Column::Status
        }
        "remarks" | "remark" | "constraint" | "constraints" | "note" | "notes" => Column::Remarks,
        _ => return zh_column(&h),
    };
    Some(c)
}

/// The other Chinese header words of Huawei's pages: 参数名称 / 属性 for the name, 备注 for the
/// description, 返回值 / 返回码 for the status code.
fn zh_column(h: &str) -> Option<Column> {
    let c = match h {
        "参数名称" | "属性" | "属性名称" | "字段" | "字段名称" => Column::Name,
        "是否必填" | "必填" => Column::Mandatory,
        "数据类型" => Column::Type,
        "备注" | "参数描述" | "含义" => Column::Description,
        "返回值" | "返回码" | "http状态码" => Column::Status,
        "约束" | "约束限制" | "数据结构说明" => Column::Remarks,
        _ => return None,
    };
    Some(c)
}

/// The English column words, as printed.
pub const COLUMN_WORDS: [&str; 5] = ["Parameter", "Mandatory", "Type", "Description", "Status Code"];

/// The column a header cell would name but for a misspelling (`Mandatroy`, `Descripton`).
pub fn misspelled_column(header: &str) -> Option<Column> {
    let h = header.trim().trim_matches('*').trim();
    if h.chars().count() < 5 || column(h).is_some() {
        return None;
    }
    crate::diag::closest(h, COLUMN_WORDS).and_then(column)
}

/// "Yes" / "No" in a Mandatory cell.
pub fn yes_no(cell: &str) -> Option<bool> {
    match cell.trim().trim_matches('*').trim().to_lowercase().as_str() {
        "yes" | "是" | "true" | "mandatory" => Some(true),
        "no" | "否" | "false" | "optional" => Some(false),
        _ => None,
    }
}

/// Whether a cell reads as a wire name: one word, as parameter and field names are.
pub fn is_name(cell: &str) -> bool {
    let c = cell.trim();
    !c.is_empty()
        && !c.starts_with("- ")
        && !c.chars().any(char::is_whitespace)
        && c.chars().all(|ch| ch.is_ascii_alphanumeric() || "_-.[]$@:/".contains(ch))
        && c.chars().any(|ch| ch.is_ascii_alphanumeric())
}

/// Whether a cell reads as a type phrase the generator understands.
pub fn is_type(cell: &str) -> bool {
    crate::lower::types::parse(cell).is_ok()
}

/// A caption's number and its words: `Table 2 Query parameters`, `表 2 查询参数` -> (2, words).
pub fn caption_parts(caption: &str) -> (Option<u32>, String) {
    let c = caption.trim().trim_matches('*').trim();
    let rest = c.strip_prefix("Table").or_else(|| c.strip_prefix("表"));
    let Some(rest) = rest else { return (None, c.to_owned()) };
    let rest = rest.trim_start().trim_start_matches('*').trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return (None, c.to_owned());
    }
    let words = rest[digits.len()..].trim().trim_start_matches('*').trim().to_owned();
    (digits.parse().ok(), words)
}

/// The object a Chinese caption describes: `pools字段说明`, `tags 字段数据结构说明`,
/// `subnet对象`, `server_group参数信息`, `请求参数security_group对象` -> the name before the
/// words (`pools`, `tags`, ...), when it reads as a caption name (ASCII letters, digits, `_`, `-`,
/// `.`, `:` and spaces, starting with a letter) and not as a section word (`Query参数`).
pub fn zh_object_caption(words: &str) -> Option<&str> {
    const SUFFIXES: [&str; 13] = [
        "字段数据结构说明",
        "参数数据结构说明",
        "数据结构说明",
        "参数说明",
        "字段结构说明",
        "参数结构说明",
        "结构说明",
        "字段说明",
        "参数信息",
        "的对象",
        "对象",
        "字段",
        "参数",
    ];
    let w = words.trim();
    let w = w.strip_prefix("请求参数").or_else(|| w.strip_prefix("响应参数")).unwrap_or(w);
    let core = SUFFIXES.iter().find_map(|s| w.strip_suffix(s))?.trim_end_matches('的').trim();
    let section = ["query", "header", "body", "uri", "path", "formdata"].contains(&core.to_lowercase().as_str());
    let name = core.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && core.chars().all(|c| c.is_ascii_alphanumeric() || "_-.: ".contains(c));
    (name && !section).then_some(core)
}
