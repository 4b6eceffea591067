use app::components::hospitals::both_policies;
use learner::hospitals::SITES;
use serde_json::Value;

use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
async fn both_policies_detect_where_river_detects_on_scikit_learns_stream() {
    // tools/make_fixtures.py, hospitals(): scikit-learn's MLPClassifier and River's detectors.
    let fixture: Value = serde_json::from_str(include_str!("../../learner/tests/fixtures/hospitals.json")).unwrap();
    let (_, runs) = both_policies(SITES.map(|(_, text)| text), 5, &[100]).await.unwrap();
    for (points, name) in [(&runs.keep_learning, "keep_learning"), (&runs.new_model_at_drift, "new_model_at_drift")] {
        let at = |hit: fn(&learner::hospitals::StreamPoint) -> bool| -> Vec<u64> {
            points.iter().enumerate().filter(|(_, point)| hit(point)).map(|(i, _)| i as u64).collect()
        };
        let expected = |key: &str| -> Vec<u64> {
            fixture["runs"][name][key].as_array().unwrap().iter().map(|v| v.as_f64().unwrap() as u64).collect()
        };
        assert_eq!(points.len(), 920);
        assert_eq!(at(|point| point.adwin), expected("adwin"), "{name}");
        assert_eq!(at(|point| point.page_hinkley), expected("page_hinkley"), "{name}");
    }
}

/// The view of a visitor's stream of `files` (name, text), both policies run (seed 5, 100 units).
async fn own_stream_view(files: &[(&str, &str)]) -> app::components::hospitals::ViewProps {
    let data = learner::hospitals::HospitalsData::from_named(files).unwrap();
    let runs = app::components::hospitals::runs_of(&data, 5, &[100]).await.unwrap();
    app::components::hospitals::ViewProps {
        prefix: "own-stream".into(),
        file_name: "own-stream-seed5-hidden100.csv".to_owned(),
        stream_name: "your stream".into(),
        data: std::rc::Rc::new(data),
        runs: std::rc::Rc::new(runs),
    }
}

#[test]
async fn the_view_names_its_download_and_says_what_adwins_clock_and_page_hinkleys_zero_mean() {
    use crate::Page;
    use app::components::hospitals::StreamView;

    // A visitor's file of 165 patients without heart disease: the model soon never errs,
    // and Page-Hinkley's tests never leave 0.
    let heart = include_str!("../../data/heart.csv").trim_start_matches('\u{feff}');
    let one_class: String = heart.lines().take(1 + 165).map(|line| format!("{line}\n")).collect();
    let props = own_stream_view(&[("one-class.csv", one_class.as_str())]).await;
    let page = Page::mount::<StreamView>(props, "#own-stream-page-hinkley").await;
    // Its button named for its stream: the hospitals' is "Download the hospitals' stream as CSV".
    assert_eq!(page.text("#own-stream-download"), "Download your stream as CSV");
    // The new model starts at ADWIN's detections only, not Page-Hinkley's.
    let headers: Vec<String> =
        page.all("#own-stream-sites th[scope=col]").iter().filter_map(|th| th.text_content()).collect();
    assert_eq!(headers, ["Site", "Keep learning", "New model at each ADWIN detection"]);
    assert!(page
        .root
        .text_content()
        .unwrap()
        .contains("ADWIN looks for a change only every 32 patients (River's clock)"));
    // No error to rise or fall: no direction given.
    assert_eq!(
        page.text("#own-stream-page-hinkley"),
        "Page-Hinkley, with River's defaults: keep learning, no detection; its tests stayed at 0 against the threshold \
         of 50, as the error rate never moved; a new model at each ADWIN detection, no detection; its tests stayed at 0 \
         against the threshold of 50, as the error rate never moved."
    );
}

#[test]
fn a_streamed_file_not_in_utf8_is_refused_as_such_where_it_is() {
    use app::files::utf8_text;
    let heart = include_str!("../../data/heart.csv").trim_start_matches('\u{feff}');
    assert_eq!(utf8_text(heart.as_bytes().to_vec()).unwrap(), heart);
    assert_eq!(
        utf8_text([b"\xEF\xBB\xBF", heart.as_bytes()].concat()).unwrap(),
        heart,
        "its byte order mark taken off"
    );
    // Windows-1252 (or Latin-1), as Excel on Windows saves "CSV": an accent in the header, or
    // in a value far into the file (past the first 4 KB `wrong_kind` looks at).
    let header = heart.replacen("age", "\u{e2}ge", 1);
    let latin1 = |text: &str| text.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect::<Vec<u8>>();
    assert_eq!(utf8_text(latin1(&header)).unwrap_err(), "line 1, column 1: it is not UTF-8 text: save it as UTF-8");
    let lines: Vec<&str> = heart.lines().collect();
    let mut late = lines.clone();
    let line_201 = lines[200]
        .split(',')
        .enumerate()
        .map(|(i, field)| if i == 9 { "2\u{e9}3" } else { field })
        .collect::<Vec<_>>()
        .join(",");
    late[200] = &line_201;
    assert_eq!(
        utf8_text(latin1(&(late.join("\n") + "\n"))).unwrap_err(),
        "line 201, column 10: it is not UTF-8 text: save it as UTF-8"
    );
    // UTF-16, either byte order, with or without its byte order mark.
    let utf16 = |bytes: fn(u16) -> [u8; 2], mark: bool| -> Vec<u8> {
        let units = mark.then_some(0xFEFF).into_iter().chain(heart.encode_utf16());
        units.flat_map(bytes).collect()
    };
    for (bytes, mark) in [
        (u16::to_le_bytes as fn(u16) -> [u8; 2], true),
        (u16::to_be_bytes, true),
        (u16::to_le_bytes, false),
        (u16::to_be_bytes, false),
    ] {
        assert_eq!(utf8_text(utf16(bytes, mark)).unwrap_err(), "it is UTF-16 text: save it as UTF-8", "{mark}");
    }
    // Not text in any encoding: said so, as before.
    let png = vec![0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d];
    assert_eq!(utf8_text(png).unwrap_err(), "it is not a text file");
}

#[test]
async fn both_runs_give_the_browser_back_its_thread_every_few_milliseconds() {
    use std::cell::RefCell;
    use std::rc::Rc;
    // A timer beside the runs: the longest time between its ticks is the longest task
    // they made the page wait through. (Each run was one task: some 20 ms in a release
    // build, a second with the largest network and 2,000 patients; more in this debug build.)
    let now = || web_sys::window().unwrap().performance().unwrap().now();
    let ticks = Rc::new(RefCell::new(vec![now()]));
    let timer = {
        let ticks = ticks.clone();
        gloo_timers::callback::Interval::new(1, move || ticks.borrow_mut().push(now()))
    };
    let data = learner::hospitals::HospitalsData::load().unwrap();
    let started = now();
    let runs = app::components::hospitals::runs_of(&data, 5, &[100]).await.unwrap();
    let took = now() - started;
    drop(timer);
    assert_eq!((runs.keep_learning.len(), runs.new_model_at_drift.len()), (920, 920));
    let ticks = ticks.borrow();
    let longest = ticks.windows(2).map(|pair| pair[1] - pair[0]).fold(0.0, f64::max);
    wasm_bindgen_test::console_log!("both runs: {took:.0} ms, {} ticks, the longest wait {longest:.1} ms", ticks.len());
    // Slices of 8 ms, a patient over at most; room for a busy machine, far from one task a run.
    assert!(longest < 40.0, "a task of {longest:.1} ms in {took:.0} ms");
}

#[test]
async fn a_visitors_files_are_refused_when_two_share_a_name_or_one_is_not_utf8() {
    use app::components::own_stream::stream_files;
    let file = |name: &str, bytes: &[u8]| {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()
    };
    let heart = include_str!("../../data/heart.csv").trim_start_matches('\u{feff}');
    let streamed =
        |files: Vec<web_sys::File>| async move { stream_files(&files, 5, &[100]).await.map(|(data, _)| data) };
    // Two files of one name (from two folders): which site would be which?
    let twice = vec![file("a.csv", heart.as_bytes()), file("a.csv", SITES[2].1.as_bytes())];
    assert_eq!(
        streamed(twice).await.unwrap_err(),
        "two files are named `a.csv`, and each site is named by its file: rename one."
    );
    // Windows-1252's "é" far into the file: its encoding, not "“2�3” is not a number".
    let late: String = heart
        .lines()
        .enumerate()
        .map(|(i, line)| if i == 200 { line.replacen('.', "\u{e9}", 1) } else { line.to_owned() } + "\n")
        .collect();
    assert!(late.lines().nth(200).unwrap().contains('\u{e9}'));
    let latin1: Vec<u8> = late.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    let error = streamed(vec![file("latin1.csv", &latin1)]).await.unwrap_err();
    assert!(error.starts_with("latin1.csv: line 201, column "), "{error}");
    assert!(error.ends_with(": it is not UTF-8 text: save it as UTF-8."), "{error}");
    // UTF-16 with its byte order mark, which the browser's `text()` would have read as UTF-16.
    let utf16: Vec<u8> = [0xFEFF].into_iter().chain(heart.encode_utf16()).flat_map(u16::to_le_bytes).collect();
    assert_eq!(
        streamed(vec![file("utf16.csv", &utf16)]).await.unwrap_err(),
        "utf16.csv: it is UTF-16 text: save it as UTF-8."
    );
    // A name with a comma and quotes streams, its byte order mark taken off as before.
    let named = vec![
        file("1-va, \"long\" beach.data", SITES[3].1.as_bytes()),
        file("2-heart.csv", include_bytes!("../../data/heart.csv")),
    ];
    let data = streamed(named).await.unwrap();
    assert_eq!(
        (data.len(), data.site_names.clone()),
        (200 + 303, vec!["1-va, \"long\" beach.data".to_owned(), "2-heart.csv".to_owned()])
    );
}

#[test]
async fn long_site_names_and_sites_of_one_patient_are_never_drawn_over_each_other() {
    use crate::Page;
    use app::components::hospitals::{site_labels, StreamView};
    use wasm_bindgen::JsCast;

    let heart = include_str!("../../data/heart.csv").trim_start_matches('\u{feff}');
    let one: String = heart.lines().take(2).map(|line| format!("{line}\n")).collect();
    let files = [
        ("1-cleveland-clinic-foundation.data", SITES[0].1),
        ("2-small-clinic.csv", one.as_str()),
        ("3-university-hospital-zurich-basel.data", SITES[2].1),
        ("4-x.csv", one.as_str()),
        ("5-va-long-beach-medical-center.data", SITES[3].1),
    ];
    let props = own_stream_view(&files).await;
    // The page's text on the chart (style.css), which the names' layout counts on.
    let document = web_sys::window().unwrap().document().unwrap();
    let style = document.create_element("style").unwrap();
    style.set_text_content(Some(
        "#own-stream-chart text { font-family: system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif; font-size: 11px; }",
    ));
    document.body().unwrap().append_child(&style).unwrap();
    let page = Page::mount::<StreamView>(props, "#own-stream-chart .site text").await;
    // The names as the browser draws them: in each row, each ends before the next begins.
    let boxes: Vec<(f64, f64, f64)> = page
        .all("#own-stream-chart .site text")
        .iter()
        .map(|text| {
            let get_bbox: js_sys::Function = js_sys::Reflect::get(text, &"getBBox".into()).unwrap().unchecked_into();
            let bbox = get_bbox.call0(text).unwrap();
            let number = |key: &str| js_sys::Reflect::get(&bbox, &key.into()).unwrap().as_f64().unwrap();
            (number("x"), number("x") + number("width"), number("y"))
        })
        .collect();
    assert_eq!(boxes.len(), 5);
    for pair in [(0, 2), (2, 4), (1, 3)] {
        let (a, b) = (boxes[pair.0], boxes[pair.1]);
        assert_eq!(a.2, b.2, "{pair:?}: one row");
        assert!(a.1 < b.0, "{pair:?}: {a:?} runs into {b:?}");
    }
    assert!(boxes.iter().all(|(left, right, _)| *left >= 0.0 && *right <= 640.0), "{boxes:?}");
    // Shortened where there is no room, whole in its group's title.
    let titles: Vec<String> =
        page.all("#own-stream-chart .site title").iter().filter_map(|t| t.text_content()).collect();
    assert!(titles.contains(&"3-university-hospital-zurich-basel.data".to_owned()), "{titles:?}");

    // On a phone's narrower chart, with its larger text, likewise; and the four hospitals'
    // names whole, VA Long Beach's ending at the chart's edge as before.
    let starts = [32.0, 129.6, 224.2, 263.8];
    let hospitals = site_labels(&starts, &SITES.map(|(name, _)| name), 360.0, 0.55 * 14.0);
    assert!(hospitals.iter().all(|label| !label.shortened));
    assert_eq!((hospitals[3].x, hospitals[3].anchor), (358.0, "end"));
    let names = files.map(|(name, _)| name);
    let labels = site_labels(&[32.0, 175.0, 175.3, 233.0, 233.3], &names, 360.0, 0.55 * 14.0);
    let extent = |label: &app::components::hospitals::SiteLabel| {
        let length = label.text.chars().map(|c| if c == '\u{2026}' { 2.0 } else { 1.0 }).sum::<f64>() * 0.55 * 14.0;
        if label.anchor == "end" {
            (label.x - length, label.x)
        } else {
            (label.x, label.x + length)
        }
    };
    for i in 0..3 {
        assert!(extent(&labels[i]).1 < extent(&labels[i + 2]).0, "{i}: {labels:#?}");
    }
    assert!(labels.iter().all(|label| extent(label).0 >= 0.0 && extent(label).1 <= 358.0), "{labels:#?}");
    assert!(labels[0].shortened && labels[0].text.ends_with('\u{2026}'), "{labels:#?}");
}
