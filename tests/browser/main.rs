//! The app rendered in a real browser (`wasm-pack test --headless --chrome`): each test
//! mounts its own page, clicks its buttons, fills its form and reads what a visitor would
//! see. The expected numbers come from scikit-learn (and River), through the core's fixtures.
//!
//! One file per part of the page (`the_original_page.rs`, `the_learning_curve.rs`,
//! `a_patient.rs`, ...); this one holds what they share: the fixtures, and `Page`, a mounted
//! app driven as a visitor drives it.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use app::components::app::{App, Props};
use learner::format::to_fixed;
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test_configure;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// tools/make_fixtures.py, server(): the original server's click sequence and answers.
const SERVER: &str = include_str!("../../learner/tests/fixtures/server.json");
/// tools/make_fixtures.py, workbench(): the curve after every sample, the test split in detail.
const WORKBENCH: &str = include_str!("../../learner/tests/fixtures/workbench.json");

/// Far longer than the one-second count-up, so a slow machine does not fail a test.
const PATIENCE: Duration = Duration::from_secs(10);

struct Step {
    action: String,
    shown: String,
    remaining: u64,
}

fn server_steps() -> Vec<Step> {
    let fixture: Value = serde_json::from_str(SERVER).unwrap();
    fixture["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| Step {
            action: step["action"].as_str().unwrap().to_owned(),
            shown: format!("{:.5}", step["result"].as_f64().unwrap()),
            remaining: step["remaining"].as_u64().unwrap(),
        })
        .collect()
}

/// Run `index` of the workbench fixture (0: seed 5, 1: seed 42, 2: seed 7 with 32,16).
fn workbench_run(index: usize) -> Value {
    let fixture: Value = serde_json::from_str(WORKBENCH).unwrap();
    fixture["runs"][index].clone()
}

fn five_decimals(values: &Value, count: usize) -> Vec<String> {
    values.as_array().unwrap()[..count].iter().map(|v| to_fixed(v.as_f64().unwrap(), 5)).collect()
}

/// A storage prefix no other page of the tests uses: a visitor with nothing saved.
fn fresh_storage() -> String {
    thread_local!(static PAGES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    let page = PAGES.with(|pages| {
        pages.set(pages.get() + 1);
        pages.get()
    });
    format!("test-{}-{page}", js_sys::Date::now())
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// One visitor's page, mounted in its own element.
struct Page {
    root: Element,
}

impl Page {
    async fn open() -> Self {
        Self::open_with(None).await
    }

    /// The page as the address `?{query}` opens it, with storage of its own (a fresh
    /// visitor).
    async fn open_with(query: Option<&str>) -> Self {
        Self::open_in(query, &fresh_storage()).await
    }

    /// The page as it opens for a visitor whose browser keeps its sessions under `storage`.
    async fn open_in(query: Option<&str>, storage: &str) -> Self {
        let props = Props { query: query.map(str::to_owned), storage_prefix: Some(storage.to_owned()) };
        Self::mount::<App>(props, "#accr").await
    }

    /// `C` mounted in an element of its own, once it shows `ready`.
    async fn mount<C: yew::BaseComponent>(props: C::Properties, ready: &str) -> Self {
        let document = web_sys::window().unwrap().document().unwrap();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
        let page = Self { root };
        page.wait_until("the page renders", |page| page.find(ready).is_some()).await;
        page
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn get(&self, selector: &str) -> Element {
        self.find(selector).unwrap_or_else(|| panic!("no {selector} on the page"))
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().dyn_into().unwrap()).collect()
    }

    fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    fn accuracy(&self) -> String {
        self.text("#accr")
    }

    fn is_counting(&self) -> bool {
        self.get("#accr").class_list().contains("counting")
    }

    fn disabled(&self, selector: &str) -> bool {
        self.get(selector).has_attribute("disabled")
    }

    fn click(&self, selector: &str) {
        self.get(selector).dyn_into::<HtmlElement>().unwrap().click();
    }

    /// Type `text` into the form control `selector` as a visitor would (its value, then
    /// the event the page listens to).
    async fn fill(&self, selector: &str, text: &str) {
        let element = self.get(selector);
        let event = if element.tag_name() == "SELECT" {
            element.dyn_ref::<web_sys::HtmlSelectElement>().unwrap().set_value(text);
            "change"
        } else {
            element.dyn_ref::<HtmlInputElement>().unwrap().set_value(text);
            "input"
        };
        let init = EventInit::new();
        init.set_bubbles(true);
        element.dispatch_event(&Event::new_with_event_init_dict(event, &init).unwrap()).unwrap();
        self.settle().await;
    }

    fn value(&self, selector: &str) -> String {
        let element = self.get(selector);
        match element.dyn_ref::<HtmlInputElement>() {
            Some(input) => input.value(),
            None => element.dyn_ref::<web_sys::HtmlSelectElement>().unwrap().value(),
        }
    }

    /// Let the page render what the last event changed.
    async fn settle(&self) {
        yew::platform::time::sleep(Duration::from_millis(30)).await;
    }

    async fn wait_until(&self, what: &str, done: impl Fn(&Self) -> bool) {
        let mut waited = Duration::ZERO;
        while !done(self) {
            assert!(waited < PATIENCE, "timed out waiting until {what}");
            yew::platform::time::sleep(Duration::from_millis(20)).await;
            waited += Duration::from_millis(20);
        }
    }

    /// Click, then wait for the count-up to end on the new value.
    async fn click_and_settle(&self, selector: &str, expected_remaining: u64) {
        self.click(selector);
        let remaining = format!(", {expected_remaining} remaining");
        self.wait_until("the click is answered", |page| page.text("#remaining").ends_with(&remaining)).await;
        self.wait_until("the count-up ends", |page| !page.is_counting()).await;
    }

    /// The rows of the curve's table (shown if it is not), as the cells' texts.
    async fn curve_table(&self) -> Vec<Vec<String>> {
        if self.find("#curve-table").is_none() {
            self.click("#curve-table-toggle");
            self.wait_until("the table shows", |page| page.find("#curve-table").is_some()).await;
        }
        self.all("#curve-table tbody tr")
            .iter()
            .map(|row| {
                let cells = row.query_selector_all("td").unwrap();
                (0..cells.length()).map(|i| cells.item(i).unwrap().text_content().unwrap()).collect()
            })
            .collect()
    }

    fn column(table: &[Vec<String>], column: usize) -> Vec<String> {
        table.iter().map(|row| row[column].clone()).collect()
    }
}

/// What the live regions under `root` say from now on, as a screen reader hears them
/// (`tests/live-regions.js`): each region's text after each change.
fn live_announcements(root: &Element) -> js_sys::Array {
    let listen: js_sys::Function = js_sys::eval(include_str!("../live-regions.js")).unwrap().dyn_into().unwrap();
    let live = listen.call1(&wasm_bindgen::JsValue::NULL, root).unwrap();
    js_sys::Reflect::get(&live, &"said".into()).unwrap().dyn_into().unwrap()
}

mod a_bug;
mod a_million_samples;
mod a_patient;
mod files_in_and_out;
mod four_hospitals;
mod keeping_the_session;
mod replaying;
mod the_address;
mod the_learning_curve;
mod the_original_page;
mod the_test_split;
mod your_own_data;
