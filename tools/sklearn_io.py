"""Move a model between this project's model file and scikit-learn, without pickle.

A model file (README, "The model file") is data only: JSON with scikit-learn's own layout
for the weights (`coefs_`, `intercepts_`) and Adam's state, plus the scaler and the
progress. This module turns one into a fitted `MLPClassifier` and `StandardScaler` whose
next `partial_fit` continues exactly where the file stopped, and writes a fitted
scikit-learn pair back as a model file. Loading a model file never runs code, unlike
`pickle.load`.

Run it in a throwaway virtual environment; it is never a runtime or CI dependency:

    python3 -m venv /tmp/skvenv && /tmp/skvenv/bin/pip install scikit-learn pandas
    /tmp/skvenv/bin/python tools/sklearn_io.py to-sklearn model.json     # summary of the fitted pair
    /tmp/skvenv/bin/python tools/sklearn_io.py fixtures                  # writes the round-trip fixtures

In Python:

    import json, sklearn_io
    clf, scaler = sklearn_io.to_sklearn(json.load(open("model.json")))
    clf.partial_fit(scaler.transform(X_new), y_new)              # goes on exactly
    json.dump(sklearn_io.from_sklearn(clf, scaler), open("back.json", "w"))

Only what the model file describes is supported: a binary `MLPClassifier` with ReLU hidden
layers, classes [0, 1], solver "adam" and no early stopping.
"""

import json
import pathlib
import sys

import numpy as np
from sklearn.neural_network import MLPClassifier
from sklearn.neural_network._stochastic_optimizers import AdamOptimizer
from sklearn.preprocessing import LabelBinarizer, StandardScaler

FORMAT = "online-mlp-classifier"
VERSION = 1
# A session snapshot (README, "A whole session as one value") carries a model file as its
# "model".
SNAPSHOT_FORMAT = "online-learning-session"


def to_sklearn(model_file):
    """A fitted (MLPClassifier, StandardScaler) from a model file (a parsed JSON dict), or
    from the model file a session snapshot carries."""
    if model_file.get("format") == SNAPSHOT_FORMAT and isinstance(model_file.get("model"), dict):
        model_file = model_file["model"]
    if model_file.get("format") != FORMAT or model_file.get("version") != VERSION:
        raise ValueError(f"not an {FORMAT} file of version {VERSION}, nor a session snapshot that carries one")
    if model_file["classes"] != [0, 1]:
        raise ValueError("only classes [0, 1] are supported")
    hp = model_file["hyperparameters"]
    clf = MLPClassifier(
        hidden_layer_sizes=tuple(hp["hidden_layer_sizes"]),
        activation="relu",
        solver="adam",
        alpha=hp["alpha"],
        batch_size="auto" if hp["batch_size"] is None else hp["batch_size"],
        learning_rate_init=hp["learning_rate_init"],
        beta_1=hp["beta_1"],
        beta_2=hp["beta_2"],
        epsilon=hp["epsilon"],
        shuffle=hp["shuffle"],
        max_iter=200,
    )
    layer_sizes = model_file["layer_sizes"]
    coefs = [np.array(c, dtype=np.float64).reshape(a, b) for c, a, b in zip(model_file["coefs"], layer_sizes, layer_sizes[1:])]
    intercepts = [np.array(b, dtype=np.float64) for b in model_file["intercepts"]]

    # What MLPClassifier._initialize and _validate_input leave on a fitted model.
    clf.classes_ = np.array([0, 1])
    clf._label_binarizer = LabelBinarizer().fit(clf.classes_)
    clf.n_features_in_ = layer_sizes[0]
    clf.n_outputs_ = 1
    clf.n_layers_ = len(layer_sizes)
    clf.out_activation_ = "logistic"
    clf.coefs_, clf.intercepts_ = coefs, intercepts
    clf._best_coefs = [c.copy() for c in coefs]
    clf._best_intercepts = [b.copy() for b in intercepts]
    clf.t_ = model_file["progress"]["samples_seen"]
    clf.n_iter_ = clf.t_  # one-sample partial_fit counts one iteration per call
    clf.loss_curve_ = []
    clf._no_improvement_count = 0
    clf.best_loss_ = np.inf

    # Adam's state: scikit-learn keeps it on the optimizer object, params in coefs_ +
    # intercepts_ order, which is the file's order too.
    adam = model_file["adam"]
    optimizer = AdamOptimizer(
        clf.coefs_ + clf.intercepts_, hp["learning_rate_init"], hp["beta_1"], hp["beta_2"], hp["epsilon"]
    )
    optimizer.t = adam["t"]
    optimizer.ms = _layered(adam["ms"], layer_sizes)
    optimizer.vs = _layered(adam["vs"], layer_sizes)
    clf._optimizer = optimizer

    s = model_file["scaler"]
    scaler = StandardScaler()
    scaler.mean_ = np.array(s["mean"], dtype=np.float64)
    scaler.var_ = np.array(s["var"], dtype=np.float64)
    scaler.scale_ = np.array(s["scale"], dtype=np.float64)
    scaler.n_samples_seen_ = s["n_samples_seen"]
    scaler.n_features_in_ = layer_sizes[0]
    return clf, scaler


def from_sklearn(clf, scaler, next_sample=0):
    """A model file (a JSON-ready dict) from a fitted MLPClassifier and its StandardScaler."""
    if list(clf.classes_) != [0, 1] or clf.out_activation_ != "logistic" or clf.activation != "relu":
        raise ValueError("only a binary ReLU MLPClassifier with classes [0, 1] is supported")
    if clf.solver != "adam" or clf.early_stopping:
        raise ValueError("only solver='adam' without early stopping is supported")
    if not (scaler.with_mean and scaler.with_std) or getattr(scaler, "scale_", None) is None:
        raise ValueError(
            "only a fitted StandardScaler with with_mean=True and with_std=True is supported: "
            "a model file's scaler subtracts the mean and divides by the scale"
        )
    layer_sizes = [clf.coefs_[0].shape[0]] + [c.shape[1] for c in clf.coefs_]
    optimizer = clf._optimizer
    n = len(clf.coefs_)
    return {
        "format": FORMAT,
        "version": VERSION,
        "layer_sizes": layer_sizes,
        "classes": [0, 1],
        "hyperparameters": {
            "hidden_layer_sizes": list(clf.hidden_layer_sizes)
            if not np.isscalar(clf.hidden_layer_sizes)
            else [clf.hidden_layer_sizes],
            "alpha": float(clf.alpha),
            "learning_rate_init": float(clf.learning_rate_init),
            "beta_1": float(clf.beta_1),
            "beta_2": float(clf.beta_2),
            "epsilon": float(clf.epsilon),
            "batch_size": None if clf.batch_size == "auto" else int(clf.batch_size),
            "shuffle": bool(clf.shuffle),
        },
        "coefs": [c.tolist() for c in clf.coefs_],
        "intercepts": [b.tolist() for b in clf.intercepts_],
        "adam": {
            "t": int(optimizer.t),
            "ms": {"coefs": [m.tolist() for m in optimizer.ms[:n]], "intercepts": [m.tolist() for m in optimizer.ms[n:]]},
            "vs": {"coefs": [v.tolist() for v in optimizer.vs[:n]], "intercepts": [v.tolist() for v in optimizer.vs[n:]]},
        },
        "scaler": {
            "mean": scaler.mean_.tolist(),
            "var": scaler.var_.tolist(),
            "scale": scaler.scale_.tolist(),
            "n_samples_seen": int(scaler.n_samples_seen_),
        },
        "progress": {"samples_seen": int(clf.t_), "next_sample": int(next_sample)},
    }


def _layered(moments, layer_sizes):
    coefs = [np.array(c, dtype=np.float64).reshape(a, b) for c, a, b in zip(moments["coefs"], layer_sizes, layer_sizes[1:])]
    return coefs + [np.array(b, dtype=np.float64) for b in moments["intercepts"]]


def _max_abs_difference(a, b):
    return max(float(np.max(np.abs(x - y))) for x, y in zip(a, b))


def fixtures():
    """The round trip in both directions, written as fixtures the Rust tests read (CI needs
    no scikit-learn). Direction 1 reads `sklearn_roundtrip_ours_after_100.json`, the model
    file the Rust core writes after seed 5's first 100 samples (the Rust test checks it is
    exactly that file)."""
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    import make_fixtures

    out = make_fixtures.OUT
    X_train, X_test, y_train, y_test = make_fixtures.load_original()
    versions = make_fixtures.VERSIONS

    # 1. Ours -> scikit-learn: 100 samples learned by the core, 142 more in scikit-learn,
    #    against 242 in scikit-learn from the start.
    ours = json.loads((out / "sklearn_roundtrip_ours_after_100.json").read_text())
    clf, scaler = to_sklearn(ours)
    for i in range(100, len(X_train)):
        clf.partial_fit(X_train[i].reshape(1, -1), y_train[[i]], classes=[0, 1])
    np.random.seed(5)
    reference = MLPClassifier(max_iter=200)
    for i in range(len(X_train)):
        reference.partial_fit(X_train[i].reshape(1, -1), y_train[[i]], classes=[0, 1])
    continued = from_sklearn(clf, scaler)
    first = {
        "generated_by": "tools/sklearn_io.py",
        "versions": versions,
        "continued_in_sklearn": continued,
        "continued_score": clf.score(X_test, y_test),
        "sklearn_from_start_score": reference.score(X_test, y_test),
        "max_abs_weight_difference_from_sklearn_from_start": _max_abs_difference(
            clf.coefs_ + clf.intercepts_, reference.coefs_ + reference.intercepts_
        ),
    }
    print(f"ours -> scikit-learn: weights within {first['max_abs_weight_difference_from_sklearn_from_start']:.1e}")
    _write(out / "sklearn_roundtrip_continued_in_sklearn.json", first)

    # 2. Scikit-learn -> ours: a 13-24-1 network trained by scikit-learn (seed 11, 80
    #    samples), written as a model file; then 60 more samples in scikit-learn.
    df = make_fixtures.pd.read_csv(make_fixtures.DATA)
    scaler = StandardScaler().fit(df.drop("target", axis=1))
    np.random.seed(11)
    trained = MLPClassifier(hidden_layer_sizes=(24,), max_iter=200, alpha=0.001)
    for i in range(80):
        trained.partial_fit(X_train[i].reshape(1, -1), y_train[[i]], classes=[0, 1])
    model_file = from_sklearn(trained, scaler, next_sample=80)
    proba = trained.predict_proba(X_test)[:, 1]
    again, _ = to_sklearn(json.loads(json.dumps(model_file)))
    assert np.array_equal(again.predict_proba(X_test)[:, 1], proba), "to_sklearn(from_sklearn(clf)) predicts the same"
    for i in range(80, 140):
        trained.partial_fit(X_train[i].reshape(1, -1), y_train[[i]], classes=[0, 1])
    second = {
        "generated_by": "tools/sklearn_io.py",
        "versions": versions,
        "model_file": model_file,
        "predict_proba_test": proba.tolist(),
        "after_60_more": {
            "coefs": [c.tolist() for c in trained.coefs_],
            "intercepts": [b.tolist() for b in trained.intercepts_],
            "score": trained.score(X_test, y_test),
        },
    }
    _write(out / "sklearn_roundtrip_trained_in_sklearn.json", second)


def _write(path, payload):
    path.write_text(json.dumps(payload, separators=(",", ":")) + "\n")
    print(f"wrote {path} ({path.stat().st_size} bytes)")


def main(argv):
    if argv[1:2] == ["fixtures"]:
        fixtures()
    elif argv[1:2] == ["to-sklearn"] and len(argv) == 3:
        clf, scaler = to_sklearn(json.loads(pathlib.Path(argv[2]).read_text()))
        print(f"{clf!r}: layers {[clf.coefs_[0].shape[0]] + [c.shape[1] for c in clf.coefs_]}, t_ = {clf.t_}, "
              f"Adam t = {clf._optimizer.t}; scaler over {len(scaler.mean_)} features")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
