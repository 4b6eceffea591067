//! Mounts the app; everything else lives in `state` and `components`.

fn main() {
    app::panic::install();
    app::offline::keep_for_offline();
    yew::Renderer::<app::App>::new().render();
}
