//! The original notebook, natively: train one sample at a time and print the test accuracy
//! every 25 samples and at the last one.
//!
//! ```text
//! cargo run --release -p learner --example notebook -- [--seed N] [--hidden 32,16] [--data FILE] [--epochs N] [--import FILE] [--export FILE] [--csv FILE]
//! ```
//!
//! `--seed N` and `--hidden SIZES` set up the model as the page's address does (`?seed=N`,
//! `?hidden=32,16`: `np.random.seed(N)` and `MLPClassifier(hidden_layer_sizes=(32, 16))`, 1 to
//! 3 layers of 1 to 256 units).
//!
//! `--data FILE` reads heart.csv's form or UCI's raw form (`processed.*.data`, recoded to
//! heart.csv's codes; `--missing drop` or `--missing impute` says what becomes of its
//! missing values, drop by default). `--stream hospitals` streams UCI's four hospitals
//! through the model instead and prints the progressive accuracy and the drift detections,
//! keeping the model and starting a new one at each ADWIN detection side by side;
//! `--stream FILE...` streams the visitor's files so, as the streams page's "Your own
//! stream" does: each a site, in the order of their names, in heart.csv's form or UCI's raw
//! form (its missing values filled in with the file's own means). `--csv FILE`
//! writes the pass's learning curve as the workbench's "Download as CSV" does (the held-out
//! accuracy after each sample and progressive validation's; one pass of a new model), or
//! with `--stream` both runs, every patient, as the streams page's does.
//! `--flush-subnormals` sets `MlpParams::flush_subnormals`: long runs keep their speed, the
//! results differing from scikit-learn's only below 2.2e-308 (see its documentation).
//! `--import FILE` goes on from a saved model (a model file or a session snapshot) instead
//! of a new one: the rest of its pass over the training split (a new pass if it was saved
//! at the end of one), then `--epochs N` - 1 more. Either file is read up to 256 MiB.

use std::fmt::Display;
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use learner::data::{Dataset, HEART_FEATURE_NAMES};
use learner::error::one_line;
use learner::hospitals::HospitalsData;
use learner::mlp::MlpParams;
use learner::notebook;
// `--hidden` takes what the page's address takes: what the page can run, the command can run.
use learner::session::{
    curve_csv, hidden_layers_text, load_saved_model, parse_hidden_layers, PreparedData, Session, MAX_HIDDEN_LAYERS,
    MAX_UNITS, ORIGINAL_HIDDEN as DEFAULT_HIDDEN, ORIGINAL_SEED,
};
use learner::uci::{self, Missing};

const USAGE: &str =
    "usage: notebook [--seed N] [--hidden SIZES] [--data FILE] [--missing drop|impute] [--epochs N] [--import FILE] \
                     [--export FILE] [--csv FILE] [--stream hospitals|FILE...] [--flush-subnormals]";

struct Options {
    seed: Option<u32>,
    /// `hidden_layer_sizes`, if given.
    hidden: Option<Vec<usize>>,
    data: Option<PathBuf>,
    missing: Missing,
    epochs: usize,
    import: Option<PathBuf>,
    export: Option<PathBuf>,
    stream: Option<Stream>,
    /// Where the learning curve, or `--stream`'s runs, are written as CSV.
    csv: Option<PathBuf>,
    flush: bool,
    /// The options given that only the notebook's run reads (`--stream` refuses them).
    run_only: Vec<&'static str>,
}

/// What `--stream` streams.
enum Stream {
    /// UCI's four hospitals, built in.
    Hospitals,
    /// The visitor's files, each a site.
    Files(Vec<PathBuf>),
}

/// The most a file given to `--data`, `--stream` or `--import` may hold: 256 MiB, as the package's
/// `readCsv` reads at once. Its values take some eight times the text in memory; a device that
/// never ends (`/dev/zero`, a pipe left open) is refused at the limit instead of filling it.
const MAX_INPUT_BYTES: u64 = 1 << 28;

/// The bytes of the file at `path`, refused (with its name) past `MAX_INPUT_BYTES`.
fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    let named = |e: std::io::Error| format!("{}: {e}", path.display());
    let mut bytes = Vec::new();
    std::fs::File::open(path).and_then(|file| file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes)).map_err(named)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!("{}: more than 256 MiB, more than the notebook reads", path.display()));
    }
    Ok(bytes)
}

/// `Ok(None)`: `--help`, whose usage goes to stdout.
fn parse_options() -> Result<Option<Options>, String> {
    use lexopt::prelude::*;
    let mut options = Options {
        seed: None,
        hidden: None,
        data: None,
        missing: Missing::DropRows,
        epochs: 1,
        import: None,
        export: None,
        stream: None,
        csv: None,
        flush: false,
        run_only: Vec::new(),
    };
    let mut parser = lexopt::Parser::from_env();
    let mut given: Vec<String> = Vec::new();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        // An option given twice is refused, not the last one taken silently.
        if let Long(name) = arg {
            if given.iter().any(|earlier| earlier == name) {
                return Err(format!("--{name} is given twice: give it once"));
            }
            given.push(name.to_owned());
        }
        match arg {
            Long("seed") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                let seed = value
                    .parse()
                    .map_err(|_| format!("--seed takes an integer from 0 to 4294967295, not {value:?}"))?;
                options.seed = Some(seed);
            }
            Long("hidden") => {
                let value = parser.value().map_err(|e| e.to_string())?;
                options.hidden = Some(parse_hidden_layers(value.to_str().unwrap_or_default()).ok_or_else(|| {
                    format!(
                        "--hidden takes 1 to {MAX_HIDDEN_LAYERS} sizes from 1 to {MAX_UNITS} separated by commas \
                         (32,16), not {value:?}"
                    )
                })?);
            }
            Long("epochs") => {
                options.run_only.push("--epochs");
                let value = parser.value().map_err(|e| e.to_string())?;
                options.epochs =
                    value.parse().ok().filter(|&epochs| epochs >= 1).ok_or_else(|| {
                        format!("--epochs takes a positive integer up to {}, not {value:?}", usize::MAX)
                    })?;
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
                let values: Vec<PathBuf> = parser
                    .values()
                    .map_err(|_| "--stream takes hospitals (the built-in stream) or your files".to_owned())?
                    .map(PathBuf::from)
                    .collect();
                options.stream = Some(if values.len() == 1 && values[0] == Path::new("hospitals") {
                    Stream::Hospitals
                } else {
                    Stream::Files(values)
                });
            }
            Long("import") => options.import = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("export") => options.export = Some(file_name(&mut parser, "--export")?),
            Long("csv") => options.csv = Some(file_name(&mut parser, "--csv")?),
            Long("help") | Short('h') => return Ok(None),
            _ => return Err(format!("{} ({USAGE})", arg.unexpected())),
        }
    }
    if let (Some(export), Some(csv)) = (&options.export, &options.csv) {
        let same = |a: &Path, b: &Path| {
            a == b || std::fs::canonicalize(a).is_ok_and(|a| std::fs::canonicalize(b).is_ok_and(|b| a == b))
        };
        if same(export, csv) {
            return Err(format!("--export and --csv both name {}: give each its own file", export.display()));
        }
    }
    if options.seed.is_some() && options.import.is_some() {
        return Err("--seed draws a new model and --import goes on with a saved one: give one of them".to_owned());
    }
    if options.hidden.is_some() && options.import.is_some() {
        return Err("--hidden shapes a new model and --import goes on with a saved one, whose layers are its own: \
                    give one of them"
            .to_owned());
    }
    Ok(Some(options))
}

/// The file name given to `option`: refused at once if empty, rather than after the run.
fn file_name(parser: &mut lexopt::Parser, option: &str) -> Result<PathBuf, String> {
    let value = parser.value().map_err(|e| e.to_string())?;
    if value.is_empty() {
        return Err(format!("{option} takes a file name, not \"\""));
    }
    Ok(value.into())
}

/// What the command prints, a line at a time as it comes. A closed pipe (`| head -1`) or a
/// full disk ends the printing, not the run: the export is still written, then a closed
/// pipe ends the command quietly, and any other failure is the command's error.
#[derive(Default)]
struct Output {
    failed: Option<std::io::Error>,
}

impl Output {
    fn line(&mut self, line: impl Display) {
        if self.failed.is_none() {
            let mut stdout = std::io::stdout().lock();
            if let Err(error) = writeln!(stdout, "{line}").and_then(|()| stdout.flush()) {
                self.failed = Some(error);
            }
        }
    }

    fn finish(self) -> Result<(), String> {
        match self.failed {
            Some(error) if error.kind() != ErrorKind::BrokenPipe => Err(format!("cannot write the output: {error}")),
            _ => Ok(()),
        }
    }
}

/// A note on stderr; never a panic if stderr is closed or full.
fn note(line: impl Display) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Where `--export` and `--csv` write. A file: through a temporary file beside it, made
/// before the run (so that a folder that is missing or read-only is said at once), renamed
/// to it once the whole file is written, with the mode the file had: a failed write leaves
/// neither a partial file nor a changed one. A link: the file it names, likewise, the link
/// kept. What cannot be replaced (`/dev/stdout`, a named pipe, a link to no file yet): written
/// to as it is, when the run is done.
struct Export {
    path: PathBuf,
    file: Option<tempfile::NamedTempFile>,
}

impl Export {
    fn new(path: &Path) -> Result<Self, String> {
        let in_file = |e: std::io::Error| format!("{}: {}", path.display(), without_temporary_path(&e));
        let (target, found) = match std::fs::metadata(path) {
            // Through any links: the file they name.
            Ok(found) => (std::fs::canonicalize(path).map_err(in_file)?, Some(found)),
            Err(_) => (path.to_owned(), None),
        };
        let file_type = found.as_ref().map(std::fs::Metadata::file_type);
        if file_type.is_some_and(|kind| kind.is_dir()) {
            return Err(in_file(std::io::Error::from(ErrorKind::IsADirectory)));
        }
        let dangling_link = file_type.is_none() && std::fs::symlink_metadata(path).is_ok();
        if dangling_link || file_type.is_some_and(|kind| !kind.is_file()) {
            return Ok(Self { path: path.to_owned(), file: None });
        }
        let folder = match target.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".notebook-export");
        // The file's own mode if it exists, or the one `std::fs::write` gives a new file
        // (the umask applies), not a temporary file's 0600.
        #[cfg(unix)]
        builder.permissions(match &found {
            Some(existing) => existing.permissions(),
            None => std::os::unix::fs::PermissionsExt::from_mode(0o666),
        });
        let file = builder.tempfile_in(folder).map_err(in_file)?;
        Ok(Self { path: target, file: Some(file) })
    }

    fn write(self, text: &str) -> Result<(), String> {
        let in_file = |e: std::io::Error| format!("{}: {}", self.path.display(), without_temporary_path(&e));
        match self.file {
            Some(mut file) => {
                file.write_all(text.as_bytes()).and_then(|()| file.as_file().sync_all()).map_err(in_file)?;
                file.persist(&self.path).map_err(|e| in_file(e.error))?;
            }
            None => std::fs::write(&self.path, text).map_err(in_file)?,
        }
        Ok(())
    }
}

/// The system's reason, without the temporary file's path that `tempfile` adds to it
/// (`... at path "..."`): the file named is the one asked for.
fn without_temporary_path(error: &std::io::Error) -> String {
    let reason = error.to_string();
    match reason.find(" at path \"") {
        Some(at) => reason[..at].to_owned(),
        None => reason,
    }
}

/// The stream's sites: UCI's four hospitals, or the visitor's files in the order of their
/// names (as the streams page takes them), each named by its file's name; and what the
/// stream is called.
fn stream_data(stream: &Stream) -> Result<(HospitalsData, String), String> {
    let paths = match stream {
        Stream::Hospitals => {
            return Ok((HospitalsData::load().map_err(|e| e.to_string())?, "Four hospitals".to_owned()));
        }
        Stream::Files(paths) => paths,
    };
    // Bytes, not text: a file that is not UTF-8 is refused by the reader, at its line and column.
    let mut files = Vec::new();
    for path in paths {
        let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        files.push((name, read_input(path)?));
    }
    files.sort_by(|a, b| learner::names::name_order(&a.0, &b.0));
    let named: Vec<(&str, &[u8])> = files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
    let data = HospitalsData::from_named(&named).map_err(|reason| one_line(&reason))?;
    let names: Vec<&str> = named.iter().map(|(name, _)| *name).collect();
    Ok((data, format!("Your files ({})", names.join(", "))))
}

/// The stream through the model, both policies side by side: a line every 100 patients and
/// at each site's last, and a line at each detection; both runs, every patient, written to
/// `csv` if given (the page's download: the same lines, but for the probabilities' last
/// digit, which the page's vector width and this build's may round apart).
fn stream(stream: &Stream, seed: u32, hidden: &[usize], csv: Option<&Path>, out: &mut Output) -> Result<(), String> {
    use learner::format::to_fixed;
    use learner::hospitals::{run_with, stream_csv, PageHinkleyPeak, Policy};
    // Made before the run: a folder that is missing or read-only is said at once.
    let csv = csv.map(Export::new).transpose()?;
    let (data, title) = stream_data(stream)?;
    let params = MlpParams::new().hidden_layer_sizes(hidden).check().map_err(|e| e.to_string())?;
    let kept = run_with(&data, seed, &params, Policy::KeepLearning).map_err(|e| e.to_string())?;
    let renewed = run_with(&data, seed, &params, Policy::NewModelAtDrift).map_err(|e| e.to_string())?;
    // The original's network goes unsaid, as before `--hidden`.
    let layers = if hidden == DEFAULT_HIDDEN {
        String::new()
    } else {
        format!(", hidden layers {}", hidden_layers_text(hidden))
    };
    out.line(format_args!(
        "{title} as one stream, seed {seed}{layers}: {} patients, each predicted, then learned",
        data.len()
    ));
    let width = data.site_names.iter().map(|name| name.chars().count()).max().unwrap_or(0).max(13);
    out.line(format_args!(
        "patient  {:<width$}  keep learning: all, last 50 | new model at each ADWIN drift: all, last 50",
        "site"
    ));
    for (index, (k, r)) in kept.iter().zip(&renewed).enumerate() {
        let patient = index + 1;
        let site = &data.site_names[k.site];
        for (policy, point) in [("keep learning", k), ("new model at each drift", r)] {
            let detectors: Vec<&str> = [("Page-Hinkley", point.page_hinkley), ("ADWIN", point.adwin)]
                .iter()
                .filter(|d| d.1)
                .map(|d| d.0)
                .collect();
            if !detectors.is_empty() {
                let renewal = if point.new_model { ", a new model from the next patient" } else { "" };
                out.line(format_args!(
                    "drift at patient {patient} ({site}), {policy}: {}{renewal}",
                    detectors.join(" and ")
                ));
            }
        }
        let last_of_site = data.site.get(index + 1).is_none_or(|&next| next != k.site);
        if patient % 100 == 0 || last_of_site {
            out.line(format_args!(
                "{patient:>7}  {site:<width$}  {}, {} | {}, {}",
                to_fixed(k.progressive, 5),
                to_fixed(k.progressive_recent, 5),
                to_fixed(r.progressive, 5),
                to_fixed(r.progressive_recent, 5)
            ));
        }
    }
    for (policy, points) in [("keep learning", &kept), ("new model at each drift", &renewed)] {
        if let Some(peak) = PageHinkleyPeak::of(points) {
            out.line(format_args!("Page-Hinkley, {policy}: {}", peak.describe(&data.site_names)));
        }
    }
    if let Some(csv) = csv {
        csv.write(&stream_csv(&data, &[(Policy::KeepLearning, &kept), (Policy::NewModelAtDrift, &renewed)]))?;
    }
    Ok(())
}

fn run(options: &Options, out: &mut Output) -> Result<(), String> {
    if let Some(source) = &options.stream {
        if options.data.is_some() || options.import.is_some() || options.export.is_some() {
            return Err("--stream streams its own data through a new model: not with --data, --import or --export \
                        (give your files to --stream)"
                .to_owned());
        }
        // One pass over the sites, their missing values filled in with the means, exact (its
        // detections are River's on scikit-learn's errors): nothing to choose.
        if let Some(option) = options.run_only.first() {
            return Err(format!("--stream is one exact pass with the missing values filled in: not with {option}"));
        }
        let hidden = options.hidden.as_deref().unwrap_or(&DEFAULT_HIDDEN);
        return stream(source, options.seed.unwrap_or(ORIGINAL_SEED), hidden, options.csv.as_deref(), out);
    }
    // The notebook's curve file is the page's: one pass of a new model.
    if options.csv.is_some() && options.import.is_some() {
        return Err(
            "--csv writes the learning curve of a new model's pass, as the page downloads it: not with --import"
                .to_owned(),
        );
    }
    if options.csv.is_some() && options.epochs > 1 {
        return Err(
            "--csv writes the learning curve of one pass, as the page downloads it: not with --epochs".to_owned()
        );
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
            let bytes = read_input(path)?;
            let (form, read) = uci::read_either(&bytes, options.missing).map_err(in_file)?;
            if form != uci::Form::RawUci && missing_given {
                return Err(format!(
                    "{}: in heart.csv's form, which has no missing values: --missing is for UCI's raw files",
                    path.display()
                ));
            }
            if form == uci::Form::RawUci {
                note(format_args!(
                    "{}: UCI's raw form, recoded to heart.csv's codes: {} rows read, {} dropped and {} values imputed for missing values",
                    path.display(),
                    read.rows_read,
                    read.rows_dropped,
                    read.values_imputed
                ));
            }
            // Like the original, every column but `target` in the file's order; but heart.csv's
            // columns in another order are found by name, as the page finds them, so that a
            // model file goes on with each feature where it learned it.
            let reordered = !read.dataset.has_features(HEART_FEATURE_NAMES);
            match read.dataset.clone().with_features(HEART_FEATURE_NAMES) {
                Ok(dataset) if reordered => {
                    note(format_args!("{}: heart.csv's columns in another order, found by name", path.display()));
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
    // The export's and the curve's folders are checked before the run, their files written after it.
    let export = options.export.as_deref().map(Export::new).transpose()?;
    let curve_file = options.csv.as_deref().map(Export::new).transpose()?;
    let print = |checkpoint: &notebook::Checkpoint| out.line(checkpoint);
    let seed = options.seed.unwrap_or(ORIGINAL_SEED);
    let params = MlpParams::new()
        .hidden_layer_sizes(options.hidden.as_deref().unwrap_or(&DEFAULT_HIDDEN))
        .flush_subnormals(options.flush)
        .check()
        .map_err(|e| e.to_string())?;
    let run = match &options.import {
        None => notebook::run_with(&data, seed, options.epochs, params.clone(), print).map_err(|e| e.to_string())?,
        Some(path) => {
            let in_file = |e: &dyn Display| format!("{}: {e}", path.display());
            let bytes = read_input(path)?;
            let text = String::from_utf8(bytes).map_err(|e| {
                // Where, as serde_json gives a place: the line and column of the first bad byte.
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = valid.iter().filter(|&&byte| byte == b'\n').count() + 1;
                let line_start = valid.iter().rposition(|&byte| byte == b'\n').map_or(0, |at| at + 1);
                let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
                format!("{}: the file is not valid UTF-8 at line {line} column {column}", path.display())
            })?;
            let mut saved = load_saved_model(&text).map_err(|e| in_file(&e))?;
            saved.model.set_flush_subnormals(options.flush);
            notebook::resume_with(&data, saved, options.epochs, print).map_err(|e| in_file(&e))?
        }
    };
    if let Some(last) = run.checkpoints.last() {
        out.line(format_args!("Final score:  {:?}", last.score));
    }
    if let Some(curve_file) = curve_file {
        // The page's learning curve of the same model over the pass: the held-out accuracy
        // after each sample (or every so many on a big test split) and progressive validation's.
        let mut session = Session::new(data.clone(), seed, params).map_err(|e| e.to_string())?;
        session.train(data.n_train()).map_err(|e| e.to_string())?;
        curve_file.write(&curve_csv(1, [(session.curve(), Vec::new())].into_iter()))?;
    }
    if let Some(export) = export {
        // Every run ends at the end of a pass over the training split.
        let next_sample = 0;
        let file = learner::model_file::ModelFile::new(&run.model, &data.scaler, next_sample);
        // Refused, and nothing written, where the file would not load back (a value that
        // overflowed while learning).
        let json = file.write_json().map_err(|e| format!("{}: {e}", export.path.display()))?;
        export.write(&json)?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut out = Output::default();
    let result = parse_options()
        .and_then(|options| match options {
            Some(options) => run(&options, &mut out),
            None => {
                out.line(USAGE);
                Ok(())
            }
        })
        .and_then(|()| out.finish());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            note(format_args!("error: {}", one_line(&message)));
            ExitCode::from(2)
        }
    }
}
