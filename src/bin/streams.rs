//! The streams page (`streams.html`, served at /streams/): four hospitals as one drifting
//! stream, apart from the workbench so that the workbench's first load does not carry the
//! drift detectors and the scenario.

fn main() {
    app::panic::install();
    app::offline::keep_for_offline();
    app::offline::keep_this_page_too();
    yew::Renderer::<app::components::streams::StreamsPage>::new().render();
}
