//! numpy's legacy `RandomState`: the stream the original demo's weights come from.
//!
//! The original calls `np.random.seed(5)` and lets `MLPClassifier(random_state=None)` draw
//! from numpy's global `RandomState`; `train_test_split(random_state=0)` makes its own. Both
//! are MT19937 (from `rand_mt`) with numpy's legacy seeding (`init_genrand`), 53-bit doubles
//! built from two 32-bit outputs, and the masked-rejection bounded integers of the legacy
//! shuffle. This module reproduces those output sequences draw for draw.

use rand_mt::Mt;
use serde::{Deserialize, Serialize};

use crate::error::Invariant;
use crate::model_file::check_count;

/// The most 32-bit draws a stream saved as its seed and draws alone (a version 1 session
/// snapshot) may ask to replay: about 17 ms natively and 90 ms in the browser. Version 2
/// snapshots carry the generator's next outputs ([`SavedStream::next`]) and replay nothing
/// beyond [`CHECKED_DRAWS`], whatever their draws.
pub const MAX_REPLAYED_DRAWS: u64 = 1 << 24;

/// A saved stream's next outputs are checked against its seed and draws (replayed) when it
/// has drawn at most this many: a few milliseconds; beyond, they are taken as they are.
pub const CHECKED_DRAWS: u64 = 1 << 20;

/// How many outputs restore MT19937 where it stands: its state is 624 words, and any 624
/// consecutive outputs determine the ones after them (`rand_mt::Mt::recover`).
pub const STATE_OUTPUTS: usize = 624;

/// numpy's legacy `np.random.RandomState(seed)`.
///
/// It also counts its 32-bit draws, so a stream saved as its seed, its draws and its next
/// [`STATE_OUTPUTS`] outputs ([`SavedStream`]) is restored at once, wherever it stood.
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

    /// The stream seeded with `seed` after `draws` outputs, whose next [`STATE_OUTPUTS`]
    /// outputs are `next`; `None` unless there are exactly that many. `rand_mt` restores a
    /// generator that goes on *after* 624 given outputs ([`Mt::recover`]); so the 624 words
    /// before them are found ([`untwist`]) and given, and it goes on with `next`.
    fn from_next(seed: u32, draws: u64, next: &[u32]) -> Option<Self> {
        let words: &[u32; STATE_OUTPUTS] = next.try_into().ok()?;
        let before = untwist(&words.map(untemper));
        let mt = Mt::recover(before.map(temper)).ok()?;
        Some(Self { mt, seed, draws })
    }

    /// The stream as a file keeps it: its seed, its draws and its next outputs.
    pub fn saved(&self) -> SavedStream {
        let mut ahead = self.clone();
        let next = (0..STATE_OUTPUTS).map(|_| ahead.next_u32()).collect();
        SavedStream { seed: self.seed, draws: self.draws, next: Some(next) }
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

// MT19937 (Matsumoto and Nishimura, 1998): its words are `x[k + 624] = x[k + 397] ^ twist(upper
// bit of x[k], lower 31 bits of x[k + 1])`, and each output is a word tempered.
const MIDDLE: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// MT19937's tempering: a word as it is output.
fn temper(word: u32) -> u32 {
    let mut y = word ^ (word >> 11);
    y ^= (y << 7) & 0x9d2c_5680;
    y ^= (y << 15) & 0xefc6_0000;
    y ^ (y >> 18)
}

/// The word an output was tempered from: each of [`temper`]'s steps undone, last first.
fn untemper(output: u32) -> u32 {
    let mut y = output ^ (output >> 18);
    y ^= (y << 15) & 0xefc6_0000;
    // y ^= (y << 7) & mask, undone 7 bits at a time from the low end.
    let mut word = y;
    for _ in 0..4 {
        word = y ^ ((word << 7) & 0x9d2c_5680);
    }
    // y ^= y >> 11, undone 11 bits at a time from the high end.
    let mut undone = word;
    for _ in 0..2 {
        undone = word ^ (undone >> 11);
    }
    undone
}

/// The 624 words before `words` (624 consecutive words of the stream): the twist run
/// backwards. The word `words[i]` came from the upper bit of `before[i]` and the lower bits
/// of the word after it, so each step gives one upper bit and the next word's lower bits; the
/// lower bits of `before[0]` come from no word here, and no later word depends on them (they
/// are left 0).
fn untwist(words: &[u32; STATE_OUTPUTS]) -> [u32; STATE_OUTPUTS] {
    let mut before = [0u32; STATE_OUTPUTS];
    for i in (0..STATE_OUTPUTS).rev() {
        // x[k + 397]: in `words` once i + 397 reaches past `before`, else a word of
        // `before` that later steps (higher i) have finished.
        let ahead = if i + MIDDLE >= STATE_OUTPUTS { words[i + MIDDLE - STATE_OUTPUTS] } else { before[i + MIDDLE] };
        let mut twisted = words[i] ^ ahead;
        // `twisted` is y >> 1, with MATRIX_A (its top bit set) xor-ed in when y was odd.
        let odd = twisted & UPPER_MASK != 0;
        if odd {
            twisted ^= MATRIX_A;
        }
        let y = (twisted << 1) | u32::from(odd);
        before[i] |= y & UPPER_MASK;
        if i + 1 < STATE_OUTPUTS {
            before[i + 1] |= y & LOWER_MASK;
        }
    }
    before
}

/// A stream as a file holds it: the seed, the draws since seeding and, from version 2 of the
/// session snapshot on, the next [`STATE_OUTPUTS`] outputs, from which the generator goes on
/// at once (version 1 files have none, and are replayed from the seed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedStream {
    pub seed: u32,
    pub draws: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<Vec<u32>>,
}

impl SavedStream {
    /// The stream it keeps, or why not (naming the field): `draws` past 2^53 (as the model
    /// file's counts), `next` of the wrong length, or not what the seed gives after `draws`
    /// (checked up to [`CHECKED_DRAWS`]); without `next`, more than [`MAX_REPLAYED_DRAWS`]
    /// to replay.
    pub fn resume(&self) -> Result<RandomState, String> {
        check_count("stream.draws", self.draws)?;
        let Some(next) = &self.next else {
            return RandomState::resume(self.seed, self.draws).ok_or_else(|| {
                format!(
                    "stream.draws: a stream saved without its next outputs (version 1) may replay at most \
                     {MAX_REPLAYED_DRAWS} draws, not {}",
                    self.draws
                )
            });
        };
        let stream = RandomState::from_next(self.seed, self.draws, next)
            .ok_or_else(|| format!("stream.next has {} outputs, expected {STATE_OUTPUTS}", next.len()))?;
        if self.draws <= CHECKED_DRAWS {
            let replayed = RandomState::resume(self.seed, self.draws).ok_or(()).invariant("within the replay bound");
            if replayed.saved().next.as_ref() != Some(next) {
                return Err(format!("stream.next is not what seed {} gives after {} draws", self.seed, self.draws));
            }
        }
        Ok(stream)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model_file::MAX_COUNT;
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

    /// `count` outputs of `stream`, drawn.
    fn outputs(stream: &mut RandomState, count: usize) -> Vec<u32> {
        (0..count).map(|_| stream.next_u32()).collect()
    }

    #[test]
    fn untempering_gives_back_the_word_and_untwisting_the_words_before() {
        let mut stream = RandomState::new(42);
        for _ in 0..2000 {
            let word = stream.next_u32();
            assert_eq!(untemper(temper(word)), word);
        }
        // The words themselves, untempered from 1,248 consecutive outputs at an odd place.
        let mut stream = RandomState::new(9);
        outputs(&mut stream, 1001);
        let words: Vec<u32> = outputs(&mut stream, 2 * STATE_OUTPUTS).into_iter().map(untemper).collect();
        let before = untwist(words[STATE_OUTPUTS..].try_into().unwrap());
        // Every bit that decides a later word: all of them but the lowest 31 of the first.
        assert_eq!(before[0] & UPPER_MASK, words[0] & UPPER_MASK);
        assert_eq!(before[1..], words[1..STATE_OUTPUTS]);
    }

    #[test]
    fn a_saved_stream_resumes_where_it_stopped_at_any_position_of_the_generators_block() {
        for position in [0, 74, 623, 624, 625, 1300, 5000] {
            let mut stream = RandomState::new(11);
            outputs(&mut stream, position);
            let json = serde_json::to_string(&stream.saved()).unwrap();
            assert!(json.starts_with(&format!(r#"{{"seed":11,"draws":{position},"next":["#)), "{json}");
            let saved: SavedStream = serde_json::from_str(&json).unwrap();
            let mut resumed = saved.resume().unwrap();
            assert_eq!(resumed.position(), (11, position as u64));
            // Saved again before drawing, it is the same file.
            assert_eq!(resumed.saved(), stream.saved(), "at {position}");
            assert_eq!(outputs(&mut resumed, 2000), outputs(&mut stream, 2000), "at {position}");
            // Version 1's form, the seed and draws alone, replays to the same place.
            let mut replayed = SavedStream { next: None, ..saved }.resume().unwrap();
            outputs(&mut replayed, 2000);
            assert_eq!(outputs(&mut replayed, 700), outputs(&mut stream, 700));
        }
    }

    #[test]
    fn a_stream_far_along_resumes_from_its_next_outputs_without_replaying() {
        let mut stream = RandomState::new(3);
        let far = CHECKED_DRAWS as usize * 2 + 17;
        outputs(&mut stream, far);
        let mut saved = stream.saved();
        let mut resumed = saved.resume().unwrap();
        assert_eq!(outputs(&mut resumed, 1000), outputs(&mut stream, 1000));
        // Taken as they are beyond the checked draws: what they say is what comes next.
        saved.next.as_mut().unwrap()[0] = 7;
        assert_eq!(saved.resume().unwrap().next_u32(), 7);
    }

    #[test]
    fn a_saved_streams_refusals_name_the_field() {
        let mut stream = RandomState::new(11);
        outputs(&mut stream, 74);
        let saved = stream.saved();
        let error = |saved: SavedStream| saved.resume().unwrap_err();
        let mut short = saved.clone();
        short.next.as_mut().unwrap().truncate(3);
        assert_eq!(error(short), "stream.next has 3 outputs, expected 624");
        let mut other = saved.clone();
        other.next.as_mut().unwrap()[100] ^= 1;
        assert_eq!(error(other), "stream.next is not what seed 11 gives after 74 draws");
        let mut uncountable = saved.clone();
        uncountable.draws = MAX_COUNT + 1;
        assert_eq!(
            error(uncountable),
            "stream.draws is 9007199254740993, more than 2^53 = 9007199254740992, the largest count a JSON number \
             holds exactly"
        );
        let endless = SavedStream { seed: 1, draws: MAX_REPLAYED_DRAWS + 1, next: None };
        assert_eq!(
            error(endless),
            "stream.draws: a stream saved without its next outputs (version 1) may replay at most 16777216 draws, \
             not 16777217"
        );
        let unknown = serde_json::from_str::<SavedStream>(r#"{"seed":1,"draws":2,"state":[]}"#).unwrap_err();
        assert!(unknown.to_string().starts_with("unknown field `state`, expected one of `seed`, `draws`, `next`"));
    }
}
