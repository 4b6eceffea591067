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
