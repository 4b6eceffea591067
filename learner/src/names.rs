//! Names as people order them: a visitor's files, one site each, and the page's snapshots.

/// Names in the order a person reads them: a run of digits by its value (`1-…`, `2-…`,
/// `10-…`), the rest character by character; names that this finds equal (`01` and `1`),
/// character by character. A visitor's files stream in this order, one site each
/// ([`HospitalsData::from_named`](crate::hospitals::HospitalsData::from_named)'s callers:
/// the streams page, the notebook command, `tools/check_stream.py`), and the page lists
/// its snapshots so.
///
/// ```
/// use learner::names::name_order;
/// let mut names = ["10-va.data", "2-hungary.data", "1-cleveland.data", "b.csv", "a10.csv", "a9.csv"];
/// names.sort_by(|a, b| name_order(a, b));
/// assert_eq!(names, ["1-cleveland.data", "2-hungary.data", "10-va.data", "a9.csv", "a10.csv", "b.csv"]);
/// ```
pub fn name_order(a: &str, b: &str) -> std::cmp::Ordering {
    /// The runs of anything but digits and of digits in turn, first and last the former
    /// (maybe empty), as Python's `re.split("([0-9]+)", name)` gives them.
    fn runs(name: &str) -> impl Iterator<Item = &str> {
        let (mut rest, mut digits) = (Some(name), false);
        std::iter::from_fn(move || {
            let left = rest?;
            let (run, after) = left.split_at(left.find(|c: char| c.is_ascii_digit() != digits).unwrap_or(left.len()));
            rest = (digits || !after.is_empty()).then_some(after);
            digits = !digits;
            Some(run)
        })
    }
    /// A run of digits by its value: without its leading zeros, the longer is the larger.
    fn value(run: &str) -> (usize, &str) {
        let run = run.trim_start_matches('0');
        (run.len(), run)
    }
    let mut pairs = runs(a).zip(runs(b)).enumerate();
    pairs
        .find_map(|(index, (x, y))| {
            let order = if index % 2 == 1 { value(x).cmp(&value(y)) } else { x.cmp(y) };
            order.is_ne().then_some(order)
        })
        .unwrap_or_else(|| runs(a).count().cmp(&runs(b).count()))
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn files_stream_in_the_order_a_person_reads_their_names() {
        let mut names = vec![
            "10-va.data",
            "2-hungary.data",
            "1-cleveland.data",
            "site 02.csv",
            "site 1.csv",
            "site 2.csv",
            "",
            "1",
            "01",
            "a",
            "a1",
            "a1b",
            "A",
            "é",
        ];
        names.sort_by(|a, b| name_order(a, b));
        assert_eq!(
            names,
            [
                "",
                "01",
                "1",
                "1-cleveland.data",
                "2-hungary.data",
                "10-va.data",
                "A",
                "a",
                "a1",
                "a1b",
                "site 1.csv",
                "site 02.csv",
                "site 2.csv",
                "é"
            ]
        );
        // A total order: equal only to itself.
        for a in &names {
            for b in &names {
                assert_eq!(name_order(a, b) == std::cmp::Ordering::Equal, a == b, "{a} {b}");
                assert_eq!(name_order(a, b), name_order(b, a).reverse(), "{a} {b}");
            }
        }
    }
}
