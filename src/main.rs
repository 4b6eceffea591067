//! Mounts the app; everything else lives in `state` and `components`.

fn main() {
    app::panic::install();
    app::offline::keep_for_offline();
    app::scroll::keep_when_leaving();
    // The session opened (the original's first 100 samples learned and scored, or a saved
    // session replayed) in tasks of a few ms, the page rendered in the next: no task near
    // the 50 ms of a long one on this project's machines, where one took 52 to 116 ms.
    app::opening::open_now();
}
