//! Parity with scikit-learn: every expected value below was produced by scikit-learn and
//! numpy themselves (`tools/make_fixtures.py`, versions recorded in each fixture).
//!
//! Weights and probabilities agree to 1e-10 (the forward pass sums in a different order from
//! BLAS); random draws, split indices, scaler statistics and scores agree exactly.

use learner::data::Dataset;
use learner::mlp::{MlpClassifier, MlpParams};
use learner::notebook;
use learner::preprocessing::{train_test_split, StandardScaler};
use learner::random::RandomState;
use learner::session::{PreparedData, Session};
use ndarray::{Array2, Axis};
use serde_json::Value;

// The same tests run natively and, compiled to wasm32, in a browser (`wasm-pack test`).
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// The most two doubles computed in another order may differ by here (numpy's BLAS sums the
/// forward pass's dot products in its own order): measured differences are 8.3e-17 for weights
/// and 2.2e-16 (one unit in the last place near 1) for probabilities.
const TOLERANCE: f64 = 1e-15;

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).expect("fixtures are valid JSON")
}

fn floats(value: &Value) -> Vec<f64> {
    value.as_array().expect("an array").iter().map(|v| v.as_f64().expect("a number")).collect()
}

fn indices(value: &Value) -> Vec<usize> {
    value.as_array().expect("an array").iter().map(|v| v.as_u64().expect("an index") as usize).collect()
}

fn matrix(value: &Value) -> Array2<f64> {
    let rows: Vec<Vec<f64>> = value.as_array().expect("rows").iter().map(floats).collect();
    let width = rows.first().map_or(0, Vec::len);
    Array2::from_shape_vec((rows.len(), width), rows.concat()).expect("a rectangular matrix")
}

/// `coefs_ + intercepts_` of a fixture, flattened in the model's order.
fn flat_weights(snapshot: &Value) -> Vec<f64> {
    let mut flat = Vec::new();
    for coefs in snapshot["coefs"].as_array().unwrap() {
        flat.extend(matrix(coefs).iter());
    }
    for intercepts in snapshot["intercepts"].as_array().unwrap() {
        flat.extend(floats(intercepts));
    }
    flat
}

fn max_abs_difference(actual: &[f64], expected: &[f64]) -> f64 {
    assert_eq!(actual.len(), expected.len(), "lengths differ");
    actual.iter().zip(expected).map(|(a, e)| (a - e).abs()).fold(0.0, f64::max)
}

fn assert_close(what: &str, actual: &[f64], expected: &[f64]) {
    let difference = max_abs_difference(actual, expected);
    println!("{what}: max abs difference {difference:e}");
    assert!(difference <= TOLERANCE, "{what}: max abs difference {difference:e} > {TOLERANCE:e}");
}

fn heart() -> PreparedData {
    PreparedData::new(&Dataset::heart()).unwrap()
}

fn default_params() -> learner::mlp::ValidParams {
    MlpParams::new().check().unwrap()
}

/// `np.random.seed(seed)` and a new 13-input model drawn from that stream.
fn seeded_model(seed: u32, params: learner::mlp::ValidParams) -> (RandomState, MlpClassifier) {
    let mut stream = RandomState::new(seed);
    let model = MlpClassifier::new(13, params, &mut stream).unwrap();
    (stream, model)
}

mod numpy_random_state {
    #[cfg(target_arch = "wasm32")]
    use super::test;
    use super::*;

    const FIXTURE: &str = include_str!("fixtures/numpy_random.json");

    #[test]
    fn random_sample_uniform_permutation_and_shuffle_match_numpy_draw_for_draw() {
        let cases = fixture(FIXTURE)["cases"].as_array().unwrap().clone();
        assert_eq!(cases.len(), 4);
        for case in cases {
            let seed = case["seed"].as_u64().unwrap() as u32;
            let mut stream = RandomState::new(seed);
            let samples: Vec<f64> = (0..100).map(|_| stream.random_sample()).collect();
            assert_eq!(samples, floats(&case["random_sample"]), "random_sample, seed {seed}");

            let (low, high) = (case["uniform"]["low"].as_f64().unwrap(), case["uniform"]["high"].as_f64().unwrap());
            let mut uniform = vec![0.0; 30];
            stream.fill_uniform(low, high, &mut uniform);
            assert_eq!(uniform, floats(&case["uniform"]["values"]), "uniform, seed {seed}");

            for permutation in case["permutations"].as_array().unwrap() {
                let n = permutation["n"].as_u64().unwrap() as usize;
                assert_eq!(stream.permutation(n), indices(&permutation["values"]), "permutation({n}), seed {seed}");
            }
            let mut shuffled: Vec<usize> = (0..20).collect();
            stream.shuffle(&mut shuffled);
            assert_eq!(shuffled, indices(&case["shuffle_20"]), "shuffle, seed {seed}");

            let after: Vec<f64> = (0..10).map(|_| stream.random_sample()).collect();
            assert_eq!(after, floats(&case["random_sample_after"]), "the stream continues, seed {seed}");
        }
    }
}

mod preprocessing {
    #[cfg(target_arch = "wasm32")]
    use super::test;
    use super::*;

    const FIXTURE: &str = include_str!("fixtures/preprocessing.json");

    #[test]
    fn standard_scaler_fit_matches_scikit_learn_bit_for_bit() {
        let expected = fixture(FIXTURE);
        let heart = Dataset::heart();
        assert_eq!(heart.feature_names, indices_as_names(&expected["feature_names"]));
        let scaler = StandardScaler::fit(heart.features.view()).unwrap();
        assert_eq!(scaler.mean, floats(&expected["scaler"]["mean"]));
        assert_eq!(scaler.var, floats(&expected["scaler"]["var"]));
        assert_eq!(scaler.scale, floats(&expected["scaler"]["scale"]));
        assert_eq!(scaler.n_samples_seen, 303);
    }

    fn indices_as_names(value: &Value) -> Vec<String> {
        value.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
    }

    #[test]
    fn standard_scaler_transform_matches_scikit_learn_bit_for_bit() {
        let heart = Dataset::heart();
        let scaler = StandardScaler::fit(heart.features.view()).unwrap();
        let scaled = scaler.transform(heart.features.view()).unwrap();
        assert_eq!(scaled, matrix(&fixture(FIXTURE)["X_scaled"]));
    }

    #[test]
    fn standard_scaler_scales_constant_columns_by_one_like_scikit_learn() {
        let case = &fixture(FIXTURE)["constant_columns"];
        let x = matrix(&case["X"]);
        let scaler = StandardScaler::fit(x.view()).unwrap();
        assert_eq!(scaler.mean, floats(&case["mean"]));
        assert_eq!(scaler.var, floats(&case["var"]));
        assert_eq!(scaler.scale, floats(&case["scale"]));
        assert_eq!(scaler.scale[..2], [1.0, 1.0]);
        assert_eq!(scaler.transform(x.view()).unwrap(), matrix(&case["X_scaled"]));
    }

    #[test]
    fn standard_scaler_partial_fit_matches_scikit_learn_bit_for_bit_a_sample_or_a_batch_at_a_time() {
        let expected = fixture(include_str!("fixtures/scaler_partial_fit.json"));
        let heart = Dataset::heart();
        for run in ["one_at_a_time", "batches"] {
            let mut scaler = StandardScaler::unfitted(13);
            let mut seen = 0;
            for step in expected[run]["steps"].as_array().unwrap() {
                let rows = step["rows"].as_u64().unwrap() as usize;
                scaler = scaler.partial_fit(heart.features.slice(ndarray::s![seen..seen + rows, ..])).unwrap();
                seen += rows;
                assert_eq!(scaler.mean, floats(&step["mean"]), "{run}: the mean after {seen} rows");
                assert_eq!(scaler.var, floats(&step["var"]), "{run}: the variance after {seen} rows");
                assert_eq!(scaler.scale, floats(&step["scale"]), "{run}: the scale after {seen} rows");
                assert_eq!(scaler.n_samples_seen, seen);
            }
            assert_eq!(seen, 303);
            let mut first = heart.features.row(0).to_vec();
            scaler.transform_row(&mut first).unwrap();
            assert_eq!(first, floats(&expected[run]["first_row_scaled"]), "{run}");
        }
        // A sample at a time, the statistics are not fit's to the last bit (scikit-learn's
        // neither): the mean of 303 rows summed at once, and 303 running updates.
        let fit = StandardScaler::fit(heart.features.view()).unwrap();
        assert_eq!(fit.mean, floats(&expected["fit"]["mean"]));
        assert_ne!(floats(&expected["one_at_a_time"]["steps"][302]["mean"]), fit.mean);
        // On a fresh scaler, one batch is fit.
        assert_eq!(StandardScaler::unfitted(13).partial_fit(heart.features.view()).unwrap(), fit);
    }

    #[test]
    fn a_batch_partial_fit_refuses_leaves_the_scaler_as_it_was() {
        let scaler = StandardScaler::fit(ndarray::array![[1.0, 2.0], [3.0, 5.0]].view()).unwrap();
        let wider = scaler.partial_fit(ndarray::array![[1.0, 2.0, 3.0]].view());
        assert_eq!(wider.unwrap_err().to_string(), "expected 2 features per sample, got 3");
        let not_finite = scaler.partial_fit(ndarray::array![[1.0, f64::NAN]].view());
        assert_eq!(not_finite.unwrap_err(), learner::Error::NotFiniteIn { sample: 0, feature: 1 });
        assert!(scaler.partial_fit(Array2::zeros((0, 2)).view()).is_err(), "no rows");
        assert_eq!(scaler.n_samples_seen, 2, "the scaler itself unchanged");
    }

    #[test]
    fn train_test_split_gives_scikit_learns_indices_in_order() {
        let expected = fixture(FIXTURE);
        let split = train_test_split(303, 0.2, 0).unwrap();
        assert_eq!(split.train, indices(&expected["train_indices"]));
        assert_eq!(split.test, indices(&expected["test_indices"]));
    }

    #[test]
    fn the_prepared_training_rows_are_the_scaled_rows_in_split_order() {
        let expected = fixture(FIXTURE);
        let data = heart();
        let scaled = matrix(&expected["X_scaled"]);
        assert_eq!(data.x_train, scaled.select(Axis(0), &indices(&expected["train_indices"])));
        assert_eq!(data.x_test, scaled.select(Axis(0), &indices(&expected["test_indices"])));
    }
}

mod mlp_classifier {
    #[cfg(target_arch = "wasm32")]
    use super::test;
    use super::*;

    const SEED5: &str = include_str!("fixtures/mlp_seed5.json");
    const BATCHES: &str = include_str!("fixtures/batches.json");
    const DEEP: &str = include_str!("fixtures/deep.json");
    const OVERFLOW: &str = include_str!("fixtures/overflow.json");

    #[test]
    fn initial_weights_are_scikit_learns_glorot_draws_exactly() {
        let expected = fixture(SEED5);
        let (_, model) = seeded_model(5, default_params());
        assert_eq!(model.weights(), flat_weights(&expected["initial"]));
        assert_eq!(model.coefs(0).dim(), (13, 100));
        assert_eq!(model.coefs(1).dim(), (100, 1));
    }

    #[test]
    fn one_sample_partial_fit_matches_after_1_25_and_242_samples() {
        let expected = fixture(SEED5);
        let data = heart();
        let (mut stream, mut model) = seeded_model(5, default_params());
        for i in 0..242 {
            let (x, y) = data.train_sample(i);
            model.learn_one(x, y).unwrap();
            if [1, 25, 242].contains(&(i + 1)) {
                let snapshot = &expected[format!("after_{}", i + 1)];
                if i == 0 {
                    // One step: no sum long enough for numpy's BLAS to order it otherwise.
                    assert_eq!(model.weights(), flat_weights(snapshot), "weights after 1 sample, bit for bit");
                }
                assert_close(&format!("weights after {} samples", i + 1), model.weights(), &flat_weights(snapshot));
                let (x_test, _) = data.test_set();
                let proba = model.predict_proba(x_test).unwrap().to_vec();
                assert_close(
                    &format!("predict_proba after {}", i + 1),
                    &proba,
                    &floats(&snapshot["predict_proba_test"]),
                );
            }
        }
        assert_eq!(model.optimizer().t, expected["adam_t"].as_u64().unwrap());
        assert_eq!(model.samples_seen(), expected["samples_seen"].as_u64().unwrap());
        let after: Vec<f64> = (0..3).map(|_| stream.random_sample()).collect();
        assert_eq!(after, floats(&expected["random_sample_after"]), "one-sample fits draw nothing");
    }

    #[test]
    fn partial_fit_learn_one_and_learn_rows_compute_the_same_bits() {
        // partial_fit on one row makes the gradient vector first, as scikit-learn does;
        // learn_one makes each gradient inside Adam's pass; learn_rows also makes the next
        // row's forward pass inside each update. Same arithmetic: the same bits.
        let data = heart();
        for hidden in [&[100][..], &[16, 8], &[3]] {
            let params = MlpParams::new().hidden_layer_sizes(hidden).check().unwrap();
            let (mut a_stream, mut b_stream) = (RandomState::new(8), RandomState::new(8));
            let mut by_partial_fit = MlpClassifier::new(13, params.clone(), &mut a_stream).unwrap();
            let mut one_by_one = MlpClassifier::new(13, params, &mut b_stream).unwrap();
            let mut by_rows = one_by_one.clone();
            for i in 0..data.n_train() {
                let (x, y) = data.train_sample(i);
                by_partial_fit.partial_fit(data.x_train.slice(ndarray::s![i..i + 1, ..]), &[y], &mut a_stream).unwrap();
                one_by_one.learn_one(x, y).unwrap();
            }
            for range in [0..1, 1..2, 2..2, 2..99, 99..242] {
                by_rows.learn_rows(data.x_train.slice(ndarray::s![range.clone(), ..]), &data.y_train[range]).unwrap();
            }
            assert_eq!(by_partial_fit, one_by_one, "hidden layers {hidden:?}");
            assert_eq!(a_stream, b_stream, "a one-row partial_fit draws nothing");
            assert_eq!(by_rows, one_by_one, "hidden layers {hidden:?}");
            let (x_test, _) = data.test_set();
            assert_eq!(by_rows.predict_proba(x_test).unwrap(), one_by_one.predict_proba(x_test).unwrap());
        }
    }

    #[test]
    fn batch_partial_fit_shuffles_from_the_stream_in_batches_of_200() {
        let expected = fixture(BATCHES);
        let data = heart();
        let (mut stream, mut model) = seeded_model(7, default_params());
        for step in expected["steps"].as_array().unwrap() {
            let rows = indices(&step["rows"]);
            let x = data.x_train.select(Axis(0), &rows);
            let y: Vec<u8> = rows.iter().map(|&r| data.y_train[r]).collect();
            model.partial_fit(x.view(), &y, &mut stream).unwrap();
            assert_close(&format!("weights after a batch of {}", rows.len()), model.weights(), &flat_weights(step));
        }
        // 1 + 2 (242 rows in batches of 200 and 42) + 1 steps.
        assert_eq!(model.optimizer().t, expected["adam_t"].as_u64().unwrap());
        assert_eq!(model.optimizer().t, 4);
        let proba = model.predict_proba(data.x_test.view()).unwrap().to_vec();
        assert_close("predict_proba after batches", &proba, &floats(&expected["predict_proba_test"]));
        let after: Vec<f64> = (0..3).map(|_| stream.random_sample()).collect();
        assert_eq!(after, floats(&expected["random_sample_after"]), "the shuffles drew what numpy drew");
    }

    /// `deep.json`'s model: seed 3, a 13-16-8-1 network, the first 60 samples one at a time.
    fn deep_model(data: &PreparedData) -> MlpClassifier {
        let params = MlpParams::new().hidden_layer_sizes(&[16, 8]).check().unwrap();
        let (_, mut model) = seeded_model(3, params);
        for i in 0..60 {
            let (x, y) = data.train_sample(i);
            model.learn_one(x, y).unwrap();
        }
        model
    }

    #[test]
    fn two_hidden_layers_backpropagate_like_scikit_learn() {
        let expected = fixture(DEEP);
        let data = heart();
        let model = deep_model(&data);
        assert_close("weights of a 13-16-8-1 network", model.weights(), &flat_weights(&expected));
        let proba = model.predict_proba(data.x_test.view()).unwrap().to_vec();
        assert_close("predict_proba of a 13-16-8-1 network", &proba, &floats(&expected["predict_proba_test"]));
        let (x_test, y_test) = data.test_set();
        assert_eq!(model.score(x_test, y_test).unwrap(), expected["score"].as_f64().unwrap());
    }

    #[test]
    fn rows_too_large_for_the_network_give_scikit_learns_nan_and_classes() {
        // A sum of inf and -inf in the first hidden layer is NaN, which scikit-learn's ReLU
        // (numpy's `maximum`) keeps: predict_proba is NaN there (null in the fixture) and
        // predict 0.
        let expected = fixture(OVERFLOW);
        let model = deep_model(&heart());
        let rows = matrix(&expected["rows"]);
        let proba = model.predict_proba(rows.view()).unwrap().to_vec();
        let wanted = expected["predict_proba"].as_array().unwrap();
        assert_eq!(proba.len(), wanted.len());
        let nan_rows = wanted.iter().filter(|p| p.is_null()).count();
        assert!(nan_rows >= 10, "the fixture has rows whose probability is NaN ({nan_rows})");
        for (row, (actual, wanted)) in proba.iter().zip(wanted).enumerate() {
            match wanted.as_f64() {
                None => assert!(actual.is_nan(), "row {row}: {actual}, scikit-learn NaN"),
                Some(wanted) => {
                    assert!((actual - wanted).abs() <= TOLERANCE, "row {row}: {actual}, scikit-learn {wanted}")
                }
            }
        }
        let classes: Vec<u64> = model.predict(rows.view()).unwrap().into_iter().map(u64::from).collect();
        let wanted: Vec<u64> = expected["predict"].as_array().unwrap().iter().map(|c| c.as_u64().unwrap()).collect();
        assert_eq!(classes, wanted);
    }
}

mod notebook_and_server {
    #[cfg(target_arch = "wasm32")]
    use super::test;
    use super::*;

    const SEED5: &str = include_str!("fixtures/mlp_seed5.json");
    const CURVES: &str = include_str!("fixtures/curves.json");
    const SERVER: &str = include_str!("fixtures/server.json");

    fn curve(value: &Value) -> Vec<(usize, f64)> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|point| (point[0].as_u64().unwrap() as usize, point[1].as_f64().unwrap()))
            .collect()
    }

    fn run(seed: u32, epochs: usize) -> Vec<(usize, f64)> {
        let run = notebook::run(&heart(), seed, epochs, default_params()).unwrap();
        run.checkpoints.iter().map(|c| (c.iteration, c.score)).collect()
    }

    #[test]
    fn the_notebook_prints_the_originals_ten_scores() {
        let expected = curve(&fixture(SEED5)["curve"]);
        assert_eq!(expected.len(), 10);
        assert_eq!(expected[0], (25, 0.6065573770491803));
        assert_eq!(run(5, 1), expected);
    }

    #[test]
    fn whole_curves_match_for_three_seeds_and_two_epochs() {
        for case in fixture(CURVES)["runs"].as_array().unwrap() {
            let seed = case["seed"].as_u64().unwrap() as u32;
            let epochs = case["epochs"].as_u64().unwrap() as usize;
            assert_eq!(run(seed, epochs), curve(&case["curve"]), "seed {seed}, {epochs} epochs");
        }
    }

    #[test]
    fn uci_files_with_imputed_values_give_scikit_learns_curves() {
        // tools/make_fixtures.py, uci_imputer(): SimpleImputer fitted on the training split's
        // rows, the whole file scaled, the notebook's loop with seed 5.
        let fixture = fixture(include_str!("fixtures/uci_imputer.json"));
        let files = [
            ("cleveland", include_str!("../../data/uci/processed.cleveland.data")),
            ("hungarian", include_str!("../../data/uci/processed.hungarian.data")),
            ("switzerland", include_str!("../../data/uci/processed.switzerland.data")),
            ("va", include_str!("../../data/uci/processed.va.data")),
        ];
        for (site, text) in files {
            let read = learner::uci::read(text, learner::uci::Missing::ImputeMean).unwrap();
            assert!(read.values_imputed > 0, "{site}");
            let data = PreparedData::new(&read.dataset).unwrap();
            let run = notebook::run(&data, 5, 1, default_params()).unwrap();
            let checkpoints: Vec<(usize, f64)> = run.checkpoints.iter().map(|c| (c.iteration, c.score)).collect();
            assert_eq!(checkpoints, curve(&fixture["notebook_seed5"][site]), "{site}");
        }
    }

    #[test]
    fn a_session_answers_the_original_servers_click_sequence() {
        let expected = fixture(SERVER);
        let mut session = Session::heart(expected["seed"].as_u64().unwrap() as u32).unwrap();
        for step in expected["steps"].as_array().unwrap() {
            let report = match step["action"].as_str().unwrap() {
                "start" => session.train(100),
                "train25" => session.train(25),
                "reset" => session.reset(),
                other => panic!("unknown action {other}"),
            }
            .unwrap();
            let action = step["action"].as_str().unwrap();
            assert_eq!(report.score, step["score"].as_f64().unwrap(), "{action}");
            assert_eq!(format!("{:.5}", report.score).parse::<f64>().unwrap(), step["result"].as_f64().unwrap());
            assert_eq!(report.remaining as u64, step["remaining"].as_u64().unwrap(), "{action}");
        }
    }
}

/// The workbench page's numbers (`tools/make_fixtures.py`, `workbench()`): the learning curve
/// after every sample, progressive validation as River computes it, the test split in detail.
mod workbench {
    use learner::heart::{probability_of_disease, DISEASE};
    use learner::session::Source;

    #[cfg(target_arch = "wasm32")]
    use super::test;
    use super::*;

    const WORKBENCH: &str = include_str!("fixtures/workbench.json");

    fn session(run: &Value) -> Session {
        let hidden = indices(&run["hidden_layer_sizes"]);
        let params = MlpParams::new().hidden_layer_sizes(&hidden).check().unwrap();
        Session::new(heart(), run["seed"].as_u64().unwrap() as u32, params).unwrap()
    }

    #[test]
    fn the_held_out_and_progressive_curves_equal_scikit_learn_and_river_after_every_sample() {
        for run in fixture(WORKBENCH)["runs"].as_array().unwrap() {
            let what = format!("seed {}, hidden {}", run["seed"], run["hidden_layer_sizes"]);
            let mut session = session(run);
            // As the page does: 100 at load, then clicks of 25 (the last one 17).
            session.train(100).unwrap();
            while session.remaining() > 0 {
                session.train(25).unwrap();
            }
            let curve = session.curve();
            assert_eq!(curve.len(), 242, "{what}");
            let samples: Vec<usize> = curve.iter().map(|point| point.samples).collect();
            assert_eq!(samples, (1..=242).collect::<Vec<_>>());
            assert!(curve.iter().all(|point| point.source == Source::Stream));
            let series = |pick: fn(&learner::session::CurvePoint) -> f64| curve.iter().map(pick).collect::<Vec<f64>>();
            assert_eq!(series(|point| point.held_out), floats(&run["held_out"]), "held-out, {what}");
            assert_eq!(series(|point| point.progressive), floats(&run["progressive"]), "progressive, {what}");
            assert_eq!(
                series(|point| point.progressive_recent),
                floats(&run["progressive_recent"]),
                "progressive over the last 50, {what}"
            );
        }
    }

    #[test]
    fn each_sample_is_predicted_before_it_is_learned() {
        let data = heart();
        for run in fixture(WORKBENCH)["runs"].as_array().unwrap() {
            let mut session = session(run);
            let mut predicted = Vec::new();
            for index in 0..data.n_train() {
                predicted.push(session.model().predict_proba_one(data.train_sample(index).0).unwrap());
                session.train(1).unwrap();
            }
            let what = format!("progressive predictions, seed {}, hidden {}", run["seed"], run["hidden_layer_sizes"]);
            assert_close(&what, &predicted, &floats(&run["predicted_proba"]));
        }
    }

    #[test]
    fn the_test_split_in_detail_equals_scikit_learns_metrics() {
        let run = &fixture(WORKBENCH)["runs"][0];
        assert_eq!(run["seed"], 5);
        let mut session = session(run);
        let data = heart();
        for (samples, expected) in run["test_split"].as_object().unwrap() {
            session.train(samples.parse::<usize>().unwrap() - session.report().unwrap().trained).unwrap();
            let evaluation = session.evaluate(DISEASE).unwrap();
            let matrix = &expected["confusion_matrix_labels_0_1"];
            let count = |row: usize, column: usize| matrix[row][column].as_u64().unwrap() as usize;
            let confusion = evaluation.confusion;
            // Row 0 is disease (the positive class), column 0 predicted disease.
            assert_eq!(
                [
                    confusion.true_positives,
                    confusion.false_negatives,
                    confusion.false_positives,
                    confusion.true_negatives
                ],
                [count(0, 0), count(0, 1), count(1, 0), count(1, 1)],
                "after {samples}"
            );
            assert_eq!(confusion.precision(), expected["precision_disease"].as_f64());
            assert_eq!(confusion.recall(), expected["recall_disease"].as_f64());
            assert_eq!(evaluation.accuracy, expected["accuracy"].as_f64().unwrap());
            assert_eq!(
                evaluation.log_loss,
                expected["log_loss"].as_f64().unwrap(),
                "log-loss after {samples}, bit for bit"
            );
            let of_disease: Vec<f64> = data
                .x_test_raw
                .rows()
                .into_iter()
                .map(|patient| probability_of_disease(session.predict_proba_raw(patient.as_slice().unwrap()).unwrap()))
                .collect();
            assert_close("P(disease) of the test patients", &of_disease, &floats(&expected["probability_of_disease"]));
        }
    }
}
