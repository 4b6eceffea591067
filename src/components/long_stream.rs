//! A million samples without a stall: the four hospitals' 920 patients cycled into a stream
//! of 1,000,000 one-sample updates (progressive validation: predict, count, learn), run in
//! slices of about 8 ms between which the browser draws and answers, with a progress bar
//! (samples, samples per second, time left) and a cancel button. The model flushes
//! subnormal numbers (`MlpParams::flush_subnormals`), so its cost stays flat over the long
//! stream; the exact mode would slow down as its dead units' weights decay.

use std::cell::Cell;
use std::rc::Rc;

use learner::error::Invariant;
use learner::format::to_fixed;
use learner::hospitals::HospitalsData;
use learner::metrics::{ProgressiveAccuracy, RECENT_WINDOW};
use learner::mlp::{MlpClassifier, MlpParams};
use learner::random::RandomState;
use ndarray::{Axis, Slice};
use yew::prelude::*;

use crate::components::progress::{give_back, now, SLICE_MS};
use crate::focus::use_focus_through_run;
use crate::words::thousands;

/// The stream's length.
pub const SAMPLES: usize = 1_000_000;

/// The stream being learned: the model, where it is, and how it is doing.
pub struct LongStream {
    data: Rc<HospitalsData>,
    model: MlpClassifier,
    accuracy: ProgressiveAccuracy,
    done: usize,
    total: usize,
}

impl LongStream {
    /// `total` samples cycling over `data`, the model (of `hidden` layers, as the address
    /// gives them: checked there) drawn after `np.random.seed(seed)`.
    pub fn new(data: Rc<HospitalsData>, seed: u32, hidden: &[usize], total: usize) -> Self {
        let params = MlpParams::new()
            .hidden_layer_sizes(hidden)
            .flush_subnormals(true)
            .check()
            .invariant("the address's hidden layers are valid");
        let model = MlpClassifier::new(data.x.ncols(), params, &mut RandomState::new(seed))
            .invariant("a stream has heart.csv's 13 columns");
        Self { data, model, accuracy: ProgressiveAccuracy::new(RECENT_WINDOW), done: 0, total }
    }

    /// Predict, count and learn up to `samples` more samples of the stream: each run of rows
    /// up to the end of the data in one `learn_rows_progressive`, whose step makes the next
    /// row's prediction anyway (the bits `predict_proba_one` would give, without a second
    /// forward pass).
    pub fn advance(&mut self, samples: usize) {
        let n = self.data.len();
        let mut left = samples.min(self.total - self.done);
        while left > 0 {
            let first = self.done % n;
            let count = left.min(n - first);
            let rows = first..first + count;
            let (x, y) = (self.data.x.slice_axis(Axis(0), Slice::from(rows.clone())), &self.data.y[rows]);
            self.model.learn_rows_progressive(x, y, &mut self.accuracy).invariant("rows and labels fit the model");
            self.done += count;
            left -= count;
        }
    }

    pub fn done(&self) -> usize {
        self.done
    }

    pub fn finished(&self) -> bool {
        self.done == self.total
    }

    pub fn accuracy(&self) -> &ProgressiveAccuracy {
        &self.accuracy
    }

    pub fn model(&self) -> &MlpClassifier {
        &self.model
    }
}

/// What the visitor sees of a run.
#[derive(Debug, Clone, PartialEq)]
struct Progress {
    done: usize,
    per_second: f64,
    seconds_left: f64,
    accuracy: f64,
    recent: f64,
    state: RunState,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum RunState {
    Running,
    Cancelled,
    Finished,
}

thread_local! {
    /// The streams learning now, on this page.
    static RUNNING: Cell<usize> = const { Cell::new(0) };
}

/// How many streams are learning now. A stream whose runner leaves the page (the hospitals
/// run again) stops at its next slice: none learns on unseen.
pub fn running_streams() -> usize {
    RUNNING.with(Cell::get)
}

/// One running stream, counted while it lives.
struct Counted;

impl Counted {
    fn new() -> Self {
        RUNNING.with(|running| running.set(running.get() + 1));
        Self
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        RUNNING.with(|running| running.set(running.get() - 1));
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub seed: u32,
    /// `hidden_layer_sizes`.
    pub hidden: Vec<usize>,
    /// The four hospitals' data, once fetched.
    pub data: Rc<HospitalsData>,
    /// Told `true` when a stream starts and `false` when it ends: finished, cancelled, or
    /// stopped because the runner left the page. (The hospitals panel's run waits meanwhile:
    /// running it would take the stream off the page.)
    #[prop_or_default]
    pub on_running: Callback<bool>,
}

/// The next batch of samples after one of `batch` took `took_ms`: doubled while it takes
/// under half a millisecond, halved while over two (at least 1, at most 4,096).
fn next_batch(batch: usize, took_ms: f64) -> usize {
    if took_ms < 0.5 {
        (batch * 2).min(4096)
    } else if took_ms > 2.0 {
        (batch / 2).max(1)
    } else {
        batch
    }
}

/// What the live region says when a stream starts; it says the last status when it ends,
/// and nothing in between (the status, rewritten at every slice, is not live).
pub const STARTED: &str = "Streaming 1,000,000 samples.";

#[component]
pub fn LongStreamRunner(props: &Props) -> Html {
    let progress = use_state(|| None::<Progress>);
    let cancel = use_mut_ref(|| Rc::new(Cell::new(false)));
    // Whether a stream runs, set at the click itself: a second click before the first
    // slice has disabled the button (a few ms) starts nothing.
    let active = use_mut_ref(|| false);
    // Leaving the page (the hospitals run again, or another seed) cancels the stream.
    {
        let cancel = cancel.clone();
        use_effect_with((), move |_| move || cancel.borrow().set(true));
    }
    let on_start = {
        let (progress, cancel, data, seed) = (progress.clone(), cancel.clone(), props.data.clone(), props.seed);
        let (hidden, active) = (props.hidden.clone(), active.clone());
        let on_running = props.on_running.clone();
        Callback::from(move |_: MouseEvent| {
            if active.replace(true) {
                return;
            }
            let cancelled = Rc::new(Cell::new(false));
            *cancel.borrow_mut() = cancelled.clone();
            let (progress, on_running, active) = (progress.clone(), on_running.clone(), active.clone());
            let mut stream = LongStream::new(data.clone(), seed, &hidden, SAMPLES);
            wasm_bindgen_futures::spawn_local(async move {
                let _counted = Counted::new();
                on_running.emit(true);
                let started = now();
                // Samples between two looks at the clock: about 1 ms of work, found as the
                // stream runs. It starts small, as the first samples also wait for the
                // browser to compile the learning code, and a slice overruns its time by at
                // most one batch.
                let mut batch = 16;
                loop {
                    // One look at the clock per batch: it times the batch and the slice.
                    let slice = now();
                    let mut clock = slice;
                    while clock - slice < SLICE_MS && !stream.finished() {
                        stream.advance(batch);
                        let after = now();
                        batch = next_batch(batch, after - clock);
                        clock = after;
                    }
                    let elapsed = (now() - started) / 1000.0;
                    let per_second = stream.done() as f64 / elapsed.max(1e-9);
                    let state = if cancelled.get() {
                        RunState::Cancelled
                    } else if stream.finished() {
                        RunState::Finished
                    } else {
                        RunState::Running
                    };
                    progress.set(Some(Progress {
                        done: stream.done(),
                        per_second,
                        seconds_left: (SAMPLES - stream.done()) as f64 / per_second.max(1e-9),
                        accuracy: stream.accuracy().get(),
                        recent: stream.accuracy().recent(),
                        state,
                    }));
                    if state != RunState::Running {
                        break;
                    }
                    // Give the thread back: the browser draws the progress and answers input.
                    give_back().await;
                }
                on_running.emit(false);
                *active.borrow_mut() = false;
            });
        })
    };
    let on_cancel = {
        let cancel = cancel.clone();
        Callback::from(move |_: MouseEvent| cancel.borrow().set(true))
    };
    let running = matches!(&*progress, Some(Progress { state: RunState::Running, .. }));
    // Each button is disabled when the other takes over: the keyboard's focus, which it held,
    // goes to the other rather than to the page's body (only if lost: never taken from
    // elsewhere).
    use_focus_through_run(running, Some("#stream-cancel"), "#stream-million");
    let status = progress.as_ref().map(|progress| {
        format!(
            "{} {} of {} samples, {} per second{}; progressive accuracy {} (last 50: {}).",
            match progress.state {
                RunState::Running => "Learning:",
                RunState::Cancelled => "Cancelled after",
                RunState::Finished => "Done:",
            },
            thousands(progress.done as u64),
            thousands(SAMPLES as u64),
            thousands(progress.per_second.round() as u64),
            if progress.state == RunState::Running {
                format!(", {} s left", to_fixed(progress.seconds_left, 1))
            } else {
                String::new()
            },
            to_fixed(progress.accuracy, 5),
            to_fixed(progress.recent, 5),
        )
    });
    // Said twice a run: when it starts, and its last status when it ends.
    let announcement = match (&*progress, &status) {
        (Some(Progress { state: RunState::Running, .. }), _) => STARTED.to_owned(),
        (_, Some(status)) => status.clone(),
        _ => String::new(),
    };
    html! {
        <div class="long-stream">
            <h3>{ "A million samples" }</h3>
            <p>{ "The four hospitals cycled into a stream of 1,000,000 one-sample updates, in slices of 8 ms: the page stays responsive. \
                  The model flushes subnormal numbers (an explicit option, not scikit-learn's: results differ only below 2.2e-308), \
                  so each update costs the same from the first to the millionth. After the first 920 samples each patient \
                  comes round again (about 1,087 times in all): the accuracy then says how well the model knows patients it \
                  has learned, not how it meets new ones." }</p>
            <div class="buttons">
                <button id="stream-million" onclick={on_start} disabled={running}>{ "Stream 1,000,000 samples" }</button>
                <button id="stream-cancel" onclick={on_cancel} disabled={!running}>{ "Cancel" }</button>
            </div>
            if let (Some(progress), Some(status)) = (&*progress, status) {
                <div class="progress">
                    <progress id="stream-progress" max={SAMPLES.to_string()} value={progress.done.to_string()}
                              aria-label="Samples learned" />
                    <p id="stream-status">{ status }</p>
                </div>
            }
            <p id="stream-announcement" class="visually-hidden" role="status" aria-live="polite">{ announcement }</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::next_batch;

    #[test]
    fn a_batch_grows_while_quick_and_shrinks_while_slow_to_about_a_millisecond() {
        // Quick batches double up to 4,096 samples.
        let mut batch = 16;
        for _ in 0..20 {
            batch = next_batch(batch, 0.1);
        }
        assert_eq!(batch, 4096);
        // Where a batch takes 0.5 to 2 ms it stays.
        assert_eq!(next_batch(256, 1.0), 256);
        assert_eq!(next_batch(256, 0.5), 256);
        assert_eq!(next_batch(256, 2.0), 256);
        // Slow ones (the browser still compiling, or the machine busy) halve, down to one.
        assert_eq!(next_batch(256, 30.0), 128);
        for _ in 0..20 {
            batch = next_batch(batch, 5.0);
        }
        assert_eq!(batch, 1);
    }
}
