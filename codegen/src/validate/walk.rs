//! The walk over a JSON value: where in the message it is, the problems found
//! so far, dispatch on the expected type, and objects (their fields found in
//! one pass over the keys, missing and undeclared keys, null and `const`).

use super::json::{Json, Obj};
use super::keys::{KeyTable, Tables};
use super::{Problem, ProblemCode};
use crate::model::*;
use std::collections::HashSet;

/// A step of the path to the value being checked.
#[derive(Clone, Copy)]
pub(super) enum Seg<'v> {
    Key(&'v str),
    Index(usize),
}

/// A field's value found in an object: the key it was under, the value, and the key's rank.
type Found<'v> = Option<(&'v str, &'v Json<'v>, usize)>;

/// Walks one message, collecting problems.
pub(super) struct Walk<'c, 'v> {
    pub c: &'c Contract,
    pub tables: &'c Tables<'c>,
    pub path: Vec<Seg<'v>>,
    pub problems: Vec<Problem>,
    /// Found field values of the objects being walked, one frame per object.
    pub found: Vec<Found<'v>>,
}

impl<'c, 'v> Walk<'c, 'v> {
    pub fn new(c: &'c Contract, tables: &'c Tables<'c>) -> Self {
        Walk {
            c,
            tables,
            path: Vec::with_capacity(8),
            problems: Vec::new(),
            found: Vec::with_capacity(32),
        }
    }

    pub fn pointer(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            out.push('/');
            match seg {
                Seg::Key(k) => out.push_str(&k.replace('~', "~0").replace('/', "~1")),
                Seg::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
    }

    pub fn problem(&mut self, code: ProblemCode, message: String) {
        let path = self.pointer();
        self.problems.push(Problem {
            code,
            path,
            message,
        });
    }

    /// Records a problem at a key below the current path (a key that is absent from the message).
    pub fn problem_below(&mut self, key: &str, code: ProblemCode, message: String) {
        let path = format!(
            "{}/{}",
            self.pointer(),
            key.replace('~', "~0").replace('/', "~1")
        );
        self.problems.push(Problem {
            code,
            path,
            message,
        });
    }

    pub fn at(&mut self, key: &'v str, f: impl FnOnce(&mut Self)) {
        self.path.push(Seg::Key(key));
        f(self);
        self.path.pop();
    }

    pub fn value(&mut self, ty: &TypeRef, v: &'v Json<'v>) {
        match ty {
            TypeRef::String(rules) => self.string(rules, v),
            TypeRef::Integer(rules) => self.integer(rules, v),
            TypeRef::Number(rules) => self.number(rules, v),
            TypeRef::Boolean => {
                if !v.is_boolean() {
                    self.mismatch("a boolean", v);
                }
            }
            TypeRef::Timestamp(enc) => self.timestamp(*enc, v),
            TypeRef::Json => {}
            TypeRef::Channel => self.channel(v),
            TypeRef::Array(a) => self.array(a, v),
            TypeRef::Map(m) => self.map(m, v),
            TypeRef::Named(id) => match self.tables.type_def(self.c, id) {
                Some((
                    TypeDef {
                        kind: TypeKind::Object(o),
                        ..
                    },
                    Some(table),
                )) => match v.as_object() {
                    Some(map) => self.object((o, table), map, None),
                    None => self.mismatch("an object", v),
                },
                Some((
                    TypeDef {
                        kind: TypeKind::Enum(e),
                        ..
                    },
                    _,
                )) => self.enumeration(e, v),
                Some((
                    TypeDef {
                        kind: TypeKind::Union(u),
                        ..
                    },
                    _,
                )) => self.union(id, u, v),
                Some((
                    TypeDef {
                        kind: TypeKind::Alias(r),
                        ..
                    },
                    _,
                )) => self.value(r, v),
                Some((
                    TypeDef {
                        kind: TypeKind::Object(_),
                        ..
                    },
                    None,
                ))
                | None => {}
            },
        }
    }

    /// Reports a value of the wrong JSON type.
    pub fn mismatch(&mut self, expected: &str, found: &Json<'_>) {
        self.problem(
            ProblemCode::WrongType,
            format!("expected {expected}, found {}", kind_of(found)),
        );
    }

    /// Finds every field's value in one pass over the object's keys, pushing a
    /// frame onto `found` and returning where it starts. Of a field's keys the
    /// most preferred one present counts (its name, then its old name, then
    /// its aliases); the others are skipped unread, like undeclared keys. A
    /// field's key given twice is reported, and so, when `closed`, are keys
    /// the fields do not declare.
    pub fn gather(
        &mut self,
        fields: &[Field],
        table: &KeyTable<'_>,
        map: &'v Obj<'v>,
        tag: Option<&str>,
        closed: bool,
    ) -> usize {
        let frame = self.found.len();
        self.found.resize(frame + fields.len(), None);
        // The fields' keys met so far, made only once a field is met twice
        // (under one key or two), so that most objects never build it.
        let mut met: Option<HashSet<&str>> = None;
        for (index, (key, value)) in map.iter().enumerate() {
            let key: &'v str = key;
            let Some(slot) = table.get(key) else {
                if closed && Some(key) != tag {
                    self.undeclared(fields, key);
                }
                continue;
            };
            let cell = frame + slot.field;
            if met.is_none() && self.found[cell].is_some() {
                let before = map[..index].iter().map(|(k, _)| &**k);
                met = Some(before.filter(|k| table.get(k).is_some()).collect());
            }
            if let Some(met) = &mut met {
                if !met.insert(key) {
                    self.duplicate(key);
                    continue;
                }
            }
            match self.found[cell] {
                Some((_, _, rank)) if rank <= slot.rank => {}
                _ => self.found[cell] = Some((key, value, slot.rank)),
            }
        }
        frame
    }

    /// Reports a key given twice in the object being walked.
    pub fn duplicate(&mut self, key: &'v str) {
        self.at(key, |w| {
            w.problem(
                ProblemCode::DuplicateKey,
                format!("key `{key}` is given twice"),
            )
        });
    }

    /// Reports a required field that no accepted key provides.
    pub fn missing(&mut self, f: &Field) {
        if f.optional {
            return;
        }
        let also: Vec<&str> = f.read_keys().skip(1).collect();
        let alt = if also.is_empty() {
            String::new()
        } else {
            format!(" (also accepted: `{}`)", also.join("`, `"))
        };
        self.problem_below(
            &f.name,
            ProblemCode::MissingField,
            format!("missing required field `{}`{alt}", f.name),
        );
    }

    /// Reports a key of a closed object that no field declares.
    fn undeclared(&mut self, fields: &[Field], key: &'v str) {
        let hint = crate::diag::did_you_mean(key, fields.iter().map(|f| f.name.as_str()))
            .map(|h| format!("; {h}"))
            .unwrap_or_default();
        self.at(key, |w| {
            w.problem(
                ProblemCode::UnexpectedKey,
                format!("unexpected key `{key}` (this object is closed){hint}"),
            )
        });
    }

    /// Checks a field's value: null, its type and its `const`.
    pub fn field_value(&mut self, f: &Field, value: &'v Json<'v>) {
        if value.is_null() {
            if !f.nullable {
                self.problem(
                    ProblemCode::NullNotAllowed,
                    format!("`{}` must not be null", f.name),
                );
            }
            return;
        }
        self.value(&f.ty, value);
        if let Some(c) = &f.constant {
            if !value.equals(c) {
                self.problem(
                    ProblemCode::ConstMismatch,
                    format!("`{}` must be {c}, found {value}", f.name),
                );
            }
        }
    }

    /// Checks an object's fields against an object type.
    pub fn object(
        &mut self,
        (o, table): (&'c ObjectType, &'c KeyTable<'c>),
        map: &'v Obj<'v>,
        tag: Option<&str>,
    ) {
        let frame = self.gather(&o.fields, table, map, tag, !o.additional);
        for (i, f) in o.fields.iter().enumerate() {
            match self.found[frame + i] {
                Some((key, value, _)) => self.at(key, |w| w.field_value(f, value)),
                None => self.missing(f),
            }
        }
        self.found.truncate(frame);
    }
}

/// A JSON value described for a message: its kind, and its text when short.
pub(super) fn kind_of(v: &Json<'_>) -> String {
    match v {
        Json::Null => "null".to_owned(),
        Json::Bool(b) => format!("the boolean {b}"),
        Json::Num(n) => format!("the number {n}"),
        Json::Str(s) if s.chars().count() > 40 => "a string".to_owned(),
        Json::Str(s) => format!("the string {s:?}"),
        Json::Arr(_) => "an array".to_owned(),
        Json::Obj(_) => "an object".to_owned(),
    }
}
