//! The app rendered in a real browser (`wasm-pack test --headless --chrome app`): each test
//! mounts its own page, clicks its buttons and reads what a visitor would see. The expected
//! numbers are the original Flask server's answers, from the core's scikit-learn fixture.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use app::App;
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test as test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// tools/make_fixtures.py, server(): the original server's click sequence and answers.
const SERVER: &str = include_str!("../learner/tests/fixtures/server.json");

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

/// One visitor's page, mounted in its own element.
struct Page {
    root: Element,
}

impl Page {
    async fn open() -> Self {
        let document = web_sys::window().unwrap().document().unwrap();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        yew::Renderer::<App>::with_root(root.clone()).render();
        let page = Self { root };
        page.wait_until("the page renders", |page| page.find("#accr").is_some()).await;
        page
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn get(&self, selector: &str) -> Element {
        self.find(selector).unwrap_or_else(|| panic!("no {selector} on the page"))
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

    fn train_disabled(&self) -> bool {
        self.get("#train-btn").has_attribute("disabled")
    }

    fn click(&self, selector: &str) {
        self.get(selector).dyn_into::<HtmlElement>().unwrap().click();
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
}

#[test]
async fn at_load_the_page_shows_the_original_servers_first_answer() {
    let page = Page::open().await;
    let start = &server_steps()[0];
    assert_eq!(start.action, "start");
    assert_eq!(page.accuracy(), start.shown);
    assert_eq!(page.accuracy(), "0.80328");
    assert_eq!(page.text("#remaining"), "100 samples learned, 142 remaining");
    assert_eq!(page.text("#train-btn"), "+25 Training");
    assert!(!page.train_disabled());
    assert!(page.text(".accuracy").starts_with("Current Accuracy: 0.80328"));
}

#[test]
async fn the_original_click_sequence_shows_the_original_numbers() {
    let page = Page::open().await;
    for step in &server_steps()[1..] {
        let button = match step.action.as_str() {
            "train25" => "#train-btn",
            "reset" => "#reset-btn",
            other => panic!("unknown action {other}"),
        };
        page.click_and_settle(button, step.remaining).await;
        assert_eq!(page.accuracy(), step.shown, "after {} (remaining {})", step.action, step.remaining);
    }
}

#[test]
async fn training_stops_when_no_samples_remain_and_reset_starts_again() {
    let page = Page::open().await;
    for remaining in [117, 92, 67, 42, 17] {
        page.click_and_settle("#train-btn", remaining).await;
        assert!(!page.train_disabled());
    }
    page.click_and_settle("#train-btn", 0).await;
    assert!(page.train_disabled());
    assert_eq!(page.text("#train-btn"), "No more samples remaining");
    assert_eq!(page.text("#remaining"), "242 samples learned, 0 remaining");
    assert_eq!(page.accuracy(), "0.83607");

    // A click on the disabled button changes nothing: remaining never goes negative.
    page.click("#train-btn");
    yew::platform::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(page.text("#remaining"), "242 samples learned, 0 remaining");

    page.click_and_settle("#reset-btn", 241).await;
    assert!(!page.train_disabled());
    assert_eq!(page.text("#train-btn"), "+25 Training");
    assert_eq!(page.text("#remaining"), "1 sample learned, 241 remaining");
    assert_eq!(page.accuracy(), "0.65574");
    page.click_and_settle("#train-btn", 216).await;
    assert_eq!(page.accuracy(), "0.77049");
}

#[test]
async fn the_accuracy_counts_up_to_the_new_value_and_announces_it_once() {
    let page = Page::open().await;
    page.click("#train-btn");
    page.wait_until("the count-up starts", |page| page.is_counting()).await;
    let during = page.accuracy();
    assert_ne!(during, "0.83607", "the count-up shows values on the way");
    let on_the_way: f64 = during.parse().unwrap();
    assert!((0.80328..0.83607).contains(&on_the_way), "{during} lies between the old and the new score");
    // Screen readers hear the final value at once, not every frame.
    assert_eq!(page.text("[aria-live]"), "Accuracy now 0.83607");
    page.wait_until("the count-up ends", |page| !page.is_counting()).await;
    assert_eq!(page.accuracy(), "0.83607");
}

#[test]
async fn every_visitor_has_their_own_model() {
    let first = Page::open().await;
    let second = Page::open().await;
    first.click_and_settle("#train-btn", 117).await;
    assert_eq!(first.accuracy(), "0.83607");
    assert_eq!(second.accuracy(), "0.80328");
    assert_eq!(second.text("#remaining"), "100 samples learned, 142 remaining");
}

#[test]
async fn the_page_credits_the_data_set() {
    let page = Page::open().await;
    let footer = page.text("footer");
    assert!(footer.contains("Janosi, W. Steinbrunn, M. Pfisterer and R. Detrano"));
    assert!(footer.contains("CC BY 4.0"));
    assert_eq!(page.get("footer a").get_attribute("href").as_deref(), Some("https://doi.org/10.24432/C52P4X"));
}
