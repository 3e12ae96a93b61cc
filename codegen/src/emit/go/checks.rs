//! Value rules in Go: the `check` walk of every type whose values carry
//! rules (the plan of [`crate::emit::value_rules`]) with its exported
//! `Validate`, each message's `Validate` (envelope fields, derived fields
//! against the event, the payload), the channel matchers and the compiled
//! patterns. Problems carry `eventc validate`'s codes and paths.

use super::context::Ctx;
use super::fields::GoField;
use super::repr::Rep;
use super::runtime::Helper;
use super::text::{cat, go_string, scalar_literal};
use crate::emit::printer::Printer;
use crate::emit::value_rules::{param_check, Check, ParamCheck};
use crate::model::*;

/// Writes statements checking the value `x` (an addressable Go expression
/// of the value's type) with the checker `c`; `depth` keeps loop variables apart.
pub fn value_check(ctx: &Ctx, p: &mut Printer, check: &Check, ty: &TypeRef, x: &str, depth: usize) {
    ctx.use_helper(Helper::Checker);
    match check {
        Check::String(rules) => {
            let pattern = |p: &mut Printer| {
                if let Some(pat) = &rules.pattern {
                    pattern_check(ctx, p, &pat.source, x, "pattern-mismatch");
                }
            };
            if rules.min_length.is_none() && rules.max_length.is_none() {
                return pattern(p);
            }
            let bound = |b: Option<u64>| b.map_or("-1".to_owned(), |b| b.to_string());
            let call = format!(
                "c.length(string({x}), {}, {})",
                bound(rules.min_length),
                bound(rules.max_length)
            );
            if rules.pattern.is_some() {
                p.block(cat!("if ", call, " {"), "}", pattern);
            } else {
                p.line(call);
            }
        }
        Check::Integer(min, max) => {
            let width = match ctx.c.resolve(ty) {
                TypeRef::Integer(r) => r.width,
                _ => IntWidth::I64,
            };
            let (lo, hi) = width.range();
            let min = min.filter(|m| *m > lo);
            let max = max.filter(|m| *m < hi);
            range_check(
                p,
                x,
                min.map(|m| m.to_string()),
                max.map(|m| m.to_string()),
                "%d",
            );
        }
        Check::Number(min, max) => {
            let lit = |f: f64| format!("{f:?}");
            range_check(p, x, min.map(lit), max.map(lit), "%v");
        }
        Check::Rfc3339 => {
            let is = ctx.use_helper(Helper::IsRfc3339);
            // A Timestamp's text (a constant field holds a plain string).
            let text = cat!("fmt.Sprint(", x, ")");
            p.block(cat!("if !", is, "(", text, ") {"), "}", |p| {
                p.line(format!("c.problem(\"timestamp-format\", fmt.Sprintf(\"`%s` is not an RFC 3339 date-time (e.g. 2026-01-14T16:30:00Z)\", {text}))"))
            });
        }
        Check::Unix(scale) => {
            let (lo, hi) = (-62_135_596_800i64 * scale, 253_402_300_799i64 * scale);
            let unit = if *scale == 1 {
                "seconds"
            } else {
                "milliseconds"
            };
            p.block(format!("if {x} < {lo} || {x} > {hi} {{"), "}", |p| {
                p.line(format!("c.problem(\"timestamp-out-of-range\", fmt.Sprintf(\"%d is not a plausible unix time in {unit} (years 1 to 9999)\", {x}))"))
            });
        }
        Check::Channel => {
            let names: Vec<&str> = ctx
                .c
                .channels
                .values()
                .map(|c| c.address.as_str())
                .collect();
            let expected = go_string(&names.join(", "));
            p.block(cat!("if !isChannel(string(", x, ")) {"), "}", |p| {
                p.line(format!("c.problem(\"unknown-channel\", fmt.Sprintf(\"`%s` is not a channel of this contract (expected one of: %s)\", {x}, {expected}))"))
            });
        }
        Check::Array(min, max, items) => {
            if min.is_some() || max.is_some() {
                let mut tests = Vec::new();
                if let Some(m) = min {
                    tests.push(format!("len({x}) < {m}"));
                }
                if let Some(m) = max {
                    tests.push(format!("len({x}) > {m}"));
                }
                let bound =
                    |b: &Option<u64>| go_string(&b.map(|b| b.to_string()).unwrap_or_default());
                p.block(cat!("if ", tests.join(" || "), " {"), "}", |p| {
                    p.line(format!(
                        "c.problem(\"array-length\", fmt.Sprintf(\"array has %d items, outside %s..=%s\", len({x}), {}, {}))",
                        bound(min),
                        bound(max)
                    ))
                });
            }
            if let Some(items) = items {
                let item_ty = match ctx.c.resolve(ty) {
                    TypeRef::Array(a) => a.items.clone(),
                    _ => TypeRef::Json,
                };
                let i = format!("i{depth}");
                p.block(format!("for {i} := range {x} {{"), "}", |p| {
                    p.line(format!("c.index({i})"));
                    value_check(ctx, p, items, &item_ty, &format!("{x}[{i}]"), depth + 1);
                    p.line("c.pop()");
                });
            }
        }
        Check::Map(pattern, values) => {
            let value_ty = match ctx.c.resolve(ty) {
                TypeRef::Map(m) => m.values.clone(),
                _ => TypeRef::Json,
            };
            let (k, v) = (format!("k{depth}"), format!("v{depth}"));
            let v_name = if values.is_some() { v.as_str() } else { "_" };
            p.block(format!("for {k}, {v_name} := range {x} {{"), "}", |p| {
                p.line(format!("c.key({k})"));
                if let Some(pat) = pattern {
                    pattern_check(ctx, p, &pat.source, &k, "key-pattern-mismatch");
                }
                if let Some(values) = values {
                    value_check(ctx, p, values, &value_ty, &v, depth + 1);
                }
                p.line("c.pop()");
            });
        }
        Check::Const(value, rules) => {
            if let Some(rules) = rules {
                value_check(ctx, p, rules, ty, x, depth);
            }
            let expected = go_string(&value.to_string());
            let differs = match scalar_literal(value) {
                Some(literal) => format!("{x} != {literal}"),
                None => format!("!{}({x}, {expected})", ctx.use_helper(Helper::IsConstant)),
            };
            p.block(format!("if {differs} {{"), "}", |p| {
                p.line(format!("c.problem(\"const-mismatch\", fmt.Sprintf(\"must be %s, found %v\", {expected}, {x}))"))
            });
        }
        Check::Named(id) => match ctx.c.type_def(id).map(|t| &t.kind) {
            Some(TypeKind::Alias(target)) if !ctx.c.graph.is_recursive_alias(id) => {
                if let Some(inner) = ctx.rules.check(target) {
                    value_check(ctx, p, &inner, target, x, depth);
                }
            }
            _ => p.line(cat!(x, ".check(c)")),
        },
    }
}

/// `if x < min || x > max { problem }` for the bounds given.
fn range_check(p: &mut Printer, x: &str, min: Option<String>, max: Option<String>, verb: &str) {
    let mut tests = Vec::new();
    if let Some(m) = &min {
        tests.push(format!("{x} < {m}"));
    }
    if let Some(m) = &max {
        tests.push(format!("{x} > {m}"));
    }
    if tests.is_empty() {
        return;
    }
    let (min, max) = (min.unwrap_or_default(), max.unwrap_or_default());
    p.block(cat!("if ", tests.join(" || "), " {"), "}", |p| {
        p.line(format!(
            "c.problem(\"out-of-range\", fmt.Sprintf(\"{verb} is outside the range %s..=%s\", {x}, {}, {}))",
            go_string(&min),
            go_string(&max)
        ))
    });
}

/// Checks the string `x` against the pattern `source` (compiled once in `patterns`).
fn pattern_check(ctx: &Ctx, p: &mut Printer, source: &str, x: &str, code: &str) {
    let index = ctx.patterns.get_index_of(source).unwrap_or_default();
    let what = if code == "pattern-mismatch" {
        ""
    } else {
        "key "
    };
    p.block(
        format!("if !patterns[{index}].MatchString(string({x})) {{"),
        "}",
        |p| {
            p.line(format!(
            "c.problem({}, fmt.Sprintf(\"{what}`%s` does not match the pattern `%s`\", {x}, {}))",
            go_string(code),
            go_string(source)
        ))
        },
    );
}

/// Writes the check of a field held in `place` (`v.X`) as `gf` represents it, under its key.
pub fn field_check(ctx: &Ctx, p: &mut Printer, gf: &GoField, place: &str) {
    if gf.is_fixed() {
        return;
    }
    let Some(check) = ctx.rules.field(gf.f) else {
        return;
    };
    let key = go_string(&gf.f.name);
    let body = |p: &mut Printer, x: &str| {
        p.line(cat!("c.key(", key, ")"));
        value_check(ctx, p, &check, &gf.f.ty, x, 0);
        p.line("c.pop()");
    };
    match gf.rep {
        Rep::Raw => {}
        Rep::Plain => body(p, place),
        Rep::Optional | Rep::Nullable => p.block(cat!("if ", place, " != nil {"), "}", |p| {
            body(p, &cat!("(*", place, ")"))
        }),
        Rep::OptionalContainer => p.block(cat!("if ", place, " != nil {"), "}", |p| body(p, place)),
        Rep::TriState => p.block(
            cat!("if ", place, ".Set && !", place, ".Null {"),
            "}",
            |p| {
                let value = cat!(place, ".Value");
                if gf.base.starts_with('*') {
                    body(p, &cat!("(*", value, ")"))
                } else {
                    body(p, &value)
                }
            },
        ),
    }
}

/// `check` (the walk) and `Validate` (its result) on the type `name`.
pub fn check_methods(ctx: &Ctx, p: &mut Printer, name: &str, body: impl FnOnce(&mut Printer)) {
    ctx.use_helper(Helper::Checker);
    p.blank();
    p.line("// Validate checks the contract's value rules that the type cannot express");
    p.line("// (what eventc validate checks beyond types); the error is a *ValidationError.");
    p.block(cat!("func (v *", name, ") Validate() error {"), "}", |p| {
        p.line("var c checker");
        p.line("v.check(&c)");
        p.line("return c.err()");
    });
    p.blank();
    p.line(cat!("// check walks a ", name, " for Validate."));
    p.block(cat!("func (v *", name, ") check(c *checker) {"), "}", body);
}

/// Whether `text` fits a channel parameter's type, as a Go expression.
fn param_fits(ctx: &Ctx, ty: &TypeRef, text: &str) -> String {
    match param_check(ctx.c, ty) {
        ParamCheck::Any => "true".to_owned(),
        ParamCheck::None => "false".to_owned(),
        ParamCheck::Rfc3339 => cat!(ctx.use_helper(Helper::IsRfc3339), "(", text, ")"),
        ParamCheck::Channel => cat!("isChannel(", text, ")"),
        ParamCheck::Enum(id) => {
            let name = ctx.names.types.get(id).cloned().unwrap_or_default();
            cat!(name, "(", text, ").IsKnown()")
        }
        ParamCheck::String(rules) => {
            let mut tests = Vec::new();
            if rules.min_length.is_some() || rules.max_length.is_some() {
                let n = cat!("len([]rune(", text, "))");
                if let Some(m) = rules.min_length {
                    tests.push(format!("{n} >= {m}"));
                }
                if let Some(m) = rules.max_length {
                    tests.push(format!("{n} <= {m}"));
                }
            }
            if let Some(pat) = &rules.pattern {
                let index = ctx
                    .patterns
                    .get_index_of(pat.source.as_str())
                    .unwrap_or_default();
                tests.push(format!("patterns[{index}].MatchString({text})"));
            }
            tests.join(" && ")
        }
    }
}

/// Writes `if <text is an address of ch> { return true }` for each address
/// of `ch` (prefix stripped); `fits` names the channel's parameter check.
fn address_tests(ctx: &Ctx, p: &mut Printer, ch: &Channel, fits: &str) {
    for address in ch.read_addresses() {
        let segments = address_segments(address);
        let test = if !segments
            .iter()
            .any(|s| matches!(s, AddressSegment::Param(_)))
        {
            cat!("text == ", go_string(address))
        } else {
            let is = ctx.use_helper(Helper::IsAddress);
            let mut parts = Vec::new();
            let mut literal = String::new();
            for s in &segments {
                match s {
                    AddressSegment::Literal(l) => literal.push_str(l),
                    AddressSegment::Param(name) => {
                        let index = ch.params.get_index_of(*name).map_or(-1, |i| i as i64);
                        parts.push(format!(
                            "{{{}, {index}}}",
                            go_string(&std::mem::take(&mut literal))
                        ));
                    }
                }
            }
            format!(
                "{is}([]addressPart{{{}}}, {}, text, {fits})",
                parts.join(", "),
                go_string(&literal)
            )
        };
        p.block(cat!("if ", test, " {"), "}", |p| p.line("return true"));
    }
}

/// The package's channel functions (`isAddressOf`, `isChannel`, and a
/// parameter check per channel with parameters) and its compiled
/// `patterns`, each when the package uses it.
pub fn package_items(ctx: &mut Ctx, p: &mut Printer) {
    if !ctx.patterns.is_empty() {
        ctx.needs.regexp = true;
        p.blank();
        p.line("// patterns are the contract's patterns, compiled once (eventc checked that each compiles).");
        p.block("var patterns = []*regexp.Regexp{", "}", |p| {
            for source in &ctx.patterns {
                p.line(cat!("regexp.MustCompile(", go_string(source), "),"));
            }
        });
    }
    if !ctx.checks_channels {
        return;
    }
    if ctx.c.channels.values().any(|ch| !ch.prefix().is_empty()) {
        ctx.needs.strings = true;
    }
    let ctx = &*ctx;
    for (i, ch) in ctx.c.channels.values().enumerate() {
        if ch.params.is_empty() {
            continue;
        }
        p.blank();
        p.line(format!(
            "// fitsChannel{i} reports whether v fits parameter param of channel {}.",
            go_string(&ch.address)
        ));
        p.block(
            format!("func fitsChannel{i}(param int, v string) bool {{"),
            "}",
            |p| {
                p.line("switch param {");
                for (n, ty) in ch.params.values().enumerate() {
                    p.line(format!("case {n}:"));
                    p.line(cat!("\treturn ", param_fits(ctx, ty, "v")));
                }
                p.line("}");
                p.line("return true");
            },
        );
    }
    p.blank();
    p.line("// isAddressOf reports whether text is an address of the channel at index");
    p.line("// (in contract order), with or without the channel prefix.");
    p.block(
        "func isAddressOf(index int, text string) bool {",
        "}",
        |p| {
            p.line("switch index {");
            for (i, ch) in ctx.c.channels.values().enumerate() {
                p.line(format!("case {i}:"));
                let mut body = Printer::new("\t");
                let prefix = ch.prefix();
                if !prefix.is_empty() {
                    body.line(format!(
                        "text = strings.TrimPrefix(text, {})",
                        go_string(prefix)
                    ));
                }
                address_tests(ctx, &mut body, ch, &format!("fitsChannel{i}"));
                for line in body.finish().lines() {
                    if line.is_empty() {
                        p.line("");
                    } else {
                        p.line(cat!("\t", line));
                    }
                }
            }
            p.line("}");
            p.line("return false");
        },
    );
    if ctx.channel_values {
        let n = ctx.c.channels.len();
        p.blank();
        p.line(
            "// isChannel reports whether text is an address of one of the contract's channels.",
        );
        p.block("func isChannel(text string) bool {", "}", |p| {
            p.block(format!("for i := 0; i < {n}; i++ {{"), "}", |p| {
                p.block("if isAddressOf(i, text) {", "}", |p| p.line("return true"));
            });
            p.line("return false");
        });
    }
}

/// Whether an envelope shape's struct has fields whose values carry rules.
pub fn envelope_has_checks(ctx: &Ctx, env: &Envelope) -> bool {
    env.fields_with_roles().any(|(f, role)| {
        role.is_envelope_field()
            && (f.constant.is_none() || f.optional)
            && ctx.rules.field(f).is_some()
    })
}

/// Writes the checks of a field derived from `event` (held in `place`, as
/// `gf` represents it) against the event.
pub fn derived_check(ctx: &Ctx, p: &mut Printer, gf: &GoField, place: &str, event: &Event) {
    let Some(source) = gf.f.derived else {
        return;
    };
    let Some(value) = ctx.c.derived_value(event, source) else {
        return;
    };
    let (present, text) = match gf.rep {
        Rep::Plain => (None, cat!("string(", place, ")")),
        Rep::Optional | Rep::Nullable => {
            (Some(cat!(place, " != nil")), cat!("string(*", place, ")"))
        }
        _ => return,
    };
    let key = go_string(&gf.f.name);
    let (test, problem) = match value {
        DerivedValue::Category(cat) => (
            format!("{text} != {}", go_string(cat)),
            format!(
                "c.problem(\"category-mismatch\", fmt.Sprintf(\"`%s` is `%s` but event `%s` has category `%s`\", {key}, {text}, {}, {}))",
                go_string(&event.name),
                go_string(cat)
            ),
        ),
        DerivedValue::Address(ch) => {
            let index = ctx.c.channels.get_index_of(&ch.name).unwrap_or_default();
            (
                format!("!isAddressOf({index}, {text})"),
                format!(
                    "c.problem(\"channel-mismatch\", fmt.Sprintf(\"event `%s` belongs to channel `%s`, not `%s`\", {}, {}, {text}))",
                    go_string(&event.name),
                    go_string(&ch.address)
                ),
            )
        }
        DerivedValue::WireName(e) => (
            e.wire_names()
                .map(|n| format!("{text} != {}", go_string(n)))
                .collect::<Vec<_>>()
                .join(" && "),
            format!(
                "c.problem(\"event-mismatch\", fmt.Sprintf(\"`%s` is `%s` but the event is `%s`\", {key}, {text}, {}))",
                go_string(&e.name)
            ),
        ),
    };
    let test = match present {
        Some(present) => cat!(present, " && ", test),
        None => test,
    };
    p.block(cat!("if ", test, " {"), "}", |p| {
        p.line(cat!("c.key(", key, ")"));
        p.line(problem);
        p.line("c.pop()");
    });
}
