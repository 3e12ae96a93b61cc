mod rt {
    /// The kept value of a raw-JSON slot: held text is the value already,
    /// so it is not read a second time.
    pub(super) fn finish_raw<'de>(
        slot: Slot<'de, &'de ::serde_json::value::RawValue>,
    ) -> Option<&'de ::serde_json::value::RawValue> {
        slot.value.or(slot.held.map(|(_, text)| text))
    }
}
