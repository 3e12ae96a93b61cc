//! Named types: objects, enums, unions and aliases, with their JSON methods.

use super::align::{render, Row};
use super::checks;
use super::context::Ctx;
use super::fields::{
    check, decode_call, encode_field, fixed_notes, go_fields, push_key_args, struct_decl, GoField,
};
use super::names::Scope;
use super::repr::{go_type, item_checks};
use super::runtime::Helper;
use super::text::{cat, comment_rows, doc_lines, go_string, json_key_literal, push_go_string};
use crate::emit::printer::Printer;
use crate::model::*;
use std::collections::BTreeSet;

/// Emits every named type of the contract, in contract order.
pub fn emit_types(ctx: &mut Ctx, p: &mut Printer) {
    for (id, def) in &ctx.c.types {
        let name = ctx.names.types.get(id).cloned().unwrap_or_default();
        p.blank();
        match &def.kind {
            TypeKind::Object(o) => object(ctx, p, &name, def, o),
            TypeKind::Enum(e) => enumeration(ctx, p, id, &name, def, e),
            TypeKind::Union(u) => union(ctx, p, &name, def, u),
            // A Go alias cannot name itself; a defined type can.
            TypeKind::Alias(ty) if ctx.c.graph.is_recursive_alias(id) => {
                let head =
                    format!("{name} is a type of its own: its values contain {name} values.");
                for line in doc_lines(&head, &def.docs, &[]) {
                    p.line(line);
                }
                let underlying = go_type(&ctx.names, ty);
                p.line(format!("type {name} {underlying}"));
                recursive_alias_decoder(ctx, p, &name, &underlying, ty);
                if let Some(check) = ctx.rules.check(ty).filter(|_| ctx.rules.has(id)) {
                    checks::check_methods(ctx, p, &name, |p| {
                        checks::value_check(ctx, p, &check, ty, "(*v)", 0)
                    });
                }
            }
            TypeKind::Alias(ty) => {
                for line in doc_lines(&format!("{name} is an alias."), &def.docs, &[]) {
                    p.line(line);
                }
                p.line(format!("type {name} = {}", go_type(&ctx.names, ty)));
            }
        }
    }
}

/// The decoder of a defined type standing for a recursive alias: it checks
/// its own arrays and maps (no null item, no repeated map key) down to where
/// the type comes back, whose values decode through this method again, so
/// every level is checked as a field's value would be.
fn recursive_alias_decoder(
    ctx: &mut Ctx,
    p: &mut Printer,
    name: &str,
    underlying: &str,
    ty: &TypeRef,
) {
    let shape = item_checks(ctx.c, ty);
    let check = ctx.use_helper(Helper::CheckItems);
    p.blank();
    p.line(format!(
        "// UnmarshalJSON reads a {name}, refusing null items and repeated map keys at every level."
    ));
    p.block(
        format!("func (v *{name}) UnmarshalJSON(data []byte) error {{"),
        "}",
        |p| {
            p.block(
                format!(
                    "if err := {check}(data, {}); err != nil {{",
                    go_string(&shape)
                ),
                "}",
                |p| p.line("return err"),
            );
            p.line(format!("return json.Unmarshal(data, (*{underlying})(v))"));
        },
    );
}

fn type_head(name: &str, def: &TypeDef) -> String {
    match &def.docs.description {
        Some(_) => cat!(name, ":"),
        None => format!(
            "{name} is the {} type of the contract.",
            go_string(def.id.as_str())
        ),
    }
}

fn object(ctx: &mut Ctx, p: &mut Printer, name: &str, def: &TypeDef, o: &ObjectType) {
    let fields: Vec<&Field> = o.fields.iter().collect();
    let gfs = go_fields(
        ctx,
        Some(&def.id),
        &fields,
        &["MarshalJSON", "UnmarshalJSON"],
    );
    let doc = doc_lines(&type_head(name, def), &def.docs, &fixed_notes(&gfs));
    struct_decl(p, ctx, name, doc, &gfs);
    p.blank();
    p.line("// MarshalJSON writes every field under its wire key (a renamed field under its old key too).");
    p.block(
        cat!("func (v ", name, ") MarshalJSON() ([]byte, error) {"),
        "}",
        |p| {
            p.line(cat!("var w ", ctx.use_helper(Helper::ObjectWriter)));
            for gf in &gfs {
                encode_field(p, ctx, gf, &cat!("v.", gf.name));
            }
            p.line("return w.bytes()");
        },
    );
    p.blank();
    p.line("// UnmarshalJSON reads every field from its wire key, old key or aliases, and rejects");
    p.line("// missing required fields, nulls where none is allowed and values of the wrong type.");
    p.block(
        cat!("func (v *", name, ") UnmarshalJSON(data []byte) error {"),
        "}",
        |p| {
            let tags = (!o.additional)
                .then(|| ctx.c.graph.variant_tags(&def.id))
                .flatten();
            decode_object_body(p, ctx, &gfs, o.additional, tags)
        },
    );
    if ctx.rules.has(&def.id) {
        checks::check_methods(ctx, p, name, |p| {
            for gf in &gfs {
                checks::field_check(ctx, p, gf, &cat!("v.", gf.name));
            }
        });
    }
}

/// The body of an object's `UnmarshalJSON`; a closed object also accepts
/// `tags`, the tag keys of the unions it is a variant of.
fn decode_object_body(
    p: &mut Printer,
    ctx: &Ctx,
    gfs: &[GoField],
    additional: bool,
    tags: Option<&BTreeSet<String>>,
) {
    let decode_object = ctx.use_helper(Helper::DecodeObject);
    if gfs.is_empty() && additional {
        p.line(cat!("_, err := ", decode_object, "(data)"));
        p.line("return err");
        return;
    }
    p.line(cat!("obj, err := ", decode_object, "(data)"));
    p.block("if err != nil {", "}", |p| p.line("return err"));
    if !additional {
        let mut call = cat!(ctx.use_helper(Helper::OnlyKeys), "(obj");
        for gf in gfs {
            push_key_args(&mut call, gf.f);
        }
        let declared = |tag: &&String| !gfs.iter().any(|gf| gf.f.read_keys().any(|k| k == *tag));
        for tag in tags.into_iter().flatten().filter(declared) {
            call.push_str(", ");
            push_go_string(&mut call, tag);
        }
        call.push(')');
        check(p, &call, "err");
    }
    for gf in gfs {
        check(p, &decode_call(ctx, gf, &cat!("v.", gf.name)), "err");
    }
    p.line("return nil");
}

fn enumeration(
    ctx: &mut Ctx,
    p: &mut Printer,
    id: &TypeId,
    name: &str,
    def: &TypeDef,
    e: &EnumType,
) {
    let open = if e.open {
        "The enum is open: values not listed here are kept as they are."
    } else {
        "The enum is closed: other values are rejected when decoding."
    };
    for line in doc_lines(&type_head(name, def), &def.docs, &[open.to_owned()]) {
        p.line(line);
    }
    let base = match e.repr {
        EnumRepr::String => "string",
        EnumRepr::Integer => "int64",
    };
    p.line(format!("type {name} {base}"));
    let consts = ctx.names.enum_values.get(id).cloned().unwrap_or_default();
    if !consts.is_empty() {
        p.blank();
        p.line(format!("// Values of {name}."));
        let mut rows = Vec::new();
        for (v, konst) in e.values.iter().zip(&consts) {
            let renamed: Vec<String> = v
                .old_wire
                .iter()
                .map(|old| {
                    format!(
                        "Renamed from {}, which readers still accept.",
                        go_literal(old)
                    )
                })
                .collect();
            rows.extend(comment_rows(doc_lines("", &v.docs, &renamed)));
            let lit = go_literal(&v.value);
            rows.push(Row::Cells(vec![
                konst.clone(),
                name.to_owned(),
                format!("= {lit}"),
            ]));
        }
        p.block("const (", ")", |p| {
            for line in render(&rows) {
                p.line(line);
            }
        });
    }
    p.blank();
    p.line(format!(
        "// IsKnown reports whether v is one of the values of {name} listed above."
    ));
    p.block(format!("func (v {name}) IsKnown() bool {{"), "}", |p| {
        if !consts.is_empty() {
            p.line("switch v {");
            p.line(format!("case {}:", consts.join(", ")));
            p.line("\treturn true");
            p.line("}");
        }
        p.line("return false");
    });
    let renamed: Vec<(String, &String)> = e
        .values
        .iter()
        .zip(&consts)
        .filter_map(|(v, konst)| Some((go_literal(v.old_wire.as_ref()?), konst)))
        .collect();
    if !e.open || !renamed.is_empty() {
        enum_unmarshal(p, name, base, e.open, &renamed);
    }
}

/// An enum value as a Go literal.
fn go_literal(value: &EnumLiteral) -> String {
    match value {
        EnumLiteral::Str(s) => go_string(s),
        EnumLiteral::Int(i) => i.to_string(),
    }
}

/// `UnmarshalJSON` of an enum that is closed (other values are refused) or
/// has renamed values (their old spellings, Go literals, are read as the constants).
fn enum_unmarshal(
    p: &mut Printer,
    name: &str,
    base: &str,
    open: bool,
    renamed: &[(String, &String)],
) {
    let verb = if base == "string" { "%q" } else { "%d" };
    p.blank();
    let doc: &[&str] = match (open, renamed.is_empty()) {
        (false, true) => &["// UnmarshalJSON accepts only the listed values (the enum is closed)."],
        (false, false) => &[
            "// UnmarshalJSON accepts only the listed values (the enum is closed) and the old",
            "// spellings of renamed values, read as the new ones.",
        ],
        (true, _) => {
            &["// UnmarshalJSON reads the old spellings of renamed values as the new ones."]
        }
    };
    for line in doc {
        p.line(line);
    }
    p.block(
        format!("func (v *{name}) UnmarshalJSON(data []byte) error {{"),
        "}",
        |p| {
            p.line(format!("var raw {base}"));
            check(p, "json.Unmarshal(data, &raw)", "err");
            if !renamed.is_empty() {
                p.line("switch raw {");
                for (old, konst) in renamed {
                    p.line(format!("case {old}:"));
                    p.line(format!("\t*v = {konst}"));
                    p.line("\treturn nil");
                }
                p.line("}");
            }
            if !open {
                p.block(format!("if !{name}(raw).IsKnown() {{"), "}", |p| {
                    p.line(format!(
                        "return fmt.Errorf(\"{verb} is not a value of {name}\", raw)"
                    ))
                });
            }
            p.line(format!("*v = {name}(raw)"));
            p.line("return nil");
        },
    );
}

fn union(ctx: &mut Ctx, p: &mut Printer, name: &str, def: &TypeDef, u: &UnionType) {
    let mut scope = Scope::default();
    let variants: Vec<(String, String, &Variant)> = u
        .variants
        .iter()
        .map(|v| {
            let field = scope.claim(&v.ident, "Variant");
            let ty = ctx.names.types.get(&v.ty).cloned().unwrap_or_default();
            (field, ty, v)
        })
        .collect();
    let note = "Exactly one variant is set; decoding picks it, encoding writes the first one set.";
    let doc = doc_lines(&type_head(name, def), &def.docs, &[note.to_owned()]);
    for line in doc {
        p.line(line);
    }
    let rows: Vec<Row> = variants
        .iter()
        .map(|(f, ty, _)| Row::Cells(vec![f.clone(), format!("*{ty}")]))
        .collect();
    p.block(format!("type {name} struct {{"), "}", |p| {
        for line in render(&rows) {
            p.line(line);
        }
    });
    p.blank();
    p.line("// MarshalJSON writes the variant that is set.");
    p.block(
        format!("func (v {name}) MarshalJSON() ([]byte, error) {{"),
        "}",
        |p| union_marshal(ctx, p, name, u, &variants),
    );
    p.blank();
    p.line("// UnmarshalJSON picks the variant as the contract says, or reports why none fits.");
    p.block(
        format!("func (v *{name}) UnmarshalJSON(data []byte) error {{"),
        "}",
        |p| union_unmarshal(p, ctx, name, u, &variants),
    );
    if ctx.rules.has(&def.id) {
        checks::check_methods(ctx, p, name, |p| {
            for (field, _, variant) in &variants {
                if ctx.rules.has(&variant.ty) {
                    p.block(cat!("if v.", field, " != nil {"), "}", |p| {
                        p.line(cat!("v.", field, ".check(c)"))
                    });
                }
            }
        });
    }
}

fn union_marshal(
    ctx: &mut Ctx,
    p: &mut Printer,
    name: &str,
    u: &UnionType,
    variants: &[(String, String, &Variant)],
) {
    p.line("switch {");
    for (field, _, v) in variants {
        p.line(format!("case v.{field} != nil:"));
        let call = match (&u.discrimination, &v.tag) {
            (Discrimination::Tag(tag), Some(value)) if !variant_has_field(ctx.c, &v.ty, tag) => {
                format!(
                    "{}({}, {}, v.{field})",
                    ctx.use_helper(Helper::WithTag),
                    json_key_literal(tag),
                    go_string(&serde_json::Value::String(value.clone()).to_string())
                )
            }
            _ => format!("json.Marshal(v.{field})"),
        };
        p.line(format!("\treturn {call}"));
    }
    p.line("}");
    p.line(format!(
        "return nil, errors.New({})",
        go_string(&format!("{name}: no variant is set"))
    ));
}

fn variant_has_field(c: &Contract, ty: &TypeId, key: &str) -> bool {
    matches!(c.type_def(ty).map(|d| &d.kind), Some(TypeKind::Object(o)) if o.field(key).is_some())
}

fn union_unmarshal(
    p: &mut Printer,
    ctx: &Ctx,
    name: &str,
    u: &UnionType,
    variants: &[(String, String, &Variant)],
) {
    // The object is read to refuse other JSON values and repeated keys; it
    // is named only when a condition looks into it (Go refuses an unused
    // variable).
    let names_keys = match &u.discrimination {
        Discrimination::Tag(_) => true,
        Discrimination::Fields => u.variants.iter().any(|v| {
            v.when.as_ref().is_some_and(|w| {
                !(w.any_present.is_empty() && w.all_present.is_empty() && w.absent.is_empty())
            })
        }),
    };
    let decode = ctx.use_helper(Helper::DecodeObject);
    if names_keys {
        p.line(cat!("obj, err := ", decode, "(data)"));
        p.block("if err != nil {", "}", |p| p.line("return err"));
    } else {
        p.block(
            cat!("if _, err := ", decode, "(data); err != nil {"),
            "}",
            |p| p.line("return err"),
        );
    }
    p.line(format!("*v = {name}{{}}"));
    match &u.discrimination {
        Discrimination::Tag(tag) => {
            p.line("var tag string");
            check(
                p,
                &format!(
                    "{}({}(obj, {}), &tag)",
                    ctx.use_helper(Helper::Required),
                    ctx.use_helper(Helper::Lookup),
                    go_string(tag)
                ),
                "err",
            );
            p.line("switch tag {");
            for (field, ty, v) in variants {
                let Some(value) = &v.tag else { continue };
                p.line(format!("case {}:", go_string(value)));
                variant_decode(p, field, ty);
            }
            p.line("}");
            p.line(format!(
                "return fmt.Errorf(\"%q is not a tag of {name}\", tag)"
            ));
        }
        Discrimination::Fields => {
            let mut why = Vec::new();
            p.line("switch {");
            for (field, ty, v) in variants {
                let (cond, need) = shape_condition(ctx, v);
                why.push(format!("{field} needs {need}"));
                p.line(format!("case {cond}:"));
                variant_decode(p, field, ty);
            }
            p.line("}");
            let msg = format!("matches no variant of {name}: {}", why.join("; "));
            p.line(format!("return errors.New({})", go_string(&msg)));
        }
    }
}

fn variant_decode(p: &mut Printer, field: &str, ty: &str) {
    p.line(format!("\tv.{field} = new({ty})"));
    p.line(format!("\treturn json.Unmarshal(data, v.{field})"));
}

/// The Go condition of a shape-detected variant and its description.
fn shape_condition(ctx: &Ctx, v: &Variant) -> (String, String) {
    // The loader resolves every variant's condition (default: its required keys).
    let when = v.when.clone().unwrap_or_default();
    let has = |k: &String| format!("{}(obj, {})", ctx.use_helper(Helper::Has), go_string(k));
    let mut parts = Vec::new();
    if !when.any_present.is_empty() {
        let any: Vec<String> = when.any_present.iter().map(has).collect();
        parts.push(if any.len() == 1 {
            any.join("")
        } else {
            format!("({})", any.join(" || "))
        });
    }
    parts.extend(when.all_present.iter().map(has));
    parts.extend(when.absent.iter().map(|k| format!("!{}", has(k))));
    let cond = if parts.is_empty() {
        "true".to_owned()
    } else {
        parts.join(" && ")
    };
    let need = if parts.is_empty() {
        "nothing".to_owned()
    } else {
        when.describe()
    };
    (cond, need)
}
