//! The original notebook, natively: train one sample at a time and print the test accuracy
//! every 25 samples and at the last one.
//!
//! ```text
//! cargo run --release -p learner --example notebook -- [--seed N] [--data FILE] [--epochs N] [--import FILE] [--export FILE]
//! ```
//!
//! `--data FILE` reads heart.csv's form or UCI's raw form (`processed.*.data`, recoded to
//! heart.csv's codes; `--missing drop` or `--missing impute` says what becomes of its
//! missing values, drop by default). `--stream hospitals` streams UCI's four hospitals
//! through the model instead and prints the progressive accuracy and the drift detections,
//! keeping the model and starting a new one at each ADWIN detection side by side.
//! `--flush-subnormals` sets `MlpParams::flush_subnormals`: long runs keep their speed, the
//! results differing from scikit-learn's only below 2.2e-308 (see its documentation).
//! `--import FILE` goes on from a saved model (a model file or a session snapshot) instead
//! of a new one: the rest of its pass over the training split (a new pass if it was saved
//! at the end of one), then `--epochs N` - 1 more.

use std::path::PathBuf;
use std::process::ExitCode;

use learner::data::{Dataset, HEART_FEATURE_NAMES};
use learner::mlp::MlpParams;
use learner::notebook;
use learner::session::{load_saved_model, PreparedData, ORIGINAL_SEED};
use learner::uci::{self, Missing};

const USAGE: &str = "usage: notebook [--seed N] [--data FILE] [--missing drop|impute] [--epochs N] [--import FILE] \
                     [--export FILE] [--stream hospitals] [--flush-subnormals]";

struct Options {
    seed: Option<u32>,
    data: Option<PathBuf>,
    missing: Missing,
    epochs: usize,
    import: Option<PathBuf>,
    export: Option<PathBuf>,
    stream: bool,
    flush: bool,
    /// The options given that only the notebook's run reads (`--stream` refuses them).
    run_only: Vec<&'static str>,
}

/// `Ok(None)`: `--help`, whose usage goes to stdout.
fn parse_options() -> Result<Option<Options>, String> {
    use lexopt::prelude::*;
    let mut options = Options {
        seed: None,
        data: None,
        missing: Missing::DropRows,
        epochs: 1,
        import: None,
        export: None,
        stream: false,
        flush: false,
        run_only: Vec::new(),
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("seed") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                let seed = value
                    .parse()
                    .map_err(|_| format!("--seed takes an integer from 0 to 4294967295, not {value:?}"))?;
                options.seed = Some(seed);
            }
            Long("epochs") => {
                options.run_only.push("--epochs");
                let value = parser.value().map_err(|e| e.to_string())?;
                options.epochs = value
                    .parse()
                    .ok()
                    .filter(|&epochs| epochs >= 1)
                    .ok_or_else(|| format!("--epochs takes a positive integer, not {value:?}"))?;
            }
            Long("data") => options.data = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("missing") => {
                options.run_only.push("--missing");
                let value = parser.value().map_err(|e| e.to_string())?;
                options.missing = match value.to_str() {
                    Some("drop") => Missing::DropRows,
                    Some("impute") => Missing::ImputeMean,
                    _ => return Err(format!("--missing takes drop or impute, not {value:?}")),
                };
            }
            Long("flush-subnormals") => {
                options.run_only.push("--flush-subnormals");
                options.flush = true;
            }
            Long("stream") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                if value != "hospitals" {
                    return Err(format!("--stream takes hospitals (the one built-in stream), not {value:?}"));
                }
                options.stream = true;
            }
            Long("import") => options.import = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("export") => options.export = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("help") | Short('h') => return Ok(None),
            _ => return Err(format!("{} ({USAGE})", arg.unexpected())),
        }
    }
    if options.seed.is_some() && options.import.is_some() {
        return Err("--seed draws a new model and --import goes on with a saved one: give one of them".to_owned());
    }
    Ok(Some(options))
}

/// UCI's four hospitals through the model, both policies side by side: a line every 100
/// patients and at each site's last, and a line at each detection.
fn stream_hospitals(seed: u32) -> Result<(), String> {
    use learner::format::to_fixed;
    use learner::hospitals::{run, HospitalsData, PageHinkleyPeak, Policy, SITES};
    let data = HospitalsData::load().map_err(|e| e.to_string())?;
    let kept = run(&data, seed, Policy::KeepLearning).map_err(|e| e.to_string())?;
    let renewed = run(&data, seed, Policy::NewModelAtDrift).map_err(|e| e.to_string())?;
    println!("Four hospitals as one stream, seed {seed}: {} patients, each predicted, then learned", data.len());
    println!("patient  site           keep learning: all, last 50 | new model at each ADWIN drift: all, last 50");
    for (index, (k, r)) in kept.iter().zip(&renewed).enumerate() {
        let patient = index + 1;
        let site = SITES[k.site].0;
        for (policy, point) in [("keep learning", k), ("new model at each drift", r)] {
            let detectors: Vec<&str> = [("Page-Hinkley", point.page_hinkley), ("ADWIN", point.adwin)]
                .iter()
                .filter(|d| d.1)
                .map(|d| d.0)
                .collect();
            if !detectors.is_empty() {
                let renewal = if point.new_model { ", a new model from the next patient" } else { "" };
                println!("drift at patient {patient} ({site}), {policy}: {}{renewal}", detectors.join(" and "));
            }
        }
        let last_of_site = data.site.get(index + 1).is_none_or(|&next| next != k.site);
        if patient % 100 == 0 || last_of_site {
            println!(
                "{patient:>7}  {site:<13}  {}, {} | {}, {}",
                to_fixed(k.progressive, 5),
                to_fixed(k.progressive_recent, 5),
                to_fixed(r.progressive, 5),
                to_fixed(r.progressive_recent, 5)
            );
        }
    }
    for (policy, points) in [("keep learning", &kept), ("new model at each drift", &renewed)] {
        if let Some(peak) = PageHinkleyPeak::of(points) {
            println!("Page-Hinkley, {policy}: {peak}");
        }
    }
    Ok(())
}

fn run(options: &Options) -> Result<(), String> {
    if options.stream {
        if options.data.is_some() || options.import.is_some() || options.export.is_some() {
            return Err(
                "--stream hospitals streams its own data and model: not with --data, --import or --export".to_owned()
            );
        }
        // One pass over the four hospitals, their missing values filled in with the means,
        // exact (its detections are River's on scikit-learn's errors): nothing to choose.
        if let Some(option) = options.run_only.first() {
            return Err(format!(
                "--stream hospitals is one exact pass with the missing values filled in: not with {option}"
            ));
        }
        return stream_hospitals(options.seed.unwrap_or(ORIGINAL_SEED));
    }
    // Refused, not ignored, where it has nothing to choose.
    let missing_given = options.run_only.contains(&"--missing");
    let dataset = match &options.data {
        None if missing_given => {
            return Err(
                "--missing chooses what becomes of a raw UCI file's missing values: it needs --data FILE".to_owned()
            )
        }
        None => Dataset::heart(),
        Some(path) => {
            let in_file = |e: learner::DataError| format!("{}: {e}", path.display());
            // Bytes, not text: a file that is not UTF-8 is refused by the reader, at its line
            // and column.
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let (form, read) = uci::read_either(&bytes, options.missing).map_err(in_file)?;
            if form != uci::Form::RawUci && missing_given {
                return Err(format!(
                    "{}: in heart.csv's form, which has no missing values: --missing is for UCI's raw files",
                    path.display()
                ));
            }
            if form == uci::Form::RawUci {
                eprintln!(
                    "{}: UCI's raw form, recoded to heart.csv's codes: {} rows read, {} dropped and {} values imputed for missing values",
                    path.display(),
                    read.rows_read,
                    read.rows_dropped,
                    read.values_imputed
                );
            }
            // Like the original, every column but `target` in the file's order; but heart.csv's
            // columns in another order are found by name, as the page finds them, so that a
            // model file goes on with each feature where it learned it.
            let reordered = !read.dataset.has_features(HEART_FEATURE_NAMES);
            match read.dataset.clone().with_features(HEART_FEATURE_NAMES) {
                Ok(dataset) if reordered => {
                    eprintln!("{}: heart.csv's columns in another order, found by name", path.display());
                    dataset
                }
                _ => read.dataset,
            }
        }
    };
    // A file too small to split, or whose values cannot be scaled, is named.
    let data = PreparedData::new(&dataset).map_err(|e| match &options.data {
        Some(path) => format!("{}: {e}", path.display()),
        None => e.to_string(),
    })?;
    let run = match &options.import {
        None => {
            let params = MlpParams::new().flush_subnormals(options.flush).check().map_err(|e| e.to_string())?;
            let seed = options.seed.unwrap_or(ORIGINAL_SEED);
            notebook::run(&data, seed, options.epochs, params).map_err(|e| e.to_string())?
        }
        Some(path) => {
            let in_file = |e: learner::Error| format!("{}: {e}", path.display());
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                // Where, as serde_json gives a place: the line and column of the first bad byte.
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = valid.iter().filter(|&&byte| byte == b'\n').count() + 1;
                let line_start = valid.iter().rposition(|&byte| byte == b'\n').map_or(0, |at| at + 1);
                let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
                format!("{}: the file is not valid UTF-8 at line {line} column {column}", path.display())
            })?;
            let mut saved = load_saved_model(&text).map_err(in_file)?;
            saved.model.set_flush_subnormals(options.flush);
            notebook::resume(&data, saved, options.epochs).map_err(in_file)?
        }
    };
    for checkpoint in &run.checkpoints {
        println!("{checkpoint}");
    }
    if let Some(last) = run.checkpoints.last() {
        println!("Final score:  {:?}", last.score);
    }
    if let Some(path) = &options.export {
        // Every run ends at the end of a pass over the training split.
        let next_sample = 0;
        let file = learner::model_file::ModelFile::new(&run.model, &data.scaler, next_sample);
        // Refused, and nothing written, where the file would not load back (a value that
        // overflowed while learning).
        let in_file = |e: String| format!("{}: {e}", path.display());
        let json = file.write_json().map_err(|e| in_file(e.to_string()))?;
        std::fs::write(path, json).map_err(|e| in_file(e.to_string()))?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let result = parse_options().and_then(|options| match options {
        Some(options) => run(&options),
        None => {
            println!("{USAGE}");
            Ok(())
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
