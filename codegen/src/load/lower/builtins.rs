//! Built-in types: the short form (`string`, `array<T>`, a declared name) and
//! the long form of primitives, arrays and maps with their constraints.

use super::types::PRIMITIVES;
use super::Lowerer;
use crate::diag::Diagnostic;
use crate::load::node::{Key, Node, NodeKind};
use crate::load::read;
use crate::model::*;
use crate::source::Span;

/// Common misspellings of primitive names and what to write instead.
fn primitive_hint(name: &str) -> Option<&'static str> {
    Some(match name {
        "int" | "i32" | "i64" | "int64" | "int32" | "long" => {
            "write `integer` (and `width:` for a size)"
        }
        "float" | "double" | "f64" | "float64" | "decimal" => "write `number`",
        "bool" => "write `boolean`",
        "str" | "text" => "write `string`",
        "object" | "any" | "dict" => {
            "write `json` for free-form data, or `{type: object, fields: …}`"
        }
        "list" => "write `array<T>`",
        "datetime" | "date" | "time" => "write `timestamp` (with `encoding:` for unix times)",
        _ => return None,
    })
}

/// The most arrays and maps one type expression may nest: generated code and
/// every reader walk types recursively, so the depth is bounded here.
pub const MAX_TYPE_NESTING: usize = 32;

impl Lowerer<'_> {
    /// A type in short form: a primitive name, `array<T>`, `map<T>` or a declared type name.
    /// The containers are taken off one by one in a loop, so that no nesting
    /// depth can overflow the stack before the limit is checked.
    pub(super) fn short_type(&mut self, text: &str, span: Span) -> Option<TypeRef> {
        let mut text = text.trim();
        let mut arrays = Vec::new();
        while let Some((is_array, inner)) = [("array<", true), ("map<", false)]
            .into_iter()
            .find_map(|(prefix, is_array)| {
                let inner = text.strip_prefix(prefix)?.strip_suffix('>')?;
                Some((is_array, inner.trim()))
            })
        {
            arrays.push(is_array);
            text = inner;
        }
        let mut ty = self.nested(arrays.len(), span, |this| this.short_name(text, span))?;
        for is_array in arrays.into_iter().rev() {
            ty = if is_array {
                TypeRef::Array(Box::new(ArrayType {
                    items: ty,
                    min_items: None,
                    max_items: None,
                }))
            } else {
                TypeRef::Map(Box::new(MapType {
                    values: ty,
                    key_pattern: None,
                }))
            };
        }
        Some(ty)
    }

    /// Runs `inner` `levels` containers deeper than the type being read, or
    /// reports a type nested deeper than [`MAX_TYPE_NESTING`] containers.
    fn nested<T>(
        &mut self,
        levels: usize,
        span: Span,
        inner: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<T> {
        let depth = self.nesting.saturating_add(levels);
        if depth > MAX_TYPE_NESTING {
            self.d.push(
                Diagnostic::error(
                    "nesting-too-deep",
                    span,
                    format!("type nested {depth} arrays or maps deep"),
                )
                .expected(format!(
                    "at most {MAX_TYPE_NESTING} levels of `array`/`map`"
                ))
                .help("declare an inner part under `types:` and refer to it by name"),
            );
            return None;
        }
        let outer = std::mem::replace(&mut self.nesting, depth);
        let out = inner(self);
        self.nesting = outer;
        out
    }

    /// A primitive name or a declared type name.
    fn short_name(&mut self, text: &str, span: Span) -> Option<TypeRef> {
        Some(match text {
            "string" => TypeRef::String(StringRules::default()),
            "integer" => TypeRef::Integer(IntegerRules::default()),
            "number" => TypeRef::Number(NumberRules::default()),
            "boolean" => TypeRef::Boolean,
            "timestamp" => TypeRef::Timestamp(TimestampEncoding::Rfc3339),
            "json" => TypeRef::Json,
            "channel" => TypeRef::Channel,
            "object" | "enum" | "union" | "array" | "map" => {
                self.d.push(
                    Diagnostic::error(
                        "incomplete-type",
                        span,
                        format!("`{text}` needs more than its name"),
                    )
                    .expected(match text {
                        "array" => "`array<T>` or `{type: array, items: T}`",
                        "map" => "`map<T>` or `{type: map, values: T}`",
                        "object" => "`{type: object, fields: {…}}` (or `json` for free-form data)",
                        "enum" => "`{type: enum, values: […]}`",
                        _ => "`{type: union, variants: …}`",
                    }),
                );
                return None;
            }
            name if self.declared.contains_key(name) => TypeRef::Named(TypeId(name.to_owned())),
            name => {
                let candidates: Vec<&str> = PRIMITIVES
                    .iter()
                    .copied()
                    .chain(self.declared.keys().map(String::as_str))
                    .collect();
                let unknown = read::unknown_name(
                    "unknown-type",
                    span,
                    format!("unknown type `{name}`"),
                    name,
                    &candidates,
                );
                // The note sums up the forms a type takes rather than listing
                // every candidate; a known misspelling of a primitive gets its
                // own hint in place of the closest name.
                self.d.push(
                    unknown
                        .label("not a built-in type or a type declared under `types:`")
                        .expected("string, integer, number, boolean, timestamp, json, channel, array<T>, map<T> or a declared type name")
                        .maybe_help(primitive_hint(name).map(str::to_owned)),
                );
                return None;
            }
        })
    }

    /// The long form of a built-in type (`{type: string, pattern: …}`,
    /// `{type: array, items: …}`, …); any other `type:` is read as a short-form name.
    pub(super) fn long_type_ref(
        &mut self,
        owner: &str,
        ty: &str,
        node: &Node,
        entries: &[(Key, Node)],
    ) -> Option<TypeRef> {
        let get = |k: &str| read::get(entries, k);
        Some(match ty {
            "string" => {
                let rules = StringRules {
                    pattern: get("pattern").and_then(|n| self.pattern(n)),
                    min_length: get("min_length").and_then(|n| self.count(n, "`min_length`")),
                    max_length: get("max_length").and_then(|n| self.count(n, "`max_length`")),
                };
                self.check_bounds(
                    node,
                    rules.min_length.map(|v| v as f64),
                    rules.max_length.map(|v| v as f64),
                    "min_length",
                    "max_length",
                );
                TypeRef::String(rules)
            }
            "integer" => {
                let width = match get("width") {
                    Some(n) => match self.choice(n, "`width`", &["i32", "i64", "u32", "u64"]) {
                        Some("i32") => IntWidth::I32,
                        Some("u32") => IntWidth::U32,
                        Some("u64") => IntWidth::U64,
                        _ => IntWidth::I64,
                    },
                    None => IntWidth::I64,
                };
                let min = get("min").and_then(|n| read::wide_integer(self.d, n, "`min`"));
                let max = get("max").and_then(|n| read::wide_integer(self.d, n, "`max`"));
                self.check_bounds(
                    node,
                    min.map(|v| v as f64),
                    max.map(|v| v as f64),
                    "min",
                    "max",
                );
                let (lo, hi) = width.range();
                for (bound, n) in [(min, get("min")), (max, get("max"))] {
                    if let (Some(b), Some(n)) = (bound, n) {
                        if b < lo || b > hi {
                            self.d.push(
                                Diagnostic::error(
                                    "bound-outside-width",
                                    n.span,
                                    format!("bound {b} does not fit the integer width"),
                                )
                                .expected(format!("a value in {lo}..={hi}")),
                            );
                        }
                    }
                }
                TypeRef::Integer(IntegerRules { width, min, max })
            }
            "number" => {
                let min = get("min").and_then(|n| read::number(self.d, n, "`min`"));
                let max = get("max").and_then(|n| read::number(self.d, n, "`max`"));
                self.check_bounds(node, min, max, "min", "max");
                TypeRef::Number(NumberRules { min, max })
            }
            "timestamp" => TypeRef::Timestamp(match get("encoding") {
                Some(n) => match self.choice(n, "`encoding`", &["rfc3339", "unix_s", "unix_ms"]) {
                    Some("unix_s") => TimestampEncoding::UnixS,
                    Some("unix_ms") => TimestampEncoding::UnixMs,
                    _ => TimestampEncoding::Rfc3339,
                },
                None => TimestampEncoding::Rfc3339,
            }),
            "boolean" => TypeRef::Boolean,
            "json" => TypeRef::Json,
            "channel" => TypeRef::Channel,
            "array" => {
                let Some(items_node) = get("items") else {
                    self.d.push(
                        Diagnostic::error(
                            "missing-key",
                            node.span,
                            "array type is missing `items:`",
                        )
                        .expected("`items: <type>`"),
                    );
                    return None;
                };
                let items = self.nested(1, node.span, |this| {
                    this.type_ref(items_node, &format!("{owner}Item"))
                })?;
                let min_items = get("min_items").and_then(|n| self.count(n, "`min_items`"));
                let max_items = get("max_items").and_then(|n| self.count(n, "`max_items`"));
                self.check_bounds(
                    node,
                    min_items.map(|v| v as f64),
                    max_items.map(|v| v as f64),
                    "min_items",
                    "max_items",
                );
                TypeRef::Array(Box::new(ArrayType {
                    items,
                    min_items,
                    max_items,
                }))
            }
            "map" => {
                let Some(values_node) = get("values") else {
                    self.d.push(
                        Diagnostic::error(
                            "missing-key",
                            node.span,
                            "map type is missing `values:`",
                        )
                        .expected("`values: <type>`"),
                    );
                    return None;
                };
                let values = self.nested(1, node.span, |this| {
                    this.type_ref(values_node, &format!("{owner}Value"))
                })?;
                let key_pattern = get("key_pattern").and_then(|n| self.pattern(n));
                TypeRef::Map(Box::new(MapType {
                    values,
                    key_pattern,
                }))
            }
            other => {
                return self.short_type(
                    other,
                    read::get(entries, "type").map_or(node.span, |n| n.span),
                )
            }
        })
    }

    /// Reports a range whose minimum is above its maximum, pointing at both keys.
    fn check_bounds(
        &mut self,
        node: &Node,
        min: Option<f64>,
        max: Option<f64>,
        min_key: &str,
        max_key: &str,
    ) {
        if let (Some(lo), Some(hi)) = (min, max) {
            if lo > hi {
                let entries = match &node.kind {
                    NodeKind::Map(e) => e.as_slice(),
                    _ => &[],
                };
                let span_of = |k: &str| read::get(entries, k).map_or(node.span, |n| n.span);
                self.d.push(
                    Diagnostic::error(
                        "empty-range",
                        span_of(min_key),
                        format!("`{min_key}` ({lo}) is greater than `{max_key}` ({hi})"),
                    )
                    .label("minimum")
                    .also(span_of(max_key), "maximum")
                    .expected(format!("{min_key} <= {max_key}"))
                    .help("no value could satisfy this range; swap the bounds"),
                );
            }
        }
    }
}
