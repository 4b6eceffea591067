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
        (
            r#"{"format": "something-else"}"#,
            "it is not a saved session of this page (format \u{201c}something-else\u{201d})",
        ),
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
async fn snapshots_are_listed_in_the_order_a_person_reads_their_names() {
    let page = Page::open().await;
    for name in ["snap 10", "snap 9", "snap 1", "other"] {
        page.fill("#snapshot-name", name).await;
        page.click("#snapshot-save");
        page.settle().await;
    }
    let listed: Vec<String> =
        page.all("#snapshot-list .snapshot-name").iter().map(|name| name.text_content().unwrap()).collect();
    assert_eq!(listed, ["other", "snap 1", "snap 9", "snap 10"]);
}

#[test]
async fn the_choice_for_missing_values_is_kept_for_the_next_visit() {
    let storage = fresh_storage();
    let page = Page::open_in(None, &storage).await;
    assert_eq!(page.value("#data-missing"), "drop", "a first visit leaves rows with a missing value out");
    page.fill("#data-missing", "impute").await;
    // heart.csv has no missing value: the choice waits for a raw file, across a reload too.
    let reopened = Page::open_in(None, &storage).await;
    assert_eq!(reopened.value("#data-missing"), "impute");
    reopened.fill("#data-missing", "drop").await;
    assert_eq!(Page::open_in(None, &storage).await.value("#data-missing"), "drop");
    // Another visitor's browser (other storage) starts from the default.
    assert_eq!(Page::open_in(None, &fresh_storage()).await.value("#data-missing"), "drop");
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
    assert_eq!(page.text("#snapshot-status"), "Give the snapshot a name first.");
    assert_eq!(page.text("#snapshot-list"), "No snapshots yet.");
    // A name a line or two long at most: typing stops at 80 characters, and a longer one
    // (pasted by a script) is refused.
    assert_eq!(page.get("#snapshot-name").get_attribute("maxlength").as_deref(), Some("80"));
    page.fill("#snapshot-name", &"a".repeat(81)).await;
    page.click("#snapshot-save");
    page.settle().await;
    assert_eq!(page.text("#snapshot-status"), "Give the snapshot a name of at most 80 characters.");
    assert_eq!(page.text("#snapshot-list"), "No snapshots yet.");
    page.fill("#snapshot-name", "after one click").await;
    page.click("#snapshot-save");
    page.settle().await;
    assert_eq!(page.text("#snapshot-list .snapshot-name"), "after one click");
    assert_eq!(page.text("#snapshot-status"), "Saved the session as \u{201c}after one click\u{201d}.");

    page.click_and_settle("#reset-btn", 241).await;
    let said = live_announcements(&page.root);
    page.click(OPEN);
    page.wait_until("the snapshot opens", |page| page.text("#remaining").ends_with(", 117 remaining")).await;
    page.wait_until("the count-up ends", |page| !page.is_counting()).await;
    assert_eq!(page.accuracy(), after_one_click);
    assert_eq!(page.curve_table().await.len(), 125);
    // Shown beside the list, said once: by the status, which gives the accuracy too; the
    // session it replaced kept as a snapshot.
    const KEPT: &str = " The session before is kept as the snapshot \u{201c}Before opening a snapshot\u{201d}.";
    assert_eq!(page.text("#snapshot-status"), format!("Opened \u{201c}after one click\u{201d}.{KEPT}"));
    let said: Vec<String> = said.iter().map(|text| text.as_string().unwrap()).collect();
    assert_eq!(said, [format!("Opened \u{201c}after one click\u{201d}: held-out accuracy {after_one_click}.{KEPT}")]);
    let names = |page: &Page| {
        page.all(".snapshot-name").iter().map(|name| name.text_content().unwrap_or_default()).collect::<Vec<_>>()
    };
    assert_eq!(names(&page), ["Before opening a snapshot", "after one click"]);

    // The same name again: the visitor is told it exists, and it is replaced only on a
    // second "Save as".
    page.click_and_settle("#train-btn", 92).await;
    page.click("#snapshot-save");
    page.settle().await;
    assert_eq!(
        page.text("#snapshot-status"),
        "A snapshot named \u{201c}after one click\u{201d} exists. Save again to replace it, or choose another name."
    );
    assert_eq!(page.text("#snapshot-save"), "Replace it");
    page.click(OPEN);
    page.wait_until("the snapshot opens unchanged", |page| page.text("#remaining").ends_with(", 117 remaining")).await;
    page.click_and_settle("#train-btn", 92).await;
    // Another action on the snapshots (one opened) took the warning's place: the button
    // asks again before it replaces.
    assert_eq!(page.text("#snapshot-save"), "Save as", "the warning gone, the question too");
    page.click("#snapshot-save");
    page.settle().await;
    assert_eq!(page.text("#snapshot-save"), "Replace it");
    page.click("#snapshot-save");
    page.settle().await;
    assert_eq!(page.text("#snapshot-status"), "Replaced the snapshot \u{201c}after one click\u{201d}.");
    assert_eq!(page.text("#snapshot-save"), "Save as");
    assert_eq!(names(&page), ["Before opening a snapshot", "after one click"]);
    page.click_and_settle("#reset-btn", 241).await;
    page.click(OPEN);
    page.wait_until("the replaced snapshot opens", |page| page.text("#remaining").ends_with(", 92 remaining")).await;
    // The session it replaced, the Reset's, opens from the snapshot kept.
    page.click("button[aria-label='Open Before opening a snapshot']");
    page.wait_until("the session replaced opens", |page| page.text("#remaining").ends_with(", 241 remaining")).await;

    for _ in 0..2 {
        page.click(".snapshot-delete");
        page.settle().await;
    }
    assert_eq!(page.text("#snapshot-list"), "No snapshots yet.");
}

/// The button that opens the snapshot "after one click".
const OPEN: &str = "button[aria-label='Open after one click']";

#[test]
async fn start_fresh_is_the_setups_start() {
    let page = Page::open().await;
    page.click_and_settle("#train-btn", 117).await;
    page.click_and_settle("#start-fresh", 142).await;
    assert_eq!(page.accuracy(), "0.80328");
    assert_eq!(page.curve_table().await.len(), 100);
}
