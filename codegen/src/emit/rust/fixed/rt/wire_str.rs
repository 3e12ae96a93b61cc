mod rt {
    /// A string that borrows from the input when it can (no escapes).
    pub(super) struct WireStr<'de>(pub(super) ::std::borrow::Cow<'de, str>);
    impl<'de> ::serde::Deserialize<'de> for WireStr<'de> {
        fn deserialize<D: ::serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            struct StrVisitor;
            impl<'de> ::serde::de::Visitor<'de> for StrVisitor {
                type Value = WireStr<'de>;
                fn expecting(
                    &self,
                    f: &mut ::core::fmt::Formatter<'_>,
                ) -> ::core::fmt::Result {
                    f.write_str("a string")
                }
                fn visit_borrowed_str<E: ::serde::de::Error>(
                    self,
                    v: &'de str,
                ) -> Result<Self::Value, E> {
                    Ok(WireStr(::std::borrow::Cow::Borrowed(v)))
                }
                fn visit_str<E: ::serde::de::Error>(
                    self,
                    v: &str,
                ) -> Result<Self::Value, E> {
                    Ok(
                        WireStr(
                            ::std::borrow::Cow::Owned(
                                ::std::borrow::ToOwned::to_owned(v),
                            ),
                        ),
                    )
                }
            }
            deserializer.deserialize_str(StrVisitor)
        }
    }
}
