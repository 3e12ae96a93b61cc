//! Which messages carry each part of a contract, and so who reads a change to it.
//!
//! A type sits in the messages of every event whose payload, envelope field or
//! channel parameter reaches it, through fields, items, values, variants and
//! aliases. The senders of those events decide who reads the type: messages
//! clients send are read by the server, messages the server sends by clients.
//! The diff checker asks this for the verdict of each change; the fact is
//! derived here, from the IR alone, so no reader re-derives it.

use super::{Contract, Direction, TypeId, TypeKind, TypeRef};
use std::collections::BTreeMap;

/// Who sends the messages that carry a part of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Senders {
    /// Clients send such messages (client→server or `both` events).
    pub clients: bool,
    /// The server sends such messages (server→client or `both` events).
    pub server: bool,
}

impl Senders {
    /// The senders of an event of this direction.
    pub fn of(direction: Direction) -> Self {
        Senders {
            clients: direction != Direction::ServerToClient,
            server: direction != Direction::ClientToServer,
        }
    }

    /// Senders of either part.
    pub fn union(self, other: Senders) -> Senders {
        Senders {
            clients: self.clients || other.clients,
            server: self.server || other.server,
        }
    }

    /// Whether `other` adds no sender to these.
    fn covers(self, other: Senders) -> bool {
        (self.clients || !other.clients) && (self.server || !other.server)
    }
}

/// The senders of the messages carrying each type and each envelope shape.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    types: BTreeMap<TypeId, Senders>,
    envelopes: BTreeMap<String, Senders>,
}

impl Usage {
    /// Follows every event of `c` to the types its messages carry.
    pub fn of(c: &Contract) -> Usage {
        let mut usage = Usage::default();
        for event in c.events.values() {
            let senders = Senders::of(event.direction);
            let envelope = usage.envelopes.entry(event.envelope.clone()).or_default();
            *envelope = envelope.union(senders);
            let params = c
                .channel_of(event)
                .into_iter()
                .flat_map(|ch| ch.params.values());
            let fields = c.envelope_of(event).fields.iter().map(|f| &f.ty);
            for ty in event.payload.iter().chain(fields).chain(params) {
                usage.reach(c, ty, senders);
            }
        }
        usage
    }

    /// Who sends messages carrying the type (none when no event reaches it).
    pub fn type_senders(&self, id: &TypeId) -> Senders {
        self.types.get(id).copied().unwrap_or_default()
    }

    /// Who sends messages in the envelope shape (none when no event uses it).
    pub fn envelope_senders(&self, key: &str) -> Senders {
        self.envelopes.get(key).copied().unwrap_or_default()
    }

    /// Marks every type `ty` reaches as carried by `senders`; a type already
    /// marked with them is not entered again, so cycles end.
    fn reach(&mut self, c: &Contract, ty: &TypeRef, senders: Senders) {
        let mut pending = vec![ty];
        while let Some(ty) = pending.pop() {
            match ty {
                TypeRef::Array(a) => pending.push(&a.items),
                TypeRef::Map(m) => pending.push(&m.values),
                TypeRef::Named(id) => {
                    let known = self.types.entry(id.clone()).or_default();
                    if known.covers(senders) {
                        continue;
                    }
                    *known = known.union(senders);
                    match c.type_def(id).map(|t| &t.kind) {
                        Some(TypeKind::Object(o)) => pending.extend(o.fields.iter().map(|f| &f.ty)),
                        Some(TypeKind::Alias(target)) => pending.push(target),
                        Some(TypeKind::Union(u)) => {
                            for v in &u.variants {
                                self.reach(c, &TypeRef::Named(v.ty.clone()), senders);
                            }
                        }
                        Some(TypeKind::Enum(_)) | None => {}
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Senders, Usage};
    use crate::model::TypeId;
    use crate::source::SourceMap;

    /// A type reached by a client→server and a server→client event is sent
    /// by both; one reached only through another type inherits its senders;
    /// a declared type no event reaches is sent by nobody.
    #[test]
    fn senders_follow_the_events_that_reach_a_type() {
        let text = "eventc: 1\nname: u\nenvelope:\n  discriminator: t\n  payload: p\n  fields: { t: string, p: json }\ntypes:\n  Leaf: { type: object, fields: { v: integer } }\n  Tree: { type: object, fields: { leaves: 'array<Leaf>', next: { type: Tree, optional: true } } }\n  Shared: { type: object, fields: { id: string } }\n  Unused: { type: object, fields: { id: string } }\nevents:\n  push: { direction: server_to_client, payload: Tree }\n  ask: { direction: client_to_server, payload: Shared }\n  tell: { direction: server_to_client, payload: Shared }\n";
        let mut sources = SourceMap::default();
        let loaded = crate::load::load_str("u.yaml", text, &mut sources);
        let c = loaded.contracts.first().expect("loads");
        let usage = Usage::of(c);
        let of = |id: &str| usage.type_senders(&TypeId(id.to_owned()));
        let server = Senders {
            clients: false,
            server: true,
        };
        assert_eq!(of("Tree"), server);
        assert_eq!(of("Leaf"), server);
        assert_eq!(
            of("Shared"),
            Senders {
                clients: true,
                server: true
            }
        );
        assert_eq!(of("Unused"), Senders::default());
        assert_eq!(
            usage.envelope_senders("default"),
            Senders {
                clients: true,
                server: true
            }
        );
    }
}
