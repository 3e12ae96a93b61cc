//! Semantic checks over the resolved model, one `check_*` function per rule.
//!
//! Node-local problems (wrong kinds, unknown keys, bad regexes, empty ranges)
//! are reported while lowering; these rules look across the whole contract.

use crate::diag::{Diagnostic, Diagnostics};
use crate::emit::{Target, TARGETS};
use crate::model::*;
use crate::naming::{self, Case};
use crate::source::Span;
use rustc_hash::FxHashMap as FastMap;
use std::collections::{BTreeMap, HashSet};
use std::fmt;

/// Runs every rule; problems go to `d`.
pub fn check(c: &Contract, d: &mut Diagnostics) {
    check_identifiers(c, d);
    check_event_wire_names(c, d);
    check_event_idents(c, d);
    check_type_idents(c, d);
    check_channel_idents(c, d);
    check_fields(c, d);
    check_key_count(c, d);
    check_enums(c, d);
    check_unions(c, d);
    check_representable(c, d);
    check_naming_conventions(c, d);
    check_discriminators_agree(c, d);
    check_envelope_field_sources(c, d);
    check_constants(c, d);
    check_channel_params(c, d);
    check_compression(c, d);
    check_reserved_reused(c, d);
    check_evolution_versions(c, d);
}

/// The targets sharing one case rule, named together (`Rust and TypeScript`), and the rule.
type TargetCase = (String, Case);

/// Each target's case rule for one kind of identifier (`None`: the target
/// keeps wire names for it), targets with the same rule grouped, in
/// [`TARGETS`] order.
fn target_cases(rule: fn(&dyn Target) -> Option<Case>) -> Vec<TargetCase> {
    let mut groups: Vec<(Vec<&str>, Case)> = Vec::new();
    for target in TARGETS {
        let Some(case) = rule(*target) else { continue };
        match groups.iter_mut().find(|(_, c)| *c == case) {
            Some((names, _)) => names.push(target.name()),
            None => groups.push((vec![target.name()], case)),
        }
    }
    groups
        .into_iter()
        .map(|(names, case)| (join_names(&names), case))
        .collect()
}

/// `A`, `A and B`, `A, B and C`.
fn join_names(names: &[&str]) -> String {
    match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// How each target turns an identifier stem into a type-level name.
fn type_cases() -> Vec<TargetCase> {
    target_cases(|t| Some(t.type_case()))
}

/// How each target turns an identifier stem into a field name.
fn field_cases() -> Vec<TargetCase> {
    target_cases(|t| t.field_case())
}

/// One named thing that becomes an identifier.
struct Named<'a> {
    what: What<'a>,
    ident: &'a str,
    span: Span,
}

/// How a message names a [`Named`] thing (written out only when it collides).
enum What<'a> {
    /// `event `name``.
    Event(&'a str),
    /// `legacy identifier `ident` of `event``.
    Legacy(&'a str, &'a str),
    /// `type `id`` or `the inline type of …`.
    Type(&'a TypeDef),
    /// `channel `name``.
    Channel(&'a str),
    /// `field `name``.
    Field(&'a str),
    /// `enum value …`.
    EnumValue(&'a EnumLiteral),
    /// `variant `ident``.
    Variant(&'a str),
}

impl fmt::Display for What<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            What::Event(name) => write!(f, "event `{name}`"),
            What::Legacy(ident, event) => write!(f, "legacy identifier `{ident}` of `{event}`"),
            What::Type(t) => match &t.origin {
                Origin::Declared => write!(f, "type `{}`", t.id),
                Origin::Inline(w) => write!(f, "the inline type of {w}"),
            },
            What::Channel(name) => write!(f, "channel `{name}`"),
            What::Field(name) => write!(f, "field `{name}`"),
            What::EnumValue(value) => write!(f, "enum value {value}"),
            What::Variant(ident) => write!(f, "variant `{ident}`"),
        }
    }
}

/// Identifiers converted for each target so far, kept across calls (the
/// objects of a contract share many field names).
struct Conversions<'a> {
    cases: Vec<TargetCase>,
    converted: Vec<FastMap<&'a str, String>>,
}

impl<'a> Conversions<'a> {
    fn new(cases: Vec<TargetCase>) -> Self {
        Conversions {
            converted: cases.iter().map(|_| FastMap::default()).collect(),
            cases,
        }
    }
}

/// Reports pairs whose identifiers collide after case conversion in a target.
fn report_collisions(items: &[Named<'_>], cases: Vec<TargetCase>, hint: &str, d: &mut Diagnostics) {
    report_collisions_with(items, &mut Conversions::new(cases), hint, d);
}

/// [`report_collisions`], reusing (and extending) earlier conversions.
fn report_collisions_with<'a>(
    items: &[Named<'a>],
    conversions: &mut Conversions<'a>,
    hint: &str,
    d: &mut Diagnostics,
) {
    let mut reported = HashSet::new();
    let targets = conversions.cases.iter().zip(&mut conversions.converted);
    for ((target, convert), known) in targets {
        for item in items {
            known
                .entry(item.ident)
                .or_insert_with(|| convert.apply(item.ident));
        }
        let mut seen: FastMap<&str, &Named<'_>> = FastMap::default();
        seen.reserve(items.len());
        for item in items {
            let converted = known.get(item.ident).map_or("", String::as_str);
            if converted.is_empty() {
                continue;
            }
            match seen.get(converted) {
                Some(first) if reported.insert((first.span, item.span)) => d.push(
                    Diagnostic::error(
                        "identifier-collision",
                        item.span,
                        format!(
                            "{} and {} both become `{converted}` in {target}",
                            first.what, item.what
                        ),
                    )
                    .label(format!("becomes `{converted}`"))
                    .also(first.span, format!("also becomes `{converted}`"))
                    .help(hint.to_owned()),
                ),
                Some(_) => {}
                None => {
                    seen.insert(converted, item);
                }
            }
        }
    }
}

/// Every identifier stem must be expressible in every target language.
fn check_identifiers(c: &Contract, d: &mut Diagnostics) {
    let mut check = |what: fmt::Arguments<'_>, ident: &str, span: Span| {
        if let Some(reason) = naming::inexpressible(ident) {
            d.push(
                Diagnostic::error(
                    "inexpressible-identifier",
                    span,
                    format!("{what} cannot become an identifier: {reason}"),
                )
                .expected("a name with an ASCII letter before any digit")
                .help("keep the wire name and add `ident: <Name>` for generated code"),
            );
        }
    };
    for e in c.events.values() {
        check(format_args!("event `{}`", e.name), &e.ident, e.span);
        for l in &e.legacy_idents {
            check(format_args!("legacy identifier `{l}`"), l, e.span);
        }
    }
    for t in c.types.values() {
        check(format_args!("type `{}`", t.id), &t.ident, t.span);
        match &t.kind {
            TypeKind::Object(o) => o
                .fields
                .iter()
                .for_each(|f| check(format_args!("field `{}`", f.name), &f.ident, f.span)),
            TypeKind::Enum(en) => en
                .values
                .iter()
                .for_each(|v| check(format_args!("enum value {}", v.value), &v.ident, v.span)),
            TypeKind::Union(u) => u
                .variants
                .iter()
                .for_each(|v| check(format_args!("variant `{}`", v.ident), &v.ident, v.span)),
            TypeKind::Alias(_) => {}
        }
    }
    for env in c.envelopes.values() {
        env.fields.iter().for_each(|f| {
            check(
                format_args!("envelope field `{}`", f.name),
                &f.ident,
                f.span,
            )
        });
    }
    for ch in c.channels.values() {
        check(format_args!("channel `{}`", ch.name), &ch.ident, ch.span);
    }
}

/// A wire name (or alias) names exactly one event.
fn check_event_wire_names(c: &Contract, d: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, &Event> = BTreeMap::new();
    for e in c.events.values() {
        for name in e.wire_names() {
            if let Some(first) = seen.get(name) {
                d.push(
                    Diagnostic::error(
                        "duplicate-event-name",
                        e.span,
                        format!("wire name `{name}` is used by two events"),
                    )
                    .label(format!("event `{}`", e.name))
                    .also(first.span, format!("event `{}`", first.name))
                    .help(
                        "a reader could not tell them apart; remove the alias or rename one event",
                    ),
                );
            } else {
                seen.insert(name, e);
            }
        }
    }
}

/// Event identifiers (and legacy constants) must stay distinct in every target.
fn check_event_idents(c: &Contract, d: &mut Diagnostics) {
    let mut items: Vec<Named<'_>> = Vec::new();
    for e in c.events.values() {
        items.push(Named {
            what: What::Event(&e.name),
            ident: &e.ident,
            span: e.span,
        });
        for l in &e.legacy_idents {
            items.push(Named {
                what: What::Legacy(l, &e.name),
                ident: l,
                span: e.span,
            });
        }
    }
    report_collisions(
        &items,
        type_cases(),
        "if both are one event, declare one as an alias of the other (`aliases: [...]`); otherwise set `ident:` on one",
        d,
    );
}

/// Type identifiers must stay distinct in every target.
fn check_type_idents(c: &Contract, d: &mut Diagnostics) {
    let items: Vec<Named<'_>> = c
        .types
        .values()
        .map(|t| Named {
            what: What::Type(t),
            ident: &t.ident,
            span: t.span,
        })
        .collect();
    report_collisions(
        &items,
        type_cases(),
        "rename one of the types or set `ident:`",
        d,
    );
}

/// Channel identifiers must stay distinct in every target.
fn check_channel_idents(c: &Contract, d: &mut Diagnostics) {
    let items: Vec<Named<'_>> = c
        .channels
        .values()
        .map(|ch| Named {
            what: What::Channel(&ch.name),
            ident: &ch.ident,
            span: ch.span,
        })
        .collect();
    report_collisions(
        &items,
        type_cases(),
        "set `ident:` on one of the channels",
        d,
    );
}

/// Within an object or envelope, read keys are unique and field identifiers stay distinct.
fn check_fields(c: &Contract, d: &mut Diagnostics) {
    let mut conversions = Conversions::new(field_cases());
    for fields in c.field_lists() {
        let mut keys: BTreeMap<&str, &Field> = BTreeMap::new();
        for f in fields {
            for key in f.read_keys() {
                match keys.get(key) {
                    Some(first) => d.push(
                        Diagnostic::error(
                            "duplicate-key-name",
                            f.span,
                            format!("key `{key}` is read by two fields"),
                        )
                        .label(format!("field `{}`", f.name))
                        .also(first.span, format!("field `{}`", first.name))
                        .help("an alias or `renamed_from` must not repeat another field's key"),
                    ),
                    None => {
                        keys.insert(key, f);
                    }
                }
            }
        }
        let items: Vec<Named<'_>> = fields
            .iter()
            .map(|f| Named {
                what: What::Field(&f.name),
                ident: &f.ident,
                span: f.span,
            })
            .collect();
        report_collisions_with(
            &items,
            &mut conversions,
            "set `ident:` on one of the fields (the wire key stays as it is)",
            d,
        );
    }
}

/// The most keys one field may be read from (its name, old name and aliases).
pub const MAX_KEYS_PER_FIELD: usize = 256;

/// A field is read from at most [`MAX_KEYS_PER_FIELD`] keys: readers track
/// which of a field's keys a message used in a fixed-size set.
fn check_key_count(c: &Contract, d: &mut Diagnostics) {
    for f in c.field_lists().flatten() {
        let count = f.read_keys().count();
        if count > MAX_KEYS_PER_FIELD {
            d.push(
                Diagnostic::error(
                    "too-many-keys",
                    f.span,
                    format!("field `{}` is read from {count} keys", f.name),
                )
                .expected(format!(
                    "at most {MAX_KEYS_PER_FIELD} keys (its name, `renamed_from` and aliases)"
                ))
                .help("drop aliases no writer uses any more"),
            );
        }
    }
}

/// Enums have values, no value twice, and distinct value identifiers.
fn check_enums(c: &Contract, d: &mut Diagnostics) {
    for t in c.types.values() {
        let TypeKind::Enum(en) = &t.kind else {
            continue;
        };
        if en.values.is_empty() {
            d.push(
                Diagnostic::error(
                    "empty-enum",
                    t.span,
                    format!("enum `{}` has no values", t.id),
                )
                .expected("at least one value"),
            );
        }
        let mut seen: BTreeMap<&EnumLiteral, &EnumValue> = BTreeMap::new();
        for v in &en.values {
            if let Some(first) = seen.get(&v.value) {
                d.push(
                    Diagnostic::error(
                        "duplicate-enum-value",
                        v.span,
                        format!("enum value {} is listed twice", v.value),
                    )
                    .label("again here")
                    .also(first.span, "first listed here")
                    .help("remove the repeated value"),
                );
            } else {
                seen.insert(&v.value, v);
            }
        }
        check_enum_renames(en, d);
        let items: Vec<Named<'_>> = en
            .values
            .iter()
            .map(|v| Named {
                what: What::EnumValue(&v.value),
                ident: &v.ident,
                span: v.span,
            })
            .collect();
        report_collisions(
            &items,
            type_cases(),
            "give one value `{value: …, ident: …}`",
            d,
        );
    }
}

/// A renamed enum value's old spelling is no other value's (and no other
/// renamed value's) spelling: a reader could not tell which one it means.
fn check_enum_renames(en: &EnumType, d: &mut Diagnostics) {
    let spelling = |v: &EnumValue| match &v.value {
        EnumLiteral::Str(s) => s.clone(),
        EnumLiteral::Int(_) => v.ident.clone(),
    };
    let mut taken: BTreeMap<String, &EnumValue> =
        en.values.iter().map(|v| (spelling(v), v)).collect();
    for v in &en.values {
        let Some(old) = &v.renamed_from else { continue };
        match taken.get(old.from.as_str()) {
            Some(other) => d.push(
                Diagnostic::error(
                    "duplicate-enum-value",
                    old.span,
                    format!(
                        "`{}` is renamed from `{}`, which already names another value",
                        spelling(v),
                        old.from
                    ),
                )
                .label("old spelling")
                .also(other.span, format!("`{}` is here", old.from))
                .help("a reader must read each spelling as one value: drop `renamed_from` or the other value"),
            ),
            None => {
                taken.insert(old.from.clone(), v);
            }
        }
    }
}

impl PartialOrd for EnumLiteral {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for EnumLiteral {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (self, other) {
            (EnumLiteral::Str(a), EnumLiteral::Str(b)) => a.cmp(b),
            (EnumLiteral::Int(a), EnumLiteral::Int(b)) => a.cmp(b),
            (EnumLiteral::Str(_), EnumLiteral::Int(_)) => std::cmp::Ordering::Less,
            (EnumLiteral::Int(_), EnumLiteral::Str(_)) => std::cmp::Ordering::Greater,
        }
    }
}

/// Union variants are objects, detection keys exist, and no variant is unreachable.
fn check_unions(c: &Contract, d: &mut Diagnostics) {
    for t in c.types.values() {
        let TypeKind::Union(u) = &t.kind else {
            continue;
        };
        let objects: Vec<Option<&ObjectType>> = u
            .variants
            .iter()
            .map(|v| match c.type_def(&v.ty).map(|t| &t.kind) {
                Some(TypeKind::Object(o)) => Some(o),
                _ => None,
            })
            .collect();
        for (v, obj) in u.variants.iter().zip(&objects) {
            if obj.is_none() {
                d.push(
                    Diagnostic::error(
                        "variant-not-object",
                        v.span,
                        format!(
                            "variant `{}` of union `{}` is not an object type",
                            v.ident, t.id
                        ),
                    )
                    .expected("an object type (unions are told apart by keys)"),
                );
            }
        }
        let items: Vec<Named<'_>> = u
            .variants
            .iter()
            .map(|v| Named {
                what: What::Variant(&v.ident),
                ident: &v.ident,
                span: v.span,
            })
            .collect();
        report_collisions(&items, type_cases(), "give one variant a `name:`", d);
        if u.discrimination != Discrimination::Fields {
            continue;
        }
        let all_keys: HashSet<&str> = objects
            .iter()
            .flatten()
            .flat_map(|o| o.fields.iter().map(|f| f.name.as_str()))
            .collect();
        for (i, (v, obj)) in u.variants.iter().zip(&objects).enumerate() {
            let (Some(obj), Some(when)) = (obj, &v.when) else {
                continue;
            };
            for key in when.any_present.iter().chain(&when.all_present) {
                if obj.field(key).is_none() {
                    d.push(
                        Diagnostic::error("unknown-detection-key", when.span_of(key, v.span), format!("variant `{}` is detected by key `{key}`, which is not one of its fields", v.ident))
                            .label("not a field of this variant")
                            .maybe_help(crate::diag::did_you_mean(key, obj.fields.iter().map(|f| f.name.as_str()))),
                    );
                }
            }
            for key in &when.absent {
                if !all_keys.contains(key.as_str()) {
                    d.push(
                        Diagnostic::error(
                            "unknown-detection-key",
                            when.span_of(key, v.span),
                            format!("`absent` key `{key}` is not a field of any variant"),
                        )
                        .label("not a field of any variant"),
                    );
                }
            }
            if let Some(earlier) = u.variants[..i]
                .iter()
                .find(|e| e.when.as_ref() == Some(when))
            {
                d.push(
                    Diagnostic::error(
                        "unreachable-variant",
                        v.span,
                        format!(
                            "variant `{}` has the same detection condition as `{}`",
                            v.ident, earlier.ident
                        ),
                    )
                    .also(earlier.span, "this variant always wins")
                    .help("add `when:` keys that tell the variants apart"),
                );
            }
        }
    }
}

/// Every type must have a finite JSON value: no cycle through required, non-null fields.
fn check_representable(c: &Contract, d: &mut Diagnostics) {
    let finite = |r: &TypeRef| match r {
        TypeRef::Named(id) => c.graph.is_finite(id),
        _ => true,
    };
    for t in c.types.values().filter(|t| !c.graph.is_finite(&t.id)) {
        let through: Vec<String> = match &t.kind {
            TypeKind::Object(o) => o
                .fields
                .iter()
                .filter(|f| !f.optional && !f.nullable && !finite(&f.ty))
                .map(|f| format!("`{}.{}`", t.id, f.name))
                .collect(),
            _ => vec![format!("`{}`", t.id)],
        };
        d.push(
            Diagnostic::error("infinite-type", t.span, format!("type `{}` can never be written: it contains itself through {}", t.id, through.join(", ")))
                .label("this type refers back to itself")
                .help("make one field of the cycle `optional: true` or `nullable: true`, or put it in an array or map"),
        );
    }
}

/// Event wire names (and aliases) follow the contract's naming conventions.
fn check_naming_conventions(c: &Contract, d: &mut Diagnostics) {
    for e in c.events.values() {
        let rules: Vec<&NamingRule> = c
            .naming
            .iter()
            .filter(|r| r.category.is_none() || r.category == e.category)
            .collect();
        if rules.is_empty() {
            continue;
        }
        for name in e.wire_names() {
            if rules.iter().any(|r| r.pattern.is_match(name)) {
                continue;
            }
            let wanted: Vec<String> = rules
                .iter()
                .map(|r| match &r.description {
                    Some(desc) => format!("{desc} (`{}`)", r.pattern.source),
                    None => format!("`{}`", r.pattern.source),
                })
                .collect();
            let mut diag = Diagnostic::error(
                "naming-convention",
                e.span,
                format!("event name `{name}` breaks the naming convention"),
            )
            .label("does not match")
            .expected(wanted.join(" or "));
            if let Some(r) = rules.first() {
                diag = diag.also(r.span, "convention declared here");
            }
            d.push(
                diag.help(
                    "rename the event, or add an alias that keeps the old wire name readable",
                ),
            );
        }
    }
}

/// Every envelope shape dispatches on the same discriminator key and aliases.
fn check_discriminators_agree(c: &Contract, d: &mut Diagnostics) {
    let default = c.default_envelope();
    let keys = |e: &Envelope| {
        e.discriminator_field()
            .map(|f| f.read_keys().map(str::to_owned).collect::<Vec<_>>())
    };
    let want = keys(default);
    for env in c.envelopes.values().skip(1) {
        if env.discriminator != default.discriminator || keys(env) != want {
            d.push(
                Diagnostic::error("discriminator-mismatch", env.span, format!("envelope `{}` dispatches on `{}` but the default envelope on `{}`", env.name, env.discriminator, default.discriminator))
                    .also(default.span, "default envelope")
                    .help("a reader reads the discriminator before it knows the shape: use the same key and aliases in every envelope"),
            );
        }
    }
}

/// `derived` and `default_from` name event properties the contract declares, on envelope fields only.
fn check_envelope_field_sources(c: &Contract, d: &mut Diagnostics) {
    for env in c.envelopes.values() {
        for f in &env.fields {
            let missing = match f.derived {
                Some(Derived::Category) if c.categories.is_none() => Some("`categories:`"),
                Some(Derived::Channel) if c.channels.is_empty() => Some("`channels:`"),
                _ => None,
            }
            .or(match f.default_from {
                Some(DefaultFrom::Priority) if c.priorities.is_none() => Some("`priorities:`"),
                _ => None,
            });
            if let Some(what) = missing {
                d.push(Diagnostic::error("missing-source", f.span, format!("field `{}` is filled from the event, but the contract declares no {what}", f.name)).help(format!("declare {what}")));
            }
            if f.derived.is_some() && !matches!(f.ty, TypeRef::String(_) | TypeRef::Channel) {
                d.push(Diagnostic::error(
                    "invalid-derived",
                    f.span,
                    format!("derived field `{}` must be a string", f.name),
                ));
            }
            if f.default_from.is_some() && !matches!(f.ty, TypeRef::Integer(_)) {
                d.push(Diagnostic::error(
                    "invalid-derived",
                    f.span,
                    format!(
                        "field `{}` takes the priority, so it must be an integer",
                        f.name
                    ),
                ));
            }
        }
    }
    for t in c.types.values() {
        let TypeKind::Object(o) = &t.kind else {
            continue;
        };
        for f in o
            .fields
            .iter()
            .filter(|f| f.derived.is_some() || f.default_from.is_some())
        {
            d.push(
                Diagnostic::error(
                    "derived-outside-envelope",
                    f.span,
                    format!(
                        "field `{}` is derived from the event, but it is not an envelope field",
                        f.name
                    ),
                )
                .help("only envelope fields know their event; remove `derived`/`default_from`"),
            );
        }
    }
}

/// A `const` value must itself be a valid value of the field's type.
fn check_constants(c: &Contract, d: &mut Diagnostics) {
    for f in c.field_lists().flatten() {
        let Some(value) = &f.constant else { continue };
        if let Some(problem) = crate::validate::check_value(c, &f.ty, value)
            .into_iter()
            .next()
        {
            d.push(
                Diagnostic::error(
                    "invalid-const",
                    f.span,
                    format!(
                        "`const` of field `{}` is not a valid value of its type: {}",
                        f.name, problem.message
                    ),
                )
                .help("change the constant or the field's type"),
            );
        }
    }
}

/// Channel parameters are string-valued (they are spliced into an address).
fn check_channel_params(c: &Contract, d: &mut Diagnostics) {
    for ch in c.channels.values() {
        for (name, ty) in &ch.params {
            let stringy = c.is_string_valued(ty);
            if !stringy {
                d.push(Diagnostic::error(
                    "invalid-param",
                    ch.span,
                    format!(
                        "parameter `{name}` of channel `{}` must be a string or string enum",
                        ch.name
                    ),
                ));
            }
        }
    }
}

/// Compression needs a payload field to compress.
fn check_compression(c: &Contract, d: &mut Diagnostics) {
    for env in c.envelopes.values() {
        if env.compression.is_some() && env.payload.is_none() {
            d.push(Diagnostic::error(
                "invalid-compression",
                env.span,
                format!(
                    "envelope `{}` declares compression but has no `payload:` field",
                    env.name
                ),
            ));
        }
    }
}

/// A name a tombstone removed (an event wire name, channel key, field key or
/// enum value) is not declared again: readers that knew the old meaning would misread it.
fn check_reserved_reused(c: &Contract, d: &mut Diagnostics) {
    let events = c
        .events
        .values()
        .flat_map(|e| e.wire_names().map(move |n| (n, e.span)));
    report_reused(&c.removed_events, "event name", events, d);
    let channels = c.channels.values().map(|ch| (ch.name.as_str(), ch.span));
    report_reused(&c.removed_channels, "channel", channels, d);
    let objects = c.types.values().filter_map(|t| match &t.kind {
        TypeKind::Object(o) => Some((&o.removed, o.fields.as_slice())),
        _ => None,
    });
    let envelopes = c
        .envelopes
        .values()
        .map(|e| (&e.removed, e.fields.as_slice()));
    for (removed, fields) in objects.chain(envelopes) {
        let keys = fields
            .iter()
            .flat_map(|f| f.read_keys().map(move |k| (k, f.span)));
        report_reused(removed, "field key", keys, d);
    }
    for t in c.types.values() {
        let TypeKind::Enum(en) = &t.kind else {
            continue;
        };
        let values = en.values.iter().flat_map(|v| {
            let wire = match &v.value {
                EnumLiteral::Str(s) => s.clone(),
                EnumLiteral::Int(i) => i.to_string(),
            };
            let old = v.renamed_from.as_ref().filter(|_| v.old_wire.is_some());
            std::iter::once((wire, v.span)).chain(old.map(|r| (r.from.clone(), r.span)))
        });
        let values: Vec<(String, Span)> = values.collect();
        let values = values.iter().map(|(n, s)| (n.as_str(), *s));
        report_reused(&en.removed, "enum value", values, d);
    }
}

/// Reports each of `declared` (a name and where it is declared) that one of `removed` names.
fn report_reused<'a>(
    removed: &[Tombstone],
    what: &str,
    declared: impl Iterator<Item = (&'a str, Span)>,
    d: &mut Diagnostics,
) {
    if removed.is_empty() {
        return;
    }
    for (name, span) in declared {
        let Some(t) = removed.iter().find(|t| t.name == name) else {
            continue;
        };
        let why = t
            .reason
            .as_deref()
            .map_or(String::new(), |r| format!(": {r}"));
        d.push(
            Diagnostic::error(
                "reserved-reused",
                span,
                format!(
                    "{what} `{name}` was removed in {} and cannot come back",
                    t.version
                ),
            )
            .label("declared again here")
            .also(t.span, "removed here")
            .help(format!(
                "pick another name; `{name}` was removed in {}{why}",
                t.version
            )),
        );
    }
}

/// When the contract's version is semver-like, every tombstone version and
/// rename `since` is a version too: the diff orders them.
fn check_evolution_versions(c: &Contract, d: &mut Diagnostics) {
    let semver = c
        .version
        .as_deref()
        .and_then(Version::parse)
        .is_some_and(|v| v.is_semver());
    if !semver {
        return;
    }
    let mut check = |text: &str, span: Span, what: &str| {
        if Version::parse(text).is_none() {
            d.push(
                Diagnostic::error(
                    "invalid-version",
                    span,
                    format!("{what} `{text}` is not a version"),
                )
                .label(format!("its version `{text}` does not parse"))
                .expected(format!(
                    "a version like the contract's `{}`: `1`, `1.2`, `1.2.3` or `1.2.3-beta`",
                    c.version.as_deref().unwrap_or_default()
                ))
                .help("write the contract version in which the change was made"),
            );
        }
    };
    for t in c.tombstones() {
        check(&t.version, t.span, "removal version");
    }
    for r in c.renames() {
        if let Some(since) = &r.since {
            check(since, r.span, "rename version");
        }
    }
}
