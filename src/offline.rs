//! The site offline: each page registers the service worker `/sw.js` (made from
//! `service-worker.js` by `make dist`), which keeps the workbench's files at install and the
//! streams page's when first used, so that a page once visited opens and learns again
//! without a network.
//!
//! Storing the workbench costs the first visit little: its files, which the page has just
//! loaded, come from the browser's HTTP cache. Where there is no service worker to register
//! (an insecure address, `trunk serve` answering `/sw.js` with the page), the page is simply
//! not kept: nothing else changes.

use wasm_bindgen::JsValue;

/// Where `make dist` puts the service worker: at the top, so that its scope is the site.
pub const SERVICE_WORKER: &str = "/sw.js";

/// Register the service worker.
pub fn keep_for_offline() {
    let Some(window) = web_sys::window() else { return };
    // `navigator.serviceWorker` exists only in secure contexts.
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let registering = navigator.service_worker().register(SERVICE_WORKER);
    // A refusal only means the site is not kept offline: handled here, not an uncaught
    // rejection (the browser's console still says why it refused).
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(registering).await;
    });
}

/// The streams page's own files, fetched again once the service worker controls the page
/// where it did not when they loaded: a first visit that opened this page directly, before
/// any worker. The worker stores what it fetches, so the page opens offline afterwards, as
/// one reached from the workbench does (the workbench's files the worker stores at
/// install). The files come from the browser's HTTP cache. The streams page calls it; the
/// workbench does not, and its module does not carry it.
pub fn keep_this_page_too() {
    use wasm_bindgen::{prelude::Closure, JsCast};
    let Some(window) = web_sys::window() else { return };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let workers = navigator.service_worker();
    let controller = js_sys::Reflect::get(&workers, &JsValue::from_str("controller")).unwrap_or(JsValue::NULL);
    if !controller.is_null() && !controller.is_undefined() {
        // Controlled from the start: the worker stored the files as they loaded.
        return;
    }
    let fetch_again = Closure::once_into_js(move || {
        let Some(window) = web_sys::window() else { return };
        let origin = window.location().origin().unwrap_or_default();
        let mut urls = vec![window.location().pathname().unwrap_or_default()];
        if let Some(performance) = window.performance() {
            urls.extend(
                performance
                    .get_entries_by_type("resource")
                    .iter()
                    .filter_map(|entry| js_sys::Reflect::get(&entry, &JsValue::from_str("name")).ok()?.as_string())
                    .filter(|url| url.starts_with(&origin)),
            );
        }
        for url in urls {
            // A failure only means this file is not kept: the page runs on.
            let fetched = window.fetch_with_str(&url);
            wasm_bindgen_futures::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(fetched).await;
            });
        }
    });
    workers.set_oncontrollerchange(Some(fetch_again.unchecked_ref()));
}
