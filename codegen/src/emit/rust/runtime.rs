//! Fixed Rust text of every generated module: the items all modules share
//! ([`COMMON`]) and the private `rt` module of small helpers the generated
//! code calls, emitted only when used (so nothing is dead code).
//!
//! None of this depends on the contract, so it is kept as source text in
//! `fixed/` (see its README) exactly as prettyplease prints it, and copied
//! into the output instead of being built and formatted on every run. A test
//! checks that each text is still what prettyplease makes of it.

use std::collections::BTreeSet;

/// The items every module shares, as they stand in the module: the
/// `Direction` enum, the tri-state `Maybe<T>` with its serde impls and the
/// `Event` trait.
pub const COMMON: &str = include_str!("fixed/common.rs");

/// One helper of the `rt` module: the name the generated code and
/// [`super::context::Ctx::use_helper`] know it by, and its source, a
/// `mod rt { … }` holding only that helper.
struct Helper {
    /// The name the generated code calls.
    name: &'static str,
    /// File name under `fixed/rt/`.
    file: &'static str,
    /// The text of that file.
    source: &'static str,
}

/// A [`Helper`] named `$name` whose source is `fixed/rt/$file`.
macro_rules! helper {
    ($name:literal, $file:literal) => {
        Helper {
            name: $name,
            file: $file,
            source: include_str!(concat!("fixed/rt/", $file)),
        }
    };
}

/// Every helper, in the order the `rt` module lists the ones used.
const HELPERS: &[Helper] = &[
    // A string borrowed from the input when it can be.
    helper!("WireStr", "wire_str.rs"),
    // Base64, then zlib, with a limit on the inflated size.
    helper!("inflate", "inflate.rs"),
    // Zlib, then base64.
    helper!("deflate", "deflate.rs"),
    // The length of a value's compact JSON.
    helper!("json_len", "json_len.rs"),
    // Raw JSON that is not `null`.
    helper!("json", "json.rs"),
    // Raw JSON that may be absent but not `null`.
    helper!("present_json", "present_json.rs"),
    // A key that may be absent but not `null`.
    helper!("present", "present.rs"),
    // A key that must be present and may be `null`.
    helper!("nullable", "nullable.rs"),
    // A string enum read through its `from_wire`.
    helper!("string_enum", "string_enum.rs"),
    // A value held as text while a map is read: its errors.
    helper!("held_error", "held_error.rs"),
    // A message field read from the most preferred of its keys.
    helper!("Slot", "slot.rs"),
    // A raw-JSON slot's value without reading held text again.
    helper!("finish_raw", "finish_raw.rs"),
    // A serializer writing a derived struct as a map with a leading tag
    // entry and each renamed field under its old key as well.
    helper!("Keys", "keys.rs"),
    // A deserializer reading a derived struct's fields from every key the
    // contract gives them, skipping a tagged union's tag entry.
    helper!("ReadKeys", "read_keys.rs"),
    // A deserializer reading a derived struct from a map only, never from
    // an array by position.
    helper!("MapOnly", "map_only.rs"),
    // The walk over a decoded value checking its value rules.
    helper!("Checker", "checker.rs"),
    // Entering a key, leaving a value; entering an array item.
    helper!("key", "key.rs"),
    helper!("index", "index.rs"),
    // Recording a problem.
    helper!("problem", "problem.rs"),
    // A bound of a range in a message.
    helper!("bound", "bound.rs"),
    // The value rules: string length, numeric range, pattern, timestamp
    // format and range, array length.
    helper!("string", "string.rs"),
    helper!("range", "range.rs"),
    helper!("pattern", "pattern.rs"),
    helper!("rfc3339", "rfc3339.rs"),
    helper!("is_rfc3339", "is_rfc3339.rs"),
    helper!("unix", "unix.rs"),
    helper!("items", "items.rs"),
    // `const` values: read and refused when different, written, compared
    // (numbers by value).
    helper!("constant", "constant.rs"),
    helper!("write_constant", "write_constant.rs"),
    helper!("is_constant", "is_constant.rs"),
    helper!("same_json", "same_json.rs"),
    // A channel address matched against a template.
    helper!("is_address", "is_address.rs"),
];

/// First line of a helper's source.
const OPEN: &str = "mod rt {\n";
/// Last line of a helper's source.
const CLOSE: &str = "}\n";

impl Helper {
    /// The helper's items, indented as they stand inside `mod rt`.
    fn items(&self) -> &'static str {
        match self
            .source
            .strip_prefix(OPEN)
            .and_then(|t| t.strip_suffix(CLOSE))
        {
            Some(inside) => inside,
            None => panic!(
                "fixed/rt/{} (the `rt` helper `{}`) is not one `mod rt {{ … }}`; this is a bug in eventc",
                self.file, self.name
            ),
        }
    }
}

/// The text of the `rt` module holding the helpers in `used`, in
/// [`HELPERS`] order (nothing when no helper is used).
pub fn module(used: &BTreeSet<&str>) -> String {
    let mut out = String::new();
    for helper in HELPERS.iter().filter(|h| used.contains(h.name)) {
        out.push_str(helper.items());
    }
    if out.is_empty() {
        return out;
    }
    format!("/// Helpers of the generated code.\n{OPEN}{out}{CLOSE}")
}

/// The golden-file helper every golden test uses (one rule for `UPDATE_GOLDEN`
/// and `CI`), shared with the integration tests.
#[cfg(test)]
#[path = "../../../tests/common/golden.rs"]
mod golden;

#[cfg(test)]
mod tests {
    use super::golden::Goldens;
    use super::*;
    use std::path::Path;

    /// Every fixed text with its path under `fixed/`.
    fn texts() -> Vec<(String, &'static str)> {
        let rt = HELPERS.iter().map(|h| (format!("rt/{}", h.file), h.source));
        std::iter::once(("common.rs".to_owned(), COMMON))
            .chain(rt)
            .collect()
    }

    /// Each fixed text parses and is exactly what prettyplease prints for
    /// it, so the output looks as if it had been formatted on every run.
    /// `UPDATE_GOLDEN=1` rewrites the files that are not (never under CI).
    #[test]
    fn fixed_texts_are_as_prettyplease_prints_them() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/emit/rust/fixed");
        let mut goldens = Goldens::default();
        for (path, text) in texts() {
            let file = match syn::parse_file(text) {
                Ok(file) => file,
                Err(e) => panic!("fixed/{path} does not parse: {e}"),
            };
            goldens.check(&dir.join(&path), &prettyplease::unparse(&file));
        }
        goldens.finish("cargo test -p eventc --lib fixed_texts");
    }

    /// Each helper's source is one `mod rt` holding an item of its name.
    #[test]
    fn helpers_are_one_rt_module_defining_their_name() {
        for h in HELPERS {
            let items = h.items();
            let defines = ["fn", "struct"]
                .iter()
                .any(|kind| items.contains(&format!("pub(super) {kind} {}", h.name)));
            assert!(defines, "rt helper `{}` does not define its name", h.name);
        }
    }

    /// The module lists the used helpers once each, in `HELPERS` order.
    #[test]
    fn module_holds_the_used_helpers_in_order() {
        assert_eq!(module(&BTreeSet::new()), "");
        let used = BTreeSet::from(["json", "WireStr"]);
        let text = module(&used);
        let wire = text.find("struct WireStr").expect("WireStr");
        let json = text.find("fn json").expect("json");
        assert!(wire < json, "{text}");
        assert!(!text.contains("fn inflate"), "{text}");
        assert!(syn::parse_file(&text).is_ok(), "{text}");
    }
}
