//! Typed vocabularies: enums stored as text in PostgreSQL.
//!
//! `text_enum!` declares such an enum from one list of `Variant = "stored_name"` pairs and
//! derives from it everything a feature needs: serde (the stored name on the wire), `ALL`,
//! `as_str`, `parse`, `Display` and, on the server, the sqlx mapping to `text` (and `text[]`).
//! The same idea as the registry server's `pg_enum!`, with text instead of integers so the
//! database stays readable and each table can state its list in a `check (... in (...))`.
//!
//! One policy for a stored value the code does not know (an old row, a hand edit): decoding
//! fails with an error that is logged with the enum's name and the value, and the request
//! answers "internal error". It never silently becomes some other variant.

#[macro_export]
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; <[&str]>::len(&[$($text),+])] = [$($name::$variant),+];

            /// The stored (and wire) name.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The variant stored as `text`, if there is one.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "ssr")]
        impl ::sqlx::Type<::sqlx::Postgres> for $name {
            fn type_info() -> ::sqlx::postgres::PgTypeInfo {
                <&str as ::sqlx::Type<::sqlx::Postgres>>::type_info()
            }
            fn compatible(ty: &::sqlx::postgres::PgTypeInfo) -> bool {
                <&str as ::sqlx::Type<::sqlx::Postgres>>::compatible(ty)
            }
        }

        #[cfg(feature = "ssr")]
        impl ::sqlx::postgres::PgHasArrayType for $name {
            fn array_type_info() -> ::sqlx::postgres::PgTypeInfo {
                <&str as ::sqlx::postgres::PgHasArrayType>::array_type_info()
            }
        }

        #[cfg(feature = "ssr")]
        impl<'q> ::sqlx::Encode<'q, ::sqlx::Postgres> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut ::sqlx::postgres::PgArgumentBuffer,
            ) -> ::std::result::Result<::sqlx::encode::IsNull, ::sqlx::error::BoxDynError> {
                <&str as ::sqlx::Encode<'q, ::sqlx::Postgres>>::encode(self.as_str(), buf)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'r> ::sqlx::Decode<'r, ::sqlx::Postgres> for $name {
            fn decode(
                value: ::sqlx::postgres::PgValueRef<'r>,
            ) -> ::std::result::Result<Self, ::sqlx::error::BoxDynError> {
                let text = <&str as ::sqlx::Decode<'r, ::sqlx::Postgres>>::decode(value)?;
                $name::parse(text).ok_or_else(|| {
                    ::tracing::error!(
                        vocabulary = stringify!($name),
                        value = text,
                        "unknown stored value"
                    );
                    format!("unknown {} {text:?}", stringify!($name)).into()
                })
            }
        }
    };
}

/// Reads the list of a `check (<column> in ('a', 'b', …))` constraint from a migration's
/// text, for the tests that hold each stored enum to its migration.
#[cfg(test)]
pub fn check_list(sql: &str, column: &str) -> Vec<String> {
    let marker = format!("check ({column} in");
    let start = sql
        .find(&marker)
        .unwrap_or_else(|| panic!("no check list for {column}"))
        + marker.len();
    let rest = &sql[start..];
    let open = rest.find('(').expect("an in-list") + 1;
    assert!(
        rest[..open - 1].trim().is_empty(),
        "an in-list right after `in`"
    );
    let close = rest[open..].find(')').expect("a closing parenthesis") + open;
    rest[open..close]
        .split(',')
        .map(|s| s.trim().trim_matches('\'').to_owned())
        .collect()
}

/// Reads the list of a `check (<column> <@ array['a', 'b', …])` constraint.
#[cfg(test)]
pub fn array_check_list(sql: &str, column: &str) -> Vec<String> {
    let start = sql
        .find(&format!("check ({column} <@ array["))
        .unwrap_or_else(|| panic!("no array check for {column}"));
    let rest = &sql[start..];
    let open = rest.find('[').expect("an array") + 1;
    let close = rest[open..].find(']').expect("a closing bracket") + open;
    rest[open..close]
        .split(',')
        .map(|s| s.trim().trim_matches('\'').to_owned())
        .collect()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    crate::text_enum! {
        enum Colour { Red = "red", DarkBlue = "dark_blue" }
    }

    #[test]
    fn names_round_trip_and_unknown_names_are_none() {
        for c in Colour::ALL {
            assert_eq!(Colour::parse(c.as_str()), Some(c));
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.as_str())
            );
        }
        assert_eq!(Colour::parse("Red"), None);
        assert_eq!(Colour::DarkBlue.to_string(), "dark_blue");
    }

    #[test]
    fn check_lists_are_read_from_migrations() {
        let sql = "role text not null check (role in\n   ('worker', 'safety_officer')),";
        assert_eq!(super::check_list(sql, "role"), ["worker", "safety_officer"]);
    }
}
