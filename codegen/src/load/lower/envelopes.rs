//! Envelopes: the default and named message shapes, their field roles and compression.

use super::evolution::Removed;
use super::Lowerer;
use crate::diag::Diagnostic;
use crate::load::node::{Key, Node};
use crate::load::read;
use crate::model::*;
use crate::naming;

impl Lowerer<'_> {
    /// The default `envelope:` (required) and the named shapes under `envelopes:`.
    pub(super) fn envelopes(&mut self, root: &Node, top: &[(Key, Node)]) {
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

    /// One envelope: its fields, and the discriminator, payload and compression
    /// flag that name some of them.
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
                "removed",
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
                s.d.push(read::unknown_name(
                    "unknown-field",
                    n.span,
                    format!("`{key}` names `{v}`, which is not a field of this envelope"),
                    v,
                    &field_names,
                ));
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
        let removed = self.removed_list(entries, Removed::Fields);
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
                removed,
                span: node.span,
            },
        );
    }

    /// An envelope's `compression:`; its flag must be a boolean field of the envelope.
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
}
