use super::*;
use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
async fn the_chart_draws_the_current_run_with_a_title_and_a_description() {
    let page = Page::open().await;
    let chart = page.get("#curve-chart");
    assert_eq!(chart.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(page.text("#curve-title"), "Accuracy against samples learned");
    // Named by its title alone, its description read once, as the description; and in no
    // figure, whose name (its caption, the legend) a screen reader would read twice.
    assert_eq!(chart.get_attribute("aria-labelledby").as_deref(), Some("curve-title"));
    assert!(chart.closest("figure").unwrap().is_none());
    let description = page.text("#curve-desc");
    assert!(description.starts_with("Held-out accuracy after each of the 100 samples learned"), "{description}");
    assert!(description.contains("to 0.80328 now"), "{description}");
    // One path command per sample, for each of the three lines.
    for line in ["held-out", "progressive", "recent"] {
        let path = page.get(&format!("#curve-chart path.{line}")).get_attribute("d").unwrap();
        assert_eq!(path.matches(['M', 'L']).count(), 100, "{line}");
    }
    let held_out = || page.get("#curve-chart path.held-out").get_attribute("d").unwrap();
    assert!(held_out().ends_with("m-3,0a3,3 0 1 0 6,0a3,3 0 1 0-6,0"), "a ring where the model stands now");
    assert!(page.find("#curve-chart path.earlier").is_none(), "no earlier run yet");
    // A run of one point draws no line: the ring is its mark.
    page.click_and_settle("#reset-btn", 241).await;
    assert_eq!(held_out().matches(['M', 'L']).count(), 1);
    assert!(held_out().ends_with("a3,3 0 1 0-6,0"), "{}", held_out());
}

#[test]
async fn the_table_has_scikit_learns_held_out_accuracy_and_rivers_progressive_accuracy_after_every_sample() {
    let page = Page::open().await;
    assert!(page.find("#curve-table").is_none(), "the table is shown on demand");
    assert_eq!(page.text("#curve-table-toggle"), "Show as table");
    let run = workbench_run(0);
    let table = page.curve_table().await;
    assert_eq!(page.text("#curve-table-toggle"), "Hide table");
    assert_eq!(page.get("#curve-table-toggle").get_attribute("aria-expanded").as_deref(), Some("true"));
    assert_eq!(Page::column(&table, 0), (1..=100).map(|n| n.to_string()).collect::<Vec<_>>());
    assert_eq!(Page::column(&table, 1), five_decimals(&run["held_out"], 100));
    assert_eq!(Page::column(&table, 2), five_decimals(&run["progressive"], 100));
    assert_eq!(Page::column(&table, 3), five_decimals(&run["progressive_recent"], 100));

    page.click_and_settle("#train-btn", 117).await;
    let table = page.curve_table().await;
    assert_eq!(table.len(), 125);
    assert_eq!(Page::column(&table, 1), five_decimals(&run["held_out"], 125));
    assert_eq!(Page::column(&table, 2), five_decimals(&run["progressive"], 125));

    page.click("#curve-table-toggle");
    page.settle().await;
    assert!(page.find("#curve-table").is_none());
}

#[test]
async fn one_pass_learns_the_rest_in_slices_as_scikit_learn_learns_it_and_waits_for_nothing() {
    let page = Page::open().await;
    page.click("#train-pass");
    page.wait_until("the pass ends", |page| {
        page.find("#pass-status").is_some_and(|_| page.text("#pass-status").contains("done"))
    })
    .await;
    assert!(page.text("#pass-status").starts_with("Learning one pass: done, 142 samples, "));
    assert!(page.find("#pass-cancel").is_none(), "nothing to cancel once done");
    assert_eq!(page.text("#remaining"), "242 samples learned, 0 remaining");
    assert!(page.disabled("#train-pass") && page.disabled("#train-btn") && !page.disabled("#reset-btn"));
    let run = workbench_run(0);
    let table = page.curve_table().await;
    assert_eq!(Page::column(&table, 0), (1..=242).map(|n| n.to_string()).collect::<Vec<_>>());
    assert_eq!(Page::column(&table, 1), five_decimals(&run["held_out"], 242));
    assert_eq!(Page::column(&table, 2), five_decimals(&run["progressive"], 242));
    page.wait_until("the count-up ends", |page| !page.is_counting()).await;
    assert_eq!(page.accuracy(), to_fixed(run["held_out"][241].as_f64().unwrap(), 5));

    // The ended pass's line tells the held-out accuracy it ended with: gone once a patient
    // taught changes the model.
    page.click("#teach-disease");
    page.wait_until("the patient is learned", |page| page.text("#status").starts_with("Taught")).await;
    assert!(page.find("#pass-status").is_none(), "no stale line: {}", page.text("#status"));
}

#[test]
async fn reset_starts_a_new_run_and_keeps_a_few_earlier_ones_faded() {
    let page = Page::open().await;
    page.click_and_settle("#reset-btn", 241).await;
    assert_eq!(page.all("#curve-chart path.earlier").len(), 1);
    assert_eq!(page.curve_table().await.len(), 1, "the table shows the current run");
    assert!(page.text("#curve-desc").ends_with("One earlier run is drawn faded."));
    for earlier in [2, 3, 3, 3] {
        page.click("#reset-btn");
        page.wait_until("the run is kept", |page| {
            page.text("#curve-desc").contains(&format!("{earlier} earlier runs"))
        })
        .await;
    }
    assert_eq!(page.all("#curve-chart path.earlier").len(), 3, "a few at most");
}
