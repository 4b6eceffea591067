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
