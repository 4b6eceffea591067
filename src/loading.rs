//! A visitor's file taken into the page: a model file or session snapshot imported, or a
//! data file read a slice at a time (its progress shown, Cancel honoured) and made the
//! session's data. Nothing replaces the session until the file has been read and checked
//! whole; the session it replaces is kept as a snapshot.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use crate::components::progress::{give_back, now, read_text, CancelFlag, Progress, RunState, SLICE_MS};
use crate::components::sessions::{keep_before_replacing, kept_before, Outcome, BEFORE_DATA, BEFORE_IMPORT};
use crate::files::{self, GivenAs, MAX_FILE_BYTES};
use crate::focus::refocus_after_render;
use crate::marks::mark;
use crate::state::{Action, Data, DraftEdit, FileData, PatientDraft, State, TextBytes};
use crate::storage::Store;
use crate::words;
use learner::preprocessing::StandardScaler;
use learner::session::PreparedData;
use learner::uci::{FileReader, Missing};
use learner::DataError;

/// Read `file` and, if it is a valid model file or session snapshot for this data, make it
/// the session; otherwise say why, and change nothing. Files over the limit are refused
/// before they are read.
pub fn import(file: web_sys::File, loading: Loading, outcome: UseStateHandle<Option<Outcome>>) {
    let name = file.name();
    if let Some(refused) = too_big(&file) {
        outcome.set(Some(Outcome::Refused(refused)));
        return;
    }
    let request = loading.request();
    wasm_bindgen_futures::spawn_local(async move {
        let text = read_text(&file).await;
        let imported = text
            .ok_or_else(|| "the browser could not read it".to_owned())
            .and_then(|text| files::read(&text))
            .and_then(|file| loading.current().0.imported(file));
        match imported {
            Ok(_) if !loading.replaces(request) => {}
            Ok(mut next) => {
                // A session of another setup runs under this page's address: said here, where
                // the visitor looks, as well as under the page's setup.
                let setup = next.running_setup().map_or(String::new(), |running| {
                    format!(
                        " It runs with seed {}'s random stream and hidden layers {}, not this page's setup.",
                        running.seed,
                        running.hidden_text()
                    )
                });
                let kept = loading.keep_before_replacing(BEFORE_IMPORT);
                let said = format!("{setup}{kept}");
                next.announcement.push_str(&said);
                outcome.set(Some(Outcome::Shown(format!("Imported {name}.{said}"))));
                loading.current().0.dispatch(Action::Replace(Rc::new(next)));
            }
            Err(reason) => outcome
                .set(Some(Outcome::Refused(format!("{name} was not imported: {reason}. Your session is unchanged.")))),
        }
    });
}

/// What loading a visitor's file changes: the state, the patient form, the data panel's
/// message and its progress bar, the file kept if refused for lack of complete rows, the
/// Cancel of the file being read; and what the session panel said of the session that new
/// data replaces (a file imported, a snapshot opened).
#[derive(Clone)]
pub struct Loading {
    pub store: Option<Store>,
    /// The session and patient as last drawn ([`Self::current`]).
    pub latest: Rc<RefCell<(UseReducerHandle<State>, UseReducerHandle<PatientDraft>)>>,
    pub outcome: UseStateHandle<Option<Outcome>>,
    pub session_outcome: UseStateHandle<Option<Outcome>>,
    pub progress: UseStateHandle<Option<Progress>>,
    pub refused_file: Rc<RefCell<Option<GivenFile>>>,
    pub cancel: Rc<RefCell<CancelFlag>>,
    /// The Cancel of the pass being learned, if one is: the session replaced ends it.
    pub pass_cancel: Rc<RefCell<CancelFlag>>,
}

thread_local! {
    /// The replacements of the session asked for, counted ([`Loading::request`]); the number
    /// of the last that replaced it, and of the data being read (or started, heart.csv's).
    /// One count for the page: the numbers only grow, so that a page mounted after another
    /// (the component tests') orders its own as well.
    static REQUESTS: [Cell<u64>; 3] = const { [Cell::new(0), Cell::new(0), Cell::new(0)] };
}

/// A replacement of the session that the visitor asked for (a file imported, a snapshot
/// opened, Start fresh, other data): numbered in the order they asked.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct Request(u64);

/// A visitor's data file as given: its name and text.
#[derive(Clone)]
pub struct GivenFile {
    pub name: Rc<str>,
    pub text: Rc<str>,
}

/// Read `file` as the data (see [`read_data`]); files over the limit are refused before
/// they are read.
pub fn load_data(file: web_sys::File, missing: Missing, loading: Loading) {
    let (request, cancel) = loading.start_reading();
    if let Some(refused) = too_big(&file) {
        loading.outcome.set(Some(Outcome::Refused(refused)));
        return;
    }
    let name: Rc<str> = file.name().into();
    wasm_bindgen_futures::spawn_local(async move {
        // Marks for the browser's developer tools and the end-to-end test: each step's start.
        mark("data-text");
        let text = read_text(&file).await;
        mark("data-rows");
        match text {
            Some(text) => read_given(GivenFile { name, text: text.into() }, missing, loading, (request, cancel)).await,
            None => loading.outcome.set(Some(Outcome::Refused(format!(
                "{name} was not loaded: the browser could not read it. Your session is unchanged."
            )))),
        }
    });
}

/// Read `given` as the data again, its missing values handled as `missing`.
pub fn read_data(given: GivenFile, missing: Missing, loading: Loading) {
    let reading = loading.start_reading();
    wasm_bindgen_futures::spawn_local(read_given(given, missing, loading, reading));
}

/// Back to the bundled heart.csv: what is being read gives way, and the setup starts again
/// on the bundled data, the session it replaces kept as a snapshot.
pub fn back_to_bundled(loading: Loading) {
    let (request, _) = loading.start_reading();
    wasm_bindgen_futures::spawn_local(async move {
        let (state, draft) = loading.current();
        let Loading { outcome, session_outcome, .. } = loading.clone();
        let mut next = State::start_in_slices(state.setup.clone(), Data::bundled()).await;
        if !loading.replaces(request) {
            return;
        }
        let kept = loading.keep_before_replacing(BEFORE_DATA);
        let shown = Outcome::said_first_by(&mut next, format!("Back to the bundled heart.csv.{kept}"));
        draft.dispatch(DraftEdit::Show { index: 0, data: next.session().shared_data() });
        outcome.set(Some(shown));
        session_outcome.set(None);
        state.dispatch(Action::Replace(Rc::new(next)));
        refocus_after_render("#data-file");
    });
}

impl Loading {
    /// The session and the patient as last drawn: after a wait (a file read while the
    /// visitor goes on learning), as they are then.
    pub fn current(&self) -> (UseReducerHandle<State>, UseReducerHandle<PatientDraft>) {
        self.latest.borrow().clone()
    }

    /// The session and patient as last drawn kept as the snapshot `name`, before another
    /// session takes their place: what was done, as a sentence to follow what replaced them.
    pub fn keep_before_replacing(&self, name: &str) -> String {
        let (state, draft) = &*self.latest.borrow();
        kept_before(keep_before_replacing(self.store.as_ref(), state, draft, name), name)
    }

    /// A replacement of the session asked for now, after every one asked for before.
    pub fn request(&self) -> Request {
        REQUESTS.with(|[asked, ..]| {
            asked.set(asked.get() + 1);
            Request(asked.get())
        })
    }

    /// Whether the session asked for by `request`, now made, replaces the session: it does
    /// unless one asked for after it already has (the visitor's latest choice wins, whichever
    /// is made first). If it does, what was asked for before it gives way: the pass being
    /// learned (which says it was cancelled), and the file being read.
    pub fn replaces(&self, request: Request) -> bool {
        // The data being read, if this replaces the session (and is now the last that did).
        let taken = REQUESTS.with(|[_, replaced, reading]| {
            (request.0 >= replaced.get()).then(|| {
                replaced.set(request.0);
                reading.get()
            })
        });
        let Some(reading) = taken else { return false };
        self.pass_cancel.borrow().set(true);
        if reading < request.0 {
            drop(self.give_way());
        }
        true
    }

    /// Other data asked for (a file, heart.csv): the file being read gives way, and this is
    /// the data being read. Its request, and the Cancel of its reading.
    pub fn start_reading(&self) -> (Request, CancelFlag) {
        let request = self.request();
        REQUESTS.with(|[_, _, reading]| reading.set(request.0));
        (request, self.give_way())
    }

    /// What is being read gives way (cancelled, and quiet about it: a new Cancel takes its
    /// place), a file kept from a refusal is forgotten, and what the data panel said of the
    /// last file (read, refused) goes. The new Cancel, for a reading that starts.
    fn give_way(&self) -> CancelFlag {
        self.cancel.borrow().set(true);
        let cancel = CancelFlag::default();
        *self.cancel.borrow_mut() = cancel.clone();
        self.refused_file.borrow_mut().take();
        self.outcome.set(None);
        self.progress.set(None);
        cancel
    }
}

/// Read `given` as the data, a slice at a time (its progress shown, Cancel honoured), and
/// start the setup on it; otherwise say why (line and column), and change nothing.
async fn read_given(given: GivenFile, missing: Missing, loading: Loading, (request, cancel): (Request, CancelFlag)) {
    let (state, draft) = loading.current();
    let Loading { outcome, session_outcome, progress, refused_file, cancel: current, .. } = loading.clone();
    let GivenFile { name, text } = given.clone();
    // Cancelled: said, unless another file or the bundled data took its place (which says
    // what it did).
    let say_cancelled = || {
        if Rc::ptr_eq(&current.borrow(), &cancel) {
            outcome.set(Some(Outcome::Done(format!("Reading {name} was cancelled. Your session is unchanged."))));
        }
    };
    // Refused: said in place of the reading's progress, whose "done" would say otherwise;
    // unless it was cancelled meanwhile (a file that gave way says nothing: the one after it
    // is being read).
    let refuse = |reason: String| {
        if cancel.get() {
            return say_cancelled();
        }
        progress.set(None);
        outcome.set(Some(Outcome::Refused(format!("{name} was not loaded: {reason}. Your session is unchanged."))));
    };
    if let Some(reason) = files::wrong_kind(&text, GivenAs::Data) {
        return refuse(reason.to_owned());
    }
    let read = read_in_slices(&name, Rc::clone(&text), &progress, &cancel).await;
    // Cancel goes with the reading: if it held the keyboard's focus, the file picker takes it.
    refocus_after_render("#data-file");
    let read = match read {
        Ok(Some(reader)) => reader,
        Ok(None) => return say_cancelled(),
        Err(reason) => return refuse(reason),
    };
    // The rest in steps of their own, the browser's thread given back between them: the
    // rows into a data set, the scaler fitted, the features scaled, the split.
    let form = read.form();
    give_back().await;
    mark("data-finish");
    let read = match read.finish(missing) {
        Ok(read) => read,
        // Too few complete rows to leave the others out: where to ask for imputing, and
        // the file kept to be read again then.
        Err(error @ (DataError::EveryRowIncomplete { .. } | DataError::OneRowComplete { .. })) => {
            if !cancel.get() {
                *refused_file.borrow_mut() = Some(given);
            }
            let how = "under \u{201c}Missing values\u{201d}, choose to fill in the column's mean, and it is read again";
            return refuse(format!("{error} ({how})"));
        }
        Err(error) => return refuse(error.to_string()),
    };
    give_back().await;
    mark("data-columns");
    let (read, columns_reordered) = match Data::heart_columns(read) {
        Ok(columns) => columns,
        Err(reason) => return refuse(reason),
    };
    give_back().await;
    mark("data-scaler");
    let features = read.dataset.features.view();
    let scaler = StandardScaler::fit_named(features, &read.dataset.feature_names).map_err(|error| error.to_string());
    give_back().await;
    mark("data-scale");
    let scaled = scaler.and_then(|scaler| {
        let scaled = scaler.transform(features).map_err(|error| error.to_string())?;
        Ok((scaler, scaled))
    });
    give_back().await;
    mark("data-split");
    let split = PreparedData::split(&read.dataset).map_err(|error| error.to_string());
    give_back().await;
    mark("data-pick");
    let prepared = scaled.and_then(|(scaler, scaled)| {
        PreparedData::from_scaled_split(&read.dataset, scaler, scaled, split?).map_err(|error| error.to_string())
    });
    let prepared = match prepared {
        Ok(prepared) => prepared,
        Err(reason) => return refuse(reason),
    };
    let data = Data::file(FileData { name: Rc::clone(&name), text, missing, form, columns_reordered }, &read, prepared);
    give_back().await;
    if cancel.get() {
        return say_cancelled();
    }
    mark("data-start");
    let mut next = State::start_in_slices(state.setup.clone(), data).await;
    give_back().await;
    if cancel.get() {
        return say_cancelled();
    }
    if !loading.replaces(request) {
        return;
    }
    let kept = loading.keep_before_replacing(BEFORE_DATA);
    let shown = Outcome::said_first_by(&mut next, format!("Now learning {name}.{kept}"));
    mark("data-show");
    outcome.set(Some(shown));
    session_outcome.set(None);
    draft.dispatch(DraftEdit::Show { index: 0, data: next.session().shared_data() });
    state.dispatch(Action::Replace(Rc::new(next)));
}

/// Read `text` in slices of [`SLICE_MS`], showing the rows read in `progress`; `None` if
/// cancelled.
async fn read_in_slices(
    name: &str,
    text: Rc<str>,
    progress: &UseStateHandle<Option<Progress>>,
    cancel: &CancelFlag,
) -> Result<Option<FileReader<TextBytes>>, String> {
    let doing: Rc<str> = format!("Reading {name}").into();
    let started = now();
    let mut reader = FileReader::new(TextBytes(text)).map_err(|error| error.to_string())?;
    loop {
        let slice = now();
        let mut done = false;
        while !done && now() - slice < SLICE_MS {
            done = reader.read_rows(256).map_err(|error| error.to_string())?;
        }
        // Rows still to come, estimated from the bytes still to read.
        let rows = reader.rows_read();
        let share = reader.bytes_read() as f64 / reader.total_bytes().max(1) as f64;
        let total = if done { rows } else { ((rows as f64 / share.max(1e-9)) as usize).max(rows) };
        let now_reading = Progress::new(Rc::clone(&doing), "rows", rows, total, now() - started);
        // Cancelled (or given way) even as its last slice was read: not read.
        if cancel.get() {
            progress.set(Some(now_reading.ended(RunState::Cancelled)));
            return Ok(None);
        }
        if done {
            progress.set(Some(now_reading.ended(RunState::Finished)));
            return Ok(Some(reader));
        }
        progress.set(Some(now_reading));
        give_back().await;
    }
}

/// Why `file` is refused unread, if it is over the size limit.
fn too_big(file: &web_sys::File) -> Option<String> {
    (file.size() > MAX_FILE_BYTES).then(|| {
        format!(
            "{} was not read: it is {} MB, and the page reads files up to {} MB. Your session is unchanged.",
            file.name(),
            words::megabytes(file.size()),
            words::megabytes(MAX_FILE_BYTES)
        )
    })
}
