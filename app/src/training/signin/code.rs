//! The rotating sign-in code and the ticket a scan earns (server only). The clock is always
//! passed in (`now`), so tests are exact.
//!
//! - Code: HMAC-SHA256(session.qr_secret, step as 8 big-endian bytes), the first 80 bits in
//!   base32 lowercase (16 characters). The sign-out QR uses its own domain: HMAC(secret,
//!   "out" ‖ step), so a sign-in code never signs anyone out and the other way round.
//!   Accepted: the code of the current step and of the one before (`QR_ACCEPTED_STEPS`).
//! - Ticket: what `/t/<token>/<code>` hands on to the sign-in page, so a worker who must log
//!   in first does not miss the window: `<i|o><step>-<mac>`, the mac HMAC(secret,
//!   "ticket:in|out" ‖ step) truncated like a code, the step the one of the scan. Valid until
//!   `TICKET_VALID` after the end of that step (at least 10 minutes after the scan).
//!
//! The messages of the four domains have different lengths (8, 11, 17, 18 bytes), so no
//! code or ticket of one domain is ever valid in another.

use crate::rules::training::{qr_step, QR_ACCEPTED_STEPS, QR_STEP_SECONDS};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::OnceLock;
use time::{Duration, OffsetDateTime};

type HmacSha256 = Hmac<Sha256>;

/// 80 bits: a guess has one chance in 2^80 per try.
const MAC_BYTES: usize = 10;
/// 80 bits in base32.
pub const CODE_LEN: usize = 16;
const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// How long a ticket stays good after the step of its scan has ended.
pub const TICKET_VALID: Duration = Duration::minutes(10);

/// Which QR the trainer shows: the sign-in one or the sign-out one (`?mode=out`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    In,
    Out,
}

impl Mode {
    fn code_domain(self) -> &'static [u8] {
        match self {
            Mode::In => b"",
            Mode::Out => b"out",
        }
    }

    fn ticket_domain(self) -> &'static [u8] {
        match self {
            Mode::In => b"ticket:in",
            Mode::Out => b"ticket:out",
        }
    }

    fn letter(self) -> char {
        match self {
            Mode::In => 'i',
            Mode::Out => 'o',
        }
    }
}

/// The step length in seconds: `QR_STEP_SECONDS`, or `ANXUN_TRAINING_QR_STEP_SECONDS` (a
/// whole number ≥ 1; the browser tests use a few seconds), read once.
pub fn step_seconds() -> i64 {
    static STEP: OnceLock<i64> = OnceLock::new();
    *STEP.get_or_init(|| {
        parse_step(
            std::env::var("ANXUN_TRAINING_QR_STEP_SECONDS")
                .ok()
                .as_deref(),
        )
    })
}

fn parse_step(value: Option<&str>) -> i64 {
    value
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|s| *s >= 1)
        .unwrap_or(QR_STEP_SECONDS)
}

fn mac(secret: &[u8], domain: &[u8], step: i64) -> HmacSha256 {
    // HMAC takes a key of any length; the stored one is 32 bytes.
    let mut m = <HmacSha256 as Mac>::new_from_slice(secret).expect("HMAC takes any key length");
    m.update(domain);
    m.update(&step.to_be_bytes());
    m
}

fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let (mut bits, mut nbits) = (0u32, 0);
    for b in bytes {
        bits = (bits << 8) | u32::from(*b);
        nbits += 8;
        while nbits >= 5 {
            nbits -= 5;
            out.push(ALPHABET[((bits >> nbits) & 31) as usize] as char);
        }
    }
    if nbits > 0 {
        out.push(ALPHABET[((bits << (5 - nbits)) & 31) as usize] as char);
    }
    out
}

/// The 10 bytes of a 16-character code; `None` for anything else.
fn unbase32(text: &str) -> Option<[u8; MAC_BYTES]> {
    if text.len() != CODE_LEN {
        return None;
    }
    let mut out = [0u8; MAC_BYTES];
    let (mut bits, mut nbits, mut i) = (0u32, 0, 0);
    for c in text.bytes() {
        let c = c.to_ascii_lowercase();
        let v = ALPHABET.iter().position(|a| *a == c)? as u32;
        bits = (bits << 5) | v;
        nbits += 5;
        if nbits >= 8 {
            nbits -= 8;
            out[i] = (bits >> nbits) as u8;
            i += 1;
        }
    }
    Some(out)
}

fn tag(secret: &[u8], domain: &[u8], step: i64) -> String {
    base32(&mac(secret, domain, step).finalize().into_bytes()[..MAC_BYTES])
}

/// Whether `text` is the tag of `step` (constant time: `verify_truncated_left`).
fn verifies(secret: &[u8], domain: &[u8], step: i64, text: &str) -> bool {
    unbase32(text).is_some_and(|bytes| {
        mac(secret, domain, step)
            .verify_truncated_left(&bytes)
            .is_ok()
    })
}

/// The code of `step`.
pub fn code(secret: &[u8], mode: Mode, step: i64) -> String {
    tag(secret, mode.code_domain(), step)
}

/// The code the QR shows at `now`.
pub fn code_at(secret: &[u8], mode: Mode, now: OffsetDateTime, step_seconds: i64) -> String {
    code(secret, mode, qr_step(now, step_seconds))
}

/// Whether `code` is accepted at `now`: the code of the current step or of the one before.
pub fn accepts(
    secret: &[u8],
    mode: Mode,
    code: &str,
    now: OffsetDateTime,
    step_seconds: i64,
) -> bool {
    let current = qr_step(now, step_seconds);
    (0..QR_ACCEPTED_STEPS).any(|back| verifies(secret, mode.code_domain(), current - back, code))
}

/// Whole seconds until the QR changes (1 to the step length): the projector's refresh.
pub fn seconds_to_next(now: OffsetDateTime, step_seconds: i64) -> i64 {
    let step = step_seconds.max(1);
    step - now.unix_timestamp().rem_euclid(step)
}

/// The ticket of a scan accepted at `now`.
pub fn ticket(secret: &[u8], mode: Mode, now: OffsetDateTime, step_seconds: i64) -> String {
    let step = qr_step(now, step_seconds);
    format!(
        "{}{step}-{}",
        mode.letter(),
        tag(secret, mode.ticket_domain(), step)
    )
}

/// The mode of a ticket still good at `now`; `None` when forged, malformed, from a later
/// step (a clock gone back) or expired.
pub fn check_ticket(
    secret: &[u8],
    ticket: &str,
    now: OffsetDateTime,
    step_seconds: i64,
) -> Option<Mode> {
    let mode = match ticket.chars().next()? {
        'i' => Mode::In,
        'o' => Mode::Out,
        _ => return None,
    };
    let (step, mac) = ticket.get(1..)?.split_once('-')?;
    if step.is_empty() || step.len() > 18 || !step.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let step: i64 = step.parse().ok()?;
    let step_seconds = step_seconds.max(1);
    let ends = OffsetDateTime::from_unix_timestamp(step.checked_add(1)?.checked_mul(step_seconds)?)
        .ok()?;
    let fresh = step <= qr_step(now, step_seconds) && now < ends + TICKET_VALID;
    (fresh && verifies(secret, mode.ticket_domain(), step, mac)).then_some(mode)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const SECRET: [u8; 32] = [7; 32];
    /// A step boundary for a 30-second step.
    const T0: OffsetDateTime = datetime!(2026-12-01 09:00:00 UTC);

    #[test]
    fn codes_are_16_lowercase_base32_characters_and_change_each_step() {
        let a = code_at(&SECRET, Mode::In, T0, 30);
        assert_eq!(a.len(), CODE_LEN);
        assert!(a
            .bytes()
            .all(|c| c.is_ascii_lowercase() || (b'2'..=b'7').contains(&c)));
        assert_eq!(
            a,
            code_at(&SECRET, Mode::In, T0 + Duration::seconds(29), 30)
        );
        assert_ne!(
            a,
            code_at(&SECRET, Mode::In, T0 + Duration::seconds(30), 30)
        );
        assert_ne!(a, code_at(&SECRET, Mode::Out, T0, 30));
        assert_ne!(a, code_at(&[8; 32], Mode::In, T0, 30));
        assert_eq!(unbase32(&a).map(|b| base32(&b)), Some(a));
    }

    #[test]
    fn the_code_is_the_truncated_hmac_of_the_big_endian_step() {
        let step = qr_step(T0, 30);
        let mut m = <HmacSha256 as Mac>::new_from_slice(&SECRET).unwrap();
        m.update(&step.to_be_bytes());
        let full = m.finalize().into_bytes();
        assert_eq!(code(&SECRET, Mode::In, step), base32(&full[..10]));
    }

    #[test]
    fn the_current_and_previous_steps_are_accepted_not_older_nor_later() {
        let shown = code_at(&SECRET, Mode::In, T0, 30);
        let at = |s: i64| T0 + Duration::seconds(s);
        assert!(accepts(&SECRET, Mode::In, &shown, at(0), 30));
        assert!(accepts(&SECRET, Mode::In, &shown, at(59), 30));
        assert!(!accepts(&SECRET, Mode::In, &shown, at(60), 30));
        assert!(!accepts(&SECRET, Mode::In, &shown, at(-1), 30));
        assert!(!accepts(&SECRET, Mode::Out, &shown, at(0), 30));
        assert!(!accepts(&[8; 32], Mode::In, &shown, at(0), 30));
        assert!(accepts(&SECRET, Mode::In, &shown.to_uppercase(), at(0), 30));
        for bad in [
            "",
            "abc",
            "0000000000000000",
            "aaaaaaaaaaaaaaaaa",
            "ééééééééé",
        ] {
            assert!(!accepts(&SECRET, Mode::In, bad, at(0), 30), "{bad:?}");
        }
    }

    #[test]
    fn a_ticket_lasts_ten_minutes_after_its_step_and_keeps_its_mode() {
        let t = ticket(&SECRET, Mode::Out, T0 + Duration::seconds(10), 30);
        assert!(t.starts_with('o'), "{t}");
        let end = T0 + Duration::seconds(30) + TICKET_VALID;
        assert_eq!(
            check_ticket(&SECRET, &t, end - Duration::seconds(1), 30),
            Some(Mode::Out)
        );
        assert_eq!(check_ticket(&SECRET, &t, end, 30), None);
        // Not before its own step, not with another key, not edited.
        assert_eq!(
            check_ticket(&SECRET, &t, T0 - Duration::seconds(1), 30),
            None
        );
        assert_eq!(check_ticket(&[8; 32], &t, T0, 30), None);
        let as_in = t.replacen('o', "i", 1);
        assert_eq!(check_ticket(&SECRET, &as_in, T0, 30), None);
        let later = ticket(&SECRET, Mode::In, T0 + Duration::minutes(5), 30);
        let (_, mac) = later.split_once('-').unwrap();
        let moved = format!("i{}-{mac}", qr_step(T0, 30));
        assert_eq!(check_ticket(&SECRET, &moved, T0, 30), None);
        for bad in ["", "i", "i-", "x1-aaaa", "i99999999999999999999-a", "i1-"] {
            assert_eq!(check_ticket(&SECRET, bad, T0, 30), None, "{bad:?}");
        }
    }

    #[test]
    fn the_step_comes_from_the_environment_when_whole_and_positive() {
        assert_eq!(parse_step(None), QR_STEP_SECONDS);
        assert_eq!(parse_step(Some("4")), 4);
        for bad in ["0", "-3", "x", "", "1.5"] {
            assert_eq!(parse_step(Some(bad)), QR_STEP_SECONDS, "{bad:?}");
        }
        assert_eq!(seconds_to_next(T0, 30), 30);
        assert_eq!(seconds_to_next(T0 + Duration::seconds(29), 30), 1);
    }
}
