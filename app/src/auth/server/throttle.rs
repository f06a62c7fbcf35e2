//! Login rate limits, kept in memory: per client address and per account, checked before any
//! database work or password hashing, so a flood of attempts is refused cheaply. The lockout
//! (`lockout.rs`) is the durable limit per account; these keep a flood from costing anything.
//! Their keys are hashed into a fixed number of buckets, so the memory they take is bounded
//! whatever the flood sends.

use axum::{extract::ConnectInfo, http::request::Parts};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::{
    hash::{BuildHasher, Hash, RandomState},
    net::{IpAddr, Ipv6Addr, SocketAddr},
    num::NonZeroU32,
    sync::OnceLock,
};

/// How many attempts a key may make at once (`burst`) and then per minute.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub burst: u32,
    pub per_minute: u32,
}

impl Limit {
    fn quota(self) -> Quota {
        let nz = |n: u32| NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        Quota::per_minute(nz(self.per_minute)).allow_burst(nz(self.burst))
    }
}

#[derive(Debug, Clone, Copy)]
pub struct ThrottleLimits {
    /// One address can be a whole workshop behind a NAT signing in at the start of a shift.
    pub per_address: Limit,
    pub per_account: Limit,
}

impl ThrottleLimits {
    pub const DEFAULT: ThrottleLimits = ThrottleLimits {
        per_address: Limit {
            burst: 30,
            per_minute: 60,
        },
        per_account: Limit {
            burst: 10,
            per_minute: 10,
        },
    };
}

impl ThrottleLimits {
    /// The defaults, or what `ANXUN_LOGINS_PER_ADDRESS` / `ANXUN_LOGINS_PER_ACCOUNT` say (a
    /// number N: a burst of N, then N a minute). A site where a whole shift signs in through
    /// one address raises the first; the browser tests raise both.
    pub fn from_env() -> Self {
        let read = |name: &str, default: Limit| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u32>().ok())
                .filter(|n| *n > 0)
                .map_or(default, |n| Limit {
                    burst: n,
                    per_minute: n,
                })
        };
        ThrottleLimits {
            per_address: read("ANXUN_LOGINS_PER_ADDRESS", Self::DEFAULT.per_address),
            per_account: read("ANXUN_LOGINS_PER_ACCOUNT", Self::DEFAULT.per_account),
        }
    }
}

/// How long a refused attempt waits before its answer. Refusing is cheap, but a flood that
/// resends as soon as it is answered would otherwise take every core just being refused (46,000
/// attempts a second on the bench machine); held a second, each connection of it costs a
/// sleeping task and a signed-in worker's pages keep their speed.
pub const REFUSED_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

/// How many keys each limit keeps at most. A key is a keyed hash (random per process) of the
/// account or the client's address folded into this many buckets, so a flood of distinct or
/// long accounts from many addresses keeps at most this many small entries (a few MB), never
/// what it sent. Two accounts (or addresses) share an allowance only when their buckets meet,
/// about one in 260,000, and nobody outside the process can aim for a bucket.
pub const KEY_BUCKETS: u64 = 1 << 18;

pub struct LoginThrottle {
    by_address: DefaultKeyedRateLimiter<u32>,
    by_account: DefaultKeyedRateLimiter<u32>,
    hasher: RandomState,
}

impl LoginThrottle {
    pub fn new(limits: ThrottleLimits) -> Self {
        LoginThrottle {
            by_address: RateLimiter::keyed(limits.per_address.quota()),
            by_account: RateLimiter::keyed(limits.per_account.quota()),
            hasher: RandomState::new(),
        }
    }

    fn bucket(&self, value: impl Hash) -> u32 {
        (self.hasher.hash_one(value) % KEY_BUCKETS) as u32
    }

    /// Takes one attempt from the address's and the account's allowance; false when either
    /// is used up (the attempt is then refused without looking at it). An IPv6 client is
    /// counted by its /64 (`client_network`). The caller has checked the account's length.
    pub fn allow(&self, address: Option<IpAddr>, account_key: &str) -> bool {
        if let Some(address) = address {
            let key = self.bucket(client_network(address));
            if self.by_address.check_key(&key).is_err() {
                return false;
            }
        }
        self.by_account.check_key(&self.bucket(account_key)).is_ok()
    }

    /// How many keys the two limits hold now (each at most `KEY_BUCKETS`).
    pub fn key_count(&self) -> usize {
        self.by_address.len() + self.by_account.len()
    }

    /// Forgets keys whose allowance is full again (called now and then).
    pub fn forget_idle(&self) {
        self.by_address.retain_recent();
        self.by_address.shrink_to_fit();
        self.by_account.retain_recent();
        self.by_account.shrink_to_fit();
    }
}

/// What one client is counted as: an IPv4 address (also written as `::ffff:a.b.c.d`), or the
/// /64 network of an IPv6 address. A single IPv6 subscriber is handed a /64 (or more) and can
/// use any of its 2^64 addresses, so counting each address would give it 2^64 allowances.
pub fn client_network(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & (u128::MAX << 64))),
        },
    }
}

/// The client's address: the peer of the connection or, when the server is configured to sit
/// behind a reverse proxy (`ANXUN_BEHIND_PROXY=1`), the address that proxy reports. Never
/// trust the forwarding headers otherwise: anyone can send them.
pub struct ClientAddr(pub Option<IpAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip());
        if !behind_proxy() {
            return Ok(ClientAddr(peer));
        }
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
        let forwarded = header("x-real-ip")
            .or_else(|| header("x-forwarded-for").and_then(|v| v.rsplit(',').next()))
            .and_then(|v| v.trim().parse().ok());
        Ok(ClientAddr(forwarded.or(peer)))
    }
}

fn behind_proxy() -> bool {
    static BEHIND: OnceLock<bool> = OnceLock::new();
    *BEHIND.get_or_init(|| std::env::var("ANXUN_BEHIND_PROXY").is_ok_and(|v| v == "1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: ThrottleLimits = ThrottleLimits {
        per_address: Limit {
            burst: 3,
            per_minute: 1,
        },
        per_account: Limit {
            burst: 2,
            per_minute: 1,
        },
    };

    #[test]
    fn an_address_gets_its_burst_then_is_refused_while_others_go_on() {
        let t = LoginThrottle::new(SMALL);
        let (a, b) = ("10.0.0.1".parse().ok(), "10.0.0.2".parse().ok());
        assert!(t.allow(a, "mobile:1"));
        assert!(t.allow(a, "mobile:2"));
        assert!(t.allow(a, "mobile:3"));
        assert!(
            !t.allow(a, "mobile:4"),
            "the fourth attempt from one address"
        );
        assert!(t.allow(b, "mobile:4"), "another address is not affected");
    }

    #[test]
    fn an_account_gets_its_burst_from_any_number_of_addresses() {
        let t = LoginThrottle::new(SMALL);
        assert!(t.allow("10.0.0.1".parse().ok(), "mobile:1"));
        assert!(t.allow("10.0.0.2".parse().ok(), "mobile:1"));
        assert!(!t.allow("10.0.0.3".parse().ok(), "mobile:1"));
        assert!(t.allow("10.0.0.3".parse().ok(), "mobile:2"));
    }

    #[test]
    fn addresses_of_one_ipv6_64_share_an_allowance() {
        let t = LoginThrottle::new(SMALL);
        let a = "2001:db8:1:2::1".parse().ok();
        let b = "2001:db8:1:2:ffff:ffff:ffff:fffe".parse().ok();
        let other_64 = "2001:db8:1:3::1".parse().ok();
        assert!(t.allow(a, "mobile:1"));
        assert!(t.allow(b, "mobile:2"));
        assert!(t.allow(a, "mobile:3"));
        assert!(!t.allow(b, "mobile:4"), "the /64's fourth attempt");
        assert!(
            t.allow(other_64, "mobile:4"),
            "the next /64 is another client"
        );
    }

    #[test]
    fn a_client_is_its_ipv4_address_or_its_ipv6_64() {
        let net = |a: &str| client_network(a.parse().unwrap()).to_string();
        assert_eq!(net("10.0.0.1"), "10.0.0.1");
        assert_eq!(net("::ffff:10.0.0.1"), "10.0.0.1");
        assert_eq!(net("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::");
        assert_eq!(net("2001:db8:1:2::"), "2001:db8:1:2::");
        assert_eq!(net("::1"), "::");
    }

    /// A flood of distinct accounts (from no known address, so only the account limit sees
    /// them) never holds more keys than there are buckets, and a key is a small number
    /// whatever the account was.
    #[test]
    fn the_keys_stay_bounded_however_many_accounts_are_tried() {
        let t = LoginThrottle::new(SMALL);
        let flood = KEY_BUCKETS as usize + 20_000;
        for i in 0..flood {
            t.allow(None, &format!("mobile:{i:0>60}"));
        }
        assert!(t.key_count() <= KEY_BUCKETS as usize, "{}", t.key_count());
        assert!(
            t.key_count() > KEY_BUCKETS as usize / 2,
            "{}",
            t.key_count()
        );
    }
}
