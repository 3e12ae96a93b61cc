//! Values and their constraints: strings, integers, numbers, timestamps,
//! arrays, maps, enums and unions.

use super::json::{self, Json, Obj};
use super::time::{self, is_rfc3339};
use super::walk::{Seg, Walk};
use super::ProblemCode;
use crate::model::*;
use std::collections::HashSet;

impl<'c, 'v> Walk<'c, 'v> {
    pub(super) fn string(&mut self, rules: &StringRules, v: &Json<'_>) {
        let Some(s) = v.as_str() else {
            return self.mismatch("a string", v);
        };
        if let Some((code, problem)) = string_problem(rules, s) {
            self.problem(code, problem);
        }
    }

    pub(super) fn integer(&mut self, rules: &IntegerRules, v: &Json<'_>) {
        let n: i128 = match v {
            Json::Num(json::Num::Pos(u)) => (*u).into(),
            Json::Num(json::Num::Neg(i)) => (*i).into(),
            Json::Num(n) => {
                return self.problem(
                    ProblemCode::NotAnInteger,
                    format!("expected an integer, found the number {n}"),
                )
            }
            _ => return self.mismatch("an integer", v),
        };
        let (lo, hi) = rules.width.range();
        if n < lo || n > hi {
            return self.problem(
                ProblemCode::OutOfWidth,
                format!("{n} does not fit a {:?} integer", rules.width).to_lowercase(),
            );
        }
        self.range(n, rules.min, rules.max);
    }

    pub(super) fn number(&mut self, rules: &NumberRules, v: &Json<'_>) {
        let Some(n) = v.as_f64() else {
            return self.mismatch("a number", v);
        };
        self.range(n, rules.min, rules.max);
    }

    pub(super) fn timestamp(&mut self, enc: TimestampEncoding, v: &Json<'_>) {
        let (lo, hi) = time::UNIX_SECONDS_RANGE;
        match enc {
            TimestampEncoding::Rfc3339 => match v.as_str() {
                Some(s) if is_rfc3339(s) => {}
                Some(s) => self.problem(
                    ProblemCode::TimestampFormat,
                    format!("`{s}` is not an RFC 3339 date-time (e.g. 2026-01-14T16:30:00Z)"),
                ),
                None => self.mismatch("an RFC 3339 date-time string", v),
            },
            TimestampEncoding::UnixS | TimestampEncoding::UnixMs => {
                let scale = if enc == TimestampEncoding::UnixMs {
                    1000
                } else {
                    1
                };
                let unit = if scale == 1000 {
                    "milliseconds"
                } else {
                    "seconds"
                };
                match v.as_i64() {
                    Some(n) if n >= lo * scale && n <= hi * scale => {}
                    Some(n) => self.problem(
                        ProblemCode::TimestampOutOfRange,
                        format!("{n} is not a plausible unix time in {unit} (years 1 to 9999)"),
                    ),
                    None => self.integer_mismatch(&format!("an integer unix time in {unit}"), v),
                }
            }
        }
    }

    /// Reports a value that is not an `i64` where one is expected: a number
    /// with a fraction, an integer beyond `i64`, or another JSON type.
    fn integer_mismatch(&mut self, expected: &str, v: &Json<'_>) {
        let code = match v {
            Json::Num(json::Num::Float(_)) => ProblemCode::NotAnInteger,
            Json::Num(_) => ProblemCode::OutOfWidth,
            _ => return self.mismatch(expected, v),
        };
        self.problem(
            code,
            format!("expected {expected}, found {}", super::walk::kind_of(v)),
        );
    }

    pub(super) fn array(&mut self, a: &ArrayType, v: &'v Json<'v>) {
        let Some(items) = v.as_array() else {
            return self.mismatch("an array", v);
        };
        let len = items.len() as u64;
        if a.min_items.is_some_and(|m| len < m) || a.max_items.is_some_and(|m| len > m) {
            self.problem(
                ProblemCode::ArrayLength,
                format!(
                    "array has {len} items, outside {}..={}",
                    bound(a.min_items),
                    bound(a.max_items)
                ),
            );
        }
        for (i, item) in items.iter().enumerate() {
            self.path.push(Seg::Index(i));
            self.value(&a.items, item);
            self.path.pop();
        }
    }

    pub(super) fn map(&mut self, m: &MapType, v: &'v Json<'v>) {
        let Some(map) = v.as_object() else {
            return self.mismatch("an object (map)", v);
        };
        let mut met = HashSet::with_capacity(map.len());
        for (key, value) in map {
            if !met.insert(&**key) {
                self.duplicate(key);
                continue;
            }
            self.at(key, |w| {
                if let Some(p) = &m.key_pattern {
                    if !p.is_match(key) {
                        w.problem(
                            ProblemCode::KeyPatternMismatch,
                            format!("key `{key}` does not match the pattern `{}`", p.source),
                        );
                    }
                }
                w.value(&m.values, value);
            });
        }
    }

    pub(super) fn enumeration(&mut self, e: &EnumType, v: &Json<'_>) {
        // A renamed value's old spelling is known too: readers read it as the new value.
        let known = match (e.repr, v) {
            (EnumRepr::String, Json::Str(s)) => e.read(&EnumLiteral::Str(s.to_string())).is_some(),
            (EnumRepr::Integer, Json::Num(_)) if v.as_i64().is_some() => e
                .read(&EnumLiteral::Int(v.as_i64().unwrap_or_default()))
                .is_some(),
            (EnumRepr::String, _) => return self.mismatch("a string", v),
            (EnumRepr::Integer, _) => return self.integer_mismatch("an integer", v),
        };
        if !e.open && !known {
            let literal = match v {
                Json::Str(s) => EnumLiteral::Str(s.to_string()),
                _ => EnumLiteral::Int(v.as_i64().unwrap_or_default()),
            };
            let allowed: Vec<String> = e.values.iter().map(|x| x.value.to_string()).collect();
            self.problem(
                ProblemCode::UnknownEnumValue,
                format!(
                    "{literal} is not one of the allowed values: {}",
                    allowed.join(", ")
                ),
            );
        }
    }

    pub(super) fn union(&mut self, id: &TypeId, u: &'c UnionType, v: &'v Json<'v>) {
        let Some(map) = v.as_object() else {
            return self.mismatch("an object", v);
        };
        let (c, tables) = (self.c, self.tables);
        let object_of = |variant: &Variant| tables.object(c, &variant.ty);
        match &u.discrimination {
            Discrimination::Tag(tag) => {
                // The tag is a key the contract declares: given twice, it is
                // refused before a variant is chosen by either copy.
                if let Some((again, _)) = map.iter().filter(|(k, _)| k == tag).nth(1) {
                    return self.duplicate(again);
                }
                let Some(found) = json::get(map, tag) else {
                    return self.problem(
                        ProblemCode::MissingTag,
                        format!("missing the tag `{tag}` of `{id}`"),
                    );
                };
                let Some(found_tag) = found.as_str() else {
                    // A tag is a string: no decoder reads another kind of value as one.
                    return self.at(tag_key(map, tag), |w| w.mismatch("a string", found));
                };
                let variant = u
                    .variants
                    .iter()
                    .find(|v| v.tag.as_deref() == Some(found_tag));
                match variant.and_then(object_of) {
                    Some(o) => self.object(o, map, Some(tag)),
                    None => {
                        let tags: Vec<&str> =
                            u.variants.iter().filter_map(|v| v.tag.as_deref()).collect();
                        self.at(tag_key(map, tag), |w| {
                            w.problem(
                                ProblemCode::UnknownTag,
                                format!(
                                    "{found} is not a tag of `{id}` (expected one of: {})",
                                    tags.join(", ")
                                ),
                            )
                        });
                    }
                }
            }
            Discrimination::Fields => {
                let has = |k: &str| json::has(map, k);
                let chosen = u
                    .variants
                    .iter()
                    .find(|v| v.when.as_ref().is_some_and(|w| w.matches(has)));
                match chosen.and_then(object_of) {
                    Some(o) => self.object(o, map, None),
                    None => {
                        self.problem(
                            ProblemCode::NoMatchingVariant,
                            format!("matches no variant of `{id}`: {}", u.detection_summary()),
                        );
                    }
                }
            }
        }
    }
}

/// The key under which an object carries a union's tag (`""` when absent).
fn tag_key<'v>(map: &'v Obj<'v>, tag: &str) -> &'v str {
    json::entry(map, tag).map_or("", |(k, _)| k)
}

/// What is wrong with a string under its rules, if anything: the problem's code and message.
pub(super) fn string_problem(rules: &StringRules, s: &str) -> Option<(ProblemCode, String)> {
    if rules.min_length.is_some() || rules.max_length.is_some() {
        let len = s.chars().count() as u64;
        if rules.min_length.is_some_and(|m| len < m) || rules.max_length.is_some_and(|m| len > m) {
            return Some((
                ProblemCode::StringLength,
                format!(
                    "string length {len} is outside {}..={}",
                    bound(rules.min_length),
                    bound(rules.max_length)
                ),
            ));
        }
    }
    match &rules.pattern {
        Some(p) if !p.is_match(s) => Some((
            ProblemCode::PatternMismatch,
            format!("`{s}` does not match the pattern `{}`", p.source),
        )),
        _ => None,
    }
}

/// A bound of a range as written in a message (empty when there is none).
fn bound<T: std::fmt::Display>(b: Option<T>) -> String {
    b.map_or_else(String::new, |v| v.to_string())
}

impl Walk<'_, '_> {
    /// Reports a number outside its inclusive `min`/`max`.
    fn range<T: PartialOrd + std::fmt::Display + Copy>(
        &mut self,
        n: T,
        min: Option<T>,
        max: Option<T>,
    ) {
        if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
            self.problem(
                ProblemCode::OutOfRange,
                format!("{n} is outside the range {}..={}", bound(min), bound(max)),
            );
        }
    }
}
