//! A feature's refusal carried by the kernel's error without naming the feature: its tag and
//! its reason as serde writes it; the sentence from the feature's own words.

use serde::{Deserialize, Serialize};

/// Why a feature refused a step. The kernel names no feature: each feature keeps its reasons
/// in its own enum (`FeatureRefusal`), carried here as the feature's tag and the reason as
/// serde writes it. The JSON a client reads is `{"operation":"no_gas_test"}` or
/// `{"offline":{"clock_skew":{"minutes":9}}}`. The sentence comes from the feature, through the
/// words the composition root installs (`crate::words`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    feature: String,
    reason: serde_json::Value,
}

/// A feature's list of refusal reasons.
pub trait FeatureRefusal: Serialize + serde::de::DeserializeOwned {
    /// The feature's tag in the JSON (`operation`).
    const FEATURE: &'static str;
    /// The sentence for the person, in `locale`.
    fn text_in(&self, locale: crate::i18n::Locale) -> String;
}

impl<R: FeatureRefusal> From<R> for Refusal {
    fn from(reason: R) -> Self {
        Refusal {
            feature: R::FEATURE.to_owned(),
            reason: serde_json::to_value(reason).unwrap_or_default(),
        }
    }
}

impl Refusal {
    /// The refusing feature's tag (`operation`).
    pub fn feature(&self) -> &str {
        &self.feature
    }

    /// The reason's stable key (`not_inside`, `clock_skew`).
    pub fn code(&self) -> String {
        match &self.reason {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Object(m) => m.keys().next().cloned().unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// The reason as its feature's enum, when `R` is the refusing feature's.
    pub fn as_of<R: FeatureRefusal>(&self) -> Option<R> {
        (self.feature == R::FEATURE)
            .then(|| serde_json::from_value(self.reason.clone()).ok())
            .flatten()
    }

    /// The sentence for the person, from the refusing feature's words (`None` when no feature
    /// of the installed list knows it: a client older or newer than the server).
    pub fn text_in(&self, locale: crate::i18n::Locale) -> Option<String> {
        crate::words::installed()
            .filter_map(|w| w.refusals)
            .filter(|r| r.tag == self.feature)
            .find_map(|r| (r.text)(&self.reason, locale))
    }
}

impl Serialize for Refusal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry(&self.feature, &self.reason)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for Refusal {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = std::collections::BTreeMap::<String, serde_json::Value>::deserialize(d)?;
        let mut entries = map.into_iter();
        match (entries.next(), entries.next()) {
            (Some((feature, reason)), None) => Ok(Refusal { feature, reason }),
            _ => Err(serde::de::Error::custom(
                "a refusal is one feature and its reason",
            )),
        }
    }
}

impl crate::words::Words {
    /// The module's refusals, `R`, with their sentences.
    pub const fn refusals<R: FeatureRefusal>(mut self) -> Self {
        self.refusals = Some(crate::words::RefusalLookup {
            tag: R::FEATURE,
            text: text_of::<R>,
        });
        self
    }
}

fn text_of<R: FeatureRefusal>(
    reason: &serde_json::Value,
    locale: crate::i18n::Locale,
) -> Option<String> {
    serde_json::from_value::<R>(reason.clone())
        .ok()
        .map(|r| r.text_in(locale))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;
    use crate::{
        i18n::Locale, offline::OfflineRefusal, operations::OpRefusal, training::TrainingRefusal,
    };

    #[test]
    fn a_refusal_is_its_features_tag_and_reason_in_the_json_clients_read() {
        let r: Refusal = OpRefusal::NoGasTest.into();
        let json = serde_json::to_string(&AppError::Refused(r.clone())).unwrap();
        assert_eq!(json, r#"{"Refused":{"operation":"no_gas_test"}}"#);
        let back: AppError = serde_json::from_str(&json).unwrap();
        assert_eq!(back, AppError::Refused(r.clone()));
        assert_eq!(
            (r.feature(), r.code().as_str()),
            ("operation", "no_gas_test")
        );
        assert_eq!(r.as_of::<OpRefusal>(), Some(OpRefusal::NoGasTest));
        assert_eq!(r.as_of::<TrainingRefusal>(), None);

        let skew: Refusal = OfflineRefusal::ClockSkew { minutes: 9 }.into();
        assert_eq!(
            serde_json::to_string(&skew).unwrap(),
            r#"{"offline":{"clock_skew":{"minutes":9}}}"#
        );
        assert_eq!(skew.code(), "clock_skew");
        assert_eq!(
            skew.as_of::<OfflineRefusal>(),
            Some(OfflineRefusal::ClockSkew { minutes: 9 })
        );
        assert!(serde_json::from_str::<Refusal>(r#"{"a":"x","b":"y"}"#).is_err());
        assert!(serde_json::from_str::<Refusal>("{}").is_err());
    }

    #[test]
    fn the_sentence_is_the_refusing_features_own_and_an_unknown_one_still_says_refused() {
        let r: Refusal = OpRefusal::NoGasTest.into();
        assert_eq!(
            r.text_in(Locale::en),
            Some(crate::operations::refusal_text_in(
                Locale::en,
                OpRefusal::NoGasTest
            ))
        );
        let skew: Refusal = OfflineRefusal::ClockSkew { minutes: 9 }.into();
        assert!(skew.text_in(Locale::zh_CN).unwrap().contains('9'));
        // A reason this build does not know (a newer server's): no sentence of a feature, but
        // the shell still says the step was refused.
        let unknown: Refusal = serde_json::from_str(r#"{"county":"not_in_ledger"}"#).unwrap();
        assert_eq!(unknown.text_in(Locale::en), None);
        let text = crate::shell::error_text_in(Locale::en, &AppError::Refused(unknown));
        assert!(text.starts_with("Refused"), "{text}");
        // Every module's refusals are reachable by a tag of their own.
        let tags: Vec<&str> = crate::words::installed()
            .filter_map(|w| w.refusals)
            .map(|r| r.tag)
            .collect();
        let unique: std::collections::BTreeSet<&str> = tags.iter().copied().collect();
        assert_eq!(tags.len(), unique.len(), "{tags:?}");
        assert!(tags.contains(&"operation") && tags.contains(&"offline"));
    }
}
