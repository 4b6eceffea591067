//! The benchmarks' per-sample work timed in a browser, on the core compiled to wasm32:
//! `make bench-wasm` (a release build in headless Chromium). They are measurements, not
//! tests: ignored unless asked for, and they only print.
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;

use learner::mlp::{Adam, AdamState, MlpClassifier, MlpParams};
use learner::random::RandomState;
use learner::session::{PreparedData, Session};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Milliseconds from the page's clock (Chromium coarsens it to 0.1 ms: time many repeats).
fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// The best of `rounds` timings of `work`, in microseconds per `per_round` items.
fn best_us(rounds: usize, per_round: usize, mut work: impl FnMut()) -> f64 {
    work(); // warm-up
    (0..rounds)
        .map(|_| {
            let start = now();
            work();
            (now() - start) * 1000.0 / per_round as f64
        })
        .fold(f64::INFINITY, f64::min)
}

#[wasm_bindgen_test]
#[ignore = "a measurement: make bench-wasm"]
fn per_sample_costs_in_the_browser() {
    let data = PreparedData::new(&learner::data::Dataset::heart()).unwrap();
    let mut stream = RandomState::new(5);
    let fresh = MlpClassifier::new(13, MlpParams::new().check().unwrap(), &mut stream).unwrap();
    let n_train = data.n_train();

    // As the native benchmark: fresh models, one `partial_fit` per training sample.
    const MODELS: usize = 20;
    let learn = best_us(10, MODELS * n_train, || {
        for _ in 0..MODELS {
            let mut model = fresh.clone();
            for index in 0..n_train {
                let (x, y) = data.train_sample(index);
                model.learn_one(black_box(x), black_box(y)).unwrap();
            }
            black_box(&model);
        }
    });

    let rows = best_us(10, MODELS * n_train, || {
        for _ in 0..MODELS {
            let mut model = fresh.clone();
            model.learn_rows(black_box(data.x_train.view()), black_box(&data.y_train)).unwrap();
            black_box(&model);
        }
    });

    let mut model = fresh.clone();
    for index in 0..n_train {
        let (x, y) = data.train_sample(index);
        model.learn_one(x, y).unwrap();
    }
    let (x_test, y_test) = data.test_set();
    const SCORES: usize = 200;
    let score = best_us(10, SCORES, || {
        for _ in 0..SCORES {
            black_box(model.score(black_box(x_test), black_box(y_test)).unwrap());
        }
    });

    // A visitor's big file's test split (20,000 rows: the test rows over and over), as a
    // long pass scores it every 400 samples.
    let big_test = ndarray::Array2::from_shape_fn((20_000, 13), |(row, column)| x_test[[row % x_test.nrows(), column]]);
    let big_labels: Vec<u8> = (0..20_000).map(|row| y_test[row % y_test.len()]).collect();
    let big_score = best_us(10, 1, || {
        black_box(model.score(black_box(big_test.view()), black_box(&big_labels)).unwrap());
    });

    // The floor of a step: Adam's pass alone over the 1,501 parameters (each a square root
    // and a division, correctly rounded, with the moments' updates), on the gradients of
    // a step, without the forward pass, the deltas or the crossing from JavaScript.
    let mut optimizer = model.optimizer().clone();
    let mut weights = model.weights().to_vec();
    let gradients: Vec<f64> = weights.iter().map(|w| 1e-4 * w + 1e-3).collect();
    let adam = Adam { learning_rate_init: 1e-3, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-8 };
    const STEPS: usize = 2_000;
    // A function of its own, called for each round: the browser runs a call in the code it
    // had when the call began, and a loop inlined into this long test would be timed in its
    // baseline code (4.4 us here, where the optimised code takes 3.8).
    #[inline(never)]
    fn adam_steps(optimizer: &mut AdamState, adam: &Adam, weights: &mut [f64], gradients: &[f64]) {
        for _ in 0..STEPS {
            optimizer.update_params(adam, black_box(&mut *weights), black_box(gradients));
        }
    }
    let adam_alone = best_us(10, STEPS, || adam_steps(&mut optimizer, &adam, &mut weights, &gradients));

    let session = Session::heart(5).unwrap();
    const CLICKS: usize = 50;
    let click = best_us(10, CLICKS, || {
        for _ in 0..CLICKS {
            let mut session = session.clone();
            black_box(session.train(25).unwrap());
        }
    });

    console_log!("wasm32 in the browser, best of 10 rounds:");
    console_log!(
        "  partial_fit, one sample (fresh model, 242 samples): learn_one {learn:.2} us, learn_rows {rows:.2} us"
    );
    console_log!("  Adam's pass alone over the 1,501 parameters (a step's floor): {adam_alone:.2} us");
    console_log!("  score on the 61 test rows: {score:.1} us");
    console_log!("  score on 20,000 rows: {:.2} ms", big_score / 1000.0);
    console_log!("  a +25 click (clone the session, train 25, score): {click:.1} us");
}

/// The cost of one-sample learning by position in a long stream (the training split over
/// and over), exact and with `flush_subnormals`, as `examples/long_stream.rs` measures it
/// natively.
#[wasm_bindgen_test]
#[ignore = "a measurement: make bench-wasm"]
fn per_sample_cost_along_a_long_stream_in_the_browser() {
    let data = PreparedData::new(&learner::data::Dataset::heart()).unwrap();
    let n_train = data.n_train();
    for (flush, samples) in [(false, 300_000), (true, 1_000_000)] {
        let params = MlpParams::new().flush_subnormals(flush).check().unwrap();
        let mut model = MlpClassifier::new(13, params, &mut RandomState::new(5)).unwrap();
        console_log!(
            "wasm32, {}: from sample, us per sample (median of 10 parts)",
            if flush { "flush_subnormals" } else { "exact" }
        );
        // A block's cost is the median of its ten parts' (as examples/long_stream.rs takes
        // it): a pause of the browser or the machine in one part is not the stream's cost.
        const BLOCK: usize = 50_000;
        const PART: usize = BLOCK / 10;
        for first in (0..samples).step_by(BLOCK) {
            let mut parts: Vec<f64> = (first..first + BLOCK)
                .step_by(PART)
                .map(|part| {
                    let start = now();
                    for i in part..part + PART {
                        let (x, y) = data.train_sample(i % n_train);
                        model.learn_one(black_box(x), black_box(y)).unwrap();
                    }
                    (now() - start) * 1000.0 / PART as f64
                })
                .collect();
            parts.sort_by(f64::total_cmp);
            console_log!("  {first:>9}  {:.2}", (parts[4] + parts[5]) / 2.0);
        }
    }
}
