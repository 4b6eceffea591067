use super::*;
use wasm_bindgen_test::wasm_bindgen_test as test;

#[test]
async fn the_confusion_matrix_precision_recall_and_log_loss_are_scikit_learns() {
    let page = Page::open().await;
    let run = workbench_run(0);
    for (samples, remaining) in [("100", None), ("242", Some(0))] {
        if let Some(remaining) = remaining {
            for left in [117, 92, 67, 42, 17, remaining] {
                page.click_and_settle("#train-btn", left).await;
            }
        }
        let expected = &run["test_split"][samples];
        let matrix = &expected["confusion_matrix_labels_0_1"];
        let count = |row: usize, column: usize| matrix[row][column].as_u64().unwrap().to_string();
        let cell = |id: &str| page.text(&format!("#{id} .count"));
        assert_eq!(cell("true-positives"), count(0, 0), "after {samples}");
        assert_eq!(cell("false-negatives"), count(0, 1));
        assert_eq!(cell("false-positives"), count(1, 0));
        assert_eq!(cell("true-negatives"), count(1, 1));
        assert_eq!(page.text("#precision"), to_fixed(expected["precision_disease"].as_f64().unwrap(), 5));
        assert_eq!(page.text("#recall"), to_fixed(expected["recall_disease"].as_f64().unwrap(), 5));
        assert_eq!(page.text("#log-loss"), to_fixed(expected["log_loss"].as_f64().unwrap(), 5));
    }
    let matrix = page.text("#confusion-matrix");
    for words in ["Has heart disease", "No heart disease", "Predicted: heart disease", "true positives", "false alarm"]
    {
        assert!(matrix.contains(words), "the matrix says {words:?}: {matrix}");
    }
}
