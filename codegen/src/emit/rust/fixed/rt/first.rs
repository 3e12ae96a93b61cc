mod rt {
    /// Reads the value of the key just read into `slot`, unless an earlier
    /// key filled it: of the keys naming one field, the first in the message
    /// wins and the later ones are read and dropped.
    pub(super) fn first<
        'de,
        A: ::serde::de::MapAccess<'de>,
        T: ::serde::Deserialize<'de>,
    >(map: &mut A, slot: &mut Option<T>) -> Result<(), A::Error> {
        if slot.is_some() {
            map.next_value::<::serde::de::IgnoredAny>()?;
        } else {
            *slot = Some(map.next_value()?);
        }
        Ok(())
    }
}
