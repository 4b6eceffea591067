//! Counts and messages in words, for people.

pub use learner::format::counted;

/// `text` as a sentence begins: its first letter a capital (the core's messages begin in
/// lower case, to follow another phrase). ASCII's letters only: Unicode's case tables would
/// weigh on the page's module, and the core's messages begin in English.
pub fn sentence_case(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

/// A message as the page shows it: the core's backticks around a value or a field
/// (`` `abc` is not a number ``, written so for the notebook command's terminal) as
/// quotation marks, “abc” is not a number; a backtick without its pair stays.
///
/// ```
/// use app::words::quoted;
/// assert_eq!(quoted("line 3, column 1 (`a`): `x` is not a number"), "line 3, column 1 (\u{201c}a\u{201d}): \u{201c}x\u{201d} is not a number");
/// assert_eq!(quoted("a ` alone"), "a ` alone");
/// assert_eq!(quoted("`a` and `b"), "\u{201c}a\u{201d} and `b");
/// ```
pub fn quoted(message: &str) -> String {
    // Bytes, not chars: the page's module carries no char searcher for it.
    let backticks = message.bytes().filter(|&byte| byte == b'`').count();
    let mut out = String::with_capacity(message.len() + 2 * backticks);
    let (mut start, mut seen) = (0, 0);
    for (at, byte) in message.bytes().enumerate() {
        if byte == b'`' {
            out.push_str(&message[start..at]);
            seen += 1;
            // An odd backtick opens, an even one closes; the last one, if it opens, has no pair.
            out.push_str(match (seen % 2, seen == backticks) {
                (1, true) => "`",
                (1, false) => "\u{201c}",
                _ => "\u{201d}",
            });
            start = at + 1;
        }
    }
    out.push_str(&message[start..]);
    out
}

/// A model's count of samples learned (its `t_`, a `u64`), in words: `1 sample`, `126
/// samples`.
pub fn samples(count: u64) -> String {
    if count == 1 {
        "1 sample".to_owned()
    } else {
        format!("{} samples", number(count))
    }
}

/// A `u64` in digits, by itoa: the page's module has no other use for a u64's `Display`.
pub fn number(count: u64) -> String {
    itoa::Buffer::new().format(count).to_owned()
}

/// A file's size in megabytes (MiB) with one decimal, rounded up: a file over a limit of
/// whole tenths (16.0 MB) never reads as the limit itself.
pub fn megabytes(bytes: f64) -> String {
    learner::format::to_fixed((bytes / 1_048_576.0 * 10.0).ceil() / 10.0, 1)
}

/// A count with thousands separators, as the streams page writes its big counts
/// (`1,000,000`, `139,639`); the workbench, whose counts stay under a thousand or two, does
/// not (its module does not carry this).
pub fn thousands(count: u64) -> String {
    let digits = number(count);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn one_is_said_in_the_singular() {
        assert_eq!(super::counted(1, "sample", "samples"), "1 sample");
        assert_eq!(super::counted(0, "sample", "samples"), "0 samples");
        assert_eq!(super::counted(242, "test patient", "test patients"), "242 test patients");
        assert_eq!(super::samples(1), "1 sample");
        let thousands: Vec<String> = [0, 7, 999, 1000, 12345, 223520, 1000000].map(super::thousands).into();
        assert_eq!(thousands, ["0", "7", "999", "1,000", "12,345", "223,520", "1,000,000"]);
        assert_eq!(super::sentence_case("the model cannot be written"), "The model cannot be written");
        assert_eq!(super::sentence_case(""), "");
        assert_eq!(super::samples(1 << 40), "1099511627776 samples");
    }

    #[test]
    fn a_file_just_over_a_limit_is_said_to_be_over_it() {
        let mebibyte = 1_048_576.0;
        assert_eq!(super::megabytes(16.0 * mebibyte), "16.0");
        assert_eq!(super::megabytes(16.0 * mebibyte + 3.0), "16.1");
        assert_eq!(super::megabytes(mebibyte + 1.0), "1.1");
        assert_eq!(super::megabytes(1.25 * mebibyte), "1.3");
        assert_eq!(super::megabytes(17.0 * mebibyte), "17.0");
    }
}
