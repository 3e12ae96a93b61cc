//! Whether a hand-written field's Rust type is the one the generated
//! payload type has (the emitter's text of it, parsed).

/// How a field's type disagrees with the contract's.
#[derive(Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// `Option`/`Maybe` where the contract has none, or the reverse.
    Presence,
    /// A different primitive or container.
    Type,
}

/// Types of the standard library, `serde_json` and the generated module
/// whose names say what they hold; any other type is the crate's own and
/// is not checked.
const KNOWN: &[&str] = &[
    "String", "str", "bool", "char", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16",
    "u32", "u64", "u128", "usize", "f32", "f64", "Vec", "VecDeque", "Option", "Maybe", "Box",
    "Map", "BTreeMap", "HashMap", "IndexMap", "RawValue", "Value",
];

/// Map types with string keys a JSON object reads into.
const MAPS: &[&str] = &["Map", "BTreeMap", "HashMap", "IndexMap"];

/// Compares `actual` with the generated field type `expected`. A type the
/// generated module defines for the contract (any name not in [`KNOWN`])
/// is not checked: the struct may use its own type there.
pub fn compare(expected: &syn::Type, actual: &syn::Type) -> Option<Mismatch> {
    let (expected_wrap, expected_inner) = presence(expected);
    let (actual_wrap, actual_inner) = presence(actual);
    if expected_wrap != actual_wrap {
        return Some(Mismatch::Presence);
    }
    (!same(expected_inner, actual_inner)).then_some(Mismatch::Type)
}

/// How many layers of "may be absent or null" a type has (`Option<T>`: 1,
/// `Maybe<T>` or `Option<Option<T>>`: 2), and the type inside.
fn presence(ty: &syn::Type) -> (u8, &syn::Type) {
    match segment(ty) {
        Some((name, args)) if name == "Maybe" && args.len() == 1 => (2, args[0]),
        Some((name, args)) if name == "Option" && args.len() == 1 => match segment(args[0]) {
            Some((inner, inner_args)) if inner == "Option" && inner_args.len() == 1 => {
                (2, inner_args[0])
            }
            _ => (1, args[0]),
        },
        _ => (0, ty),
    }
}

/// Whether `actual` holds what `expected` holds.
fn same(expected: &syn::Type, actual: &syn::Type) -> bool {
    let Some((e, e_args)) = segment(expected) else {
        return true;
    };
    if !KNOWN.contains(&e.as_str()) {
        return true;
    }
    let Some((a, a_args)) = segment(actual) else {
        // A tuple, array or function pointer is nothing a contract gives.
        return false;
    };
    if !KNOWN.contains(&a.as_str()) {
        return true;
    }
    match (e.as_str(), a.as_str()) {
        ("Map", a) if MAPS.contains(&a) => match (e_args.first(), a_args.last()) {
            (Some(e), Some(a)) => same(e, a),
            _ => false,
        },
        // Raw JSON may be held parsed.
        ("Box", "Value") => e_args
            .first()
            .and_then(|t| segment(t))
            .is_some_and(|(n, _)| n == "RawValue"),
        (e, a) => {
            let string = |n: &str| n == "String" || n == "str";
            (e == a || string(e) && string(a))
                && e_args.len() == a_args.len()
                && e_args.iter().zip(&a_args).all(|(e, a)| same(e, a))
        }
    }
}

/// The last segment of a path type (through references) and its type
/// arguments; `None` for other types.
fn segment(ty: &syn::Type) -> Option<(String, Vec<&syn::Type>)> {
    match ty {
        syn::Type::Reference(r) => segment(&r.elem),
        syn::Type::Paren(p) => segment(&p.elem),
        syn::Type::Group(g) => segment(&g.elem),
        syn::Type::Path(p) => {
            let last = p.path.segments.last()?;
            let args = match &last.arguments {
                syn::PathArguments::AngleBracketed(a) => a
                    .args
                    .iter()
                    .filter_map(|arg| match arg {
                        syn::GenericArgument::Type(t) => Some(t),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            Some((last.ident.to_string(), args))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(expected: &str, actual: &str) -> Option<Mismatch> {
        let e: syn::Type = syn::parse_str(expected).expect("expected type");
        let a: syn::Type = syn::parse_str(actual).expect("actual type");
        compare(&e, &a)
    }

    #[test]
    fn same_types_and_their_spellings_match() {
        assert_eq!(check("String", "std::string::String"), None);
        assert_eq!(check("Option<String>", "Option<&'a str>"), None);
        assert_eq!(check("Maybe<i64>", "Option<Option<i64>>"), None);
        assert_eq!(
            check("Map<u32>", "std::collections::HashMap<String, u32>"),
            None
        );
        assert_eq!(
            check("Box<::serde_json::value::RawValue>", "serde_json::Value"),
            None
        );
        assert_eq!(check("WorkerStatus", "MyStatus"), None);
        assert_eq!(check("String", "WorkerId"), None);
        assert_eq!(
            check("Vec<WorkerStatus>", "Vec<bagbot::WorkerStatus>"),
            None
        );
    }

    #[test]
    fn other_primitives_and_presence_do_not() {
        assert_eq!(check("i64", "u64"), Some(Mismatch::Type));
        assert_eq!(check("Vec<String>", "Vec<i64>"), Some(Mismatch::Type));
        assert_eq!(check("String", "Option<String>"), Some(Mismatch::Presence));
        assert_eq!(check("Option<String>", "String"), Some(Mismatch::Presence));
        assert_eq!(
            check("Maybe<String>", "Option<String>"),
            Some(Mismatch::Presence)
        );
        assert_eq!(check("f64", "(f64, f64)"), Some(Mismatch::Type));
    }
}
