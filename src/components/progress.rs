//! Long work in short slices: reading a big file and learning a pass through it run a few
//! milliseconds at a time, giving the thread back to the browser in between (it draws the
//! progress and answers input), with a progress bar (how far, how fast, how long still)
//! and a cancel button. Cooperative slices rather than a Web Worker: the work is the
//! page's own state (the session and its data), which a worker would have to copy across
//! and back, and a slice of 8 ms keeps every task far below the 50 ms of a long task.

use std::cell::Cell;
use std::rc::Rc;

use learner::format::to_fixed;
use yew::prelude::*;

/// How long one slice runs before the browser gets the thread back.
pub const SLICE_MS: f64 = 8.0;

/// `performance.now()`, in milliseconds.
pub fn now() -> f64 {
    web_sys::window().and_then(|window| window.performance()).map_or(0.0, |performance| performance.now())
}

/// Give the thread back to the browser until its next task: a message to ourselves, which
/// comes back as soon as the browser has drawn and answered what was waiting (a zero-delay
/// timer would, once nested, wait at least 4 ms each time: a third of each 8 ms slice).
pub async fn give_back() {
    let message = js_sys::Promise::new(&mut |resolve, _| {
        // Without a channel (never in a browser that runs this page) the wait is a timer's.
        match web_sys::MessageChannel::new() {
            Ok(channel) => {
                channel.port1().set_onmessage(Some(&resolve));
                let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
            }
            Err(_) => {
                if let Some(window) = web_sys::window() {
                    let _ = window.set_timeout_with_callback(&resolve);
                }
            }
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(message).await;
}

/// Work a step at a time until `step` says it is done, the thread given back to the browser
/// whenever a slice of [`SLICE_MS`] is up: in the calling task if it fits one slice.
pub async fn in_slices<E>(mut step: impl FnMut() -> Result<bool, E>) -> Result<(), E> {
    let mut slice = now();
    while !step()? {
        if now() - slice >= SLICE_MS {
            give_back().await;
            slice = now();
        }
    }
    Ok(())
}

/// The bytes of a file read in one task.
const READ_CHUNK_BYTES: f64 = 1_048_576.0;

/// `file`'s text, read a megabyte per task: the browser's `file.text()` decodes a whole file
/// in one task of the page's thread (a 3.7 MB file: 60 to 100 ms in the end-to-end test,
/// against its 50 ms for a long task), and handing its one string to the module copied it
/// once more. Decoded as `text()` decodes (`decode_utf8`); `None` if the browser cannot
/// read it.
pub async fn read_text(file: &web_sys::Blob) -> Option<String> {
    let size = file.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut start = 0.0;
    while start < size {
        let end = (start + READ_CHUNK_BYTES).min(size);
        let chunk = file.slice_with_f64_and_f64(start, end).ok()?;
        let buffer = wasm_bindgen_futures::JsFuture::from(chunk.array_buffer()).await.ok()?;
        let view = js_sys::Uint8Array::new(&buffer);
        let at = bytes.len();
        bytes.resize(at + view.length() as usize, 0);
        view.copy_to(&mut bytes[at..]);
        start = end;
    }
    Some(decode_utf8(bytes))
}

/// `bytes` decoded as the browser's `text()` decodes a file: UTF-8, a leading byte-order
/// mark dropped, each invalid sequence replaced by U+FFFD (Rust's lossy decoding replaces
/// the same maximal parts as the Encoding Standard's decoder).
fn decode_utf8(mut bytes: Vec<u8>) -> String {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// The bytes the page's WebAssembly memory holds: it only grows, so it is also the peak.
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map_or(0.0, |memory| memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64)
}

/// A cancel button's flag, shared by the button and the work it stops.
pub type CancelFlag = Rc<Cell<bool>>;

/// How a run stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RunState {
    Running,
    Cancelled,
    /// Ended by a step the page refused (an imported model's numbers would overflow).
    Refused,
    Finished,
}

/// How far a run is: `done` of `total` units, at `per_second`.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub per_second: f64,
    pub state: RunState,
    /// What the run does (`Reading big.csv`) and what it counts (`rows`).
    pub doing: Rc<str>,
    pub unit: &'static str,
    /// Said after the last sentence once the run has ended (a pass: the held-out accuracy).
    pub note: Option<Rc<str>>,
    /// The revision of the page's state when the run ended with a note: the note holds until
    /// the next action.
    pub ended_at: Option<u64>,
}

impl Progress {
    /// A run of `doing`, `done` of `total` after `elapsed_ms`.
    pub fn new(doing: Rc<str>, unit: &'static str, done: usize, total: usize, elapsed_ms: f64) -> Self {
        let per_second = done as f64 / (elapsed_ms / 1000.0).max(1e-9);
        Self { done, total, per_second, state: RunState::Running, doing, unit, note: None, ended_at: None }
    }

    pub fn ended(self, state: RunState) -> Self {
        Self { state, ..self }
    }

    /// The run ended with the page's state at `revision`, `note` said after its last
    /// sentence.
    pub fn ended_with(self, state: RunState, note: String, revision: u64) -> Self {
        Self { state, note: Some(note.into()), ended_at: Some(revision), ..self }
    }

    pub fn running(&self) -> bool {
        self.state == RunState::Running
    }

    /// The progress in a sentence: `Reading big.csv: 51200 of 100000 rows, 310000 per
    /// second, 0.2 s left.`
    pub fn sentence(&self) -> String {
        let Self { done, total, unit, .. } = self;
        let rate = format!("{} per second", to_fixed(self.per_second, 0));
        match self.state {
            // Before the first slice ends there is no pace to tell.
            RunState::Running if *done == 0 => format!("{}: 0 of {total} {unit}.", self.doing),
            RunState::Running => {
                let left = (total - done.min(total)) as f64 / self.per_second.max(1e-9);
                format!("{}: {done} of {total} {unit}, {rate}, {} s left.", self.doing, to_fixed(left, 1))
            }
            RunState::Cancelled => format!("{}: cancelled after {done} of {total} {unit}.", self.doing),
            RunState::Refused => {
                format!("{}: stopped after {done} of {total} {unit}: the next step was refused.", self.doing)
            }
            // "done, 1 row": the units are plurals in "s" (rows, samples).
            RunState::Finished => {
                let unit = if *done == 1 { unit.strip_suffix('s').unwrap_or(unit) } else { unit };
                format!("{}: done, {done} {unit}, {rate}.", self.doing)
            }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The ids of the bar, of its sentence and of the cancel button: `{id}-progress`,
    /// `{id}-status`, `{id}-cancel`.
    pub id: AttrValue,
    pub progress: Progress,
    pub cancel: CancelFlag,
}

/// A run's progress bar, its sentence (announced politely) and, while it runs, Cancel.
#[component]
pub fn ProgressBar(props: &Props) -> Html {
    let Props { id, progress, cancel } = props;
    // What a screen reader hears: the run starting, then how it ended; not each slice's
    // numbers, which the sentence shows (a pass rewrites it hundreds of times).
    let heard = if progress.running() {
        format!("{}\u{2026}", progress.doing)
    } else {
        let note = progress.note.as_ref().map_or(String::new(), |note| format!(" {note}"));
        format!("{}{note}", progress.sentence())
    };
    let on_cancel = {
        let cancel = cancel.clone();
        Callback::from(move |_: MouseEvent| cancel.set(true))
    };
    html! {
        <div class="progress">
            <progress id={format!("{id}-progress")} max={progress.total.max(1).to_string()} value={progress.done.to_string()}
                      aria-label={format!("{} {}", progress.doing, progress.unit)}
                      data-wasm-memory={to_fixed(wasm_memory_bytes(), 0)} />
            <p id={format!("{id}-status")}>{ progress.sentence() }</p>
            <p class="visually-hidden" aria-live="polite">{ heard }</p>
            if progress.running() {
                <button id={format!("{id}-cancel")} onclick={on_cancel}>{ "Cancel" }</button>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::decode_utf8;

    #[test]
    fn a_file_is_decoded_as_the_browser_decodes_it() {
        assert_eq!(decode_utf8(b"age,sex\n63,1\n".to_vec()), "age,sex\n63,1\n");
        assert_eq!(decode_utf8(b"\xEF\xBB\xBFage,sex\n".to_vec()), "age,sex\n", "a byte-order mark dropped");
        assert_eq!(decode_utf8(b"\xEF\xBB\xBF\xEF\xBB\xBFa".to_vec()), "\u{FEFF}a", "only the first");
        assert_eq!(decode_utf8("caf\u{e9}".as_bytes().to_vec()), "caf\u{e9}");
        // Invalid sequences, each maximal part replaced (the Encoding Standard's examples).
        assert_eq!(decode_utf8(b"a\xFFb".to_vec()), "a\u{FFFD}b");
        assert_eq!(decode_utf8(b"\xF0\x9F\x98a".to_vec()), "\u{FFFD}a", "a truncated sequence: one replacement");
        assert_eq!(decode_utf8(b"\xC3".to_vec()), "\u{FFFD}");
        assert_eq!(decode_utf8(b"\xE2\x82\x41".to_vec()), "\u{FFFD}A");
    }

    #[test]
    fn a_run_says_how_far_it_is() {
        let doing: std::rc::Rc<str> = "Learning one pass".into();
        let progress = |done| super::Progress::new(doing.clone(), "samples", done, 1000, 500.0);
        assert_eq!(progress(0).sentence(), "Learning one pass: 0 of 1000 samples.");
        assert_eq!(progress(250).sentence(), "Learning one pass: 250 of 1000 samples, 500 per second, 1.5 s left.");
        assert_eq!(
            progress(250).ended(super::RunState::Cancelled).sentence(),
            "Learning one pass: cancelled after 250 of 1000 samples."
        );
        assert_eq!(
            progress(0).ended(super::RunState::Refused).sentence(),
            "Learning one pass: stopped after 0 of 1000 samples: the next step was refused."
        );
        assert_eq!(
            progress(1).ended(super::RunState::Finished).sentence(),
            "Learning one pass: done, 1 sample, 2 per second."
        );
        assert_eq!(
            progress(1000).ended(super::RunState::Finished).sentence(),
            "Learning one pass: done, 1000 samples, 2000 per second."
        );
    }
}
