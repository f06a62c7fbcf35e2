//! What a state change was. Each module names its own actions (`audit_actions!`:
//! `HazardAction::Report` is stored as `hazard.report`), with the label its trails show; the
//! audited step and the trail carry any of them as an `AuditAction` without naming the module.

use serde::{Deserialize, Serialize};

/// A module's closed list of audit actions (declared with `audit_actions!`): each one's
/// stored name (`<feature>.<verb>`) and the label a trail shows, if the module gives one, are
/// `words::Names`'.
pub trait Actions: crate::words::Names {}

/// Declares a module's audit actions: each with its stored name and, when a trail shows it,
/// its label's key.
///
/// ```ignore
/// crate::audit_actions! {
///     pub enum HazardAction {
///         Report = "hazard.report" => hazards.trail_report,
///     }
/// }
/// ```
#[macro_export]
macro_rules! audit_actions {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal $(=> $ns:ident . $key:ident)? ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $crate::audit::Actions for $name {}

        impl $crate::words::Names for $name {
            const ALL: &'static [$name] = &[$($name::$variant),+];

            fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            #[allow(unreachable_code, unused_variables)]
            fn label(self, locale: $crate::i18n::Locale) -> Option<String> {
                #[allow(unused_imports)]
                use $crate::i18n::*;
                match self {
                    $($name::$variant => {
                        $( return Some(td_string!(locale, $ns.$key).to_string()); )?
                        None
                    }),+
                }
            }
        }
    };
}

/// Any module's action: its stored name (`hazard.report`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AuditAction(&'static str);

impl AuditAction {
    /// A change of an enterprise setting: each module that keeps a section of the enterprise's
    /// settings records it under this one action, as it always has been stored.
    pub const ENTERPRISE_SETTINGS: AuditAction = AuditAction("enterprise.settings");

    /// The kernel's own actions (the modules' come through their words).
    const KERNEL: &'static [AuditAction] = &[AuditAction::ENTERPRISE_SETTINGS];

    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// The feature an action belongs to (the part before the dot), for logs and spans.
    pub fn feature(self) -> &'static str {
        self.0
            .split_once('.')
            .map_or(self.0, |(feature, _)| feature)
    }

    /// The action stored as `text`, if a module of this build names it.
    pub fn parse(text: &str) -> Option<AuditAction> {
        if let Some(kernel) = AuditAction::KERNEL.iter().find(|a| a.0 == text) {
            return Some(*kernel);
        }
        crate::words::installed()
            .filter_map(|w| w.actions)
            .find_map(|l| (l.find)(text))
            .map(AuditAction)
    }

    /// The label a trail shows: the owning module's, or the stored name when it gives none.
    pub fn label_in(self, locale: crate::i18n::Locale) -> String {
        crate::words::installed()
            .filter_map(|w| w.actions)
            .find_map(|l| (l.label)(self.0, locale))
            .unwrap_or_else(|| self.0.to_owned())
    }
}

impl<A: Actions> From<A> for AuditAction {
    fn from(action: A) -> Self {
        AuditAction(action.name())
    }
}

impl<A: Actions> PartialEq<A> for AuditAction {
    fn eq(&self, other: &A) -> bool {
        self.0 == other.name()
    }
}

impl crate::words::Words {
    /// The module's audit actions, `A`, with their labels.
    pub const fn actions<A: Actions>(mut self) -> Self {
        self.actions = Some(crate::words::NameLookup::of::<A>(self.owner));
        self
    }
}

impl std::fmt::Debug for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::fmt::Display for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for AuditAction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for AuditAction {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        AuditAction::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown audit action {text}")))
    }
}

// Stored as text; a stored name no module of this build knows fails to decode, logged with
// the value (as `text_enum!`'s stored vocabularies do), never some other action.
#[cfg(feature = "ssr")]
impl sqlx::Type<sqlx::Postgres> for AuditAction {
    fn type_info() -> sqlx::postgres::PgTypeInfo {
        <&str as sqlx::Type<sqlx::Postgres>>::type_info()
    }
    fn compatible(ty: &sqlx::postgres::PgTypeInfo) -> bool {
        <&str as sqlx::Type<sqlx::Postgres>>::compatible(ty)
    }
}

#[cfg(feature = "ssr")]
impl sqlx::postgres::PgHasArrayType for AuditAction {
    fn array_type_info() -> sqlx::postgres::PgTypeInfo {
        <&str as sqlx::postgres::PgHasArrayType>::array_type_info()
    }
}

#[cfg(feature = "ssr")]
impl<'q> sqlx::Encode<'q, sqlx::Postgres> for AuditAction {
    fn encode_by_ref(
        &self,
        buf: &mut sqlx::postgres::PgArgumentBuffer,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        <&str as sqlx::Encode<'q, sqlx::Postgres>>::encode(self.0, buf)
    }
}

#[cfg(feature = "ssr")]
impl<'r> sqlx::Decode<'r, sqlx::Postgres> for AuditAction {
    fn decode(value: sqlx::postgres::PgValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        let text = <&str as sqlx::Decode<'r, sqlx::Postgres>>::decode(value)?;
        AuditAction::parse(text).ok_or_else(|| {
            tracing::error!(value = text, "unknown audit action in the database");
            format!("unknown audit action {text}").into()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;
    use crate::words::Names;

    #[test]
    fn every_action_is_feature_dot_verb_named_once_and_reads_back_as_itself() {
        let mut names = vec![AuditAction::ENTERPRISE_SETTINGS.as_str()];
        let mut modules = 0;
        for words in crate::words::installed() {
            let Some(lookup) = words.actions else {
                continue;
            };
            modules += 1;
            assert_eq!(lookup.owner, words.owner);
            names.extend((lookup.names)());
        }
        assert!(modules >= 7, "the root lists the modules' actions");
        let unique: std::collections::BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(
            unique.len(),
            names.len(),
            "an action named twice: {names:?}"
        );
        for text in names {
            let action = AuditAction::parse(text).expect(text);
            assert_eq!(action.as_str(), text);
            let (feature, verb) = text.split_once('.').expect("a dot");
            assert_eq!(action.feature(), feature);
            assert!(!verb.is_empty() && !verb.contains('.'), "{text}");
            let json = serde_json::to_string(&action).unwrap();
            assert_eq!(serde_json::from_str::<AuditAction>(&json).unwrap(), action);
        }
        assert_eq!(AuditAction::parse("county.visit"), None);
        assert!(serde_json::from_str::<AuditAction>(r#""county.visit""#).is_err());
        // A labelled action reads as its module's words; one without a label as its name.
        assert_eq!(
            AuditAction::parse("hazard.report")
                .unwrap()
                .label_in(Locale::zh_CN),
            crate::hazards::HazardAction::Report
                .label(Locale::zh_CN)
                .unwrap()
        );
        assert_eq!(
            AuditAction::parse("auth.login")
                .unwrap()
                .label_in(Locale::en),
            "auth.login"
        );
    }
}
