//! Numbers read from text: every reader of the core (heart.csv's form, UCI's raw files, a
//! patient's fields) turns a field into an `f64` here.
//!
//! [`parse`] reads exactly what `str::parse::<f64>` reads, to the same bits: the same
//! grammar (`63`, `-0.5`, `.5`, `1.`, `2.3e-4`, `inf`, `NaN`; no spaces, no `0x`, no `_`)
//! and the same correct rounding to the nearest `f64`, whatever the number of digits.
//!
//! Plain decimals short enough to be exact (at most 2^53 as an integer, at most 22 digits
//! after the point: a patient's `61`, `2.3` or `130`) take a fast path that divides two
//! exactly represented numbers, which IEEE 754 rounds correctly: the same bits, and the
//! page runs the general path, which its lazily loaded module holds, only for other text.
//!
//! The general path reads the grammar and a first value with `lexical-parse-float` in its
//! compact form rather than the standard library's parser, whose table of 128-bit powers of
//! five (10.4 KB of data, which gzip cannot shrink and the page's split cannot defer: it
//! moves code, not data) would be the largest single item of the page's module. The compact
//! form is not always correctly rounded (it read `100000003.08038900048` one unit in the last
//! place low: the CSV fuzz target found it), so its value is then checked against the
//! decimal itself, exactly, in whole numbers (`Decimal::exactly_rounded`: the decimal
//! compared with the midpoints between the value and its neighbours, and moved to a
//! neighbour where it lies beyond one). The tests hold the whole to the standard library's
//! results on the hard cases (halfway points, subnormals, overflow, 800 digits) and on
//! arbitrary text, and so does the fuzz target.

use std::cmp::Ordering;

use lexical_parse_float::FromLexical;

/// `text` as the nearest `f64`, or `None` if it is not a number (as `str::parse` says).
///
/// ```
/// use learner::number::parse;
/// assert_eq!(parse("63"), Some(63.0));
/// assert_eq!(parse("2.3"), Some(2.3));
/// assert_eq!(parse("1e-400"), Some(0.0));
/// assert_eq!(parse(" 63"), None);
/// assert_eq!(parse("?"), None);
/// ```
pub fn parse(text: &str) -> Option<f64> {
    if let Some(value) = parse_plain_decimal(text.as_bytes()) {
        return Some(value);
    }
    // Empty, or a byte no number has (a patient's field cleared or typed into): not a
    // number, without asking the general parser.
    let possible = |byte: &u8| byte.is_ascii_digit() || b"+-.eEiInNfFtTyYaA".contains(byte);
    if text.is_empty() || !text.as_bytes().iter().all(possible) {
        return None;
    }
    // Called through a pointer the optimisers cannot see through: wasm-opt inlines a
    // function into its only caller whatever its size, and this one (8 KB of the page's
    // module) must stay apart from `parse`, which the page runs at load, so that the page
    // can load it only when some text needs it (tools/wasm-splitter).
    let general: fn(&str) -> Option<f64> = std::hint::black_box(parse_any);
    general(text)
}

/// `[+-]digits[.digits]` whose digits, as an integer, are at most 2^53 and which has at most
/// 22 digits after the point: the integer divided by a power of ten, both exact, so one
/// correctly rounded division gives the nearest `f64`. `None` for anything else (which may
/// still be a number).
fn parse_plain_decimal(text: &[u8]) -> Option<f64> {
    const EXACT_POWERS_OF_TEN: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ];
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    let (mut mantissa, mut seen, mut after_point, mut point) = (0u64, 0usize, 0usize, false);
    for &byte in digits {
        match byte {
            b'0'..=b'9' => {
                mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(byte - b'0'))?;
                seen += 1;
                after_point += usize::from(point);
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if seen == 0 || mantissa > 1 << 53 || after_point >= EXACT_POWERS_OF_TEN.len() {
        return None;
    }
    let magnitude = mantissa as f64 / EXACT_POWERS_OF_TEN[after_point];
    Some(if negative { -magnitude } else { magnitude })
}

/// Every other number `str::parse` reads (exponents, long mantissas, `inf`, `NaN`):
/// lexical's value, made exact.
#[inline(never)]
fn parse_any(text: &str) -> Option<f64> {
    let approximate = f64::from_lexical(text.as_bytes()).ok()?;
    Some(match Decimal::read(text) {
        Some(decimal) => decimal.exactly_rounded(approximate),
        None => approximate, // `inf`, `NaN`
    })
}

/// Significant digits kept of a long decimal: the midpoint between two doubles has at most
/// 767 of them, so any digit beyond the 780th only says whether the rest is above zero.
const KEPT_DIGITS: usize = 780;

/// A decimal `[+-]digits[.digits][e[+-]digits]` as a whole number and a power of ten: its
/// magnitude is `digits * 10^exponent`, and `more` says that nonzero digits were dropped
/// after the ones kept.
struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    exponent: i64,
    more: bool,
}

impl Decimal {
    /// The decimal `text` writes, if it is one (lexical has read it as a number already).
    fn read(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let (negative, rest) = match bytes.split_first() {
            Some((b'-', rest)) => (true, rest),
            Some((b'+', rest)) => (false, rest),
            _ => (false, bytes),
        };
        if !rest.first().is_some_and(|byte| byte.is_ascii_digit() || *byte == b'.') {
            return None;
        }
        let (mut digits, mut exponent, mut more, mut point) = (Vec::new(), 0i64, false, false);
        let mut at = 0;
        while at < rest.len() {
            match rest[at] {
                digit @ b'0'..=b'9' => {
                    if digits.is_empty() && digit == b'0' {
                        // A leading zero: only its place counts.
                    } else if digits.len() < KEPT_DIGITS {
                        digits.push(digit - b'0');
                    } else {
                        more |= digit != b'0';
                        exponent += 1;
                    }
                    if point {
                        exponent -= 1;
                    }
                }
                b'.' => point = true,
                _ => break,
            }
            at += 1;
        }
        if let Some(b'e' | b'E') = rest.get(at) {
            let (sign, written) = match rest.get(at + 1) {
                Some(b'-') => (-1, &rest[at + 2..]),
                Some(b'+') => (1, &rest[at + 2..]),
                _ => (1, &rest[at + 1..]),
            };
            // Far past any double's range either way, and never an overflow.
            let written = written.iter().fold(0i64, |sum, &digit| (sum * 10 + i64::from(digit - b'0')).min(1 << 40));
            exponent += sign * written;
        }
        while digits.last() == Some(&0) {
            digits.pop();
            exponent += 1;
        }
        Some(Self { negative, digits, exponent, more })
    }

    /// The double nearest this decimal (ties to even), from `approximate`, a double near it.
    fn exactly_rounded(&self, approximate: f64) -> f64 {
        let magnitude = if self.digits.is_empty() {
            0.0
        } else {
            // Its leading digit's place: 10^(place - 1) <= magnitude < 10^place.
            let place = self.digits.len() as i64 + self.exponent;
            if place > 310 {
                f64::INFINITY
            } else if place < -330 {
                0.0
            } else {
                self.nearest(approximate.abs())
            }
        };
        if self.negative {
            -magnitude
        } else {
            magnitude
        }
    }

    /// From `candidate`, the nearest double: moved to a neighbour while the decimal lies
    /// beyond the midpoint on that side (at a midpoint, to the even one of the two).
    fn nearest(&self, mut candidate: f64) -> f64 {
        let value = Big::from_digits(&self.digits);
        for _ in 0..64 {
            if candidate.is_infinite() {
                // The midpoint between the largest double and 2^1024: (2^54 - 1) * 2^970.
                match self.compare(&value, (Big::from_u64((1 << 54) - 1), 970)) {
                    Ordering::Less => candidate = f64::MAX,
                    // A tie goes to infinity: the largest double's mantissa is odd.
                    _ => return candidate,
                }
                continue;
            }
            let (mantissa, power) = parts(candidate);
            let upper = (Big::from_u64(2 * mantissa + 1), power - 1);
            match self.compare(&value, upper) {
                Ordering::Greater => {
                    candidate = next_up(candidate);
                    continue;
                }
                Ordering::Equal if mantissa % 2 == 1 => {
                    candidate = next_up(candidate);
                    continue;
                }
                _ => {}
            }
            if candidate == 0.0 {
                return candidate;
            }
            // Below a power of two the doubles are twice as close.
            let lower = if mantissa == 1 << 52 && power > -1074 {
                (Big::from_u64(4 * mantissa - 1), power - 2)
            } else {
                (Big::from_u64(2 * mantissa - 1), power - 1)
            };
            match self.compare(&value, lower) {
                Ordering::Less => candidate = next_down(candidate),
                Ordering::Equal if mantissa % 2 == 1 => candidate = next_down(candidate),
                _ => return candidate,
            }
        }
        candidate
    }

    /// This decimal (its digits given as `value`) against `other * 2^power`.
    fn compare(&self, value: &Big, (mut other, power): (Big, i64)) -> Ordering {
        // value * 10^e against other * 2^power, in whole numbers: 10^e = 5^e * 2^e.
        let mut value = value.clone();
        let (mut twos_value, mut twos_other) = (0i64, power);
        if self.exponent >= 0 {
            value.mul_pow5(self.exponent as u32);
            twos_value += self.exponent;
        } else {
            other.mul_pow5((-self.exponent) as u32);
            twos_other -= self.exponent;
        }
        let least = twos_value.min(twos_other);
        value.shl((twos_value - least) as u32);
        other.shl((twos_other - least) as u32);
        match value.cmp(&other) {
            // Digits dropped after the kept ones make the decimal a little larger.
            Ordering::Equal if self.more => Ordering::Greater,
            order => order,
        }
    }
}

/// A finite double `x >= 0` as `mantissa * 2^power`, the mantissa a whole number.
fn parts(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let (exponent, fraction) = ((bits >> 52) as i64, bits & ((1 << 52) - 1));
    if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exponent - 1075)
    }
}

fn next_up(x: f64) -> f64 {
    f64::from_bits(x.to_bits() + 1)
}

fn next_down(x: f64) -> f64 {
    f64::from_bits(x.to_bits() - 1)
}

/// A whole number of any size, in 32-bit limbs, least significant first: what the
/// comparison needs, and no more.
#[derive(Clone, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(value: u64) -> Self {
        let mut big = Self(vec![value as u32, (value >> 32) as u32]);
        big.trim();
        big
    }

    /// Decimal digits (most significant first), nine at a time.
    fn from_digits(digits: &[u8]) -> Self {
        let mut big = Self(Vec::new());
        for chunk in digits.chunks(9) {
            let part = chunk.iter().fold(0u32, |sum, &digit| sum * 10 + u32::from(digit));
            big.mul_add(10u32.pow(chunk.len() as u32), part);
        }
        big
    }

    /// `self * factor + carry`.
    fn mul_add(&mut self, factor: u32, mut carry: u32) {
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + u64::from(carry);
            *limb = product as u32;
            carry = (product >> 32) as u32;
        }
        if carry > 0 {
            self.0.push(carry);
        }
        self.trim();
    }

    fn mul_pow5(&mut self, mut power: u32) {
        const FIVE_TO_THE_13: u32 = 1_220_703_125;
        while power >= 13 {
            self.mul_add(FIVE_TO_THE_13, 0);
            power -= 13;
        }
        self.mul_add(5u32.pow(power), 0);
    }

    fn shl(&mut self, bits: u32) {
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let shifted = (u64::from(*limb) << bits) | u64::from(carry);
                *limb = shifted as u32;
                carry = (shifted >> 32) as u32;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if !self.0.is_empty() {
            self.0.splice(0..0, std::iter::repeat_n(0, limbs));
        }
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.len().cmp(&other.0.len()).then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// Both parsers' answers for `text`, NaN compared as NaN.
    fn agrees_with_std(text: &str) {
        let (ours, std) = (parse(text), text.parse::<f64>().ok());
        let same = match (ours, std) {
            (Some(a), Some(b)) => a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
            (None, None) => true,
            _ => false,
        };
        assert!(same, "{text:?}: ours {ours:?}, the standard library's {std:?}");
    }

    #[test]
    fn reads_what_the_standard_library_reads_and_refuses_what_it_refuses() {
        let grammar = [
            "1", "1.", ".5", "+1", "-0", "0", "-.5", "00012", "1e5", "1E5", "1e+5", "1e-5", "inf", "-inf", "+inf",
            "Inf", "INF", "infinity", "Infinity", "nan", "NaN", "-nan", "", "1e", "e5", ".", "+", "-", "+-1", "--1",
            " 1", "1 ", "1_0", "0x10", "1..2", "1.2.3", "1e1e1", "1e+", "infinit", "nana", "?", "\u{661}", "1,5",
        ];
        for text in grammar {
            agrees_with_std(text);
        }
    }

    #[test]
    fn rounds_the_hard_cases_to_the_same_bits() {
        let hard = [
            "1.5e308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e309",
            "1e-400",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "4.9e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "9007199254740993",
            "9007199254740993.0000000000000000000001",
            "0.1000000000000000055511151231257827021181583404541015625",
            "0.1000000000000000055511151231257827021181583404541015624",
            "179769313486231580793728971405303415079934132710037826936173778980444",
            "7.038531e-26",
            "4.35679828e-312",
            "1e23",
            "8.988465674311579e307",
            // Found by the CSV fuzz target (2026-12-05): lexical-parse-float's compact form
            // rounds them one unit in the last place low, which the exact check corrects.
            "100000003.080389000485",
            "100000003.08038900048",
        ];
        for text in hard {
            agrees_with_std(text);
        }
        // 800 significant digits, on both sides of a halfway point between two floats.
        let halfway = format!("1.00000000000000011102230246251565404236316680908203125{}", "0".repeat(740));
        for tail in ["", "1"] {
            agrees_with_std(&format!("{halfway}{tail}"));
        }
    }

    #[test]
    fn reads_plain_decimals_on_either_side_of_the_fast_paths_limits() {
        let edges = [
            "9007199254740992",
            "9007199254740993",
            "900719925474099.2",
            "0.9007199254740993",
            "1.0000000000000000000001",
            "1.00000000000000000000001",
            "0.0000000000000000000001",
            "18446744073709551615",
            "18446744073709551616",
            "-0.0",
            "+0.",
            "007.500",
            "2.3",
            "0.1",
            "-3.14159",
        ];
        for text in edges {
            agrees_with_std(text);
        }
        // Every plain decimal of up to 17 digits with the point anywhere, a spread of them.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let digits = (state % 100_000_000_000_000_000).to_string();
            let point = (state >> 57) as usize % (digits.len() + 1);
            let sign = ["", "-", "+"][(state >> 40) as usize % 3];
            agrees_with_std(&format!("{sign}{}.{}", &digits[..point], &digits[point..]));
            agrees_with_std(&format!("{sign}{digits}"));
        }
    }

    #[test]
    fn reads_long_mantissas_at_every_scale_to_the_same_bits() {
        // 18 to 40 significant digits (past the fast path: lexical's value, checked exactly),
        // the point anywhere, exponents from the subnormals to past the largest double.
        let mut state: u64 = 0x5851_f42d_4c95_7f2d;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..100_000 {
            let length = 18 + (next() % 23) as usize;
            let digits: String = (0..length).map(|_| char::from(b'0' + (next() % 10) as u8)).collect();
            let point = (next() % (length as u64 + 1)) as usize;
            let exponent = (next() % 680) as i64 - 360;
            agrees_with_std(&format!("{}.{}e{exponent}", &digits[..point], &digits[point..]));
            agrees_with_std(&digits);
        }
    }

    #[test]
    fn reads_every_float_back_from_its_shortest_and_its_exponent_forms() {
        // A deterministic spread over the whole range of bits, subnormals and powers included.
        let mut bits: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            bits = bits.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let value = f64::from_bits(bits);
            for text in [format!("{value}"), format!("{value:e}"), format!("{value:.25e}"), format!("{value:.3}")] {
                agrees_with_std(&text);
            }
        }
    }
}
