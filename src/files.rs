//! The files a visitor takes out of the page and brings into it: the core's model file
//! ([`ModelFile`]) and session snapshot ([`Snapshot`]), the same JSON the native command
//! and `tools/sklearn_io.py` read and write (the README documents them field by field).
//!
//! Reading is in two steps, as the core's serde reader does it: the JSON is mapped onto the
//! format's fields here (an unknown, missing or mistyped field is named), then the core
//! checks what the fields say ([`ModelFile::load`], [`Session::restore`](learner::session::Session::restore): shapes, finite
//! numbers, the scaler of this data). Nothing replaces the visitor's session until both
//! steps pass.
//!
//! [`download`] offers what the page writes (these files, the learning curve as CSV) to the
//! visitor's browser as a file.

use learner::error::{Error, Invariant};
use learner::mlp::MlpParams;
use learner::model_file::{check_saved_kind, AdamFile, LayeredParams, ModelFile, Progress};
use learner::preprocessing::StandardScaler;
use learner::random::SavedStream;
use learner::session::{check_snapshot_version, Snapshot, SNAPSHOT_FORMAT};

use crate::json::{self, Value, Writer};

/// The largest file the page reads: a model of the largest setup the page builds (13-256-256-
/// 256-1, weights and Adam's two moments) is about 10 MB of JSON. Larger files are refused
/// before they are read.
pub const MAX_FILE_BYTES: f64 = 16.0 * 1024.0 * 1024.0;

/// A file the page can import: a whole session, or a model (which goes on with the
/// page's own random stream).
#[derive(Debug, Clone, PartialEq)]
pub enum Imported {
    Session(Box<Snapshot>),
    Model(Box<ModelFile>),
}

/// Where a file given to the page to import (`Import`), to learn (`Data`) or to stream
/// (`Stream`) is some other kind of file, as its start shows, the reason it is refused: it
/// is not text, or it is the workbench's other control's kind (JSON given as data, CSV as a
/// model or a session).
pub fn wrong_kind(text: &str, given_as: GivenAs) -> Option<&'static str> {
    // Its first 4 KB, as bytes (the string functions' code would be the page's to load).
    let start = &text.as_bytes()[..text.len().min(4096)];
    // Control characters, or the replacement character of bytes that were not UTF-8.
    let binary = start.iter().any(control) || start.windows(3).any(|bytes| bytes == "\u{FFFD}".as_bytes());
    let json = looks_like_json(start);
    let comma_in_first_line = start.iter().take_while(|&&byte| byte != b'\n').any(|&byte| byte == b',');
    // UTF-16 (Excel's "Unicode text", say) as read as UTF-8: its byte order mark two
    // replacement characters, then a zero byte beside each ASCII character.
    let utf16 = start.starts_with("\u{FFFD}\u{FFFD}".as_bytes()) && matches!(start.get(6..8), Some([0, _] | [_, 0]));
    match given_as {
        _ if utf16 => Some(UTF_16),
        _ if binary => Some("it is not a text file"),
        GivenAs::Import if !json && comma_in_first_line => {
            Some("it looks like a CSV file: give it to \u{201c}Your own CSV\u{201d} under \u{201c}The data\u{201d}")
        }
        GivenAs::Data if json => {
            Some("it looks like JSON: import model files and sessions under \u{201c}Files\u{201d}")
        }
        GivenAs::Stream if json => Some(
            "it looks like JSON, a model file or a session, where a stream is read from CSV files (heart.csv's form \
             or UCI's raw form); import model files and sessions on the workbench",
        ),
        _ => None,
    }
}

/// Why a file in UTF-16 is refused, found either way (`wrong_kind` in the text the browser
/// read, `utf8_text` in the bytes).
const UTF_16: &str = "it is UTF-16 text: save it as UTF-8";

/// A byte no text file holds: a control character but a tab or a line break.
fn control(&byte: &u8) -> bool {
    (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r')) || byte == 0x7f
}

/// A visitor's file as UTF-8 text, its byte order mark taken off (as the browser's `text()`
/// would); otherwise why it is refused. The browser's `text()` would read a file that is
/// not UTF-8 with a replacement character for each byte it cannot read (or, given UTF-16's
/// byte order mark, as UTF-16), and the reader would refuse a value of it as "not a number",
/// or read a file that `tools/check_stream.py` then cannot: the bytes are read instead, and
/// a file in another encoding (Excel's "CSV" on Windows writes Windows-1252, its "Unicode
/// text" UTF-16) is told so, where it is, with what to do.
pub fn utf8_text(mut bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // UTF-16: its byte order mark, or a zero byte beside each of its first ASCII characters.
    let ascii = |byte: u8| byte != 0 && byte.is_ascii();
    let utf16 = match bytes.get(..4) {
        Some([0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]) => true,
        Some(&[a, 0, b, 0] | &[0, a, 0, b]) => ascii(a) && ascii(b),
        _ => false,
    };
    if utf16 {
        return Err(UTF_16.to_owned());
    }
    String::from_utf8(bytes).map_err(|error| {
        // An image or a spreadsheet is not text in any encoding, as `wrong_kind` says.
        if error.as_bytes()[..error.as_bytes().len().min(4096)].iter().any(control) {
            return "it is not a text file".to_owned();
        }
        // Where, as the reader says it: the line, and the field of that line (a comma inside
        // quotes counted too, which a file of numbers does not have).
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&byte| byte == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&byte| byte == b'\n').map_or(0, |at| at + 1);
        let column = valid[line_start..].iter().filter(|&&byte| byte == b',').count() + 1;
        format!("line {line}, column {column}: it is not UTF-8 text: save it as UTF-8")
    })
}

/// Whether a file's first bytes (its byte order mark taken off as it was read) begin as JSON
/// does, an object or an array after blanks: a model file or a session, whatever its name.
pub fn looks_like_json(start: &[u8]) -> bool {
    start.iter().find(|byte| !byte.is_ascii_whitespace()).is_some_and(|byte| matches!(byte, b'{' | b'['))
}

/// What a visitor gave a file to the page as.
#[derive(Clone, Copy)]
pub enum GivenAs {
    /// A model file or a session snapshot, to import.
    Import,
    /// Data to learn, a CSV file.
    Data,
    /// A site of a visitor's own stream (the streams page), a CSV file.
    Stream,
}

/// Read a model file or a session snapshot, told apart by its `format`.
pub fn read(text: &str) -> Result<Imported, String> {
    if let Some(reason) = wrong_kind(text, GivenAs::Import) {
        return Err(reason.to_owned());
    }
    let value = json::parse(text)?;
    let format = value.peek("format").and_then(|format| format.string().ok());
    let version = value.peek("version").and_then(|version| version.whole(u64::from(u32::MAX)).ok());
    // Another kind of file or version, said as such before its fields (a newer version's
    // new fields would be refused as unknown).
    if let (Some(format), Some(version)) = (&format, version) {
        check_saved_kind(format, version as u32).map_err(|error| error.to_string())?;
    }
    if format.as_deref() == Some(SNAPSHOT_FORMAT) {
        read_snapshot(value).map(|snapshot| Imported::Session(Box::new(snapshot)))
    } else {
        read_model_file(value).map(|file| Imported::Model(Box::new(file)))
    }
}

pub fn read_snapshot(value: Value) -> Result<Snapshot, String> {
    let fields = value.object(&["format", "version", "stream", "model"])?;
    let format = fields.get("format").string()?;
    let version = fields.get("version").whole(u64::from(u32::MAX))? as u32;
    check_snapshot_version(&format, version).map_err(|reason| Error::Snapshot(reason).to_string())?;
    // Version 1's stream is its seed and draws, replayed; version 2's has its next outputs.
    let names: &'static [&'static str] = if version == 1 { &["seed", "draws"] } else { &["seed", "draws", "next"] };
    let stream = fields.get("stream").object(names)?;
    let next = match version {
        1 => None,
        _ => Some(stream.get("next").array(|output| Ok(output.whole(u64::from(u32::MAX))? as u32))?),
    };
    Ok(Snapshot {
        format,
        version,
        stream: SavedStream {
            seed: stream.get("seed").whole(u64::from(u32::MAX))? as u32,
            draws: stream.get("draws").whole(u64::MAX)?,
            next,
        },
        model: read_model_file(fields.get("model"))?,
    })
}

pub fn read_model_file(value: Value) -> Result<ModelFile, String> {
    let fields = value.object(&[
        "format",
        "version",
        "layer_sizes",
        "classes",
        "hyperparameters",
        "coefs",
        "intercepts",
        "adam",
        "scaler",
        "progress",
    ])?;
    let adam = fields.get("adam").object(&["t", "ms", "vs"])?;
    let scaler = fields.get("scaler").object(&["mean", "var", "scale", "n_samples_seen"])?;
    let progress = fields.get("progress").object(&["samples_seen", "next_sample"])?;
    Ok(ModelFile {
        format: fields.get("format").string()?,
        version: fields.get("version").whole(u64::from(u32::MAX))? as u32,
        layer_sizes: fields.get("layer_sizes").array(count)?,
        classes: fields.get("classes").array(|item| Ok(item.whole(255)? as u8))?,
        hyperparameters: read_hyperparameters(fields.get("hyperparameters"))?,
        coefs: fields.get("coefs").array(matrix)?,
        intercepts: fields.get("intercepts").array(Value::numbers)?,
        adam: AdamFile {
            t: adam.get("t").whole(u64::MAX)?,
            ms: layered(adam.get("ms"))?,
            vs: layered(adam.get("vs"))?,
        },
        scaler: StandardScaler {
            mean: scaler.get("mean").numbers()?,
            var: scaler.get("var").numbers()?,
            scale: scaler.get("scale").numbers()?,
            n_samples_seen: count(scaler.get("n_samples_seen"))?,
        },
        progress: Progress {
            samples_seen: progress.get("samples_seen").whole(u64::MAX)?,
            next_sample: count(progress.get("next_sample"))?,
        },
    })
}

fn read_hyperparameters(value: Value) -> Result<MlpParams, String> {
    let fields = value.object(&[
        "hidden_layer_sizes",
        "alpha",
        "learning_rate_init",
        "beta_1",
        "beta_2",
        "epsilon",
        "batch_size",
        "shuffle",
    ])?;
    let batch_size = fields.get("batch_size");
    let batch_size = if batch_size.is_null() { None } else { Some(count(batch_size)?) };
    Ok(MlpParams::new()
        .hidden_layer_sizes(&fields.get("hidden_layer_sizes").array(count)?)
        .alpha(fields.get("alpha").number()?)
        .learning_rate_init(fields.get("learning_rate_init").number()?)
        .beta_1(fields.get("beta_1").number()?)
        .beta_2(fields.get("beta_2").number()?)
        .epsilon(fields.get("epsilon").number()?)
        .batch_size(batch_size)
        .shuffle(fields.get("shuffle").boolean()?))
}

fn layered(value: Value) -> Result<LayeredParams, String> {
    let fields = value.object(&["coefs", "intercepts"])?;
    Ok(LayeredParams {
        coefs: fields.get("coefs").array(matrix)?,
        intercepts: fields.get("intercepts").array(Value::numbers)?,
    })
}

fn matrix(value: Value) -> Result<Vec<Vec<f64>>, String> {
    value.array(Value::numbers)
}

/// A count or an index (JavaScript holds whole numbers exactly up to 2^53, and the page's
/// module counts in 32 bits: a larger count is refused, never wrapped).
fn count(value: Value) -> Result<usize, String> {
    let largest = (1u64 << 53).min(usize::MAX as u64);
    Ok(usize::try_from(value.whole(largest)?).invariant("at most usize::MAX"))
}

/// The model file as JSON, exactly as the core's serde writes it.
pub fn model_file_json(file: &ModelFile) -> String {
    let mut out = Writer::new();
    write_model_file(&mut out, file);
    out.finish()
}

/// The session snapshot as JSON, exactly as the core's serde writes it.
pub fn snapshot_json(snapshot: &Snapshot) -> String {
    let mut out = Writer::new();
    let SavedStream { seed, draws, next } = &snapshot.stream;
    out.begin_object().key("format").string(&snapshot.format).key("version").whole(snapshot.version.into());
    out.key("stream").begin_object().key("seed").whole((*seed).into()).key("draws").whole(*draws);
    if let Some(next) = next {
        out.key("next").begin_array();
        for &output in next {
            out.whole(output.into());
        }
        out.end_array();
    }
    out.end_object();
    out.key("model");
    write_model_file(&mut out, &snapshot.model);
    out.end_object();
    out.finish()
}

fn write_model_file(out: &mut Writer, file: &ModelFile) {
    out.begin_object().key("format").string(&file.format).key("version").whole(file.version.into());
    out.key("layer_sizes").begin_array();
    for &units in &file.layer_sizes {
        out.whole(units as u64);
    }
    out.end_array().key("classes").begin_array();
    for &class in &file.classes {
        out.whole(class.into());
    }
    out.end_array().key("hyperparameters");
    write_hyperparameters(out, &file.hyperparameters);
    write_layered(out, &file.coefs, &file.intercepts);
    out.key("adam").begin_object().key("t").whole(file.adam.t);
    for (name, moments) in [("ms", &file.adam.ms), ("vs", &file.adam.vs)] {
        out.key(name).begin_object();
        write_layered(out, &moments.coefs, &moments.intercepts);
        out.end_object();
    }
    out.end_object().key("scaler").begin_object();
    let scaler = &file.scaler;
    out.key("mean").numbers(&scaler.mean).key("var").numbers(&scaler.var).key("scale").numbers(&scaler.scale);
    out.key("n_samples_seen").whole(scaler.n_samples_seen as u64).end_object();
    let progress = file.progress;
    out.key("progress").begin_object().key("samples_seen").whole(progress.samples_seen);
    out.key("next_sample").whole(progress.next_sample as u64).end_object();
    out.end_object();
}

fn write_hyperparameters(out: &mut Writer, params: &MlpParams) {
    // The page writes the files of its live models, whose parameters passed the check.
    let params = params.clone().check().invariant("a live model's parameters are valid");
    out.begin_object().key("hidden_layer_sizes").begin_array();
    for &units in params.hidden_layer_sizes() {
        out.whole(units as u64);
    }
    out.end_array();
    out.key("alpha").number(params.alpha()).key("learning_rate_init").number(params.learning_rate_init());
    out.key("beta_1").number(params.beta_1()).key("beta_2").number(params.beta_2());
    out.key("epsilon").number(params.epsilon()).key("batch_size");
    match params.batch_size() {
        Some(size) => out.whole(size as u64),
        None => out.null(),
    };
    out.key("shuffle").boolean(params.shuffle()).end_object();
}

fn write_layered(out: &mut Writer, coefs: &[Vec<Vec<f64>>], intercepts: &[Vec<f64>]) {
    out.key("coefs").begin_array();
    for matrix in coefs {
        out.begin_array();
        for row in matrix {
            out.numbers(row);
        }
        out.end_array();
    }
    out.end_array().key("intercepts").begin_array();
    for vector in intercepts {
        out.numbers(vector);
    }
    out.end_array();
}

/// Offer `text` to download, as the file `name` of `media_type`.
pub fn download(name: &str, text: &str, media_type: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let document = web_sys::window().and_then(|window| window.document());
    if let Some(link) = document.and_then(|document| document.create_element("a").ok()) {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    // Once the browser has taken the file.
    gloo_timers::callback::Timeout::new(10_000, move || drop(web_sys::Url::revoke_object_url(&url))).forget();
}
