//! The page: the state and the parts that show it, the session kept in this browser, and
//! files dropped on the page.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use yew::prelude::*;

use crate::autosave::Autosave;
use crate::components::data_panel::DataPanel;
use crate::components::progress::{give_back, now, read_text, CancelFlag, Progress, ProgressBar, RunState, SLICE_MS};
use crate::components::sessions::{
    keep_before_replacing, kept_before, when_full, Keeping, Outcome, SessionPanel, BEFORE_DATA, BEFORE_IMPORT,
};
use crate::components::{
    accuracy::Accuracy, controls::Controls, footer::Footer, learning_curve::LearningCurve, patient_form::PatientForm,
    setup_panel::SetupPanel, test_split::TestSplit,
};
use crate::files::{self, GivenAs, MAX_FILE_BYTES};
use crate::focus::refocus_after_render;
use crate::saved;
use crate::setup::Setup;
use crate::state::{Action, Data, DataSource, DraftEdit, FileData, PatientDraft, Starting, State, TextBytes};
use crate::storage::Store;
use crate::words;
use learner::preprocessing::StandardScaler;
use learner::session::PreparedData;
use learner::uci::{FileReader, Missing};
use learner::DataError;

/// Where the page keeps its sessions in `localStorage`: every key starts with this.
pub const STORAGE_PREFIX: &str = "online-learning";

#[derive(Properties, PartialEq, Default)]
pub struct Props {
    /// The address's query (`?seed=42&hidden=32,16`); the page's own when not given.
    #[prop_or_default]
    pub query: Option<String>,
    /// Where the page keeps its sessions ([`STORAGE_PREFIX`] when not given): each test
    /// page has its own.
    #[prop_or_default]
    pub storage_prefix: Option<String>,
}

/// The page as it opens: the address's setup, and the session saved for it, restored.
struct Opening {
    problems: Vec<String>,
    store: Option<Store>,
    keeping: Keeping,
    state: State,
    patient: PatientDraft,
}

/// The opening's work: a saved session replayed (its entry's text kept, should the replay
/// fail), or the setup's start made.
// Both variants hold a session (its random stream 2.5 KB) and the opener that holds them is
// boxed: another box would only add code to the first module.
#[allow(clippy::large_enum_variant)]
enum Work {
    Replaying { replaying: saved::Replaying, text: String, patient: PatientDraft },
    Starting(Starting),
}

/// The opening under way: [`step`](Self::step) does a unit of its work (a sample of the
/// start, or an action replayed) at a time.
struct Opener {
    problems: Vec<String>,
    store: Option<Store>,
    keeping: Keeping,
    setup: Setup,
    work: Work,
}

impl Opener {
    fn begin(query: &str, prefix: &str) -> Self {
        let (setup, problems) = Setup::from_address(query);
        let (store, keeping) = match Store::open(prefix) {
            Ok(store) => (Some(store), Keeping::Saving),
            Err(reason) => (None, Keeping::Fault(reason)),
        };
        let (mut keeping, entry) = match store.as_ref().map(|store| store.get(&saved::autosave_key(&setup))) {
            Some(Ok(Some(text))) => (keeping, Some(text)),
            Some(Err(reason)) => (Keeping::Fault(reason), None),
            _ => (keeping, None),
        };
        let work = match entry.map(Self::restore) {
            Some(Ok(work)) => work,
            Some(Err(unreadable)) => {
                keeping = unreadable;
                Self::fresh(&setup)
            }
            None => Self::fresh(&setup),
        };
        Self { problems, store, keeping, setup, work }
    }

    fn fresh(setup: &Setup) -> Work {
        Work::Starting(Starting::new(setup.clone(), Data::bundled()))
    }

    // The restoring's parts are functions of their own, which the first module leaves to the
    // second (a visit with no saved session needs none of them).

    /// The replay of the saved entry `text`, or, if it does not read, the entry set aside.
    #[inline(never)]
    fn restore(text: String) -> Result<Work, Keeping> {
        mark("session-restore-start");
        let read = saved::read(&text).and_then(|saved| {
            let patient = saved.patient.clone();
            saved::Replaying::new(saved).map(|replaying| (replaying, patient))
        });
        match read {
            Ok((replaying, patient)) => Ok(Work::Replaying { replaying, text, patient }),
            Err(reason) => Err(Keeping::Unreadable { reason, text: text.into() }),
        }
    }

    /// The next unit of work; `true` once all is done.
    fn step(&mut self) -> bool {
        match &mut self.work {
            Work::Starting(starting) => starting.step(),
            Work::Replaying { .. } => self.replay_step(),
        }
    }

    /// The replay's next unit; one that fails sets the entry aside and makes the start instead.
    #[inline(never)]
    fn replay_step(&mut self) -> bool {
        let Work::Replaying { replaying, text, .. } = &mut self.work else { return true };
        match replaying.step() {
            Ok(done) => done,
            Err(reason) => {
                self.keeping = Keeping::Unreadable { reason, text: std::mem::take(text).into() };
                self.work = Self::fresh(&self.setup);
                false
            }
        }
    }

    fn finish(self) -> Opening {
        let Self { problems, store, keeping, work, .. } = self;
        let (state, patient) = match work {
            Work::Starting(starting) => {
                let state = starting.finish();
                let patient = PatientDraft::test_patient(state.session().data(), 0);
                (state, patient)
            }
            Work::Replaying { replaying, patient, .. } => (restored(replaying), patient),
        };
        Opening { problems, store, keeping, state, patient }
    }
}

/// The replayed session, announced.
#[inline(never)]
fn restored(replaying: saved::Replaying) -> State {
    measure("session-restore", "session-restore-start");
    let mut state = replaying.finish();
    state.announcement = format!(
        "Restored your saved session: {} learned, held-out accuracy {}.",
        words::samples(state.session().model().samples_seen()),
        state.accuracy_text()
    );
    state
}

/// The page's opening at once: the first render's, when no opening waits (the component
/// tests').
fn open(query: &str, prefix: &str) -> Opening {
    let mut opening = Opener::begin(query, prefix);
    while !opening.step() {}
    opening.finish()
}

thread_local! {
    /// The page's opening made by [`open_now`], which the first render takes.
    static OPENED: Cell<Option<Box<Opening>>> = const { Cell::new(None) };
}

/// Open the page's own session (the setup's start, or the saved session replayed) in tasks
/// of about 16 ms, then render the page in a task of its own, from that opening: no task of
/// the module's start near the browser's 50 ms for a long one (one took 52 to 116 ms with
/// the default network, 1.3 s replaying a bigger one's session).
pub fn open_now() {
    open_in_tasks(Box::new(Opener::begin(&page_query(), STORAGE_PREFIX)));
}

/// The opening's work between two looks at the clock: twice a pass's slice, as the page has
/// nothing to answer yet, and each task after the fifth waits the 4 ms a nested timer waits
/// at least (with 8 ms, three layers of 256 units took a third longer to replay a session
/// than in one task; with 16 ms, 1.9 s against 1.45 s).
const OPENING_SLICE_MS: f64 = 2.0 * SLICE_MS;

fn open_in_tasks(mut opener: Box<Opener>) {
    let started = now();
    while now() - started < OPENING_SLICE_MS {
        if opener.step() {
            OPENED.set(Some(Box::new(opener.finish())));
            gloo_timers::callback::Timeout::new(0, || {
                yew::Renderer::<App>::new().render();
                // Queued after the render (which Yew runs in a microtask): the page where a
                // reload left it, before the browser paints it at the top.
                wasm_bindgen_futures::spawn_local(async { crate::scroll::restore() });
            })
            .forget();
            return;
        }
    }
    gloo_timers::callback::Timeout::new(0, move || open_in_tasks(opener)).forget();
}

/// The storage key of the visitor's last choice for a raw file's missing values (one for
/// every setup), `drop` or `impute`.
const MISSING_CHOICE: &str = "missing-values";

#[component]
pub fn App(props: &Props) -> Html {
    let opening = use_memo((), |_| {
        OPENED.take().map_or_else(
            || {
                let prefix = props.storage_prefix.as_deref().unwrap_or(STORAGE_PREFIX);
                open(props.query.clone().unwrap_or_else(page_query).as_str(), prefix)
            },
            |opened| *opened,
        )
    });
    let state = {
        let state = opening.state.clone();
        use_reducer(move || state)
    };
    let draft = {
        let patient = opening.patient.clone();
        use_reducer(move || patient)
    };
    let keeping = {
        let keeping = opening.keeping.clone();
        use_state(move || keeping)
    };
    let outcome = use_state(|| None::<Outcome>);
    let data_outcome = use_state(|| None::<Outcome>);
    // How a raw file's missing values are handled: the visitor's last choice, kept in this
    // browser for the next visit (a preference: where storage is refused, for this visit),
    // for the files given from now on; the session's own file says how it was read.
    let chosen = {
        let store = opening.store.clone();
        use_state(move || match store.and_then(|store| store.get(MISSING_CHOICE).ok().flatten()).as_deref() {
            Some("impute") => Missing::ImputeMean,
            _ => Missing::DropRows,
        })
    };
    // A file refused for too few complete rows: read again if the visitor chooses to impute.
    let refused_file = use_mut_ref(|| None::<GivenFile>);
    let dragging = use_state(|| false);
    // A visitor's file being read, and a pass being learned: their progress and Cancel.
    let reading = use_state(|| None::<Progress>);
    // The session's own file, read the other way than the choice shown: offered to be read
    // again this way, and read only when the visitor says so (`#data-read-again`), as reading
    // it again is a new start, and a keyboard's arrows going through the choices (each a
    // change) must not make one.
    let read_again_file = match &state.data.source {
        _ if reading.as_ref().is_some_and(Progress::running) => None,
        DataSource::File { name, missing, .. } if state.data.had_missing_values && *missing != *chosen => {
            Some(AttrValue::from(Rc::clone(name)))
        }
        _ => None,
    };
    let reading_cancel = use_mut_ref(CancelFlag::default);
    let pass = use_state(|| None::<Progress>);
    let pass_cancel = use_mut_ref(CancelFlag::default);
    let passing = pass.as_ref().is_some_and(Progress::running);

    // After every action and every edit of the patient: save, after the frame that shows it
    // (`Autosave`), unless the saved entry could not be read (it is kept until the visitor
    // discards it). A pass is saved once, when it ends or is cancelled, not after each of its
    // slices, or when the page is left in its middle.
    let autosave = use_memo((), |_| Autosave::new());
    {
        let (store, keeping, state, draft) = (opening.store.clone(), keeping.clone(), state.clone(), draft.clone());
        let saving = matches!(*keeping, Keeping::Saving);
        let own_address = props.query.is_none();
        let autosave = Rc::clone(&autosave);
        use_effect_with((state.revision(), (*draft).clone(), saving, passing), move |_| {
            let held = matches!(*keeping, Keeping::Unreadable { .. } | Keeping::Elsewhere);
            // The address names the setup shown (an opened snapshot may have another).
            if own_address && Setup::from_address(&page_query()).0 != state.setup {
                replace_address(&state.setup.query());
            }
            match (store, held, passing) {
                (Some(store), false, false) => autosave.after_frame(move || save(&store, &state, &draft, &keeping)),
                (Some(store), false, true) => autosave.when_leaving(move || save(&store, &state, &draft, &keeping)),
                _ => autosave.cancel(),
            }
        });
    }

    // Another tab of this setup that saves its session: this tab stops saving over it. A
    // snapshot another tab saves or deletes: listed here at once.
    let snapshots_changed = use_state(|| 0u32);
    {
        let (store, keeping, snapshots_changed) = (opening.store.clone(), keeping.clone(), snapshots_changed.clone());
        use_effect_with(saved::autosave_key(&state.setup), move |key| {
            let watching = store.map(|store| {
                watch_other_tabs(store.full_key(key), store.full_key(saved::SNAPSHOTS), keeping, snapshots_changed)
            });
            move || drop(watching)
        });
    }

    let dispatch = |action: Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            // The click that learns the last samples disables "+25" under the keyboard's
            // focus: the count of samples beside it takes it (Reset, the next control, would
            // start over at the next press of the same key).
            if matches!(action, Action::Train25) && state.report.remaining <= 25 {
                refocus_after_render("#remaining");
            }
            state.dispatch(action.clone())
        })
    };
    let on_teach = {
        let state = state.clone();
        Callback::from(move |(patient, target)| state.dispatch(Action::Teach { patient, target }))
    };
    // The session and patient as last drawn, for what replaces them after a wait (a file
    // read while the visitor goes on learning) to keep them as they are then.
    let latest = use_mut_ref(|| (state.clone(), draft.clone()));
    *latest.borrow_mut() = (state.clone(), draft.clone());
    let loading = Loading {
        store: opening.store.clone(),
        latest: latest.clone(),
        outcome: data_outcome.clone(),
        session_outcome: outcome.clone(),
        progress: reading.clone(),
        refused_file: refused_file.clone(),
        cancel: reading_cancel.clone(),
    };
    // Another session takes this one's place (back to the bundled data, a file imported,
    // Start fresh, a snapshot opened): a file still being read gives way, and what the data
    // panel last said (a file loaded, refused) no longer describes the data in use.
    let give_way = {
        let loading = loading.clone();
        Callback::from(move |()| drop(loading.give_way()))
    };
    // A file given to either control: what the other said of the last file goes (one
    // message, of the file given last).
    let on_import = {
        let (loading, outcome, give_way, data_outcome) =
            (loading.clone(), outcome.clone(), give_way.clone(), data_outcome.clone());
        Callback::from(move |file: web_sys::File| {
            data_outcome.set(None);
            import(file, loading.clone(), outcome.clone(), give_way.clone())
        })
    };
    let on_data = {
        let (loading, outcome, missing) = (loading.clone(), outcome.clone(), *chosen);
        Callback::from(move |file: web_sys::File| {
            outcome.set(None);
            load_data(file, missing, loading.clone())
        })
    };
    // Another choice for missing values: kept for the files given from now on (and this
    // browser's next visit); a file refused for lack of complete rows is read again to be
    // imputed, as its refusal said.
    let on_missing = {
        let (loading, choice, store) = (loading.clone(), chosen.clone(), opening.store.clone());
        Callback::from(move |chosen: Missing| {
            choice.set(chosen);
            if let Some(store) = &store {
                // Not kept (storage full): this visit's choice all the same.
                let _ = store.set(MISSING_CHOICE, if chosen == Missing::ImputeMean { "impute" } else { "drop" });
            }
            // Taken out first: reading it gives the file's cell back (`Loading::give_way`).
            let refused = loading.refused_file.borrow().clone().filter(|_| chosen == Missing::ImputeMean);
            if let Some(given) = refused {
                read_data(given, chosen, loading.clone());
            }
        })
    };
    let on_read_again = {
        let (loading, state, chosen) = (loading.clone(), state.clone(), *chosen);
        Callback::from(move |_: MouseEvent| {
            if let DataSource::File { name, text, .. } = &state.data.source {
                // The offer goes once the file is read: the focus to the choice now.
                crate::focus::move_focus("#data-missing");
                read_data(GivenFile { name: Rc::clone(name), text: Rc::clone(text) }, chosen, loading.clone());
            }
        })
    };
    let on_pass = {
        let (state, pass, pass_cancel) = (state.clone(), pass.clone(), pass_cancel.clone());
        Callback::from(move |_: MouseEvent| {
            let cancel = CancelFlag::default();
            *pass_cancel.borrow_mut() = cancel.clone();
            learn_one_pass(state.clone(), pass.clone(), cancel);
        })
    };
    let on_bundled = {
        let (loading, give_way) = (loading.clone(), give_way.clone());
        Callback::from(move |_: MouseEvent| {
            give_way.emit(());
            let loading = loading.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let (state, draft) = loading.current();
                let Loading { outcome, session_outcome, .. } = loading.clone();
                let mut next = State::start_in_slices(state.setup.clone(), Data::bundled()).await;
                let kept = loading.keep_before_replacing(BEFORE_DATA);
                let shown = Outcome::said_first_by(&mut next, format!("Back to the bundled heart.csv.{kept}"));
                draft.dispatch(DraftEdit::Show { index: 0, data: next.session().shared_data() });
                outcome.set(Some(shown));
                session_outcome.set(None);
                state.dispatch(Action::Replace(Rc::new(next)));
                refocus_after_render("#data-file");
            });
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let (on_import, on_data, dragging) = (on_import.clone(), on_data.clone(), dragging.clone());
        let (data_outcome, session_outcome) = (data_outcome.clone(), outcome.clone());
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            let Some(files) = event.data_transfer().and_then(|data| data.files()) else { return };
            // One file at a time: which of several the visitor meant, the page cannot know.
            if files.length() > 1 {
                session_outcome.set(None);
                return data_outcome.set(Some(Outcome::Refused(format!(
                    "{} files were dropped: drop one at a time. Your session is unchanged.",
                    files.length()
                ))));
            }
            let Some(file) = files.get(0) else { return };
            let (on_import, on_data) = (on_import.clone(), on_data.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // A model or session file is JSON, whatever its name, as its text shows. Anything
                // else is offered as data (which says what it is if it is not).
                let start = file.slice_with_f64_and_f64(0.0, 1024.0).ok();
                let start = match start {
                    Some(start) => read_text(&start).await,
                    None => None,
                };
                if start.is_some_and(|text| files::looks_like_json(text.as_bytes())) {
                    on_import.emit(file);
                } else {
                    on_data.emit(file);
                }
            });
        })
    };
    html! {
        // The header and the footer outside the main content, the page's banner and contentinfo
        // landmarks; a file dropped anywhere on the page is taken.
        <div class="page" data-dragging={dragging.then_some("")}
             ondragover={on_drag_over} ondragleave={on_drag_leave} ondrop={on_drop}>
            <header>
                <h1>{ "Online learning in your browser" }</h1>
                <p class="lede">
                    { "A neural network learns to predict heart disease one patient at a time. \
                       It runs here, in your browser: nothing is sent to a server." }
                </p>
                for problem in opening.problems.iter() {
                    <p class="notice setup-notice" role="alert">{ problem }</p>
                }
            </header>
            <main class="workbench">
                <section class="card model" aria-labelledby="model-heading">
                    <h2 id="model-heading">{ "The model" }</h2>
                    <Accuracy score={state.report.score} />
                    <Controls
                        remaining={state.report.remaining}
                        trained={state.report.trained}
                        taught={state.report.taught}
                        learned={state.session().model().samples_seen()}
                        on_train={dispatch(Action::Train25)}
                        on_reset={dispatch(Action::Reset)}
                        {on_pass}
                        {passing}
                    />
                    // An ended pass's bar and line only while they describe the model: until the
                    // next action (Reset, "+25", a patient taught, another session), not past it.
                    if let Some(progress) = pass.as_ref().filter(|progress| {
                        progress.running() || progress.ended_at == Some(state.revision())
                    }) {
                        <ProgressBar id="pass" progress={progress.clone()} cancel={pass_cancel.borrow().clone()} />
                    }
                    // Its sentence in a node of its own for each action that says one (keyed by
                    // their count's parity: one sentence's node is never the last one's): an action
                    // that says what the last said (a patient taught twice, a Reset to the same
                    // accuracy) is heard again, as a new node, where a text left unchanged is not.
                    // A pass's slices rewrite it hundreds of times: shown, not heard (the pass's
                    // progress says when it starts and ends); a patient taught meanwhile is heard.
                    <p id="status" class="status" role="status">
                        <span key={if state.announced % 2 == 0 { "even" } else { "odd" }}
                              aria-hidden={(!state.spoken).then_some("true")}>{ &state.announcement }</span>
                    </p>
                    if let Some(error) = &state.error {
                        <p class="error" role="alert">{ crate::words::quoted(error) }</p>
                    }
                </section>
                <LearningCurve state={state.clone()} />
                <TestSplit evaluation={state.evaluation} tested={state.session().data().y_test.len()} />
                <PatientForm state={state.clone()} draft={draft.clone()} {on_teach} />
                <DataPanel state={state.clone()} outcome={data_outcome} missing={*chosen} {on_missing} read_again={read_again_file} {on_read_again} on_file={on_data} {on_bundled}
                           reading={(*reading).clone()} reading_cancel={reading_cancel.borrow().clone()} />
                <SessionPanel state={state.clone()} draft={draft} store={opening.store.clone()} {keeping} {outcome} {on_import} {give_way}
                              snapshots_changed={*snapshots_changed} />
                <SetupPanel setup={state.setup.clone()} running={state.running_setup()} />
                <section class="card hospitals-link" aria-labelledby="hospitals-link-heading">
                    <h2 id="hospitals-link-heading">{ "When the data changes" }</h2>
                    <p>
                        { "Four hospitals' patients, one site after another, through the same network, with drift \
                           detectors watching its errors: " }
                        <a id="hospitals-link" href={format!("/streams/{}", state.setup.query())}>{ "four hospitals, one stream" }</a>
                        { "." }
                    </p>
                </section>
            </main>
            <Footer />
        </div>
    }
}

/// Read `file` and, if it is a valid model file or session snapshot for this data, make it
/// the session; otherwise say why, and change nothing. Files over the limit are refused
/// before they are read.
fn import(file: web_sys::File, loading: Loading, outcome: UseStateHandle<Option<Outcome>>, give_way: Callback<()>) {
    let name = file.name();
    if let Some(refused) = too_big(&file) {
        outcome.set(Some(Outcome::Refused(refused)));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let text = read_text(&file).await;
        let imported = text
            .ok_or_else(|| "the browser could not read it".to_owned())
            .and_then(|text| files::read(&text))
            .and_then(|file| loading.current().0.imported(file));
        match imported {
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
                give_way.emit(());
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
struct Loading {
    store: Option<Store>,
    /// The session and patient as last drawn ([`Self::current`]).
    latest: Rc<RefCell<(UseReducerHandle<State>, UseReducerHandle<PatientDraft>)>>,
    outcome: UseStateHandle<Option<Outcome>>,
    session_outcome: UseStateHandle<Option<Outcome>>,
    progress: UseStateHandle<Option<Progress>>,
    refused_file: Rc<RefCell<Option<GivenFile>>>,
    cancel: Rc<RefCell<CancelFlag>>,
}

/// A visitor's data file as given: its name and text.
#[derive(Clone)]
struct GivenFile {
    name: Rc<str>,
    text: Rc<str>,
}

/// Read `file` as the data (see [`read_data`]); files over the limit are refused before
/// they are read.
fn load_data(file: web_sys::File, missing: Missing, loading: Loading) {
    let cancel = loading.give_way();
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
            Some(text) => read_given(GivenFile { name, text: text.into() }, missing, loading, cancel).await,
            None => loading.outcome.set(Some(Outcome::Refused(format!(
                "{name} was not loaded: the browser could not read it. Your session is unchanged."
            )))),
        }
    });
}

/// Read `given` as the data again, its missing values handled as `missing`.
fn read_data(given: GivenFile, missing: Missing, loading: Loading) {
    let cancel = loading.give_way();
    wasm_bindgen_futures::spawn_local(read_given(given, missing, loading, cancel));
}

impl Loading {
    /// The session and the patient as last drawn: after a wait (a file read while the
    /// visitor goes on learning), as they are then.
    fn current(&self) -> (UseReducerHandle<State>, UseReducerHandle<PatientDraft>) {
        self.latest.borrow().clone()
    }

    /// The session and patient as last drawn kept as the snapshot `name`, before another
    /// session takes their place: what was done, as a sentence to follow what replaced them.
    fn keep_before_replacing(&self, name: &str) -> String {
        let (state, draft) = &*self.latest.borrow();
        kept_before(keep_before_replacing(self.store.as_ref(), state, draft, name), name)
    }

    /// What is being read gives way (cancelled, and quiet about it: a new Cancel takes its
    /// place), a file kept from a refusal is forgotten, and what the data panel said of the
    /// last file (read, refused) goes; for a new file, or another session taking the page.
    /// The new Cancel, for a reading that starts.
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
async fn read_given(given: GivenFile, missing: Missing, loading: Loading, cancel: CancelFlag) {
    let (state, draft) = loading.current();
    let Loading { outcome, session_outcome, progress, refused_file, cancel: current, .. } = loading.clone();
    let GivenFile { name, text } = given.clone();
    // Refused: said in place of the reading's progress, whose "done" would say otherwise.
    let refuse = |reason: String| {
        progress.set(None);
        outcome.set(Some(Outcome::Refused(format!("{name} was not loaded: {reason}. Your session is unchanged."))));
    };
    // Cancelled: said, unless another file or the bundled data took its place (which says
    // what it did).
    let say_cancelled = || {
        if Rc::ptr_eq(&current.borrow(), &cancel) {
            outcome.set(Some(Outcome::Done(format!("Reading {name} was cancelled. Your session is unchanged."))));
        }
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
            *refused_file.borrow_mut() = Some(given);
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
        if done {
            progress.set(Some(now_reading.ended(RunState::Finished)));
            return Ok(Some(reader));
        }
        if cancel.get() {
            progress.set(Some(now_reading.ended(RunState::Cancelled)));
            return Ok(None);
        }
        progress.set(Some(now_reading));
        give_back().await;
    }
}

/// Learn the rest of the training split, a slice at a time: each slice one action (so the
/// page shows, saves and replays it like any other), its learning sized to take about
/// [`SLICE_MS`], with the pass's progress in `progress` until it ends or is cancelled. A
/// slice is learned on a copy of the session and the test split scored for its last point a
/// part at a time, the thread given back in between (`Session::train_pending`): a big
/// file's test split (20,000 rows for 100,000) takes longer to score than a task should.
fn learn_one_pass(state: UseReducerHandle<State>, progress: UseStateHandle<Option<Progress>>, cancel: CancelFlag) {
    // The state as the last action left it, read through a fresh clone of the handle: a
    // handle keeps every state it has read for as long as it lives (Yew 0.23), and a pass
    // goes through thousands.
    let now_at = |state: &UseReducerHandle<State>| {
        let state = state.clone();
        let (session, remaining) = (state.session(), state.report.remaining);
        (remaining, Arc::as_ptr(&state.data.prepared), session.model().samples_seen() as usize, session.curve_every())
    };
    wasm_bindgen_futures::spawn_local(async move {
        let (total, data, _, _) = now_at(&state);
        let doing: Rc<str> = "Learning one pass".into();
        let (started, mut samples, mut done, mut left, mut refused) = (now(), 16, 0, total, 0);
        // Shown at once, with Cancel, and "+25" and Reset waiting: the first slice's scoring
        // may take several tasks.
        progress.set(Some(Progress::new(Rc::clone(&doing), "samples", 0, total, 0.0)));
        // "One pass", which started it, waits while it runs: if it held the keyboard's focus,
        // Cancel takes it.
        refocus_after_render("#pass-cancel");
        let ended = 'pass: loop {
            let (before, now_data, seen, every) = now_at(&state);
            if before == 0 {
                break RunState::Finished;
            }
            // Cancelled, or another session or other data took its place.
            if cancel.get() || before > left || now_data != data {
                break RunState::Cancelled;
            }
            // A slice ends where the curve scores anyway (a big test split is scored every
            // `every` samples, and after each action): no slice adds a scoring of its own. On a
            // big test split, at the first such point: the points inside an action are scored
            // at once, only its last one a part at a time.
            let slice_samples = if every == 1 { samples } else { (seen / every + 1) * every - seen };
            let (from_revision, mut session) = {
                let current = state.clone();
                (current.revision(), current.session_copy())
            };
            let slice = now();
            if session.train_pending(slice_samples).is_err() {
                break RunState::Cancelled;
            }
            let took = now() - slice;
            let mut part = slice;
            while !session.score_pending(SCORED_ROWS_AT_ONCE) {
                if now() - part >= SLICE_MS {
                    give_back().await;
                    if cancel.get() {
                        break 'pass RunState::Cancelled;
                    }
                    part = now();
                }
            }
            state.dispatch(Action::Learned { from_revision, samples: slice_samples, session: Rc::new(session) });
            left = now_at(&state).0;
            let learned = before.saturating_sub(left);
            // The step refused (an imported model whose numbers would overflow): the pass
            // stops, said so. Another action came first (a patient taught meanwhile): the
            // slice again, from it.
            if learned == 0 && state.clone().numbers_overflowed() {
                break RunState::Refused;
            }
            if learned == 0 {
                refused += 1;
                if refused == 3 {
                    break RunState::Cancelled;
                }
                continue;
            }
            refused = 0;
            done += learned;
            // The next slice's size: as many samples as fit in a slice at this one's pace.
            samples = ((slice_samples as f64 * SLICE_MS / took.max(0.1)) as usize).clamp(16, slice_samples * 4);
            progress.set(Some(Progress::new(Rc::clone(&doing), "samples", done, total, now() - started)));
            give_back().await;
        };
        let (accuracy, revision) = {
            let last = state.clone();
            (format!("Held-out accuracy {}.", last.accuracy_text()), last.revision())
        };
        let ended = Progress::new(doing, "samples", done, total, now() - started).ended_with(ended, accuracy, revision);
        progress.set(Some(ended));
        // Cancel goes: if it held the focus, "One pass" takes it back, or the count of
        // samples once none remains (as after the last "+25").
        refocus_after_render(if now_at(&state).0 > 0 { "#train-pass" } else { "#remaining" });
    });
}

/// Test rows a pass scores between two looks at the clock (about 0.3 ms of work).
const SCORED_ROWS_AT_ONCE: usize = 1024;

/// A `storage` listener on the window while it lives (a tab is not told of its own writes):
/// when another tab changes `key`, this tab's saving is held; when it saves or deletes a
/// snapshot (a key under `snapshots`), or clears the storage, `snapshots_changed` counts it,
/// and the snapshots are listed again.
struct OtherTabs {
    listener: wasm_bindgen::closure::Closure<dyn Fn(web_sys::StorageEvent)>,
}

fn watch_other_tabs(
    key: String,
    snapshots: String,
    keeping: UseStateHandle<Keeping>,
    snapshots_changed: UseStateHandle<u32>,
) -> Option<OtherTabs> {
    use wasm_bindgen::JsCast;
    let changes = std::cell::Cell::new(*snapshots_changed);
    let listener =
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |event: web_sys::StorageEvent| {
            match event.key() {
                Some(changed) if changed == key => keeping.set(Keeping::Elsewhere),
                Some(changed) if !changed.starts_with(&snapshots) => {}
                _ => {
                    changes.set(changes.get().wrapping_add(1));
                    snapshots_changed.set(changes.get());
                }
            }
        });
    let window = web_sys::window()?;
    window.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref()).ok()?;
    Some(OtherTabs { listener })
}

impl Drop for OtherTabs {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback("storage", self.listener.as_ref().unchecked_ref());
        }
    }
}

/// Save the session as the autosave for its setup, and show whether that worked.
fn save(store: &Store, state: &State, draft: &PatientDraft, keeping: &UseStateHandle<Keeping>) {
    mark("session-save-start");
    let result = match saved::not_kept(&state.data.source) {
        Some(reason) => Err(reason),
        None => store
            .set(&saved::autosave_key(&state.setup), &saved::write(state, draft))
            .map_err(|refusal| not_saved(refusal, store)),
    };
    measure("session-save", "session-save-start");
    match result {
        Ok(()) if **keeping != Keeping::Saving => keeping.set(Keeping::Saving),
        Ok(()) => {}
        Err(reason) if **keeping != Keeping::Fault(reason.clone()) => keeping.set(Keeping::Fault(reason)),
        Err(_) => {}
    }
}

/// Why the session was not saved, and what the visitor can do. Apart and cold: the page's
/// module keeps what runs at load and in everyday use (this does not).
#[cold]
#[inline(never)]
fn not_saved(refusal: crate::storage::Refusal, store: &Store) -> String {
    let not_kept = "the latest changes are not saved (the last saved state is kept).";
    refusal.told(&when_full(not_kept, &store.keys_in(saved::SNAPSHOTS)))
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

/// A performance mark, and a measure from a mark to now: the browser's developer tools and
/// the end-to-end test read them.
fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark(name);
    }
}

fn measure(name: &str, start: &str) {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.measure_with_start_mark(name, start);
    }
}

fn replace_address(query: &str) {
    if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(query));
    }
}

/// `location.search` of the page.
fn page_query() -> String {
    web_sys::window().and_then(|window| window.location().search().ok()).unwrap_or_default()
}
