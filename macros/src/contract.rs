//! A contract of the calling crate: where it is, loading and checking it,
//! its errors as compile errors, and `include_contract!`.

use eventc::diag::{self, Format, Severity};
use eventc::emit::rust::{Configured, Layout, Options};
use eventc::Checked;
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use std::path::{Component, Path, PathBuf};

/// When set, the directory contract paths are relative to instead of the
/// calling crate's `CARGO_MANIFEST_DIR`: for test harnesses (`trybuild`)
/// that compile a test file as a crate of their own, elsewhere.
pub const MANIFEST_DIR_OVERRIDE: &str = "EVENTC_MANIFEST_DIR";

/// A contract file of the calling crate.
pub struct Located {
    /// Its absolute path (for `include_str!`).
    pub absolute: PathBuf,
    /// Its path relative to the crate root, `/`-separated (for messages).
    pub relative: String,
}

/// Finds the contract `path` names, relative to the calling crate's root.
pub fn locate(path: &syn::LitStr) -> Result<Located, syn::Error> {
    let given = path.value();
    let refuse = |why: String| syn::Error::new(path.span(), why);
    let root = std::env::var_os(MANIFEST_DIR_OVERRIDE)
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR"))
        .map(PathBuf::from)
        .ok_or_else(|| {
            refuse("CARGO_MANIFEST_DIR is not set: build the crate with Cargo".into())
        })?;
    let mut parts: Vec<String> = Vec::new();
    for component in Path::new(&given).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                if parts.pop().is_none() {
                    return Err(refuse(format!(
                        "`{given}` leads out of the crate: the contract must be inside it \
                         (a path relative to the directory of Cargo.toml, without leading `..`)"
                    )));
                }
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(refuse(format!(
                    "`{given}` is absolute: give the contract's path relative to the crate's \
                     root (the directory of Cargo.toml), e.g. \"contracts/events.yaml\""
                )));
            }
        }
    }
    if parts.is_empty() {
        return Err(refuse(
            "expected the path of a contract file, e.g. \"contracts/events.yaml\"".into(),
        ));
    }
    let relative = parts.join("/");
    let absolute = parts.iter().fold(root.clone(), |p, part| p.join(part));
    // A symbolic link inside the crate may still point out of it.
    if let (Ok(file), Ok(root)) = (absolute.canonicalize(), root.canonicalize()) {
        if !file.starts_with(&root) {
            return Err(refuse(format!(
                "`{given}` leads out of the crate through a symbolic link: the contract must be inside it"
            )));
        }
    }
    Ok(Located { absolute, relative })
}

/// Locates, reads, loads and checks the contract `path` names; on failure,
/// the compile errors to expand to.
pub fn load(path: &syn::LitStr) -> Result<(Located, Checked), TokenStream> {
    // Tokens made inside a proc macro belong to the compiler's thread.
    eventc::pool::limit_threads(1);
    let located = locate(path).map_err(|e| e.to_compile_error())?;
    let text = std::fs::read_to_string(&located.absolute).map_err(|e| {
        let message = format!("cannot read the contract `{}`: {e}", located.relative);
        syn::Error::new(path.span(), message).to_compile_error()
    })?;
    match eventc::load_and_check_text(&located.relative, &text) {
        Ok(checked) => Ok((located, checked)),
        Err(error) => Err(compile_errors(&error, path.span())),
    }
}

/// One `compile_error!` per error of `error`, each at `span`, with the
/// diagnostic as `eventc check` prints it.
pub fn compile_errors(error: &eventc::Error, span: Span) -> TokenStream {
    let messages: Vec<String> = match error {
        eventc::Error::Contracts {
            diagnostics,
            sources,
        } => diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| {
                diag::render(std::slice::from_ref(d), sources, Format::Human)
                    .trim_end()
                    .to_owned()
            })
            .collect(),
        other => vec![other.to_string()],
    };
    messages
        .iter()
        .map(|m| quote_spanned!(span=> ::core::compile_error!{ #m }))
        .collect()
}

/// `const _: &str = include_str!(…)` of the contract, so that editing it
/// rebuilds the crate.
pub fn rebuild_on_change(located: &Located, span: Span) -> TokenStream {
    match located.absolute.to_str() {
        Some(path) => quote!(
            const _: &str = ::core::include_str!(#path);
        ),
        None => {
            let message = format!("the path of `{}` is not UTF-8", located.relative);
            quote_spanned!(span=> ::core::compile_error!{ #message })
        }
    }
}

/// The expansion of `include_contract!`: the contract's module in the form
/// `eventc::build::Builder` writes, then the contract's text.
pub fn include(path: &syn::LitStr) -> TokenStream {
    let (located, checked) = match load(path) {
        Ok(loaded) => loaded,
        Err(errors) => return errors,
    };
    let options = Options {
        layout: Layout::Include {
            visibility: "pub".to_owned(),
        },
        type_attributes: Vec::new(),
    };
    let files = eventc::emit::generate_target(&checked.contracts, &Configured(&options));
    let module = files
        .iter()
        .map(|f| f.contents.parse::<TokenStream>())
        .collect::<Result<TokenStream, _>>();
    let module = match module {
        Ok(module) => module,
        Err(e) => {
            let message =
                format!("eventc generated Rust that does not lex ({e}); this is a bug in eventc");
            return quote_spanned!(path.span()=> ::core::compile_error!{ #message });
        }
    };
    let rebuild = rebuild_on_change(&located, path.span());
    quote!(#module #rebuild)
}
