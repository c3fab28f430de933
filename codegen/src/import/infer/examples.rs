//! Types and bodies read from a page's JSON examples, where its tables are silent: a table
//! without a Type column, a request body printed only as an example.

use super::drafted::Field;
use super::prose::Inferred;
use crate::import::read::page::Page;
use crate::import::read::vocab;

/// The request body of a page that prints an example request body but no body table: one
/// optional field per member of the first example that is a JSON object with members, typed from
/// its value, each marked. `None` when no example request has such a body.
pub fn body_from_example(page: &Page) -> Option<Vec<Field>> {
    let (line, map) = page.example_requests.iter().find_map(|e| {
        let v = serde_json::from_str::<serde_json::Value>(e.json.as_deref()?).ok()?;
        match v {
            serde_json::Value::Object(map) if !map.is_empty() && map.keys().all(|k| vocab::is_name(k)) => {
                Some((e.line, map))
            }
            _ => None,
        }
    })?;
    let fields = map
        .iter()
        .map(|(name, value)| {
            let (ty, shown) = json_type(value).unwrap_or_else(|| ("String".to_owned(), "null".to_owned()));
            Field {
                name: name.clone(),
                mandatory: Some(false),
                ty,
                ty_review: Some(format!("type from the example request's `\"{name}\": {shown}`")),
                inferred: Inferred {
                    description: format!("`{name}`, as the example request sends it."),
                    ..Inferred::default()
                },
                supplied_by: None,
                line,
                note: Some(format!(
                    "the page has no request body table; `{name}` is drafted from the example request, optional"
                )),
            }
        })
        .collect();
    Some(fields)
}

/// The type phrase of field `name` from the first example of the page (request or response) that
/// has a member of that name, with the value as printed (shortened): a table without a Type
/// column is typed from the page's evidence, for review.
pub(super) fn type_from_examples(page: &Page, name: &str) -> Option<(String, String)> {
    let examples = page.example_requests.iter().chain(&page.example_responses);
    let value = examples
        .filter_map(|e| e.json.as_deref())
        .filter_map(|j| serde_json::from_str::<serde_json::Value>(j).ok())
        .find_map(|v| member(&v, name).cloned())?;
    json_type(&value)
}

/// The type phrase of a JSON value and the value as printed (shortened); `None` for `null`.
fn json_type(value: &serde_json::Value) -> Option<(String, String)> {
    let ty = match value {
        serde_json::Value::String(_) => "String",
        serde_json::Value::Bool(_) => "Boolean",
        serde_json::Value::Number(n) if n.as_i64().is_some_and(|i| i32::try_from(i).is_ok()) => "Integer",
        serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => "Long",
        serde_json::Value::Number(_) => "Double",
        serde_json::Value::Array(items) if items.iter().all(serde_json::Value::is_string) => "Array of strings",
        serde_json::Value::Array(_) => "Array of objects",
        serde_json::Value::Object(_) => "Object",
        serde_json::Value::Null => return None,
    };
    let mut shown = value.to_string();
    if shown.chars().count() > 40 {
        shown = format!("{}...", shown.chars().take(40).collect::<String>());
    }
    Some((ty.to_owned(), shown))
}

/// The first member named `name` at any depth of `v`.
fn member<'a>(v: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    match v {
        serde_json::Value::Object(map) => map.get(name).or_else(|| map.values().find_map(|x| member(x, name))),
        serde_json::Value::Array(items) => items.iter().find_map(|x| member(x, name)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::import::read::page::{Example, Page};

    fn page(json: &str) -> Page {
        let example =
            Example { line: 1, caption: None, status: Some(200), url: None, json: Some(json.to_owned()), error: false };
        Page { example_responses: vec![example], ..Page::default() }
    }

    #[test]
    fn a_table_without_a_type_column_is_typed_from_the_example() {
        let p = page(r#"{"servers": [{"id": "s1", "count": 3, "big": 9007199254740993, "tags": ["a"], "ok": true}]}"#);
        let ty = |name: &str| super::type_from_examples(&p, name).map(|(t, _)| t);
        assert_eq!(ty("id").as_deref(), Some("String"));
        assert_eq!(ty("count").as_deref(), Some("Integer"));
        assert_eq!(ty("big").as_deref(), Some("Long"));
        assert_eq!(ty("tags").as_deref(), Some("Array of strings"));
        assert_eq!(ty("ok").as_deref(), Some("Boolean"));
        assert_eq!(ty("servers").as_deref(), Some("Array of objects"));
        assert_eq!(ty("missing"), None);
        assert_eq!(super::type_from_examples(&page("not json"), "id"), None);
    }
}
