//! Named types: objects, enums, unions and aliases, with their JSON methods.

use super::align::{render, Row};
use super::doc::{comment_rows, doc_lines, field_doc};
use super::names::Scope;
use super::text::{cat, go_string, is_tag_name, json_key_literal, push_go_string};
use super::types::{container, go_type, null_free_depth, scalar_literal, Rep};
use super::Gen;
use crate::emit::printer::Printer;
use crate::model::*;
use std::collections::BTreeSet;

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
    /// Levels of array/map items that must not be null.
    pub depth: usize,
}

impl GoField<'_> {
    /// A required constant: no Go field, written as its literal, checked on read.
    pub fn is_fixed(&self) -> bool {
        self.f.constant.is_some() && !self.f.optional
    }

    /// The field's Go type.
    pub fn go_type(&self) -> String {
        self.rep.wrap(&self.base)
    }

    /// `lookup(obj, "key", "old", "alias")`, wrapped in `items(…)` when items must not be null.
    pub fn lookup(&self) -> String {
        let mut call = String::with_capacity(32);
        call.push_str("lookup(obj");
        push_key_args(&mut call, self.f);
        call.push(')');
        with_items(call, self.depth)
    }
}

/// Appends `, "key"` for every key `f` is read from.
fn push_key_args(out: &mut String, f: &Field) {
    for key in f.read_keys() {
        out.push_str(", ");
        push_go_string(out, key);
    }
}

/// `member` checked for null items down to `depth` levels (unchanged when 0).
pub fn with_items(member: String, depth: usize) -> String {
    match depth {
        0 => member,
        d => format!("items({member}, {d})"),
    }
}

/// Go views of `fields`, named uniquely (avoiding `reserved`).
pub fn go_fields<'f>(g: &mut Gen, fields: &[&'f Field], reserved: &[&str]) -> Vec<GoField<'f>> {
    let mut scope = Scope::default();
    for r in reserved {
        scope.claim(r, r);
    }
    fields
        .iter()
        .map(|f| {
            let rep = Rep::of_field(f);
            GoField {
                f,
                name: scope.claim_exported(g.exported(&f.ident), "Field"),
                rep,
                base: go_type(&g.names, &f.ty),
                depth: null_free_depth(g.c, &f.ty),
            }
        })
        .collect()
}

/// `type Name struct { … }` with aligned fields and tags.
pub fn struct_decl(p: &mut Printer, name: &str, doc: Vec<String>, fields: &[GoField]) {
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
        rows.push(Row::Cells(vec![gf.name.clone(), gf.go_type(), tag]));
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
                super::doc::inline(&value.to_string())
            ))
        })
        .collect()
}

/// The call that decodes a field into `target` (a Go expression of the field), as an error expression.
pub fn decode_call(gf: &GoField, target: &str) -> String {
    if gf.is_fixed() {
        let value = gf.f.constant.as_ref();
        return match value.and_then(scalar_literal) {
            Some(lit) => format!("constant[{}]({}, {lit})", gf.base, gf.lookup()),
            None => format!("required({}, new(json.RawMessage))", gf.lookup()),
        };
    }
    let flag = |b: bool| if b { "true" } else { "false" };
    match gf.rep {
        Rep::Raw => cat!(
            "rawValue(",
            gf.lookup(),
            ", &",
            target,
            ", ",
            flag(gf.f.optional),
            ", ",
            flag(gf.f.nullable),
            ")"
        ),
        rep => cat!(rep.decoder(), "(", gf.lookup(), ", &", target, ")"),
    }
}

/// `if err := CALL; err != nil { return RET }`.
pub fn check(p: &mut Printer, call: &str, ret: &str) {
    p.block(cat!("if err := ", call, "; err != nil {"), "}", |p| {
        p.line(cat!("return ", ret))
    });
}

/// Writes a field (under its name, and its old name when renamed) from `source`.
pub fn encode_field(p: &mut Printer, g: &Gen, gf: &GoField, source: &str) {
    let keys: Vec<String> = std::iter::once(&gf.f.name)
        .chain(gf.f.renamed_from.as_ref())
        .map(|k| json_key_literal(k))
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
    let value = match (gf.rep, container(g.c, &gf.f.ty)) {
        (Rep::Plain, Some(wrap)) => cat!(wrap, "(", source, ")"),
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

/// Emits every named type of the contract, in contract order.
pub fn emit_types(g: &mut Gen, p: &mut Printer) {
    for (id, def) in &g.c.types {
        let name = g.names.types.get(id).cloned().unwrap_or_default();
        p.blank();
        match &def.kind {
            TypeKind::Object(o) => object(g, p, &name, def, o),
            TypeKind::Enum(e) => enumeration(g, p, id, &name, def, e),
            TypeKind::Union(u) => union(g, p, &name, def, u),
            TypeKind::Alias(ty) => {
                for line in doc_lines(&format!("{name} is an alias."), &def.docs, &[]) {
                    p.line(line);
                }
                p.line(format!("type {name} = {}", go_type(&g.names, ty)));
            }
        }
    }
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

fn object(g: &mut Gen, p: &mut Printer, name: &str, def: &TypeDef, o: &ObjectType) {
    let fields: Vec<&Field> = o.fields.iter().collect();
    let gfs = go_fields(g, &fields, &["MarshalJSON", "UnmarshalJSON"]);
    let doc = doc_lines(&type_head(name, def), &def.docs, &fixed_notes(&gfs));
    struct_decl(p, name, doc, &gfs);
    p.blank();
    p.line("// MarshalJSON writes every field under its wire key (a renamed field under its old key too).");
    p.block(
        cat!("func (v ", name, ") MarshalJSON() ([]byte, error) {"),
        "}",
        |p| {
            p.line("var w objectWriter");
            for gf in &gfs {
                encode_field(p, g, gf, &cat!("v.", gf.name));
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
                .then(|| g.c.graph.variant_tags(&def.id))
                .flatten();
            decode_object_body(p, &gfs, o.additional, tags)
        },
    );
}

/// The body of an object's `UnmarshalJSON`; a closed object also accepts
/// `tags`, the tag keys of the unions it is a variant of.
fn decode_object_body(
    p: &mut Printer,
    gfs: &[GoField],
    additional: bool,
    tags: Option<&BTreeSet<String>>,
) {
    if gfs.is_empty() && additional {
        p.line("_, err := decodeObject(data)");
        p.line("return err");
        return;
    }
    p.line("obj, err := decodeObject(data)");
    p.block("if err != nil {", "}", |p| p.line("return err"));
    if !additional {
        let mut call = String::from("onlyKeys(obj");
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
        check(p, &decode_call(gf, &cat!("v.", gf.name)), "err");
    }
    p.line("return nil");
}

fn enumeration(g: &mut Gen, p: &mut Printer, id: &TypeId, name: &str, def: &TypeDef, e: &EnumType) {
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
    let consts = g.names.enum_values.get(id).cloned().unwrap_or_default();
    if !consts.is_empty() {
        p.blank();
        p.line(format!("// Values of {name}."));
        let mut rows = Vec::new();
        for (v, konst) in e.values.iter().zip(&consts) {
            rows.extend(comment_rows(doc_lines("", &v.docs, &[])));
            let lit = match &v.value {
                EnumLiteral::Str(s) => go_string(s),
                EnumLiteral::Int(i) => i.to_string(),
            };
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
    if !e.open {
        closed_enum_unmarshal(p, name, base);
    }
}

fn closed_enum_unmarshal(p: &mut Printer, name: &str, base: &str) {
    let verb = if base == "string" { "%q" } else { "%d" };
    p.blank();
    p.line("// UnmarshalJSON accepts only the listed values (the enum is closed).");
    p.block(
        format!("func (v *{name}) UnmarshalJSON(data []byte) error {{"),
        "}",
        |p| {
            p.line(format!("var raw {base}"));
            check(p, "json.Unmarshal(data, &raw)", "err");
            p.block(format!("if !{name}(raw).IsKnown() {{"), "}", |p| {
                p.line(format!(
                    "return fmt.Errorf(\"{verb} is not a value of {name}\", raw)"
                ))
            });
            p.line(format!("*v = {name}(raw)"));
            p.line("return nil");
        },
    );
}

fn union(g: &mut Gen, p: &mut Printer, name: &str, def: &TypeDef, u: &UnionType) {
    let mut scope = Scope::default();
    let variants: Vec<(String, String, &Variant)> = u
        .variants
        .iter()
        .map(|v| {
            let field = scope.claim(&v.ident, "Variant");
            let ty = g.names.types.get(&v.ty).cloned().unwrap_or_default();
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
        |p| union_marshal(g, p, name, u, &variants),
    );
    p.blank();
    p.line("// UnmarshalJSON picks the variant as the contract says, or reports why none fits.");
    p.block(
        format!("func (v *{name}) UnmarshalJSON(data []byte) error {{"),
        "}",
        |p| union_unmarshal(p, name, u, &variants),
    );
}

fn union_marshal(
    g: &mut Gen,
    p: &mut Printer,
    name: &str,
    u: &UnionType,
    variants: &[(String, String, &Variant)],
) {
    p.line("switch {");
    for (field, _, v) in variants {
        p.line(format!("case v.{field} != nil:"));
        let call = match (&u.discrimination, &v.tag) {
            (Discrimination::Tag(tag), Some(value)) if !variant_has_field(g.c, &v.ty, tag) => {
                format!(
                    "withTag({}, {}, v.{field})",
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
    name: &str,
    u: &UnionType,
    variants: &[(String, String, &Variant)],
) {
    p.line("obj, err := decodeObject(data)");
    p.block("if err != nil {", "}", |p| p.line("return err"));
    p.line(format!("*v = {name}{{}}"));
    match &u.discrimination {
        Discrimination::Tag(tag) => {
            p.line("var tag string");
            check(
                p,
                &format!("required(lookup(obj, {}), &tag)", go_string(tag)),
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
                let (cond, need) = shape_condition(v);
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
fn shape_condition(v: &Variant) -> (String, String) {
    // The loader resolves every variant's condition (default: its required keys).
    let when = v.when.clone().unwrap_or_default();
    let has = |k: &String| format!("has(obj, {})", go_string(k));
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
