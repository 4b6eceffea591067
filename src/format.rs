//! Numbers as the page writes them.

/// `value` with `decimals` digits after the point, exactly as JavaScript's
/// `value.toFixed(decimals)` writes it, so that scripts reading the page agree with it.
///
/// Rust's `{:.N}` rounds the exact binary value, as `toFixed` does, except at an exact tie
/// (`0.703125` to 5 decimals), which Rust rounds to even (`0.70312`) and `toFixed` up
/// (`0.70313`). Ties happen on the page: progressive accuracy after 64 samples is k/64.
///
/// ```
/// use app::format::to_fixed;
/// assert_eq!(to_fixed(0.703125, 5), "0.70313");
/// assert_eq!(to_fixed(0.8032786885245902, 5), "0.80328");
/// assert_eq!(to_fixed(0.5, 0), "1");
/// ```
pub fn to_fixed(value: f64, decimals: i32) -> String {
    let places = decimals as usize;
    // A tie at `decimals` is odd / (2^(decimals + 1) * 5^decimals): dyadic only when the 5s
    // cancel, so exactly when value * 2^(decimals + 1) is an odd integer.
    let scaled = value.abs() * 2f64.powi(decimals + 1);
    let tie = scaled.fract() == 0.0 && scaled < 2f64.powi(53) && scaled % 2.0 == 1.0;
    if tie {
        let away = (value.abs() * 10f64.powi(decimals)).ceil() / 10f64.powi(decimals);
        format!("{:.places$}", away.copysign(value))
    } else {
        format!("{value:.places$}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn ties_round_up_as_in_javascript() {
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
    }
}
