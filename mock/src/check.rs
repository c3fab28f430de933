//! What the mock cloud checks of a request: the route, the authentication, and the parameters and
//! body against the operation's documented tables. Each check returns the rule broken, in words.

use serde_json::Value;

use super::{ACCESS_KEY, Location, Route, SECRET_KEY, Shape, TOKEN};
use huaweicloud_sdk_runtime::client::PathPart;
use huaweicloud_sdk_runtime::signer;
use huaweicloud_sdk_shape::{Bounds, Field, Kind, Schema, Strictness};

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
        if values.is_empty() {
            continue;
        }
        param(&p.field.shape, &values, name).map_err(|e| format!("{kind} {e}"))?;
    }
    let Some(shape) = route.body else { return Ok(()) };
    if body.iter().all(u8::is_ascii_whitespace) {
        return if route.body_mandatory { Err("the request body is mandatory".to_owned()) } else { Ok(()) };
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| format!("the request body is not JSON: {e}"))?;
    json(shape, &value, "body")
}

/// A parameter's values against its shape: a list parameter as the JSON array of its parsed
/// values (its count too), any other as its one value (given once).
fn param(shape: &'static Shape, values: &[&str], name: &str) -> Result<(), String> {
    let value = match (shape, values) {
        (Shape::Array { items, .. }, _) => Value::Array(
            values
                .iter()
                .enumerate()
                .map(|(i, v)| parse(items, v, &format!("{name}[{i}]")))
                .collect::<Result<_, _>>()?,
        ),
        (_, [one]) => parse(shape, one, name)?,
        _ => return Err(format!("`{name}` is given {} times", values.len())),
    };
    json(shape, &value, name)
}

/// A parameter's text as the JSON value it stands for under its shape: an integer, a number,
/// `true` or `false`, or else a string (the generator allows only scalars and lists of them as
/// parameters).
fn parse(shape: &'static Shape, v: &str, name: &str) -> Result<Value, String> {
    Ok(match *shape {
        Shape::Integer { .. } => {
            Value::from(v.parse::<i64>().map_err(|_| format!("`{name}` is not an integer: {v:?}"))?)
        }
        Shape::Number { .. } => v
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| format!("`{name}` is not a number: {v:?}"))?,
        Shape::Boolean => match v {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(format!("`{name}` is not true or false: {v:?}")),
        },
        _ => Value::String(v.to_owned()),
    })
}

/// A JSON value at `at` against its shape: the first thing the shared check finds.
fn json(shape: &'static Shape, v: &Value, at: &str) -> Result<(), String> {
    match huaweicloud_sdk_shape::check(shape, v, Strictness::Request, at).first() {
        Some(finding) => Err(finding.to_string()),
        None => Ok(()),
    }
}

/// The mock's shapes as the shared check reads them. They carry no table names and no integer
/// widths (every integer may take 64 bits).
impl Schema<'static> for &'static Shape {
    fn kind(self) -> Kind<'static, Self> {
        match *self {
            Shape::String { min_len, max_len, values } => {
                Kind::String { length: Bounds::new(min_len, max_len), values: values.to_vec() }
            }
            Shape::Integer { min, max, values } => {
                Kind::Integer { range: Bounds::new(min, max), values: values.to_vec(), wide: true }
            }
            Shape::Number { min, max } => Kind::Number { range: Bounds::new(min, max) },
            Shape::Boolean => Kind::Boolean,
            Shape::Any => Kind::Any,
            Shape::Array { items, min_items, max_items } => {
                Kind::Array { items, count: Bounds::new(min_items, max_items) }
            }
            Shape::Map(values) => Kind::Map(values),
            Shape::Object(fields) => Kind::Object {
                table: None,
                fields: fields.iter().map(|f| Field { name: f.name, mandatory: f.mandatory, node: &f.shape }).collect(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Field, Param, Route};
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
        secret_response: false,
    };
    static LIMIT: Shape = Shape::Integer { min: Some(1.0), max: Some(128.0), values: &[] };
    static IP_VERSION: Shape = Shape::Integer { min: None, max: None, values: &[4, 6] };

    #[test]
    fn integer_value_lists_are_checked_as_numbers() {
        assert!(json(&IP_VERSION, &serde_json::json!(4), "ip_version").is_ok());
        let e = json(&IP_VERSION, &serde_json::json!(5), "ip_version").expect_err("5 is not listed");
        assert_eq!(e, "`ip_version` is 5, not one of the documented values 4, 6");
        assert_eq!(parse(&IP_VERSION, "6", "ip_version"), Ok(serde_json::json!(6)));
        assert!(parse(&IP_VERSION, "\"6\"", "ip_version").is_err());
    }
    static ROUTE: Route = Route {
        service: "x",
        version: "v1",
        operation: &OP,
        params: &[Param { location: Location::Query, field: Field { name: "limit", mandatory: true, shape: LIMIT } }],
        body: None,
        body_mandatory: false,
        responses: &[],
        headers: &[],
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
    fn list_parameters_are_checked_as_arrays_and_may_be_absent() {
        static IDS: Shape = Shape::Array { items: &LIMIT, min_items: Some(1.0), max_items: Some(2.0) };
        static LIST: Route = Route {
            params: &[Param { location: Location::Query, field: Field { name: "id", mandatory: false, shape: IDS } }],
            ..ROUTE
        };
        let check = |q: &[(&str, &str)]| {
            let q: Vec<(String, String)> = q.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
            request(&LIST, &[], &q, &[], b"")
        };
        assert_eq!(check(&[]), Ok(()), "an absent optional list is not a list of no values");
        assert_eq!(check(&[("id", "1"), ("id", "128")]), Ok(()));
        assert_eq!(
            check(&[("id", "1"), ("id", "2"), ("id", "3")]),
            Err("query parameter `id` has 3 elements, outside the documented count 1 to 2".to_owned())
        );
        assert_eq!(
            check(&[("id", "1"), ("id", "0")]),
            Err("query parameter `id[1]` is 0, outside the documented range 1 to 128".to_owned())
        );
        assert_eq!(
            check(&[("id", "1"), ("id", "y")]),
            Err("query parameter `id[1]` is not an integer: \"y\"".to_owned())
        );
    }

    #[test]
    fn json_values_are_checked_against_shapes() {
        static NAME: Shape = Shape::String { min_len: Some(1.0), max_len: Some(3.0), values: &["a", "abc"] };
        static OBJ: Shape = Shape::Object(&[Field { name: "n", mandatory: true, shape: NAME }]);
        let at = |v: serde_json::Value| json(&OBJ, &v, "body");
        assert_eq!(at(serde_json::json!({"n": "abc"})), Ok(()));
        assert_eq!(at(serde_json::json!({})), Err("`body.n` is mandatory".to_owned()));
        assert_eq!(
            at(serde_json::json!({"n": null})),
            Err("`body.n` is null, but the table says a string from a value list".to_owned())
        );
        assert_eq!(
            at(serde_json::json!({"n": 1})),
            Err("`body.n` is a number, but the table says a string from a value list".to_owned())
        );
        assert!(at(serde_json::json!({"n": "abcd"})).is_err_and(|e| e.contains("has 4 characters")));
        assert!(
            at(serde_json::json!({"n": "ab"})).is_err_and(|e| e.contains("not one of the documented values a, abc"))
        );
        assert_eq!(at(serde_json::json!([])), Err("`body` is an array, but the table says an object".to_owned()));
        assert_eq!(
            at(serde_json::json!({"n": "a", "m": 1})),
            Err("`body.m` is not a field of the documented table".to_owned())
        );
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
