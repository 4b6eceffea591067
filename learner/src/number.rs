//! Numbers read from text: every reader of the core (heart.csv's form, UCI's raw files, a
//! patient's fields) turns a field into an `f64` here.
//!
//! [`parse`] reads exactly what `str::parse::<f64>` reads, to the same bits: the same
//! grammar (`63`, `-0.5`, `.5`, `1.`, `2.3e-4`, `inf`, `NaN`; no spaces, no `0x`, no `_`)
//! and the same correct rounding to the nearest `f64`, whatever the number of digits. It is
//! `lexical-parse-float` in its compact form rather than the standard library's parser,
//! whose table of 128-bit powers of five (10.4 KB, which gzip cannot shrink) would be the
//! largest single item of the page's module: the compact form computes the powers it needs
//! and costs the page 10 KB gzipped less. The tests hold it to the standard library's
//! results on the hard cases (halfway points, subnormals, overflow, 800 digits) and on
//! arbitrary text.
//!
//! Plain decimals short enough to be exact (at most 2^53 as an integer, at most 22 digits
//! after the point: a patient's `61`, `2.3` or `130`) take a fast path that divides two
//! exactly represented numbers, which IEEE 754 rounds correctly: the same bits, and the
//! page runs the general parser, which its lazily loaded module holds, only for other text.

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

/// Every other number `str::parse` reads (exponents, long mantissas, `inf`, `NaN`).
#[inline(never)]
fn parse_any(text: &str) -> Option<f64> {
    f64::from_lexical(text.as_bytes()).ok()
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
