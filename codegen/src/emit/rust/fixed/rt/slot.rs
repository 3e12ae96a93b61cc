mod rt {
    /// One message field read from a map in which it may stand under
    /// several keys. `keys` are the field's keys in the contract's order of
    /// preference (its name, old name, aliases): the value under the most
    /// preferred key the map holds is kept, wherever it stands, and the
    /// others are skipped unread, as undeclared keys are; a key given twice
    /// is refused, since JSON readers disagree on which copy counts.
    pub(super) struct Slot<'de, T> {
        /// The value under the field's own key (rank 0), read when met.
        pub(super) value: Option<T>,
        /// The most preferred other key met so far and the text of its
        /// value, read at the end only if the own key never comes.
        held: Option<(u8, &'de ::serde_json::value::RawValue)>,
        /// Bit `r`: the key of rank `r` was met.
        seen: [u64; 4],
    }
    impl<T> Default for Slot<'_, T> {
        fn default() -> Self {
            Slot {
                value: None,
                held: None,
                seen: [0; 4],
            }
        }
    }
    impl<'de, T> Slot<'de, T> {
        /// Records that the key of rank `rank` of `keys` was met, refusing a
        /// key met before, and says what to do with its value.
        pub(super) fn take<E: ::serde::de::Error>(
            &mut self,
            rank: u8,
            keys: &'static [&'static str],
        ) -> Result<Take, E> {
            let word = usize::from(rank / 64);
            let bit = 1u64 << (rank % 64);
            if self.seen[word] & bit != 0 {
                let key = keys.get(usize::from(rank)).copied().unwrap_or_default();
                return Err(E::duplicate_field(key));
            }
            self.seen[word] |= bit;
            Ok(
                if rank == 0 {
                    self.held = None;
                    Take::Read
                } else if self.seen[0] & 1 == 0
                    && self.held.is_none_or(|(held, _)| rank < held)
                {
                    Take::Hold
                } else {
                    Take::Skip
                },
            )
        }
        /// Reads, holds or skips the value of the key of rank `rank` just
        /// read from `map`.
        pub(super) fn read<A: ::serde::de::MapAccess<'de>>(
            &mut self,
            map: &mut A,
            rank: u8,
            keys: &'static [&'static str],
        ) -> Result<(), A::Error>
        where
            T: ::serde::Deserialize<'de>,
        {
            match self.take(rank, keys)? {
                Take::Read => self.value = Some(map.next_value()?),
                Take::Hold => self.hold(rank, map.next_value()?),
                Take::Skip => {
                    map.next_value::<::serde::de::IgnoredAny>()?;
                }
            }
            Ok(())
        }
        /// Keeps `value` as the text of the key of rank `rank`.
        pub(super) fn hold(
            &mut self,
            rank: u8,
            value: &'de ::serde_json::value::RawValue,
        ) {
            self.held = Some((rank, value));
        }
        /// The kept value: the own key's, else the held text read as `T`.
        pub(super) fn finish<E: ::serde::de::Error>(self) -> Result<Option<T>, E>
        where
            T: ::serde::Deserialize<'de>,
        {
            match (self.value, self.held) {
                (Some(value), _) => Ok(Some(value)),
                (None, Some((_, text))) => {
                    T::deserialize(text).map(Some).map_err(held_error)
                }
                (None, None) => Ok(None),
            }
        }
    }
    /// What a [`Slot`] does with the value of a key just met.
    pub(super) enum Take {
        /// Read it now: it is the field's own key.
        Read,
        /// Hold its text: the most preferred other key so far.
        Hold,
        /// Skip it: a more preferred key came first.
        Skip,
    }
}
