//! The per-contract context: the contract and every top-level name its
//! module uses, allocated once.

use super::messages;
use super::names::Names;
use crate::model::{Contract, TypeId};
use crate::naming;
use indexmap::IndexMap;
use std::collections::BTreeMap;

/// The global names the module's code uses: a contract type may not shadow them.
const GLOBALS: &[&str] = &[
    "Array",
    "BigInt",
    "Date",
    "Error",
    "Exclude",
    "JSON",
    "Map",
    "Math",
    "Number",
    "Object",
    "Omit",
    "Partial",
    "Pick",
    "Promise",
    "RangeError",
    "Record",
    "RegExp",
    "Set",
    "String",
    "SyntaxError",
    "TypeError",
    "Uint8Array",
    "WeakMap",
];

/// Names of the things the emitter adds when unknown events are tolerated.
pub(super) struct UnknownNames {
    pub(super) message: String,
    pub(super) incoming: String,
    pub(super) guard: String,
}

/// Names of the runtime's exported functions and types.
pub(super) struct ApiNames {
    pub(super) problem_code: String,
    pub(super) problem: String,
    pub(super) decode_result: String,
    pub(super) decode_error: String,
    pub(super) decode: String,
    pub(super) decode_strict: String,
    pub(super) validate: String,
    pub(super) encode: String,
}

/// One contract and every top-level name its module uses.
pub(super) struct Ctx<'c> {
    pub(super) c: &'c Contract,
    pub(super) json: String,
    pub(super) event_name: String,
    pub(super) event_aliases: String,
    pub(super) channel_name: String,
    /// Channel key → name of its address type.
    pub(super) channel_types: IndexMap<String, String>,
    /// Envelope key → name of its base interface (when it has event-independent fields).
    pub(super) envelope_bases: IndexMap<String, Option<String>>,
    /// Name of the union of every channel address (when there are channels).
    pub(super) channel_address: Option<String>,
    pub(super) types: BTreeMap<TypeId, String>,
    /// Event wire name → name of its message interface.
    pub(super) messages: IndexMap<String, String>,
    pub(super) message: String,
    pub(super) unknown: Option<UnknownNames>,
    pub(super) api: ApiNames,
    /// Event wire name → name of its constructor function.
    pub(super) constructors: IndexMap<String, String>,
    /// Channel key → name of the function building its address, for
    /// channels whose address has parameters.
    pub(super) channel_builders: IndexMap<String, String>,
}

impl<'c> Ctx<'c> {
    /// Allocates names: the globals the module uses are taken first (a
    /// contract type named `Error` becomes `Error_`), then the contract's own
    /// types, so that an emitter name, not a contract name, gets the `_`
    /// suffix on a clash.
    pub(super) fn new(c: &'c Contract) -> Self {
        let mut names = Names::default();
        names.reserve(GLOBALS);
        let types = c
            .types
            .values()
            .map(|t| (t.id.clone(), names.claim(&naming::pascal(&t.ident))))
            .collect();
        let json = names.claim("JsonValue");
        let event_name = names.claim("EventName");
        let event_aliases = names.claim("EventAliases");
        let channel_name = names.claim("ChannelName");
        let channel_types = c
            .channels
            .values()
            .map(|ch| {
                let stem = format!("{}Address", naming::pascal(&ch.ident));
                (ch.name.clone(), names.claim(&stem))
            })
            .collect();
        let channel_address = (!c.channels.is_empty()).then(|| names.claim("ChannelAddress"));
        let envelope_bases = c
            .envelopes
            .values()
            .map(|env| {
                let has_common = env.fields.iter().any(|f| messages::is_common(env.role(f)));
                let stem = format!("{}Envelope", naming::pascal(&env.name));
                (env.name.clone(), has_common.then(|| names.claim(&stem)))
            })
            .collect();
        let message = names.claim("Message");
        let unknown = c.compatibility.unknown_events.then(|| UnknownNames {
            message: names.claim("UnknownMessage"),
            incoming: names.claim("IncomingMessage"),
            guard: names.claim("isKnownMessage"),
        });
        let messages = c
            .events
            .values()
            .map(|e| {
                let stem = format!("{}Message", naming::pascal(&e.ident));
                (e.name.clone(), names.claim(&stem))
            })
            .collect();
        let api = ApiNames {
            problem_code: names.claim("ProblemCode"),
            problem: names.claim("Problem"),
            decode_result: names.claim("DecodeResult"),
            decode_error: names.claim("DecodeError"),
            decode: names.claim("decode"),
            decode_strict: names.claim("decodeStrict"),
            validate: names.claim("validate"),
            encode: names.claim("encode"),
        };
        let constructors = c
            .events
            .values()
            .map(|e| {
                let stem = format!("new{}Message", naming::pascal(&e.ident));
                (e.name.clone(), names.claim(&stem))
            })
            .collect();
        let channel_builders = c
            .channels
            .values()
            .filter(|ch| ch.fixed_address().is_none())
            .map(|ch| {
                let stem = format!("{}Address", naming::camel(&ch.ident));
                (ch.name.clone(), names.claim(&stem))
            })
            .collect();
        Ctx {
            c,
            json,
            event_name,
            event_aliases,
            channel_name,
            channel_types,
            envelope_bases,
            channel_address,
            types,
            messages,
            message,
            unknown,
            api,
            constructors,
            channel_builders,
        }
    }
}
