//! Session pages: `/training` (the lists and the trainer's dashboard), the new-session form,
//! the session page with its roster, and the printable sign-in sheet. The words of the
//! vocabularies are here (`*_text`), for pages and files alike.

mod form;
mod home;
mod session;
pub mod sheet;

pub use form::NewSessionPage;
pub use home::HomePage;
pub use session::SessionDetailPage;
pub use sheet::SheetPage;

use crate::{
    i18n::*,
    training::{Assessment, Category, InviteKind, PresenceBy, Review},
};

/// The review of an offline sign-in: 离线签到·待审核 / 已接受 / 已拒绝.
pub fn review_text(locale: Locale, r: Review) -> String {
    match r {
        Review::Pending => td_string!(locale, sessions.review_pending),
        Review::Accepted => td_string!(locale, sessions.review_accepted),
        Review::Rejected => td_string!(locale, sessions.review_rejected),
    }
    .to_string()
}

pub fn category_text(locale: Locale, c: Category) -> String {
    match c {
        Category::InductionCompany => td_string!(locale, sessions.category_induction_company),
        Category::InductionWorkshop => td_string!(locale, sessions.category_induction_workshop),
        Category::InductionTeam => td_string!(locale, sessions.category_induction_team),
        Category::Transfer => td_string!(locale, sessions.category_transfer),
        Category::ReturnToPost => td_string!(locale, sessions.category_return_to_post),
        Category::Restart => td_string!(locale, sessions.category_restart),
        Category::ConfinedSpace => td_string!(locale, sessions.category_confined_space),
        Category::FourNew => td_string!(locale, sessions.category_four_new),
        Category::Daily => td_string!(locale, sessions.category_daily),
        Category::Other => td_string!(locale, sessions.category_other),
    }
    .to_string()
}

pub fn assessment_text(locale: Locale, a: Assessment) -> String {
    match a {
        Assessment::None => td_string!(locale, sessions.assessment_none),
        Assessment::Score => td_string!(locale, sessions.assessment_score),
        Assessment::Quiz => td_string!(locale, sessions.assessment_quiz),
    }
    .to_string()
}

/// How presence was shown: 扫码, or 培训人代签 with the trainer's name.
pub fn presence_text(locale: Locale, by: PresenceBy, trainer: Option<&str>) -> String {
    match by {
        PresenceBy::Scan => td_string!(locale, sessions.by_scan).to_string(),
        PresenceBy::Trainer => {
            let by = td_string!(locale, sessions.by_trainer).to_string();
            match trainer {
                Some(name) => format!("{by}（{name}）"),
                None => by,
            }
        }
    }
}

pub fn invite_kind_text(locale: Locale, k: InviteKind) -> String {
    match k {
        InviteKind::Person => td_string!(locale, sessions.invite_person),
        InviteKind::Department => td_string!(locale, sessions.invite_department),
        InviteKind::Role => td_string!(locale, sessions.invite_role),
    }
    .to_string()
}

/// A result: 合格 / 不合格 with the score when there is one.
pub fn result_text(locale: Locale, score: Option<i32>, passed: Option<bool>) -> String {
    let verdict = match passed {
        Some(true) => td_string!(locale, sessions.passed).to_string(),
        Some(false) => td_string!(locale, sessions.failed).to_string(),
        None => return String::new(),
    };
    match score {
        Some(s) => format!("{} · {verdict}", crate::time_fmt::score(locale, s)),
        None => verdict,
    }
}
