//! The app rendered in a real browser (`wasm-pack test --headless --chrome`): each test
//! mounts its own page, clicks its buttons, fills its form and reads what a visitor would
//! see. The expected numbers come from scikit-learn (and River), through the core's fixtures.
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
const SERVER: &str = include_str!("../learner/tests/fixtures/server.json");
/// tools/make_fixtures.py, workbench(): the curve after every sample, the test split in detail.
const WORKBENCH: &str = include_str!("../learner/tests/fixtures/workbench.json");

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
    let listen: js_sys::Function = js_sys::eval(include_str!("live-regions.js")).unwrap().dyn_into().unwrap();
    let live = listen.call1(&wasm_bindgen::JsValue::NULL, root).unwrap();
    js_sys::Reflect::get(&live, &"said".into()).unwrap().dyn_into().unwrap()
}

mod the_original_page {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    async fn at_load_the_page_shows_the_original_servers_first_answer() {
        let page = Page::open().await;
        let start = &server_steps()[0];
        assert_eq!(start.action, "start");
        assert_eq!(page.accuracy(), start.shown);
        assert_eq!(page.accuracy(), "0.80328");
        assert_eq!(page.text("#remaining"), "100 samples learned, 142 remaining");
        assert_eq!(page.text("#train-btn"), "+25 Training");
        assert!(!page.disabled("#train-btn"));
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
            assert!(!page.disabled("#train-btn"));
        }
        page.click_and_settle("#train-btn", 0).await;
        assert!(page.disabled("#train-btn"));
        assert_eq!(page.text("#train-btn"), "No more samples remaining");
        assert_eq!(page.text("#remaining"), "242 samples learned, 0 remaining");
        assert_eq!(page.accuracy(), "0.83607");

        // A click on the disabled button changes nothing: remaining never goes negative.
        page.click("#train-btn");
        yew::platform::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(page.text("#remaining"), "242 samples learned, 0 remaining");

        page.click_and_settle("#reset-btn", 241).await;
        assert!(!page.disabled("#train-btn"));
        assert_eq!(page.text("#train-btn"), "+25 Training");
        assert_eq!(page.text("#remaining"), "1 sample learned, 241 remaining");
        assert_eq!(page.accuracy(), "0.65574");
        page.click_and_settle("#train-btn", 216).await;
        assert_eq!(page.accuracy(), "0.77049");
    }

    #[test]
    async fn the_accuracy_counts_up_and_the_status_announces_the_result_once() {
        let page = Page::open().await;
        assert_eq!(page.all("[role=status]").len(), 1, "one live region");
        assert_eq!(page.text("#status"), "Learned 100 samples: held-out accuracy 0.80328.");
        page.click("#train-btn");
        page.wait_until("the count-up starts", |page| page.is_counting()).await;
        let during = page.accuracy();
        assert_ne!(during, "0.83607", "the count-up shows values on the way");
        let on_the_way: f64 = during.parse().unwrap();
        assert!((0.80328..0.83607).contains(&on_the_way), "{during} lies between the old and the new score");
        // The status line has the final value at once, not every frame.
        assert_eq!(page.text("#status"), "Learned 25 more samples, 125 in all: held-out accuracy 0.83607.");
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
}

mod the_learning_curve {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    async fn the_chart_draws_the_current_run_with_a_title_and_a_description() {
        let page = Page::open().await;
        let chart = page.get("#curve-chart");
        assert_eq!(chart.get_attribute("role").as_deref(), Some("img"));
        assert_eq!(page.text("#curve-title"), "Accuracy against samples learned");
        let description = page.text("#curve-desc");
        assert!(description.starts_with("Held-out accuracy after each of the 100 samples learned"), "{description}");
        assert!(description.contains("to 0.80328 now"), "{description}");
        // One path command per sample, for each of the three lines.
        for line in ["held-out", "progressive", "recent"] {
            let path = page.get(&format!("#curve-chart path.{line}")).get_attribute("d").unwrap();
            assert_eq!(path.matches(['M', 'L']).count(), 100, "{line}");
        }
        assert!(page.find("#curve-chart path.earlier").is_none(), "no earlier run yet");
    }

    #[test]
    async fn the_table_has_scikit_learns_held_out_accuracy_and_rivers_progressive_accuracy_after_every_sample() {
        let page = Page::open().await;
        assert!(page.find("#curve-table").is_none(), "the table is shown on demand");
        assert_eq!(page.text("#curve-table-toggle"), "Show as table");
        let run = workbench_run(0);
        let table = page.curve_table().await;
        assert_eq!(page.text("#curve-table-toggle"), "Hide table");
        assert_eq!(page.get("#curve-table-toggle").get_attribute("aria-expanded").as_deref(), Some("true"));
        assert_eq!(Page::column(&table, 0), (1..=100).map(|n| n.to_string()).collect::<Vec<_>>());
        assert_eq!(Page::column(&table, 1), five_decimals(&run["held_out"], 100));
        assert_eq!(Page::column(&table, 2), five_decimals(&run["progressive"], 100));
        assert_eq!(Page::column(&table, 3), five_decimals(&run["progressive_recent"], 100));

        page.click_and_settle("#train-btn", 117).await;
        let table = page.curve_table().await;
        assert_eq!(table.len(), 125);
        assert_eq!(Page::column(&table, 1), five_decimals(&run["held_out"], 125));
        assert_eq!(Page::column(&table, 2), five_decimals(&run["progressive"], 125));

        page.click("#curve-table-toggle");
        page.settle().await;
        assert!(page.find("#curve-table").is_none());
    }

    #[test]
    async fn one_pass_learns_the_rest_in_slices_as_scikit_learn_learns_it_and_waits_for_nothing() {
        let page = Page::open().await;
        page.click("#train-pass");
        page.wait_until("the pass ends", |page| {
            page.find("#pass-status").is_some_and(|_| page.text("#pass-status").contains("done"))
        })
        .await;
        assert!(page.text("#pass-status").starts_with("Learning one pass: done, 142 samples, "));
        assert!(page.find("#pass-cancel").is_none(), "nothing to cancel once done");
        assert_eq!(page.text("#remaining"), "242 samples learned, 0 remaining");
        assert!(page.disabled("#train-pass") && page.disabled("#train-btn") && !page.disabled("#reset-btn"));
        let run = workbench_run(0);
        let table = page.curve_table().await;
        assert_eq!(Page::column(&table, 0), (1..=242).map(|n| n.to_string()).collect::<Vec<_>>());
        assert_eq!(Page::column(&table, 1), five_decimals(&run["held_out"], 242));
        assert_eq!(Page::column(&table, 2), five_decimals(&run["progressive"], 242));
        page.wait_until("the count-up ends", |page| !page.is_counting()).await;
        assert_eq!(page.accuracy(), to_fixed(run["held_out"][241].as_f64().unwrap(), 5));
    }

    #[test]
    async fn reset_starts_a_new_run_and_keeps_a_few_earlier_ones_faded() {
        let page = Page::open().await;
        page.click_and_settle("#reset-btn", 241).await;
        assert_eq!(page.all("#curve-chart path.earlier").len(), 1);
        assert_eq!(page.curve_table().await.len(), 1, "the table shows the current run");
        assert!(page.text("#curve-desc").ends_with("One earlier run is drawn faded."));
        for earlier in [2, 3, 3, 3] {
            page.click("#reset-btn");
            page.wait_until("the run is kept", |page| {
                page.text("#curve-desc").contains(&format!("{earlier} earlier runs"))
            })
            .await;
        }
        assert_eq!(page.all("#curve-chart path.earlier").len(), 3, "a few at most");
    }
}

mod the_test_split {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    async fn the_confusion_matrix_precision_recall_and_log_loss_are_scikit_learns() {
        let page = Page::open().await;
        let run = workbench_run(0);
        for (samples, remaining) in [("100", None), ("242", Some(0))] {
            if let Some(remaining) = remaining {
                for left in [117, 92, 67, 42, 17, remaining] {
                    page.click_and_settle("#train-btn", left).await;
                }
            }
            let expected = &run["test_split"][samples];
            let matrix = &expected["confusion_matrix_labels_0_1"];
            let count = |row: usize, column: usize| matrix[row][column].as_u64().unwrap().to_string();
            let cell = |id: &str| page.text(&format!("#{id} .count"));
            assert_eq!(cell("true-positives"), count(0, 0), "after {samples}");
            assert_eq!(cell("false-negatives"), count(0, 1));
            assert_eq!(cell("false-positives"), count(1, 0));
            assert_eq!(cell("true-negatives"), count(1, 1));
            assert_eq!(page.text("#precision"), to_fixed(expected["precision_disease"].as_f64().unwrap(), 5));
            assert_eq!(page.text("#recall"), to_fixed(expected["recall_disease"].as_f64().unwrap(), 5));
            assert_eq!(page.text("#log-loss"), to_fixed(expected["log_loss"].as_f64().unwrap(), 5));
        }
        let matrix = page.text("#confusion-matrix");
        for words in
            ["Has heart disease", "No heart disease", "Predicted: heart disease", "true positives", "false alarm"]
        {
            assert!(matrix.contains(words), "the matrix says {words:?}: {matrix}");
        }
    }
}

mod a_patient {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const COLUMNS: [&str; 13] = [
        "age", "sex", "cp", "trestbps", "chol", "fbs", "restecg", "thalach", "exang", "oldpeak", "slope", "ca", "thal",
    ];

    fn probability_text(probability_of_disease: &Value) -> String {
        format!("{}%", to_fixed(probability_of_disease.as_f64().unwrap() * 100.0, 1))
    }

    #[test]
    async fn the_form_has_one_labelled_control_per_heart_csv_column_prefilled_from_a_test_patient() {
        let page = Page::open().await;
        let controls = page.all("#patient-form input, #patient-form select");
        let names: Vec<String> = controls.iter().map(|control| control.get_attribute("name").unwrap()).collect();
        assert_eq!(names, COLUMNS);
        for control in &controls {
            let id = control.id();
            let label = page.get(&format!("label[for='{id}']")).text_content().unwrap();
            assert!(!label.is_empty(), "{id} has a label");
        }
        assert!(page.text("label[for='patient-trestbps']").contains("mm Hg"));
        assert!(page.text("label[for='patient-cp']").contains("Chest pain type"));
        // heart.csv's codes, in words: cp 0 is asymptomatic, thal 2 normal.
        assert_eq!(page.text("#patient-cp option[value='0']"), "asymptomatic");
        assert_eq!(page.text("#patient-thal option[value='2']"), "normal");
        assert_eq!(page.text("#patient-slope option[value='2']"), "upsloping");

        // The first test patient is row 225 of heart.csv.
        let data = learner::session::PreparedData::new(&learner::data::Dataset::heart()).unwrap();
        assert_eq!(data.split.test[0], 225);
        let values: Vec<String> = COLUMNS.iter().map(|name| page.value(&format!("[name={name}]"))).collect();
        let expected: Vec<String> = data.x_test_raw.row(0).iter().map(|v| v.to_string()).collect();
        assert_eq!(values, expected);
        assert!(page.text("#patient-source").starts_with("Test patient 1 of 61; in the data: "));
    }

    #[test]
    async fn the_probability_of_heart_disease_is_scikit_learns_for_each_test_patient() {
        let page = Page::open().await;
        let expected = &workbench_run(0)["test_split"]["100"]["probability_of_disease"];
        for index in 0..5 {
            assert_eq!(page.text("#patient-probability"), probability_text(&expected[index]), "test patient {index}");
            assert!(page.text("#patient-source").starts_with(&format!("Test patient {} of 61", index + 1)));
            page.click("#patient-next");
            page.settle().await;
        }
        page.click("#patient-previous");
        page.settle().await;
        assert_eq!(page.text("#patient-probability"), probability_text(&expected[4]));
        page.click("#patient-random");
        page.settle().await;
        assert!(page.text("#patient-probability").ends_with('%'));
        assert!(page.text("#patient-source").starts_with("Test patient "));
    }

    #[test]
    async fn the_probability_follows_the_fields_and_bad_fields_get_a_message_and_no_prediction() {
        let page = Page::open().await;
        let first = page.text("#patient-probability");
        page.fill("[name=age]", "30").await;
        let younger = page.text("#patient-probability");
        assert_ne!(younger, first, "a change of age changes the prediction");
        assert!(page.text("#patient-source").starts_with("Your own patient"));

        for (text, message) in [
            ("", "Age: enter a value"),
            ("abc", "Age: `abc` is not a number"),
            ("300", "Age: must be between 1 and 120 years"),
        ] {
            page.fill("[name=age]", text).await;
            assert_eq!(page.text("#patient-age-error"), message);
            assert_eq!(page.get("#patient-age").get_attribute("aria-invalid").as_deref(), Some("true"));
            assert_eq!(
                page.get("#patient-age").get_attribute("aria-describedby").as_deref(),
                Some("patient-age-error")
            );
            assert_eq!(page.text("#patient-probability"), "\u{2014}", "no prediction for {text:?}");
            assert!(page.disabled("#teach-disease") && page.disabled("#teach-no-disease"));
        }
        page.fill("[name=age]", "30").await;
        assert!(page.find("#patient-age-error").is_none());
        assert_eq!(page.text("#patient-probability"), younger);
        page.fill("[name=cp]", "3").await;
        assert_ne!(page.text("#patient-probability"), younger, "a change of chest pain type changes the prediction");
    }

    #[test]
    async fn teaching_a_patient_is_one_more_sample_on_the_curve() {
        let page = Page::open().await;
        assert!(page.text(".teach .notice").contains("in the test split"), "a test patient is flagged before teaching");
        page.click("#teach-disease");
        page.wait_until("the patient is learned", |page| page.text("#remaining").contains("taught")).await;
        assert_eq!(page.text("#remaining"), "101 samples learned (1 taught), 142 remaining");
        let status = page.text("#status");
        assert!(status.starts_with("Taught the model this patient as heart disease: held-out accuracy "), "{status}");
        assert!(status.ends_with("so the held-out accuracy is now optimistic."), "{status}");
        assert_eq!(page.all("#curve-chart circle.taught").len(), 1);
        let table = page.curve_table().await;
        assert_eq!(table.len(), 101);
        assert_eq!(table[100][0], "101");
        assert_eq!(table[100][4], "taught: heart disease");

        page.fill("[name=age]", "31").await;
        assert!(page.find(".teach .notice").is_none(), "an edited patient is not in the test split");
        page.click("#teach-no-disease");
        page.wait_until("the patient is learned", |page| page.text("#remaining").contains("2 taught")).await;
        assert!(!page.text("#status").contains("optimistic"));
        page.click_and_settle("#train-btn", 117).await;
        assert_eq!(page.text("#remaining"), "127 samples learned (2 taught), 117 remaining");
        assert_eq!(page.curve_table().await.len(), 127);
    }
}

mod the_address {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    async fn another_seed_is_the_original_with_that_seed() {
        let page = Page::open_with(Some("?seed=42")).await;
        let run = workbench_run(1);
        assert_eq!(run["seed"], 42);
        assert_eq!(page.accuracy(), format!("{:.5}", run["held_out"][99].as_f64().unwrap()));
        assert_eq!(Page::column(&page.curve_table().await, 1), five_decimals(&run["held_out"], 100));
        assert_eq!(page.text("#seed"), "42");
        assert_eq!(page.get("#setup-link").get_attribute("href").as_deref(), Some("?seed=42&hidden=100"));
        assert!(page.find(".setup-notice").is_none());
    }

    #[test]
    async fn other_hidden_layers_are_still_exact() {
        let page = Page::open_with(Some("?seed=7&hidden=32,16")).await;
        let run = workbench_run(2);
        assert_eq!(Page::column(&page.curve_table().await, 1), five_decimals(&run["held_out"], 100));
        assert_eq!(page.text("#hidden-layers"), "32,16");
        assert_eq!(page.get("#setup-link").get_attribute("href").as_deref(), Some("?seed=7&hidden=32,16"));
    }

    #[test]
    async fn invalid_values_get_a_visible_message_and_the_defaults() {
        let page = Page::open_with(Some("?seed=abc&hidden=0,300")).await;
        let notices: Vec<String> = page.all(".setup-notice").iter().map(|n| n.text_content().unwrap()).collect();
        assert_eq!(notices.len(), 2, "{notices:?}");
        assert!(notices[0].contains("\u{201c}abc\u{201d}") && notices[0].ends_with("the page uses seed 5."));
        assert!(notices[1].contains("\u{201c}0,300\u{201d}") && notices[1].ends_with("the page uses 100."));
        assert_eq!(page.accuracy(), "0.80328");
        assert_eq!((page.text("#seed"), page.text("#hidden-layers")), ("5".to_owned(), "100".to_owned()));
    }
}

mod keeping_the_session {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// The page's visible state: accuracy, progress, the curve's table, a patient field.
    async fn seen(page: &Page) -> (String, String, Vec<Vec<String>>, String, String) {
        (
            page.accuracy(),
            page.text("#remaining"),
            page.curve_table().await,
            page.value("#patient-age"),
            page.text("#patient-probability"),
        )
    }

    #[test]
    async fn a_reloaded_page_is_the_page_that_was_left_and_goes_on_identically() {
        let storage = fresh_storage();
        let page = Page::open_in(None, &storage).await;
        page.click_and_settle("#train-btn", 117).await;
        page.click_and_settle("#reset-btn", 241).await;
        page.click_and_settle("#train-btn", 216).await;
        page.click("#patient-next");
        page.settle().await;
        page.click("#teach-disease");
        page.wait_until("the patient is taught", |page| page.text("#remaining").contains("(1 taught)")).await;
        page.fill("#patient-age", "61").await;
        page.wait_until("the count-up ends", |page| !page.is_counting()).await;
        let before = seen(&page).await;
        assert!(local_storage().get_item(&format!("{storage}/session/seed=5&hidden=100")).unwrap().is_some());

        let reloaded = Page::open_in(None, &storage).await;
        reloaded.wait_until("the count-up ends", |page| !page.is_counting()).await;
        assert_eq!(seen(&reloaded).await, before, "the same numbers, curve and patient");
        assert!(reloaded.text("#status").starts_with("Restored your saved session: 27 samples learned"));

        // The stream where it stood: a Reset draws the same model on both.
        page.click_and_settle("#reset-btn", 241).await;
        reloaded.click_and_settle("#reset-btn", 241).await;
        assert_eq!(seen(&reloaded).await, seen(&page).await);
    }

    /// Let Yew render an event's changes, which it does in the microtasks after the event,
    /// without letting a task (or a frame) run.
    async fn microtasks() {
        for _ in 0..3 {
            let resolved = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
            wasm_bindgen_futures::JsFuture::from(resolved).await.unwrap();
        }
    }

    #[test]
    async fn an_action_is_saved_after_the_frame_that_shows_it_and_at_once_when_the_page_is_left() {
        let storage = fresh_storage();
        let key = format!("{storage}/session/seed=5&hidden=100");
        let saved = || local_storage().get_item(&key).unwrap().unwrap_or_default();
        let page = Page::open_in(None, &storage).await;
        page.wait_until("the opening is saved", |_| saved().contains(r#""actions":[]"#)).await;

        // Shown in the click's task, saved after the frame.
        page.click("#train-btn");
        microtasks().await;
        assert!(page.text("#remaining").ends_with(", 117 remaining"), "{}", page.text("#remaining"));
        assert!(saved().contains(r#""actions":[]"#), "not saved in the click's task");
        page.wait_until("the click is saved", |_| saved().contains(r#""actions":["train"]"#)).await;

        // Left before the next frame (a reload, a closed tab): saved as the page goes.
        page.click("#train-btn");
        microtasks().await;
        assert!(page.text("#remaining").ends_with(", 92 remaining"));
        assert!(saved().contains(r#""actions":["train"]"#));
        web_sys::window().unwrap().dispatch_event(&Event::new("pagehide").unwrap()).unwrap();
        assert!(saved().contains(r#""actions":["train","train"]"#), "{}", saved());
        let reloaded = Page::open_in(None, &storage).await;
        assert_eq!(reloaded.text("#remaining"), "150 samples learned, 92 remaining");
    }

    #[test]
    async fn an_unreadable_saved_session_is_kept_and_never_saved_over() {
        let storage = fresh_storage();
        let key = format!("{storage}/session/seed=5&hidden=100");
        for (entry, reason) in [
            ("{\"format\": \"online-learning-page-session\", \"version\"", "not JSON"),
            (
                r#"{"format": "online-learning-page-session", "version": 2}"#,
                "it was saved by another version of this page (format version 2; this page reads version 1)",
            ),
            (r#"{"format": "something-else"}"#, "it is not a saved session of this page (format `something-else`)"),
        ] {
            local_storage().set_item(&key, entry).unwrap();
            let page = Page::open_in(None, &storage).await;
            assert_eq!(page.accuracy(), "0.80328", "the page starts as usual");
            assert!(page.text("#storage-status").contains(reason), "{}", page.text("#storage-status"));
            page.click_and_settle("#train-btn", 117).await;
            assert_eq!(local_storage().get_item(&key).unwrap().as_deref(), Some(entry), "kept as it was");

            page.click("#storage-discard");
            page.wait_until("the session is saved", |page| page.text("#storage-status").starts_with("Saved")).await;
            let saved = local_storage().get_item(&key).unwrap().unwrap();
            assert!(saved.contains(r#""actions":["train"]"#), "{saved}");
        }
    }

    #[test]
    async fn a_session_saved_on_other_data_is_refused_with_the_reason() {
        let storage = fresh_storage();
        let key = format!("{storage}/session/seed=5&hidden=100");
        let page = Page::open_in(None, &storage).await;
        page.click_and_settle("#train-btn", 117).await;
        let saved = local_storage().get_item(&key).unwrap().unwrap();
        let other = saved.replace("heart.csv 303 rows", "heart.csv 304 rows");
        local_storage().set_item(&key, &other).unwrap();
        let reopened = Page::open_in(None, &storage).await;
        assert_eq!(reopened.accuracy(), "0.80328");
        assert!(reopened.text("#storage-status").contains("it was saved on other data (heart.csv 304 rows"));
        assert_eq!(local_storage().get_item(&key).unwrap(), Some(other));
    }

    #[test]
    async fn named_snapshots_are_saved_listed_opened_and_deleted() {
        let page = Page::open().await;
        page.click_and_settle("#train-btn", 117).await;
        let after_one_click = page.accuracy();
        // A name that would show nothing in the list (spaces, zero-width characters) is no name.
        page.fill("#snapshot-name", " \u{200B}\u{2060}\u{FEFF} ").await;
        page.click("#snapshot-save");
        page.settle().await;
        assert_eq!(page.text("#import-status"), "Give the snapshot a name first.");
        assert_eq!(page.text("#snapshot-list"), "No snapshots yet.");
        page.fill("#snapshot-name", "after one click").await;
        page.click("#snapshot-save");
        page.settle().await;
        assert_eq!(page.text("#snapshot-list .snapshot-name"), "after one click");
        assert_eq!(page.text("#import-status"), "Saved the session as \u{201c}after one click\u{201d}.");

        page.click_and_settle("#reset-btn", 241).await;
        let said = live_announcements(&page.root);
        page.click(".snapshot-open");
        page.wait_until("the snapshot opens", |page| page.text("#remaining").ends_with(", 117 remaining")).await;
        page.wait_until("the count-up ends", |page| !page.is_counting()).await;
        assert_eq!(page.accuracy(), after_one_click);
        assert_eq!(page.curve_table().await.len(), 125);
        // Shown beside the list, said once: by the status, which gives the accuracy too.
        assert_eq!(page.text("#import-status"), "Opened \u{201c}after one click\u{201d}.");
        let said: Vec<String> = said.iter().map(|text| text.as_string().unwrap()).collect();
        assert_eq!(said, [format!("Opened \u{201c}after one click\u{201d}: held-out accuracy {after_one_click}.")]);

        // The same name again: the visitor is told it exists, and it is replaced only on a
        // second "Save as".
        page.click_and_settle("#train-btn", 92).await;
        page.click("#snapshot-save");
        page.settle().await;
        assert_eq!(
            page.text("#import-status"),
            "A snapshot named \u{201c}after one click\u{201d} exists. Save again to replace it, or choose another name."
        );
        assert_eq!(page.text("#snapshot-save"), "Replace it");
        page.click(".snapshot-open");
        page.wait_until("the snapshot opens unchanged", |page| page.text("#remaining").ends_with(", 117 remaining"))
            .await;
        page.click_and_settle("#train-btn", 92).await;
        assert_eq!(page.text("#snapshot-save"), "Replace it", "until the name changes");
        page.click("#snapshot-save");
        page.settle().await;
        assert_eq!(page.text("#import-status"), "Replaced the snapshot \u{201c}after one click\u{201d}.");
        assert_eq!((page.text("#snapshot-save"), page.all(".snapshot-name").len()), ("Save as".to_owned(), 1));
        page.click_and_settle("#reset-btn", 241).await;
        page.click(".snapshot-open");
        page.wait_until("the replaced snapshot opens", |page| page.text("#remaining").ends_with(", 92 remaining"))
            .await;

        page.click(".snapshot-delete");
        page.settle().await;
        assert_eq!(page.text("#snapshot-list"), "No snapshots yet.");
    }

    #[test]
    async fn start_fresh_is_the_setups_start() {
        let page = Page::open().await;
        page.click_and_settle("#train-btn", 117).await;
        page.click_and_settle("#start-fresh", 142).await;
        assert_eq!(page.accuracy(), "0.80328");
        assert_eq!(page.curve_table().await.len(), 100);
    }
}

mod replaying {
    use app::saved::{read, replay, write};
    use app::state::{Action, PatientDraft, State};
    use learner::heart::DISEASE;

    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_long_session_restores_to_the_very_same_state() {
        let mut state = State::at_start();
        let patient = state.session().data().x_test_raw.row(3).to_vec();
        for click in 0..60 {
            let action = match click % 6 {
                5 => Action::Reset,
                4 => Action::Teach { patient: patient.clone(), target: DISEASE },
                _ => Action::Train25,
            };
            state = state.apply(action);
        }
        let draft = PatientDraft::test_patient(state.session().data(), 3);
        let restored = replay(read(&write(&state, &draft)).unwrap()).unwrap();
        assert_eq!(restored.session().snapshot(), state.session().snapshot(), "the model, Adam and the stream");
        assert_eq!(restored.session().curve(), state.session().curve());
        assert_eq!(restored.earlier_runs, state.earlier_runs, "the faded runs");
        assert_eq!((restored.report, restored.evaluation), (state.report, state.evaluation));
        assert_eq!(restored.actions, state.actions, "the whole record, to be saved again");
        assert_eq!(write(&restored, &draft), write(&state, &draft));
        let (a, b) = (restored.apply(Action::Reset), state.apply(Action::Reset));
        assert_eq!(a.session().snapshot(), b.session().snapshot(), "the next Reset draws the same model");
    }

    #[test]
    fn an_action_that_cannot_be_replayed_is_named_even_in_a_run_long_gone() {
        let mut state = State::at_start().apply(Action::Teach { patient: vec![50.0; 13], target: DISEASE });
        for _ in 0..5 {
            state = state.apply(Action::Reset);
        }
        let draft = PatientDraft::test_patient(state.session().data(), 0);
        let text = write(&state, &draft).replacen("[50.0,50.0,", "[50.0,", 1);
        assert_eq!(
            replay(read(&text).unwrap()).unwrap_err(),
            "actions[0] cannot be replayed: expected 13 features per sample, got 12"
        );
    }
}

mod files_in_and_out {
    use app::files::{model_file_json, read, snapshot_json, Imported};
    use app::state::{Action, State};
    use learner::model_file::ModelFile;

    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn trained() -> State {
        State::at_start().apply(Action::Train25).apply(Action::Reset).apply(Action::Train25)
    }

    #[test]
    fn the_page_writes_the_files_byte_for_byte_as_the_core_does() {
        let state = trained();
        let mut file = state.session().model_file();
        assert_eq!(model_file_json(&file), serde_json::to_string(&file).unwrap());
        // Whole, signed, tiny and huge numbers too.
        file.coefs[0][0][..5].copy_from_slice(&[0.0, -0.0, 2.0, 5e-324, 1e300]);
        file.adam.ms.intercepts[1][0] = 0.0;
        assert_eq!(model_file_json(&file), serde_json::to_string(&file).unwrap());
        let snapshot = state.session().snapshot();
        assert_eq!(snapshot_json(&snapshot), serde_json::to_string(&snapshot).unwrap());
    }

    #[test]
    fn the_page_reads_what_the_core_and_scikit_learn_write() {
        let state = trained();
        let snapshot = state.session().snapshot();
        assert_eq!(read(&serde_json::to_string(&snapshot).unwrap()), Ok(Imported::Session(Box::new(snapshot))));
        // tools/sklearn_io.py: a model trained in scikit-learn, as a model file.
        let fixture: Value =
            serde_json::from_str(include_str!("../learner/tests/fixtures/sklearn_roundtrip_trained_in_sklearn.json"))
                .unwrap();
        let text = fixture["model_file"].to_string();
        let expected: ModelFile = serde_json::from_str(&text).unwrap();
        assert_eq!(read(&text), Ok(Imported::Model(Box::new(expected))));
    }

    #[test]
    fn an_imported_file_goes_on_exactly_as_the_exported_session() {
        let state = trained();
        let text = snapshot_json(&state.session().snapshot());
        let imported = State::at_start().imported(read(&text).unwrap()).unwrap();
        assert_eq!(imported.report, state.report);
        let (a, b) =
            (imported.apply(Action::Reset).apply(Action::Train25), state.apply(Action::Reset).apply(Action::Train25));
        assert_eq!(a.session().snapshot(), b.session().snapshot(), "the same stream, model and Adam state");

        let model = model_file_json(&state.session().model_file());
        let imported = State::at_start().imported(read(&model).unwrap()).unwrap();
        assert_eq!(imported.session().model(), state.session().model());
        assert_eq!(imported.report.remaining, state.report.remaining);
    }

    #[test]
    fn a_snapshot_of_either_version_opens_and_its_stream_is_checked_field_by_field() {
        let state = trained();
        let text = snapshot_json(&state.session().snapshot());
        let snapshot: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(snapshot["stream"]["next"].as_array().map(Vec::len), Some(624), "version 2: the next outputs");
        let opened = |edit: &dyn Fn(&mut Value)| {
            let mut value = snapshot.clone();
            edit(&mut value);
            read(&value.to_string()).and_then(|file| State::at_start().imported(file))
        };
        // Version 1, as earlier builds wrote it: the seed and the draws, replayed.
        let version_1 = opened(&|value| {
            value["version"] = 1.into();
            value["stream"].as_object_mut().unwrap().remove("next");
        })
        .unwrap();
        assert_eq!(
            version_1.apply(Action::Reset).session().snapshot(),
            state.clone().apply(Action::Reset).session().snapshot(),
            "the same next Reset"
        );
        let refusal = |edit: &dyn Fn(&mut Value)| opened(edit).unwrap_err();
        assert_eq!(refusal(&|value| value["version"] = 1.into()), "stream: unknown field `next`");
        assert_eq!(
            refusal(&|value| drop(value["stream"].as_object_mut().unwrap().remove("next"))),
            "stream: missing field `next`"
        );
        assert_eq!(
            refusal(&|value| value["stream"]["next"][5] = (-1).into()),
            "stream.next[5]: expected a whole number from 0 to 4294967295, found -1"
        );
        assert_eq!(
            refusal(&|value| value["stream"]["next"] = serde_json::json!([1, 2])),
            "cannot restore the session: stream.next has 2 outputs, expected 624"
        );
        assert_eq!(
            refusal(&|value| value["stream"]["next"][0] = 7.into()),
            format!(
                "cannot restore the session: stream.next is not what seed 5 gives after {} draws",
                state.session().stream().position().1
            )
        );
        assert_eq!(
            refusal(&|value| value["version"] = 3.into()),
            "cannot restore the session: version 3 is not supported (this build reads versions 1 and 2)"
        );
    }

    /// The error for the model file with `edit` applied to its JSON.
    fn refused(edit: impl Fn(&mut Value)) -> String {
        let mut file = serde_json::to_value(trained().session().model_file()).unwrap();
        edit(&mut file);
        let text = file.to_string();
        match read(&text) {
            Err(error) => error,
            Ok(file) => State::at_start().imported(file).unwrap_err(),
        }
    }

    #[test]
    fn every_field_is_checked_and_the_error_names_it() {
        assert_eq!(
            refused(|file| file["adam"]["ms"]["coefs"][0][3][7] = "x".into()),
            "adam.ms.coefs[0][3][7]: expected a number, found a string"
        );
        assert_eq!(refused(|file| file["scaler"]["extra"] = 1.into()), "scaler: unknown field `extra`");
        assert_eq!(refused(|file| drop(file.as_object_mut().unwrap().remove("progress"))), "missing field `progress`");
        assert_eq!(
            refused(|file| file["version"] = 2.into()),
            "invalid model file: version 2 is not supported (this build reads version 1)"
        );
        assert_eq!(
            refused(|file| file["coefs"][0].as_array_mut().unwrap().truncate(12)),
            "invalid model file: coefs[0] has 12 rows, expected 13"
        );
        assert_eq!(
            refused(|file| file["progress"]["samples_seen"] = (-1).into()),
            "progress.samples_seen: expected a whole number from 0 to 18446744073709551615, found -1"
        );
        assert_eq!(
            refused(|file| file["progress"]["next_sample"] = ((1u64 << 32) + 5).into()),
            "progress.next_sample: expected a whole number from 0 to 4294967295, found 4294967301",
            "refused, where it wrapped to sample 5"
        );
        assert_eq!(
            refused(|file| file["scaler"]["mean"][0] = 54.0.into()),
            "cannot restore the session: it was saved on other data (its scaler differs from this data's)"
        );
        assert_eq!(
            refused(|file| file["hyperparameters"]["alpha"] = Value::Null),
            "hyperparameters.alpha: expected a number, found null"
        );
        assert!(read("[[[[").unwrap_err().starts_with("not JSON ("));
        assert_eq!(read(r#"{"coefs": 1e999}"#).unwrap_err(), "missing field `format`");
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(read(&deep).unwrap_err(), "expected an object, found an array");
        let infinite =
            serde_json::to_string(&trained().session().model_file()).unwrap().replacen("[[[", "[[[1e999,", 1);
        assert!(read(&infinite).and_then(|file| State::at_start().imported(file)).unwrap_err().contains("coefs[0][0]"));
        // Inside a field, in the shape expected: the field named, the session kept.
        let deep_arrays = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let deep_objects = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
        let refusals = [
            refused_text(|file| file["coefs"][1][7][0] = PLACEHOLDER.into(), "-1e999"),
            refused_text(|file| file["adam"]["vs"]["intercepts"][0][3] = PLACEHOLDER.into(), "1e400"),
            refused_text(|file| file["coefs"][0][2][5] = PLACEHOLDER.into(), &deep_arrays),
            refused_text(|file| file["hyperparameters"]["alpha"] = PLACEHOLDER.into(), &deep_objects),
        ];
        assert_eq!(
            refusals,
            [
                "invalid model file: coefs[1][7] holds -inf, not a finite number",
                "invalid model file: adam.vs.intercepts[0] holds inf, not a finite number",
                "coefs[0][2][5]: expected a number, found an array",
                "hyperparameters.alpha: expected a number, found an object",
            ]
        );
    }

    /// A number no model file holds, to put other text in its place.
    const PLACEHOLDER: f64 = 8_675_309.125;

    /// The error for the model file with `edit` applied and [`PLACEHOLDER`] replaced by `text`.
    fn refused_text(edit: impl Fn(&mut Value), text: &str) -> String {
        let mut file = serde_json::to_value(trained().session().model_file()).unwrap();
        edit(&mut file);
        let json = file.to_string();
        assert_eq!(json.matches("8675309.125").count(), 1, "the placeholder is written once");
        let json = json.replace("8675309.125", text);
        match read(&json) {
            Err(error) => error,
            Ok(file) => State::at_start().imported(file).unwrap_err(),
        }
    }
}

mod a_bug {
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_panic_leaves_a_message_on_the_page_not_a_dead_page() {
        app::panic::show("panicked at src/state.rs:1:1: an example");
        let document = web_sys::window().unwrap().document().unwrap();
        let banner = document.get_element_by_id("page-error").unwrap();
        assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
        let text = banner.text_content().unwrap();
        assert!(text.starts_with("Something went wrong inside this page and it cannot go on."), "{text}");
        assert!(text.contains("reload the page to continue"));
        assert!(text.ends_with("(Details for a bug report: panicked at src/state.rs:1:1: an example)"));
        banner.remove();
    }
}

mod your_own_data {
    use app::saved::{read, replay, write};
    use app::setup::Setup;
    use app::state::{Action, Data, DataSource, PatientDraft, State};
    use learner::uci::Missing;

    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// UCI's raw Cleveland file, which heart.csv was made from.
    const CLEVELAND: &str = include_str!("../data/uci/processed.cleveland.data");

    fn file(name: &str, text: &str, missing: Missing) -> DataSource {
        DataSource::File { name: name.into(), text: text.into(), missing }
    }

    #[test]
    fn a_raw_uci_file_is_recoded_and_its_missing_values_counted() {
        let dropped = Data::load(file("processed.cleveland.data", CLEVELAND, Missing::DropRows)).unwrap();
        assert_eq!(
            &*dropped.summary,
            "processed.cleveland.data, UCI's raw form recoded to heart.csv's codes: 303 rows read, 6 left out and 0 \
             values filled in with their column's mean for missing values; 297 patients."
        );
        let imputed = Data::load(file("processed.cleveland.data", CLEVELAND, Missing::ImputeMean)).unwrap();
        assert!(imputed.summary.contains("303 rows read, 0 left out and 6 values filled in"), "{}", imputed.summary);
        // Read with the other choice, either is other data: the page reads it again then.
        assert!(dropped.had_missing_values && imputed.had_missing_values);
        let complete = CLEVELAND.lines().filter(|line| !line.contains('?')).collect::<Vec<_>>().join("\n");
        assert!(!Data::load(file("complete.data", &complete, Missing::DropRows)).unwrap().had_missing_values);
        let state = State::start(Setup::default(), dropped);
        assert_eq!((state.report.trained, state.report.remaining), (100, 297 - 60 - 100));
        assert_eq!(state.session().data().y_test.len(), 60, "20% of 297");
    }

    #[test]
    fn a_file_in_heart_csvs_form_is_the_bundled_data_when_it_is_heart_csv() {
        let uploaded = State::start(
            Setup::default(),
            Data::load(file("heart.csv", learner::data::HEART_CSV, Missing::DropRows)).unwrap(),
        );
        assert_eq!(&*uploaded.data.summary, "heart.csv, in heart.csv's form: 303 patients.");
        assert_eq!(uploaded.session().snapshot(), State::at_start().session().snapshot());
    }

    #[test]
    fn a_file_with_heart_csvs_columns_in_another_order_is_heart_csv() {
        // heart.csv with its columns reversed, `target` first.
        let reversed = learner::data::HEART_CSV
            .trim_start_matches('\u{feff}')
            .lines()
            .map(|line| line.split(',').rev().collect::<Vec<_>>().join(","))
            .collect::<Vec<_>>()
            .join("\n");
        let uploaded =
            State::start(Setup::default(), Data::load(file("mine.csv", &reversed, Missing::DropRows)).unwrap());
        assert_eq!(&*uploaded.data.summary, "mine.csv, in heart.csv's form, its columns found by name: 303 patients.");
        assert_eq!(uploaded.session().snapshot(), State::at_start().session().snapshot());
        assert_eq!(uploaded.session().data(), State::at_start().session().data());
    }

    #[test]
    fn a_wrong_file_is_refused_with_its_line_and_column() {
        let refused = |text: &str| Data::load(file("mine.csv", text, Missing::DropRows)).unwrap_err();
        let header = learner::data::HEART_CSV.lines().next().unwrap();
        assert_eq!(
            refused(&format!("{header}\n63,1,3,145,233,1,0,150,0,2.3,0,0,1,1\n64,x,3,145,233,1,0,150,0,2.3,0,0,1,1\n")),
            "line 3, column 2 (`sex`): `x` is not a number"
        );
        let heart_columns = "heart.csv's columns are age, sex, cp, trestbps, chol, fbs, restecg, thalach, exang, \
                             oldpeak, slope, ca, thal, and target";
        assert_eq!(
            refused("age,sex,id,target\n1,2,0,1\n3,4,1,0\n"),
            format!(
                "the file has no columns `cp`, `trestbps`, `chol`, `fbs`, `restecg`, `thalach`, `exang`, `oldpeak`, \
                 `slope`, `ca`, `thal`, and a column `id` that is not a feature: {heart_columns}"
            )
        );
        let with_id = learner::data::HEART_CSV.lines().enumerate().map(|(row, line)| format!("{line},{row}"));
        let with_id = with_id.collect::<Vec<_>>().join("\n").replacen(",0\n", ",id\n", 1);
        assert_eq!(refused(&with_id), format!("the file has a column `id` that is not a feature: {heart_columns}"));
        // A spreadsheet's export with semicolons.
        assert!(refused(&learner::data::HEART_CSV.replace(',', ";")).contains("the file is separated by semicolons"));
        assert!(refused("63.0,1.0,1.0,145.0,233.0,1.0,2.0,150.0,0.0,2.3,3.0,0.0,6.0,7\n")
            .contains("column 14 (`num`): `7` is not a diagnosis 0 to 4"));
    }

    /// heart.csv's rows `copies` times over (1,212 test rows at 20 copies: more than the
    /// page scores after every sample).
    fn big_heart_csv(copies: usize) -> String {
        let (header, rows) = learner::data::HEART_CSV.split_once('\n').unwrap();
        format!("{header}\n{}", rows.repeat(copies))
    }

    #[test]
    fn a_big_file_is_scored_every_few_samples_and_one_pass_in_slices_replays_exactly() {
        let data = Data::load(file("big.csv", &big_heart_csv(20), Missing::DropRows)).unwrap();
        let mut state = State::start(Setup::default(), data);
        assert_eq!(state.session().curve_every(), 25);
        let samples = |state: &State| state.session().curve().iter().map(|point| point.samples).collect::<Vec<_>>();
        assert_eq!(samples(&state), [25, 50, 75, 100]);
        // A pass in slices of the sizes the page picks as it goes.
        for slice in [16, 64, 256, 1_000, 5_000] {
            state = state.apply(Action::Learn(slice));
        }
        assert_eq!((state.report.trained, state.report.remaining), (4_848, 0));
        assert_eq!(
            state.session().curve().len(),
            4_848 / 25 + 5,
            "every 25 samples, and the last of each of the 5 slices"
        );
        assert_eq!(&state.announcement[..31], "Learned 3412 more samples, 4848");
        let draft = PatientDraft::test_patient(state.session().data(), 0);
        let restored = replay(read(&write(&state, &draft)).unwrap()).unwrap();
        assert_eq!(restored.session().snapshot(), state.session().snapshot());
        assert_eq!(restored.session().curve(), state.session().curve());
    }

    #[test]
    fn a_file_too_big_to_keep_says_so_and_keeps_the_last_saved_session() {
        assert_eq!(app::saved::not_kept(&file("big.csv", &big_heart_csv(20), Missing::DropRows)), None, "219 KB");
        let reason = app::saved::not_kept(&file("bigger.csv", &big_heart_csv(120), Missing::DropRows)).unwrap();
        assert_eq!(
            reason,
            "Not saved in this browser: bigger.csv is 1.3 MB, and the page keeps files up to 1.0 MB with a session \
             (the last saved session is kept). Export the session to keep it."
        );
    }

    #[test]
    fn a_session_on_a_visitors_file_is_saved_with_it_and_restored_exactly() {
        let data = Data::load(file("processed.cleveland.data", CLEVELAND, Missing::ImputeMean)).unwrap();
        let mut state = State::start(Setup { seed: 7, hidden: vec![32, 16] }, data);
        for action in [Action::Train25, Action::Reset, Action::Train25] {
            state = state.apply(action);
        }
        let draft = PatientDraft::test_patient(state.session().data(), 2);
        let text = write(&state, &draft);
        let restored = replay(read(&text).unwrap()).unwrap();
        assert_eq!(restored.session().snapshot(), state.session().snapshot());
        assert_eq!(restored.session().curve(), state.session().curve());
        assert_eq!(&*restored.data.summary, &*state.data.summary);
        let tampered = text.replacen("63.0,1.0,1.0", "64.0,1.0,1.0", 1);
        assert!(read(&tampered)
            .err()
            .unwrap()
            .starts_with("it was saved on other data (processed.cleveland.data fnv1a64:"));
    }
}

mod four_hospitals {
    use app::components::hospitals::both_policies;
    use learner::hospitals::SITES;
    use serde_json::Value;

    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    async fn both_policies_detect_where_river_detects_on_scikit_learns_stream() {
        // tools/make_fixtures.py, hospitals(): scikit-learn's MLPClassifier and River's detectors.
        let fixture: Value = serde_json::from_str(include_str!("../learner/tests/fixtures/hospitals.json")).unwrap();
        let (_, runs) = both_policies(SITES.map(|(_, text)| text), 5).await.unwrap();
        for (points, name) in [(&runs.keep_learning, "keep_learning"), (&runs.new_model_at_drift, "new_model_at_drift")]
        {
            let at = |hit: fn(&learner::hospitals::StreamPoint) -> bool| -> Vec<u64> {
                points.iter().enumerate().filter(|(_, point)| hit(point)).map(|(i, _)| i as u64).collect()
            };
            let expected = |key: &str| -> Vec<u64> {
                fixture["runs"][name][key].as_array().unwrap().iter().map(|v| v.as_f64().unwrap() as u64).collect()
            };
            assert_eq!(points.len(), 920);
            assert_eq!(at(|point| point.adwin), expected("adwin"), "{name}");
            assert_eq!(at(|point| point.page_hinkley), expected("page_hinkley"), "{name}");
        }
    }
}

mod a_million_samples {
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
                if *shown { <LongStreamRunner seed={5} data={data.clone()} /> }
            </>
        }
    }

    #[test]
    async fn a_stream_whose_runner_leaves_the_page_stops() {
        let page = Page::mount::<RunnerThatLeaves>((), "#stream-million").await;
        let before = running_streams();
        page.click("#stream-million");
        let learning = |page: &Page| page.find("#stream-status").and_then(|status| status.text_content());
        page.wait_until("the stream learns", |page| learning(page).is_some_and(|text| text.starts_with("Learning:")))
            .await;
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
                <LongStreamRunner seed={5} data={data.clone()} {on_running} />
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
        let mut stream = LongStream::new(data.clone(), 5, 2_000);
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
        let mut one_by_one = LongStream::new(data.clone(), 5, 2_000);
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
}
