//! `#[derive(Event)]`: a hand-written payload struct checked against the
//! payload of an event in the contract, and the generated module's `Event`
//! trait implemented for it.

use crate::contract;
use crate::serde_attrs::{self, Wire};
use crate::types::{self, Mismatch};
use eventc::model::{Contract, Field, ObjectType, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::spanned::Spanned;

/// What `#[event(…)]` says.
struct EventAttr {
    /// `contract = "…"`.
    contract: syn::LitStr,
    /// `name = "…"`.
    name: syn::LitStr,
    /// `module = path`, if given.
    module: Option<syn::Path>,
}

/// The expansion of `#[derive(Event)]` on `input`.
pub fn event(input: &syn::DeriveInput) -> TokenStream {
    let attr = match event_attr(input) {
        Ok(attr) => attr,
        Err(e) => return e.to_compile_error(),
    };
    let (located, checked) = match contract::load(&attr.contract) {
        Ok(loaded) => loaded,
        Err(errors) => return errors,
    };
    let rebuild = contract::rebuild_on_change(&located, attr.contract.span());
    let Some(c) = checked.contracts.first() else {
        return rebuild;
    };
    let name = attr.name.value();
    let Some(event_type) = eventc::emit::rust::event_type_name(c, &name) else {
        let known: Vec<&str> = c.events.keys().map(String::as_str).collect();
        let message = format!(
            "the contract `{}` has no event `{name}`; its events are: {}",
            located.relative,
            known.join(", ")
        );
        return syn::Error::new(attr.name.span(), message).to_compile_error();
    };
    let errors = match payload(c, &name, &attr.name) {
        Ok((type_name, object)) => check_fields(c, input, &name, type_name, object),
        Err(e) => vec![e],
    };
    let errors = errors.into_iter().map(|e| e.to_compile_error());
    let module = attr.module.map_or_else(
        || {
            let module = format_ident!("{}", eventc::emit::rust::module_name(c));
            quote!(crate::#module)
        },
        |path| quote!(#path),
    );
    let event_type = format_ident!("{event_type}");
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let of = quote!(<#module::#event_type as #module::Event>);
    quote! {
        #(#errors)*
        impl #impl_generics #module::Event for #ident #ty_generics #where_clause {
            const NAME: &'static str = #of::NAME;
            const ALIASES: &'static [&'static str] = #of::ALIASES;
            const CHANNEL: ::core::option::Option<&'static str> = #of::CHANNEL;
            const DIRECTION: #module::Direction = #of::DIRECTION;
            const CATEGORY: ::core::option::Option<&'static str> = #of::CATEGORY;
            const PRIORITY: ::core::option::Option<i64> = #of::PRIORITY;
        }
        #rebuild
    }
}

/// Reads `#[event(contract = "…", name = "…", module = path)]`.
fn event_attr(input: &syn::DeriveInput) -> syn::Result<EventAttr> {
    let (mut contract, mut name, mut module) = (None, None, None);
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("event")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("contract") {
                contract = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("name") {
                name = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("module") {
                module = Some(meta.value()?.parse()?);
            } else {
                return Err(meta.error("expected `contract`, `name` or `module`"));
            }
            Ok(())
        })?;
    }
    match (contract, name) {
        (Some(contract), Some(name)) => Ok(EventAttr {
            contract,
            name,
            module,
        }),
        _ => Err(syn::Error::new(
            input.ident.span(),
            "#[derive(Event)] needs #[event(contract = \"contracts/….yaml\", name = \"<event wire name>\")]",
        )),
    }
}

/// The contract type name and object of the payload of event `name`, or
/// why it is not an object a struct can stand for.
fn payload<'c>(
    c: &'c Contract,
    name: &str,
    at: &syn::LitStr,
) -> syn::Result<(&'c str, &'c ObjectType)> {
    let refuse = |what: &str| {
        syn::Error::new(
            at.span(),
            format!(
                "the payload of `{name}` is {what}: #[derive(Event)] checks structs against object payloads; use the generated event type"
            ),
        )
    };
    let event = c.events.get(name).ok_or_else(|| refuse("missing"))?;
    let ty = event
        .payload
        .as_ref()
        .ok_or_else(|| refuse("absent (the event carries none)"))?;
    match ty {
        TypeRef::Named(id) => match c.type_def(id).map(|t| &t.kind) {
            Some(TypeKind::Object(object)) => Ok((id.as_str(), object)),
            Some(TypeKind::Alias(_)) => match c.resolve(ty) {
                TypeRef::Named(target) => match c.type_def(target).map(|t| &t.kind) {
                    Some(TypeKind::Object(object)) => Ok((target.as_str(), object)),
                    _ => Err(refuse("not an object")),
                },
                _ => Err(refuse("not an object")),
            },
            _ => Err(refuse("not an object")),
        },
        TypeRef::Json => Err(refuse("untyped JSON")),
        _ => Err(refuse("not an object")),
    }
}

/// The contract's view of one payload key, for messages.
fn describe(f: &Field) -> &'static str {
    match (f.optional, f.nullable) {
        (false, false) => "required",
        (true, false) => "optional",
        (false, true) => "nullable",
        (true, true) => "optional and nullable",
    }
}

/// Letters and digits of a key, lowercased: keys that differ only in case
/// and separators are one key written under another naming rule.
fn loose(key: &str) -> String {
    key.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Every disagreement between the struct's fields and the payload object.
fn check_fields(
    c: &Contract,
    input: &syn::DeriveInput,
    event: &str,
    type_name: &str,
    object: &ObjectType,
) -> Vec<syn::Error> {
    let syn::Data::Struct(syn::DataStruct {
        fields: syn::Fields::Named(fields),
        ..
    }) = &input.data
    else {
        return vec![syn::Error::new(
            input.ident.span(),
            "#[derive(Event)] takes a struct with named fields (one per payload key)",
        )];
    };
    let rule = match serde_attrs::rename_all(&input.attrs) {
        Ok(rule) => rule,
        Err(e) => return vec![e],
    };
    let expected_types = eventc::emit::rust::field_type_texts(c, &object.fields);
    let keys: Vec<&str> = object.fields.iter().map(|f| f.name.as_str()).collect();
    let whose = format!("the payload `{type_name}` of `{event}`");
    let mut errors = Vec::new();
    let mut covered = vec![false; object.fields.len()];
    for field in &fields.named {
        let ident = field
            .ident
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        let wire = match serde_attrs::wire(field, rule.as_ref()) {
            Ok(wire) => wire,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let (key, renamed_by) = match wire {
            Wire::Skipped => continue,
            Wire::Flattened(span) => {
                errors.push(syn::Error::new(
                    span,
                    format!("#[serde(flatten)] cannot be checked against {whose}: write its keys ({}) as fields of this struct", keys.join(", ")),
                ));
                continue;
            }
            Wire::Key { key, renamed_by } => (key, renamed_by),
        };
        if let Some(index) = object.fields.iter().position(|f| f.name == key) {
            covered[index] = true;
            let f = &object.fields[index];
            check_type(f, &expected_types[index], field, &mut errors);
            continue;
        }
        // A renamed field whose own name, or key under another naming
        // rule, is a key of the payload: the rename is what is wrong.
        let unclaimed = object.fields.iter().enumerate().find(|(index, f)| {
            !covered[*index]
                && renamed_by.is_some()
                && (loose(&f.name) == loose(&key) || f.name == ident.trim_start_matches("r#"))
        });
        if let (Some((index, f)), Some((how, span))) = (unclaimed, &renamed_by) {
            covered[index] = true;
            errors.push(syn::Error::new(
                *span,
                format!(
                    "field `{ident}` is written as `{key}` (by {how}), but {whose} names it `{}`; write #[serde(rename = \"{}\")] on the field",
                    f.name, f.name
                ),
            ));
            continue;
        }
        if object.additional && is_option(&field.ty) {
            continue;
        }
        let tolerance = if object.additional {
            " (the payload tolerates keys it does not declare, so a field of its own may be here as an `Option<…>`)"
        } else {
            ""
        };
        errors.push(syn::Error::new(
            field.ident.span(),
            format!(
                "field `{ident}` (wire key `{key}`) is not in {whose}, whose keys are: {}{tolerance}",
                keys.join(", ")
            ),
        ));
    }
    for (f, (expected, covered)) in object.fields.iter().zip(expected_types.iter().zip(covered)) {
        if !covered {
            errors.push(syn::Error::new(
                input.ident.span(),
                format!(
                    "missing field for the key `{}` of {whose}: the contract's `{}` is {} and of type `{expected}`",
                    f.name,
                    f.name,
                    describe(f)
                ),
            ));
        }
    }
    errors
}

/// Reports a field whose type is not the generated field's `expected`.
fn check_type(f: &Field, expected: &str, field: &syn::Field, errors: &mut Vec<syn::Error>) {
    let Ok(expected_ty) = syn::parse_str::<syn::Type>(expected) else {
        errors.push(syn::Error::new(
            field.ty.span(),
            format!(
                "eventc wrote the type `{expected}`, which does not parse; this is a bug in eventc"
            ),
        ));
        return;
    };
    let field_ty = &field.ty;
    let found = compact(&quote!(#field_ty).to_string());
    let message = match types::compare(&expected_ty, field_ty) {
        None => return,
        Some(Mismatch::Presence) => format!(
            "the contract's `{}` is {}: expected `{expected}`, found `{found}`{}",
            f.name,
            describe(f),
            if f.optional && f.nullable {
                " (or `Option<Option<…>>`)"
            } else {
                ""
            }
        ),
        Some(Mismatch::Type) => format!(
            "the contract's `{}` has another type: expected `{expected}`, found `{found}`",
            f.name
        ),
    };
    errors.push(syn::Error::new(field.ty.span(), message));
}

/// Whether a type is `Option<…>` (by its last path segment).
fn is_option(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Option"))
}

/// A type's tokens as written (`Option<String>`, not `Option < String >`).
fn compact(tokens: &str) -> String {
    [
        (" <", "<"),
        ("< ", "<"),
        (" >", ">"),
        (" ::", "::"),
        (":: ", "::"),
        (" ,", ","),
    ]
    .iter()
    .fold(tokens.to_owned(), |text, (from, to)| text.replace(from, to))
}
