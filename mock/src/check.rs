//! What the mock cloud checks of a request: the route, the authentication, and the parameters and
//! body against the operation's documented tables. Each check returns the rule broken, in words.

use serde_json::Value;

use super::{ACCESS_KEY, Field, Location, Route, SECRET_KEY, Shape, TOKEN};
use huaweicloud_sdk_runtime::client::PathPart;
use huaweicloud_sdk_runtime::lenient::kind;
use huaweicloud_sdk_runtime::signer;
use huaweicloud_sdk_runtime::validate::bounds;

/// The routes of `method` and `path`, each with the decoded values of its path placeholders, in
/// the spec's order. Several operations can share one method and path (an OpenStack-style
/// `POST .../action` whose body says which action): the caller tells them apart by their bodies.
pub(super) fn routes<'r>(routes: &[&'r Route], method: &str, path: &str) -> Vec<(&'r Route, Vec<(String, String)>)> {
    routes
        .iter()
        .copied()
        .filter(|r| r.operation.method.eq_ignore_ascii_case(method))
        .filter_map(|r| placeholders(r.operation.path, path).map(|values| (r, values)))
        .collect()
}

/// The decoded values of the placeholders when `path` matches the operation's parsed template: a
/// text part matches itself, a placeholder a non-empty run within one segment, the longest with
/// which the rest of the template matches (`{name}.json` takes `a.jsonb` of `a.jsonb.json`).
fn placeholders(parts: &[PathPart], path: &str) -> Option<Vec<(String, String)>> {
    match parts.split_first() {
        None => path.is_empty().then(Vec::new),
        Some((PathPart::Text(text), rest)) => placeholders(rest, path.strip_prefix(text)?),
        Some((PathPart::Param(name), rest)) => {
            let segment = path.find('/').unwrap_or(path.len());
            (1..=segment).rev().filter(|end| path.is_char_boundary(*end)).find_map(|end| {
                let mut values = placeholders(rest, &path[end..])?;
                values.insert(0, ((*name).to_owned(), decode(&path[..end])));
                Some(values)
            })
        }
    }
}

/// Percent-decodes a path segment or query component.
pub(super) fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// The query string as decoded pairs.
pub(super) fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    signer::parse_query(query.unwrap_or(""))
}

/// The request's authentication: the mock's IAM token, or an SDK-HMAC-SHA256 signature by the
/// mock's access key over exactly what was received.
pub(super) fn auth(
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    body: &[u8],
) -> Result<(), String> {
    let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    if let Some(token) = header("x-auth-token") {
        return if token == TOKEN { Ok(()) } else { Err("the X-Auth-Token is not a valid IAM token".to_owned()) };
    }
    if header("authorization").is_none() {
        return Err("the request has neither an Authorization header nor an X-Auth-Token".to_owned());
    }
    signer::verify(method, path, query, headers, body, ACCESS_KEY, SECRET_KEY)
}

/// The parameters and the body against the route's tables.
pub(super) fn request(
    route: &Route,
    path_values: &[(String, String)],
    query: &[(String, String)],
    headers: &[(String, String)],
    body: &[u8],
) -> Result<(), String> {
    for p in route.params {
        let name = p.field.name;
        let (kind, values): (&str, Vec<&str>) = match p.location {
            Location::Path => {
                ("path parameter", path_values.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect())
            }
            Location::Query => {
                ("query parameter", query.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect())
            }
            Location::Header => {
                let lower = name.to_ascii_lowercase();
                ("header", headers.iter().filter(|(n, _)| *n == lower).map(|(_, v)| v.as_str()).collect())
            }
        };
        if values.is_empty() && p.field.mandatory {
            return Err(format!("{kind} `{name}` is mandatory"));
        }
        match p.field.shape {
            Shape::Array { items, min_items, max_items } => {
                count("", name, values.len(), min_items, max_items).map_err(|e| format!("{kind} {e}"))?;
                for v in values {
                    text(items, v, name).map_err(|e| format!("{kind} {e}"))?;
                }
            }
            shape => {
                if values.len() > 1 {
                    return Err(format!("{kind} `{name}` is given {} times", values.len()));
                }
                if let Some(v) = values.first() {
                    text(&shape, v, name).map_err(|e| format!("{kind} {e}"))?;
                }
            }
        }
    }
    let Some(shape) = route.body else { return Ok(()) };
    if body.iter().all(u8::is_ascii_whitespace) {
        return if route.body_mandatory { Err("the request body is mandatory".to_owned()) } else { Ok(()) };
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| format!("the request body is not JSON: {e}"))?;
    json(shape, &value, "body")
}

/// A parameter's text against its shape.
fn text(shape: &Shape, v: &str, name: &str) -> Result<(), String> {
    match *shape {
        Shape::Integer { min, max, values } => {
            let n: i64 = v.parse().map_err(|_| format!("`{name}` is not an integer: {v:?}"))?;
            range(name, n as f64, min, max)?;
            listed(name, n, values)
        }
        Shape::Number { min, max } => {
            let n: f64 = v.parse().map_err(|_| format!("`{name}` is not a number: {v:?}"))?;
            range(name, n, min, max)
        }
        Shape::Boolean if v == "true" || v == "false" => Ok(()),
        Shape::Boolean => Err(format!("`{name}` is not true or false: {v:?}")),
        Shape::String { .. } => json(shape, &Value::String(v.to_owned()), name),
        _ => Ok(()),
    }
}

fn range(name: &str, n: f64, min: Option<f64>, max: Option<f64>) -> Result<(), String> {
    if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
        return Err(format!("`{name}` is {n}, outside the documented range {}", bounds(min, max)));
    }
    Ok(())
}

/// An integer of a documented value list (any integer when the list is empty).
fn listed(name: &str, n: i64, values: &[i64]) -> Result<(), String> {
    if values.is_empty() || values.contains(&n) {
        return Ok(());
    }
    let list: Vec<String> = values.iter().map(i64::to_string).collect();
    Err(format!("`{name}` is {n}, not one of the documented values {}", list.join(", ")))
}

fn count(what: &str, name: &str, n: usize, min: Option<f64>, max: Option<f64>) -> Result<(), String> {
    let n = n as f64;
    if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
        return Err(format!("`{name}` has {n}{what}, outside the documented {}", bounds(min, max)));
    }
    Ok(())
}

/// A JSON value at `at` against its shape.
fn json(shape: &Shape, v: &Value, at: &str) -> Result<(), String> {
    match (*shape, v) {
        (Shape::Any, _) => Ok(()),
        (Shape::String { min_len, max_len, values }, Value::String(s)) => {
            count(" characters", at, s.chars().count(), min_len, max_len)?;
            if !values.is_empty() && !values.contains(&s.as_str()) {
                return Err(format!("`{at}` is {s:?}, not one of the documented values {}", values.join(", ")));
            }
            Ok(())
        }
        (Shape::Integer { min, max, values }, Value::Number(n)) if n.is_i64() || n.is_u64() => {
            range(at, n.as_f64().unwrap_or_default(), min, max)?;
            n.as_i64().map_or(Ok(()), |i| listed(at, i, values))
        }
        (Shape::Number { min, max }, Value::Number(n)) => range(at, n.as_f64().unwrap_or_default(), min, max),
        (Shape::Boolean, Value::Bool(_)) => Ok(()),
        (Shape::Array { items, min_items, max_items }, Value::Array(list)) => {
            count(" elements", at, list.len(), min_items, max_items)?;
            list.iter().enumerate().try_for_each(|(i, e)| json(items, e, &format!("{at}[{i}]")))
        }
        (Shape::Map(values), Value::Object(map)) => {
            map.iter().try_for_each(|(k, e)| json(values, e, &format!("{at}.{k}")))
        }
        (Shape::Object(fields), Value::Object(map)) => object(fields, map, at),
        (shape, other) => Err(format!("`{at}` should be {}, got {}", expected(&shape), kind(other))),
    }
}

fn object(fields: &[Field], map: &serde_json::Map<String, Value>, at: &str) -> Result<(), String> {
    for f in fields {
        match map.get(f.name).filter(|v| !v.is_null()) {
            Some(v) => json(&f.shape, v, &format!("{at}.{}", f.name))?,
            None if f.mandatory => return Err(format!("`{at}.{}` is mandatory", f.name)),
            None => {}
        }
    }
    match map.keys().find(|k| !fields.iter().any(|f| f.name == k.as_str())) {
        Some(k) => Err(format!("`{at}.{k}` is not in the documented request table")),
        None => Ok(()),
    }
}

fn expected(shape: &Shape) -> &'static str {
    match shape {
        Shape::String { .. } => "a string",
        Shape::Integer { .. } => "an integer",
        Shape::Number { .. } => "a number",
        Shape::Boolean => "a boolean",
        Shape::Any => "anything",
        Shape::Array { .. } => "an array",
        Shape::Map(_) | Shape::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Param, Route};
    use super::*;
    use huaweicloud_sdk_runtime::client::Operation;

    static OP: Operation = Operation {
        name: "ShowThing",
        method: "GET",
        path: &[
            PathPart::Text("/v1/"),
            PathPart::Param("project_id"),
            PathPart::Text("/things/"),
            PathPart::Param("thing_id"),
        ],
        errors_in_body: None,
    };
    static LIMIT: Shape = Shape::Integer { min: Some(1.0), max: Some(128.0), values: &[] };
    static IP_VERSION: Shape = Shape::Integer { min: None, max: None, values: &[4, 6] };

    #[test]
    fn integer_value_lists_are_checked_as_numbers() {
        assert!(json(&IP_VERSION, &serde_json::json!(4), "ip_version").is_ok());
        let e = json(&IP_VERSION, &serde_json::json!(5), "ip_version").expect_err("5 is not listed");
        assert_eq!(e, "`ip_version` is 5, not one of the documented values 4, 6");
        assert!(text(&IP_VERSION, "6", "ip_version").is_ok());
        assert!(text(&IP_VERSION, "\"6\"", "ip_version").is_err());
    }
    static ROUTE: Route = Route {
        service: "x",
        version: "v1",
        operation: &OP,
        params: &[Param { location: Location::Query, field: Field { name: "limit", mandatory: true, shape: LIMIT } }],
        body: None,
        body_mandatory: false,
        responses: &[],
        paging: None,
        waiter: None,
    };

    #[test]
    fn routes_match_method_and_placeholders_of_non_empty_segments() {
        let routes = [&ROUTE];
        let found = super::routes(&routes, "get", "/v1/p1/things/a%2Fb");
        let [(_, values)] = &found[..] else { panic!("one route matches: {}", found.len()) };
        assert_eq!(values, &[("project_id".to_owned(), "p1".to_owned()), ("thing_id".to_owned(), "a/b".to_owned())]);
        let none = |method: &str, path: &str| super::routes(&routes, method, path).is_empty();
        assert!(none("POST", "/v1/p1/things/t"));
        assert!(none("GET", "/v1/p1/things/"));
        assert!(none("GET", "/v1/p1/things/t/more"));
        assert!(none("GET", "/v1//things/t"), "an empty placeholder segment");
        // Two operations of one method and path (an action endpoint): both are candidates.
        assert_eq!(super::routes(&[&ROUTE, &ROUTE], "GET", "/v1/p1/things/t").len(), 2);
    }

    #[test]
    fn a_placeholder_ends_at_the_text_that_follows_it_in_its_segment() {
        let parts = [PathPart::Text("/v1/"), PathPart::Param("name"), PathPart::Text(".json")];
        assert_eq!(placeholders(&parts, "/v1/a%20b.json"), Some(vec![("name".to_owned(), "a b".to_owned())]));
        assert_eq!(placeholders(&parts, "/v1/.json"), None);
        assert_eq!(placeholders(&parts, "/v1/a/b.json"), None);
        assert_eq!(placeholders(&[PathPart::Text("/")], "/"), Some(vec![]));
        let value = |name: &str, v: &str| (name.to_owned(), v.to_owned());
        assert_eq!(placeholders(&parts, "/v1/a.jsonb.json"), Some(vec![value("name", "a.jsonb")]));
        let two = [PathPart::Text("/v1/"), PathPart::Param("a"), PathPart::Param("b")];
        assert_eq!(placeholders(&two, "/v1/xyz"), Some(vec![value("a", "xy"), value("b", "z")]));
        let slash = [PathPart::Text("/v1/"), PathPart::Param("id"), PathPart::Text(".json/x")];
        assert_eq!(placeholders(&slash, "/v1/7.json/x"), Some(vec![value("id", "7")]));
    }

    #[test]
    fn parameters_are_checked_for_presence_type_and_range() {
        let check = |q: &[(&str, &str)]| {
            let q: Vec<(String, String)> = q.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
            request(&ROUTE, &[], &q, &[], b"")
        };
        assert_eq!(check(&[("limit", "5")]), Ok(()));
        assert_eq!(check(&[]), Err("query parameter `limit` is mandatory".to_owned()));
        assert_eq!(check(&[("limit", "x")]), Err("query parameter `limit` is not an integer: \"x\"".to_owned()));
        assert_eq!(
            check(&[("limit", "0")]),
            Err("query parameter `limit` is 0, outside the documented range 1 to 128".to_owned())
        );
        assert_eq!(
            check(&[("limit", "1"), ("limit", "2")]),
            Err("query parameter `limit` is given 2 times".to_owned())
        );
    }

    #[test]
    fn json_values_are_checked_against_shapes() {
        static NAME: Shape = Shape::String { min_len: Some(1.0), max_len: Some(3.0), values: &["a", "abc"] };
        static OBJ: Shape = Shape::Object(&[Field { name: "n", mandatory: true, shape: NAME }]);
        let at = |v: serde_json::Value| json(&OBJ, &v, "body");
        assert_eq!(at(serde_json::json!({"n": "abc"})), Ok(()));
        assert_eq!(at(serde_json::json!({"n": null})), Err("`body.n` is mandatory".to_owned()));
        assert_eq!(at(serde_json::json!({"n": 1})), Err("`body.n` should be a string, got a number".to_owned()));
        assert!(at(serde_json::json!({"n": "abcd"})).is_err_and(|e| e.contains("has 4 characters")));
        assert!(
            at(serde_json::json!({"n": "ab"})).is_err_and(|e| e.contains("not one of the documented values a, abc"))
        );
        assert_eq!(at(serde_json::json!([])), Err("`body` should be an object, got an array".to_owned()));
    }

    #[test]
    fn a_signature_by_another_key_is_named() {
        let headers = vec![(
            "authorization".to_owned(),
            "SDK-HMAC-SHA256 Access=OTHER, SignedHeaders=host, Signature=00".to_owned(),
        )];
        assert_eq!(auth("GET", "/", &[], &headers, b""), Err("the access key OTHER is unknown".to_owned()));
        assert!(auth("GET", "/", &[], &[], b"").is_err_and(|e| e.contains("neither an Authorization header")));
    }
}
