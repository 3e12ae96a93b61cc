//! What a caller can change in the Rust output: the module form (the files
//! of `eventc generate`, or modules a build script hands to `include!`) and
//! extra attributes on the contract's types.
//!
//! The default is exactly what `eventc generate` writes; the build-time
//! integration ([`crate::build::Builder`] and the `eventc-macros` crate)
//! asks for the [`Layout::Include`] form.

use proc_macro2::TokenStream;
use std::str::FromStr;

/// Options of the Rust target. [`Options::default`] is the output of
/// `eventc generate`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// How each contract's module is written.
    pub layout: Layout,
    /// Attributes added to contract types, in the order given.
    pub type_attributes: Vec<TypeAttribute>,
}

/// How each contract's module is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Layout {
    /// A crate: one `<contract>.rs` per contract, which documents itself
    /// with inner `//!` docs and `#![…]` attributes, and a `lib.rs`
    /// declaring them (what `eventc generate` writes).
    #[default]
    Crate,
    /// One `<contract>.rs` per contract holding one `mod <contract> { … }`
    /// item with outer docs and attributes, so that `include!` accepts it
    /// (rustc refuses inner docs there, error E0753); no `lib.rs`.
    Include {
        /// Visibility of the module, e.g. `pub`, `pub(crate)`, or empty
        /// for a private module.
        visibility: String,
    },
}

/// An attribute added to some contract types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeAttribute {
    /// Which types: a contract type name (`WorkerHeartbeat`, as under
    /// `types:`), or `*` for every struct and enum the module defines for
    /// the contract's types.
    pub types: String,
    /// The attribute, e.g. `#[derive(Hash)]`.
    pub attribute: String,
}

/// Every type.
pub const ALL_TYPES: &str = "*";

impl Options {
    /// The attributes given for the contract type `id`, as tokens.
    /// Attributes that do not parse are left out: callers check them first
    /// with [`Options::invalid_attribute`].
    pub fn attributes_for(&self, id: &str) -> TokenStream {
        self.type_attributes
            .iter()
            .filter(|a| a.types == ALL_TYPES || a.types == id)
            .filter_map(|a| TokenStream::from_str(&a.attribute).ok())
            .collect()
    }

    /// The first option that is not Rust: an attribute that is not one
    /// outer attribute, or a visibility that is not one. Returns the text
    /// and why.
    pub fn invalid_attribute(&self) -> Option<(String, String)> {
        let attributes = self.type_attributes.iter().filter_map(|a| {
            let parsed = syn::parse_str::<AttributeOnly>(&a.attribute);
            parsed.err().map(|e| (a.attribute.clone(), e.to_string()))
        });
        let visibility = match &self.layout {
            Layout::Include { visibility } => syn::parse_str::<syn::Visibility>(visibility)
                .err()
                .map(|e| (visibility.clone(), e.to_string())),
            Layout::Crate => None,
        };
        attributes.chain(visibility).next()
    }
}

/// One or more outer attributes and nothing else (`#[derive(Hash)]`).
struct AttributeOnly;

impl syn::parse::Parse for AttributeOnly {
    fn parse(input: syn::parse::ParseStream<'_>) -> syn::Result<Self> {
        let attributes = syn::Attribute::parse_outer(input)?;
        if attributes.is_empty() {
            return Err(input.error("expected an outer attribute such as `#[derive(Hash)]`"));
        }
        Ok(AttributeOnly)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribute(types: &str, attribute: &str) -> TypeAttribute {
        TypeAttribute {
            types: types.to_owned(),
            attribute: attribute.to_owned(),
        }
    }

    /// A type gets the attributes naming it and those for every type, in order.
    #[test]
    fn attributes_for_a_type_are_its_own_and_the_wildcard_ones() {
        let options = Options {
            type_attributes: vec![
                attribute("*", "#[derive(Hash)]"),
                attribute("Other", "#[non_exhaustive]"),
                attribute("Meta", "#[serde(deny_unknown_fields)]"),
            ],
            ..Options::default()
        };
        let tokens = options.attributes_for("Meta").to_string();
        assert_eq!(
            tokens, "# [derive (Hash)] # [serde (deny_unknown_fields)]",
            "{tokens}"
        );
    }

    /// Text that is not an outer attribute, and a bad visibility, are named.
    #[test]
    fn invalid_attributes_and_visibility_are_reported() {
        let bad = Options {
            type_attributes: vec![attribute("*", "derive(Hash)")],
            ..Options::default()
        };
        assert_eq!(
            bad.invalid_attribute().map(|(t, _)| t).as_deref(),
            Some("derive(Hash)")
        );
        let bad = Options {
            layout: Layout::Include {
                visibility: "public".to_owned(),
            },
            ..Options::default()
        };
        assert_eq!(
            bad.invalid_attribute().map(|(t, _)| t).as_deref(),
            Some("public")
        );
        let good = Options {
            layout: Layout::Include {
                visibility: "pub(crate)".to_owned(),
            },
            type_attributes: vec![attribute("*", "#[derive(Hash)] #[allow(missing_docs)]")],
        };
        assert_eq!(good.invalid_attribute(), None);
    }
}
