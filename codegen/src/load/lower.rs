//! Lowering: the YAML [`Node`] tree becomes the resolved [`Contract`].
//!
//! Errors local to one node (wrong kind, unknown key, unresolved reference,
//! invalid regex, `min > max`) are reported here with the node's span; rules
//! that look across the contract live in `check`.

use super::node::{Key, Node, NodeKind};
use super::read;
use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::model::*;
use crate::naming;
use crate::source::Span;
use indexmap::IndexMap;
use rustc_hash::FxHashMap as FastMap;

const TOP_KEYS: &[&str] = &[
    "eventc",
    "name",
    "title",
    "description",
    "version",
    "compatibility",
    "naming",
    "categories",
    "priorities",
    "channel_prefix",
    "channels",
    "envelope",
    "envelopes",
    "types",
    "events",
    "changelog",
];
const DOC_KEYS: &[&str] = &["description", "deprecated", "since", "ident"];
const FIELD_KEYS: &[&str] = &[
    "optional",
    "nullable",
    "renamed_from",
    "aliases",
    "const",
    "derived",
    "default_from",
];
const EVENT_KEYS: &[&str] = &[
    "description",
    "deprecated",
    "since",
    "ident",
    "channel",
    "direction",
    "payload",
    "envelope",
    "aliases",
    "legacy_idents",
    "category",
    "priority",
];
const PRIMITIVES: &[&str] = &[
    "string",
    "integer",
    "number",
    "boolean",
    "timestamp",
    "json",
    "channel",
    "array",
    "map",
    "object",
    "enum",
    "union",
];

/// Keys a long-form type of the given kind accepts besides `type`.
fn type_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "string" => &["pattern", "min_length", "max_length"],
        "integer" => &["width", "min", "max"],
        "number" => &["min", "max"],
        "timestamp" => &["encoding"],
        "array" => &["items", "min_items", "max_items"],
        "map" => &["values", "key_pattern"],
        "object" => &["fields", "additional"],
        "enum" => &["values", "open"],
        "union" => &["tag", "detect", "variants"],
        _ => &[],
    }
}

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

/// Builds the model from a parsed file; diagnostics go to `d`.
pub struct Lowerer<'d> {
    d: &'d mut Diagnostics,
    path: String,
    extra_keys: bool,
    declared: IndexMap<String, Span>,
    types: IndexMap<TypeId, TypeDef>,
    categories: Option<Categories>,
    priorities: Option<Priorities>,
    channels: IndexMap<String, Channel>,
    envelopes: IndexMap<String, Envelope>,
    /// Patterns compiled so far, by source (a contract repeats a few patterns).
    patterns: FastMap<String, Pattern>,
}

impl<'d> Lowerer<'d> {
    /// A lowerer that reports into `d`.
    pub fn new(d: &'d mut Diagnostics, path: &str) -> Self {
        Lowerer {
            d,
            path: path.to_owned(),
            extra_keys: true,
            declared: IndexMap::new(),
            types: IndexMap::new(),
            categories: None,
            priorities: None,
            channels: IndexMap::new(),
            envelopes: IndexMap::new(),
            patterns: FastMap::default(),
        }
    }

    /// Lowers a whole contract document. Returns `None` only when the top level is unusable.
    pub fn contract(mut self, root: &Node) -> Option<Contract> {
        let top = read::map(self.d, root, "a contract")?;
        read::known_keys(self.d, top, TOP_KEYS, "the contract");
        self.format_version(root, top);
        let name = self.contract_name(root, top);
        let compatibility = read::get(top, "compatibility")
            .map(|n| self.compatibility(n))
            .unwrap_or_default();
        self.extra_keys = compatibility.extra_keys;
        self.declare_types(read::get(top, "types"));
        if let Some(types) = read::get(top, "types").and_then(|n| read::map(self.d, n, "`types`")) {
            for (key, node) in types {
                self.named_type(key, node);
            }
        }
        self.categories = read::get(top, "categories").and_then(|n| self.categories(n));
        self.priorities = read::get(top, "priorities").and_then(|n| self.priorities(n));
        if let Some(n) = read::get(top, "channels") {
            self.channels(n);
        }
        self.envelopes(root, top);
        let events = self.events(root, top);
        let naming = read::get(top, "naming")
            .map(|n| self.naming(n))
            .unwrap_or_default();
        let changelog = read::get(top, "changelog")
            .map(|n| self.changelog(n))
            .unwrap_or_default();
        self.resolve_default_detection();
        let text = |d: &mut Diagnostics, key: &str| {
            read::get(top, key).and_then(|n| read::text(d, n, format_args!("`{key}`")))
        };
        Some(Contract {
            name,
            title: text(self.d, "title"),
            description: text(self.d, "description"),
            version: text(self.d, "version"),
            path: self.path.clone(),
            compatibility,
            naming,
            categories: self.categories.take(),
            priorities: self.priorities.take(),
            channel_prefix: text(self.d, "channel_prefix"),
            channels: std::mem::take(&mut self.channels),
            envelopes: std::mem::take(&mut self.envelopes),
            types: std::mem::take(&mut self.types),
            events,
            changelog,
        })
    }

    fn format_version(&mut self, root: &Node, top: &[(Key, Node)]) {
        match read::get(top, "eventc") {
            None => self.d.push(
                Diagnostic::error("missing-key", root.span, "missing `eventc:` format version")
                    .expected("`eventc: 1` as the first key")
                    .help("add `eventc: 1` at the top of the file"),
            ),
            Some(n) => {
                if let Some(v) = read::integer(self.d, n, "`eventc`") {
                    if v != 1 {
                        self.d.push(
                            Diagnostic::error(
                                "unsupported-format",
                                n.span,
                                format!("contract format {v} is not supported"),
                            )
                            .label("this version")
                            .expected("1"),
                        );
                    }
                }
            }
        }
    }

    fn contract_name(&mut self, root: &Node, top: &[(Key, Node)]) -> String {
        let Some(node) = read::get(top, "name") else {
            self.d.push(
                Diagnostic::error("missing-key", root.span, "missing contract `name:`")
                    .expected("`name: <id>` with id matching [a-z][a-z0-9_]*"),
            );
            return "contract".to_owned();
        };
        let Some(name) = read::string(self.d, node, "`name`") else {
            return "contract".to_owned();
        };
        let valid = name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            self.d.push(
                Diagnostic::error(
                    "invalid-name",
                    node.span,
                    format!("contract name `{name}` is not a valid id"),
                )
                .label("used for module and package names")
                .expected("[a-z][a-z0-9_]*")
                .help(format!("try `{}`", naming::snake(name))),
            );
        }
        name.to_owned()
    }

    fn compatibility(&mut self, node: &Node) -> Compatibility {
        let mut c = Compatibility::default();
        let Some(entries) = read::map(self.d, node, "`compatibility`") else {
            return c;
        };
        read::known_keys(
            self.d,
            entries,
            &["extra_keys", "unknown_events", "renames", "rules"],
            "`compatibility`",
        );
        if let Some(n) = read::get(entries, "extra_keys") {
            c.extra_keys = self
                .choice(n, "`extra_keys`", &["allow", "deny"])
                .is_none_or(|v| v == "allow");
        }
        if let Some(n) = read::get(entries, "unknown_events") {
            c.unknown_events = self
                .choice(n, "`unknown_events`", &["allow", "deny"])
                .is_some_and(|v| v == "allow");
        }
        if let Some(n) = read::get(entries, "renames") {
            self.choice(n, "`renames`", &["dual_key"]);
        }
        if let Some(n) = read::get(entries, "rules") {
            c.rules = read::strings(self.d, n, "a compatibility rule")
                .into_iter()
                .map(|(s, _)| s)
                .collect();
        }
        c
    }

    /// A string that must be one of `allowed`.
    fn choice<'n>(&mut self, node: &'n Node, what: &str, allowed: &[&str]) -> Option<&'n str> {
        let value = read::string(self.d, node, what)?;
        if allowed.contains(&value) {
            return Some(value);
        }
        self.d.push(
            Diagnostic::error(
                "invalid-value",
                node.span,
                format!("`{value}` is not a valid value for {what}"),
            )
            .label("unknown value")
            .expected(format!("one of: {}", allowed.join(", ")))
            .maybe_help(did_you_mean(value, allowed.iter().copied())),
        );
        None
    }

    fn declare_types(&mut self, node: Option<&Node>) {
        let Some(NodeKind::Map(entries)) = node.map(|n| &n.kind) else {
            return;
        };
        for (key, _) in entries {
            let valid = key.name.starts_with(|c: char| c.is_ascii_alphabetic())
                && key
                    .name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                self.d.push(
                    Diagnostic::error(
                        "invalid-name",
                        key.span,
                        format!("type name `{}` is not an identifier", key.name),
                    )
                    .expected("[A-Za-z][A-Za-z0-9_]*")
                    .help(format!("try `{}`", naming::pascal(&key.name))),
                );
            }
            if PRIMITIVES.contains(&key.name.as_str()) {
                self.d.push(
                    Diagnostic::error(
                        "reserved-name",
                        key.span,
                        format!("`{}` is a built-in type name", key.name),
                    )
                    .help("choose another name for the type"),
                );
            }
            self.declared.insert(key.name.clone(), key.span);
        }
    }

    fn docs(&mut self, entries: &[(Key, Node)]) -> Docs {
        Docs {
            description: read::get(entries, "description")
                .and_then(|n| read::text(self.d, n, "`description`")),
            deprecated: read::get(entries, "deprecated").and_then(|n| self.deprecation(n)),
            since: read::get(entries, "since").and_then(|n| read::text(self.d, n, "`since`")),
        }
    }

    fn deprecation(&mut self, node: &Node) -> Option<Deprecation> {
        match &node.kind {
            NodeKind::Bool(false) => None,
            NodeKind::Bool(true) => Some(Deprecation::default()),
            NodeKind::Str(s) => Some(Deprecation {
                message: Some(s.clone()),
                ..Deprecation::default()
            }),
            NodeKind::Map(entries) => {
                read::known_keys(
                    self.d,
                    entries,
                    &["since", "message", "use"],
                    "`deprecated`",
                );
                let mut text = |key: &str| {
                    read::get(entries, key)
                        .and_then(|n| read::text(self.d, n, format_args!("`deprecated.{key}`")))
                };
                Some(Deprecation {
                    since: text("since"),
                    message: text("message"),
                    replacement: text("use"),
                })
            }
            other => {
                self.d.push(read::wrong_kind(
                    node,
                    "`deprecated`",
                    "`true`, a message or `{since, message, use}`",
                    other,
                ));
                None
            }
        }
    }

    fn ident(&mut self, entries: &[(Key, Node)], default: &str) -> String {
        read::get(entries, "ident")
            .and_then(|n| read::string(self.d, n, "`ident`"))
            .unwrap_or(default)
            .to_owned()
    }

    /// Inserts a hoisted or declared type; a second definition under the same id is an error.
    fn insert_type(&mut self, def: TypeDef) -> TypeId {
        let id = def.id.clone();
        if let Some(existing) = self.types.get(&id) {
            self.d.push(
                Diagnostic::error(
                    "duplicate-type",
                    def.span,
                    format!("two types are both named `{id}`"),
                )
                .label(match &def.origin {
                    Origin::Declared => "declared here".to_owned(),
                    Origin::Inline(w) => format!("inline type of {w} is named `{id}`"),
                })
                .also(existing.span, "first defined here")
                .help("give one of them another name (declare it under `types:` or set `ident:`)"),
            );
        } else {
            self.types.insert(id.clone(), def);
        }
        id
    }

    fn named_type(&mut self, key: &Key, node: &Node) {
        let (kind, docs, ident) = match &node.kind {
            NodeKind::Map(entries) => {
                let Some(ty) = self.type_kind_name(node, entries) else {
                    return;
                };
                let allowed: Vec<&str> = ["type"]
                    .iter()
                    .chain(DOC_KEYS)
                    .chain(type_keys(ty))
                    .copied()
                    .collect();
                read::known_keys(
                    self.d,
                    entries,
                    &allowed,
                    format_args!("type `{}`", key.name),
                );
                let docs = self.docs(entries);
                let ident = self.ident(entries, &key.name);
                let Some(kind) = self.type_kind(&key.name, ty, node, entries) else {
                    return;
                };
                (kind, docs, ident)
            }
            _ => {
                let Some(r) = self.type_ref(node, &key.name) else {
                    return;
                };
                (TypeKind::Alias(r), Docs::default(), key.name.clone())
            }
        };
        self.insert_type(TypeDef {
            id: TypeId(key.name.clone()),
            ident,
            origin: Origin::Declared,
            docs,
            kind,
            span: key.span,
        });
    }

    fn type_kind_name<'n>(
        &mut self,
        node: &'n Node,
        entries: &'n [(Key, Node)],
    ) -> Option<&'n str> {
        let Some(t) = read::get(entries, "type") else {
            self.d.push(
                Diagnostic::error("missing-key", node.span, "type is missing its `type:` key")
                    .expected(format!(
                        "`type:` with one of: {}, or a named type",
                        PRIMITIVES.join(", ")
                    )),
            );
            return None;
        };
        read::string(self.d, t, "`type`")
    }

    /// Lowers the long form of an object, enum, union or constrained primitive.
    fn type_kind(
        &mut self,
        owner: &str,
        ty: &str,
        node: &Node,
        entries: &[(Key, Node)],
    ) -> Option<TypeKind> {
        Some(match ty {
            "object" => TypeKind::Object(self.object(owner, entries)),
            "enum" => TypeKind::Enum(self.enumeration(node, entries)?),
            "union" => TypeKind::Union(self.union(owner, node, entries)?),
            _ => TypeKind::Alias(self.long_type_ref(owner, ty, node, entries)?),
        })
    }

    /// A type expression; inline objects, enums and unions are hoisted under `owner`.
    fn type_ref(&mut self, node: &Node, owner: &str) -> Option<TypeRef> {
        match &node.kind {
            NodeKind::Str(s) => self.short_type(s, node.span),
            NodeKind::Map(entries) => {
                let ty = self.type_kind_name(node, entries)?;
                let allowed: Vec<&str> = ["type"].iter().chain(type_keys(ty)).copied().collect();
                let article = if ty.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                read::known_keys(
                    self.d,
                    entries,
                    &allowed,
                    format_args!("{article} `{ty}` type"),
                );
                self.inline_type(owner, ty, node, entries, Docs::default())
            }
            other => {
                self.d.push(read::wrong_kind(
                    node,
                    "a type",
                    "a type name or a mapping with `type:`",
                    other,
                ));
                None
            }
        }
    }

    fn inline_type(
        &mut self,
        owner: &str,
        ty: &str,
        node: &Node,
        entries: &[(Key, Node)],
        docs: Docs,
    ) -> Option<TypeRef> {
        match ty {
            "object" | "enum" | "union" => {
                let kind = self.type_kind(owner, ty, node, entries)?;
                let id = TypeId(naming::pascal(owner));
                Some(TypeRef::Named(self.insert_type(TypeDef {
                    ident: id.0.clone(),
                    id,
                    origin: Origin::Inline(owner.to_owned()),
                    docs,
                    kind,
                    span: node.span,
                })))
            }
            _ => self.long_type_ref(owner, ty, node, entries),
        }
    }

    fn short_type(&mut self, text: &str, span: Span) -> Option<TypeRef> {
        let text = text.trim();
        for (prefix, is_array) in [("array<", true), ("map<", false)] {
            if let Some(inner) = text.strip_prefix(prefix).and_then(|r| r.strip_suffix('>')) {
                let inner = self.short_type(inner, span)?;
                return Some(if is_array {
                    TypeRef::Array(Box::new(ArrayType {
                        items: inner,
                        min_items: None,
                        max_items: None,
                    }))
                } else {
                    TypeRef::Map(Box::new(MapType {
                        values: inner,
                        key_pattern: None,
                    }))
                });
            }
        }
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
                let hint = primitive_hint(name)
                    .map(str::to_owned)
                    .or_else(|| did_you_mean(name, candidates.iter().copied()));
                self.d.push(
                    Diagnostic::error("unknown-type", span, format!("unknown type `{name}`"))
                        .label("not a built-in type or a type declared under `types:`")
                        .expected("string, integer, number, boolean, timestamp, json, channel, array<T>, map<T> or a declared type name")
                        .maybe_help(hint),
                );
                return None;
            }
        })
    }

    fn long_type_ref(
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
                let min = get("min")
                    .and_then(|n| read::integer(self.d, n, "`min`"))
                    .map(i128::from);
                let max = get("max")
                    .and_then(|n| read::integer(self.d, n, "`max`"))
                    .map(i128::from);
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
                let items = self.type_ref(items_node, &format!("{owner}Item"))?;
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
                let values = self.type_ref(values_node, &format!("{owner}Value"))?;
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

    fn count(&mut self, node: &Node, what: &str) -> Option<u64> {
        let v = read::integer(self.d, node, what)?;
        match u64::try_from(v) {
            Ok(v) => Some(v),
            Err(_) => {
                self.d.push(
                    Diagnostic::error(
                        "invalid-value",
                        node.span,
                        format!("{what} cannot be negative"),
                    )
                    .expected("0 or more"),
                );
                None
            }
        }
    }

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

    fn pattern(&mut self, node: &Node) -> Option<Pattern> {
        let source = read::string(self.d, node, "a pattern")?;
        if let Some(p) = self.patterns.get(source) {
            return Some(p.clone());
        }
        match Pattern::new(source) {
            Ok(p) => {
                self.patterns.insert(source.to_owned(), p.clone());
                Some(p)
            }
            Err(e) => {
                let reason = e.lines().last().unwrap_or("invalid").trim().to_owned();
                self.d.push(
                    Diagnostic::error("invalid-pattern", node.span, format!("invalid regular expression: {reason}"))
                        .label("this pattern")
                        .expected("a regular expression in the Rust/Go/JavaScript common subset")
                        .help("escape literal metacharacters with `\\`; look-around and back-references are not supported"),
                );
                None
            }
        }
    }

    fn object(&mut self, owner: &str, entries: &[(Key, Node)]) -> ObjectType {
        let additional = match read::get(entries, "additional") {
            Some(n) => self
                .choice(n, "`additional`", &["allow", "deny"])
                .map_or(self.extra_keys, |v| v == "allow"),
            None => self.extra_keys,
        };
        let fields = match read::get(entries, "fields") {
            Some(n) => self.fields(n, owner),
            None => Vec::new(),
        };
        ObjectType { fields, additional }
    }

    fn fields(&mut self, node: &Node, owner: &str) -> Vec<Field> {
        let Some(entries) = read::map(self.d, node, "`fields`") else {
            return Vec::new();
        };
        // Sized up front: a field is large, and growing the list copies them all.
        let mut fields = Vec::with_capacity(entries.len());
        fields.extend(
            entries
                .iter()
                .filter_map(|(key, value)| self.field(owner, key, value)),
        );
        fields
    }

    fn field(&mut self, owner: &str, key: &Key, node: &Node) -> Option<Field> {
        let hoist_as = || format!("{owner}{}", naming::pascal(&key.name));
        let mut field = Field {
            name: key.name.clone(),
            ident: key.name.clone(),
            ty: TypeRef::Json,
            optional: false,
            nullable: false,
            docs: Docs::default(),
            renamed_from: None,
            aliases: Vec::new(),
            constant: None,
            derived: None,
            default_from: None,
            span: key.span,
        };
        let NodeKind::Map(entries) = &node.kind else {
            field.ty = self.type_ref_hoisting_as(node, hoist_as)?;
            return Some(field);
        };
        let ty = self.type_kind_name(node, entries)?;
        let allowed: Vec<&str> = ["type"]
            .iter()
            .chain(DOC_KEYS)
            .chain(FIELD_KEYS)
            .chain(type_keys(ty))
            .copied()
            .collect();
        read::known_keys(
            self.d,
            entries,
            &allowed,
            format_args!("field `{}`", key.name),
        );
        field.docs = self.docs(entries);
        field.ident = self.ident(entries, &key.name);
        let flag = |s: &mut Self, k: &str| {
            read::get(entries, k)
                .and_then(|n| read::boolean(s.d, n, format_args!("`{k}`")))
                .unwrap_or(false)
        };
        field.optional = flag(self, "optional");
        field.nullable = flag(self, "nullable");
        field.renamed_from = read::get(entries, "renamed_from")
            .and_then(|n| read::string(self.d, n, "`renamed_from`"))
            .map(str::to_owned);
        field.aliases = read::get(entries, "aliases")
            .map(|n| read::strings(self.d, n, "an alias"))
            .unwrap_or_default()
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        field.constant = read::get(entries, "const").map(read::to_json);
        field.derived = read::get(entries, "derived").and_then(|n| {
            Some(
                match self.choice(n, "`derived`", &["category", "channel", "event"])? {
                    "category" => Derived::Category,
                    "channel" => Derived::Channel,
                    _ => Derived::Event,
                },
            )
        });
        field.default_from = read::get(entries, "default_from").and_then(|n| {
            self.choice(n, "`default_from`", &["priority"])
                .map(|_| DefaultFrom::Priority)
        });
        field.ty = self.field_type(node, entries, ty, hoist_as)?;
        Some(field)
    }

    /// The type of a long-form field: only the type keys describe it (field
    /// keys were consumed by [`Self::field`]).
    fn field_type(
        &mut self,
        node: &Node,
        entries: &[(Key, Node)],
        ty: &str,
        hoist_as: impl FnOnce() -> String,
    ) -> Option<TypeRef> {
        let is_type_key = |k: &Key| k.name == "type" || type_keys(ty).contains(&k.name.as_str());
        let type_keys_count = entries.iter().filter(|(k, _)| is_type_key(k)).count();
        if type_keys_count == 1 {
            let t = read::get(entries, "type").unwrap_or(node);
            return self.type_ref_hoisting_as(t, hoist_as);
        }
        let hoist_as = hoist_as();
        if type_keys_count == entries.len() {
            // Nothing to filter out: the field's own node describes the type.
            return self.inline_type(&hoist_as, ty, node, entries, Docs::default());
        }
        let type_entries: Vec<(Key, Node)> = entries
            .iter()
            .filter(|(k, _)| is_type_key(k))
            .cloned()
            .collect();
        let type_node = Node {
            kind: NodeKind::Map(type_entries.clone()),
            span: node.span,
        };
        self.inline_type(&hoist_as, ty, &type_node, &type_entries, Docs::default())
    }

    /// [`Self::type_ref`], naming the owner of hoisted types only when there
    /// may be one (a type name never hoists anything).
    fn type_ref_hoisting_as(
        &mut self,
        node: &Node,
        owner: impl FnOnce() -> String,
    ) -> Option<TypeRef> {
        match &node.kind {
            NodeKind::Str(s) => self.short_type(s, node.span),
            _ => self.type_ref(node, &owner()),
        }
    }

    fn enumeration(&mut self, node: &Node, entries: &[(Key, Node)]) -> Option<EnumType> {
        let open = read::get(entries, "open")
            .and_then(|n| read::boolean(self.d, n, "`open`"))
            .unwrap_or(false);
        let Some(values) = read::get(entries, "values") else {
            self.d.push(
                Diagnostic::error("missing-key", node.span, "enum is missing `values:`")
                    .expected("a list of strings, or a mapping NAME: integer"),
            );
            return None;
        };
        let (repr, values) = match &values.kind {
            NodeKind::Seq(items) => (
                EnumRepr::String,
                items
                    .iter()
                    .filter_map(|i| self.string_enum_value(i))
                    .collect(),
            ),
            NodeKind::Map(items) => (
                EnumRepr::Integer,
                items
                    .iter()
                    .filter_map(|(k, v)| self.int_enum_value(k, v))
                    .collect(),
            ),
            other => {
                self.d.push(read::wrong_kind(
                    values,
                    "`values`",
                    "a list of strings, or a mapping NAME: integer",
                    other,
                ));
                return None;
            }
        };
        Some(EnumType { repr, open, values })
    }

    fn string_enum_value(&mut self, node: &Node) -> Option<EnumValue> {
        match &node.kind {
            NodeKind::Str(s) => Some(EnumValue {
                ident: s.clone(),
                value: EnumLiteral::Str(s.clone()),
                docs: Docs::default(),
                span: node.span,
            }),
            NodeKind::Map(entries) => {
                read::known_keys(
                    self.d,
                    entries,
                    &["value", "description", "deprecated", "since", "ident"],
                    "an enum value",
                );
                let Some(v) = read::get(entries, "value") else {
                    self.d.push(
                        Diagnostic::error(
                            "missing-key",
                            node.span,
                            "enum value is missing `value:`",
                        )
                        .expected("`value: <string>`"),
                    );
                    return None;
                };
                let value = read::string(self.d, v, "`value`")?.to_owned();
                let docs = self.docs(entries);
                let ident = self.ident(entries, &value);
                Some(EnumValue {
                    ident,
                    value: EnumLiteral::Str(value),
                    docs,
                    span: v.span,
                })
            }
            other => {
                self.d.push(
                    read::wrong_kind(node, "a string enum value", "a string or `{value: …}`", other)
                        .help("quote values that look like numbers or booleans; integer enums are a mapping NAME: value"),
                );
                None
            }
        }
    }

    fn int_enum_value(&mut self, key: &Key, node: &Node) -> Option<EnumValue> {
        let (value, docs) = match &node.kind {
            NodeKind::Map(entries) => {
                read::known_keys(
                    self.d,
                    entries,
                    &["value", "description", "deprecated", "since"],
                    "an enum value",
                );
                let v = read::required(self.d, node, entries, "value", "an integer enum value")
                    .and_then(|n| read::integer(self.d, n, "`value`"))?;
                (v, self.docs(entries))
            }
            _ => (
                read::integer(self.d, node, format_args!("enum value `{}`", key.name))?,
                Docs::default(),
            ),
        };
        Some(EnumValue {
            ident: key.name.clone(),
            value: EnumLiteral::Int(value),
            docs,
            span: key.span,
        })
    }

    fn union(&mut self, owner: &str, node: &Node, entries: &[(Key, Node)]) -> Option<UnionType> {
        let tag = read::get(entries, "tag")
            .and_then(|n| read::string(self.d, n, "`tag`"))
            .map(str::to_owned);
        let detect =
            read::get(entries, "detect").and_then(|n| self.choice(n, "`detect`", &["fields"]));
        let discrimination = match (tag, detect) {
            (Some(t), None) => Discrimination::Tag(t),
            (None, Some(_)) => Discrimination::Fields,
            (Some(_), Some(_)) => {
                self.d.push(
                    Diagnostic::error(
                        "conflicting-keys",
                        node.span,
                        "a union has either `tag:` or `detect:`, not both",
                    )
                    .help(
                        "keep `tag:` for tagged unions, `detect: fields` for shape-detected ones",
                    ),
                );
                return None;
            }
            (None, None) => {
                self.d.push(
                    Diagnostic::error(
                        "missing-key",
                        node.span,
                        "union says neither how to tell its variants apart",
                    )
                    .expected("`tag: <key>` (tagged) or `detect: fields` (shape-detected)")
                    .help("without one, a reader could decode the wrong variant"),
                );
                return None;
            }
        };
        let Some(variants_node) = read::get(entries, "variants") else {
            self.d.push(Diagnostic::error(
                "missing-key",
                node.span,
                "union is missing `variants:`",
            ));
            return None;
        };
        let variants = match discrimination {
            Discrimination::Tag(_) => {
                let items = read::map(self.d, variants_node, "`variants` of a tagged union")?;
                items
                    .iter()
                    .filter_map(|(k, v)| {
                        let ty =
                            self.variant_type(v, &format!("{owner}{}", naming::pascal(&k.name)))?;
                        Some(Variant {
                            ident: k.name.clone(),
                            tag: Some(k.name.clone()),
                            ty,
                            when: None,
                            span: k.span,
                        })
                    })
                    .collect()
            }
            Discrimination::Fields => {
                let items = read::seq(
                    self.d,
                    variants_node,
                    "`variants` of a shape-detected union",
                )?;
                items
                    .iter()
                    .filter_map(|v| self.detected_variant(owner, v))
                    .collect()
            }
        };
        Some(UnionType {
            discrimination,
            variants,
        })
    }

    /// A variant's type: must end up a named (object) type.
    fn variant_type(&mut self, node: &Node, owner: &str) -> Option<TypeId> {
        match self.type_ref(node, owner)? {
            TypeRef::Named(id) => Some(id),
            _ => {
                self.d.push(
                    Diagnostic::error(
                        "variant-not-object",
                        node.span,
                        "a union variant must be an object type",
                    )
                    .expected("a declared object type or an inline `{type: object, …}`"),
                );
                None
            }
        }
    }

    fn detected_variant(&mut self, owner: &str, node: &Node) -> Option<Variant> {
        let entries = read::map(self.d, node, "a union variant")?;
        read::known_keys(
            self.d,
            entries,
            &["type", "name", "when"],
            "a union variant",
        );
        let name = read::get(entries, "name")
            .and_then(|n| read::string(self.d, n, "`name`"))
            .map(str::to_owned);
        let Some(type_node) = read::get(entries, "type") else {
            self.d.push(
                Diagnostic::error("missing-key", node.span, "union variant is missing `type:`")
                    .expected("`type: <object type name>`"),
            );
            return None;
        };
        let hoist = format!(
            "{owner}{}",
            naming::pascal(name.as_deref().unwrap_or("Variant"))
        );
        let ty = self.variant_type(type_node, &hoist)?;
        let when = read::get(entries, "when").and_then(|n| self.when(n));
        Some(Variant {
            ident: name.unwrap_or_else(|| ty.0.clone()),
            tag: None,
            ty,
            when,
            span: node.span,
        })
    }

    fn when(&mut self, node: &Node) -> Option<When> {
        let entries = read::map(self.d, node, "`when`")?;
        read::known_keys(
            self.d,
            entries,
            &["any_present", "all_present", "absent"],
            "`when`",
        );
        let mut key_spans = Vec::new();
        let mut list = |k: &str| {
            let keys = read::get(entries, k)
                .map(|n| read::strings(self.d, n, "a key"))
                .unwrap_or_default();
            key_spans.extend(keys.iter().cloned());
            keys.into_iter().map(|(s, _)| s).collect::<Vec<_>>()
        };
        let mut when = When {
            any_present: list("any_present"),
            all_present: list("all_present"),
            absent: list("absent"),
            key_spans: Vec::new(),
        };
        when.key_spans = key_spans;
        if when.any_present.is_empty() && when.all_present.is_empty() && when.absent.is_empty() {
            self.d.push(
                Diagnostic::error("empty-condition", node.span, "`when` names no keys")
                    .expected("`any_present`, `all_present` or `absent` with at least one key"),
            );
            return None;
        }
        Some(when)
    }

    /// Shape-detected variants without `when` match when all their required keys are present.
    fn resolve_default_detection(&mut self) {
        let required_of = |types: &IndexMap<TypeId, TypeDef>, id: &TypeId| -> Vec<String> {
            match types.get(id).map(|t| &t.kind) {
                Some(TypeKind::Object(o)) => o
                    .fields
                    .iter()
                    .filter(|f| !f.optional)
                    .map(|f| f.name.clone())
                    .collect(),
                _ => Vec::new(),
            }
        };
        let ids: Vec<TypeId> = self.types.keys().cloned().collect();
        for id in ids {
            let pending: Vec<(usize, TypeId)> = match self.types.get(&id).map(|t| &t.kind) {
                Some(TypeKind::Union(u)) if u.discrimination == Discrimination::Fields => u
                    .variants
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.when.is_none())
                    .map(|(i, v)| (i, v.ty.clone()))
                    .collect(),
                _ => continue,
            };
            let resolved: Vec<(usize, Vec<String>)> = pending
                .into_iter()
                .map(|(i, ty)| (i, required_of(&self.types, &ty)))
                .collect();
            if let Some(TypeKind::Union(u)) = self.types.get_mut(&id).map(|t| &mut t.kind) {
                for (i, required) in resolved {
                    u.variants[i].when = Some(When {
                        all_present: required,
                        ..When::default()
                    });
                }
            }
        }
    }

    fn categories(&mut self, node: &Node) -> Option<Categories> {
        let entries = read::map(self.d, node, "`categories`")?;
        read::known_keys(
            self.d,
            entries,
            &["values", "rules", "default"],
            "`categories`",
        );
        let mut values = IndexMap::new();
        if let Some(n) =
            read::get(entries, "values").and_then(|n| read::map(self.d, n, "`categories.values`"))
        {
            for (k, v) in n {
                let text = read::text(self.d, v, "a category description").unwrap_or_default();
                values.insert(k.name.clone(), text);
            }
        }
        let known = |s: &mut Self, name: &str, span: Span| {
            if !values.contains_key(name) {
                s.d.push(
                    Diagnostic::error(
                        "unknown-category",
                        span,
                        format!("unknown category `{name}`"),
                    )
                    .expected(format!(
                        "one of: {}",
                        values.keys().cloned().collect::<Vec<_>>().join(", ")
                    ))
                    .maybe_help(did_you_mean(name, values.keys().map(String::as_str))),
                );
            }
        };
        let default = read::get(entries, "default").and_then(|n| {
            let s = read::string(self.d, n, "`default`")?.to_owned();
            known(self, &s, n.span);
            Some(s)
        });
        let mut rules = Vec::new();
        if let Some(items) =
            read::get(entries, "rules").and_then(|n| read::seq(self.d, n, "`categories.rules`"))
        {
            for item in items {
                let Some(r) = read::map(self.d, item, "a category rule") else {
                    continue;
                };
                read::known_keys(
                    self.d,
                    r,
                    &["contains", "names", "pattern", "category"],
                    "a category rule",
                );
                let matcher = if let Some(n) = read::get(r, "contains") {
                    read::string(self.d, n, "`contains`")
                        .map(|s| NameMatcher::Contains(s.to_lowercase()))
                } else if let Some(n) = read::get(r, "names") {
                    Some(NameMatcher::Names(
                        read::strings(self.d, n, "a name")
                            .into_iter()
                            .map(|(s, _)| s.to_lowercase())
                            .collect(),
                    ))
                } else if let Some(n) = read::get(r, "pattern") {
                    self.pattern(n).map(NameMatcher::Pattern)
                } else {
                    self.d.push(
                        Diagnostic::error("missing-key", item.span, "category rule has no test")
                            .expected("one of `contains`, `names`, `pattern`"),
                    );
                    None
                };
                let category = read::get(r, "category").and_then(|n| {
                    let s = read::string(self.d, n, "`category`")?.to_owned();
                    known(self, &s, n.span);
                    Some(s)
                });
                if let (Some(matcher), Some(category)) = (matcher, category) {
                    rules.push(CategoryRule {
                        matcher,
                        category,
                        span: item.span,
                    });
                } else if read::get(r, "category").is_none() {
                    self.d.push(Diagnostic::error(
                        "missing-key",
                        item.span,
                        "category rule has no `category:`",
                    ));
                }
            }
        }
        Some(Categories {
            values,
            rules,
            default,
        })
    }

    fn priorities(&mut self, node: &Node) -> Option<Priorities> {
        let entries = read::map(self.d, node, "`priorities`")?;
        read::known_keys(self.d, entries, &["levels", "default"], "`priorities`");
        let mut levels = Vec::new();
        if let Some(items) =
            read::get(entries, "levels").and_then(|n| read::map(self.d, n, "`priorities.levels`"))
        {
            for (k, v) in items {
                if let Some(value) = read::integer(self.d, v, format_args!("priority `{}`", k.name))
                {
                    levels.push(PriorityLevel {
                        name: k.name.clone(),
                        value,
                    });
                }
            }
        }
        let default = read::get(entries, "default").and_then(|n| self.priority_level(&levels, n));
        Some(Priorities { levels, default })
    }

    fn priority_level(&mut self, levels: &[PriorityLevel], node: &Node) -> Option<PriorityLevel> {
        let name = read::string(self.d, node, "a priority")?;
        let found = levels.iter().find(|l| l.name == name).cloned();
        if found.is_none() {
            self.d.push(
                Diagnostic::error(
                    "unknown-priority",
                    node.span,
                    format!("unknown priority `{name}`"),
                )
                .expected(format!(
                    "one of: {}",
                    levels
                        .iter()
                        .map(|l| l.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .maybe_help(did_you_mean(name, levels.iter().map(|l| l.name.as_str()))),
            );
        }
        found
    }

    fn channels(&mut self, node: &Node) {
        let Some(entries) = read::map(self.d, node, "`channels`") else {
            return;
        };
        for (key, value) in entries {
            let empty = Vec::new();
            let items = match &value.kind {
                NodeKind::Null => empty.as_slice(),
                _ => match read::map(self.d, value, format_args!("channel `{}`", key.name)) {
                    Some(items) => items,
                    None => continue,
                },
            };
            read::known_keys(
                self.d,
                items,
                &[
                    "address",
                    "params",
                    "description",
                    "deprecated",
                    "since",
                    "ident",
                ],
                format_args!("channel `{}`", key.name),
            );
            let docs = self.docs(items);
            let ident = self.ident(items, &key.name);
            let address_node = read::get(items, "address");
            let address = address_node
                .and_then(|n| read::string(self.d, n, "`address`"))
                .unwrap_or(&key.name)
                .to_owned();
            let mut params = IndexMap::new();
            if let Some(p) =
                read::get(items, "params").and_then(|n| read::map(self.d, n, "`params`"))
            {
                for (pk, pv) in p {
                    let owner = format!("{}{}", naming::pascal(&ident), naming::pascal(&pk.name));
                    if let Some(t) = self.type_ref(pv, &owner) {
                        params.insert(pk.name.clone(), t);
                    }
                }
            }
            self.check_address(
                &address,
                address_node.map_or(key.span, |n| n.span),
                &params,
                read::get(items, "params"),
            );
            self.channels.insert(
                key.name.clone(),
                Channel {
                    name: key.name.clone(),
                    ident,
                    address,
                    params,
                    docs,
                    span: key.span,
                },
            );
        }
    }

    fn check_address(
        &mut self,
        address: &str,
        span: Span,
        params: &IndexMap<String, TypeRef>,
        params_node: Option<&Node>,
    ) {
        let used: Vec<&str> = address_segments(address)
            .into_iter()
            .filter_map(|s| match s {
                AddressSegment::Param(p) => Some(p),
                AddressSegment::Literal(_) => None,
            })
            .collect();
        if address.matches('{').count() != address.matches('}').count() {
            self.d.push(
                Diagnostic::error(
                    "invalid-address",
                    span,
                    format!("unbalanced braces in channel address `{address}`"),
                )
                .expected("`{param}` placeholders"),
            );
        }
        for p in &used {
            if !params.contains_key(*p) {
                self.d.push(
                    Diagnostic::error(
                        "undeclared-param",
                        span,
                        format!("address uses `{{{p}}}` but `params` does not declare `{p}`"),
                    )
                    .help(format!("add `{p}: string` under `params:`")),
                );
            }
        }
        for p in params.keys() {
            if !used.contains(&p.as_str()) {
                self.d.push(Diagnostic::error(
                    "unused-param",
                    params_node.map_or(span, |n| n.span),
                    format!("parameter `{p}` does not appear in the address `{address}`"),
                ));
            }
        }
    }

    fn envelopes(&mut self, root: &Node, top: &[(Key, Node)]) {
        match read::get(top, "envelope") {
            Some(n) => self.envelope(DEFAULT_ENVELOPE, "Envelope", n),
            None => self.d.push(
                Diagnostic::error("missing-key", root.span, "missing `envelope:`")
                    .expected("the default envelope shape with `discriminator:` and `fields:`"),
            ),
        }
        if let Some(entries) =
            read::get(top, "envelopes").and_then(|n| read::map(self.d, n, "`envelopes`"))
        {
            for (key, node) in entries {
                if key.name == DEFAULT_ENVELOPE {
                    self.d.push(
                        Diagnostic::error(
                            "reserved-name",
                            key.span,
                            "`default` names the top-level `envelope:`",
                        )
                        .help("pick another name for this shape"),
                    );
                    continue;
                }
                self.envelope(
                    &key.name,
                    &format!("{}Envelope", naming::pascal(&key.name)),
                    node,
                );
            }
        }
    }

    fn envelope(&mut self, name: &str, owner: &str, node: &Node) {
        let Some(entries) = read::map(self.d, node, "an envelope") else {
            return;
        };
        read::known_keys(
            self.d,
            entries,
            &[
                "discriminator",
                "payload",
                "fields",
                "additional",
                "compression",
            ],
            "an envelope",
        );
        let fields = read::get(entries, "fields")
            .map(|n| self.fields(n, owner))
            .unwrap_or_default();
        let additional = match read::get(entries, "additional") {
            Some(n) => self
                .choice(n, "`additional`", &["allow", "deny"])
                .map_or(self.extra_keys, |v| v == "allow"),
            None => self.extra_keys,
        };
        let field_names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        let named_field = |s: &mut Self, key: &str| -> Option<String> {
            let n = read::get(entries, key)?;
            let v = read::string(s.d, n, format_args!("`{key}`"))?;
            if !field_names.contains(&v) {
                s.d.push(
                    Diagnostic::error(
                        "unknown-field",
                        n.span,
                        format!("`{key}` names `{v}`, which is not a field of this envelope"),
                    )
                    .expected(format!("one of: {}", field_names.join(", ")))
                    .maybe_help(did_you_mean(v, field_names.iter().copied())),
                );
                return None;
            }
            Some(v.to_owned())
        };
        let discriminator = named_field(self, "discriminator");
        if read::get(entries, "discriminator").is_none() {
            self.d.push(
                Diagnostic::error(
                    "missing-discriminator",
                    node.span,
                    "envelope has no `discriminator:`",
                )
                .expected("`discriminator: <field>` naming the field that carries the event name")
                .help("a reader must know which key tells the events apart"),
            );
        }
        let payload = named_field(self, "payload");
        let compression =
            read::get(entries, "compression").and_then(|n| self.compression(n, &fields));
        if let Some(disc) = discriminator
            .as_deref()
            .and_then(|d| fields.iter().find(|f| f.name == d))
        {
            if !matches!(disc.ty, TypeRef::String(_)) || disc.optional || disc.nullable {
                self.d.push(
                    Diagnostic::error(
                        "invalid-discriminator",
                        disc.span,
                        format!(
                            "discriminator `{}` must be a required, non-null string",
                            disc.name
                        ),
                    )
                    .label("declared here"),
                );
            }
        }
        self.envelopes.insert(
            name.to_owned(),
            Envelope {
                name: name.to_owned(),
                discriminator: discriminator.unwrap_or_default(),
                payload,
                fields,
                additional,
                compression,
                span: node.span,
            },
        );
    }

    fn compression(&mut self, node: &Node, fields: &[Field]) -> Option<Compression> {
        let entries = read::map(self.d, node, "`compression`")?;
        read::known_keys(
            self.d,
            entries,
            &["flag", "algorithm", "encoding", "threshold"],
            "`compression`",
        );
        let flag_node = read::required(self.d, node, entries, "flag", "`compression`");
        let flag = flag_node
            .and_then(|n| read::string(self.d, n, "`flag`"))?
            .to_owned();
        match fields.iter().find(|f| f.name == flag) {
            Some(f) if matches!(f.ty, TypeRef::Boolean) => {}
            _ => {
                self.d.push(
                    Diagnostic::error(
                        "invalid-compression",
                        flag_node.map_or(node.span, |n| n.span),
                        format!(
                            "compression flag `{flag}` must be a boolean field of the envelope"
                        ),
                    )
                    .help(format!(
                        "declare `{flag}: {{type: boolean, optional: true}}` under `fields:`"
                    )),
                );
            }
        }
        if let Some(n) = read::get(entries, "algorithm") {
            self.choice(n, "`algorithm`", &["zlib"]);
        }
        if let Some(n) = read::get(entries, "encoding") {
            self.choice(n, "`encoding`", &["base64"]);
        }
        let threshold = read::get(entries, "threshold")
            .and_then(|n| self.count(n, "`threshold`"))
            .unwrap_or(1024);
        Some(Compression {
            flag,
            algorithm: CompressionAlgorithm::Zlib,
            encoding: BinaryEncoding::Base64,
            threshold,
        })
    }

    fn events(&mut self, root: &Node, top: &[(Key, Node)]) -> IndexMap<String, Event> {
        let mut events = IndexMap::new();
        let Some(node) = read::get(top, "events") else {
            self.d.push(
                Diagnostic::error("missing-key", root.span, "missing `events:`")
                    .expected("at least one event"),
            );
            return events;
        };
        let Some(entries) = read::map(self.d, node, "`events`") else {
            return events;
        };
        if entries.is_empty() {
            self.d.push(
                Diagnostic::error("missing-key", node.span, "`events:` declares no event")
                    .expected("at least one event")
                    .help("a contract describes the messages of a protocol; declare them under `events:`"),
            );
        }
        for (key, value) in entries {
            if let Some(e) = self.event(key, value) {
                events.insert(e.name.clone(), e);
            }
        }
        events
    }

    fn event(&mut self, key: &Key, node: &Node) -> Option<Event> {
        let empty = Vec::new();
        let entries = match &node.kind {
            NodeKind::Null => empty.as_slice(),
            _ => read::map(self.d, node, format_args!("event `{}`", key.name))?,
        };
        read::known_keys(
            self.d,
            entries,
            EVENT_KEYS,
            format_args!("event `{}`", key.name),
        );
        let docs = self.docs(entries);
        let ident = self.ident(entries, &key.name);
        let envelope_name = match read::get(entries, "envelope") {
            Some(n) => {
                let v = read::string(self.d, n, "`envelope`")?;
                if !self.envelopes.contains_key(v) || v == DEFAULT_ENVELOPE {
                    let names: Vec<&str> = self
                        .envelopes
                        .keys()
                        .filter(|k| *k != DEFAULT_ENVELOPE)
                        .map(String::as_str)
                        .collect();
                    self.d.push(
                        Diagnostic::error(
                            "unknown-envelope",
                            n.span,
                            format!("unknown envelope `{v}`"),
                        )
                        .expected(if names.is_empty() {
                            "an envelope declared under `envelopes:`".to_owned()
                        } else {
                            format!("one of: {}", names.join(", "))
                        })
                        .maybe_help(did_you_mean(v, names.iter().copied())),
                    );
                    return None;
                }
                v.to_owned()
            }
            None => DEFAULT_ENVELOPE.to_owned(),
        };
        let envelope = self.envelopes.get(&envelope_name);
        let has_payload = envelope.is_some_and(|e| e.payload.is_some());
        // Without its envelope (whose absence is reported) a payload is still
        // read, for the errors of its own.
        let read_payload = has_payload || envelope.is_none();
        let payload = match read::get(entries, "payload") {
            Some(n) if read_payload => {
                Some(self.type_ref(n, &format!("{}Payload", naming::pascal(&ident)))?)
            }
            Some(n) => {
                self.d.push(
                    Diagnostic::error(
                        "payload-without-field",
                        n.span,
                        format!(
                            "event `{}` has a payload but its envelope has no payload field",
                            key.name
                        ),
                    )
                    .help("declare `payload:` in the envelope, or remove the payload here"),
                );
                None
            }
            None if has_payload => Some(TypeRef::Json),
            None => None,
        };
        let channel = read::get(entries, "channel").and_then(|n| {
            let v = read::string(self.d, n, "`channel`")?;
            if !self.channels.contains_key(v) {
                self.d.push(
                    Diagnostic::error("unknown-channel", n.span, format!("unknown channel `{v}`"))
                        .expected("a key under `channels:`")
                        .maybe_help(did_you_mean(v, self.channels.keys().map(String::as_str))),
                );
                return None;
            }
            Some(v.to_owned())
        });
        let direction = read::get(entries, "direction")
            .and_then(|n| {
                self.choice(
                    n,
                    "`direction`",
                    &["client_to_server", "server_to_client", "both"],
                )
            })
            .map_or(Direction::Both, |d| match d {
                "client_to_server" => Direction::ClientToServer,
                "server_to_client" => Direction::ServerToClient,
                _ => Direction::Both,
            });
        let aliases: Vec<String> = read::get(entries, "aliases")
            .map(|n| read::strings(self.d, n, "an event alias"))
            .unwrap_or_default()
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        let legacy_idents = read::get(entries, "legacy_idents")
            .map(|n| read::strings(self.d, n, "a legacy identifier"))
            .unwrap_or_default()
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        let category = self.event_category(key, read::get(entries, "category"));
        let priority = match read::get(entries, "priority") {
            Some(n) => match self.priorities.clone() {
                Some(p) => self.priority_level(&p.levels, n),
                None => {
                    self.d.push(
                        Diagnostic::error(
                            "undeclared-priorities",
                            n.span,
                            "event has a priority but the contract declares no `priorities:`",
                        )
                        .help("add `priorities: {levels: {…}, default: …}`"),
                    );
                    None
                }
            },
            None => self.priorities.as_ref().and_then(|p| p.default.clone()),
        };
        if key.name.is_empty() {
            self.d.push(Diagnostic::error(
                "invalid-name",
                key.span,
                "event wire name is empty",
            ));
        }
        Some(Event {
            name: key.name.clone(),
            ident,
            aliases,
            legacy_idents,
            docs,
            channel,
            direction,
            payload,
            envelope: envelope_name,
            category,
            priority,
            span: key.span,
        })
    }

    /// The explicit category (checked against the rules) or the derived one.
    fn event_category(&mut self, key: &Key, node: Option<&Node>) -> Option<String> {
        let Some(cats) = &self.categories else {
            if let Some(n) = node {
                self.d.push(
                    Diagnostic::error(
                        "undeclared-categories",
                        n.span,
                        "event has a category but the contract declares no `categories:`",
                    )
                    .help("add `categories: {values: {…}}`"),
                );
            }
            return None;
        };
        let derived = cats
            .derive(&key.name)
            .map(|(c, rule)| (c.to_owned(), rule.map(|r| r.span)));
        let Some(n) = node else {
            return derived.map(|(c, _)| c);
        };
        let explicit = read::string(self.d, n, "`category`")?.to_owned();
        if !cats.values.contains_key(&explicit) {
            self.d.push(
                Diagnostic::error(
                    "unknown-category",
                    n.span,
                    format!("unknown category `{explicit}`"),
                )
                .expected(format!(
                    "one of: {}",
                    cats.values.keys().cloned().collect::<Vec<_>>().join(", ")
                ))
                .maybe_help(did_you_mean(
                    &explicit,
                    cats.values.keys().map(String::as_str),
                )),
            );
        } else if let Some((c, Some(rule_span))) = &derived {
            if *c != explicit && !cats.rules.is_empty() {
                self.d.push(
                    Diagnostic::error(
                        "category-contradicts-rule",
                        n.span,
                        format!(
                            "event `{}` is declared `{explicit}` but the category rules give `{c}`",
                            key.name
                        ),
                    )
                    .label("declared category")
                    .also(*rule_span, "this rule matches first")
                    .help("remove `category:` to use the derived one, or change the rules"),
                );
            }
        }
        Some(explicit)
    }

    fn naming(&mut self, node: &Node) -> Vec<NamingRule> {
        let Some(entries) = read::map(self.d, node, "`naming`") else {
            return Vec::new();
        };
        read::known_keys(self.d, entries, &["events"], "`naming`");
        let Some(items) =
            read::get(entries, "events").and_then(|n| read::seq(self.d, n, "`naming.events`"))
        else {
            return Vec::new();
        };
        let mut rules = Vec::new();
        for item in items {
            let Some(r) = read::map(self.d, item, "a naming rule") else {
                continue;
            };
            read::known_keys(
                self.d,
                r,
                &["pattern", "description", "category"],
                "a naming rule",
            );
            let Some(pn) = read::get(r, "pattern") else {
                self.d.push(Diagnostic::error(
                    "missing-key",
                    item.span,
                    "naming rule is missing `pattern:`",
                ));
                continue;
            };
            let Some(pattern) = self.pattern(pn) else {
                continue;
            };
            let description =
                read::get(r, "description").and_then(|n| read::text(self.d, n, "`description`"));
            let category = read::get(r, "category")
                .and_then(|n| read::string(self.d, n, "`category`"))
                .map(str::to_owned);
            if let (Some(c), Some(n)) = (&category, read::get(r, "category")) {
                if !self
                    .categories
                    .as_ref()
                    .is_some_and(|cats| cats.values.contains_key(c))
                {
                    self.d.push(
                        Diagnostic::error(
                            "unknown-category",
                            n.span,
                            format!("unknown category `{c}`"),
                        )
                        .help("declare it under `categories.values`"),
                    );
                }
            }
            rules.push(NamingRule {
                pattern,
                description,
                category,
                span: item.span,
            });
        }
        rules
    }

    fn changelog(&mut self, node: &Node) -> Vec<ChangelogEntry> {
        let Some(items) = read::seq(self.d, node, "`changelog`") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let Some(e) = read::map(self.d, item, "a changelog entry") else {
                continue;
            };
            read::known_keys(
                self.d,
                e,
                &["version", "date", "changes"],
                "a changelog entry",
            );
            let version = read::get(e, "version").and_then(|n| read::text(self.d, n, "`version`"));
            let date = read::get(e, "date").and_then(|n| read::text(self.d, n, "`date`"));
            if version.is_none() && date.is_none() {
                self.d.push(Diagnostic::error(
                    "missing-key",
                    item.span,
                    "changelog entry has neither `version:` nor `date:`",
                ));
            }
            let changes = match read::get(e, "changes") {
                Some(n) if matches!(n.kind, NodeKind::Str(_)) => {
                    read::text(self.d, n, "`changes`").into_iter().collect()
                }
                Some(n) => read::strings(self.d, n, "a change")
                    .into_iter()
                    .map(|(s, _)| s)
                    .collect(),
                None => Vec::new(),
            };
            out.push(ChangelogEntry {
                version,
                date,
                changes,
            });
        }
        out
    }
}
