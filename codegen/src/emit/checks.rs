//! The constraint checks of a client method: each documented range, length and number of
//! elements of a parameter or body field, through the body's nested objects, lists and maps, as
//! calls of the runtime's `Request::check_*` before anything is sent.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Body, Bounds, Field, Object, Type, Version};

/// The checks of the request body `o`, reached through the binding `body`.
pub fn body(v: &Version, o: &Object) -> Vec<TokenStream> {
    let mut walk = Walk { version: v, depth: 0, path: Vec::new() };
    let mut out = Vec::new();
    for f in &o.fields {
        let field = &f.rust_name;
        let label = Label::new(&format!("body.{}", f.wire_name));
        out.extend(Step::emit(walk.field(f, quote!(body.#field), &label)));
    }
    out
}

/// The checks of a body that is not a JSON object (the spec's request body `type`), held in
/// `body`: those of each element of an array of objects, labelled `body[2].name`.
pub fn whole_body(v: &Version, body: &Body) -> Vec<TokenStream> {
    let mut walk = Walk { version: v, depth: 0, path: Vec::new() };
    Step::emit(walk.field(&body.field(String::new()), quote!(body), &Label::new("body")))
}

/// The name a failed check gives a body field: `body.cluster.port`, `body.users[2].name`,
/// `body.tags.<key>.value`. A label below a list or a map is formatted at run time from the loop's
/// index or key variables; any other label is a string literal.
#[derive(Clone)]
struct Label {
    /// A `format!` string (braces of wire names doubled) naming the loop variables it uses.
    format: String,
    /// Whether `format` names a loop variable.
    dynamic: bool,
}

impl Label {
    fn new(text: &str) -> Self {
        Label { format: text.replace('{', "{{").replace('}', "}}"), dynamic: false }
    }

    /// The label of a field of the object this label names.
    fn field(&self, wire: &str) -> Self {
        Label { format: format!("{}.{}", self.format, wire.replace('{', "{{").replace('}', "}}")), ..self.clone() }
    }

    /// The label of an element of the list or map this label names, by the loop variable `var`.
    fn element(&self, var: &proc_macro2::Ident, list: bool) -> Self {
        let format = if list { format!("{}[{{{var}}}]", self.format) } else { format!("{}.{{{var}}}", self.format) };
        Label { format, dynamic: true }
    }

    /// An expression of type `&str`.
    fn expr(&self) -> TokenStream {
        if self.dynamic {
            let f = &self.format;
            quote!(&format!(#f))
        } else {
            let text = self.format.replace("{{", "{").replace("}}", "}");
            quote!(#text)
        }
    }
}

/// The constraint checks of a request body, through its nested objects, lists and maps.
struct Walk<'a> {
    version: &'a Version,
    /// Loops and bindings opened so far, for distinct variable names.
    depth: usize,
    /// Objects being walked, so that a type that contains itself ends the walk.
    path: Vec<String>,
}

/// A step of the checks: code, or code under `if let Some(..) = ..` bindings. Kept apart until
/// emitted so that an optional field whose only checks sit under another optional field becomes
/// one `if let .. && let ..` chain (clippy's `collapsible_if`).
enum Step {
    Code(TokenStream),
    IfLet(Vec<TokenStream>, Vec<Step>),
}

impl Step {
    fn emit(steps: Vec<Step>) -> Vec<TokenStream> {
        steps
            .into_iter()
            .map(|s| match s {
                Step::Code(code) => code,
                Step::IfLet(conditions, body) => {
                    let body = Step::emit(body);
                    quote!(if #(#conditions)&&* { #(#body)* })
                }
            })
            .collect()
    }
}

impl Walk<'_> {
    /// Checks of field `f` reached through `access` (a place expression of its declared type):
    /// its own range or length, then those of the objects it holds.
    fn field(&mut self, f: &Field, access: TokenStream, label: &Label) -> Vec<Step> {
        let mut out: Vec<Step> = checks(f, access.clone(), &label.expr()).into_iter().map(Step::Code).collect();
        if !self.constrained(&f.ty) {
            return out;
        }
        if f.mandatory {
            out.extend(self.value(&f.ty, access, label));
        } else {
            let var = format_ident!("v{}", self.depth);
            self.depth += 1;
            let mut inner = self.value(&f.ty, quote!(#var), label);
            let condition = quote!(let Some(#var) = &#access);
            out.push(match inner.pop() {
                Some(Step::IfLet(mut conditions, body)) if inner.is_empty() => {
                    conditions.insert(0, condition);
                    Step::IfLet(conditions, body)
                }
                last => {
                    inner.extend(last);
                    Step::IfLet(vec![condition], inner)
                }
            });
        }
        out
    }

    /// Checks inside a value of type `ty` reached through `access` (a place expression of type `T`
    /// or an expression of type `&T`).
    fn value(&mut self, ty: &Type, access: TokenStream, label: &Label) -> Vec<Step> {
        match ty {
            Type::Object(name) => {
                let Some(o) = self.version.objects.iter().find(|o| &o.name == name) else { return Vec::new() };
                self.path.push(name.clone());
                let mut out = Vec::new();
                for g in &o.fields {
                    let field = &g.rust_name;
                    out.extend(self.field(g, quote!(#access.#field), &label.field(&g.wire_name)));
                }
                self.path.pop();
                out
            }
            Type::Array(t) | Type::Map(t) if self.constrained(t) => {
                let list = matches!(ty, Type::Array(_));
                let (key, item) = (format_ident!("k{}", self.depth), format_ident!("e{}", self.depth));
                self.depth += 1;
                let inner = Step::emit(self.value(t, quote!(#item), &label.element(&key, list)));
                vec![Step::Code(if list {
                    quote!(for (#key, #item) in #access.iter().enumerate() { #(#inner)* })
                } else {
                    quote!(for (#key, #item) in #access.iter() { #(#inner)* })
                })]
            }
            _ => Vec::new(),
        }
    }

    /// Whether a value of type `ty` holds an object with a constrained field, at any depth.
    fn constrained(&mut self, ty: &Type) -> bool {
        match ty {
            Type::Array(t) | Type::Map(t) => self.constrained(t),
            Type::Object(name) if !self.path.contains(name) => {
                let Some(o) = self.version.objects.iter().find(|o| &o.name == name) else { return false };
                self.path.push(name.clone());
                let found =
                    o.fields.iter().any(|g| !checks(g, quote!(x), &quote!("")).is_empty() || self.constrained(&g.ty));
                self.path.pop();
                found
            }
            _ => false,
        }
    }
}

/// Constraint checks of one field reached through `access` (a place expression of the field's
/// declared type), named `label` (an expression of type `&str`) in the error.
pub fn checks(f: &Field, access: TokenStream, label: &TokenStream) -> Vec<TokenStream> {
    // An inclusive range of `f64` literals: `1.0..=64.0`, `0.0..`, `..=255.0`.
    let bounds = |b: &Bounds| {
        let lit = |v: f64| {
            let abs = proc_macro2::Literal::f64_unsuffixed(v.abs());
            if v < 0.0 { quote!(-#abs) } else { quote!(#abs) }
        };
        match (b.min.map(lit), b.max.map(lit)) {
            (Some(min), Some(max)) => quote!(#min..=#max),
            (Some(min), None) => quote!(#min..),
            (None, Some(max)) => quote!(..=#max),
            (None, None) => quote!(..),
        }
    };
    // The runtime's checks take the field as declared, `Option` or not: an unset field passes.
    let mut out = Vec::new();
    if let Some(b) = f.range.as_ref().filter(|_| matches!(f.ty, Type::Integer | Type::Long | Type::Number)) {
        let b = bounds(b);
        out.push(quote!(r.check_range(#label, #access, #b);));
    }
    if let Some(b) = &f.length {
        let b = bounds(b);
        match f.ty {
            Type::String => out.push(quote!(r.check_length(#label, &#access, #b);)),
            Type::Array(_) => out.push(quote!(r.check_items(#label, &#access, #b);)),
            _ => {}
        }
    }
    out
}
