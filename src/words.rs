//! Counts in words, for people.

/// A count and the noun it counts, in the singular for one: `1 sample`, `2 samples`.
pub fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
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
    }
}
