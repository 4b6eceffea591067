//! The page: the state and the parts that show it, the session kept in this browser
//! (`autosave`), and files given to the page (`loading`) or dropped on it.

use std::rc::Rc;

use yew::prelude::*;

use crate::autosave::{save, watch_other_tabs, Autosave};
use crate::components::data_panel::DataPanel;
use crate::components::progress::{read_text, CancelFlag, Progress, ProgressBar};
use crate::components::sessions::{Keeping, Outcome, SessionPanel};
use crate::components::{
    accuracy::Accuracy, controls::Controls, footer::Footer, learning_curve::LearningCurve, patient_form::PatientForm,
    setup_panel::SetupPanel, test_split::TestSplit,
};
use crate::files;
use crate::focus::refocus_after_render;
use crate::loading::{self, import, load_data, read_data, GivenFile, Loading};
use crate::one_pass::learn_one_pass;
use crate::opening::opened;
use crate::saved;
use crate::setup::{page_query, replace_address, Setup};
use crate::state::{Action, DataSource};
use learner::uci::Missing;

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

/// The storage key of the visitor's last choice for a raw file's missing values (one for
/// every setup), `drop` or `impute`.
const MISSING_CHOICE: &str = "missing-values";

#[component]
pub fn App(props: &Props) -> Html {
    let opening =
        use_memo((), |_| opened(props.query.as_deref(), props.storage_prefix.as_deref().unwrap_or(STORAGE_PREFIX)));
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
        pass_cancel: pass_cancel.clone(),
    };
    // Another session asked for by the session panel (Start fresh, a snapshot opened), and
    // whether, once made, it takes the page: not if one asked for after it already has (the
    // visitor's latest choice wins); if it does, a pass and a file still being read give way,
    // and what the data panel last said no longer describes the data in use.
    let (request, replaces) = {
        let (asked, replacing) = (loading.clone(), loading.clone());
        (Callback::from(move |()| asked.request()), Callback::from(move |request| replacing.replaces(request)))
    };
    // A file given to either control: what the other said of the last file goes (one
    // message, of the file given last).
    let on_import = {
        let (loading, outcome, data_outcome) = (loading.clone(), outcome.clone(), data_outcome.clone());
        Callback::from(move |file: web_sys::File| {
            data_outcome.set(None);
            import(file, loading.clone(), outcome.clone())
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
        let loading = loading.clone();
        Callback::from(move |_: MouseEvent| loading::back_to_bundled(loading.clone()))
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
                <SessionPanel state={state.clone()} draft={draft} store={opening.store.clone()} {keeping} {outcome} {on_import} {request} {replaces}
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
