//! The rotating sign-in code and the ticket a scan earns (server only). The clock is always
//! passed in (`now`), so tests are exact.
//!
//! - Code: HMAC-SHA256(session.qr_secret, step as 8 big-endian bytes), the first 80 bits in
//!   base32 lowercase (16 characters). The sign-out QR uses its own domain: HMAC(secret,
//!   "out" ‖ step), so a sign-in code never signs anyone out and the other way round.
//!   Accepted: the code of the current step and of the one before (`QR_ACCEPTED_STEPS`).
//! - Ticket: what `/t/<token>/<code>` hands on to the sign-in page, so a worker who must log
//!   in first does not miss the window: `<i|o><step>-<mac>`, the mac HMAC(secret,
//!   "ticket:in|out" ‖ holder ‖ step) truncated like a code, the step the one of the scan.
//!   Valid until `TICKET_VALID` after the end of that step (at least 10 minutes after the
//!   scan). The holder (issue 20 §4) is who scanned: the person's id when signed in, else a
//!   random value the scanning browser keeps in a cookie (`Holder`), so a ticket sent on to
//!   someone else signs nobody in.
//!
//! The messages of the four domains have different lengths (8, 11, 33, 34 bytes), so no
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

/// Who a ticket belongs to: the person who scanned, or (scanned before logging in) the
/// browser that scanned, by the random value of its scan cookie. 16 bytes either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Person(uuid::Uuid),
    Browser([u8; 16]),
}

impl Holder {
    fn bytes(&self) -> [u8; 16] {
        match self {
            Holder::Person(id) => *id.as_bytes(),
            Holder::Browser(b) => *b,
        }
    }
}

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
    held_mac(secret, domain, &[], step)
}

/// The mac of `domain ‖ holder ‖ step` (`holder` empty for a code).
fn held_mac(secret: &[u8], domain: &[u8], holder: &[u8], step: i64) -> HmacSha256 {
    // HMAC takes a key of any length; the stored one is 32 bytes.
    let mut m = <HmacSha256 as Mac>::new_from_slice(secret).expect("HMAC takes any key length");
    m.update(domain);
    m.update(holder);
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

/// The ticket of a scan by `holder` accepted at `now`.
pub fn ticket(
    secret: &[u8],
    mode: Mode,
    holder: Holder,
    now: OffsetDateTime,
    step_seconds: i64,
) -> String {
    let step = qr_step(now, step_seconds);
    let mac = held_mac(secret, mode.ticket_domain(), &holder.bytes(), step);
    format!(
        "{}{step}-{}",
        mode.letter(),
        base32(&mac.finalize().into_bytes()[..MAC_BYTES])
    )
}

/// The mode of a ticket of one of `holders` still good at `now`; `None` when forged,
/// malformed, another's, from a later step (a clock gone back) or expired.
pub fn check_ticket(
    secret: &[u8],
    ticket: &str,
    holders: &[Holder],
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
    let bytes = unbase32(mac)?;
    let held = holders.iter().any(|h| {
        held_mac(secret, mode.ticket_domain(), &h.bytes(), step)
            .verify_truncated_left(&bytes)
            .is_ok()
    });
    (fresh && held).then_some(mode)
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

    const ME: Holder = Holder::Person(uuid::Uuid::from_u128(1));

    #[test]
    fn a_ticket_lasts_ten_minutes_after_its_step_and_keeps_its_mode() {
        let t = ticket(&SECRET, Mode::Out, ME, T0 + Duration::seconds(10), 30);
        assert!(t.starts_with('o'), "{t}");
        let end = T0 + Duration::seconds(30) + TICKET_VALID;
        let check = |t: &str, at| check_ticket(&SECRET, t, &[ME], at, 30);
        assert_eq!(check(&t, end - Duration::seconds(1)), Some(Mode::Out));
        assert_eq!(check(&t, end), None);
        // Not before its own step, not with another key, not edited.
        assert_eq!(check(&t, T0 - Duration::seconds(1)), None);
        assert_eq!(check_ticket(&[8; 32], &t, &[ME], T0, 30), None);
        let as_in = t.replacen('o', "i", 1);
        assert_eq!(check(&as_in, T0), None);
        let later = ticket(&SECRET, Mode::In, ME, T0 + Duration::minutes(5), 30);
        let (_, mac) = later.split_once('-').unwrap();
        let moved = format!("i{}-{mac}", qr_step(T0, 30));
        assert_eq!(check(&moved, T0), None);
        for bad in ["", "i", "i-", "x1-aaaa", "i99999999999999999999-a", "i1-"] {
            assert_eq!(check(bad, T0), None, "{bad:?}");
        }
    }

    #[test]
    fn a_ticket_is_good_only_for_who_scanned() {
        let other = Holder::Person(uuid::Uuid::from_u128(2));
        let browser = Holder::Browser([3; 16]);
        let mine = ticket(&SECRET, Mode::In, ME, T0, 30);
        assert_eq!(check_ticket(&SECRET, &mine, &[ME], T0, 30), Some(Mode::In));
        assert_eq!(check_ticket(&SECRET, &mine, &[other], T0, 30), None);
        assert_eq!(check_ticket(&SECRET, &mine, &[], T0, 30), None);
        // Scanned before logging in: good in the browser that scanned, whoever logs in.
        let anonymous = ticket(&SECRET, Mode::In, browser, T0, 30);
        assert_eq!(
            check_ticket(&SECRET, &anonymous, &[other, browser], T0, 30),
            Some(Mode::In)
        );
        assert_eq!(check_ticket(&SECRET, &anonymous, &[other], T0, 30), None);
        assert_eq!(
            check_ticket(&SECRET, &anonymous, &[Holder::Browser([4; 16])], T0, 30),
            None
        );
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
