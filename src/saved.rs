//! A session saved in the browser: not its weights but how it was made, its origin and the
//! actions since (see [`State::actions`]), with the setup, the data it was made on and the
//! patient form. Restoring replays the actions through the same code, so a restored page
//! is the page that was left, exactly: the numbers, the curve and the earlier runs, the
//! patient, and the stream where it stood (a Reset after a reload draws what it would
//! have drawn). A session of a few hundred clicks is a few kilobytes and replays in
//! milliseconds.
//!
//! ```json
//! {"format": "online-learning-page-session", "version": 1,
//!  "data": "heart.csv 303 rows fnv1a64:…", "data_file": null, "seed": 5, "hidden": [100],
//!  "origin": null,
//!  "actions": ["train", "reset", {"learn": 4000}, {"teach": [63, 1, 3, 145, 233, 1, 0, 150, 0, 2.3, 0, 0, 1], "target": 0}],
//!  "patient": {"shown": 0, "fields": ["63", "1", …]}}
//! ```
//!
//! `data_file` is `null` for the bundled heart.csv, or a visitor's file (`name`, `text`,
//! `missing`: `drop` or `impute-train`, the training split's means; `impute`, the whole
//! file's means that the page took until 2026-12-06, is refused), kept with the session so
//! that it can be made again.
//! `origin` is `null` for the setup's start, or the session snapshot an imported file
//! became. An entry of another format or version, or made on other data, is refused with
//! the reason; so is one whose actions do not replay.

use learner::data::{fnv1a64, HEART_CSV_FNV1A64, HEART_TARGET};
use learner::heart::FEATURES;
use learner::uci::Missing;

use crate::components::progress::in_slices;
use crate::files::read_snapshot;
use crate::json::{self, Value, Writer};
use crate::setup::{Setup, MAX_HIDDEN_LAYERS, MAX_UNITS};
use crate::state::{Action, Data, DataSource, Origin, PatientDraft, Starting, State, EARLIER_RUNS};

/// The `format` of a saved page session.
pub const FORMAT: &str = "online-learning-page-session";
/// The version this build writes and reads.
pub const VERSION: u32 = 1;
/// `data_file.missing` of a file whose missing values take their column's mean over the
/// training split. Until 2026-12-06 the page took the whole file's means and wrote
/// `impute`: such an entry would replay on other numbers, so it is refused, and kept.
const IMPUTED: &str = "impute-train";

/// Why an entry that took the whole file's means is refused (cold: the lazy module's).
#[cold]
fn before_training_means() -> String {
    "data_file.missing: `impute`, the whole file's means, which this page no longer takes (it takes the \
     training rows'), so the session would not replay as it was: open the file again"
        .to_owned()
}

/// Where named snapshots are kept: `snapshots/<name>`.
pub const SNAPSHOTS: &str = "snapshots";

/// The storage key of the snapshot `name`.
pub fn snapshot_key(name: &str) -> String {
    format!("{SNAPSHOTS}/{name}")
}

/// A visitor's data file bigger than this is not kept in the browser with the session: a
/// saved entry carries its file, `localStorage` holds about 5 MB per page, and writing a
/// few megabytes after every action would stall the page.
pub const MAX_KEPT_FILE_BYTES: usize = 1 << 20;

/// Why the session on `source` is not saved, if its file is too big to keep.
pub fn not_kept(source: &DataSource) -> Option<String> {
    let DataSource::File { name, text, .. } = source else { return None };
    let megabytes = |bytes: usize| crate::words::megabytes(bytes as f64);
    (text.len() > MAX_KEPT_FILE_BYTES).then(|| {
        format!(
            "Not saved in this browser: {name} is {} MB, and the page keeps files up to {} MB with a session \
             (the last saved session is kept). Export the session to keep it.",
            megabytes(text.len()),
            megabytes(MAX_KEPT_FILE_BYTES)
        )
    })
}

/// The key of the session saved after every action, one per setup: a link with another
/// seed opens its own session and leaves this one as it is.
pub fn autosave_key(setup: &Setup) -> String {
    format!("session/{}", &setup.query()[1..])
}

/// What identifies the data a session was made on: its name and a hash of its bytes
/// (FNV-1a, 64 bits; heart.csv's baked in at build time), with the rows of heart.csv.
pub fn data_identity(source: &DataSource) -> String {
    match source {
        DataSource::Bundled => format!("heart.csv {} rows fnv1a64:{HEART_CSV_FNV1A64:016x}", HEART_TARGET.len()),
        DataSource::File { name, text, .. } => format!("{name} fnv1a64:{:016x}", fnv1a64(text.as_bytes())),
    }
}

/// The page's state and patient form as a saved entry.
pub fn write(state: &State, patient: &PatientDraft) -> String {
    let mut out = Writer::new();
    out.begin_object().key("format").string(FORMAT).key("version").whole(VERSION.into());
    out.key("data").string(&data_identity(&state.data.source)).key("data_file");
    match &state.data.source {
        DataSource::Bundled => out.null(),
        DataSource::File { name, text, missing } => {
            out.begin_object().key("name").string(name).key("text").string(text).key("missing");
            out.string(if *missing == Missing::DropRows { "drop" } else { IMPUTED }).end_object()
        }
    };
    out.key("seed").whole(state.setup.seed.into());
    out.key("hidden").begin_array();
    for &units in &state.setup.hidden {
        out.whole(units as u64);
    }
    out.end_array().key("origin");
    match &state.origin {
        Origin::Start => out.null(),
        Origin::Imported(snapshot) => out.raw(snapshot),
    };
    out.key("actions").begin_array();
    for action in state.actions.iter() {
        match action {
            Action::Train25 => out.string("train"),
            Action::Learn(samples) | Action::Learned { samples, .. } => {
                out.begin_object().key("learn").whole(*samples as u64).end_object()
            }
            Action::Reset => out.string("reset"),
            Action::Teach { patient, target } => {
                out.begin_object().key("teach").numbers(patient).key("target").whole((*target).into()).end_object()
            }
            Action::Replace(_) => unreachable!("a replaced state starts its own log"),
        };
    }
    out.end_array().key("patient").begin_object().key("shown").whole(patient.shown as u64);
    out.key("fields").begin_array();
    for text in &patient.texts {
        out.string(text);
    }
    out.end_array().end_object().end_object();
    out.finish()
}

/// A saved entry, read and checked, not yet replayed.
pub struct Saved {
    pub setup: Setup,
    source: DataSource,
    origin: Origin,
    actions: Vec<Action>,
    pub patient: PatientDraft,
}

/// Read a saved entry; the error says in a few words why it cannot be used.
pub fn read(text: &str) -> Result<Saved, String> {
    let value = json::parse(text)?;
    if let Some(format) = value.peek("format").and_then(|format| format.string().ok()) {
        if format != FORMAT {
            return Err(format!("it is not a saved session of this page (format `{format}`)"));
        }
    }
    if let Some(Ok(version)) = value.peek("version").map(|version| version.number()) {
        if version != f64::from(VERSION) {
            return Err(format!(
                "it was saved by another version of this page (format version {}; this page reads version {VERSION})",
                learner::format::shortest(version)
            ));
        }
    }
    let fields =
        value.object(&["format", "version", "data", "data_file", "seed", "hidden", "origin", "actions", "patient"])?;
    let file = fields.get("data_file");
    let source = if file.is_null() {
        DataSource::Bundled
    } else {
        let file = file.object(&["name", "text", "missing"])?;
        let missing = match file.get("missing").string()?.as_str() {
            "drop" => Missing::DropRows,
            IMPUTED => Missing::ImputeMean,
            "impute" => return Err(before_training_means()),
            other => return Err(format!("data_file.missing: `{other}` is neither `drop` nor `{IMPUTED}`")),
        };
        DataSource::File { name: file.get("name").string()?.into(), text: file.get("text").string()?.into(), missing }
    };
    let data = fields.get("data").string()?;
    if data != data_identity(&source) {
        return Err(format!("it was saved on other data ({data}; this page has {})", data_identity(&source)));
    }
    let hidden = fields.get("hidden").array(|units| Ok(units.whole(MAX_UNITS as u64)? as usize))?;
    if hidden.is_empty() || hidden.len() > MAX_HIDDEN_LAYERS || hidden.contains(&0) {
        return Err(format!("hidden: 1 to {MAX_HIDDEN_LAYERS} layers of 1 to {MAX_UNITS} units, not {hidden:?}"));
    }
    let setup = Setup { seed: fields.get("seed").whole(u64::from(u32::MAX))? as u32, hidden };
    let origin = fields.get("origin");
    let origin = if origin.is_null() {
        Origin::Start
    } else {
        // Written back as read: checked by replaying it.
        let snapshot = read_snapshot(origin)?;
        Origin::Imported(crate::files::snapshot_json(&snapshot).into())
    };
    let actions = fields.get("actions").array(read_action)?;
    let patient = fields.get("patient").object(&["shown", "fields"])?;
    let texts = patient.get("fields").array(|text| text.string())?;
    if texts.len() != FEATURES.len() {
        return Err(format!("patient.fields: {} fields, expected {}", texts.len(), FEATURES.len()));
    }
    let shown = patient.get("shown").whole(u64::MAX)? as usize;
    Ok(Saved { setup, source, origin, actions, patient: PatientDraft { texts, shown } })
}

fn read_action(value: Value) -> Result<Action, String> {
    if let Ok(name) = value.string() {
        return match name.as_str() {
            "train" => Ok(Action::Train25),
            "reset" => Ok(Action::Reset),
            _ => Err(value.error(&format!("unknown action `{name}`"))),
        };
    }
    if value.peek("learn").is_some() {
        let fields = value.object(&["learn"])?;
        return Ok(Action::Learn(fields.get("learn").whole(u64::from(u32::MAX))? as usize));
    }
    let fields = value.object(&["teach", "target"])?;
    Ok(Action::Teach { patient: fields.get("teach").numbers()?, target: fields.get("target").whole(1)? as u8 })
}

/// Make the saved session again: its origin, then its actions replayed one by one.
///
/// Runs that ended more than [`EARLIER_RUNS`] Resets ago are not on the chart, and of their
/// actions only the Resets change what comes after (each draws a new model from the stream;
/// training and teaching draw nothing), so those runs are replayed as their Resets alone:
/// a long session restores in the time of its last few runs, to the same state.
pub fn replay(saved: Saved) -> Result<State, String> {
    let mut replaying = Replaying::new(saved)?;
    while !replaying.step()? {}
    Ok(replaying.finish())
}

/// [`replay`] in slices of a few ms, the thread given back between them: for a visitor's
/// click (a few runs of a big network take a second or more to replay).
pub async fn replay_in_slices(saved: Saved) -> Result<State, String> {
    let mut replaying = Replaying::new(saved)?;
    in_slices(|| replaying.step()).await?;
    Ok(replaying.finish())
}

/// [`replay`] a unit at a time (a sample of the start, or an action), so that a page can give
/// the thread back between them (a few runs of three layers of 256 units took 1.3 s).
pub struct Replaying {
    /// The start, until its steps have made it.
    starting: Option<Box<Starting>>,
    state: Option<State>,
    actions: Vec<Action>,
    next: usize,
    shown_from: usize,
}

// Not inlined into the page's opening, which the first module carries: a replay is left to
// the second, as it was before the opening went in steps.
impl Replaying {
    /// The data made again and the origin read (a start is made by the steps).
    #[inline(never)]
    pub fn new(saved: Saved) -> Result<Self, String> {
        let data = Data::load(saved.source).map_err(|reason| format!("data_file: {reason}"))?;
        let n_test = data.prepared.y_test.len();
        if saved.patient.shown >= n_test {
            return Err(format!("patient.shown: {} is not one of the {n_test} test patients", saved.patient.shown));
        }
        let (starting, state) = match saved.origin {
            Origin::Start => (Some(Box::new(Starting::new(saved.setup, data))), None),
            Origin::Imported(snapshot) => {
                let snapshot = read_snapshot(json::parse(&snapshot)?)?;
                (None, Some(State::from_snapshot(saved.setup, data, snapshot)?))
            }
        };
        let resets: Vec<usize> = saved
            .actions
            .iter()
            .enumerate()
            .filter(|(_, action)| **action == Action::Reset)
            .map(|(at, _)| at)
            .collect();
        let shown_from = resets.len().checked_sub(EARLIER_RUNS + 1).map_or(0, |run| resets[run]);
        Ok(Self { starting, state, actions: saved.actions, next: 0, shown_from })
    }

    /// The next unit: a sample of the start, or the next action; `true` once all are done.
    #[inline(never)]
    pub fn step(&mut self) -> Result<bool, String> {
        if let Some(starting) = &mut self.starting {
            if starting.step() {
                self.state = self.starting.take().map(|starting| starting.finish());
            }
            return Ok(false);
        }
        let Some(state) = &mut self.state else { return Ok(true) };
        let index = self.next;
        let Some(action) = self.actions.get(index) else { return Ok(true) };
        self.next += 1;
        let next = match action {
            Action::Reset => state.apply(Action::Reset),
            _ if index >= self.shown_from => state.apply(action.clone()),
            Action::Teach { patient, .. } => {
                // Not replayed, but checked as replaying would check it.
                state.session().predict_proba_raw(patient).map_err(|error| replay_error(index, &error.to_string()))?;
                return Ok(false);
            }
            _ => return Ok(false),
        };
        if let Some(error) = next.error {
            return Err(replay_error(index, &error));
        }
        *state = next;
        Ok(false)
    }

    /// The session made again, once [`step`](Self::step) said so.
    #[inline(never)]
    pub fn finish(self) -> State {
        let mut state = self.state.expect("the steps made the start");
        state.actions = self.actions.into();
        state
    }
}

fn replay_error(index: usize, error: &str) -> String {
    format!("actions[{index}] cannot be replayed: {error}")
}
