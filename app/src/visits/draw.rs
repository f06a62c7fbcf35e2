//! 抽查's draw: N enterprises per township from the ones visited, reproducible from the seed
//! the draw shows. The generator is SplitMix64 (Steele, Lea and Flood, "Fast splittable
//! pseudorandom number generators", OOPSLA 2014; the constants of its reference code): small
//! enough to be written here and read in full, so anyone can redo a draw from its seed, its
//! candidates (sorted by id) and this file.

use uuid::Uuid;

/// SplitMix64: each call returns the next 64-bit value of the stream started at `seed`.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `0..n` (n > 0), without modulo bias (rejection of the short last range).
    pub fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let v = self.next_u64();
            if v < zone {
                return v % n;
            }
        }
    }
}

/// Draws up to `per_township` enterprises of each township: townships in the order of their
/// ids, each township's candidates sorted by id, then a partial Fisher–Yates shuffle from one
/// stream seeded with `seed`. The same seed over the same candidates gives the same picks.
pub fn draw(seed: u64, townships: &[(Uuid, Vec<Uuid>)], per_township: usize) -> Vec<(Uuid, Uuid)> {
    let mut rng = SplitMix64::new(seed);
    let mut order: Vec<&(Uuid, Vec<Uuid>)> = townships.iter().collect();
    order.sort_by_key(|(t, _)| *t);
    let mut picks = Vec::new();
    for (township, candidates) in order {
        let mut pool = candidates.clone();
        pool.sort();
        pool.dedup();
        let take = per_township.min(pool.len());
        for i in 0..take {
            let j = i + rng.below((pool.len() - i) as u64) as usize;
            pool.swap(i, j);
            picks.push((*township, pool[i]));
        }
    }
    picks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_follows_its_reference_stream() {
        // The first values of the reference implementation seeded with 1234567.
        let mut r = SplitMix64::new(1234567);
        assert_eq!(r.next_u64(), 6457827717110365317);
        assert_eq!(r.next_u64(), 3203168211198807973);
    }

    fn ids(n: u128, base: u128) -> Vec<Uuid> {
        (0..n).map(|i| Uuid::from_u128(base + i)).collect()
    }

    #[test]
    fn a_draw_is_reproducible_from_its_seed_and_takes_at_most_n_per_township() {
        let towns = vec![
            (Uuid::from_u128(2), ids(10, 100)),
            (Uuid::from_u128(1), ids(3, 200)),
            (Uuid::from_u128(3), vec![]),
        ];
        let a = draw(42, &towns, 4);
        assert_eq!(a, draw(42, &towns, 4), "same seed, same picks");
        // The candidates' order as given does not matter: they are sorted first.
        let mut shuffled = towns.clone();
        shuffled[0].1.reverse();
        shuffled.reverse();
        assert_eq!(a, draw(42, &shuffled, 4));
        // Township 1 has only three: all of them; township 2 four of ten; township 3 none.
        assert_eq!(a.iter().filter(|p| p.0 == Uuid::from_u128(1)).count(), 3);
        let of_two: Vec<_> = a.iter().filter(|p| p.0 == Uuid::from_u128(2)).collect();
        assert_eq!(of_two.len(), 4);
        let mut distinct = of_two.iter().map(|p| p.1).collect::<Vec<_>>();
        distinct.dedup();
        assert_eq!(distinct.len(), 4);
        assert_ne!(a, draw(43, &towns, 4), "another seed, another draw");
        assert!(draw(42, &towns, 0).is_empty());
    }

    #[test]
    fn below_stays_in_range() {
        let mut r = SplitMix64::new(7);
        for n in [1u64, 2, 3, 10, u64::MAX] {
            for _ in 0..100 {
                assert!(r.below(n) < n);
            }
        }
    }
}
