//! A spec file's `waiter`: how the work its operation starts is waited for. It names another
//! operation of the version (the one that polls) and fields of both operations' tables, so it is
//! resolved once the whole version is lowered; every name is checked, with a located diagnostic
//! for each one that is wrong.

use crate::diag::{Diagnostic, closest};
use crate::ir::{self, Location, Type};
use crate::spec;
use crate::spec::load::Parsed;

/// Resolves the `waiter` of every page that declares one onto its operation in `v`.
pub(super) fn resolve(pages: &[Parsed<spec::Operation>], v: &mut ir::Version, diags: &mut Vec<Diagnostic>) {
    for page in pages {
        let Some(w) = &page.spec.waiter else { continue };
        let Some(start) = v.operations.iter().position(|o| o.wire_name == page.spec.operation) else {
            continue; // the page itself did not lower: its diagnostics are out already
        };
        let before = diags.len();
        let waiter = lower(page, w, &v.operations[start], v, diags);
        match waiter {
            Some(waiter) if diags.len() == before => v.operations[start].waiter = Some(waiter),
            // Never dropped without a word: a name that resolved to nothing says so.
            None if diags.len() == before => diags.push(page.at(
                "waiter",
                "internal: the waiter did not resolve, and no rule said why".to_owned(),
                None,
            )),
            _ => {}
        }
    }
}

fn lower(
    page: &Parsed<spec::Operation>,
    w: &spec::Waiter,
    start: &ir::Operation,
    v: &ir::Version,
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::Waiter> {
    let Some(poll) = v.operations.iter().find(|o| o.wire_name == w.poll) else {
        let hint = closest(&w.poll, v.operations.iter().map(|o| o.wire_name.as_str()))
            .map(|c| format!("did you mean `{c}`?"))
            .or_else(|| Some(format!("the polling operation must be of the same service and version ({})", v.name)));
        diags.push(page.at("waiter.poll", format!("`{}` is not an operation of this version", w.poll), hint));
        return None;
    };
    if poll.body.as_ref().is_some_and(|b| b.mandatory) {
        diags.push(page.at(
            "waiter.poll",
            format!("`{}` takes a request body: a waiter polls with parameters only", w.poll),
            None,
        ));
    }
    if poll.wire_name == start.wire_name || poll.method != "GET" {
        diags.push(page.at(
            "waiter.poll",
            format!("`{}` cannot poll: a waiter polls with another operation's GET", w.poll),
            Some("name the operation that shows the job or the resource (`Show...`, `List...Details`)".to_owned()),
        ));
    }
    let args = arguments(page, w, start, poll, v, diags);
    let item = w.item.as_ref().map(|i| item(page, i, start, poll, v, diags));
    let item_object = match &item {
        Some(None) => return None, // said already: the paths below have nothing to start from
        Some(Some((_, object))) => Some(*object),
        None => None,
    };
    let path = |at: &str, p: &str, diags: &mut Vec<Diagnostic>| path(page, at, p, poll, item_object, v, diags);
    let status = path("waiter.status", &w.status, diags);
    let wires = |fields: Vec<ir::Field>| fields.into_iter().map(|f| f.wire_name).collect::<Vec<_>>();
    let progress = w.progress.as_ref().and_then(|p| path("waiter.progress", p, diags)).map(wires);
    let error_code = w.error_code.as_ref().and_then(|p| path("waiter.error_code", p, diags)).map(wires);
    let error_message = w.error_message.as_ref().and_then(|p| path("waiter.error_message", p, diags)).map(wires);
    let gone_is_done = w.gone == Some(spec::WaitGone::Done);
    if w.success.is_empty() && !gone_is_done {
        diags.push(page.at(
            "waiter.success",
            "a waiter needs at least one status word that means done".to_owned(),
            Some("or `gone: done` when the work is done once the poll answers 404 (a deletion)".to_owned()),
        ));
    }
    let lists = [("success", &w.success), ("failure", &w.failure), ("pending", &w.pending)];
    for (i, (key, words)) in lists.iter().enumerate() {
        for (j, word) in words.iter().enumerate() {
            let at = format!("waiter.{key}[{j}]");
            if let Some((other, _)) = lists[..i].iter().find(|(_, ws)| ws.contains(word)) {
                diags.push(page.at(&at, format!("status `{word}` is also under `{other}`"), None));
            } else if words[..j].contains(word) {
                diags.push(page.at(&at, format!("status `{word}` is listed twice"), None));
            }
        }
    }
    if let Some(field) = status.as_ref().and_then(|s| s.last()) {
        check_words(page, w, field, v, diags);
    }
    Some(ir::Waiter {
        poll: poll.wire_name.clone(),
        args: args?,
        status: wires(status?),
        success: w.success.clone(),
        failure: w.failure.clone(),
        pending: w.pending.clone(),
        progress,
        error_code,
        error_message,
        gone_is_done,
        item: item.flatten().map(|(item, _)| item),
    })
}

/// The listing's item that is the work's: the poll pages (`pagination`), its items are objects
/// with the String `key`, and `equals` resolves like a parameter's source.
fn item<'v>(
    page: &Parsed<spec::Operation>,
    i: &spec::WaitItem,
    start: &ir::Operation,
    poll: &ir::Operation,
    v: &'v ir::Version,
    diags: &mut Vec<Diagnostic>,
) -> Option<(ir::WaitItem, &'v ir::Object)> {
    let Some(pagination) = &poll.pagination else {
        diags.push(page.at(
            "waiter.item",
            format!("`{}` has no `pagination`: a waiter finds its item by walking the poll's pages", poll.wire_name),
            Some("declare the poll's `pagination`, or poll an operation that shows one job".to_owned()),
        ));
        return None;
    };
    if pagination.items.wire_name.is_empty() {
        diags.push(page.at(
            "waiter.item",
            format!(
                "the items of `{}` are its whole body: a waiter finds its item in a field of the poll's pages",
                poll.wire_name
            ),
            None,
        ));
        return None;
    }
    let object = match &pagination.items.ty {
        Type::Array(inner) => match &**inner {
            Type::Object(name) => v.objects.iter().find(|o| &o.name == name),
            _ => None,
        },
        _ => None,
    };
    let Some(object) = object else {
        diags.push(page.at(
            "waiter.item",
            format!("the items of `{}` (`{}`) are not objects", poll.wire_name, pagination.items.wire_name),
            None,
        ));
        return None;
    };
    let is_string = |t: &Type| matches!(t, Type::String);
    let key = super::roles::response_path(
        page,
        poll,
        Some(object),
        &v.objects,
        "waiter.item.key",
        &i.key,
        is_string,
        "a String",
        diags,
    )
    .and_then(|fields| match fields.as_slice() {
        [one] => Some(one.clone()),
        _ => {
            diags.push(page.at(
                "waiter.item.key",
                format!("`{}` is a nested field: the key is a field of the item itself", i.key),
                None,
            ));
            None
        }
    });
    let equals = match source(page, "waiter.item.equals", &i.equals, start, v, diags) {
        Some(ir::WaitSource::Clock { .. }) => {
            diags.push(page.at(
                "waiter.item.equals",
                format!("`{}` is the clock: the item is found by an ID from the start's answer or request", i.equals),
                Some("write `response.<field>` or `request.<parameter>`".to_owned()),
            ));
            None
        }
        other => other,
    };
    let item = ir::WaitItem {
        items: vec![pagination.items.wire_name.clone()],
        key: key?,
        equals: equals?,
        written: i.equals.clone(),
    };
    Some((item, object))
}

/// The polling request's values: every parameter named exists and is a String, every mandatory
/// one is given, each source resolves.
fn arguments(
    page: &Parsed<spec::Operation>,
    w: &spec::Waiter,
    start: &ir::Operation,
    poll: &ir::Operation,
    v: &ir::Version,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<ir::WaitArg>> {
    let before = diags.len();
    let callers: Vec<&ir::Field> = poll.params.iter().filter(|p| p.supplied_by.is_none()).map(|p| &p.field).collect();
    for name in w.parameters.keys() {
        if !callers.iter().any(|f| f.wire_name == *name) {
            let hint =
                closest(name, callers.iter().map(|f| f.wire_name.as_str())).map(|c| format!("did you mean `{c}`?"));
            let message = format!("`{}` has no parameter `{name}` the caller sets", poll.wire_name);
            diags.push(page.at_key(&format!("waiter.parameters.{name}"), message, hint));
        }
    }
    let mut args = Vec::new();
    // Mandatory parameters first, in the constructor's order, then the optional ones given.
    let mut ordered: Vec<&ir::Field> = callers.iter().copied().filter(|f| f.mandatory).collect();
    ordered.extend(callers.iter().copied().filter(|f| !f.mandatory));
    for param in ordered {
        let Some(written) = w.parameters.get(&param.wire_name) else {
            if param.mandatory {
                diags.push(page.at(
                    "waiter.parameters",
                    format!(
                        "`{}` needs its parameter `{}`, which the waiter does not give",
                        poll.wire_name, param.wire_name
                    ),
                    Some(format!("add `{}: response.<field>`, `request.<parameter>` or `now`", param.wire_name)),
                ));
            }
            continue;
        };
        let at = format!("waiter.parameters.{}", param.wire_name);
        let Some(from) = source(page, &at, written, start, v, diags) else { continue };
        let (wanted, ok) = match from {
            ir::WaitSource::Clock { .. } => {
                ("a Long (epoch milliseconds): the clock fills Long parameters", param.ty == Type::Long)
            }
            _ => ("a String: an ID fills String parameters", param.ty == Type::String),
        };
        if !ok {
            diags.push(page.at(&at, format!("parameter `{}` is not {wanted}", param.wire_name), None));
            continue;
        }
        args.push(ir::WaitArg { param: param.clone(), from, written: written.clone() });
    }
    (diags.len() == before).then_some(args)
}

/// Where a value of the polling request comes from: `response.<field>`, `request.<parameter>`,
/// or the clock (`now`, `now-<n><unit>`).
fn source(
    page: &Parsed<spec::Operation>,
    at: &str,
    written: &str,
    start: &ir::Operation,
    v: &ir::Version,
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::WaitSource> {
    if let Some(p) = written.strip_prefix("response.") {
        path(page, at, p, start, None, v, diags).map(ir::WaitSource::Response)
    } else if let Some(name) = written.strip_prefix("request.") {
        request_param(page, at, name, start, diags).map(ir::WaitSource::Request)
    } else if written.starts_with("now") {
        // The clock, as epoch milliseconds at each poll.
        match clock(written) {
            Some(offset_secs) => Some(ir::WaitSource::Clock { offset_secs }),
            None => {
                diags.push(page.at(
                    at,
                    format!("`{written}` is not a time the clock gives"),
                    Some("write `now`, `now-<number><unit>` or `now+<number><unit>` with a unit `s`, `m`, `h` or `d` (`now-7d`)".to_owned()),
                ));
                None
            }
        }
    } else {
        diags.push(
            page.at(
                at,
                format!("`{written}` says neither `response.`, `request.` nor `now`"),
                Some(
                    "write `response.<field>` (of this operation's success body), `request.<parameter>` or `now-7d`"
                        .to_owned(),
                ),
            ),
        );
        None
    }
}

/// Seconds from now of `now` (0), `now-<n><unit>` (negative) or `now+<n><unit>`; `None` for
/// anything else.
fn clock(written: &str) -> Option<i64> {
    let rest = written.strip_prefix("now")?.trim();
    if rest.is_empty() {
        return Some(0);
    }
    let (sign, amount) = match rest.split_at_checked(1)? {
        ("-", a) => (-1, a.trim()),
        ("+", a) => (1, a.trim()),
        _ => return None,
    };
    let unit = match amount.chars().last()? {
        's' => 1,
        'm' => 60,
        'h' => 3_600,
        'd' => 86_400,
        _ => return None,
    };
    let digits = &amount[..amount.len() - 1];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    n.checked_mul(unit)?.checked_mul(sign)
}

/// A mandatory String parameter of the starting operation's request, by wire name.
fn request_param(
    page: &Parsed<spec::Operation>,
    at: &str,
    name: &str,
    start: &ir::Operation,
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::Field> {
    let callers: Vec<&ir::Param> = start.params.iter().filter(|p| p.supplied_by.is_none()).collect();
    let Some(p) = callers.iter().find(|p| p.field.wire_name == name) else {
        let hint =
            closest(name, callers.iter().map(|p| p.field.wire_name.as_str())).map(|c| format!("did you mean `{c}`?"));
        diags.push(page.at(at, format!("`{}` has no parameter `{name}`", start.wire_name), hint));
        return None;
    };
    if !p.field.mandatory || p.field.ty != Type::String || p.location == Location::Header {
        diags.push(page.at(
            at,
            format!("parameter `{name}` of `{}` is not a mandatory String path or query parameter", start.wire_name),
            Some("take the value from the answer instead (`response.<field>`)".to_owned()),
        ));
        return None;
    }
    Some(p.field.clone())
}

/// The fields from the top of `op`'s success body, or of a listed `item`, to the value at the
/// dotted `path` (through nested objects, ending at one value a waiter can read as text).
fn path(
    page: &Parsed<spec::Operation>,
    at: &str,
    path: &str,
    op: &ir::Operation,
    item: Option<&ir::Object>,
    v: &ir::Version,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<ir::Field>> {
    let is_value = |t: &Type| matches!(t, Type::String | Type::Integer | Type::Long | Type::Number | Type::Enum(_));
    let wanted = "a string or a number";
    super::roles::response_path(page, op, item, &v.objects, at, path, is_value, wanted, diags)
}

/// Each status word is one of the status field's documented values: its value list, else a word
/// of its description, unless `status_source` says where the words come from.
fn check_words(
    page: &Parsed<spec::Operation>,
    w: &spec::Waiter,
    status: &ir::Field,
    v: &ir::Version,
    diags: &mut Vec<Diagnostic>,
) {
    let lists = [("success", &w.success), ("failure", &w.failure), ("pending", &w.pending)];
    if let Type::Enum(name) = &status.ty {
        let Some(e) = v.enums.iter().find(|e| e.name == *name) else { return };
        let values: Vec<&str> = e.variants.iter().map(|x| x.wire.as_str()).collect();
        for (key, words) in lists {
            for (j, word) in words.iter().enumerate() {
                if !word.is_empty() && !values.contains(&word.as_str()) {
                    diags.push(page.at(
                        &format!("waiter.{key}[{j}]"),
                        format!(
                            "status `{word}` is not one of the documented values of `{}` ({})",
                            status.wire_name,
                            values.join(", ")
                        ),
                        closest(word, values.iter().copied()).map(|c| format!("did you mean `{c}`?")),
                    ));
                }
            }
        }
        return;
    }
    if w.status_source.as_deref().is_some_and(|s| !s.trim().is_empty()) {
        return;
    }
    for (key, words) in lists {
        for (j, word) in words.iter().enumerate() {
            // The empty word is the format's (the status absent or empty), not the page's.
            if !word.is_empty() && !mentions(&status.description, word) {
                diags.push(page.at(
                    &format!("waiter.{key}[{j}]"),
                    format!("status `{word}` is not among the documented values of `{}`: its description does not name it", status.wire_name),
                    Some("fix the word, or say where the words come from with `status_source:` (the official SDK's model, another page)".to_owned()),
                ));
            }
        }
    }
}

/// Whether `text` has `word` with no letter, digit or `_` right before or after it.
fn mentions(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(k, _)| {
        !text[..k].chars().next_back().is_some_and(is_word)
            && !text[k + word.len()..].chars().next().is_some_and(is_word)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_word_is_mentioned_only_whole() {
        let d = "Running: being executed. Completed: done. Failed: the task fails.";
        assert!(super::mentions(d, "Running"));
        assert!(super::mentions(d, "Failed"));
        assert!(!super::mentions(d, "Run"));
        assert!(!super::mentions(d, "fail"));
        assert!(super::mentions("CREATING, AVAILABLE or CREATION FAILED", "CREATION FAILED"));
    }

    #[test]
    fn the_clock_is_now_or_a_duration_before_it() {
        assert_eq!(super::clock("now"), Some(0));
        assert_eq!(super::clock("now-7d"), Some(-7 * 86_400));
        assert_eq!(super::clock("now - 90m"), Some(-5_400));
        assert_eq!(super::clock("now+2h"), Some(7_200));
        assert_eq!(super::clock("now-10s"), Some(-10));
        for wrong in [
            "now*1d",
            "now-d",
            "now-1w",
            "nowish",
            "now-1.5d",
            "now--1d",
            "now-+5d",
            "now-",
            "now-99999999999999999999d",
        ] {
            assert_eq!(super::clock(wrong), None, "{wrong}");
        }
    }
}
