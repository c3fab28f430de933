//! Rust names for wire names: one place for case conversion, keywords and invalid characters.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Every Rust keyword, strict, reserved and edition-specific, as of edition 2024.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Whether `s` is a Rust keyword.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// The snake_case name of a field, parameter, function or module, as source text
/// (`errCode` -> `err_code`, `type` -> `r#type`, `X-Auth-Token` -> `x_auth_token`).
pub fn snake(wire: &str) -> String {
    escape(prefix_digit(&wire.to_snake_case(), "n"))
}

/// The file name, without extension, of operation `operation`'s spec: its snake_case name, a
/// keyword as it is (`Move` in `move.yaml`, whose module is `r#move`).
pub fn spec_file(operation: &str) -> String {
    let name = snake(operation);
    name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
}

/// Names a field cannot take because the generated type has an item of that name: `new`, the
/// constructor beside each field's setter, and `sdk_meta`, a response's hidden metadata field.
const TAKEN_BY_THE_TYPE: &[&str] = &["new", "sdk_meta"];

/// The snake_case name of a field of a request, an object or a response: [`snake`], with a
/// trailing underscore where the generated type already has an item of that name (`new` ->
/// `new_`, whose setter is `new_`).
pub fn field(wire: &str) -> String {
    let name = snake(wire);
    if TAKEN_BY_THE_TYPE.contains(&name.as_str()) { format!("{name}_") } else { name }
}

/// The PascalCase name of a type or enum variant (`addOmUser` -> `AddOmUser`, `CREATE` -> `Create`).
pub fn pascal(wire: &str) -> String {
    let mut s = wire.to_upper_camel_case();
    // heck drops characters that are not alphanumeric; fall back so the name is never empty.
    if s.is_empty() {
        s = "Value".to_owned();
    }
    escape(prefix_digit(&s, "V"))
}

/// Whether a documented object name can be used as a Rust type name as it is.
pub fn is_type_name(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && !is_keyword(s)
}

/// The Rust type name of a documented caption: the caption itself when it is one already
/// (`GetUsersListDetailResponses`, `DatabaseOmUserActionReq`), its PascalCase otherwise
/// (`user_list` -> `UserList`, `os-start` -> `OsStart`, `Security Group` -> `SecurityGroup`).
/// The result may still not be a type name (a caption in Chinese); callers check it.
pub fn type_name(caption: &str) -> String {
    unshadowed(if is_type_name(caption) { caption.to_owned() } else { pascal(caption) })
}

/// A type name that does not shadow the prelude: a type named like a prelude item that the
/// generated code uses unqualified (`Option`, `Vec`, `String`, ...) gets `Model` after it, since
/// `Option<...>` would otherwise mean the page's `option` object.
pub fn unshadowed(name: String) -> String {
    if PRELUDE.contains(&name.as_str()) { format!("{name}Model") } else { name }
}

/// The prelude's types, traits and variants that a generated type must not be named after.
const PRELUDE: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "ToString",
    "ToOwned",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Iterator",
    "IntoIterator",
    "From",
    "Into",
    "PartialEq",
    "Eq",
    "Fn",
];

fn prefix_digit(s: &str, prefix: &str) -> String {
    if s.starts_with(|c: char| c.is_ascii_digit()) { format!("{prefix}{s}") } else { s.to_owned() }
}

fn escape(s: String) -> String {
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if is_keyword(&s) {
        format!("r#{s}")
    } else {
        s
    }
}

/// A Rust identifier, decided once in lowering: emitters write it as it is (`quote!(#ident)`), a
/// raw identifier where the name is a keyword, and never build a name of their own (the names of
/// private items and generated tests are composed here, [`composed`], [`fields_const`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ident {
    /// The name without any `r#`: what docs, file names and messages show.
    name: String,
    /// Whether it must be written `r#name`.
    raw: bool,
}

impl Ident {
    /// The snake_case identifier of a wire name (`ListUsers` -> `list_users`, `move` -> `r#move`).
    pub fn snake(wire: &str) -> Ident {
        Ident::from_source(&snake(wire))
    }

    /// The PascalCase identifier of a wire name (`addOmUser` -> `AddOmUser`).
    pub fn pascal(wire: &str) -> Ident {
        Ident::from_source(&pascal(wire))
    }

    /// An identifier from source text that is already valid (`r#type`, `ListUsersRequest`).
    pub fn from_source(source: &str) -> Ident {
        match source.strip_prefix("r#") {
            Some(raw) => Ident { name: raw.to_owned(), raw: true },
            None => Ident { name: source.to_owned(), raw: false },
        }
    }

    /// `self` followed by `suffix`, escaped again (`r#move` + `_all` -> `move_all`).
    pub fn suffixed(&self, suffix: &str) -> Ident {
        Ident::from_source(&escape(format!("{}{suffix}", self.name)))
    }

    /// The name without `r#`, for docs, file names and messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The name as Rust source (`r#type`).
    pub fn source(&self) -> String {
        if self.raw { format!("r#{}", self.name) } else { self.name.clone() }
    }
}

impl std::fmt::Display for Ident {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

impl quote::ToTokens for Ident {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        let span = proc_macro2::Span::call_site();
        let ident = if self.raw {
            proc_macro2::Ident::new_raw(&self.name, span)
        } else {
            proc_macro2::Ident::new(&self.name, span)
        };
        tokens.extend([proc_macro2::TokenTree::Ident(ident)]);
    }
}

/// The identifier for generated source: a raw identifier where the name is a keyword.
pub fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => proc_macro2::Ident::new(name, proc_macro2::Span::call_site()),
    }
}

/// Whether `name` (possibly `r#`-prefixed) is a valid Rust identifier that is not a plain keyword.
pub fn is_ident(name: &str) -> bool {
    !name.is_empty() && syn::parse_str::<syn::Ident>(name).is_ok()
}

/// The variant of an operation's error enum for a documented status: the status's name in
/// PascalCase (`NotFound`), `Status<code>` for one without a common name.
pub fn status_variant(status: u16) -> Ident {
    Ident::from_source(&status_name(status))
}

fn status_name(status: u16) -> String {
    match status {
        400 => "BadRequest".to_owned(),
        401 => "Unauthorized".to_owned(),
        403 => "Forbidden".to_owned(),
        404 => "NotFound".to_owned(),
        405 => "MethodNotAllowed".to_owned(),
        406 => "NotAcceptable".to_owned(),
        407 => "ProxyAuthenticationRequired".to_owned(),
        408 => "RequestTimeout".to_owned(),
        409 => "Conflict".to_owned(),
        410 => "Gone".to_owned(),
        412 => "PreconditionFailed".to_owned(),
        413 => "PayloadTooLarge".to_owned(),
        415 => "UnsupportedMediaType".to_owned(),
        422 => "UnprocessableEntity".to_owned(),
        429 => "TooManyRequests".to_owned(),
        500 => "InternalServerError".to_owned(),
        501 => "NotImplemented".to_owned(),
        502 => "BadGateway".to_owned(),
        503 => "ServiceUnavailable".to_owned(),
        504 => "GatewayTimeout".to_owned(),
        other => format!("Status{other}"),
    }
}

/// The request field that holds the body (`ListUsersRequest::body`); lowering refuses a
/// parameter of that name beside a body.
pub const BODY_FIELD: &str = "body";

/// A name composed of names decided in lowering, for items that no user names: the generated
/// tests' modules and functions (`ddm_v1`, `ddm_v1_list_users`), every character that is not
/// alphanumeric an underscore.
pub fn composed(parts: &[&str]) -> proc_macro2::Ident {
    let raw = parts.join("_");
    let clean: String = raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    proc_macro2::Ident::new(&clean, proc_macro2::Span::call_site())
}

/// The private constant of the mock routes that holds the fields of object `name`
/// (`CREATE_USER_REQUEST_V3_FIELDS`).
pub fn fields_const(name: &str) -> proc_macro2::Ident {
    let upper = heck::ToShoutySnakeCase::to_shouty_snake_case(name);
    proc_macro2::Ident::new(&format!("{upper}_FIELDS"), proc_macro2::Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_follows_the_wire_name() {
        assert_eq!(snake("errCode"), "err_code");
        assert_eq!(snake("X-Auth-Token"), "x_auth_token");
        assert_eq!(snake("om_user_info"), "om_user_info");
        assert_eq!(snake("2fa"), "n2fa");
    }

    #[test]
    fn an_operation_s_spec_file_is_its_snake_case_name_a_keyword_unescaped() {
        assert_eq!(spec_file("ListUsers"), "list_users");
        assert_eq!((snake("Move"), spec_file("Move")), ("r#move".to_owned(), "move".to_owned()));
    }

    #[test]
    fn a_field_does_not_take_the_name_of_its_types_constructor_or_metadata() {
        assert_eq!(field("new"), "new_");
        assert_eq!(field("New"), "new_");
        assert_eq!(field("sdkMeta"), "sdk_meta_");
        assert_eq!(field("type"), "r#type");
        assert_eq!(field("newest"), "newest");
        assert_eq!(field("meta"), "meta", "`meta()` is a method: a field of that name does not clash");
    }

    #[test]
    fn pascal_case_follows_the_wire_value() {
        assert_eq!(pascal("addOmUser"), "AddOmUser");
        assert_eq!(pascal("CREATE"), "Create");
        assert_eq!(pascal("fulltableDelete"), "FulltableDelete");
        assert_eq!(pascal("1x"), "V1x");
        assert_eq!(pascal("--"), "Value");
    }

    #[test]
    fn captions_keep_type_names_and_become_pascal_case_otherwise() {
        assert_eq!(type_name("GetUsersListDetailResponses"), "GetUsersListDetailResponses");
        assert_eq!(type_name("ABCThing"), "ABCThing");
        assert_eq!(type_name("user_list"), "UserList");
        assert_eq!(type_name("tag"), "Tag");
        assert_eq!(type_name("os-start"), "OsStart");
        assert_eq!(type_name("Security Group"), "SecurityGroup");
        assert_eq!(type_name("option"), "OptionModel", "a prelude name would shadow the prelude");
    }

    #[test]
    fn every_keyword_becomes_a_valid_identifier() {
        for kw in KEYWORDS {
            let name = snake(kw);
            assert!(!is_keyword(&name), "{kw} -> {name}");
            // Ident::new panics on anything that is not a valid identifier.
            let _ = ident(&name);
            let name = pascal(kw);
            let _ = ident(&name);
        }
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(pascal("self"), "Self_");
    }

    #[test]
    fn identifiers_keep_their_name_apart_from_the_raw_prefix() {
        let op = Ident::snake("Move");
        assert_eq!((op.name(), op.source()), ("move", "r#move".to_owned()));
        assert_eq!(quote::quote!(#op).to_string(), "r#move");
        assert_eq!(op.suffixed("_all").source(), "move_all");
        assert_eq!(Ident::snake("Type").suffixed("").source(), "r#type");
        assert_eq!(Ident::snake("ListUsers").source(), "list_users");
    }
}
