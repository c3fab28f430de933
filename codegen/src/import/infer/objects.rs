//! Object tables named and the type phrases that refer to them resolved: a table named after the
//! row that points to it, references renamed, `Table N` and caption words turned into names,
//! generic lists given their item type, copies of one object told apart.

use super::captions::parent_field;
use super::drafted::{Drafted, Field, Role, named, object_names};
use super::examples::type_from_examples;
use crate::import::read::page::Page;
use crate::import::read::vocab;
use crate::lower::types::{self, Phrase};

/// Names the object tables and resolves every type phrase that refers to one, in this order: a
/// table named after its referring row, references renamed, `Table N` words, key-named and
/// caption-word objects, generic lists given their item type.
pub(super) fn resolve(page: &Page, tables: &mut [Drafted]) {
    link_objects(tables);
    link_by_description(tables);
    link_named_rows(tables);
    rename_references(tables);
    follow_table_references(tables);
    resolve_by_key(tables);
    resolve_table_words(tables);
    resolve_object_words(page, tables);
    resolve_generic_lists(tables);
}

/// A row whose phrase names one object (`publicip object`) and whose description sends the reader
/// to an object table of a kindred name ("For details, see Table 5", the `publicips` table): the
/// table the page points to is the row's object, marked. Pages reuse a field's name for the
/// request's and the response's object, and number the tables apart.
fn follow_table_references(tables: &mut [Drafted]) {
    let numbered: Vec<(u32, String)> = tables
        .iter()
        .filter_map(|t| match (&t.role, t.number) {
            (Role::Object(name), Some(n)) if !name.is_empty() => Some((n, name.clone())),
            _ => None,
        })
        .collect();
    for t in tables.iter_mut() {
        let own = match &t.role {
            Role::Object(name) => Some(name.clone()),
            _ => None,
        };
        for f in &mut t.fields {
            let Ok(p) = types::parse(&f.ty) else { continue };
            let mut names = Vec::new();
            named(&p, &mut names);
            let [name] = names.as_slice() else { continue };
            let pointed: Vec<&String> =
                numbered.iter().filter(|(n, _)| refers_to(&f.inferred.description, *n)).map(|(_, o)| o).collect();
            let [target] = pointed.as_slice() else { continue };
            // Only a table whose name is the row's in the plural or singular, or with a prefix
            // (`Publicips` for `publicip`, `ServersLinks` for `Links`): a number pointing
            // elsewhere is more likely the page's slip than the row's object.
            let (k, t_key) = (naming_key(name), naming_key(target));
            let kin = t_key.ends_with(&k) || t_key.strip_suffix('s').is_some_and(|s| s.ends_with(&k));
            if *target == name || own.as_ref() == Some(*target) || !kin {
                continue;
            }
            let renamed = rename(&p, name, target);
            let printed = std::mem::replace(&mut f.ty, renamed);
            f.ty_review = Some(format!(
                "printed `{printed}`; the row points to the table of `{target}`{}",
                f.ty_review.as_deref().map(|r| format!(" (before: {r})")).unwrap_or_default()
            ));
        }
    }
}

/// The phrase `p` with the object `from` named `to`, as text.
fn rename(p: &Phrase, from: &str, to: &str) -> String {
    let renamed = match p {
        Phrase::Named(n) if n == from => Phrase::Named(to.to_owned()),
        Phrase::Array(e) => match &**e {
            Phrase::Named(n) if n == from => Phrase::Array(Box::new(Phrase::Named(to.to_owned()))),
            _ => p.clone(),
        },
        _ => p.clone(),
    };
    super::drafted::phrase_text(&renamed)
}

/// Names unnamed object tables after the row that refers to them ("For details, see Table 4"),
/// and gives `Object` / `Array of objects` rows that refer to an object table its name.
fn link_objects(tables: &mut [Drafted]) {
    let objects: Vec<(Option<u32>, String, usize)> = tables
        .iter()
        .enumerate()
        .filter_map(|(k, t)| match &t.role {
            Role::Object(n) => Some((t.number, n.clone(), k)),
            _ => None,
        })
        .collect();
    let names: Vec<String> = objects.iter().map(|(_, n, _)| n.clone()).filter(|n| !n.is_empty()).collect();
    for (number, name, k) in objects {
        if number.is_none() && name.is_empty() {
            continue;
        }
        let mut referrer: Option<String> = None;
        for t in tables.iter_mut() {
            // The field a dotted caption names (`projects` of `projects`, `user` of `token.user`):
            // its rows' objects are tabled as `<field>.<row>`, named `<Field><Row>`.
            let parent = parent_field(&t.caption);
            for f in &mut t.fields {
                let see = number.is_some_and(|n| refers_to(&f.inferred.description, n));
                let generic = matches!(types::parse(&f.ty), Ok(Phrase::Any) | Ok(Phrase::Array(_)))
                    && (f.ty.eq_ignore_ascii_case("object")
                        || f.ty.to_lowercase().ends_with("of objects")
                        || f.ty.to_lowercase().ends_with("of object"));
                let named = |n: &str| {
                    crate::naming::pascal(&f.name) == n
                        || parent.as_ref().is_some_and(|p| crate::naming::pascal(&format!("{p}_{}", f.name)) == n)
                };
                let by_name = !name.is_empty() && named(&name);
                // A page whose "see Table N" is off by one (the `ha` row pointing to the
                // `instances` table, while a table is captioned `ha`): the row's name wins.
                let see = see && (by_name || !names.iter().any(|n| named(n)));
                if generic && (see || by_name) {
                    referrer.get_or_insert_with(|| f.name.clone());
                    let target = if name.is_empty() { crate::naming::pascal(&f.name) } else { name.clone() };
                    let array = f.ty.to_lowercase().starts_with("array");
                    f.ty_review = Some(match number.filter(|_| see) {
                        Some(n) => format!("printed `{}`; the row refers to Table {n}", f.ty),
                        None => format!("printed `{}`; the row has the name of the object tabled as {target}", f.ty),
                    });
                    f.ty = if array { format!("Array of {target} objects") } else { format!("{target} object") };
                }
            }
        }
        if name.is_empty()
            && let (Some(r), Some(number)) = (referrer, number)
        {
            tables[k].role = Role::Object(crate::naming::pascal(&r));
            tables[k].role_review = Some(format!("object named after the row `{r}` that refers to Table {number}"));
        }
    }
}

/// An `Object` or `Array of objects` row whose description names exactly one tabled object as a
/// word ("See Parameters in the QuotaDetailGigabytes field") takes it, marked.
fn link_by_description(tables: &mut [Drafted]) {
    let objects: Vec<String> = object_names(tables);
    // A word of the description that is the object's name, or spells it in other case
    // (`QuotaDetailGigabytesSAS` for `QuotaDetailGigabytesSas`) when it is written as a type
    // name (two capitals at least).
    let word = |d: &str, o: &str| {
        d.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).any(|w| {
            w == o || (w.chars().filter(char::is_ascii_uppercase).count() >= 2 && naming_key(w) == naming_key(o))
        })
    };
    for t in tables.iter_mut() {
        let own = match &t.role {
            Role::Object(n) => Some(n.clone()),
            _ => None,
        };
        for f in &mut t.fields {
            let array = match types::parse(&f.ty) {
                Ok(Phrase::Any) => false,
                Ok(Phrase::Array(inner)) if *inner == Phrase::Any => true,
                _ => continue,
            };
            let named: Vec<&String> =
                objects.iter().filter(|o| own.as_ref() != Some(*o) && word(&f.inferred.description, o)).collect();
            let [name] = named.as_slice() else { continue };
            f.ty_review = Some(format!("printed `{}`; the description names the object {name}", f.ty));
            f.ty = if array { format!("Array of {name} objects") } else { format!("{name} object") };
        }
    }
}

/// Rows whose phrase names an object tabled under no name (`firewall_group object`), linked to
/// an object table whose caption names none that the row points to ("see Table 2"), or whose
/// caption's words are the object's name (`Firewall Group objects`) or one of the names it joins
/// with a slash (`Data structure of the primaryNic/extNics field`). The table is named after the
/// first row that takes it; each row takes the table its description points to, else the first
/// such table after its own, else the last before it. Marked.
fn link_named_rows(tables: &mut [Drafted]) {
    let tabled: Vec<String> = object_names(tables);
    // Unnamed object tables: index, number, line, and the keys their caption names.
    let unnamed: Vec<(usize, Option<u32>, usize, Vec<String>)> = tables
        .iter()
        .enumerate()
        .filter(|(_, t)| t.role == Role::Object(String::new()))
        .map(|(k, t)| (k, t.number, t.line, caption_keys(&t.caption)))
        .collect();
    if unnamed.is_empty() {
        return;
    }
    let mut given: Vec<(usize, String)> = Vec::new();
    for ti in 0..tables.len() {
        let line = tables[ti].line;
        for fi in 0..tables[ti].fields.len() {
            let f = &tables[ti].fields[fi];
            let Ok(p) = types::parse(&f.ty) else { continue };
            let mut names = Vec::new();
            named(&p, &mut names);
            let [name] = names.as_slice() else { continue };
            if tabled.contains(name) {
                continue;
            }
            let key = naming_key(name);
            let pointed = unnamed.iter().find(|(_, n, _, _)| n.is_some_and(|n| refers_to(&f.inferred.description, n)));
            let by_caption: Vec<&(usize, Option<u32>, usize, Vec<String>)> =
                unnamed.iter().filter(|(k, _, _, keys)| *k != ti && keys.contains(&key)).collect();
            let chosen = pointed
                .filter(|(k, _, _, _)| *k != ti)
                .or_else(|| by_caption.iter().find(|(_, _, l, _)| *l > line).copied())
                .or_else(|| by_caption.last().copied());
            let Some(&(k, number, _, _)) = chosen else { continue };
            let target = match given.iter().find(|(g, _)| *g == k) {
                Some((_, n)) => n.clone(),
                None => {
                    let n = crate::naming::pascal(name);
                    given.push((k, n.clone()));
                    n
                }
            };
            let renamed = rename(&p, name, &target);
            let f = &tables[ti].fields[fi];
            let why = match number.filter(|n| refers_to(&f.inferred.description, *n)) {
                Some(n) => format!("the row refers to Table {n}"),
                None => format!("the caption \"{}\" names it", vocab::caption_parts(&tables[k].caption).1),
            };
            let f = &mut tables[ti].fields[fi];
            f.ty_review = Some(format!("printed `{}`; {why}, tabled as {target}", f.ty));
            f.ty = renamed;
        }
    }
    for (k, name) in given {
        let caption = tables[k].caption.clone();
        tables[k].role = Role::Object(name.clone());
        tables[k].role_review = Some(format!("object named {name} after the row that refers to \"{caption}\""));
    }
}

/// The name keys an object table's caption gives: its words that are not caption words, joined
/// (`firewallgroup` of `Firewall Group objects`), and each name a slash joins (`primarynic` and
/// `extnics` of `Data structure of the primaryNic/extNics field`).
fn caption_keys(caption: &str) -> Vec<String> {
    let words = vocab::caption_parts(caption).1;
    let core: Vec<String> = words
        .split_whitespace()
        .map(|w| w.trim_matches('*'))
        .filter(|w| !super::captions::CAPTION_WORDS.contains(&w.to_lowercase().as_str()))
        .map(str::to_owned)
        .collect();
    let mut keys = vec![naming_key(&core.concat())];
    if let [one] = core.as_slice() {
        keys.extend(one.split('/').map(naming_key));
    }
    keys.retain(|k| !k.is_empty());
    keys
}

/// Type phrases that name an object by its caption as printed (`Array of user_list objects`)
/// name it as drafted (`UserList`), marked.
fn rename_references(tables: &mut [Drafted]) {
    let renamed: Vec<(String, String)> = tables
        .iter()
        .filter_map(|t| match &t.role {
            Role::Object(name) => {
                let raw = vocab::caption_parts(&t.caption).1;
                (raw != *name && naming_key(&raw) == naming_key(name)).then(|| (raw, name.clone()))
            }
            _ => None,
        })
        .collect();
    let mut objects: Vec<String> = object_names(tables);
    objects.sort();
    objects.dedup();
    // A phrase naming an object not tabled under that name, whose name is one tabled object's
    // in other case or spelling (`subnet object`, `Array of extra_dhcp_opt objects`).
    let spelled = |f: &Field, parent: Option<&str>| -> Option<(String, String)> {
        let mut names = Vec::new();
        named(&types::parse(&f.ty).ok()?, &mut names);
        names.into_iter().filter(|n| !objects.contains(n)).find_map(|n| {
            // `user object` in the `mapping.rules.local` table is the `LocalUser` object.
            if let Some(o) = parent.map(|p| crate::naming::pascal(&format!("{p}_{n}"))).filter(|o| objects.contains(o))
            {
                return Some((n, o));
            }
            let key = naming_key(&n);
            // Also in the plural or the singular (`List<Transfer>` of the `transfers` table).
            let plural = |a: &str, b: &str| a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a);
            let exact = objects.iter().any(|o| naming_key(o) == key);
            let mut same = objects.iter().filter(|o| {
                let k = naming_key(o);
                if exact { k == key } else { plural(&k, &key) }
            });
            match (same.next(), same.next()) {
                (Some(o), None) => Some((n, o.clone())),
                _ => None,
            }
        })
    };
    for t in tables.iter_mut() {
        let parent = parent_field(&t.caption);
        for f in &mut t.fields {
            if let Some((raw, name)) = spelled(f, parent.as_deref()) {
                let words: Vec<&str> = f.ty.split(' ').collect();
                let ty = words.iter().map(|w| if *w == raw { name.as_str() } else { w }).collect::<Vec<_>>().join(" ");
                f.ty_review = Some(format!("printed `{}`; the object is named {name} after its caption", f.ty));
                f.ty = ty;
                continue;
            }
            let words: Vec<&str> = f.ty.split(' ').collect();
            if let Some((raw, name)) = renamed.iter().find(|(raw, _)| words.contains(&raw.as_str())) {
                let ty = words.iter().map(|w| if w == raw { name.as_str() } else { w }).collect::<Vec<_>>().join(" ");
                f.ty_review = Some(format!("printed `{}`; the object is named {name} after its caption", f.ty));
                f.ty = ty;
            }
        }
    }
}

/// `List<Transfer>`, `Array<Array<Zone>>` and `Array<String>` inside a map: the generic forms
/// some pages print, as the phrases the generator reads (`Array of Transfer objects`,
/// `List<String>`), when every name in them is tabled. Marked.
fn resolve_generic_lists(tables: &mut [Drafted]) {
    let objects: Vec<String> = object_names(tables);
    for t in tables.iter_mut() {
        for f in &mut t.fields {
            if types::parse(&f.ty).is_ok() || !f.ty.contains('<') {
                continue;
            }
            let Some(ty) = generic_list(f.ty.trim(), &objects) else { continue };
            if types::parse(&ty).is_ok() {
                f.ty_review = Some(format!("printed `{}`, read as `{ty}`", f.ty));
                f.ty = ty;
            }
        }
    }
}

/// One generic form rewritten (`List<X>` / `Array<X>` with X tabled or a phrase), or `None`.
fn generic_list(ty: &str, objects: &[String]) -> Option<String> {
    let (head, rest) = ty.split_once('<')?;
    let inner = rest.strip_suffix('>')?.trim();
    let tabled = objects.iter().find(|o| naming_key(o) == naming_key(inner));
    match head.trim() {
        "List" | "Array" | "list" | "array" => match tabled {
            Some(name) => Some(format!("Array of {name} objects")),
            None => Some(format!("List<{}>", generic_list(inner, objects).unwrap_or_else(|| inner.to_owned()))),
        },
        "Map" | "map" => {
            let (key, value) = inner.split_once(',')?;
            let value = generic_list(value.trim(), objects).unwrap_or_else(|| value.trim().to_owned());
            Some(format!("Map<{},{value}>", key.trim()))
        }
        _ => None,
    }
}

/// Type phrases that name an object by its caption's words but not as drafted (`port object`
/// for the table `port对象`, drafted `Port`; `Array of Security Group Rule objects`;
/// `binding:vif_details object`) name the object whose name has the same letters and digits,
/// marked.
fn resolve_by_key(tables: &mut [Drafted]) {
    let objects: Vec<String> = object_names(tables);
    for t in tables.iter_mut() {
        for f in &mut t.fields {
            let Some((array, printed)) = phrase_name(&f.ty) else { continue };
            if objects.contains(&printed) {
                continue;
            }
            let key = naming_key(&printed);
            let mut same: Vec<&String> = objects.iter().filter(|o| naming_key(o) == key).collect();
            same.sort();
            same.dedup();
            if let [name] = same.as_slice() {
                f.ty_review = Some(format!("printed `{}`; the object is drafted as {name}", f.ty));
                f.ty = if array { format!("Array of {name} objects") } else { format!("{name} object") };
            }
        }
    }
}

/// The object a type phrase names as printed: `X object` or `Array of X objects`, with whether
/// it is an array.
fn phrase_name(ty: &str) -> Option<(bool, String)> {
    let t = ty.trim();
    if let Some(rest) = t.strip_prefix("Array of ") {
        let name = rest.strip_suffix(" objects").or_else(|| rest.strip_suffix(" object"))?.trim();
        return (!name.is_empty() && name != "Table").then(|| (true, name.to_owned()));
    }
    let name = t.strip_suffix(" object")?.trim();
    (!name.is_empty() && !name.contains(" of ")).then(|| (false, name.to_owned()))
}

/// Type phrases that name an object by its table (`Array of Table 5 objects`, `Table NodeInfo
/// object`, as some RST exports print the link) name the object that table describes, marked.
fn resolve_table_words(tables: &mut [Drafted]) {
    let objects: Vec<(Option<u32>, String)> = tables
        .iter()
        .filter_map(|t| match &t.role {
            Role::Object(name) if !name.is_empty() => Some((t.number, name.clone())),
            _ => None,
        })
        .collect();
    let target = |word: &str| -> Option<String> {
        match word.parse::<u32>() {
            Ok(n) => objects.iter().find(|(number, _)| *number == Some(n)).map(|(_, name)| name.clone()),
            Err(_) => objects.iter().find(|(_, name)| name == word).map(|(_, name)| name.clone()),
        }
    };
    for t in tables.iter_mut() {
        for f in &mut t.fields {
            let words: Vec<&str> = f.ty.split(' ').collect();
            let Some(i) = words.iter().position(|w| w.eq_ignore_ascii_case("table")) else { continue };
            let Some(name) = words.get(i + 1).and_then(|w| target(w)) else { continue };
            let mut out: Vec<&str> = words[..i].to_vec();
            out.push(&name);
            out.extend_from_slice(&words[i + 2..]);
            f.ty_review = Some(format!("printed `{}`; the phrase names the object by its table", f.ty));
            f.ty = out.join(" ");
        }
    }
}

/// A caption tabled twice on one page with different rows (a request and a response copy of
/// one object): the first table keeps the name, each later one is renamed (below), marked, and
/// every type phrase naming it reaches the copy tabled after its own table (else the last one
/// before it). Copies with the same rows (names and types: a response copy prints no Mandatory
/// column) stay one object, the first.
///
/// A later copy is `<Operation>Request<Name>` or, tabled after the page's first response body or
/// header table, `<Operation>Response<Name>` (numbered when taken), not `<Operation><Name>`: that
/// is the first copy's own name when another page holds `<Name>` with other rows, which the copy
/// must leave free (CCE's node pool `Metadata`, IAM's `User`).
pub fn separate_copies(op: &str, tables: &mut [Drafted]) {
    let response_from = tables
        .iter()
        .filter(|t| matches!(t.role, Role::ResponseBody(_) | Role::ResponseHeader))
        .map(|t| t.line)
        .min()
        .unwrap_or(usize::MAX);
    // The name the draft gives a request body (`draft/sections.rs`), which a copy of a caption
    // `Body` would otherwise take (`<Operation>Response<Name>` is never the response's name).
    let request_body = format!("{op}RequestBody");
    let same = |a: &Drafted, b: &Drafted| {
        a.fields.len() == b.fields.len()
            && a.fields.iter().zip(&b.fields).all(|(x, y)| x.name == y.name && x.ty == y.ty)
    };
    let mut names: Vec<String> = Vec::new();
    for t in tables.iter() {
        if let Role::Object(n) = &t.role
            && !n.is_empty()
            && !names.contains(n)
        {
            names.push(n.clone());
        }
    }
    for name in names {
        let copies: Vec<usize> = (0..tables.len()).filter(|&k| tables[k].role == Role::Object(name.clone())).collect();
        if copies.len() < 2 || copies[1..].iter().all(|&k| same(&tables[copies[0]], &tables[k])) {
            continue;
        }
        // The name each copy gets: the first keeps it, a different later one is renamed.
        let mut given: Vec<(usize, usize, String)> = Vec::new();
        for (j, &k) in copies.iter().enumerate() {
            let renamed = match given.iter().find(|(_, c, _)| same(&tables[*c], &tables[k])) {
                Some((_, _, n)) => n.clone(),
                None if j == 0 => name.clone(),
                None => {
                    let part = if tables[k].line > response_from { "Response" } else { "Request" };
                    let base = format!("{op}{part}{name}");
                    let mut n = base.clone();
                    let mut i = 2;
                    while tables.iter().any(|t| t.role == Role::Object(n.clone()))
                        || given.iter().any(|(_, _, g)| *g == n)
                        || n == request_body
                    {
                        n = format!("{base}{i}");
                        i += 1;
                    }
                    n
                }
            };
            given.push((tables[k].line, k, renamed));
        }
        for t in tables.iter_mut() {
            let line = t.line;
            let target = given.iter().find(|(l, _, _)| *l > line).or(given.last()).map(|(_, _, n)| n.clone());
            let Some(target) = target.filter(|n| *n != name) else { continue };
            for f in &mut t.fields {
                let words: Vec<&str> = f.ty.split(' ').collect();
                if words.contains(&name.as_str()) {
                    let ty = words
                        .iter()
                        .map(|w| if *w == name { target.as_str() } else { w })
                        .collect::<Vec<_>>()
                        .join(" ");
                    f.ty_review = Some(format!(
                        "printed `{}`; the page tables {name} twice with different rows, and the copy after this table is {target}",
                        f.ty
                    ));
                    f.ty = ty;
                }
            }
        }
        for (_, k, n) in given {
            if n != name {
                tables[k].role = Role::Object(n.clone());
                tables[k].role_review = Some(format!(
                    "the page tables {name} twice with different rows; this copy is named {n} (spec/README.md, \"Names belong to their page\")"
                ));
            }
        }
    }
}

/// Type cells that name a tabled object without the words of a type phrase, as some pages print
/// the link: the bare name (`DnInstance`, an array when the page's example has one there), the
/// name glued to its noun (`DisasterRecoveryobject`, `Array of Nodeobjects`) and a generic phrase
/// with its table in brackets (`Array of objects (Table 6)`). Each becomes the phrase naming the
/// object, marked; a cell naming nothing tabled is left for `check_types` to report.
fn resolve_object_words(page: &Page, tables: &mut [Drafted]) {
    let objects: Vec<(Option<u32>, String)> = tables
        .iter()
        .filter_map(|t| match &t.role {
            Role::Object(name) if !name.is_empty() => Some((t.number, name.clone())),
            _ => None,
        })
        .collect();
    let tabled = |name: &str| objects.iter().any(|(_, n)| n == name);
    for t in tables.iter_mut() {
        for f in &mut t.fields {
            if types::parse(&f.ty).is_ok() {
                continue;
            }
            let printed = f.ty.clone();
            let resolved = if tabled(printed.trim()) {
                let name = printed.trim();
                let array = matches!(type_from_examples(page, &f.name), Some((ty, _)) if ty.starts_with("Array"));
                let ty = if array { format!("Array of {name} objects") } else { format!("{name} object") };
                let why = if array {
                    format!("printed `{printed}`, the name of a table; the page's example has an array here")
                } else {
                    format!("printed `{printed}`, the name of a table")
                };
                Some((ty, why))
            } else if let Some((ty, name)) = glued(&printed).filter(|(_, n)| tabled(n)) {
                Some((ty, format!("printed `{printed}`; read as the {name} object")))
            } else if let Some((head, number)) = bracketed_table(&printed)
                && let Some((_, name)) = objects.iter().find(|(n, _)| *n == Some(number))
                && matches!(head.to_lowercase().as_str(), "object" | "array of objects" | "array of object")
            {
                let array = head.to_lowercase().starts_with("array");
                let ty = if array { format!("Array of {name} objects") } else { format!("{name} object") };
                Some((ty, format!("printed `{printed}`; the phrase names the object by its table")))
            } else {
                None
            };
            if let Some((ty, why)) = resolved {
                f.ty = ty;
                f.ty_review = Some(why);
            }
        }
    }
}

/// `DisasterRecoveryobject` -> (`DisasterRecovery object`, `DisasterRecovery`), `Array of
/// Nodeobjects` -> (`Array of Node objects`, `Node`): a name glued to the noun after it.
fn glued(ty: &str) -> Option<(String, String)> {
    let t = ty.trim();
    if let Some(rest) = t.strip_prefix("Array of ") {
        let name = rest.trim().strip_suffix("objects")?.trim_end();
        return (crate::naming::is_type_name(name) && !name.contains(' '))
            .then(|| (format!("Array of {name} objects"), name.to_owned()));
    }
    let name = t.strip_suffix("object")?.trim_end();
    (crate::naming::is_type_name(name) && !name.contains(' ')).then(|| (format!("{name} object"), name.to_owned()))
}

/// `Array of objects (Table 6)`, `Object（表6）` -> (`Array of objects`, 6).
fn bracketed_table(ty: &str) -> Option<(&str, u32)> {
    let t = ty.trim();
    let open = t.find(['(', '（'])?;
    let inner = t[open..].trim_start_matches(['(', '（']).trim_end_matches([')', '）']).trim();
    let inner = inner.strip_prefix("Table").or_else(|| inner.strip_prefix("表"))?.trim();
    let number = inner.parse().ok()?;
    Some((t[..open].trim(), number))
}

fn naming_key(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase()
}

/// "see Table 4", "详见表4", "表 4": whether a description points at table `n` of this page (not
/// `<page>#表4`, another page's table as the readers write a link to it).
fn refers_to(description: &str, n: u32) -> bool {
    ["Table ", "table ", "表", "表 "].iter().any(|p| {
        description.match_indices(p).filter(|(k, _)| !description[..*k].ends_with('#')).any(|(k, _)| {
            let rest = &description[k + p.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<u32>().ok() == Some(n)
        })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_type_phrase_naming_an_object_by_its_table_names_the_object() {
        use super::{Drafted, Field, Role};
        let field = |ty: &str| Field {
            name: "nodes".to_owned(),
            mandatory: Some(true),
            ty: ty.to_owned(),
            ty_review: None,
            inferred: Default::default(),
            supplied_by: None,
            line: 1,
            note: None,
        };
        let table = |role: Role, number: Option<u32>, fields: Vec<Field>| Drafted {
            role,
            role_review: None,
            caption: String::new(),
            number,
            line: 1,
            fields,
        };
        let mut tables = vec![
            table(
                Role::Object("Body".to_owned()),
                Some(3),
                vec![
                    field("Array of Table 5 objects"),
                    field("Table NodeInfo object"),
                    field("Array of Table 9 objects"),
                ],
            ),
            table(Role::Object("GroupInfo".to_owned()), Some(5), vec![]),
            table(Role::Object("NodeInfo".to_owned()), Some(6), vec![]),
        ];
        super::resolve_table_words(&mut tables);
        let types: Vec<&str> = tables[0].fields.iter().map(|f| f.ty.as_str()).collect();
        assert_eq!(types, ["Array of GroupInfo objects", "NodeInfo object", "Array of Table 9 objects"]);
        assert!(tables[0].fields[0].ty_review.as_deref().is_some_and(|r| r.contains("Array of Table 5 objects")));
    }
}
