//! The cost of one-sample learning along a long stream: the training split over and over
//! (the notebook's loop with `--epochs`), timed per block of samples.
//!
//! ```text
//! cargo run --release -p learner --example long_stream -- [--samples N] [--block N] [--flush-subnormals]
//! ```
//!
//! Prints one line per block: where it starts, microseconds per sample, and how many of
//! the model's numbers (weights, Adam's moments) are subnormal at its end. A block's cost is
//! the median of its ten parts' (each timed on its own): a pause of the machine in one part
//! (another process, a page fault) is not the stream's cost at that position.

use std::process::ExitCode;
use std::time::Instant;

use learner::data::Dataset;
use learner::mlp::{MlpClassifier, MlpParams};
use learner::random::RandomState;
use learner::session::{PreparedData, ORIGINAL_SEED};

struct Options {
    samples: usize,
    block: usize,
    flush: bool,
}

fn parse_options() -> Result<Options, String> {
    use lexopt::prelude::*;
    let mut options = Options { samples: 1_000_000, block: 10_000, flush: false };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("samples") => options.samples = positive(&mut parser, "--samples")?,
            Long("block") => options.block = positive(&mut parser, "--block")?,
            Long("flush-subnormals") => options.flush = true,
            _ => return Err(arg.unexpected().to_string()),
        }
    }
    Ok(options)
}

/// The option's value, a positive integer.
fn positive(parser: &mut lexopt::Parser, name: &str) -> Result<usize, String> {
    use lexopt::ValueExt;
    let value = parser.value().map_err(|e| e.to_string())?;
    value.parse().ok().filter(|&n| n > 0).ok_or_else(|| format!("{name} takes a positive integer, not {value:?}"))
}

/// The parts of a block timed on their own.
const PARTS: usize = 10;

/// The median of some timings (the mean of the middle two of an even count).
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len() % 2 == 0 {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    }
}

fn main() -> ExitCode {
    let Options { samples, block, flush } = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let data = PreparedData::new(&Dataset::heart()).expect("the bundled data set is valid");
    let params = MlpParams::new().flush_subnormals(flush).check().expect("the defaults are valid");
    let mut model = MlpClassifier::new(data.n_features(), params, &mut RandomState::new(ORIGINAL_SEED)).unwrap();
    let n_train = data.n_train();
    println!("{}", if flush { "flush_subnormals" } else { "exact" });
    println!("from sample  us per sample (median of 10 parts)  subnormal  weights  Adam m  Adam v");
    let mut done = 0;
    while done < samples {
        let size = block.min(samples - done);
        let mut parts: Vec<f64> = (0..PARTS)
            .map(|part| (done + size * part / PARTS, done + size * (part + 1) / PARTS))
            .filter(|(first, end)| end > first)
            .map(|(first, end)| {
                let start = Instant::now();
                for i in first..end {
                    let (x, y) = data.train_sample(i % n_train);
                    model.learn_one(x, y).expect("training samples fit the model");
                }
                start.elapsed().as_secs_f64() * 1e6 / (end - first) as f64
            })
            .collect();
        let us = median(&mut parts);
        let state = model.optimizer();
        let subnormal = |values: &[f64]| values.iter().filter(|v| v.is_subnormal()).count();
        let (w, m, v) = (subnormal(model.weights()), subnormal(&state.ms), subnormal(&state.vs));
        println!("{done:>11}  {us:>34.2}  {:>9}  {w:>7}  {m:>6}  {v:>6}", w + m + v);
        done += size;
    }
    ExitCode::SUCCESS
}
