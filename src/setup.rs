//! The page's setup from its address: `?seed=N` is the original with `np.random.seed(N)`,
//! `?hidden=64` or `?hidden=32,16` its `hidden_layer_sizes`. Anything invalid is reported
//! in a sentence and replaced by the default; the rest of the address still applies. The page
//! reads its address ([`page_query`]) and shows there the setup it runs ([`replace_address`]).

use learner::session::{hidden_layers_text, parse_hidden_layers, ORIGINAL_SEED};
/// The hidden layers of the original, and the bounds of those a setup may ask for: the core's,
/// which the notebook command's `--hidden` takes too.
pub use learner::session::{MAX_HIDDEN_LAYERS, MAX_UNITS, ORIGINAL_HIDDEN as DEFAULT_HIDDEN};

/// The seeds [`Setup::from_query`] takes (a whole number from 0 to 2^32 - 1, maybe with a
/// `+`, zeros before it and spaces around it), as the setup form's `pattern`: the browser
/// refuses the form's other values itself, beside the field, and opens nothing.
pub const SEED_PATTERN: &str = concat!(
    r"\s*\+?0*(\d{1,9}|[1-3]\d{9}|4[01]\d{8}|42[0-8]\d{7}|429[0-3]\d{6}|4294[0-8]\d{5}|42949[0-5]\d{4}",
    r"|429496[0-6]\d{3}|4294967[01]\d\d|42949672[0-8]\d|429496729[0-5])\s*"
);

/// The hidden layers [`Setup::from_query`] takes (1 to [`MAX_HIDDEN_LAYERS`] sizes of 1 to
/// [`MAX_UNITS`] separated by commas), as the setup form's `pattern`.
pub const HIDDEN_PATTERN: &str =
    r"\s*\+?0*([1-9]\d?|1\d\d|2[0-4]\d|25[0-6])\s*(,\s*\+?0*([1-9]\d?|1\d\d|2[0-4]\d|25[0-6])\s*){0,2}";

/// What the page builds its model with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    /// `np.random.seed(seed)`, 0 to 2^32 - 1.
    pub seed: u32,
    /// `hidden_layer_sizes`.
    pub hidden: Vec<usize>,
}

impl Default for Setup {
    fn default() -> Self {
        Self { seed: ORIGINAL_SEED, hidden: DEFAULT_HIDDEN.to_vec() }
    }
}

impl Setup {
    /// The setup the address asks for (`seed` and `hidden` as given in the query, if at
    /// all), and one sentence per value that could not be used.
    ///
    /// ```
    /// use app::setup::Setup;
    /// let (setup, problems) = Setup::from_query(Some("42"), Some("32,16"));
    /// assert_eq!((setup.seed, setup.hidden), (42, vec![32, 16]));
    /// assert!(problems.is_empty());
    /// let (setup, problems) = Setup::from_query(Some("-1"), None);
    /// assert_eq!(setup, Setup::default());
    /// assert_eq!(problems.len(), 1);
    /// ```
    pub fn from_query(seed: Option<&str>, hidden: Option<&str>) -> (Self, Vec<String>) {
        let mut setup = Self::default();
        let mut problems = Vec::new();
        if let Some(text) = seed {
            match text.trim().parse::<u32>() {
                Ok(seed) => setup.seed = seed,
                Err(_) => problems.push(format!(
                    "The seed asked for, \u{201c}{text}\u{201d}, is not a whole number from 0 to {}: \
                     the page uses seed {ORIGINAL_SEED}.",
                    u32::MAX
                )),
            }
        }
        if let Some(text) = hidden {
            match parse_hidden_layers(text) {
                Some(hidden) => setup.hidden = hidden,
                None => problems.push(format!(
                    "The hidden layers asked for, \u{201c}{text}\u{201d}, are not 1 to {MAX_HIDDEN_LAYERS} \
                     sizes from 1 to {MAX_UNITS} separated by commas: the page uses {}.",
                    DEFAULT_HIDDEN[0]
                )),
            }
        }
        (setup, problems)
    }

    /// The setup a page's address asks for (a query string such as `?seed=42&hidden=32,16`),
    /// and one sentence per value that could not be used: [`Setup::from_query`] on the
    /// first `seed` and `hidden`, and a sentence for each given again with another value.
    pub fn from_address(query: &str) -> (Self, Vec<String>) {
        let (seeds, hidden) = (address_values(query, "seed"), address_values(query, "hidden"));
        let (setup, mut problems) =
            Self::from_query(seeds.first().map(String::as_str), hidden.first().map(String::as_str));
        problems.extend(repeated("seed", &seeds));
        problems.extend(repeated("hidden layers", &hidden));
        (setup, problems)
    }

    /// The hidden layers as the address writes them: `32,16`.
    pub fn hidden_text(&self) -> String {
        hidden_layers_text(&self.hidden)
    }

    /// The query of an address that opens this setup: `?seed=5&hidden=100`.
    pub fn query(&self) -> String {
        format!("?seed={}&hidden={}", self.seed, self.hidden_text())
    }
}

/// Every value of the query's parameter `name`, in order.
fn address_values(query: &str, name: &str) -> Vec<String> {
    let params = web_sys::UrlSearchParams::new_with_str(query).ok();
    let all = params.map(|params| params.get_all(name)).unwrap_or_default();
    all.iter().filter_map(|value| value.as_string()).collect()
}

/// A sentence for a value the address gives more than once, differently.
fn repeated(what: &str, values: &[String]) -> Option<String> {
    let first = values.first()?;
    let other = values.iter().find(|value| *value != first)?;
    Some(format!(
        "The address gives the {what} more than once (\u{201c}{first}\u{201d}, then \u{201c}{other}\u{201d}): \
         the page reads the first."
    ))
}

/// The address shown as `query` (in place, no new history entry): the setup a visitor would
/// share.
pub fn replace_address(query: &str) {
    if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(query));
    }
}

/// `location.search` of the page.
pub fn page_query() -> String {
    web_sys::window().and_then(|window| window.location().search().ok()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn no_query_is_the_original() {
        assert_eq!(Setup::from_query(None, None), (Setup { seed: 5, hidden: vec![100] }, vec![]));
        assert_eq!(Setup::default().query(), "?seed=5&hidden=100");
    }

    #[test]
    fn every_numpy_seed_is_accepted() {
        for (text, seed) in [("0", 0), ("4294967295", u32::MAX), (" 42 ", 42)] {
            assert_eq!(Setup::from_query(Some(text), None).0.seed, seed);
        }
    }

    #[test]
    fn an_invalid_seed_is_reported_and_replaced_by_the_default() {
        for text in ["4294967296", "-1", "abc", "", "1.5"] {
            let (setup, problems) = Setup::from_query(Some(text), Some("64"));
            assert_eq!(setup, Setup { seed: 5, hidden: vec![64] }, "{text}");
            assert_eq!(
                problems,
                [format!(
                    "The seed asked for, \u{201c}{text}\u{201d}, is not a whole number from 0 to 4294967295: \
                     the page uses seed 5."
                )]
            );
        }
    }

    #[test]
    fn hidden_layers_are_bounded() {
        for (text, hidden) in [("64", vec![64]), ("32,16", vec![32, 16]), ("1,256,8", vec![1, 256, 8])] {
            let (setup, problems) = Setup::from_query(None, Some(text));
            assert_eq!((setup.hidden, problems.len()), (hidden, 0), "{text}");
        }
        for text in ["0", "257", "8,8,8,8", "", "32,", "a", "-4"] {
            let (setup, problems) = Setup::from_query(Some("7"), Some(text));
            assert_eq!(setup, Setup { seed: 7, hidden: vec![100] }, "{text}");
            assert_eq!(problems.len(), 1, "{text}");
            assert!(problems[0].contains("the page uses 100"), "{}", problems[0]);
        }
    }

    /// The values the setup form's patterns take and refuse (`tests/setup-values.json`, which
    /// the end-to-end test gives the browser): the address takes and refuses the same.
    #[test]
    fn the_form_and_the_address_take_the_same_values() {
        let values: serde_json::Value = serde_json::from_str(include_str!("../tests/setup-values.json")).unwrap();
        let texts = |field: &str, outcome: &str| -> Vec<String> {
            values[field][outcome].as_array().unwrap().iter().map(|text| text.as_str().unwrap().to_owned()).collect()
        };
        for field in ["seed", "hidden"] {
            for (outcome, problems) in [("taken", 0), ("refused", 1)] {
                for text in texts(field, outcome) {
                    let (seed, hidden) =
                        if field == "seed" { (Some(text.as_str()), None) } else { (None, Some(text.as_str())) };
                    assert_eq!(Setup::from_query(seed, hidden).1.len(), problems, "{field} {text:?} {outcome}");
                }
            }
        }
    }

    #[test]
    fn a_value_given_again_differently_is_told() {
        let given = |values: &[&str]| values.iter().map(|value| value.to_string()).collect::<Vec<_>>();
        assert_eq!(repeated("seed", &given(&[])), None);
        assert_eq!(repeated("seed", &given(&["5", "5"])), None);
        assert_eq!(
            repeated("seed", &given(&["5", "5", "42"])).unwrap(),
            "The address gives the seed more than once (\u{201c}5\u{201d}, then \u{201c}42\u{201d}): the page reads the first."
        );
    }

    #[cfg(target_arch = "wasm32")]
    #[test]
    fn the_address_is_read_with_its_repeated_values() {
        let (setup, problems) = Setup::from_address("?seed=42&seed=abc&hidden=32,16&hidden=32,16");
        assert_eq!(setup, Setup { seed: 42, hidden: vec![32, 16] });
        assert_eq!(
            problems,
            ["The address gives the seed more than once (\u{201c}42\u{201d}, then \u{201c}abc\u{201d}): the page reads the first."]
        );
        let (setup, problems) = Setup::from_address("?seed=abc&hidden=0");
        assert_eq!(setup, Setup::default());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("The seed asked for, \u{201c}abc\u{201d}, is not"), "{}", problems[0]);
    }

    #[test]
    fn the_link_reopens_the_same_setup() {
        let setup = Setup { seed: 4_000_000_000, hidden: vec![32, 16] };
        assert_eq!(setup.query(), "?seed=4000000000&hidden=32,16");
        let (again, problems) = Setup::from_query(Some("4000000000"), Some(&setup.hidden_text()));
        assert_eq!((again, problems.len()), (setup, 0));
    }
}
