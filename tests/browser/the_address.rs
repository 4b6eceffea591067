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
