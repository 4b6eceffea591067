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

/// A value that comes while the count-up runs is shown at once: a pass's slices follow each
/// other faster than a count, which, started again at each, would lag ever further behind.
#[test]
async fn a_value_that_comes_while_the_accuracy_counts_is_shown_at_once() {
    let page = Page::open().await;
    let after_150 = server_steps().into_iter().find(|step| step.remaining == 92).unwrap().shown;
    page.click("#train-btn");
    page.wait_until("the count-up starts", |page| page.is_counting()).await;
    page.click("#train-btn");
    page.wait_until("the click is answered", |page| page.text("#remaining").ends_with(", 92 remaining")).await;
    page.settle().await;
    assert!(!page.is_counting());
    assert_eq!(page.accuracy(), after_150);
    // After a settled value, the next counts up again.
    page.click("#train-btn");
    page.wait_until("the count-up starts", |page| page.is_counting()).await;
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
