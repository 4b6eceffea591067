//! The page's opening, before its first render: the setup its address asks for, and the
//! session saved in this browser for that setup replayed (or the setup's start made), in
//! tasks short enough to leave the browser free to answer.

use std::cell::Cell;

use crate::components::app::{App, STORAGE_PREFIX};
use crate::components::progress::{now, SLICE_MS};
use crate::components::sessions::Keeping;
use crate::marks::{mark, measure};
use crate::saved;
use crate::setup::{page_query, Setup};
use crate::state::{Data, PatientDraft, Starting, State};
use crate::storage::Store;
use crate::words;

/// The page as it opens: the address's setup, and the session saved for it, restored.
pub struct Opening {
    /// What the address asked for that the page could not give (shown under its heading).
    pub problems: Vec<String>,
    pub store: Option<Store>,
    pub keeping: Keeping,
    pub state: State,
    pub patient: PatientDraft,
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

/// The page's opening at once.
fn open(query: &str, prefix: &str) -> Opening {
    let mut opening = Opener::begin(query, prefix);
    while !opening.step() {}
    opening.finish()
}

/// The page's opening for its first render: the one [`open_now`] made, or, when none waits
/// (the component tests'), one made at once for `query` (the page's own address's when not
/// given) and the storage `prefix`.
pub fn opened(query: Option<&str>, prefix: &str) -> Opening {
    OPENED.take().map_or_else(|| open(&query.map_or_else(page_query, str::to_owned), prefix), |opened| *opened)
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
