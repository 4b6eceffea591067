//! Mounts the app; everything else lives in `state` and `components`.

fn main() {
    app::panic::install();
    app::offline::keep_for_offline();
    // The session opened in this task (the original's first 100 samples learned and scored,
    // or a saved session replayed), the page rendered in the next: two tasks, each under the
    // 50 ms of a long task on this project's machines, where one took 52 to 116 ms.
    app::components::app::open_now();
    gloo_timers::callback::Timeout::new(0, || {
        yew::Renderer::<app::App>::new().render();
    })
    .forget();
}
