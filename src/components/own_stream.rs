//! A visitor's own stream on the streams page: their files (heart.csv's form or UCI's raw
//! form), one site each, streamed one after the other as the four hospitals are, with the
//! same detectors, both policies and the same view.

use std::rc::Rc;

use learner::hospitals::HospitalsData;
use learner::names::name_order;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::hospitals::{runs_of, stream_file_name, summary, Props, Runs, StreamView};
use crate::components::progress::give_back;
use crate::files::{self, GivenAs};
use crate::words::{quoted, thousands};

/// The most patients the page streams from a visitor's files: each policy's run goes in
/// slices (`runs_of`), some 20 us a patient with the default network, detectors included,
/// but half a millisecond with the largest, whose 2,000 patients take a second a policy.
pub const MAX_PATIENTS: usize = 2_000;
/// The largest file read (a file of 2,000 patients is some 100 KB).
const MAX_FILE_BYTES: f64 = 1_000_000.0;

enum Stage {
    Idle,
    Running,
    Failed(String),
}

/// The last stream that ran: kept on the page while other files are read, and when they
/// are refused.
type Streamed = Option<(Rc<HospitalsData>, Rc<Runs>)>;

#[component]
pub fn OwnStreamPanel(props: &Props) -> Html {
    let stage = use_state(|| Stage::Idle);
    let streamed = use_state(|| Streamed::None);
    // Files dragged over the panel: it is outlined, and takes them when dropped.
    let dragging = use_state(|| false);
    // The files given, counted: a refusal is a new alert for each (the same file refused
    // twice is said twice, where an alert left as it was says nothing).
    let given = use_mut_ref(|| 0u32);
    let stream = {
        let (stage, streamed, seed, hidden, given) =
            (stage.clone(), streamed.clone(), props.seed, props.hidden.clone(), given.clone());
        Callback::from(move |list: web_sys::FileList| {
            let mut files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
            if files.is_empty() {
                return;
            }
            // In the order of their names, read as a person reads them (`2-…` before `10-…`):
            // a visitor orders the sites by naming them.
            files.sort_by(|a, b| name_order(&a.name(), &b.name()));
            *given.borrow_mut() += 1;
            stage.set(Stage::Running);
            let (stage, streamed, hidden) = (stage.clone(), streamed.clone(), hidden.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match stream_files(&files, seed, &hidden).await {
                    Ok((data, runs)) => {
                        streamed.set(Some((Rc::new(data), Rc::new(runs))));
                        stage.set(Stage::Idle);
                    }
                    Err(reason) => stage.set(Stage::Failed(reason)),
                }
            });
        })
    };
    let on_change = {
        let stream = stream.clone();
        Callback::from(move |event: Event| {
            let input = event.target_unchecked_into::<HtmlInputElement>();
            if let Some(files) = input.files() {
                stream.emit(files);
            }
            // The same files chosen again (put right after a refusal) are a change too.
            input.set_value("");
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            // Taken here, not refused by the page around it (src/components/streams.rs), which
            // leaves alone what this prevented.
            event.prevent_default();
            if let Some(transfer) = event.data_transfer() {
                transfer.set_drop_effect("copy");
            }
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let (stream, dragging) = (stream.clone(), dragging.clone());
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            if let Some(files) = event.data_transfer().and_then(|transfer| transfer.files()) {
                stream.emit(files);
            }
        })
    };
    let announcement = match (&*stage, &*streamed) {
        (Stage::Running, _) => "Streaming your files\u{2026}".to_owned(),
        (Stage::Idle, Some((_, runs))) => summary(runs),
        (Stage::Idle, None) | (Stage::Failed(_), _) => String::new(),
    };
    let status = match &*stage {
        Stage::Idle => html! {},
        Stage::Running => html! { <p>{ "Streaming your files through both policies\u{2026}" }</p> },
        Stage::Failed(reason) => {
            let kept = if streamed.is_some() { " The stream below is your last one." } else { "" };
            html! {
                <p key={if *given.borrow() % 2 == 0 { "even" } else { "odd" }} id="own-stream-error" class="error" role="alert">
                    { quoted(&format!("Your files could not be streamed: {reason}{kept}")) }
                </p>
            }
        }
    };
    let view = match &*streamed {
        None => html! {},
        Some((data, runs)) => html! {
            <StreamView prefix="own-stream" file_name={stream_file_name("own-stream", props.seed, &props.hidden)}
                        stream_name="your stream" data={data.clone()} runs={runs.clone()} />
        },
    };
    html! {
        <section class="card own-stream" data-dragging={dragging.then_some("")} aria-labelledby="own-stream-heading"
                 data-lazy="" ondragover={on_drag_over} ondragleave={on_drag_leave} ondrop={on_drop}>
            <h2 id="own-stream-heading">{ "Your own stream" }</h2>
            <p id="own-stream-help">
                { format!(
                    "Your files as sites, one after the other in the order of their names (name them 1-…, 2-… to \
                     choose): heart.csv's form, or UCI's raw form (processed.*.data), whose missing values are filled \
                     in with each file's own means. Up to {} patients in all; they stay in your browser.",
                    thousands(MAX_PATIENTS as u64)
                ) }
            </p>
            <label for="stream-files">{ "Files to stream (or drop them on this panel)" }</label>
            <input id="stream-files" type="file" multiple=true accept=".csv,.data,.txt,text/csv,text/plain"
                   aria-describedby="own-stream-help" onchange={on_change} />
            { status }
            { view }
            <p id="own-stream-announcement" class="visually-hidden" role="status" aria-live="polite">{ announcement }</p>
        </section>
    }
}

/// The files read (each named in a refusal), their patients stacked and scaled, and both
/// policies run on them.
pub async fn stream_files(
    files: &[web_sys::File],
    seed: u32,
    hidden: &[usize],
) -> Result<(HospitalsData, Runs), String> {
    let mut texts = Vec::new();
    for file in files {
        let name = file.name();
        if file.size() > MAX_FILE_BYTES {
            return Err(format!("{name} is over 1 MB, more than the page streams."));
        }
        // Its bytes, not `text()`: a file in another encoding is refused as such (`utf8_text`).
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
            .await
            .map_err(|_| format!("{name} could not be read."))?;
        let text = files::utf8_text(js_sys::Uint8Array::new(&buffer).to_vec())
            .map_err(|reason| format!("{name}: {reason}."))?;
        // Not text at all (an image, a spreadsheet): said so, as the workbench says it.
        if let Some(reason) = files::wrong_kind(&text, GivenAs::Stream) {
            return Err(format!("{name}: {reason}."));
        }
        texts.push((name, text));
    }
    let named: Vec<(&str, &str)> = texts.iter().map(|(name, text)| (name.as_str(), text.as_str())).collect();
    let data = HospitalsData::from_named(&named).map_err(|reason| format!("{reason}."))?;
    if data.len() > MAX_PATIENTS {
        return Err(format!(
            "they hold {} patients, more than the {} the page streams.",
            thousands(data.len() as u64),
            thousands(MAX_PATIENTS as u64)
        ));
    }
    give_back().await;
    let runs = runs_of(&data, seed, hidden).await?;
    Ok((data, runs))
}
