//! "Learn the rest (one pass)": the training split's remaining samples learned a slice at a
//! time, each slice an action like any other, the browser's thread given back between them.

use std::rc::Rc;
use std::sync::Arc;

use yew::prelude::*;

use crate::components::progress::{give_back, now, CancelFlag, Progress, RunState, SLICE_MS};
use crate::focus::refocus_after_render;
use crate::state::{Action, State};

/// Learn the rest of the training split, a slice at a time: each slice one action (so the
/// page shows, saves and replays it like any other), its learning sized to take about
/// [`SLICE_MS`], with the pass's progress in `progress` until it ends or is cancelled. A
/// slice is learned on a copy of the session and the test split scored for its last point a
/// part at a time, the thread given back in between (`Session::train_pending`): a big
/// file's test split (20,000 rows for 100,000) takes longer to score than a task should.
pub fn learn_one_pass(state: UseReducerHandle<State>, progress: UseStateHandle<Option<Progress>>, cancel: CancelFlag) {
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
