//! Mounts the app; everything else lives in `state` and `components`.

fn main() {
    yew::Renderer::<app::App>::new().render();
}
