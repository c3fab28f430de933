//! A usage example of every operation: a function that builds its request from placeholder
//! values of the mandatory fields (the wire name for a string, a number in the documented range,
//! an enum's first value, a nested object made the same way) and calls the client. It is the
//! `# Example` of the client method's rustdoc, and the facade's `tests/usage.rs` compiles every
//! one of them (doctests of the generated crates are off, for build time), so that it cannot rot.

use std::fmt::Write as _;

use crate::ir::{Api, Field, Operation, Service, Type, Version};

/// At most this depth of nested mandatory objects is built; deeper ones (none in the spec today)
/// are left to `Default::default()`.
const MAX_DEPTH: usize = 6;

/// The example of `op` as formatted Rust (a `use` line and one async function), with the facade
/// crate named `lib`; unformatted if it does not parse (a generator bug that `tests/usage.rs`
/// then reports as a compile error).
pub fn snippet(lib: &str, s: &Service, v: &Version, op: &Operation) -> String {
    formatted(lib, s, v, op).unwrap_or_else(|code| code)
}

/// [`snippet`], or the code as it is when it does not parse.
fn formatted(lib: &str, s: &Service, v: &Version, op: &Operation) -> Result<String, String> {
    let mut used: Vec<String> = vec![s.names.client.source(), op.names.request.source()];
    let args: Vec<String> = super::operation::request_fields(v, op)
        .iter()
        .filter(|f| f.mandatory)
        .map(|f| value(v, f, &f.ty, 0, &mut used))
        .collect();
    used.push(op.names.error.source());
    used.sort();
    used.dedup();
    // Each name from its module: the client from the version module, the others from the
    // operation's module or `types` (`list_users::{ListUsersError, ListUsersRequest}`).
    let client = s.names.client.source();
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for name in &used {
        let home = if *name == client { String::new() } else { v.home_ident(name).source() };
        match groups.iter_mut().find(|(h, _)| *h == home) {
            Some((_, names)) => names.push(name),
            None => groups.push((home, vec![name])),
        }
    }
    groups.sort();
    let used: Vec<String> = groups
        .iter()
        .map(|(home, names)| match (home.is_empty(), names.as_slice()) {
            (true, _) => names.join(", "),
            (false, [one]) => format!("{home}::{one}"),
            (false, _) => format!("{home}::{{{}}}", names.join(", ")),
        })
        .collect();
    let method = op.names.method.source();
    let code = format!(
        "use {lib}::{}::{}::{{{}}};\n\
         async fn {method}(client: &{}) -> ::std::result::Result<(), {lib}::runtime::Error<{}>> {{\n\
             let request = {}::new({});\n\
             let response = client.{method}(&request).await?;\n\
             println!(\"{{response:?}}\");\n\
             Ok(())\n\
         }}",
        s.name,
        v.name,
        used.join(", "),
        s.names.client.source(),
        op.names.error.source(),
        op.names.request.source(),
        args.join(", "),
    );
    match syn::parse_file(&code) {
        Ok(file) => Ok(prettyplease::unparse(&file).trim_end().to_owned()),
        Err(_) => Err(code),
    }
}

/// A placeholder value of `ty` for the field `f`, as Rust source; the types it names go to `used`.
fn value(v: &Version, f: &Field, ty: &Type, depth: usize, used: &mut Vec<String>) -> String {
    match ty {
        Type::String => format!("{:?}", f.wire_name),
        Type::Integer | Type::Long => {
            let n = f.range.as_ref().and_then(|r| r.min.or(r.max)).filter(|n| n.fract() == 0.0).unwrap_or(1.0);
            format!("{}", n as i64)
        }
        Type::Number => format!("{:?}", f.range.as_ref().and_then(|r| r.min).unwrap_or(1.0)),
        Type::Boolean => "true".to_owned(),
        Type::Any | Type::Map(_) => "Default::default()".to_owned(),
        // Inside a list a string is a `String` (the constructors take `impl Into<String>` only for
        // the field itself).
        Type::Array(element) if **element == Type::String => format!("vec![{:?}.to_owned()]", f.wire_name),
        Type::Array(element) => format!("vec![{}]", value(v, f, element, depth, used)),
        Type::Enum(name) => match v.enums.iter().find(|e| &e.name == name).and_then(|e| e.variants.first()) {
            Some(first) => {
                used.push(name.clone());
                format!("{name}::{}", first.rust_name)
            }
            None => "Default::default()".to_owned(),
        },
        Type::Object(name) => {
            let Some(o) = v.objects.iter().find(|o| &o.name == name).filter(|_| depth < MAX_DEPTH) else {
                return "Default::default()".to_owned();
            };
            // An object the generator gives no constructor (one that no request reaches by its
            // own name): its default when every field is optional, else left to the reader.
            if !o.in_request {
                return if o.fields.iter().all(|g| !g.mandatory) {
                    "Default::default()".to_owned()
                } else {
                    format!("todo!(\"a {name}\")")
                };
            }
            used.push(name.clone());
            let args: Vec<String> =
                o.fields.iter().filter(|g| g.mandatory).map(|g| value(v, g, &g.ty, depth + 1, used)).collect();
            format!("{name}::new({})", args.join(", "))
        }
    }
}

/// The facade's `tests/usage.rs`: every operation's example in a module of its own, compiled (not
/// run: they would call the cloud). Written as text, each example indented into its module as
/// [`snippet`] formatted it: the file is the largest the generator writes, and parsing and
/// formatting it again as a whole took a tenth of the generator's time.
pub fn file(api: &Api, lib: &str) -> String {
    let mut out = String::from(
        "//! The usage example in the rustdoc of every client method, compiled: each builds its\n\
         //! request and calls the client, so that an example that no longer matches the API fails\n\
         //! the build. Not run (they would call the cloud).\n",
    );
    for s in &api.services {
        for v in &s.versions {
            for op in &v.operations {
                let name = crate::naming::composed(&[&s.name, &v.name, op.names.module.name()]);
                let text = formatted(lib, s, v, op);
                let _ = write!(
                    out,
                    "\n#[cfg(feature = \"{}\")]\n#[allow(dead_code, unused_imports, clippy::all)]\nmod {name} {{\n",
                    s.name
                );
                match text {
                    Ok(text) => {
                        for line in text.lines() {
                            if line.is_empty() {
                                out.push('\n')
                            } else {
                                let _ = writeln!(out, "    {line}");
                            }
                        }
                    }
                    Err(code) => {
                        // A compile error names it; the file stays valid Rust.
                        let message = format!("the usage example of {} does not parse: {code}", op.wire_name);
                        let _ = writeln!(out, "    compile_error!({message:?});");
                    }
                }
                out.push_str("}\n");
            }
        }
    }
    out
}
