//! The page's whole state, changed only by named actions: the original's two buttons,
//! teaching the model a patient, and replacing the state with another made and checked
//! first (start fresh, a file imported, a snapshot opened, the visitor's data).
//!
//! The state owns the visitor's [`Session`]: the seeded stream, the data and the model, so
//! an action calls the model directly. What the page shows is read from it: the last
//! [`Report`], the learning curve, the test split in detail. It also records how it was
//! made (its origin and the actions since), which is what the browser keeps.

use std::rc::Rc;
use std::sync::Arc;

use learner::data::Dataset;
use learner::error::Invariant;
use learner::format::{fixed, Ties};
use learner::heart::{diagnosis, Feature, DISEASE, FEATURES};
use learner::mlp::MlpParams;
use learner::session::{
    CurvePoint, PreparedData, Report, Session, Snapshot, Source, TestEvaluation, SAMPLES_AT_START, SAMPLES_PER_CLICK,
    SNAPSHOT_FORMAT, SNAPSHOT_VERSION,
};
use learner::uci::{read_either, Form, Missing, RawRead};
use yew::Reducible;

use crate::components::progress::in_slices;
use crate::files::{snapshot_json, Imported};
use crate::setup::Setup;
use crate::words::counted;

/// Why an action is refused whose model would give NaN for the test split's patients.
const NOT_NUMBERS_AFTER: &str = "That step was not taken: it would make the model's numbers overflow.";
/// Why a file is refused whose model gives NaN for the test split's patients.
const NOT_NUMBERS_ON_IMPORT: &str = "its model's numbers overflow on this data";

/// Earlier runs kept on the chart, faded, beside the current one.
pub const EARLIER_RUNS: usize = 3;

/// Everything the page shows, and the session behind it.
#[derive(Debug, Clone)]
pub struct State {
    /// How many actions made this state: two states of one page are the same state exactly
    /// when their revisions are equal (see `PartialEq`).
    revision: u64,
    pub setup: Setup,
    /// The data the session learns.
    pub data: Data,
    session: Session,
    /// The answer to the last action, as the original server returned it.
    pub report: Report,
    /// The current model on the test split.
    pub evaluation: TestEvaluation,
    /// The curves of the last few models before the current one, oldest first.
    pub earlier_runs: Vec<Rc<[CurvePoint]>>,
    /// What the last action did, in a sentence (the page announces it once).
    pub announcement: String,
    /// How many times an action has set `announcement`: each is said as a new sentence, even
    /// one that repeats the last (a patient taught twice), and a state that says nothing new
    /// (a late slice of a pass, dropped) keeps it.
    pub announced: u64,
    /// Whether screen readers hear `announcement`: not a slice of a pass's, which rewrites it
    /// hundreds of times (the pass's progress says when it starts and ends), so that a patient
    /// taught during a pass is heard.
    pub spoken: bool,
    /// A message for the visitor when an action failed (nothing is lost: the session is
    /// left as it was).
    pub error: Option<String>,
    /// Where the session started ...
    pub origin: Origin,
    /// ... and the actions since, in order: replayed, they make this state again exactly
    /// (a saved session is these two). Actions that failed are not in it.
    pub actions: Rc<Vec<Action>>,
}

/// Where a session starts, before the actions that made it.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// The setup's start: the original server's first 100 samples.
    Start,
    /// An imported model or session, as its session snapshot in JSON.
    Imported(Rc<str>),
}

/// What a visitor can do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// "+25 Training": learn the next 25 training samples.
    Train25,
    /// Learn the next `n` training samples (or as many as remain): one slice of "learn the
    /// rest in one pass", which a big file takes in many slices.
    Learn(usize),
    /// `Learn(samples)` made already on a copy of the session of revision `from_revision`
    /// (a pass's slice, whose scoring of a big test split took several tasks): the page
    /// shows, saves and replays it as that `Learn`. Ignored if another action came first.
    Learned { from_revision: u64, samples: usize, session: Rc<Session> },
    /// "Reset": a new model from the same stream, trained on sample 0.
    Reset,
    /// Teach the model a patient (unscaled features, as in heart.csv) with a diagnosis
    /// (heart.csv's `target`: 0 disease, 1 no disease).
    Teach { patient: Vec<f64>, target: u8 },
    /// Another state altogether, made and checked before (start fresh, an imported file, a
    /// saved snapshot opened): the page shows it, as the next revision.
    Replace(Rc<State>),
}

impl State {
    /// The page at load: the original server's start (seed 5, samples 0..99 trained).
    pub fn at_start() -> Self {
        Self::new(Setup::default())
    }

    /// The original's start with another seed or other hidden layers.
    pub fn new(setup: Setup) -> Self {
        Self::start(setup, Data::bundled())
    }

    /// The setup's start on `data`: a model drawn after `np.random.seed(seed)`, trained on
    /// the first 100 training samples (all of them, if there are fewer).
    pub fn start(setup: Setup, data: Data) -> Self {
        let mut starting = Starting::new(setup, data);
        while !starting.step() {}
        starting.finish()
    }

    /// [`start`](Self::start) in slices of a few ms, the thread given back between them: for
    /// a visitor's click (a big network's start takes some 300 ms).
    pub async fn start_in_slices(setup: Setup, data: Data) -> Self {
        let mut starting = Starting::new(setup, data);
        let Ok(()) = in_slices(|| Ok::<_, std::convert::Infallible>(starting.step())).await;
        starting.finish()
    }

    fn with_session(setup: Setup, data: Data, session: Session, origin: Origin, announcement: String) -> Self {
        let report = session.report().invariant("the test split fits the model");
        let evaluation = session.evaluate(DISEASE).invariant("the test split fits the model");
        let (earlier_runs, actions, error) = (Vec::new(), Rc::default(), None);
        Self {
            revision: 0,
            setup,
            data,
            session,
            report,
            evaluation,
            earlier_runs,
            announcement,
            announced: 0,
            spoken: true,
            error,
            origin,
            actions,
        }
    }

    /// The session an imported file holds, on this page's data and setup: a session
    /// snapshot as it was saved, a model file with this page's random stream where it
    /// stands. Refused, with the core's reason, unless the file fits the data.
    pub fn imported(&self, file: Imported) -> Result<Self, String> {
        let snapshot = match file {
            Imported::Session(snapshot) => *snapshot,
            Imported::Model(model) => Snapshot {
                format: SNAPSHOT_FORMAT.to_owned(),
                version: SNAPSHOT_VERSION,
                stream: self.session.stream().saved(),
                model: *model,
            },
        };
        Self::from_snapshot(self.setup.clone(), self.data.clone(), snapshot)
    }

    /// The session `snapshot` holds, on `data`.
    pub fn from_snapshot(setup: Setup, data: Data, snapshot: Snapshot) -> Result<Self, String> {
        let session = Session::restore(Arc::clone(&data.prepared), snapshot).map_err(|error| error.to_string())?;
        let origin = Origin::Imported(snapshot_json(&session.snapshot()).into());
        let layers = session.model().layout().layer_units().iter().map(usize::to_string).collect::<Vec<_>>();
        let announcement = format!(
            "Imported a {} network that has learned {}.",
            layers.join("-"),
            crate::words::samples(session.model().samples_seen())
        );
        let mut state = Self::with_session(setup, data, session, origin, announcement);
        if state.evaluation.log_loss.is_nan() {
            return Err(NOT_NUMBERS_ON_IMPORT.to_owned());
        }
        state.announcement.push_str(&format!(" Held-out accuracy {}.", state.accuracy_text()));
        Ok(state)
    }

    /// The setup of the session running now, if an imported file made it other than the
    /// page's: its random stream's seed and its model's hidden layers.
    pub fn running_setup(&self) -> Option<Setup> {
        let (seed, _) = self.session.stream().position();
        let units = self.session.model().layout().layer_units();
        let hidden = &units[1..units.len() - 1];
        (seed != self.setup.seed || hidden != self.setup.hidden.as_slice())
            .then(|| Setup { seed, hidden: hidden.to_vec() })
    }

    /// The patients taught in each run on the page, the earlier runs' first and the current
    /// run's last (as [`Self::earlier_runs`] and the session's curve), each in the order
    /// taught: a run's `Taught` points, one for one. The actions since the session's origin
    /// hold them (a Reset starts the next run); an earlier run that began before the origin
    /// has none to give (empty).
    pub fn taught_by_run(&self) -> Vec<Vec<&[f64]>> {
        let (mut runs, mut current) = (Vec::new(), Vec::new());
        for action in self.actions.iter() {
            match action {
                Action::Reset => runs.push(std::mem::take(&mut current)),
                Action::Teach { patient, .. } => current.push(&patient[..]),
                _ => {}
            }
        }
        runs.push(current);
        let shown = self.earlier_runs.len() + 1;
        let mut by_run = vec![Vec::new(); shown.saturating_sub(runs.len())];
        by_run.extend(runs.into_iter().rev().take(shown).rev());
        by_run
    }

    /// The number of the first run the page keeps ([`Self::earlier_runs`]' first, or the
    /// current run), counting the session's runs from 1 at its origin: above 1 once Resets
    /// have pushed runs out of the few the page keeps.
    pub fn first_kept_run(&self) -> usize {
        let resets = self.actions.iter().filter(|action| matches!(action, Action::Reset)).count();
        resets + 1 - self.earlier_runs.len().min(resets)
    }

    /// How many actions made this state.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// A copy of the session, to learn on aside (a pass's slice, [`Action::Learned`]): made
    /// as the state's own copy is, so the page's module holds one copying of a session.
    pub fn session_copy(&self) -> Session {
        self.clone().session
    }

    /// The accuracy as the original server rounded it: `round(score, 5)`.
    pub fn accuracy_text(&self) -> String {
        rounded(self.report.score)
    }

    /// Whether the last action was refused because the model's numbers would overflow.
    pub fn numbers_overflowed(&self) -> bool {
        self.error.as_deref() == Some(NOT_NUMBERS_AFTER)
    }

    /// Whether "+25 Training" has anything left to learn.
    pub fn can_train(&self) -> bool {
        self.report.remaining > 0
    }

    /// Apply an action to a copy of the state. The data is shared, not copied.
    pub fn apply(&self, action: Action) -> Self {
        if let Action::Replace(state) = action {
            return Self { revision: self.revision + 1, announced: self.announced + 1, ..(*state).clone() };
        }
        let mut next = self.clone();
        next.revision += 1;
        let (result, action) = match action {
            Action::Learned { from_revision, .. } if from_revision != self.revision => return next,
            // Taken, not copied: the action is its session's one holder (a copy held elsewhere
            // too is refused as a late one is).
            Action::Learned { samples, session, .. } => match Rc::try_unwrap(session) {
                Ok(session) => {
                    next.session = session;
                    (next.session.report(), Action::Learn(samples))
                }
                Err(_) => return next,
            },
            action => (next.run(&action), action),
        };
        let result = result.map_err(|error| error.to_string()).and_then(|report| {
            let evaluation = next.session.evaluate(DISEASE).map_err(|error| error.to_string())?;
            // A step after which the model's outputs are NaN (an imported learning rate of
            // 1e300, say: its numbers overflowed) is not taken, as any refused action; the
            // page would show "NaN%" and learn nothing more from it.
            if evaluation.log_loss.is_nan() {
                return Err(NOT_NUMBERS_AFTER.to_owned());
            }
            Ok((report, evaluation))
        });
        match result {
            Ok((report, evaluation)) => {
                // A pass's slice right after a patient taught (the last point of the curve)
                // leaves the patient's sentence as it is, heard: drawn in one frame with the
                // slice, it would be replaced before a screen reader heard it (the end-to-end
                // test met this in full runs under a slowed CPU); the next slice replaces it.
                let taught_last =
                    matches!(self.session.curve().last(), Some(CurvePoint { source: Source::Taught { .. }, .. }));
                if !(matches!(action, Action::Learn(_)) && taught_last) {
                    next.announcement = announce(&action, self.report, report, next.session.curve());
                    next.announced += 1;
                    next.spoken = !matches!(action, Action::Learn(_));
                }
                next.report = report;
                next.evaluation = evaluation;
                next.error = None;
                Rc::make_mut(&mut next.actions).push(action);
                next
            }
            // Refused: the reason shown, in place of what the last action said.
            Err(error) => Self {
                revision: next.revision,
                error: Some(error),
                announcement: String::new(),
                announced: self.announced + 1,
                spoken: true,
                ..self.clone()
            },
        }
    }

    /// An action on this state's session (a copy of the state before it, whose Reset keeps
    /// its curve among the earlier runs).
    fn run(&mut self, action: &Action) -> learner::error::Result<Report> {
        match action {
            // Made by `apply` itself.
            Action::Replace(_) | Action::Learned { .. } => self.session.report(),
            Action::Train25 => self.session.train(SAMPLES_PER_CLICK),
            Action::Learn(samples) => self.session.train(*samples),
            Action::Reset => {
                self.earlier_runs.push(self.session.curve().into());
                let excess = self.earlier_runs.len().saturating_sub(EARLIER_RUNS);
                self.earlier_runs.drain(..excess);
                self.session.reset()
            }
            Action::Teach { patient, target } => self.session.teach(patient, *target),
        }
    }
}

/// [`State::start`] a sample at a time, so that a page can give the thread back between
/// samples (three layers of 256 units take some 300 ms to learn and score them): the same
/// numbers, as `Session::train_pending` learns them.
pub struct Starting {
    setup: Setup,
    data: Data,
    session: Session,
}

impl Starting {
    pub fn new(setup: Setup, data: Data) -> Self {
        let params =
            MlpParams::new().hidden_layer_sizes(&setup.hidden).check().invariant("the setup bounds the layers");
        let session =
            Session::new(Arc::clone(&data.prepared), setup.seed, params).invariant("the setup bounds the layers");
        Self { setup, data, session }
    }

    /// Learn the start's next samples up to where its curve scores the test split (the next
    /// sample, or the next 25 on a big test split), but the last of them; `true` once only
    /// those are left. The start learns 100 samples, or all of a smaller file's.
    pub fn step(&mut self) -> bool {
        let (seen, every) = (self.session.model().samples_seen() as usize, self.session.curve_every());
        let done = seen + every >= self.samples();
        if !done {
            self.session.train_pending(every).invariant("prepared data trains");
        }
        done
    }

    fn samples(&self) -> usize {
        SAMPLES_AT_START.min(self.session.data().n_train())
    }

    /// The start, its last samples learned.
    pub fn finish(self) -> State {
        let rest = self.samples().saturating_sub(self.session.model().samples_seen() as usize);
        let Self { setup, data, mut session } = self;
        let report = session.train(rest).invariant("prepared data trains");
        let announcement = format!(
            "Learned {}: held-out accuracy {}.",
            counted(report.trained, "sample", "samples"),
            rounded(report.score)
        );
        State::with_session(setup, data, session, Origin::Start, announcement)
    }
}

/// Yew compares the state at every render of a part that shows it: comparing revisions
/// takes no time, where comparing the session would compare every weight and the data.
impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
    }
}

/// An accuracy as the original server showed it: Python's `round(score, 5)`.
pub fn rounded(accuracy: f64) -> String {
    fixed(accuracy, 5, Ties::ToEven)
}

/// The sentence a screen reader hears after an action.
fn announce(action: &Action, before: Report, after: Report, curve: &[CurvePoint]) -> String {
    let accuracy = format!("held-out accuracy {}", rounded(after.score));
    match action {
        Action::Train25 | Action::Learn(_) | Action::Learned { .. } if after.trained == before.trained => {
            format!("No samples remain: {accuracy}.")
        }
        Action::Train25 | Action::Learn(_) | Action::Learned { .. } => {
            let in_all = curve.last().map_or(after.learned(), |point| point.samples);
            let learned = after.trained - before.trained;
            match action {
                Action::Train25 => format!(
                    "Learned {learned} more {}, {in_all} in all: {accuracy}.",
                    if learned == 1 { "sample" } else { "samples" }
                ),
                // A slice of a pass: what the page shows when the pass ends is where the
                // model stands, not what its last slice added.
                _ => format!("{} learned: {accuracy}.", counted(in_all, "sample", "samples")),
            }
        }
        Action::Reset => format!("New model, trained on 1 sample: {accuracy}."),
        Action::Replace(state) => state.announcement.clone(),
        Action::Teach { target, .. } => {
            let optimistic =
                matches!(curve.last(), Some(CurvePoint { source: Source::Taught { test_patient: true, .. }, .. }));
            format!(
                "Taught the model this patient as {}: {accuracy}.{}",
                diagnosis(*target),
                if optimistic {
                    " The patient is in the test split, so the held-out accuracy is now optimistic."
                } else {
                    ""
                }
            )
        }
    }
}

/// A file's text as the CSV reader's bytes, shared with the data source that keeps it.
pub struct TextBytes(pub Rc<str>);

impl AsRef<[u8]> for TextBytes {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// Where the data comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum DataSource {
    /// heart.csv, the original's file, inside the page.
    Bundled,
    /// A visitor's file: its name, its text, and what became of a raw file's missing values.
    File { name: Rc<str>, text: Rc<str>, missing: Missing },
}

/// The data a session learns: where it came from, prepared as the original prepares its
/// file (scaled as a whole, then split), and what it is in a sentence.
#[derive(Debug, Clone)]
pub struct Data {
    pub source: DataSource,
    pub prepared: Arc<PreparedData>,
    pub summary: Rc<str>,
    /// Whether the file had missing values (left out or filled in): read with the other
    /// choice, it is other data.
    pub had_missing_values: bool,
}

impl Data {
    /// heart.csv, which the page carries.
    pub fn bundled() -> Self {
        let prepared = PreparedData::new(&Dataset::heart()).invariant("the bundled data set is valid");
        let summary = format!("heart.csv, the original's file: {} patients.", prepared.scaler.n_samples_seen).into();
        Self { source: DataSource::Bundled, prepared: Arc::new(prepared), summary, had_missing_values: false }
    }

    /// Whether reading the data filled in missing values with their column's means.
    pub fn means_filled_in(&self) -> bool {
        self.had_missing_values && matches!(self.source, DataSource::File { missing: Missing::ImputeMean, .. })
    }

    /// The data `source` holds: a file in heart.csv's form, or UCI's raw form recoded to
    /// heart.csv's codes. Refused, with the reason (line and column), unless it is one of
    /// them with heart.csv's 13 features, and can be split.
    pub fn load(source: DataSource) -> Result<Self, String> {
        let DataSource::File { name, text, missing } = source else { return Ok(Self::bundled()) };
        // The text as the page's slices give it to the reader: one reader type in the bundle.
        let (form, read) = read_either(TextBytes(Rc::clone(&text)), missing).map_err(|error| error.to_string())?;
        let (read, columns_reordered) = Self::heart_columns(read)?;
        let prepared = PreparedData::new(&read.dataset).map_err(|error| error.to_string())?;
        Ok(Self::file(FileData { name, text, missing, form, columns_reordered }, &read, prepared))
    }

    /// A file read with heart.csv's features in heart.csv's order, each column found by its
    /// name (the page's form and model need them; a raw file's are in that order already),
    /// and whether the file had them in another order. Refused, naming the columns, unless
    /// it has those 13 and `target`.
    pub fn heart_columns(read: RawRead) -> Result<(RawRead, bool), String> {
        let names = FEATURES.map(|feature| feature.name);
        let reordered = !read.dataset.has_features(&names);
        match read.dataset.with_features(&names) {
            Ok(dataset) => Ok((RawRead { dataset, ..read }, reordered)),
            Err(error) => Err(format!("{error}: heart.csv's columns are {}, and target", names.join(", "))),
        }
    }

    /// The data of a visitor's file, read as `read` with checked columns and prepared as
    /// `prepared` (the steps of [`Data::load`], for a caller that takes them one at a time).
    pub fn file(file: FileData, read: &RawRead, prepared: PreparedData) -> Self {
        let FileData { name, text, missing, form, columns_reordered } = file;
        let summary = match form {
            Form::HeartCsv if columns_reordered => {
                format!("{name}, in heart.csv's form, its columns found by name: {} patients.", read.rows_read)
            }
            Form::HeartCsv => format!("{name}, in heart.csv's form: {} patients.", read.rows_read),
            Form::RawUci => {
                // One strategy at a time: the rows left out, or the values filled in.
                let missing = match (read.rows_dropped, read.values_imputed) {
                    (0, 0) => "none with a missing value".to_owned(),
                    (dropped, 0) => format!("{dropped} left out for missing values"),
                    (_, 1) => "1 missing value filled in with its column's mean".to_owned(),
                    (_, imputed) => format!("{imputed} missing values filled in with their column's mean"),
                };
                format!(
                    "{name}, UCI's raw form recoded to heart.csv's codes: {} read, {missing}; {}.",
                    counted(read.rows_read, "row", "rows"),
                    counted(read.dataset.n_samples(), "patient", "patients")
                )
            }
        };
        Self {
            source: DataSource::File { name, text, missing },
            prepared: Arc::new(prepared),
            summary: summary.into(),
            had_missing_values: read.rows_dropped > 0 || read.values_imputed > 0,
        }
    }
}

/// A visitor's file as it was read: its name and text, what became of a raw file's missing
/// values, the form it was found in, and whether its columns came in another order than
/// heart.csv's.
pub struct FileData {
    pub name: Rc<str>,
    pub text: Rc<str>,
    pub missing: Missing,
    pub form: Form,
    pub columns_reordered: bool,
}

/// The patient form as the visitor left it: the fields as typed, and the test patient
/// last shown in them.
#[derive(Debug, Clone, PartialEq)]
pub struct PatientDraft {
    pub texts: Vec<String>,
    pub shown: usize,
}

/// A change to the patient form.
pub enum DraftEdit {
    /// Show test patient `index` of `data`.
    Show { index: usize, data: Arc<PreparedData> },
    /// The visitor typed or chose in field `index`.
    Field { index: usize, text: String },
    /// Another draft altogether (a restored session's).
    Replace(PatientDraft),
}

impl PatientDraft {
    /// Test patient `index` of `data`, as the form shows it.
    pub fn test_patient(data: &PreparedData, index: usize) -> Self {
        Self { texts: data.x_test_raw.row(index).iter().map(|&value| Feature::format(value)).collect(), shown: index }
    }
}

impl Reducible for PatientDraft {
    type Action = DraftEdit;

    fn reduce(self: Rc<Self>, edit: DraftEdit) -> Rc<Self> {
        Rc::new(match edit {
            DraftEdit::Show { index, data } => Self::test_patient(&data, index),
            DraftEdit::Field { index, text } => {
                let mut next = (*self).clone();
                next.texts[index] = text;
                next
            }
            DraftEdit::Replace(draft) => draft,
        })
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

#[cfg(test)]
mod tests {
    use learner::heart::NO_DISEASE;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn the_page_starts_where_the_original_server_starts() {
        let state = State::at_start();
        assert_eq!(state.accuracy_text(), "0.80328");
        assert_eq!(state.report.remaining, 142);
        assert!(state.can_train());
        assert_eq!(state.session().curve().len(), 100);
        assert_eq!(state.announcement, "Learned 100 samples: held-out accuracy 0.80328.");
    }

    #[test]
    fn a_slice_of_a_pass_says_where_the_model_stands_not_what_the_slice_added() {
        let state = State::at_start().apply(Action::Learn(1));
        assert_eq!(state.announcement, format!("101 samples learned: held-out accuracy {}.", state.accuracy_text()));
        // A click that learns one sample says it in the singular.
        let last = state.apply(Action::Learn(140)).apply(Action::Train25);
        assert_eq!(
            last.announcement,
            format!("Learned 1 more sample, 242 in all: held-out accuracy {}.", last.accuracy_text())
        );
        // Shown, not heard: the pass's progress says when it starts and ends. The start, a
        // click, and a patient taught between two slices are heard.
        assert!(!state.spoken);
        assert!(State::at_start().spoken && last.spoken);
        let patient = state.session().data().x_test_raw.row(0).to_vec();
        let taught = state.apply(Action::Teach { patient, target: DISEASE });
        // The slice right after it leaves its sentence, heard (drawn with it in one frame, the
        // sentence would be lost); the next replaces it, shown, not heard.
        let first = taught.apply(Action::Learn(1));
        assert!(taught.spoken && first.spoken);
        assert_eq!((&first.announcement, first.announced), (&taught.announcement, taught.announced));
        assert_eq!(first.report.trained, taught.report.trained + 1, "the slice learned");
        let second = first.apply(Action::Learn(1));
        assert!(
            !second.spoken && second.announcement.ends_with(&format!("held-out accuracy {}.", second.accuracy_text()))
        );
    }

    #[test]
    fn the_start_made_a_sample_at_a_time_is_the_start_made_at_once() {
        // heart.csv, a smaller file, one too small to split, and a big one (1,212 test rows,
        // scored every 25 samples).
        let (header, lines) = learner::data::HEART_CSV.split_once('\n').unwrap();
        for (hidden, rows) in [(vec![100], 303), (vec![8, 4], 303), (vec![16], 40), (vec![16], 1), (vec![16], 6_060)] {
            let rows_text = lines.lines().cycle().take(rows);
            let text: String = std::iter::once(header).chain(rows_text).map(|line| format!("{line}\n")).collect();
            let source = DataSource::File { name: "heart.csv".into(), text: text.into(), missing: Missing::DropRows };
            let Ok(data) = Data::load(source) else {
                assert_eq!(rows, 1, "a file too small to split");
                continue;
            };
            let setup = Setup { seed: 7, hidden };
            let state = State::start(setup.clone(), data.clone());
            let params = MlpParams::new().hidden_layer_sizes(&setup.hidden).check().unwrap();
            let mut at_once = Session::new(Arc::clone(&data.prepared), setup.seed, params).unwrap();
            let report = at_once.train(SAMPLES_AT_START).unwrap();
            assert_eq!(state.report, report, "{rows} rows");
            assert_eq!(state.session().snapshot(), at_once.snapshot());
            assert_eq!(state.session().curve(), at_once.curve());
            assert_eq!(state.evaluation, at_once.evaluate(DISEASE).unwrap());
            assert_eq!(state.session().model().samples_seen() as usize, SAMPLES_AT_START.min(data.prepared.n_train()));
            if rows == 6_060 {
                let samples: Vec<usize> = state.session().curve().iter().map(|point| point.samples).collect();
                assert_eq!(samples, [25, 50, 75, 100], "scored every 25 samples, as at once");
            }
        }
    }

    #[test]
    fn the_original_click_sequence_shows_the_original_numbers() {
        // tools/make_fixtures.py, server(): the original server's click sequence and answers.
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../learner/tests/fixtures/server.json")).unwrap();
        let steps = fixture["steps"].as_array().unwrap();
        assert_eq!(steps.len(), 12, "start, +25 x 6, Reset, +25 x 2, Reset, +25");
        let mut state = State::at_start();
        for step in steps {
            state = match step["action"].as_str().unwrap() {
                "start" => state,
                "train25" => state.apply(Action::Train25),
                "reset" => state.apply(Action::Reset),
                other => panic!("unknown action {other}"),
            };
            let expected = (format!("{:.5}", step["result"].as_f64().unwrap()), step["remaining"].as_u64().unwrap());
            assert_eq!((state.accuracy_text(), state.report.remaining as u64), expected, "{step}");
        }
    }

    #[test]
    fn a_slice_learned_on_a_copy_is_the_learn_it_stands_for() {
        let state = State::at_start();
        let mut copy = state.session_copy();
        copy.train_pending(30).unwrap();
        while !copy.score_pending(7) {}
        let learned = state.apply(Action::Learned {
            from_revision: state.revision(),
            samples: 30,
            session: Rc::new(copy.clone()),
        });
        let direct = state.apply(Action::Learn(30));
        assert_eq!(learned.session(), direct.session());
        assert_eq!((learned.report, &learned.announcement), (direct.report, &direct.announcement));
        assert_eq!(learned.actions, direct.actions, "logged, saved and replayed as Learn(30)");
        // Another action first: the slice is not taken.
        let trained = state.apply(Action::Train25);
        let late =
            trained.apply(Action::Learned { from_revision: state.revision(), samples: 30, session: Rc::new(copy) });
        assert_eq!((late.session(), late.report), (trained.session(), trained.report));
        assert_eq!(late.actions, trained.actions);
    }

    #[test]
    fn training_is_disabled_when_nothing_remains_and_reset_enables_it() {
        let mut state = State::at_start();
        for _ in 0..6 {
            state = state.apply(Action::Train25);
        }
        assert!(!state.can_train());
        let after = state.apply(Action::Train25);
        assert_eq!(after.report, state.report, "remaining never goes negative");
        assert_eq!(after.announcement, "No samples remain: held-out accuracy 0.83607.");
        assert!(state.apply(Action::Reset).can_train());
    }

    #[test]
    fn reset_keeps_the_last_runs_for_the_chart() {
        let mut state = State::at_start();
        let first_run = state.session().curve().to_vec();
        state = state.apply(Action::Reset);
        assert_eq!(state.earlier_runs.len(), 1);
        assert_eq!(&state.earlier_runs[0][..], &first_run[..]);
        assert_eq!(state.session().curve().len(), 1);
        for _ in 0..5 {
            state = state.apply(Action::Reset);
        }
        assert_eq!(state.earlier_runs.len(), EARLIER_RUNS, "a few at most");
        assert!(state.earlier_runs.iter().all(|run| run.len() == 1));
    }

    #[test]
    fn each_runs_taught_patients_are_known_for_its_taught_points() {
        let patient = |row: usize| State::at_start().session().data().x_test_raw.row(row).to_vec();
        // Five runs: one taught, two, none, one, none; the page keeps the last three before
        // the current one.
        let mut state =
            State::at_start().apply(Action::Teach { patient: patient(3), target: NO_DISEASE }).apply(Action::Reset);
        for (row, target) in [(0, DISEASE), (1, NO_DISEASE)] {
            state = state.apply(Action::Teach { patient: patient(row), target }).apply(Action::Train25);
        }
        state = state.apply(Action::Reset).apply(Action::Reset);
        state = state.apply(Action::Teach { patient: patient(2), target: DISEASE }).apply(Action::Reset);
        let by_run = state.taught_by_run();
        assert_eq!(by_run.len(), EARLIER_RUNS + 1);
        let curves = state.earlier_runs.iter().map(|run| &run[..]).chain([state.session().curve()]);
        for (curve, taught) in curves.zip(&by_run) {
            let points = curve.iter().filter(|point| matches!(point.source, Source::Taught { .. })).count();
            assert_eq!(points, taught.len(), "one patient per taught point");
        }
        assert_eq!(by_run[0], [&patient(0)[..], &patient(1)[..]]);
        assert_eq!(by_run[2], [&patient(2)[..]]);
        // The first run the page keeps is the session's second.
        assert_eq!(state.first_kept_run(), 2);
        assert_eq!(State::at_start().first_kept_run(), 1);
        assert_eq!(State::at_start().apply(Action::Reset).first_kept_run(), 1);
        // Before the session's origin (an imported one starts its own), nothing is known.
        let imported = State { actions: Rc::default(), ..state.clone() };
        assert_eq!(imported.taught_by_run(), vec![Vec::<&[f64]>::new(); EARLIER_RUNS + 1]);
        assert_eq!(imported.first_kept_run(), 1);
        assert_eq!(State::at_start().taught_by_run(), [Vec::<&[f64]>::new()]);
    }

    #[test]
    fn teaching_a_patient_is_one_more_sample_and_the_stream_goes_on_where_it_was() {
        let state = State::at_start();
        let patient = state.session().data().x_test_raw.row(0).to_vec();
        let taught = state.apply(Action::Teach { patient, target: DISEASE });
        assert_eq!((taught.report.trained, taught.report.taught, taught.report.remaining), (100, 1, 142));
        let last = *taught.session().curve().last().unwrap();
        assert_eq!(last.samples, 101);
        assert_eq!(last.source, Source::Taught { label: DISEASE, test_patient: true });
        assert!(taught.announcement.starts_with("Taught the model this patient as heart disease: held-out accuracy "));
        assert!(
            taught.announcement.ends_with("so the held-out accuracy is now optimistic."),
            "{}",
            taught.announcement
        );

        let trained = taught.apply(Action::Train25);
        assert_eq!((trained.report.trained, trained.report.taught, trained.report.remaining), (125, 1, 117));
        assert_eq!(trained.session().curve().len(), 126);
        assert_eq!(
            trained.announcement,
            format!("Learned 25 more samples, 126 in all: held-out accuracy {}.", trained.accuracy_text())
        );
    }

    #[test]
    fn a_patient_outside_the_test_split_is_not_flagged() {
        let state = State::at_start();
        let mut patient = state.session().data().x_test_raw.row(0).to_vec();
        patient[0] += 1.0;
        let taught = state.apply(Action::Teach { patient, target: NO_DISEASE });
        assert_eq!(
            taught.session().curve().last().unwrap().source,
            Source::Taught { label: NO_DISEASE, test_patient: false }
        );
        assert!(!taught.announcement.contains("optimistic"));
        assert!(taught.announcement.contains("as no heart disease"));
    }

    #[test]
    fn a_bad_patient_is_refused_and_nothing_is_lost() {
        let state = State::at_start();
        let after = state.apply(Action::Teach { patient: vec![1.0; 12], target: DISEASE });
        assert_eq!(after.error.as_deref(), Some("expected 13 features per sample, got 12"));
        assert_eq!(after.session(), state.session());
        let after = state.apply(Action::Teach { patient: vec![f64::NAN; 13], target: DISEASE });
        assert_eq!(after.error.as_deref(), Some("feature 0 of the sample is not a finite number"));
        let after = state.apply(Action::Teach { patient: vec![1.0; 13], target: 3 });
        assert_eq!(after.error.as_deref(), Some("label 3 of sample 0 is not one of the classes 0 and 1"));
        assert_eq!(after.session(), state.session());
    }

    #[test]
    fn another_seed_and_other_layers_are_the_original_with_them() {
        // tools/make_fixtures.py, workbench(): seed 7, hidden (32, 16), held-out after each sample.
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../learner/tests/fixtures/workbench.json")).unwrap();
        let run = &fixture["runs"][2];
        assert_eq!((run["seed"].as_u64(), run["hidden_layer_sizes"].to_string().as_str()), (Some(7), "[32,16]"));
        let state = State::new(Setup { seed: 7, hidden: vec![32, 16] });
        let held_out: Vec<f64> = state.session().curve().iter().map(|point| point.held_out).collect();
        let expected: Vec<f64> =
            run["held_out"].as_array().unwrap()[..100].iter().map(|v| v.as_f64().unwrap()).collect();
        assert_eq!(held_out, expected);
    }
}
