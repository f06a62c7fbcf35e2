//! What the sign-in page shows and posts, and the refusals in a worker's words.

use super::super::TrainingRefusal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::error::AppError;

/// The sign-in page of one session for the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInView {
    pub title: String,
    /// `2026-12-01 09:00–11:00` (China time).
    pub when: String,
    pub location: String,
    pub trainer: String,
    /// When this person signed in and out (China time, minutes).
    pub signed_in_at: Option<String>,
    pub signed_out_at: Option<String>,
    /// The 签到 button: not signed in yet and nothing stands in the way.
    pub can_sign_in: bool,
    /// The 签退 button: signed in, not out, and the sign-out QR was scanned or the session is
    /// in its last part (`service::sign_out_opens`) or over.
    pub can_sign_out: bool,
    /// Signed in through the offline outbox, waiting for the trainer's review (no hours yet).
    pub pending_review: bool,
    /// Why this person cannot sign in (or out) here now: said instead of a button.
    pub refusal: Option<TrainingRefusal>,
    /// The session's id when it is assessed by the quiz on the phone (the link to it, once
    /// signed in).
    pub quiz: Option<Uuid>,
}

/// The hidden fields of the 签到 / 签退 forms: the session's token and the scan's ticket.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInForm {
    pub token: String,
    pub ticket: String,
}

/// A checked `SignInForm`, with the scan cookie of the browser that posted it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInInput {
    pub token: String,
    pub ticket: String,
    /// The value of the browser's scan cookie (`http::SCAN_COOKIE`), never from the form: a
    /// ticket of a scan made before logging in belongs to that browser.
    pub browser: Option<[u8; 16]>,
}

#[cfg(feature = "ssr")]
impl SignInForm {
    /// A token is letters and digits (anything else is no session of ours: not found); a
    /// ticket is letters, digits and one dash, short (anything else cannot be one a scan
    /// gave: the code has expired, scan again).
    pub fn validate(&self) -> Result<SignInInput, AppError> {
        let token = scanned_token(&self.token)?.to_owned();
        let ticket = self.ticket.trim();
        let ticket_shape = !ticket.is_empty()
            && ticket.len() <= 40
            && ticket
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !ticket_shape {
            return Err(AppError::refused(TrainingRefusal::CodeExpired));
        }
        Ok(SignInInput {
            token,
            ticket: ticket.to_owned(),
            browser: None,
        })
    }
}

/// A session token as scanned: letters and digits, at most 64.
#[cfg(feature = "ssr")]
pub fn scanned_token(token: &str) -> Result<&str, AppError> {
    let token = token.trim();
    if token.is_empty() || token.len() > 64 || !token.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(AppError::NotFound);
    }
    Ok(token)
}

/// What a sign-in or sign-out answered: the time it holds (China time, minutes), and whether
/// it was there already (a second scan changes nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signed {
    pub at: String,
    pub already: bool,
}

/// The refusals of signing in and out, in `locale` (the sign-in page, and the plain page of
/// a refused scan, which has no i18n context).
pub fn refusal_words(locale: crate::i18n::Locale, r: TrainingRefusal) -> Option<&'static str> {
    use crate::i18n::*;
    Some(match r {
        TrainingRefusal::CodeExpired => td_string!(locale, signin.refused_code_expired),
        TrainingRefusal::NotOpenYet => td_string!(locale, signin.refused_not_open_yet),
        TrainingRefusal::SessionOver => td_string!(locale, signin.refused_session_over),
        TrainingRefusal::NotInvited => td_string!(locale, signin.refused_not_invited),
        TrainingRefusal::SessionCancelled => td_string!(locale, signin.refused_cancelled),
        TrainingRefusal::OtherEnterprise => td_string!(locale, signin.refused_other_enterprise),
        TrainingRefusal::NotSignedIn => td_string!(locale, signin.refused_not_signed_in),
        TrainingRefusal::SignOutNotYet => td_string!(locale, signin.refused_sign_out_not_yet),
        TrainingRefusal::OfflineTooLate => td_string!(locale, signin.refused_offline_too_late),
        TrainingRefusal::OfflineSignOutTooLate => {
            td_string!(locale, signin.refused_offline_sign_out_too_late)
        }
        TrainingRefusal::ScannedBeforeOpen => {
            td_string!(locale, signin.refused_scanned_before_open)
        }
        TrainingRefusal::OwnSession => td_string!(locale, signin.refused_own_session),
        _ => return None,
    })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn the_form_takes_a_token_and_a_ticket_of_their_shapes() {
        let ok = SignInForm {
            token: " abc234 ".into(),
            ticket: "i1234-abcdefghijklmnop".into(),
        };
        assert_eq!(
            ok.validate(),
            Ok(SignInInput {
                token: "abc234".into(),
                ticket: "i1234-abcdefghijklmnop".into(),
                browser: None,
            })
        );
        let long = "a".repeat(65);
        for token in ["", "../x", "a b", "令牌", long.as_str()] {
            let f = SignInForm {
                token: token.into(),
                ..ok.clone()
            };
            assert_eq!(f.validate(), Err(AppError::NotFound), "{token:?}");
        }
        let long = "a".repeat(41);
        for ticket in ["", "i1 2", "<script>", "i\0", long.as_str()] {
            let f = SignInForm {
                ticket: ticket.into(),
                ..ok.clone()
            };
            assert_eq!(
                f.validate(),
                Err(AppError::refused(TrainingRefusal::CodeExpired)),
                "{ticket:?}"
            );
        }
    }
}
