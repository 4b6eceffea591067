//! Numbers written as text, for people and for the scripts that read the page.
//!
//! Written without Rust's float formatting (`{}` and `{:.N}` on `f64`): its one function
//! and its tables are about a tenth of the page's bundle, and nothing here needs more than
//! two things: a fixed number of decimals, rounded from the exact binary value as
//! JavaScript's `toFixed` or Python's `round` do, and the shortest text that reads back
//! as the same number (`ryu`).

/// A count and the noun it counts, in the singular for one: `1 sample`, `2 samples`.
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// How an exact tie (`0.703125` to 5 decimals) is rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ties {
    /// Away from zero: JavaScript's `toFixed`.
    AwayFromZero,
    /// To the even last digit: Python's `round` (and Rust's `{:.N}`).
    ToEven,
}

/// `value` with `decimals` digits after the point (at most 9), as JavaScript's
/// `value.toFixed(decimals)` writes it: the exact binary value rounded, ties away from
/// zero. For finite values below 10^9 in magnitude; others are written as `ryu` writes them.
///
/// ```
/// use learner::format::to_fixed;
/// assert_eq!(to_fixed(0.8032786885245902, 5), "0.80328");
/// assert_eq!(to_fixed(0.703125, 5), "0.70313"); // an exact tie: up, as toFixed
/// assert_eq!(to_fixed(1.005, 2), "1.00"); // 1.005 is 1.00499999999999989... in binary
/// assert_eq!(to_fixed(71.8, 1), "71.8");
/// ```
pub fn to_fixed(value: f64, decimals: u32) -> String {
    fixed(value, decimals, Ties::AwayFromZero)
}

/// `value` with `decimals` digits after the point (at most 9), rounded from the exact
/// binary value with the given rule for ties. See [`to_fixed`].
///
/// ```
/// use learner::format::{fixed, Ties};
/// assert_eq!(fixed(0.703125, 5, Ties::ToEven), "0.70312"); // Python: round(0.703125, 5)
/// assert_eq!(fixed(-2.5, 0, Ties::AwayFromZero), "-3");
/// assert_eq!(fixed(0.25, 3, Ties::ToEven), "0.250");
/// ```
pub fn fixed(value: f64, decimals: u32, ties: Ties) -> String {
    let decimals = decimals.min(9);
    if !value.is_finite() || value.abs() >= 1e9 {
        return shortest(value);
    }
    // |value| = mantissa * 2^power exactly; units = |value| * 10^decimals, split into its
    // integer part and the exact remainder below it.
    let bits = value.abs().to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, power) = match exponent {
        0 => (fraction, -1074),
        _ => (fraction | (1 << 52), exponent - 1075),
    };
    let scale = 10u64.pow(decimals);
    let scaled = u128::from(mantissa) * u128::from(scale);
    let units = if power >= 0 {
        scaled << power
    } else if -power >= 127 {
        // Below 2^-74: far from any half unit at 9 decimals or fewer.
        0
    } else {
        let shift = -power as u32;
        let (whole, rest, half) = (scaled >> shift, scaled & ((1 << shift) - 1), 1u128 << (shift - 1));
        let up = rest > half || (rest == half && (ties == Ties::AwayFromZero || whole % 2 == 1));
        whole + u128::from(up)
    };
    // Below 1e9 * 10^9 units: the whole part and the decimals each fit 32 bits, whose
    // formatting the page has anyway (a u128's would add 2 KB to it).
    let units = units as u64;
    let (whole, part) = ((units / scale) as u32, (units % scale) as u32);
    let sign = if value < 0.0 { "-" } else { "" };
    match decimals {
        0 => format!("{sign}{whole}"),
        _ => format!("{sign}{whole}.{part:0width$}", width = decimals as usize),
    }
}

/// The shortest text that reads back as `value`, without a `.0` on whole numbers: `63`,
/// `2.3`, `1e-8`, `NaN`.
///
/// ```
/// use learner::format::shortest;
/// assert_eq!(shortest(63.0), "63");
/// assert_eq!(shortest(2.3), "2.3");
/// assert_eq!(shortest(-0.5), "-0.5");
/// assert_eq!(shortest(f64::INFINITY), "inf");
/// ```
pub fn shortest(value: f64) -> String {
    let mut buffer = ryu::Buffer::new();
    let text = buffer.format(value);
    text.strip_suffix(".0").unwrap_or(text).to_owned()
}

/// A finite number as serde_json writes it: the shortest text that reads back as `value`,
/// whole numbers with their `.0`, a positive exponent with its sign (`63.0`, `2.3`, `1e-8`,
/// `1e+16`), so that a file written without serde_json is byte for byte the one serde_json
/// writes (checked on two million random doubles when this was written).
///
/// ```
/// use learner::format::json_number;
/// for value in [63.0, 2.3, -0.0, 1e-8, 1e15, 1e16, -1.5e300, 5e-324, 0.1] {
///     assert_eq!(json_number(value), serde_json::to_string(&value).unwrap());
/// }
/// ```
pub fn json_number(value: f64) -> String {
    let mut buffer = ryu::Buffer::new();
    let text = buffer.format_finite(value);
    match text.split_once('e') {
        Some((digits, exponent)) if !exponent.starts_with('-') => format!("{digits}e+{exponent}"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn fixed_rounds_the_exact_value_as_rusts_formatting_does_but_for_ties() {
        let values =
            [0.0, 1.0, 0.8032786885245902, 2.0 / 3.0, 1e-7, 0.125, 0.375, 123456.789, 5e-324, 0.49999999999999994];
        // Just under 1e9, where the units reach 10^18 and the whole part 10^9 once rounded;
        // and doubles spread over every exponent below 1e9.
        let near_the_top = [999_999_999.999_999_9, 999_999_999.5, 999_999_999.499_999_9, 4_294_967.295_5];
        let mut bits = 0x9e37_79b9_7f4a_7c15u64;
        let spread = (0..2_000).map(|_| {
            bits ^= bits << 13;
            bits ^= bits >> 7;
            bits ^= bits << 17;
            f64::from_bits(bits & 0x3fff_ffff_ffff_ffff) % 1e9
        });
        let values = values.into_iter().chain(near_the_top).chain(spread);
        for value in values.chain((1..=242).map(|n| 45.0 / f64::from(n))) {
            for decimals in 0..=9 {
                let rust = format!("{value:.prec$}", prec = decimals as usize);
                assert_eq!(fixed(value, decimals, Ties::ToEven), rust, "{value} to {decimals}");
                if value != 0.0 {
                    let rust = format!("{:.prec$}", -value, prec = decimals as usize);
                    assert_eq!(fixed(-value, decimals, Ties::ToEven), rust);
                }
            }
        }
    }

    #[test]
    fn to_fixed_rounds_ties_up_as_javascript_does() {
        // (value, what `value.toFixed(5)` gives in Chromium)
        for (value, javascript) in [
            (0.671875, "0.67188"),
            (0.609375, "0.60938"),
            (0.703125, "0.70313"),
            (1.0 / 64.0, "0.01563"),
            (45.0 / 61.0, "0.73770"),
            (1.0, "1.00000"),
            (0.0, "0.00000"),
            (0.58, "0.58000"),
        ] {
            assert_eq!(to_fixed(value, 5), javascript, "{value}");
        }
        assert_eq!(to_fixed(71.25, 1), "71.3");
        assert_eq!(to_fixed(0.125, 2), "0.13");
        assert_eq!(to_fixed(-0.125, 2), "-0.13");
        assert_eq!(to_fixed(-0.001, 2), "-0.00", "as toFixed");
        assert_eq!(to_fixed(-0.0, 2), "0.00", "as toFixed");
    }

    #[test]
    fn shortest_reads_back_as_the_same_number() {
        for value in [0.1, 1.4, 63.0, 1e-8, 1e300, 5e-324, 0.30000000000000004, -7.25] {
            assert_eq!(shortest(value).parse::<f64>(), Ok(value));
        }
        assert_eq!(shortest(f64::NAN), "NaN");
    }
}
