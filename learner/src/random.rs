//! numpy's legacy `RandomState`: the stream the original demo's weights come from.
//!
//! The original calls `np.random.seed(5)` and lets `MLPClassifier(random_state=None)` draw
//! from numpy's global `RandomState`; `train_test_split(random_state=0)` makes its own. Both
//! are MT19937 (from `rand_mt`) with numpy's legacy seeding (`init_genrand`), 53-bit doubles
//! built from two 32-bit outputs, and the masked-rejection bounded integers of the legacy
//! shuffle. This module reproduces those output sequences draw for draw.

use rand_mt::Mt;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The most 32-bit draws a saved stream may ask to replay (about a second of work). A
/// session draws about 3,000 per model, so this allows some 350,000 resets.
pub const MAX_REPLAYED_DRAWS: u64 = 1 << 30;

/// numpy's legacy `np.random.RandomState(seed)`.
///
/// It also counts its 32-bit draws, so a stream is saved as `(seed, draws)` and restored by
/// replaying: MT19937's state is 2.5 KB, its seed and position are two numbers.
///
/// ```
/// use learner::random::RandomState;
/// // np.random.RandomState(0).random_sample()
/// assert_eq!(RandomState::new(0).random_sample(), 0.5488135039273248);
/// // np.random.RandomState(0).permutation(5)
/// assert_eq!(RandomState::new(0).permutation(5), vec![2, 0, 1, 3, 4]);
/// ```
#[derive(Clone)]
pub struct RandomState {
    mt: Mt,
    seed: u32,
    draws: u64,
}

impl std::fmt::Debug for RandomState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RandomState").field("seed", &self.seed).field("draws", &self.draws).finish()
    }
}

impl PartialEq for RandomState {
    fn eq(&self, other: &Self) -> bool {
        self.seed == other.seed && self.draws == other.draws
    }
}

impl RandomState {
    /// `np.random.RandomState(seed)` (equivalently `np.random.seed(seed)`), for a seed in
    /// numpy's accepted range 0 ..= 2^32 - 1.
    pub fn new(seed: u32) -> Self {
        Self { mt: Mt::new(seed), seed, draws: 0 }
    }

    /// The stream seeded with `seed` after `draws` 32-bit outputs, as [`RandomState::position`]
    /// reported them. `None` if `draws` exceeds [`MAX_REPLAYED_DRAWS`].
    pub fn resume(seed: u32, draws: u64) -> Option<Self> {
        if draws > MAX_REPLAYED_DRAWS {
            return None;
        }
        let mut stream = Self::new(seed);
        for _ in 0..draws {
            stream.next_u32();
        }
        Some(stream)
    }

    /// The seed and the number of 32-bit outputs drawn since seeding.
    pub fn position(&self) -> (u32, u64) {
        (self.seed, self.draws)
    }

    /// The generator's next raw 32-bit output.
    pub fn next_u32(&mut self) -> u32 {
        self.draws += 1;
        self.mt.next_u32()
    }

    /// numpy's `mt19937_next64`: the first output is the high half.
    fn next_u64(&mut self) -> u64 {
        let high = u64::from(self.next_u32());
        (high << 32) | u64::from(self.next_u32())
    }

    /// `random_sample()`: a double in [0, 1) from 27 + 26 random bits.
    pub fn random_sample(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) / 9_007_199_254_740_992.0
    }

    /// `uniform(low, high)`: numpy computes `low + (high - low) * random_sample()`.
    pub fn uniform(&mut self, low: f64, high: f64) -> f64 {
        let range = high - low;
        low + range * self.random_sample()
    }

    /// `uniform(low, high, size=out.len())`, filling `out` in order.
    pub fn fill_uniform(&mut self, low: f64, high: f64, out: &mut [f64]) {
        for value in out {
            *value = self.uniform(low, high);
        }
    }

    /// numpy's `random_interval(max)`: uniform in `0..=max` by rejection under the smallest
    /// all-ones mask covering `max`, from 32-bit draws when `max` fits in 32 bits.
    pub fn random_interval(&mut self, max: u64) -> u64 {
        if max == 0 {
            return 0;
        }
        let mask = u64::MAX >> max.leading_zeros();
        if max <= u64::from(u32::MAX) {
            loop {
                let value = u64::from(self.next_u32()) & mask;
                if value <= max {
                    return value;
                }
            }
        }
        loop {
            let value = self.next_u64() & mask;
            if value <= max {
                return value;
            }
        }
    }

    /// `shuffle(items)`: the legacy Fisher-Yates, from the last position down to 1.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.random_interval(i as u64) as usize;
            items.swap(i, j);
        }
    }

    /// `permutation(n)`: a shuffled `arange(n)`.
    pub fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut indices: Vec<usize> = (0..n).collect();
        self.shuffle(&mut indices);
        indices
    }
}

/// A stream as a file holds it: the seed and the draws, none missing and none besides.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SavedStream {
    seed: u32,
    draws: u64,
}

impl Serialize for RandomState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        SavedStream { seed: self.seed, draws: self.draws }.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RandomState {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let saved = SavedStream::deserialize(deserializer)?;
        RandomState::resume(saved.seed, saved.draws).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "a random stream may replay at most {MAX_REPLAYED_DRAWS} draws, not {}",
                saved.draws
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn first_output_matches_the_mt19937_reference() {
        // init_genrand(5489), the reference implementation's default seed.
        assert_eq!(RandomState::new(5489).next_u32(), 3_499_211_612);
    }

    #[test]
    fn the_high_half_of_a_64_bit_draw_comes_first() {
        let mut a = RandomState::new(1);
        let mut b = RandomState::new(1);
        let expected = (u64::from(b.next_u32()) << 32) | u64::from(b.next_u32());
        assert_eq!(a.next_u64(), expected);
    }

    #[test]
    fn intervals_beyond_32_bits_use_64_bit_draws_under_the_mask() {
        let max = (1u64 << 40) + 12_345;
        let mut stream = RandomState::new(9);
        let mut replay = RandomState::new(9);
        for _ in 0..100 {
            let value = stream.random_interval(max);
            assert!(value <= max);
            let expected = loop {
                let candidate = replay.next_u64() & ((1u64 << 41) - 1);
                if candidate <= max {
                    break candidate;
                }
            };
            assert_eq!(value, expected);
        }
        assert_eq!(stream.position(), replay.position());
    }

    #[test]
    fn an_interval_of_zero_draws_nothing() {
        let mut stream = RandomState::new(3);
        assert_eq!(stream.random_interval(0), 0);
        assert_eq!(stream.position(), (3, 0));
    }

    #[test]
    fn a_saved_stream_resumes_where_it_stopped() {
        let mut stream = RandomState::new(11);
        for _ in 0..37 {
            stream.random_sample();
        }
        let json = serde_json::to_string(&stream).unwrap();
        assert_eq!(json, r#"{"seed":11,"draws":74}"#);
        let mut resumed: RandomState = serde_json::from_str(&json).unwrap();
        assert_eq!(resumed.random_sample(), stream.random_sample());
    }

    #[test]
    fn a_saved_stream_cannot_demand_an_endless_replay() {
        let json = format!(r#"{{"seed":1,"draws":{}}}"#, MAX_REPLAYED_DRAWS + 1);
        let error = serde_json::from_str::<RandomState>(&json).unwrap_err();
        assert!(error.to_string().contains("at most"), "{error}");
    }
}
