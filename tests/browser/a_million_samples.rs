use std::rc::Rc;

use app::components::long_stream::{running_streams, LongStream, LongStreamRunner};
use learner::hospitals::{run, HospitalsData, Policy};
use yew::prelude::*;

use super::*;
use wasm_bindgen_test::wasm_bindgen_test as test;

/// The runner as the streams page shows it, and a button that takes it off the page as
/// running the hospitals again does.
#[component]
fn RunnerThatLeaves() -> Html {
    let shown = use_state(|| true);
    let data = use_memo((), |_| HospitalsData::load().unwrap());
    let on_leave = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(false))
    };
    html! {
        <>
            <button id="leave" onclick={on_leave}>{ "Leave" }</button>
            if *shown { <LongStreamRunner seed={5} hidden={vec![100]} data={data.clone()} /> }
        </>
    }
}

#[test]
async fn a_stream_whose_runner_leaves_the_page_stops() {
    let page = Page::mount::<RunnerThatLeaves>((), "#stream-million").await;
    let before = running_streams();
    page.click("#stream-million");
    let learning = |page: &Page| page.find("#stream-status").and_then(|status| status.text_content());
    page.wait_until("the stream learns", |page| learning(page).is_some_and(|text| text.starts_with("Learning:"))).await;
    assert_eq!(running_streams(), before + 1);
    page.click("#leave");
    page.wait_until("the stream stops", |_| running_streams() == before).await;
    assert!(page.find("#stream-million").is_none());
}

/// The runner as the hospitals panel holds it: a run button that waits while a stream
/// runs, and a field of the visitor's own elsewhere on the page.
#[component]
fn RunnerInAPanel() -> Html {
    let streaming = use_state(|| false);
    let data = use_memo((), |_| HospitalsData::load().unwrap());
    let on_running = use_callback(streaming.setter(), |running: bool, streaming| streaming.set(running));
    html! {
        <>
            <button id="panel-run" disabled={*streaming}>{ "Stream the four hospitals" }</button>
            <input id="elsewhere" aria-label="Elsewhere" />
            <LongStreamRunner seed={5} hidden={vec![100]} data={data.clone()} {on_running} />
        </>
    }
}

async fn runner_in_a_panel() -> Page {
    Page::mount::<RunnerInAPanel>((), "#stream-million").await
}

/// The id of the element that has the keyboard's focus, or its tag (`BODY`: focus lost).
fn focused() -> String {
    let document = web_sys::window().unwrap().document().unwrap();
    document.active_element().map_or("none".to_owned(), |element| {
        if element.id().is_empty() {
            element.tag_name()
        } else {
            element.id()
        }
    })
}

fn status(page: &Page) -> String {
    page.find("#stream-status").and_then(|status| status.text_content()).unwrap_or_default()
}

#[test]
async fn a_second_click_before_the_first_slice_starts_no_second_stream_and_counts_read_with_separators() {
    let page = runner_in_a_panel().await;
    let before = running_streams();
    // Twice in one task: the button is not disabled yet (the first slice has not run).
    page.click("#stream-million");
    page.click("#stream-million");
    page.wait_until("the stream learns", |page| status(page).starts_with("Learning:")).await;
    assert_eq!(running_streams(), before + 1, "one stream");
    let learning = status(&page);
    assert!(learning.contains(" of 1,000,000 samples, "), "{learning}");
    page.click("#stream-cancel");
    page.wait_until("the stream stops", |page| status(page).starts_with("Cancelled after")).await;
    page.wait_until("no stream runs", |_| running_streams() == before).await;
    assert!(
        page.find(".progress #stream-progress").is_some(),
        "the progress bar is drawn as the workbench's, full width"
    );
}

#[test]
async fn while_a_stream_runs_the_panel_waits_focus_moves_to_cancel_and_back_and_two_things_are_said() {
    let page = runner_in_a_panel().await;
    let said = live_announcements(&page.root);
    assert!(!page.disabled("#panel-run"));
    page.get("#stream-million").dyn_into::<HtmlElement>().unwrap().focus().unwrap();
    page.click("#stream-million");
    page.wait_until("the stream learns", |page| status(page).starts_with("Learning:")).await;
    assert!(page.disabled("#panel-run"), "the panel's run waits while the stream runs");
    assert_eq!(focused(), "stream-cancel", "the million button, disabled, hands focus to Cancel");
    // Several slices rewrite the visible status; the live region says nothing more.
    let first = status(&page);
    page.wait_until("another slice", |page| status(page) != first).await;
    let second = status(&page);
    page.wait_until("a third slice", |page| status(page) != second).await;
    page.click("#stream-cancel");
    page.wait_until("the stream stops", |page| status(page).starts_with("Cancelled after")).await;
    page.settle().await;
    assert!(!page.disabled("#panel-run"), "the panel's run is back once the stream is cancelled");
    assert_eq!(focused(), "stream-million", "Cancel, disabled, hands focus back to the million button");
    let said: Vec<String> = said.iter().map(|text| text.as_string().unwrap()).collect();
    assert_eq!(said, ["Streaming 1,000,000 samples.".to_owned(), status(&page)]);
    assert!(page.find("#stream-status[aria-live]").is_none(), "the status, rewritten each slice, is not live");
}

#[test]
async fn a_stream_never_takes_the_focus_from_elsewhere() {
    let page = runner_in_a_panel().await;
    page.get("#elsewhere").dyn_into::<HtmlElement>().unwrap().focus().unwrap();
    page.click("#stream-million");
    page.wait_until("the stream learns", |page| status(page).starts_with("Learning:")).await;
    page.settle().await;
    assert_eq!(focused(), "elsewhere");
    page.click("#stream-cancel");
    page.wait_until("the stream stops", |page| status(page).starts_with("Cancelled after")).await;
    page.settle().await;
    assert_eq!(focused(), "elsewhere");
    assert!(!page.disabled("#panel-run"));
}

#[test]
fn the_long_stream_is_the_four_hospitals_predicted_then_learned_and_goes_round_again() {
    let data = Rc::new(HospitalsData::load().unwrap());
    let exact = run(&data, 5, Policy::KeepLearning).unwrap();
    let mut stream = LongStream::new(data.clone(), 5, &[100], 2_000);
    stream.advance(900);
    stream.advance(20);
    assert_eq!(stream.done(), 920);
    // Flushing subnormal numbers changes nothing this early: the same predictions.
    assert_eq!(stream.accuracy().get(), exact.last().unwrap().progressive);
    stream.advance(5_000);
    assert!(stream.finished());
    assert_eq!((stream.done(), stream.model().samples_seen()), (2_000, 2_000), "it stops at its length");
    assert_eq!(stream.accuracy().seen(), 2_000);

    // Each sample predicted, counted, then learned on its own: the same model and counts.
    let mut one_by_one = LongStream::new(data.clone(), 5, &[100], 2_000);
    let (mut model, mut accuracy) = (one_by_one.model().clone(), one_by_one.accuracy().clone());
    for index in 0..2_000 {
        let row = index % data.len();
        let x = data.x.row(row).to_vec();
        accuracy.update(data.y[row], u8::from(model.predict_proba_one(&x).unwrap() > 0.5));
        model.learn_one(&x, data.y[row]).unwrap();
    }
    one_by_one.advance(2_000);
    assert_eq!(one_by_one.model(), &model);
    assert_eq!(stream.model(), &model);
    assert_eq!((stream.accuracy().get(), stream.accuracy().recent()), (accuracy.get(), accuracy.recent()));
}
