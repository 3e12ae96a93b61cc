//! The resolved contract model (IR).
//!
//! One representation that every emitter, the validator, the diff checker and
//! the proc macros read. Nothing downstream re-reads YAML: names are resolved,
//! inline types are hoisted into [`Contract::types`] under stable ids,
//! categories and priorities are computed, and every part keeps its [`Span`].
//! Maps are [`IndexMap`]s in source order, so output is deterministic.

mod evolution;
pub mod graph;
mod pattern;
pub mod usage;
mod version;

pub use evolution::{AckTarget, Acknowledgement, Rename, Tombstone};
pub use graph::TypeGraph;
pub use pattern::Pattern;
pub use usage::{Senders, Usage};
pub use version::{Bump, Version};

use crate::source::Span;
use indexmap::IndexMap;
use serde::Serialize;

/// A resolved contract: one protocol.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contract {
    /// Contract id (`[a-z][a-z0-9_]*`), used for module and package names.
    pub name: String,
    /// Human title.
    pub title: Option<String>,
    /// Free-text description.
    pub description: Option<String>,
    /// Version of the protocol the contract describes.
    pub version: Option<String>,
    /// Path the contract was loaded from, as given.
    pub path: String,
    /// Reader/writer compatibility policy.
    pub compatibility: Compatibility,
    /// Naming conventions for event wire names.
    pub naming: Vec<NamingRule>,
    /// Message categories and the rules that derive them.
    pub categories: Option<Categories>,
    /// Named priority levels.
    pub priorities: Option<Priorities>,
    /// Namespace prefix of every channel address (e.g. `wse:`).
    pub channel_prefix: Option<String>,
    /// Channels by key, in source order.
    pub channels: IndexMap<String, Channel>,
    /// Envelope shapes by key; the first is the default one ([`DEFAULT_ENVELOPE`]).
    pub envelopes: IndexMap<String, Envelope>,
    /// Every object, enum, union and alias type, named or hoisted from inline use.
    pub types: IndexMap<TypeId, TypeDef>,
    /// Events by canonical wire name, in source order.
    pub events: IndexMap<String, Event>,
    /// Event wire names removed from the contract (`removed: {events: …}`).
    pub removed_events: Vec<Tombstone>,
    /// Channel keys removed from the contract (`removed: {channels: …}`).
    pub removed_channels: Vec<Tombstone>,
    /// Version history, as written.
    pub changelog: Vec<ChangelogEntry>,
    /// Facts about how the types refer to each other, computed once by
    /// [`Contract::resolve_facts`].
    pub graph: TypeGraph,
}

/// Key of the default envelope in [`Contract::envelopes`].
pub const DEFAULT_ENVELOPE: &str = "default";

impl Contract {
    /// The default envelope shape.
    pub fn default_envelope(&self) -> &Envelope {
        self.envelopes
            .get(DEFAULT_ENVELOPE)
            .or_else(|| self.envelopes.values().next())
            .expect("a loaded contract always has a default envelope")
    }

    /// The envelope an event uses.
    pub fn envelope_of(&self, event: &Event) -> &Envelope {
        self.envelopes
            .get(&event.envelope)
            .unwrap_or_else(|| self.default_envelope())
    }

    /// Looks up a type definition.
    pub fn type_def(&self, id: &TypeId) -> Option<&TypeDef> {
        self.types.get(id)
    }

    /// The fields of every object type, then of every envelope shape.
    pub fn field_lists(&self) -> impl Iterator<Item = &[Field]> {
        let objects = self.types.values().filter_map(|t| match &t.kind {
            TypeKind::Object(o) => Some(o.fields.as_slice()),
            _ => None,
        });
        objects.chain(self.envelopes.values().map(|e| e.fields.as_slice()))
    }

    /// Every tombstone: removed events and channels, then the removed keys
    /// and values of each object, enum and envelope.
    pub fn tombstones(&self) -> impl Iterator<Item = &Tombstone> {
        let in_types = self.types.values().flat_map(|t| match &t.kind {
            TypeKind::Object(o) => o.removed.as_slice(),
            TypeKind::Enum(e) => e.removed.as_slice(),
            TypeKind::Union(_) | TypeKind::Alias(_) => &[],
        });
        let in_envelopes = self.envelopes.values().flat_map(|e| &e.removed);
        self.removed_events
            .iter()
            .chain(&self.removed_channels)
            .chain(in_types)
            .chain(in_envelopes)
    }

    /// Every rename: of fields, events, enum values and channels.
    pub fn renames(&self) -> impl Iterator<Item = &Rename> {
        let fields = self
            .field_lists()
            .flatten()
            .filter_map(|f| f.renamed_from.as_ref());
        let events = self.events.values().filter_map(|e| e.renamed_from.as_ref());
        let values = self.types.values().flat_map(|t| match &t.kind {
            TypeKind::Enum(e) => e.values.as_slice(),
            _ => &[],
        });
        let channels = self
            .channels
            .values()
            .filter_map(|c| c.renamed_from.as_ref());
        fields
            .chain(events)
            .chain(values.filter_map(|v| v.renamed_from.as_ref()))
            .chain(channels)
    }

    /// The channel an event is bound to, if any.
    pub fn channel_of(&self, event: &Event) -> Option<&Channel> {
        event.channel.as_ref().and_then(|c| self.channels.get(c))
    }

    /// Computes the facts every reader shares and that depend on the whole
    /// contract: each channel's full address and the type graph. The loader
    /// calls it once, after lowering.
    pub fn resolve_facts(&mut self) {
        let prefix = self.channel_prefix.as_deref().unwrap_or("");
        for ch in self.channels.values_mut() {
            ch.full_address = format!("{prefix}{}", ch.address);
        }
        self.graph = TypeGraph::build(self);
    }

    /// The type `ty` stands for once named aliases are followed (an alias of
    /// an alias, and so on). A cycle of aliases, which the checker refuses,
    /// stops at the type where it closes.
    pub fn resolve<'a>(&'a self, mut ty: &'a TypeRef) -> &'a TypeRef {
        for _ in 0..=self.types.len() {
            match ty {
                TypeRef::Named(id) => match self.type_def(id).map(|t| &t.kind) {
                    Some(TypeKind::Alias(target)) => ty = target,
                    _ => return ty,
                },
                _ => return ty,
            }
        }
        ty
    }

    /// Whether values of `ty` are JSON strings: strings, timestamps written
    /// as text, channel addresses and string enums, through aliases.
    pub fn is_string_valued(&self, ty: &TypeRef) -> bool {
        match self.resolve(ty) {
            TypeRef::String(_)
            | TypeRef::Channel
            | TypeRef::Timestamp(TimestampEncoding::Rfc3339) => true,
            TypeRef::Named(id) => matches!(
                self.type_def(id).map(|t| &t.kind),
                Some(TypeKind::Enum(EnumType {
                    repr: EnumRepr::String,
                    ..
                }))
            ),
            _ => false,
        }
    }

    /// The value an envelope field derived from `source` has in the messages of `event`,
    /// or `None` when the event has no such property (no category, no channel).
    pub fn derived_value<'c>(
        &'c self,
        event: &'c Event,
        source: Derived,
    ) -> Option<DerivedValue<'c>> {
        match source {
            Derived::Category => event.category.as_deref().map(DerivedValue::Category),
            Derived::Event => Some(DerivedValue::WireName(event)),
            Derived::Channel => self.channel_of(event).map(DerivedValue::Address),
        }
    }
}

/// The value of a derived envelope field in one event's messages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DerivedValue<'c> {
    /// The event's category.
    Category(&'c str),
    /// The event's wire name: writers write the canonical one, readers accept every alias.
    WireName(&'c Event),
    /// An address of the event's channel (a template when the channel has parameters).
    Address(&'c Channel),
}

impl<'c> DerivedValue<'c> {
    /// The one text writers put in the field, when it does not depend on the
    /// message (a channel with parameters depends on their values).
    pub fn fixed_text(self) -> Option<&'c str> {
        match self {
            DerivedValue::Category(text) => Some(text),
            DerivedValue::WireName(event) => Some(&event.name),
            DerivedValue::Address(channel) => channel.fixed_address(),
        }
    }
}

/// Stable id of a type in [`Contract::types`]: the declared name, or
/// `<Owner><Field>` for a type hoisted from inline use.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct TypeId(pub String);

impl TypeId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for TypeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Common documentation attributes of a contract element.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Docs {
    /// Description, copied into generated code.
    pub description: Option<String>,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// Version (or date) the element appeared in.
    pub since: Option<String>,
}

/// A deprecation notice.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Deprecation {
    /// Version or date of deprecation.
    pub since: Option<String>,
    /// Free text.
    pub message: Option<String>,
    /// Replacement (an event wire name or field key).
    pub replacement: Option<String>,
}

impl Deprecation {
    /// One-line note for generated code, e.g. `use operation:failed`; the
    /// replacement is named once, by the message when it names it already.
    pub fn note(&self) -> String {
        let mut parts = Vec::new();
        if let Some(m) = &self.message {
            parts.push(m.clone());
        }
        if let Some(r) = self.replacement.as_ref().filter(|r| !self.message_names(r)) {
            parts.push(format!("use {r}"));
        }
        if let Some(s) = &self.since {
            parts.push(format!("since {s}"));
        }
        if parts.is_empty() {
            "deprecated".to_owned()
        } else {
            parts.join("; ")
        }
    }

    /// Whether the free-text message already names `text` (the replacement).
    pub fn message_names(&self, text: &str) -> bool {
        self.message.as_ref().is_some_and(|m| m.contains(text))
    }
}

/// A named or hoisted type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    /// Stable id (and the default identifier stem).
    pub id: TypeId,
    /// Identifier stem for generated code (an `ident:` override or the id).
    pub ident: String,
    /// Declared under `types:` or hoisted from inline use.
    pub origin: Origin,
    /// Documentation.
    pub docs: Docs,
    /// What the type is.
    pub kind: TypeKind,
    /// Where it was written.
    pub span: Span,
}

/// Where a type definition came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Declared under `types:`.
    Declared,
    /// Written inline; the text says where (e.g. `event worker.heartbeat payload`).
    Inline(String),
}

/// The shape of a type definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    /// A JSON object with known fields.
    Object(ObjectType),
    /// A string or integer enum.
    Enum(EnumType),
    /// A tagged or shape-detected union of object types.
    Union(UnionType),
    /// A named primitive or container with constraints (`UserId: {type: string, pattern: …}`).
    Alias(TypeRef),
}

/// A use of a type: a primitive with its constraints, a container, or a named type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeRef {
    /// UTF-8 string.
    String(StringRules),
    /// Integer of a given width.
    Integer(IntegerRules),
    /// IEEE-754 double.
    Number(NumberRules),
    /// `true` / `false`.
    Boolean,
    /// A point in time in the given encoding.
    Timestamp(TimestampEncoding),
    /// Any JSON value.
    Json,
    /// A string naming one of the contract's channels.
    Channel,
    /// JSON array.
    Array(Box<ArrayType>),
    /// JSON object with arbitrary keys.
    Map(Box<MapType>),
    /// A type from [`Contract::types`].
    Named(TypeId),
}

/// Constraints on a string.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct StringRules {
    /// Regular expression the value must match.
    pub pattern: Option<Pattern>,
    /// Minimum length in characters.
    pub min_length: Option<u64>,
    /// Maximum length in characters.
    pub max_length: Option<u64>,
}

/// Integer widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IntWidth {
    /// Signed 32-bit.
    I32,
    /// Signed 64-bit (default).
    #[default]
    I64,
    /// Unsigned 32-bit.
    U32,
    /// Unsigned 64-bit.
    U64,
}

impl IntWidth {
    /// The inclusive range of the width, as i128.
    pub fn range(self) -> (i128, i128) {
        match self {
            IntWidth::I32 => (i32::MIN.into(), i32::MAX.into()),
            IntWidth::I64 => (i64::MIN.into(), i64::MAX.into()),
            IntWidth::U32 => (0, u32::MAX.into()),
            IntWidth::U64 => (0, u64::MAX.into()),
        }
    }
}

/// Constraints on an integer.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct IntegerRules {
    /// Storage width.
    pub width: IntWidth,
    /// Inclusive minimum.
    pub min: Option<i128>,
    /// Inclusive maximum.
    pub max: Option<i128>,
}

/// Constraints on a number.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct NumberRules {
    /// Inclusive minimum.
    pub min: Option<f64>,
    /// Inclusive maximum.
    pub max: Option<f64>,
}

/// How a timestamp is written on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimestampEncoding {
    /// RFC 3339 date-time string.
    #[default]
    Rfc3339,
    /// Integer seconds since the Unix epoch.
    UnixS,
    /// Integer milliseconds since the Unix epoch.
    UnixMs,
}

/// An array type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArrayType {
    /// Element type.
    pub items: TypeRef,
    /// Minimum element count.
    pub min_items: Option<u64>,
    /// Maximum element count.
    pub max_items: Option<u64>,
}

/// A map type (string keys).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapType {
    /// Value type.
    pub values: TypeRef,
    /// Pattern every key must match.
    pub key_pattern: Option<Pattern>,
}

/// A JSON object with known fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectType {
    /// Fields in source order.
    pub fields: Vec<Field>,
    /// Whether keys not declared are tolerated (resolved against the contract policy).
    pub additional: bool,
    /// Field keys removed from the object, which may not be declared again.
    pub removed: Vec<Tombstone>,
}

impl ObjectType {
    /// Finds a field by its wire key (not aliases).
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// A field of an object or envelope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Wire key (written by writers).
    pub name: String,
    /// Identifier stem for generated code.
    pub ident: String,
    /// Value type.
    pub ty: TypeRef,
    /// The key may be absent.
    pub optional: bool,
    /// The value may be `null`.
    pub nullable: bool,
    /// Documentation.
    pub docs: Docs,
    /// Old key: writers emit both, readers accept either.
    pub renamed_from: Option<Rename>,
    /// Further keys accepted on read.
    pub aliases: Vec<String>,
    /// The only value the field may take.
    pub constant: Option<serde_json::Value>,
    /// Property of the event the value must equal.
    pub derived: Option<Derived>,
    /// Property of the event constructors fill in by default.
    pub default_from: Option<DefaultFrom>,
    /// Where it was written (the key).
    pub span: Span,
}

impl Field {
    /// Every key a reader accepts for this field: the name, then `renamed_from`, then aliases.
    pub fn read_keys(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.old_key())
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// The old key of a renamed field, which writers also write.
    pub fn old_key(&self) -> Option<&str> {
        self.renamed_from.as_ref().map(|r| r.from.as_str())
    }
}

/// Event properties an envelope field can be derived from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Derived {
    /// The event's category.
    Category,
    /// The address of the event's channel.
    Channel,
    /// The event's wire name.
    Event,
}

/// Event properties an envelope field can default to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DefaultFrom {
    /// The event's priority value.
    Priority,
}

/// An enum type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumType {
    /// String or integer values.
    pub repr: EnumRepr,
    /// Whether unknown values are tolerated.
    pub open: bool,
    /// Values in source order.
    pub values: Vec<EnumValue>,
    /// Values removed from the enum, which may not be declared again.
    pub removed: Vec<Tombstone>,
}

impl EnumType {
    /// The value a reader reads `literal` as: the value itself or the value renamed from it.
    pub fn read(&self, literal: &EnumLiteral) -> Option<&EnumValue> {
        self.values
            .iter()
            .find(|v| v.value == *literal)
            .or_else(|| {
                self.values
                    .iter()
                    .find(|v| v.old_wire.as_ref() == Some(literal))
            })
    }

    /// Each renamed value with the old wire value readers still accept.
    pub fn renamed_values(&self) -> impl Iterator<Item = (&EnumValue, &EnumLiteral)> {
        self.values
            .iter()
            .filter_map(|v| v.old_wire.as_ref().map(|old| (v, old)))
    }
}

/// How enum values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnumRepr {
    /// As strings.
    String,
    /// As integers.
    Integer,
}

/// One enum value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumValue {
    /// Identifier stem (the string value, or the symbolic name of an integer value).
    pub ident: String,
    /// Value on the wire.
    pub value: EnumLiteral,
    /// Documentation.
    pub docs: Docs,
    /// The old value (string enums) or symbolic name (integer enums) of a renamed value.
    pub renamed_from: Option<Rename>,
    /// The old wire value of a renamed string-enum value, which readers read as this one.
    /// (An integer enum's rename changes only the symbolic name, not the wire value.)
    pub old_wire: Option<EnumLiteral>,
    /// Where it was written.
    pub span: Span,
}

/// A wire value of an enum.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum EnumLiteral {
    /// String value.
    Str(String),
    /// Integer value.
    Int(i64),
}

impl std::fmt::Display for EnumLiteral {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EnumLiteral::Str(s) => write!(f, "{s:?}"),
            EnumLiteral::Int(i) => write!(f, "{i}"),
        }
    }
}

/// A union of object types.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnionType {
    /// How a reader tells the variants apart.
    pub discrimination: Discrimination,
    /// Variants in source (and detection) order.
    pub variants: Vec<Variant>,
}

impl UnionType {
    /// What each shape-detected variant needs, e.g. `` `Legacy` needs one of `crawl` present ``,
    /// joined with `; ` (used when a value matches no variant).
    pub fn detection_summary(&self) -> String {
        let needs: Vec<String> = self
            .variants
            .iter()
            .map(|v| {
                let need = v.when.as_ref().map(When::describe).unwrap_or_default();
                format!("`{}` needs {need}", v.ident)
            })
            .collect();
        needs.join("; ")
    }
}

/// How union variants are told apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Discrimination {
    /// By the string value of a key inside the object.
    Tag(String),
    /// By which keys are present (first matching variant wins).
    Fields,
}

/// A union variant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    /// Identifier stem.
    pub ident: String,
    /// Tag value (tagged unions).
    pub tag: Option<String>,
    /// The object type of the variant.
    pub ty: TypeId,
    /// Detection condition (shape-detected unions), resolved.
    pub when: Option<When>,
    /// Where it was written.
    pub span: Span,
}

/// Key-presence condition of a shape-detected variant.
#[derive(Debug, Clone, Default, Serialize)]
pub struct When {
    /// At least one of these keys is present.
    pub any_present: Vec<String>,
    /// All of these keys are present.
    pub all_present: Vec<String>,
    /// None of these keys is present.
    pub absent: Vec<String>,
    /// Where each key was written, for diagnostics.
    #[serde(skip)]
    pub key_spans: Vec<(String, Span)>,
}

/// Two conditions are equal when they test the same keys, wherever they were written.
impl PartialEq for When {
    fn eq(&self, other: &Self) -> bool {
        self.any_present == other.any_present
            && self.all_present == other.all_present
            && self.absent == other.absent
    }
}

impl Eq for When {}

impl When {
    /// Where a key of the condition was written, or `fallback`.
    pub fn span_of(&self, key: &str, fallback: Span) -> Span {
        self.key_spans
            .iter()
            .find_map(|(k, s)| (k == key).then_some(*s))
            .unwrap_or(fallback)
    }

    /// Whether an object with the given keys satisfies the condition.
    pub fn matches(&self, has: impl Fn(&str) -> bool) -> bool {
        (self.any_present.is_empty() || self.any_present.iter().any(|k| has(k)))
            && self.all_present.iter().all(|k| has(k))
            && !self.absent.iter().any(|k| has(k))
    }

    /// Human description, e.g. `one of crawl, analyze present`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.any_present.is_empty() {
            parts.push(format!(
                "one of `{}` present",
                self.any_present.join("`, `")
            ));
        }
        if !self.all_present.is_empty() {
            parts.push(format!(
                "all of `{}` present",
                self.all_present.join("`, `")
            ));
        }
        if !self.absent.is_empty() {
            parts.push(format!("none of `{}` present", self.absent.join("`, `")));
        }
        parts.join(" and ")
    }
}

/// An envelope shape.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Envelope {
    /// Key in [`Contract::envelopes`].
    pub name: String,
    /// Field carrying the event wire name.
    pub discriminator: String,
    /// Field carrying the payload, if the shape has one.
    pub payload: Option<String>,
    /// All fields, discriminator and payload included, in source order.
    pub fields: Vec<Field>,
    /// Whether undeclared keys are tolerated.
    pub additional: bool,
    /// Payload compression, if declared.
    pub compression: Option<Compression>,
    /// Field keys removed from the envelope, which may not be declared again.
    pub removed: Vec<Tombstone>,
    /// Where it was written.
    pub span: Span,
}

impl Envelope {
    /// Finds a field by wire key.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The discriminator field.
    pub fn discriminator_field(&self) -> Option<&Field> {
        self.field(&self.discriminator)
    }

    /// The payload field, if the shape has one.
    pub fn payload_field(&self) -> Option<&Field> {
        self.field(self.payload.as_deref()?)
    }

    /// The field that marks a compressed payload, if the shape compresses.
    pub fn compression_flag_field(&self) -> Option<&Field> {
        self.field(&self.compression.as_ref()?.flag)
    }

    /// What an envelope field carries.
    pub fn role(&self, f: &Field) -> FieldRole {
        if f.name == self.discriminator {
            FieldRole::Discriminator
        } else if self.payload.as_deref() == Some(f.name.as_str()) {
            FieldRole::Payload
        } else if self.compression.as_ref().is_some_and(|c| c.flag == f.name) {
            FieldRole::CompressionFlag
        } else if let Some(source) = f.derived {
            FieldRole::Derived(source)
        } else if f.constant.is_some() && !f.optional {
            FieldRole::Constant
        } else {
            FieldRole::Data
        }
    }

    /// The fields with their roles, in source order.
    pub fn fields_with_roles(&self) -> impl Iterator<Item = (&Field, FieldRole)> {
        self.fields.iter().map(|f| (f, self.role(f)))
    }
}

/// What an envelope field carries, which decides how each reader and writer treats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRole {
    /// The event's wire name, read first to pick the event.
    Discriminator,
    /// The event's payload.
    Payload,
    /// The boolean that marks a compressed payload.
    CompressionFlag,
    /// A value fixed by the event (its category, name or channel).
    Derived(Derived),
    /// A required field whose only value is its `const`.
    Constant,
    /// Any other field: its value travels with the message.
    Data,
}

impl FieldRole {
    /// Whether the value depends on the event: the discriminator, the payload and derived fields.
    pub fn is_per_event(self) -> bool {
        matches!(
            self,
            FieldRole::Discriminator | FieldRole::Payload | FieldRole::Derived(_)
        )
    }

    /// Whether the field is an envelope field proper (not the discriminator,
    /// the payload or the compression flag, which every message handles itself).
    pub fn is_envelope_field(self) -> bool {
        matches!(
            self,
            FieldRole::Derived(_) | FieldRole::Constant | FieldRole::Data
        )
    }
}

/// Payload compression: large payloads travel compressed and text-encoded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compression {
    /// Boolean envelope field that marks a compressed payload.
    pub flag: String,
    /// Compression algorithm.
    pub algorithm: CompressionAlgorithm,
    /// Text encoding of the compressed bytes.
    pub encoding: BinaryEncoding,
    /// Writers compress payloads whose JSON is longer than this many bytes.
    pub threshold: u64,
}

/// Compression algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CompressionAlgorithm {
    /// zlib (RFC 1950).
    Zlib,
}

/// Binary-to-text encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BinaryEncoding {
    /// Standard base64 with padding.
    Base64,
}

/// Direction of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Client to server.
    ClientToServer,
    /// Server to client.
    ServerToClient,
    /// Either way (also: not stated).
    #[default]
    Both,
}

/// An event (message type).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Canonical wire name.
    pub name: String,
    /// Identifier stem for generated code.
    pub ident: String,
    /// Further wire names accepted on read.
    pub aliases: Vec<String>,
    /// The old wire name of a renamed event: read like an alias, never written.
    pub renamed_from: Option<Rename>,
    /// Deprecated code-level constant stems (e.g. `PipelineStart`).
    pub legacy_idents: Vec<String>,
    /// Documentation.
    pub docs: Docs,
    /// Channel key this event is bound to.
    pub channel: Option<String>,
    /// Direction.
    pub direction: Direction,
    /// Payload type; `None` when the event's envelope has no payload field.
    pub payload: Option<TypeRef>,
    /// Envelope key.
    pub envelope: String,
    /// Category (explicit or derived by the category rules).
    pub category: Option<String>,
    /// Priority level (explicit or the contract default).
    pub priority: Option<PriorityLevel>,
    /// Where it was written.
    pub span: Span,
}

impl Event {
    /// Every wire name readers accept: the canonical name, then the old name, then the aliases.
    pub fn wire_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.read_aliases())
    }

    /// The wire names readers accept besides the canonical one: the old name, then the aliases.
    pub fn read_aliases(&self) -> impl Iterator<Item = &str> {
        self.renamed_from
            .as_ref()
            .map(|r| r.from.as_str())
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
    }
}

/// A channel (topic).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Channel {
    /// Key under `channels:`.
    pub name: String,
    /// Identifier stem.
    pub ident: String,
    /// Address template as written, e.g. `user:{user_id}:{topic_type}` (without the prefix).
    pub address: String,
    /// The address on the wire: the contract's `channel_prefix`, then [`Channel::address`].
    pub full_address: String,
    /// Template parameters and their types, in order of appearance.
    pub params: IndexMap<String, TypeRef>,
    /// The old address template (without the prefix) of a renamed channel: read, never written.
    pub renamed_from: Option<Rename>,
    /// Documentation.
    pub docs: Docs,
    /// Where it was written.
    pub span: Span,
}

impl Channel {
    /// Every address template (without the prefix) readers accept: the address, then the old one.
    pub fn read_addresses(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.address.as_str())
            .chain(self.renamed_from.as_ref().map(|r| r.from.as_str()))
    }

    /// Splits the address (without the prefix) into literal text and parameter names.
    pub fn segments(&self) -> Vec<AddressSegment<'_>> {
        address_segments(&self.address)
    }

    /// Splits the full address (with the prefix) into literal text and parameter names.
    pub fn full_segments(&self) -> Vec<AddressSegment<'_>> {
        address_segments(&self.full_address)
    }

    /// The contract's channel prefix this channel's full address starts with.
    pub fn prefix(&self) -> &str {
        let cut = self.full_address.len().saturating_sub(self.address.len());
        self.full_address.get(..cut).unwrap_or_default()
    }

    /// The full address, when it has no parameters.
    pub fn fixed_address(&self) -> Option<&str> {
        (!self.address.contains('{')).then_some(self.full_address.as_str())
    }
}

/// Part of a channel address template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressSegment<'a> {
    /// Literal text.
    Literal(&'a str),
    /// `{param}`.
    Param(&'a str),
}

/// Splits an address template into literal text and `{param}` segments.
pub fn address_segments(address: &str) -> Vec<AddressSegment<'_>> {
    let mut out = Vec::new();
    let mut rest = address;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        if open > 0 {
            out.push(AddressSegment::Literal(&rest[..open]));
        }
        out.push(AddressSegment::Param(&rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        out.push(AddressSegment::Literal(rest));
    }
    out
}

/// A naming convention for event wire names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamingRule {
    /// The pattern names must match.
    pub pattern: Pattern,
    /// Human form, e.g. `<domain>:<action>`.
    pub description: Option<String>,
    /// Restricts the rule to events of this category.
    pub category: Option<String>,
    /// Where it was written.
    pub span: Span,
}

/// Message categories, derived from event names by rules (e.g. a `_msg_cat` key).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Categories {
    /// Category values and their descriptions.
    pub values: IndexMap<String, String>,
    /// Derivation rules, first match wins.
    pub rules: Vec<CategoryRule>,
    /// Category when no rule matches.
    pub default: Option<String>,
}

impl Categories {
    /// The category the rules give a wire name (matched lower-cased).
    pub fn derive(&self, wire_name: &str) -> Option<(&str, Option<&CategoryRule>)> {
        let lower = wire_name.to_lowercase();
        self.rules
            .iter()
            .find(|r| r.matcher.matches(&lower))
            .map(|r| (r.category.as_str(), Some(r)))
            .or_else(|| self.default.as_deref().map(|d| (d, None)))
    }
}

/// One category rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryRule {
    /// What the lower-cased wire name must satisfy.
    pub matcher: NameMatcher,
    /// Resulting category.
    pub category: String,
    /// Where it was written.
    pub span: Span,
}

/// A test on a (lower-cased) wire name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameMatcher {
    /// Contains the text.
    Contains(String),
    /// Is one of the names.
    Names(Vec<String>),
    /// Matches the pattern.
    Pattern(Pattern),
}

impl NameMatcher {
    /// Whether the (already lower-cased) name matches.
    pub fn matches(&self, lower_name: &str) -> bool {
        match self {
            NameMatcher::Contains(s) => lower_name.contains(s.as_str()),
            NameMatcher::Names(names) => names.iter().any(|n| n == lower_name),
            NameMatcher::Pattern(p) => p.is_match(lower_name),
        }
    }
}

/// Named priority levels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Priorities {
    /// Levels in source order.
    pub levels: Vec<PriorityLevel>,
    /// Level events get when they name none.
    pub default: Option<PriorityLevel>,
}

/// A named priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriorityLevel {
    /// Symbolic name, e.g. `HIGH`.
    pub name: String,
    /// Numeric value on the wire.
    pub value: i64,
}

/// Compatibility policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compatibility {
    /// Readers tolerate undeclared keys (unless an object says `additional: deny`).
    pub extra_keys: bool,
    /// Readers accept events the contract does not declare.
    pub unknown_events: bool,
    /// How renamed keys are carried.
    pub renames: RenamePolicy,
    /// The human policy text.
    pub rules: Vec<String>,
}

impl Default for Compatibility {
    fn default() -> Self {
        Compatibility {
            extra_keys: true,
            unknown_events: false,
            renames: RenamePolicy::DualKey,
            rules: Vec::new(),
        }
    }
}

/// How renamed keys are carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RenamePolicy {
    /// Writers emit both keys for the rename window; readers accept either.
    DualKey,
}

/// A change-log entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangelogEntry {
    /// Version.
    pub version: Option<String>,
    /// Date.
    pub date: Option<String>,
    /// Changes.
    pub changes: Vec<String>,
    /// Breaking changes this version makes on purpose.
    pub acknowledges: Vec<Acknowledgement>,
    /// Where the entry was written.
    pub span: Span,
}
