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
