//! Key lookup tables built once per contract, so checking an object costs one
//! pass over the keys it has instead of one search per key it could have.

use crate::model::{Contract, Envelope, Field, ObjectType, TypeDef, TypeId, TypeKind};
use rustc_hash::FxHashMap as FastMap;

/// A map keyed by contract strings, hashed with FxHash.
///
/// Only the contract's own keys are ever inserted; message keys are merely
/// looked up, so adversarial keys cannot degrade the tables.
pub(super) type KeyMap<'c, V> = FastMap<&'c str, V>;

/// Where a key leads: the field it belongs to and how preferred the key is
/// (0 for the field's name, then `renamed_from`, then aliases).
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot {
    /// Index of the field in its field list.
    pub field: usize,
    /// Position of the key among the field's read keys.
    pub rank: usize,
}

/// Every key readers accept for one field list, mapped to its field.
#[derive(Debug, Default)]
pub(super) struct KeyTable<'c> {
    slots: KeyMap<'c, Slot>,
}

impl<'c> KeyTable<'c> {
    /// Indexes the read keys of `fields` (the first field to claim a key keeps it).
    pub fn new(fields: &'c [Field]) -> Self {
        let mut slots = KeyMap::default();
        for (field, f) in fields.iter().enumerate() {
            for (rank, key) in f.read_keys().enumerate() {
                slots.entry(key).or_insert(Slot { field, rank });
            }
        }
        KeyTable { slots }
    }

    /// The slot a message key fills, if the field list declares it.
    pub fn get(&self, key: &str) -> Option<Slot> {
        self.slots.get(key).copied()
    }
}

/// Key tables for every envelope and object type of a contract.
#[derive(Debug, Default)]
pub(super) struct Tables<'c> {
    envelopes: Vec<KeyTable<'c>>,
    types: Vec<Option<KeyTable<'c>>>,
    type_index: KeyMap<'c, usize>,
}

impl<'c> Tables<'c> {
    /// Builds the tables of a contract.
    pub fn new(c: &'c Contract) -> Self {
        Tables {
            envelopes: c
                .envelopes
                .values()
                .map(|e| KeyTable::new(&e.fields))
                .collect(),
            types: c
                .types
                .values()
                .map(|t| match &t.kind {
                    TypeKind::Object(o) => Some(KeyTable::new(&o.fields)),
                    _ => None,
                })
                .collect(),
            type_index: c
                .types
                .keys()
                .enumerate()
                .map(|(i, id)| (id.as_str(), i))
                .collect(),
        }
    }

    /// A type of `c` with its object table, if it is an object type.
    pub fn type_def<'a>(
        &self,
        c: &'a Contract,
        id: &TypeId,
    ) -> Option<(&'a TypeDef, Option<&KeyTable<'c>>)> {
        let index = *self.type_index.get(id.as_str())?;
        let (_, def) = c.types.get_index(index)?;
        Some((def, self.types.get(index).and_then(Option::as_ref)))
    }

    /// The table of an envelope of `c`.
    pub fn envelope(&self, c: &Contract, env: &Envelope) -> Option<&KeyTable<'c>> {
        c.envelopes
            .get_index_of(&env.name)
            .and_then(|i| self.envelopes.get(i))
    }

    /// An object type of `c` with its table.
    pub fn object<'a>(
        &self,
        c: &'a Contract,
        id: &TypeId,
    ) -> Option<(&'a ObjectType, &KeyTable<'c>)> {
        match self.type_def(c, id)? {
            (
                TypeDef {
                    kind: TypeKind::Object(o),
                    ..
                },
                Some(table),
            ) => Some((o, table)),
            _ => None,
        }
    }
}
