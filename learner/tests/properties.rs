//! Properties over generated inputs (`proptest`): the one-sample paths compute the same
//! bits, `predict` and `score` give the classes of the probabilities, a saved model predicts
//! as the one saved, and no reader panics on any input.
#![cfg(not(target_arch = "wasm32"))]

use learner::data::Dataset;
use learner::heart::FEATURES;
use learner::mlp::{MlpClassifier, MlpParams};
use learner::model_file::ModelFile;
use learner::preprocessing::StandardScaler;
use learner::random::RandomState;
use learner::session::load_saved_model;
use learner::uci::{self, Missing};
use ndarray::Array2;
use proptest::prelude::*;

/// Rows of inputs, each with its label.
type Rows = Vec<(Vec<f64>, u8)>;

/// A small network: its input width, hidden layers, seed, and rows of inputs with labels.
fn network_and_rows() -> impl Strategy<Value = (usize, Vec<usize>, u32, Rows)> {
    (1usize..6, prop::collection::vec(1usize..12, 1..3), any::<u32>()).prop_flat_map(|(width, hidden, seed)| {
        let row = (prop::collection::vec(-3.0f64..3.0, width), 0u8..2);
        (Just(width), Just(hidden), Just(seed), prop::collection::vec(row, 1..20))
    })
}

fn model(width: usize, hidden: &[usize], seed: u32) -> MlpClassifier {
    let params = MlpParams::new().hidden_layer_sizes(hidden).check().unwrap();
    MlpClassifier::new(width, params, &mut RandomState::new(seed)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn learn_rows_computes_the_bits_of_learn_one_on_each_row(
        (width, hidden, seed, rows) in network_and_rows(),
        flush in any::<bool>(),
    ) {
        let mut by_rows = model(width, &hidden, seed);
        by_rows.set_flush_subnormals(flush);
        let mut one_by_one = by_rows.clone();
        let x = Array2::from_shape_vec((rows.len(), width), rows.iter().flat_map(|(x, _)| x.clone()).collect()).unwrap();
        let y: Vec<u8> = rows.iter().map(|(_, y)| *y).collect();
        by_rows.learn_rows(x.view(), &y).unwrap();
        for (x, y) in &rows {
            one_by_one.learn_one(x, *y).unwrap();
        }
        prop_assert_eq!(by_rows, one_by_one);
    }

    #[test]
    fn predict_and_score_give_the_classes_of_the_probabilities(
        (width, hidden, seed, rows) in network_and_rows(),
        steps in 0usize..200,
        scale in -4i32..=8,
        count in 8usize..70,
    ) {
        // Enough rows that x86-64's single-precision pass takes them (`predict`'s fast path;
        // in tiles of four, then one by one), at scales from 1/16 to 256: its classes are the
        // exact pass's, `p > 0.5`.
        let mut trained = model(width, &hidden, seed);
        for (x, y) in rows.iter().cycle().take(steps) {
            trained.learn_one(x, *y).unwrap();
        }
        let many: Rows = rows.iter().cycle().take(count).cloned().collect();
        let factor = 2f64.powi(scale);
        let x = Array2::from_shape_vec((many.len(), width), many.iter().flat_map(|(x, _)| x.iter().map(|v| v * factor)).collect()).unwrap();
        let y: Vec<u8> = many.iter().map(|(_, y)| *y).collect();
        let classes: Vec<u8> = trained.predict_proba(x.view()).unwrap().iter().map(|&p| u8::from(p > 0.5)).collect();
        prop_assert_eq!(trained.predict(x.view()).unwrap(), classes.clone());
        let correct = classes.iter().zip(&y).filter(|(c, y)| c == y).count();
        prop_assert_eq!(trained.score(x.view(), &y).unwrap(), correct as f64 / y.len() as f64);
    }

    #[test]
    fn a_saved_and_loaded_model_predicts_the_same_bits((width, hidden, seed, rows) in network_and_rows()) {
        let mut trained = model(width, &hidden, seed);
        for (x, y) in &rows {
            trained.learn_one(x, *y).unwrap();
        }
        let scaler = StandardScaler { mean: vec![0.0; width], var: vec![1.0; width], scale: vec![1.0; width], n_samples_seen: 1 };
        let text = ModelFile::new(&trained, &scaler, 0).to_json();
        let loaded = ModelFile::load_json(&text).unwrap().model;
        for (x, _) in &rows {
            prop_assert_eq!(loaded.predict_proba_one(x).unwrap().to_bits(), trained.predict_proba_one(x).unwrap().to_bits());
        }
        prop_assert_eq!(loaded, trained);
    }

    #[test]
    fn no_reader_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Dataset::from_csv(bytes.as_slice());
        let _ = uci::read(&text, Missing::DropRows);
        let _ = uci::read(&text, Missing::ImputeMean);
        let _ = ModelFile::load_json(&text);
        let _ = load_saved_model(&text);
        for feature in &FEATURES {
            let _ = feature.parse(&text);
        }
    }

    #[test]
    fn no_reader_panics_on_near_miss_csv(
        rows in prop::collection::vec(prop::collection::vec(prop_oneof!["-?[0-9]{1,3}(\\.[0-9])?", Just("?".to_owned()), "[a-z]{0,2}", Just(String::new())], 0..16), 0..12),
    ) {
        let text: String = rows.iter().map(|row| row.join(",") + "\n").collect();
        let _ = uci::read(&text, Missing::ImputeMean);
        let _ = uci::read(&text, Missing::DropRows);
        let _ = Dataset::from_csv_str(&format!("a,b,target\n{text}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// heart.csv with its 14 columns in any order, read and given heart.csv's feature names,
    /// is heart.csv, bit for bit.
    #[test]
    fn heart_csvs_columns_in_any_order_are_found_by_name(order in Just((0..14).collect::<Vec<usize>>()).prop_shuffle()) {
        let shuffled: Vec<String> = learner::data::HEART_CSV
            .trim_start_matches('\u{feff}')
            .lines()
            .map(|line| {
                let fields: Vec<&str> = line.split(',').collect();
                order.iter().map(|&column| fields[column]).collect::<Vec<_>>().join(",")
            })
            .collect();
        let heart = Dataset::heart();
        let names: Vec<&str> = heart.feature_names.iter().map(String::as_str).collect();
        let read = Dataset::from_csv_str(&shuffled.join("\n")).unwrap().with_features(&names).unwrap();
        prop_assert_eq!(&read, &heart);
        prop_assert!(read.features.iter().zip(&heart.features).all(|(a, b)| a.to_bits() == b.to_bits()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A file read with its lines ended by CRLF or a lone CR reads as with LF: the same
    /// data, or the same error at the same line (blank lines counted), in both forms.
    #[test]
    fn every_line_ending_reads_the_same_with_the_same_lines(
        rows in prop::collection::vec(prop::collection::vec(prop_oneof![8 => "[0-3](\\.[05])?", 1 => Just("?".to_owned()), 1 => "[a-z]{0,2}"], 13..16), 0..12),
        blank in prop::collection::vec(any::<bool>(), 12),
        header in any::<bool>(),
        ending in prop_oneof![Just("\r\n"), Just("\r")],
    ) {
        let mut lines: Vec<String> = Vec::new();
        if header {
            lines.push("age,sex,cp,trestbps,chol,fbs,restecg,thalach,exang,oldpeak,slope,ca,thal,target".to_owned());
        }
        for (row, blank) in rows.iter().zip(&blank) {
            if *blank {
                lines.push(String::new());
            }
            lines.push(row.join(","));
        }
        let with = |ending: &str| lines.iter().map(|line| format!("{line}{ending}")).collect::<String>();
        let (lf, other) = (with("\n"), with(ending));
        for missing in [Missing::DropRows, Missing::ImputeMean] {
            prop_assert_eq!(read_whole(&other, missing), read_whole(&lf, missing));
            prop_assert_eq!(read_in_chunks(&other, missing, 2), read_whole(&lf, missing));
        }
        prop_assert_eq!(Dataset::from_csv_str(&other), Dataset::from_csv_str(&lf));
    }

    /// What the writer writes loads back as the model written; what would not load back
    /// (values that overflowed on inputs up to 1e300) is refused, not written.
    #[test]
    fn a_written_model_file_always_loads_back(
        (width, hidden, seed, rows) in network_and_rows(),
        magnitude in prop_oneof![Just(1.0), Just(1e150), Just(1e300)],
    ) {
        let mut trained = model(width, &hidden, seed);
        for (x, y) in &rows {
            let x: Vec<f64> = x.iter().map(|v| v * magnitude).collect();
            trained.learn_one(&x, *y).unwrap();
        }
        let scaler =
            StandardScaler { mean: vec![0.0; width], var: vec![1.0; width], scale: vec![1.0; width], n_samples_seen: 1 };
        match ModelFile::new(&trained, &scaler, 0).write_json() {
            Ok(text) => prop_assert_eq!(ModelFile::load_json(&text).unwrap().model, trained),
            Err(error) => {
                prop_assert!(matches!(error, learner::Error::Unwritable(_)), "{}", error);
                let optimizer = trained.optimizer();
                let mut values = trained.weights().iter().chain(&optimizer.ms).chain(&optimizer.vs);
                prop_assert!(values.any(|v| !v.is_finite()));
            }
        }
    }
}

/// What reading `text` whole gives, with the form, or the error's message.
fn read_whole(text: &str, missing: Missing) -> Result<(uci::Form, uci::RawRead), String> {
    uci::read_either(text, missing).map_err(|error| error.to_string())
}

/// What reading `text` `chunk` rows at a time gives.
fn read_in_chunks(text: &str, missing: Missing, chunk: usize) -> Result<(uci::Form, uci::RawRead), String> {
    let mut reader = uci::FileReader::new(text.as_bytes()).map_err(|error| error.to_string())?;
    let mut rows_before = 0;
    while !reader.read_rows(chunk).map_err(|error| error.to_string())? {
        assert!(reader.rows_read() <= rows_before + chunk && reader.bytes_read() <= reader.total_bytes());
        rows_before = reader.rows_read();
    }
    assert_eq!(reader.bytes_read(), reader.total_bytes());
    let form = reader.form();
    Ok((form, reader.finish(missing).map_err(|error| error.to_string())?))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A big file read a few rows at a time (the page's slices) is the file read whole:
    /// the same data, or the same error at the same line and column.
    #[test]
    fn a_file_read_in_chunks_is_the_file_read_whole(
        rows in prop::collection::vec(prop::collection::vec(prop_oneof![8 => "[0-3](\\.[05])?", 1 => Just("?".to_owned()), 1 => "[a-z]{0,2}"], 13..16), 0..30),
        header in any::<bool>(),
        chunk in 1usize..8,
        impute in any::<bool>(),
    ) {
        let body: String = rows.iter().map(|row| row.join(",") + "\n").collect();
        let text = if header { format!("age,sex,cp,trestbps,chol,fbs,restecg,thalach,exang,oldpeak,slope,ca,thal,target\n{body}") } else { body };
        let missing = if impute { Missing::ImputeMean } else { Missing::DropRows };
        prop_assert_eq!(read_in_chunks(&text, missing, chunk), read_whole(&text, missing));
    }
}

#[test]
fn every_bundled_file_read_in_chunks_is_the_file_read_whole() {
    let files = [
        learner::data::HEART_CSV,
        include_str!("../../data/uci/processed.cleveland.data"),
        include_str!("../../data/uci/processed.hungarian.data"),
        include_str!("../../data/uci/processed.switzerland.data"),
        include_str!("../../data/uci/processed.va.data"),
    ];
    for text in files {
        for chunk in [1, 7, 100, 1_000] {
            assert_eq!(read_in_chunks(text, Missing::ImputeMean, chunk), read_whole(text, Missing::ImputeMean));
        }
    }
}

/// Whether the core's number reader and the standard library's read `text` to the same
/// bits (NaN as NaN), or both refuse it.
fn reads_as_std(text: &str) -> bool {
    match (learner::number::parse(text), text.parse::<f64>().ok()) {
        (Some(ours), Some(std)) => ours.to_bits() == std.to_bits() || (ours.is_nan() && std.is_nan()),
        (ours, std) => ours.is_none() && std.is_none(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    /// Decimal text of any length and exponent, including halfway points far past 17
    /// digits, reads as `str::parse::<f64>` reads it.
    #[test]
    fn numbers_read_as_the_standard_library_reads_them(
        text in "[+-]?[0-9]{0,40}(\\.[0-9]{0,40})?([eE][+-]?[0-9]{1,4})?",
    ) {
        prop_assert!(reads_as_std(&text), "{:?}", text);
    }

    /// So does any text at all, numbers or not.
    #[test]
    fn any_text_reads_as_the_standard_library_reads_it(text in "\\PC{0,12}|[0-9eE.+-infaINFAty]{0,12}") {
        prop_assert!(reads_as_std(&text), "{:?}", text);
    }
}
