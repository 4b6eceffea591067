//! Long streams: `MlpParams::flush_subnormals` against the exact computation. Natively
//! only (300 passes over the training split take a second here, far longer in a debug
//! wasm build).
#![cfg(not(target_arch = "wasm32"))]

use learner::data::Dataset;
use learner::mlp::MlpParams;
use learner::notebook;
use learner::session::PreparedData;

/// 300 passes, the notebook's loop: 72,600 one-sample steps, 2,904 checkpoints.
const PASSES: usize = 300;

fn runs() -> (notebook::NotebookRun, notebook::NotebookRun) {
    let data = PreparedData::new(&Dataset::heart()).unwrap();
    let run = |flush: bool| {
        notebook::run(&data, 5, PASSES, MlpParams::new().flush_subnormals(flush).check().unwrap()).unwrap()
    };
    (run(false), run(true))
}

#[test]
fn flushing_subnormals_keeps_the_notebooks_checkpoints_and_changes_only_numbers_near_zero() {
    let (exact, flushed) = runs();
    assert_eq!(exact.checkpoints.len(), 2904);
    assert_eq!(flushed.checkpoints, exact.checkpoints, "the same 2,904 scores over 300 passes");

    let (e, f) = (exact.model, flushed.model);
    let subnormal = |values: &[f64]| values.iter().filter(|v| v.is_subnormal()).count();
    let in_exact = subnormal(e.weights()) + subnormal(&e.optimizer().ms);
    println!("subnormal numbers after {PASSES} passes, exact: {in_exact}");
    assert!(in_exact > 0, "the exact run has subnormal numbers");
    assert_eq!(subnormal(f.weights()) + subnormal(&f.optimizer().ms) + subnormal(&f.optimizer().vs), 0);
    // Each flush moves a number by less than f64::MIN_POSITIVE (2.2e-308); through Adam's
    // step, -learning_rate * m / (sqrt(v) + 1e-8), a weight then moves by less than
    // 1e-3 / 1e-8 times that per step. Every difference stays far below it.
    let pairs = e.weights().iter().zip(f.weights()).chain(e.optimizer().ms.iter().zip(&f.optimizer().ms));
    let largest = pairs.map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    println!("largest difference, weights and first moments: {largest:e}");
    assert!(largest < 1e5 * f64::MIN_POSITIVE, "{largest:e}");
    let (exact_numbers, flushed_numbers) = (every_number(&e), every_number(&f));
    for (a, b) in exact_numbers.zip(flushed_numbers) {
        assert!(a == b || a.abs().max(b.abs()) < 1e-300, "only numbers near zero differ: {a:e} against {b:e}");
    }
}

/// A model's weights, then Adam's first and second moments.
fn every_number(model: &learner::mlp::MlpClassifier) -> impl Iterator<Item = f64> + '_ {
    let adam = model.optimizer();
    model.weights().iter().chain(&adam.ms).chain(&adam.vs).copied()
}

#[test]
fn flushing_as_each_number_is_stored_is_flushing_after_the_step() {
    // learn_rows stores each weight and moment flushed inside Adam's pass (and makes the
    // next row's forward pass from the weights so stored); a one-row partial_fit makes the
    // step, then flushes every number in a pass of its own. Over a stream long enough for
    // numbers to decay through the subnormal range, both give the same bits.
    use learner::mlp::MlpClassifier;
    use learner::random::RandomState;
    let data = PreparedData::new(&Dataset::heart()).unwrap();
    let params = MlpParams::new().flush_subnormals(true).check().unwrap();
    let exact_params = MlpParams::new().check().unwrap();
    let (mut stream, mut other) = (RandomState::new(5), RandomState::new(5));
    let mut fused = MlpClassifier::new(13, params.clone(), &mut stream).unwrap();
    let mut after = MlpClassifier::new(13, params, &mut other).unwrap();
    let mut exact = MlpClassifier::new(13, exact_params, &mut RandomState::new(5)).unwrap();
    for _ in 0..PASSES {
        fused.learn_rows(data.x_train.view(), &data.y_train).unwrap();
        exact.learn_rows(data.x_train.view(), &data.y_train).unwrap();
        for i in 0..data.n_train() {
            after.partial_fit(data.x_train.slice(ndarray::s![i..i + 1, ..]), &[data.y_train[i]], &mut other).unwrap();
        }
    }
    assert_eq!(fused, after);
    let subnormal = |values: &[f64]| values.iter().filter(|v| v.is_subnormal()).count();
    assert!(subnormal(exact.weights()) + subnormal(&exact.optimizer().ms) > 0, "the stream reached subnormal numbers");
    assert_ne!(fused.weights(), exact.weights(), "and flushing changed some");
}
