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
