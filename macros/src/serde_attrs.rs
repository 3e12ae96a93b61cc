//! What serde puts on the wire for a struct: each field's key after
//! `#[serde(rename)]` and `#[serde(rename_all)]`, and which fields it skips
//! or flattens.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;

/// How serde writes one field.
pub enum Wire {
    /// Under this key.
    Key {
        /// The key.
        key: String,
        /// Where the key comes from: `#[serde(rename …)]` or `rename_all`
        /// with its span, or `None` for the field's own name.
        renamed_by: Option<(String, Span)>,
    },
    /// Not at all (`#[serde(skip)]`, or skipped both ways).
    Skipped,
    /// Its own fields, inlined (`#[serde(flatten)]`), at this span.
    Flattened(Span),
}

/// The struct's `#[serde(rename_all = "…")]` rule and its span, if any.
pub fn rename_all(attrs: &[syn::Attribute]) -> syn::Result<Option<(String, Span)>> {
    let mut rule = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                rule = Some(serialized_name(&meta)?);
                Ok(())
            } else {
                skip(&meta)
            }
        })?;
    }
    if let Some((rule, span)) = &rule {
        if apply(rule, "a").is_none() {
            return Err(syn::Error::new(
                *span,
                format!("unknown rename_all rule `{rule}`"),
            ));
        }
    }
    Ok(rule)
}

/// How serde writes `field` of a struct whose `rename_all` is `rule`.
pub fn wire(field: &syn::Field, rule: Option<&(String, Span)>) -> syn::Result<Wire> {
    let name = field
        .ident
        .as_ref()
        .map(|i| i.to_string().trim_start_matches("r#").to_owned())
        .unwrap_or_default();
    let (mut rename, mut skip_ser, mut skip_de) = (None, false, false);
    let mut flatten = None;
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                rename = Some(serialized_name(&meta)?);
            } else if meta.path.is_ident("skip") {
                (skip_ser, skip_de) = (true, true);
            } else if meta.path.is_ident("skip_serializing") {
                skip_ser = true;
            } else if meta.path.is_ident("skip_deserializing") {
                skip_de = true;
            } else if meta.path.is_ident("flatten") {
                flatten = Some(meta.path.span());
            } else {
                skip(&meta)?;
            }
            Ok(())
        })?;
    }
    if let Some(span) = flatten {
        return Ok(Wire::Flattened(span));
    }
    if skip_ser && skip_de {
        return Ok(Wire::Skipped);
    }
    Ok(match (rename, rule) {
        (Some((key, span)), _) => Wire::Key {
            renamed_by: Some((format!("#[serde(rename = \"{key}\")]"), span)),
            key,
        },
        (None, Some((rule, span))) => Wire::Key {
            key: apply(rule, &name).unwrap_or(name),
            renamed_by: Some((format!("#[serde(rename_all = \"{rule}\")]"), *span)),
        },
        (None, None) => Wire::Key {
            key: name,
            renamed_by: None,
        },
    })
}

/// The name a `rename`/`rename_all` gives when serializing: `= "x"`, or
/// `(serialize = "x", deserialize = "y")`, which must agree (a contract key
/// is the same both ways).
fn serialized_name(meta: &ParseNestedMeta<'_>) -> syn::Result<(String, Span)> {
    if meta.input.peek(syn::Token![=]) {
        let lit: syn::LitStr = meta.value()?.parse()?;
        return Ok((lit.value(), lit.span()));
    }
    let (mut ser, mut de) = (None, None);
    meta.parse_nested_meta(|inner| {
        let lit: syn::LitStr = inner.value()?.parse()?;
        if inner.path.is_ident("serialize") {
            ser = Some((lit.value(), lit.span()));
        } else if inner.path.is_ident("deserialize") {
            de = Some((lit.value(), lit.span()));
        }
        Ok(())
    })?;
    match (ser, de) {
        (Some(s), Some(d)) if s.0 != d.0 => Err(syn::Error::new(
            d.1,
            format!(
                "writes `{}` but reads `{}`: a contract key is the same both ways",
                s.0, d.0
            ),
        )),
        (Some(s), _) | (None, Some(s)) => Ok(s),
        (None, None) => Err(meta.error("expected `= \"…\"` or `(serialize = \"…\")`")),
    }
}

/// Skips a serde option this crate does not read (`default`,
/// `skip_serializing_if = "…"`, `with = "…"`, `bound(…)`, …).
fn skip(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|inner| skip(&inner))?;
    }
    Ok(())
}

/// The key serde's `rename_all = rule` makes of the snake_case field
/// `name`, or `None` for a rule serde does not have.
pub fn apply(rule: &str, name: &str) -> Option<String> {
    let pascal = || {
        name.split('_')
            .map(|word| {
                let mut chars = word.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<String>()
    };
    Some(match rule {
        "lowercase" => name.to_lowercase(),
        "UPPERCASE" => name.to_uppercase(),
        "PascalCase" => pascal(),
        "camelCase" => {
            let p = pascal();
            let mut chars = p.chars();
            chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default()
        }
        "snake_case" => name.to_owned(),
        "SCREAMING_SNAKE_CASE" => name.to_uppercase(),
        "kebab-case" => name.replace('_', "-"),
        "SCREAMING-KEBAB-CASE" => name.to_uppercase().replace('_', "-"),
        _ => return None,
    })
}
