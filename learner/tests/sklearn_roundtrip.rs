//! A model moved between this core and scikit-learn, both ways, without pickle
//! (`tools/sklearn_io.py`; its fixtures were made by scikit-learn, so CI needs none).
//!
//! 1. The core learns seed 5's first 100 samples and exports a model file; scikit-learn
//!    loads it (`to_sklearn`) and learns the other 142: the same model as 242 samples in
//!    scikit-learn, and as 242 here.
//! 2. scikit-learn trains a 13-24-1 network and writes it as a model file (`from_sklearn`):
//!    here it predicts what scikit-learn predicts and goes on learning identically.

use learner::data::Dataset;
use learner::model_file::ModelFile;
use learner::session::{PreparedData, Session};
use serde_json::Value;

// The same tests run natively and, compiled to wasm32, in a browser (`wasm-pack test`).
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const OURS_AFTER_100: &str = include_str!("fixtures/sklearn_roundtrip_ours_after_100.json");
const CONTINUED_IN_SKLEARN: &str = include_str!("fixtures/sklearn_roundtrip_continued_in_sklearn.json");
const TRAINED_IN_SKLEARN: &str = include_str!("fixtures/sklearn_roundtrip_trained_in_sklearn.json");

/// The most a weight or probability may differ from scikit-learn's (numpy's BLAS sums the
/// forward pass's dot products in its own order): measured 8.3e-17 and 2.2e-16.
const TOLERANCE: f64 = 1e-15;

fn max_abs_difference(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f64::max)
}

/// `coefs_ + intercepts_` of a JSON value holding them, flat in the core's order.
fn flat(value: &Value) -> Vec<f64> {
    let numbers = |v: &Value| v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect::<Vec<f64>>();
    let mut flat = Vec::new();
    for matrix in value["coefs"].as_array().unwrap() {
        for row in matrix.as_array().unwrap() {
            flat.extend(numbers(row));
        }
    }
    for vector in value["intercepts"].as_array().unwrap() {
        flat.extend(numbers(vector));
    }
    flat
}

fn seed5_after(samples: usize) -> Session {
    let mut session = Session::heart(5).unwrap();
    session.train(samples).unwrap();
    session
}

#[test]
fn the_file_scikit_learn_continued_is_the_cores_export_after_100_samples() {
    let exported = seed5_after(100).model_file().to_json();
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        // Writes the file tools/sklearn_io.py reads (then run `sklearn_io.py fixtures`).
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sklearn_roundtrip_ours_after_100.json");
        std::fs::write(path, format!("{exported}\n")).unwrap();
    }
    // Natively (where the fixture was written) the very same text; compiled to wasm32,
    // whose `exp` is another implementation, the same model to the last bits or so.
    #[cfg(not(target_arch = "wasm32"))]
    assert_eq!(exported, OURS_AFTER_100.trim_end());
    let (ours, fixture) = (ModelFile::load_json(&exported).unwrap(), ModelFile::load_json(OURS_AFTER_100).unwrap());
    assert_eq!((ours.progress, ours.scaler), (fixture.progress, fixture.scaler));
    let difference = max_abs_difference(ours.model.weights(), fixture.model.weights());
    assert!(difference <= TOLERANCE, "weights differ by {difference:e}");
}

#[test]
fn scikit_learn_goes_on_from_our_export_exactly() {
    let fixture: Value = serde_json::from_str(CONTINUED_IN_SKLEARN).unwrap();
    let recorded = fixture["max_abs_weight_difference_from_sklearn_from_start"].as_f64().unwrap();
    assert!(recorded <= TOLERANCE, "100 here + 142 in scikit-learn = 242 in scikit-learn: {recorded:e}");
    assert_eq!(fixture["continued_score"], fixture["sklearn_from_start_score"]);

    // And 242 here: the same weights, the same score, the same Adam state.
    let here = seed5_after(242);
    let continued = &fixture["continued_in_sklearn"];
    let difference = max_abs_difference(here.model().weights(), &flat(continued));
    println!("100 here + 142 in scikit-learn against 242 here: weights within {difference:e}");
    assert!(difference <= TOLERANCE, "weights differ by {difference:e}");
    assert_eq!(here.score().unwrap(), fixture["continued_score"].as_f64().unwrap());
    let loaded = ModelFile::load_json(&continued.to_string()).unwrap();
    assert_eq!(loaded.model.optimizer().t, 242);
    assert_eq!(loaded.progress.samples_seen, 242);
    let (there, here) = (loaded.model.optimizer(), here.model().optimizer());
    let first = max_abs_difference(&there.ms, &here.ms);
    assert!(first <= TOLERANCE, "Adam's first moments differ by {first:e}");
    let second = max_abs_difference(&there.vs, &here.vs);
    assert!(second <= TOLERANCE, "Adam's second moments differ by {second:e}");
}

#[test]
fn a_model_trained_in_scikit_learn_predicts_and_learns_identically_here() {
    let fixture: Value = serde_json::from_str(TRAINED_IN_SKLEARN).unwrap();
    let loaded = ModelFile::load_json(&fixture["model_file"].to_string()).unwrap();
    let data = PreparedData::new(&Dataset::heart()).unwrap();
    assert_eq!(loaded.scaler, data.scaler, "scikit-learn's StandardScaler on heart.csv is ours, bit for bit");
    assert_eq!(loaded.model.layout().layer_units(), [13, 24, 1]);
    assert_eq!(loaded.model.params().alpha(), 0.001);

    let (x_test, y_test) = data.test_set();
    let proba = loaded.model.predict_proba(x_test).unwrap();
    let expected: Vec<f64> =
        fixture["predict_proba_test"].as_array().unwrap().iter().map(|p| p.as_f64().unwrap()).collect();
    let difference = max_abs_difference(proba.as_slice().unwrap(), &expected);
    println!("trained in scikit-learn, predict_proba here: within {difference:e}");
    assert!(difference <= TOLERANCE, "predict_proba differs by {difference:e}");

    let mut model = loaded.model;
    let next = loaded.progress.next_sample;
    assert_eq!(next, 80);
    for index in next..next + 60 {
        let (x, y) = data.train_sample(index);
        model.learn_one(x, y).unwrap();
    }
    let after = &fixture["after_60_more"];
    let difference = max_abs_difference(model.weights(), &flat(after));
    println!("60 more samples here and in scikit-learn: weights within {difference:e}");
    assert!(difference <= TOLERANCE, "after 60 more samples the weights differ by {difference:e}");
    assert_eq!(model.score(x_test, y_test).unwrap(), after["score"].as_f64().unwrap());
}
