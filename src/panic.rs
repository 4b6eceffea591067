//! A bug that panics leaves a message on the page, not a page that silently stops
//! answering: the bundle aborts on panic, so the module cannot go on, and the message says
//! so and what is safe (the session is saved up to the last action; a reload restores it).
//! The panic is also written to the console, as Yew's default hook does.

use std::panic::PanicHookInfo;

/// Report panics on the page from now on (`main` calls it before rendering).
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info: &PanicHookInfo<'_>| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// The message for a panic whose text is `detail`, at the top of the page, announced.
pub fn show(detail: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let Ok(banner) = document.create_element("div") else { return };
    banner.set_id("page-error");
    banner.set_class_name("page-error");
    let _ = banner.set_attribute("role", "alert");
    banner.set_text_content(Some(&format!(
        "Something went wrong inside this page and it cannot go on. Your session is saved up to your last \
         action: reload the page to continue. (Details for a bug report: {detail})"
    )));
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}
