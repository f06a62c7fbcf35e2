//! The fields a person can be told about. Each module names its own fields in an enum of its
//! own (`field_names!`: `HazardField::Funds`, with its label from the module's words); the
//! kernel's error carries any of them as an `AnyField` (the owner and the field's name)
//! without naming the module. The kernel's own `Field` holds the few words every form shares
//! (the client id, a person, a reason, a note, a place, a photo, a password, a range of days).

use serde::{Deserialize, Serialize};

/// A module's closed list of fields (declared with `field_names!`): its names (`funds`, on
/// the wire) and their labels are `words::Names`'.
pub trait FieldNames: crate::words::Names {
    /// The owning module, as its words are listed (`hazards`).
    const OWNER: &'static str;
    /// The label a person reads, in `locale`.
    fn label_in(self, locale: crate::i18n::Locale) -> String;
}

/// Declares a module's fields: each variant with its name on the wire and its label's key.
///
/// ```ignore
/// crate::field_names! {
///     /// Hazards' fields.
///     pub enum HazardField in "hazards" {
///         Funds = "funds" => hazards.field_funds,
///     }
/// }
/// ```
#[macro_export]
macro_rules! field_names {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident in $owner:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal => $ns:ident . $key:ident ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $crate::words::Names for $name {
            const ALL: &'static [$name] = &[$($name::$variant),+];

            fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            fn label(self, locale: $crate::i18n::Locale) -> Option<String> {
                Some($crate::error::FieldNames::label_in(self, locale))
            }
        }

        impl $crate::error::FieldNames for $name {
            const OWNER: &'static str = $owner;

            fn label_in(self, locale: $crate::i18n::Locale) -> String {
                #[allow(unused_imports)]
                use $crate::i18n::*;
                match self {
                    $($name::$variant => td_string!(locale, $ns.$key).to_string()),+
                }
            }
        }
    };
}

crate::field_names! {
    /// The words every form shares; a module's own fields live in the module.
    pub enum Field in "common" {
        ClientId = "client_id" => common.field_client_id,
        /// A person of the enterprise, chosen from a list.
        User = "user" => common.field_user,
        Reason = "reason" => common.field_reason,
        Note = "note" => common.field_note,
        Location = "location" => common.field_location,
        Photo = "photo" => common.field_photo,
        Password = "password" => common.field_password,
        DateFrom = "date_from" => common.field_date_from,
        DateTo = "date_to" => common.field_date_to,
        /// A page of a long list.
        Page = "page" => common.field_page,
    }
}

/// Any module's field, as the kernel's error carries it: `"hazards.funds"` on the wire.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AnyField {
    owner: &'static str,
    name: &'static str,
}

/// A field this build does not know (an answer of a newer server): shown as "this field".
const UNKNOWN: AnyField = AnyField {
    owner: Field::OWNER,
    name: "unknown",
};

impl<F: FieldNames> From<F> for AnyField {
    fn from(field: F) -> Self {
        AnyField {
            owner: F::OWNER,
            name: field.name(),
        }
    }
}

impl<F: FieldNames> PartialEq<F> for AnyField {
    fn eq(&self, other: &F) -> bool {
        *self == AnyField::from(*other)
    }
}

impl AnyField {
    pub fn owner(self) -> &'static str {
        self.owner
    }

    pub fn name(self) -> &'static str {
        self.name
    }

    /// The field's label in `locale`, from its module's words.
    pub fn label_in(self, locale: crate::i18n::Locale) -> String {
        let label = if self.owner == Field::OWNER {
            crate::words::named::<Field>(self.name).map(|f| f.label_in(locale))
        } else {
            lookups(self.owner).find_map(|l| (l.label)(self.name, locale))
        };
        label.unwrap_or_else(|| {
            use crate::i18n::*;
            td_string!(locale, common.field_unknown).to_string()
        })
    }

    /// The field named `owner.name`, as this build knows it.
    fn parse(text: &str) -> Option<AnyField> {
        let (owner, name) = text.split_once('.')?;
        if owner == Field::OWNER {
            return crate::words::named::<Field>(name).map(AnyField::from);
        }
        lookups(owner).find_map(|l| {
            (l.find)(name).map(|name| AnyField {
                owner: l.owner,
                name,
            })
        })
    }
}

fn lookups(owner: &str) -> impl Iterator<Item = crate::words::NameLookup> + '_ {
    crate::words::installed()
        .filter_map(|w| w.fields)
        .filter(move |l| l.owner == owner)
}

impl crate::words::Words {
    /// The module's fields, `F`, with their labels.
    pub const fn fields<F: FieldNames>(mut self) -> Self {
        self.fields = Some(crate::words::NameLookup::of::<F>(F::OWNER));
        self
    }
}

impl std::fmt::Debug for AnyField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.owner, self.name)
    }
}

impl Serialize for AnyField {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{}.{}", self.owner, self.name))
    }
}

impl<'de> Deserialize<'de> for AnyField {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(AnyField::parse(&text).unwrap_or(UNKNOWN))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn a_field_is_its_owner_and_name_on_the_wire_and_reads_back_as_itself() {
        let common: AnyField = Field::Reason.into();
        assert_eq!(
            serde_json::to_string(&common).unwrap(),
            r#""common.reason""#
        );
        assert_eq!(
            serde_json::from_str::<AnyField>(r#""common.reason""#).unwrap(),
            Field::Reason
        );
        // Every installed module's fields read back as themselves and have a label.
        let mut seen = 0;
        for words in crate::words::installed() {
            let Some(lookup) = words.fields else { continue };
            assert_eq!(
                lookup.owner, words.owner,
                "fields listed under another owner"
            );
            seen += 1;
        }
        assert!(seen >= 5, "the root lists the modules' fields");
        let unknown: AnyField = serde_json::from_str(r#""nowhere.credit_code""#).unwrap();
        assert_eq!(unknown, UNKNOWN);
        assert_eq!(unknown.label_in(Locale::en), "This field");
        assert!(serde_json::from_str::<AnyField>("7").is_err());
    }
}
