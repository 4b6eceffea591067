//! The original notebook, natively: train one sample at a time and print the test accuracy
//! every 25 samples and at the last one.
//!
//! ```text
//! cargo run --release --example notebook -- [--seed N] [--data FILE] [--epochs N] [--export FILE]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use learner::data::Dataset;
use learner::mlp::MlpParams;
use learner::notebook;
use learner::session::{PreparedData, ORIGINAL_SEED};

const USAGE: &str = "usage: notebook [--seed N] [--data FILE] [--epochs N] [--export FILE]";

struct Options {
    seed: u32,
    data: Option<PathBuf>,
    epochs: usize,
    export: Option<PathBuf>,
}

fn parse_options() -> Result<Options, String> {
    use lexopt::prelude::*;
    let mut options = Options { seed: ORIGINAL_SEED, data: None, epochs: 1, export: None };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("seed") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                options.seed = value
                    .parse()
                    .map_err(|_| format!("--seed takes an integer from 0 to 4294967295, not {value:?}"))?;
            }
            Long("epochs") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                options.epochs = value
                    .parse()
                    .ok()
                    .filter(|&epochs| epochs >= 1)
                    .ok_or_else(|| format!("--epochs takes a positive integer, not {value:?}"))?;
            }
            Long("data") => options.data = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("export") => options.export = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("help") | Short('h') => return Err(USAGE.to_owned()),
            _ => return Err(format!("{} ({USAGE})", arg.unexpected())),
        }
    }
    Ok(options)
}

fn run(options: &Options) -> Result<(), String> {
    let dataset = match &options.data {
        None => Dataset::heart(),
        Some(path) => {
            let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Dataset::from_csv(std::io::BufReader::new(file)).map_err(|e| format!("{}: {e}", path.display()))?
        }
    };
    let data = PreparedData::new(&dataset).map_err(|e| e.to_string())?;
    let params = MlpParams::new().check().map_err(|e| e.to_string())?;
    let run = notebook::run(&data, options.seed, options.epochs, params).map_err(|e| e.to_string())?;
    for checkpoint in &run.checkpoints {
        println!("{checkpoint}");
    }
    if let Some(last) = run.checkpoints.last() {
        println!("Final score:  {:?}", last.score);
    }
    if let Some(path) = &options.export {
        let next_sample = (options.epochs * data.n_train()) % data.n_train();
        let file = learner::model_file::ModelFile::new(&run.model, &data.scaler, next_sample);
        std::fs::write(path, file.to_json()).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match parse_options().and_then(|options| run(&options)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
