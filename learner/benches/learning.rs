//! The per-sample costs of the demo: one `partial_fit` on one sample, and `score` on the 61
//! test rows; and the scaler fitted on a visitor's big file. `tools/compare_sklearn.py`
//! runs this and times scikit-learn on the same work.

//!
//! Criterion is a native dev-dependency: built for wasm32 (`cargo clippy --target
//! wasm32-unknown-unknown --all-targets`), this bench is an empty program; `make bench-wasm`
//! times the same work in a browser.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use criterion::{criterion_group, BatchSize, Criterion, Throughput};
    use learner::mlp::{MlpClassifier, MlpParams};
    use learner::preprocessing::StandardScaler;
    use learner::random::RandomState;
    use learner::session::{PreparedData, Session};

    fn learning(c: &mut Criterion) {
        let data = PreparedData::new(&learner::data::Dataset::heart()).unwrap();
        let mut stream = RandomState::new(5);
        let mut group = c.benchmark_group("heart");

        // The realistic workload, as the notebook runs it: a fresh model, then one `partial_fit`
        // per training sample. (Cycling one model through the data forever would drive unused
        // weights towards subnormal numbers, which no real session reaches.)
        let fresh = MlpClassifier::new(13, MlpParams::new().check().unwrap(), &mut stream).unwrap();
        group.throughput(Throughput::Elements(data.n_train() as u64));
        group.bench_function("partial_fit_one_sample_x242", |b| {
            b.iter_batched_ref(
                || fresh.clone(),
                |model| {
                    for index in 0..data.n_train() {
                        let (x, y) = data.train_sample(index);
                        model.learn_one(black_box(x), black_box(y)).unwrap();
                    }
                },
                BatchSize::SmallInput,
            )
        });
        // The same work through `learn_rows`, as a session trains: one Adam step per sample,
        // the same bits, each next forward pass made inside the update before it.
        group.bench_function("learn_rows_one_sample_steps_x242", |b| {
            b.iter_batched_ref(
                || fresh.clone(),
                |model| model.learn_rows(black_box(data.x_train.view()), black_box(&data.y_train)).unwrap(),
                BatchSize::SmallInput,
            )
        });
        group.throughput(Throughput::Elements(1));

        let mut model = fresh.clone();
        for index in 0..data.n_train() {
            let (x, y) = data.train_sample(index);
            model.learn_one(x, y).unwrap();
        }

        let (x_test, y_test) = data.test_set();
        group.bench_function("score_61_test_rows", |b| {
            b.iter(|| model.score(black_box(x_test), black_box(y_test)).unwrap())
        });

        // A visitor's big file's test split (20,000 rows: the test rows over and over), as a
        // long pass scores it every 400 samples.
        let big_test =
            ndarray::Array2::from_shape_fn((20_000, 13), |(row, column)| x_test[[row % x_test.nrows(), column]]);
        let big_labels: Vec<u8> = (0..20_000).map(|row| y_test[row % y_test.len()]).collect();
        group.bench_function("score_20000_test_rows", |b| {
            b.iter(|| model.score(black_box(big_test.view()), black_box(&big_labels)).unwrap())
        });

        // The notebook's loop as a whole: a fresh model, one `partial_fit` per training sample,
        // and the score on the test rows every 25 samples and after the last.
        group.throughput(Throughput::Elements(data.n_train() as u64));
        group.bench_function("notebook_loop_x242", |b| {
            b.iter(|| learner::notebook::run(black_box(&data), 5, 1, MlpParams::new().check().unwrap()).unwrap())
        });
        group.throughput(Throughput::Elements(1));

        let session = Session::heart(5).unwrap();
        group.bench_function("click_train_25_and_score", |b| {
            b.iter_batched(|| session.clone(), |mut session| session.train(25).unwrap(), BatchSize::SmallInput)
        });
        group.finish();

        // A visitor's 100,000-row file: the scaler fitted on all of it, one step of its own
        // in the page (between two of the browser's tasks).
        let mut group = c.benchmark_group("file");
        let features = data.x_train.view();
        let big_file = ndarray::Array2::from_shape_fn((100_000, 13), |(row, column)| {
            features[[row % features.nrows(), column]] * 10.0 + (row / features.nrows() % 20) as f64
        });
        group.throughput(Throughput::Elements(big_file.nrows() as u64));
        group.bench_function("fit_scaler_100000_rows", |b| {
            b.iter(|| StandardScaler::fit(black_box(big_file.view())).unwrap())
        });
        group.finish();
    }

    criterion_group!(benches, learning);
}
