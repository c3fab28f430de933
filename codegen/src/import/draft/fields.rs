//! The rows of a drafted table written as spec fields, with the inferred facts and their review
//! marks; and the tables of one role, which every section starts from.

use super::yaml::{self, Writer};
use crate::import::infer::tables::{Drafted, Field, Role};

/// Writes the rows of one table as a sequence of fields at `indent`; with `with_mandatory`, each
/// with its `mandatory` (`false` and a review mark when the table has no Mandatory column).
pub fn fields(w: &mut Writer, indent: usize, fields: &[Field], with_mandatory: bool) {
    for f in fields {
        if let Some(n) = &f.note {
            w.review(indent, n);
        }
        w.string(indent, "- ", "name", &f.name);
        let i = indent + 2;
        match (f.mandatory, with_mandatory) {
            (Some(m), true) => w.raw(i, "", "mandatory", if m { "true" } else { "false" }),
            // A request table without a Mandatory column (some zh DWS pages): the spec needs one.
            (None, true) => {
                w.review(i, "the table has no Mandatory column; optional assumed");
                w.raw(i, "", "mandatory", "false");
            }
            (_, false) => {}
        }
        if let Some(r) = &f.ty_review {
            w.review(i, r);
        }
        w.string(i, "", "type", &f.ty);
        w.string(i, "", "description", &f.inferred.description);
        if let Some(d) = &f.inferred.default {
            w.review(i, &d.words);
            w.raw(i, "", "default", &yaml::json_scalar(&d.value));
        }
        if let Some(words) = &f.inferred.default_left {
            // Nothing inferred, so nothing to check: a note for whoever adds a default by hand.
            w.comment(
                i,
                &format!("note: no default drafted, the words give no value of the field's type or list: {words}"),
            );
        }
        if let Some(r) = &f.inferred.range {
            w.review(i, &r.words);
            w.raw(i, "", "range", &yaml::bounds(r.value));
        }
        if let Some(l) = &f.inferred.length {
            w.review(i, &l.words);
            w.raw(i, "", "length", &yaml::bounds(l.value));
        }
        if let Some(v) = &f.inferred.values {
            w.review(i, &v.words);
            w.open(i, "", "values");
            for value in &v.value {
                match &value.description {
                    Some(d) => {
                        w.string(i + 2, "- ", "value", &value.value);
                        w.string(i + 4, "", "description", d);
                    }
                    None => w.out.push_str(&format!("{}- {}\n", " ".repeat(i + 2), yaml::scalar(&value.value))),
                }
            }
        }
        // A rule by name (the path's `project_id`, the `X-Auth-Token` and `Content-Type`
        // headers), not an inference: no mark.
        if let Some(s) = f.supplied_by {
            w.raw(i, "", "supplied_by", s);
        }
        if names_a_secret(&f.name, &f.ty) {
            w.review(i, &format!("`{}` names a secret: its value is never printed", f.name));
            w.raw(i, "", "sensitive", "true");
        }
    }
}

/// Whether a String field's name says it holds a password, secret key or token (`password`,
/// `admin_pwd`, `secret_key`, IAM's `X-Subject-Token` header, `securitytoken`), which the spec
/// then marks `sensitive`.
fn names_a_secret(name: &str, ty: &str) -> bool {
    let n = name.to_ascii_lowercase().replace('-', "_");
    ty.eq_ignore_ascii_case("String")
        && [
            "password",
            "passwd",
            "pwd",
            "secret",
            "secret_key",
            "secretkey",
            "adminpass",
            "subject_token",
            "subject_logintoken",
            "securitytoken",
            "security_token",
        ]
        .iter()
        .any(|s| n == *s || n.ends_with(&format!("_{s}")) || (n.ends_with(s) && n.len() > s.len() && s.len() > 3))
}

/// The role of each table, for the sections.
pub fn of_role<'a>(tables: &'a [Drafted], role: &Role) -> Vec<&'a Drafted> {
    tables.iter().filter(|t| &t.role == role).collect()
}

#[cfg(test)]
mod secret_tests {
    #[test]
    fn passwords_and_secret_keys_are_secrets_their_metadata_is_not() {
        for name in [
            "password",
            "new_password",
            "adminPassword",
            "db_pwd",
            "secret_key",
            "user_passwd",
            "adminPass",
            "X-Subject-Token",
            "X-Subject-LoginToken",
            "securitytoken",
        ] {
            assert!(super::names_a_secret(name, "String"), "{name}");
        }
        for name in
            ["password_lifetime", "password_last_changed", "pwd_expiry", "keypair", "next_page_token", "token_type"]
        {
            assert!(!super::names_a_secret(name, "String"), "{name}");
        }
        assert!(!super::names_a_secret("password", "Integer"));
    }
}
