//! Small valid inputs for `make fuzz`, written into a corpus directory: a session snapshot
//! of each version and a model file, of a network small enough (13-2-1) that a whole valid
//! input fits the fuzzer's length limit. Seeded only with the fixtures' 13-100-1 files,
//! which are longer than the limit and so cut short, the fuzzer never saw a valid snapshot.
//!
//! cargo run --release -p learner --example fuzz_seeds -- fuzz/corpus

use learner::data::Dataset;
use learner::mlp::MlpParams;
use learner::session::{PreparedData, Session};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let corpus = std::env::args().nth(1).ok_or("usage: fuzz_seeds CORPUS_DIR")?;
    let corpus = std::path::Path::new(&corpus);
    let data = PreparedData::new(&Dataset::heart())?;
    let params = MlpParams::new().hidden_layer_sizes(&[2]).check()?;
    let mut session = Session::new(data.clone(), 5, params)?;
    session.train(30)?;
    session.reset()?;
    session.train(5)?;

    let version_2 = session.snapshot().to_json()?;
    let mut version_1: serde_json::Value = serde_json::from_str(&version_2)?;
    version_1["version"] = 1.into();
    version_1["stream"].as_object_mut().ok_or("a snapshot has a stream")?.remove("next");
    let model_file = session.model_file().write_json()?;
    for snapshot in [&version_2, &version_1.to_string()] {
        let restored = Session::restore(data.clone(), serde_json::from_str(snapshot)?)?;
        assert_eq!(restored.snapshot(), session.snapshot(), "a seed restores to the session");
    }

    let files = [
        ("session_snapshot/small_version_2.json", version_2),
        ("session_snapshot/small_version_1.json", version_1.to_string()),
        ("model_file/small.json", model_file.clone()),
        ("package_json/small.json", model_file),
    ];
    for (path, text) in files {
        let path = corpus.join(path);
        std::fs::create_dir_all(path.parent().ok_or("a file in a folder")?)?;
        std::fs::write(&path, &text)?;
        println!("{}: {} bytes", path.display(), text.len());
    }
    Ok(())
}
