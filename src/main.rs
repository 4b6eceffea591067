//! Mounts the app; everything else lives in `state` and `components`.

fn main() {
    app::panic::install();
    yew::Renderer::<app::App>::new().render();
}
