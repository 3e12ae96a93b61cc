//! Value rules in Rust: the `check` walk of every type whose values carry
//! rules (the plan of [`crate::emit::value_rules`]), its public `validate`,
//! and `Message::validate` (envelope fields, derived fields against the
//! event, the payload). Problems carry `eventc validate`'s codes and paths.

use super::context::Ctx;
use crate::emit::value_rules::{param_check, Check, ParamCheck};
use crate::model::*;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// Statements checking the value `v` (an expression of type `&T`) with the
/// checker `c` in scope.
pub fn value_check(ctx: &Ctx<'_>, check: &Check<'_>, v: &TokenStream) -> TokenStream {
    match check {
        Check::String(rules) => string_check(ctx, rules, v),
        Check::Integer(min, max) => {
            ctx.use_helper("range");
            ctx.use_helper("bound");
            use_problem(ctx);
            let (min, max) = (
                bound(min.map(Literal::i128_suffixed)),
                bound(max.map(Literal::i128_suffixed)),
            );
            quote!(c.range(i128::from(*#v), #min, #max);)
        }
        Check::Number(min, max) => {
            ctx.use_helper("range");
            ctx.use_helper("bound");
            use_problem(ctx);
            let (min, max) = (
                bound(min.map(Literal::f64_suffixed)),
                bound(max.map(Literal::f64_suffixed)),
            );
            quote!(c.range(*#v, #min, #max);)
        }
        Check::Rfc3339 => {
            ctx.use_helper("rfc3339");
            ctx.use_helper("is_rfc3339");
            use_problem(ctx);
            quote!(c.rfc3339(#v);)
        }
        Check::Unix(scale) => {
            ctx.use_helper("unix");
            use_problem(ctx);
            let scale = Literal::i64_suffixed(*scale);
            quote!(c.unix(*#v, #scale);)
        }
        Check::Channel => {
            use_problem(ctx);
            let names: Vec<&str> = ctx
                .c
                .channels
                .values()
                .map(|c| c.address.as_str())
                .collect();
            let expected = names.join(", ");
            quote! {
                if !is_channel(#v) {
                    c.problem("unknown-channel", ::std::format!(
                        "`{}` is not a channel of this contract (expected one of: {})", #v, #expected));
                }
            }
        }
        Check::Array(min, max, items) => {
            let len = (min.is_some() || max.is_some()).then(|| {
                ctx.use_helper("items");
                ctx.use_helper("bound");
                use_problem(ctx);
                let (min, max) = (
                    bound(min.map(Literal::u64_suffixed)),
                    bound(max.map(Literal::u64_suffixed)),
                );
                quote!(c.items(#v.len(), #min, #max);)
            });
            let each = items.as_ref().map(|items| {
                ctx.use_helper("index");
                ctx.use_helper("key");
                let inner = value_check(ctx, items, &quote!(item));
                quote! {
                    for (i, item) in #v.iter().enumerate() {
                        c.index(i);
                        #inner
                        c.pop();
                    }
                }
            });
            quote!(#len #each)
        }
        Check::Map(pattern, values) => {
            ctx.use_helper("key");
            let key = pattern
                .map(|p| pattern_check(ctx, &p.source, &quote!(key), "key-pattern-mismatch"));
            // A map whose values carry no rules walks its keys only, so no
            // value binding goes unused.
            match values {
                Some(values) => {
                    let value = value_check(ctx, values, &quote!(value));
                    quote! {
                        for (key, value) in #v.iter() {
                            c.key(key);
                            #key
                            #value
                            c.pop();
                        }
                    }
                }
                None => quote! {
                    for key in #v.keys() {
                        c.key(key);
                        #key
                        c.pop();
                    }
                },
            }
        }
        Check::Const(value, rules) => {
            let rules = rules.as_deref().map(|r| value_check(ctx, r, v));
            let constant = const_check(ctx, value, v);
            quote!(#rules #constant)
        }
        Check::Named(id) => match ctx.c.type_def(id).map(|t| &t.kind) {
            Some(TypeKind::Alias(target)) if !ctx.c.graph.is_recursive_alias(id) => {
                match ctx.rules.check(target) {
                    Some(inner) => value_check(ctx, &inner, v),
                    None => TokenStream::new(),
                }
            }
            _ => quote!(#v.check(c);),
        },
    }
}

/// Refuses a `const` field's value other than its constant.
fn const_check(ctx: &Ctx<'_>, value: &serde_json::Value, v: &TokenStream) -> TokenStream {
    use_problem(ctx);
    let expected = value.to_string();
    let differs = match value {
        serde_json::Value::String(s) => quote!(#v.as_str() != #s),
        serde_json::Value::Bool(true) => quote!(!*#v),
        serde_json::Value::Bool(false) => quote!(*#v),
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => {
                let l = Literal::i128_unsuffixed(i.into());
                quote!(i128::from(*#v) != #l)
            }
            (None, Some(u)) => {
                let l = Literal::i128_unsuffixed(u.into());
                quote!(i128::from(*#v) != #l)
            }
            _ => {
                let l = Literal::f64_unsuffixed(n.as_f64().unwrap_or_default());
                quote!(*#v != #l)
            }
        },
        _ => {
            ctx.use_helper("is_constant");
            ctx.use_helper("same_json");
            quote!(!rt::is_constant(&#v, #expected))
        }
    };
    quote! {
        if #differs {
            c.problem("const-mismatch", ::std::format!("must be {}, found {:?}", #expected, #v));
        }
    }
}

/// `Some(x)` or `None` as tokens.
fn bound(b: Option<Literal>) -> TokenStream {
    match b {
        Some(l) => quote!(Some(#l)),
        None => quote!(None),
    }
}

/// Records that the code records problems (at a path).
fn use_problem(ctx: &Ctx<'_>) {
    ctx.use_helper("Checker");
    ctx.use_helper("problem");
}

/// A string's length (first) and pattern (only when the length fits), as the validator reports them.
fn string_check(ctx: &Ctx<'_>, rules: &StringRules, v: &TokenStream) -> TokenStream {
    use_problem(ctx);
    let pattern = rules
        .pattern
        .as_ref()
        .map(|p| pattern_check(ctx, &p.source, v, "pattern-mismatch"));
    if rules.min_length.is_none() && rules.max_length.is_none() {
        return pattern.unwrap_or_default();
    }
    ctx.use_helper("string");
    ctx.use_helper("bound");
    let min = bound(rules.min_length.map(Literal::u64_suffixed));
    let max = bound(rules.max_length.map(Literal::u64_suffixed));
    match pattern {
        Some(pattern) => quote! {
            if c.string(#v, #min, #max) { #pattern }
        },
        None => quote!(c.string(#v, #min, #max);),
    }
}

/// Checks `v` (a `&str`) against the pattern `source` (compiled once, see [`patterns`]).
fn pattern_check(ctx: &Ctx<'_>, source: &str, v: &TokenStream, code: &str) -> TokenStream {
    ctx.use_helper("pattern");
    use_problem(ctx);
    let index = ctx.patterns.get_index_of(source).unwrap_or_default();
    quote!(c.pattern(#v, &patterns()[#index], #source, #code);)
}

/// Whether `text` fits a channel parameter's type, as an expression.
fn param_fits(ctx: &Ctx<'_>, ty: &TypeRef, text: &TokenStream) -> TokenStream {
    match param_check(ctx.c, ty) {
        ParamCheck::Any => quote!(true),
        ParamCheck::None => quote!(false),
        ParamCheck::Rfc3339 => {
            ctx.use_helper("is_rfc3339");
            quote!(rt::is_rfc3339(#text))
        }
        ParamCheck::Channel => quote!(is_channel(#text)),
        ParamCheck::Enum(id) => {
            let name = ctx.type_ident(id);
            quote!(#name::from_wire(#text).is_some())
        }
        ParamCheck::String(rules) => {
            let mut tests = Vec::new();
            if rules.min_length.is_some() || rules.max_length.is_some() {
                let len = quote!((#text.chars().count() as u64));
                if let Some(m) = rules.min_length {
                    tests.push(quote!(#len >= #m));
                }
                if let Some(m) = rules.max_length {
                    tests.push(quote!(#len <= #m));
                }
            }
            if let Some(p) = &rules.pattern {
                let index = ctx
                    .patterns
                    .get_index_of(p.source.as_str())
                    .unwrap_or_default();
                tests.push(quote!(patterns()[#index].is_match(#text)));
            }
            quote!(#(#tests)&&*)
        }
    }
}

/// Whether `text` (prefix stripped) is one of the addresses of `ch`, as an expression.
fn address_test(ctx: &Ctx<'_>, ch: &Channel) -> TokenStream {
    let tests = ch.read_addresses().map(|address| {
        let segments = address_segments(address);
        if !segments
            .iter()
            .any(|s| matches!(s, AddressSegment::Param(_)))
        {
            return quote!(text == #address);
        }
        ctx.use_helper("is_address");
        let mut parts = Vec::new();
        let mut literal = String::new();
        for s in &segments {
            match s {
                AddressSegment::Literal(l) => literal.push_str(l),
                AddressSegment::Param(p) => {
                    let index = ch.params.get_index_of(*p).unwrap_or(usize::MAX);
                    let l = std::mem::take(&mut literal);
                    parts.push(quote!((#l, #index)));
                }
            }
        }
        let any = ch
            .params
            .values()
            .all(|ty| matches!(param_check(ctx.c, ty), ParamCheck::Any));
        if any {
            return quote!(rt::is_address(&[#(#parts),*], #literal, text, &|_, _| true));
        }
        let arms = ch.params.values().enumerate().map(|(i, ty)| {
            let fits = param_fits(ctx, ty, &quote!(v));
            quote!(#i => #fits,)
        });
        quote! {
            rt::is_address(&[#(#parts),*], #literal, text, &|param: usize, v: &str| match param {
                #(#arms)*
                _ => true,
            })
        }
    });
    quote!(#(#tests)||*)
}

/// The module's channel functions: `is_address_of` (an address of one
/// channel, by index) and `is_channel` (of any), and `patterns`, the
/// compiled patterns, each when the module uses it.
pub fn module_items(ctx: &Ctx<'_>) -> TokenStream {
    let mut out = TokenStream::new();
    if !ctx.patterns.is_empty() {
        let sources = ctx.patterns.iter();
        let n = ctx.patterns.len();
        out.extend(quote! {
            /// The contract's patterns, compiled once (eventc checked that each compiles).
            fn patterns() -> &'static [::regex_lite::Regex] {
                static PATTERNS: ::std::sync::LazyLock<::std::vec::Vec<::regex_lite::Regex>> =
                    ::std::sync::LazyLock::new(|| {
                        let sources: [&str; #n] = [#(#sources),*];
                        sources
                            .iter()
                            .map(|s| ::regex_lite::Regex::new(s).unwrap_or_else(|e| ::core::panic!("pattern {}: {}", s, e)))
                            .collect()
                    });
                &PATTERNS
            }
        });
    }
    if ctx.checks_channels && ctx.c.channels.is_empty() {
        // No channel: no address is one (only a channel-typed value can ask).
        out.extend(quote! {
            /// Whether `text` is an address of one of the contract's channels
            /// (it declares none).
            fn is_channel(_text: &str) -> bool {
                false
            }
        });
    } else if ctx.checks_channels {
        let arms = ctx.c.channels.values().enumerate().map(|(i, ch)| {
            let prefix = ch.prefix();
            let test = address_test(ctx, ch);
            quote! {
                #i => {
                    let text = text.strip_prefix(#prefix).unwrap_or(text);
                    #test
                }
            }
        });
        let n = ctx.c.channels.len();
        out.extend(quote! {
            /// Whether `text` is an address of the channel at `index` (in
            /// contract order), with or without the channel prefix.
            fn is_address_of(index: usize, text: &str) -> bool {
                match index {
                    #(#arms)*
                    _ => false,
                }
            }

        });
        if ctx.channel_values {
            out.extend(quote! {
                /// Whether `text` is an address of one of the contract's channels.
                fn is_channel(text: &str) -> bool {
                    (0..#n).any(|index| is_address_of(index, text))
                }
            });
        }
    }
    out
}

/// `check` and `validate` on a type whose values carry rules, around the
/// statements `body` (which use `self` and the checker `c`).
pub fn check_impl(name: &Ident, body: TokenStream) -> TokenStream {
    let doc = quote! {
        /// Checks the contract's value rules that the type cannot express
        /// (what `eventc validate` checks beyond types).
    };
    check_impl_with_doc(name, doc, body)
}

/// [`check_impl`] with `doc` as the documentation of `validate`.
pub fn check_impl_with_doc(name: &Ident, doc: TokenStream, body: TokenStream) -> TokenStream {
    quote! {
        impl #name {
            #doc
            pub fn validate(&self) -> Result<(), Invalid> {
                let mut c = rt::Checker::default();
                self.check(&mut c);
                c.finish()
            }

            fn check(&self, c: &mut rt::Checker) {
                #body
            }
        }
    }
}

/// Statements checking a field held in `place` (`self.x`) under its key.
pub fn field_check(
    ctx: &Ctx<'_>,
    f: &Field,
    place: TokenStream,
    optional: bool,
    nullable: bool,
) -> Option<TokenStream> {
    let check = ctx.rules.field(f)?;
    ctx.use_helper("key");
    let key = f.name.as_str();
    let inner = value_check(ctx, &check, &quote!(v));
    let body = quote! { c.key(#key); #inner c.pop(); };
    Some(match (optional, nullable) {
        (false, false) => quote! { { let v = &#place; #body } },
        (true, true) => quote! { if let Maybe::Value(v) = &#place { #body } },
        _ => quote! { if let Some(v) = &#place { #body } },
    })
}
