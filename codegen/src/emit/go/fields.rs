//! Fields as Go sees them: the Go name and type of each field of an object
//! or envelope, its line in a struct declaration, the statement that
//! decodes it from its keys and the statements that write it.

use super::align::{render, Row};
use super::context::Ctx;
use super::names::Scope;
use super::repr::{container, go_type, item_checks, Rep};
use super::runtime::Helper;
use super::text::{
    cat, comment_rows, field_doc, go_string, inline, is_tag_name, json_key_literal, push_go_string,
    scalar_literal,
};
use crate::emit::printer::Printer;
use crate::model::*;

/// A field as Go sees it.
pub struct GoField<'f> {
    /// The IR field.
    pub f: &'f Field,
    /// Go field name (unused for required constants, which have no Go field).
    pub name: String,
    /// Representation.
    pub rep: Rep,
    /// Go type of the value (before the representation wraps it).
    pub base: String,
    /// What to check in its arrays and maps before decoding ([`item_checks`]).
    pub items: String,
}

impl GoField<'_> {
    /// A required constant: no Go field, written as its literal, checked on read.
    pub fn is_fixed(&self) -> bool {
        self.f.constant.is_some() && !self.f.optional
    }

    /// The field's Go type.
    pub fn go_type(&self, ctx: &Ctx) -> String {
        self.rep.wrap(ctx, &self.base)
    }

    /// `lookup(obj, "key", "old", "alias")`, wrapped in `items(…)` when its
    /// arrays and maps need checking.
    pub fn lookup(&self, ctx: &Ctx) -> String {
        let mut call = String::with_capacity(32);
        call.push_str(ctx.use_helper(Helper::Lookup));
        call.push_str("(obj");
        push_key_args(&mut call, self.f);
        call.push(')');
        with_items(ctx, call, &self.items)
    }
}

/// Appends `, "key"` for every key `f` is read from.
pub fn push_key_args(out: &mut String, f: &Field) {
    for key in f.read_keys() {
        out.push_str(", ");
        push_go_string(out, key);
    }
}

/// `member` with its arrays and maps checked along `shape` ([`item_checks`];
/// unchanged when there is nothing to check).
pub fn with_items(ctx: &Ctx, member: String, shape: &str) -> String {
    if shape.is_empty() {
        return member;
    }
    format!("{}({member}, \"{shape}\")", ctx.use_helper(Helper::Items))
}

/// Go views of `fields` of the type `owner` (`None` for an envelope), named
/// uniquely (avoiding `reserved`). A field both optional and nullable whose
/// type leads back to `owner` holds a pointer in its `Nullable` (Go refuses a
/// struct that contains itself by value).
pub fn go_fields<'f>(
    ctx: &mut Ctx,
    owner: Option<&TypeId>,
    fields: &[&'f Field],
    reserved: &[&str],
) -> Vec<GoField<'f>> {
    let mut scope = Scope::default();
    for r in reserved {
        scope.claim(r, r);
    }
    fields
        .iter()
        .map(|f| {
            let rep = Rep::of_field(f);
            let base = field_base_type(ctx, f);
            let recursive = owner.is_some_and(|o| ctx.c.graph.is_recursive_field(o, &f.ty));
            GoField {
                f,
                name: scope.claim_exported(ctx.exported(&f.ident), "Field"),
                rep,
                base: if rep == Rep::TriState && recursive {
                    cat!("*", base)
                } else {
                    base
                },
                items: item_checks(ctx.c, &f.ty),
            }
        })
        .collect()
}

/// The Go type of a field's values: its type's, except that a string field
/// derived from the event's channel holds a `ChannelType` (it only ever
/// holds one of the contract's addresses, as seed 003's `Channel ChannelType`).
///
/// A field holding a constant RFC 3339 timestamp holds the constant's text
/// (the decoder compares it as written, like any other string constant).
fn field_base_type(ctx: &Ctx, f: &Field) -> String {
    match (ctx.c.resolve(&f.ty), f.derived) {
        (TypeRef::String(_), Some(Derived::Channel)) => go_type(&ctx.names, &TypeRef::Channel),
        (TypeRef::Timestamp(TimestampEncoding::Rfc3339), _) if f.constant.is_some() => {
            "string".to_owned()
        }
        _ => go_type(&ctx.names, &f.ty),
    }
}

/// `type Name struct { … }` with aligned fields and tags.
pub fn struct_decl(p: &mut Printer, ctx: &Ctx, name: &str, doc: Vec<String>, fields: &[GoField]) {
    for line in doc {
        p.line(line);
    }
    let mut rows = Vec::new();
    for gf in fields.iter().filter(|gf| !gf.is_fixed()) {
        let tagged = is_tag_name(&gf.f.name);
        rows.extend(comment_rows(field_doc(gf.f, tagged)));
        let tag = if !tagged {
            "`json:\"-\"`".to_owned()
        } else if gf.f.optional {
            cat!("`json:\"", gf.f.name, ",omitempty\"`")
        } else {
            cat!("`json:\"", gf.f.name, "\"`")
        };
        rows.push(Row::Cells(vec![gf.name.clone(), gf.go_type(ctx), tag]));
    }
    if rows.is_empty() {
        p.line(cat!("type ", name, " struct{}"));
        return;
    }
    p.block(cat!("type ", name, " struct {"), "}", |p| {
        for line in render(&rows) {
            p.line(line);
        }
    });
}

/// Notes for a type's doc comment about required constant fields.
pub fn fixed_notes(fields: &[GoField]) -> Vec<String> {
    fields
        .iter()
        .filter(|gf| gf.is_fixed())
        .filter_map(|gf| {
            let value = gf.f.constant.as_ref()?;
            Some(format!(
                "The key {} always holds {}: it is written by the encoder and checked by the decoder.",
                go_string(&gf.f.name),
                inline(&value.to_string())
            ))
        })
        .collect()
}

/// The call that decodes a field into `target` (a Go expression of the field), as an error expression.
pub fn decode_call(ctx: &Ctx, gf: &GoField, target: &str) -> String {
    let lookup = gf.lookup(ctx);
    if gf.is_fixed() {
        let value = gf.f.constant.as_ref();
        return match value.and_then(scalar_literal) {
            Some(lit) => format!(
                "{}[{}]({lookup}, {lit})",
                ctx.use_helper(Helper::Constant),
                gf.base
            ),
            None => format!(
                "{}({lookup}, {})",
                ctx.use_helper(Helper::ConstantJson),
                go_string(&value.map(|v| v.to_string()).unwrap_or_default())
            ),
        };
    }
    let flag = |b: bool| if b { "true" } else { "false" };
    let decoder = ctx.use_helper(gf.rep.decoder());
    match gf.rep {
        Rep::Raw => cat!(
            decoder,
            "(",
            lookup,
            ", &",
            target,
            ", ",
            flag(gf.f.optional),
            ", ",
            flag(gf.f.nullable),
            ")"
        ),
        _ => cat!(decoder, "(", lookup, ", &", target, ")"),
    }
}

/// `if err := CALL; err != nil { return RET }`.
pub fn check(p: &mut Printer, call: &str, ret: &str) {
    p.block(cat!("if err := ", call, "; err != nil {"), "}", |p| {
        p.line(cat!("return ", ret))
    });
}

/// Writes a field (under its name, and its old name when renamed) from `source`.
pub fn encode_field(p: &mut Printer, ctx: &Ctx, gf: &GoField, source: &str) {
    let keys: Vec<String> = std::iter::once(gf.f.name.as_str())
        .chain(gf.f.old_key())
        .map(json_key_literal)
        .collect();
    if gf.is_fixed() {
        let json =
            gf.f.constant
                .as_ref()
                .map(|v| v.to_string())
                .unwrap_or_default();
        for k in &keys {
            p.line(format!("w.member({k}, []byte({}))", go_string(&json)));
        }
        return;
    }
    let value = match (gf.rep, container(ctx.c, &gf.f.ty)) {
        (Rep::Plain, Some(wrap)) => cat!(ctx.use_helper(wrap), "(", source, ")"),
        _ => source.to_owned(),
    };
    let method = if gf.rep == Rep::Raw {
        "w.raw("
    } else {
        "w.value("
    };
    let writes = |p: &mut Printer| {
        for k in &keys {
            p.line(cat!(method, k, ", ", value, ")"));
        }
    };
    match (gf.rep, gf.f.optional) {
        (Rep::TriState, _) => p.block(cat!("if ", source, ".Set {"), "}", writes),
        (Rep::Optional | Rep::OptionalContainer, _) | (Rep::Raw, true) => {
            p.block(cat!("if ", source, " != nil {"), "}", writes)
        }
        _ => writes(p),
    }
}
