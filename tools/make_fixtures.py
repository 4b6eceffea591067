"""Generate the parity fixtures in learner/tests/fixtures/ from scikit-learn itself.

scikit-learn is the reference oracle of this project, never a dependency of it: run this
in a throwaway virtual environment, then commit the JSON files it writes.

    python3 -m venv /tmp/skvenv
    /tmp/skvenv/bin/pip install scikit-learn pandas
    /tmp/skvenv/bin/python tools/make_fixtures.py             # every fixture
    /tmp/skvenv/bin/python tools/make_fixtures.py scaler_partial_fit   # or those named

Every fixture records the library versions that produced it. Floats are written with
Python's repr, which round-trips exactly.
"""

import json
import math
import pathlib
import platform

import numpy as np
import pandas as pd
import scipy
import sklearn
from sklearn.metrics import confusion_matrix, log_loss, precision_score, recall_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "heart.csv"
OUT = ROOT / "learner" / "tests" / "fixtures"

VERSIONS = {
    "python": platform.python_version(),
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "pandas": pd.__version__,
    "scikit-learn": sklearn.__version__,
}


def write(name, payload):
    payload = {"generated_by": "tools/make_fixtures.py", "versions": VERSIONS, **payload}
    path = OUT / name
    path.write_text(json.dumps(payload, indent=None, separators=(",", ":")) + "\n")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


def floats(a):
    return np.asarray(a, dtype=np.float64).tolist()


def spy_on_initialisation():
    """Record the weights scikit-learn draws, exactly as drawn, before any update."""
    original = MLPClassifier._initialize

    def initialize(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.initial_coefs_ = [c.copy() for c in self.coefs_]
        self.initial_intercepts_ = [b.copy() for b in self.intercepts_]

    MLPClassifier._initialize = initialize


def weights(clf):
    return {"coefs": [floats(c) for c in clf.coefs_], "intercepts": [floats(b) for b in clf.intercepts_]}


def load_original():
    """The original notebook's preprocessing, line for line."""
    df = pd.read_csv(DATA)
    X = df.drop("target", axis=1)
    y = df["target"]
    X = StandardScaler().fit_transform(X)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.20, random_state=0)
    return X_train, X_test, y_train.values, y_test.values


def numpy_random():
    cases = []
    for seed in [0, 5, 42, 2**32 - 1]:
        rs = np.random.RandomState(seed)
        bound = math.sqrt(6.0 / (13 + 100))
        case = {
            "seed": seed,
            "random_sample": floats(rs.random_sample(100)),
            "uniform": {"low": -bound, "high": bound, "values": floats(rs.uniform(-bound, bound, 30))},
            "permutations": [
                {"n": n, "values": rs.permutation(n).tolist()} for n in [1, 2, 10, 303, 1000]
            ],
        }
        shuffled = np.arange(20)
        rs.shuffle(shuffled)
        case["shuffle_20"] = shuffled.tolist()
        case["random_sample_after"] = floats(rs.random_sample(10))
        cases.append(case)
    write("numpy_random.json", {"cases": cases})


def preprocessing():
    df = pd.read_csv(DATA)
    X = df.drop("target", axis=1)
    scaler = StandardScaler().fit(X)
    train_idx, test_idx = train_test_split(np.arange(len(df)), test_size=0.20, random_state=0)

    # Constant and near-constant columns: scikit-learn scales them by 1.
    odd = np.array([[1.0, 5.0, 1e9, -2.0], [1.0, 5.0, 1e9 + 1e-7, 3.0], [1.0, 5.0, 1e9, 0.5]])
    odd_scaler = StandardScaler().fit(odd)
    write(
        "preprocessing.json",
        {
            "feature_names": list(X.columns),
            "scaler": {
                "mean": floats(scaler.mean_),
                "var": floats(scaler.var_),
                "scale": floats(scaler.scale_),
                "n_samples_seen": int(scaler.n_samples_seen_),
            },
            "X_scaled": floats(scaler.transform(X)),
            "train_indices": train_idx.tolist(),
            "test_indices": test_idx.tolist(),
            "constant_columns": {
                "X": floats(odd),
                "mean": floats(odd_scaler.mean_),
                "var": floats(odd_scaler.var_),
                "scale": floats(odd_scaler.scale_),
                "X_scaled": floats(odd_scaler.transform(odd)),
            },
        },
    )


def scaler_partial_fit():
    """StandardScaler.partial_fit on heart.csv's features: a sample at a time, and in batches
    of uneven sizes (1, 2, 7, 8, 9, 64, 129 and the rest), each batch column-major as a
    DataFrame's rows are; the statistics after every call, and the scaled first row."""
    X = pd.read_csv(DATA).drop("target", axis=1).to_numpy(dtype=np.float64)

    def statistics(scaler):
        return {
            "mean": floats(scaler.mean_),
            "var": floats(scaler.var_),
            "scale": floats(scaler.scale_),
            "n_samples_seen": int(scaler.n_samples_seen_),
        }

    def run(sizes):
        scaler, steps, start = StandardScaler(), [], 0
        for size in sizes:
            scaler.partial_fit(np.asfortranarray(X[start : start + size]))
            start += size
            steps.append({"rows": size, **statistics(scaler)})
        return {"sizes": sizes, "steps": steps, "first_row_scaled": floats(scaler.transform(X[:1])[0])}

    batches = [1, 2, 7, 8, 9, 64, 129]
    batches.append(len(X) - sum(batches))
    write(
        "scaler_partial_fit.json",
        {"one_at_a_time": run([1] * len(X)), "batches": run(batches), "fit": statistics(StandardScaler().fit(X))},
    )


def notebook_run(seed, epochs, snapshots=()):
    """The original notebook's loop, `epochs` passes over the training split."""
    X_train, X_test, y_train, y_test = load_original()
    np.random.seed(seed)
    clf = MLPClassifier(max_iter=200)
    n = len(X_train)
    last = epochs * n - 1
    curve, snaps = [], {}
    for i in range(epochs * n):
        k = i % n
        clf.partial_fit(X_train[k].reshape(1, -1), y_train[[k]], classes=[0, 1])
        if i == 0:
            snaps["initial"] = {
                "coefs": [floats(c) for c in clf.initial_coefs_],
                "intercepts": [floats(b) for b in clf.initial_intercepts_],
            }
        if i + 1 in snapshots:
            snaps[f"after_{i + 1}"] = weights(clf)
            snaps[f"after_{i + 1}"]["predict_proba_test"] = floats(clf.predict_proba(X_test)[:, 1])
        if i > 0 and i % 25 == 0 or i == last:
            curve.append([i, clf.score(X_test, y_test)])
    snaps["adam_t"] = clf._optimizer.t
    snaps["samples_seen"] = clf.t_
    snaps["random_sample_after"] = floats(np.random.random_sample(3))
    return curve, snaps


def mlp_seed5():
    curve, snaps = notebook_run(5, 1, snapshots=(1, 25, 100, 242))
    write("mlp_seed5.json", {"seed": 5, "hidden_layer_sizes": [100], "curve": curve, **snaps})


def curves():
    runs = []
    for seed in [5, 0, 42]:
        for epochs in [1, 2]:
            curve, _ = notebook_run(seed, epochs)
            runs.append({"seed": seed, "epochs": epochs, "curve": curve})
    write("curves.json", {"runs": runs})


def server():
    """The original Flask server's responses to a sequence of clicks (seed 5 at start).

    The original indexes past the end of X_train on the seventh "+25"; our page trains the
    17 samples that remain instead, which is what this records for that click.
    """
    X_train, X_test, y_train, y_test = load_original()
    np.random.seed(5)
    state = {"clf": MLPClassifier(max_iter=200), "start_at": 0}

    def train(count):
        end_at = min(state["start_at"] + count, len(X_train))
        for i in range(state["start_at"], end_at):
            state["clf"].partial_fit(X_train[i].reshape(1, -1), y_train[[i]], classes=[0, 1])
        state["start_at"] = end_at
        score = state["clf"].score(X_test, y_test)
        return {"score": score, "result": round(score, 5), "remaining": len(X_train) - end_at}

    def reset():
        state["clf"] = MLPClassifier(max_iter=200)
        state["start_at"] = 0
        return train(1)

    steps = [dict(action="start", **train(100))]
    for _ in range(6):
        steps.append(dict(action="train25", **train(25)))
    steps.append(dict(action="reset", **reset()))
    steps.append(dict(action="train25", **train(25)))
    steps.append(dict(action="train25", **train(25)))
    steps.append(dict(action="reset", **reset()))
    steps.append(dict(action="train25", **train(25)))
    write("server.json", {"seed": 5, "steps": steps})


def batches():
    """partial_fit on whole batches: the shuffle draws from the stream, batches of 200."""
    X_train, X_test, y_train, y_test = load_original()
    np.random.seed(7)
    clf = MLPClassifier(max_iter=200)
    steps = []
    for rows in [list(range(10)), list(range(242)), [3, 1, 4, 1, 5]]:
        clf.partial_fit(X_train[rows], y_train[rows], classes=[0, 1])
        steps.append({"rows": rows, **weights(clf)})
    write(
        "batches.json",
        {
            "seed": 7,
            "steps": steps,
            "adam_t": clf._optimizer.t,
            "predict_proba_test": floats(clf.predict_proba(X_test)[:, 1]),
            "random_sample_after": floats(np.random.random_sample(3)),
        },
    )


def deep():
    """Two hidden layers: the general backpropagation path."""
    X_train, X_test, y_train, y_test = load_original()
    np.random.seed(3)
    clf = MLPClassifier(hidden_layer_sizes=(16, 8), max_iter=200)
    for i in range(60):
        clf.partial_fit(X_train[i].reshape(1, -1), y_train[[i]], classes=[0, 1])
    write(
        "deep.json",
        {
            "seed": 3,
            "hidden_layer_sizes": [16, 8],
            "samples": 60,
            **weights(clf),
            "predict_proba_test": floats(clf.predict_proba(X_test)[:, 1]),
            "score": clf.score(X_test, y_test),
        },
    )


def overflow():
    """Rows too large for the network: a sum of inf and -inf is NaN, which numpy's `maximum`
    (scikit-learn's ReLU) keeps from one hidden layer to the next, so predict_proba is NaN
    there and predict 0. Two hidden layers, so that a NaN is made inside the network."""
    X_train, X_test, y_train, _ = load_original()
    np.random.seed(3)
    clf = MLPClassifier(hidden_layer_sizes=(16, 8), max_iter=200)
    for i in range(60):
        clf.partial_fit(X_train[i].reshape(1, -1), y_train[[i]], classes=[0, 1])
    # One feature huge in a test row, and every feature huge, of random signs: the sums of
    # the second make inf and -inf, and the output sums both.
    rows = []
    for value in (1e308, -1e308, 1e154, 1e30):
        for feature in range(X_test.shape[1]):
            row = X_test[feature].copy()
            row[feature] = value
            rows.append(row)
    signs = np.random.RandomState(0).choice([-1.0, 1.0], size=(40, X_test.shape[1]))
    rows = np.array(rows + list(signs * 1.7e308))
    with np.errstate(over="ignore", invalid="ignore"):
        proba = clf.predict_proba(rows)[:, 1]
        predicted = clf.predict(rows)
    write(
        "overflow.json",
        {
            "seed": 3,
            "hidden_layer_sizes": [16, 8],
            "samples": 60,
            "rows": floats(rows),
            # JSON has no NaN: null stands for it.
            "predict_proba": [None if math.isnan(p) else p for p in proba.tolist()],
            "predict": predicted.tolist(),
        },
    )


def workbench():
    """The workbench page's numbers: after every one-sample partial_fit, the held-out score
    on the 61 test rows; before it, the sample's predicted probability (progressive
    validation, River's order: predict, update the metric, learn) and River's own
    cumulative and rolling (last 50) accuracies of those predictions. Then the test split in
    detail at the page's first checkpoints, with heart disease (target 0) as the positive
    class."""
    from river import metrics as river_metrics
    from river import utils as river_utils

    X_train, X_test, y_train, y_test = load_original()
    runs = []
    for seed, hidden in [(5, [100]), (42, [100]), (7, [32, 16])]:
        np.random.seed(seed)
        clf = MLPClassifier(hidden_layer_sizes=tuple(hidden), max_iter=200)
        cumulative = river_metrics.Accuracy()
        recent = river_utils.Rolling(river_metrics.Accuracy, window_size=50)
        run = {"seed": seed, "hidden_layer_sizes": hidden, "held_out": [], "predicted_proba": [],
               "progressive": [], "progressive_recent": []}
        details = {}
        for i in range(len(X_train)):
            x, y = X_train[i].reshape(1, -1), y_train[[i]]
            # Before its first partial_fit scikit-learn has no weights to predict with; the
            # page predicts sample 0 with the weights that partial_fit is about to draw.
            p = float(clf.predict_proba(x)[0, 1]) if i > 0 else first_prediction(x, hidden)
            run["predicted_proba"].append(p)
            predicted = int(p > 0.5)
            cumulative.update(int(y[0]), predicted)
            recent.update(int(y[0]), predicted)
            run["progressive"].append(cumulative.get())
            run["progressive_recent"].append(recent.get())
            clf.partial_fit(x, y, classes=[0, 1])
            run["held_out"].append(clf.score(X_test, y_test))
            if seed == 5 and i + 1 in (100, 242):
                details[str(i + 1)] = test_split_in_detail(clf, X_test, y_test)
        if details:
            run["test_split"] = details
        runs.append(run)
    import river

    write("workbench.json", {"river": river.__version__, "split_sizes": [len(X_train), len(X_test)], "runs": runs})


def first_prediction(x, hidden):
    """A fresh model's prediction of `x`: the weights the next partial_fit will draw (the
    stream is put back where it was), forward-passed before any update."""
    state = np.random.get_state()
    probe = MLPClassifier(hidden_layer_sizes=tuple(hidden), max_iter=200)
    probe.partial_fit(x, np.array([0]), classes=[0, 1])
    probe.coefs_ = [c.copy() for c in probe.initial_coefs_]
    probe.intercepts_ = [b.copy() for b in probe.initial_intercepts_]
    np.random.set_state(state)
    return float(probe.predict_proba(x)[0, 1])


def test_split_in_detail(clf, X_test, y_test):
    proba = clf.predict_proba(X_test)
    predicted = clf.predict(X_test)
    # labels=[0, 1]: rows are the truth, columns the prediction, disease (0) first.
    matrix = confusion_matrix(y_test, predicted, labels=[0, 1])
    return {
        "confusion_matrix_labels_0_1": matrix.tolist(),
        "precision_disease": float(precision_score(y_test, predicted, pos_label=0, zero_division=0)),
        "recall_disease": float(recall_score(y_test, predicted, pos_label=0, zero_division=0)),
        "log_loss": float(log_loss(y_test, proba, labels=[0, 1])),
        "accuracy": clf.score(X_test, y_test),
        "probability_of_disease": floats(proba[:, 0]),
    }


UCI_RECODE = {"cp": {1: 3, 2: 1, 3: 2, 4: 0}, "restecg": {0: 1, 1: 2, 2: 0}, "slope": {1: 2, 2: 1, 3: 0},
              "thal": {3: 2, 6: 1, 7: 3}}
UCI_SITES = ["cleveland", "hungarian", "switzerland", "va"]


def read_uci(site):
    """A raw UCI file of data/uci/ recoded to heart.csv's codes (read_uci_file)."""
    return read_uci_file(ROOT / "data" / "uci" / f"processed.{site}.data")


def read_uci_file(path):
    """A raw UCI file recoded to heart.csv's codes as learner/src/uci.rs recodes it: the
    features (NaN where missing) and heart.csv's target (1 = no disease)."""
    import csv

    names = list(pd.read_csv(DATA).drop("target", axis=1).columns)
    rows, target = [], []
    with open(path) as file:
        for record in csv.reader(file):
            if not record:
                continue
            row = []
            for value, name in zip(record, names):
                if value.strip() == "?":
                    row.append(np.nan)
                else:
                    number = float(value)
                    row.append(float(UCI_RECODE[name][int(number)]) if name in UCI_RECODE else number)
            rows.append(row)
            target.append(1 if float(record[13]) == 0 else 0)
    return np.array(rows), np.array(target)


def uci_imputer():
    """SimpleImputer(strategy="mean") on each raw UCI file, fitted on the training split's
    rows (`train_test_split(test_size=0.2, random_state=0)` of the file's rows, as the
    workbench splits them): the means that fill its missing values, in every row; and the
    notebook's loop on the file so read (scaled as a whole as the original does, seed 5)."""
    from sklearn.impute import SimpleImputer

    statistics, curves = {}, {}
    for site in UCI_SITES:
        X, y = read_uci(site)
        train_idx, test_idx = train_test_split(np.arange(len(X)), test_size=0.20, random_state=0)
        imputer = SimpleImputer(strategy="mean").fit(X[train_idx])
        statistics[site] = floats(imputer.statistics_)
        X = StandardScaler().fit_transform(imputer.transform(X))
        X_train, X_test, y_train, y_test = X[train_idx], X[test_idx], y[train_idx], y[test_idx]
        np.random.seed(5)
        clf = MLPClassifier(max_iter=200)
        curve = []
        for i in range(len(X_train)):
            clf.partial_fit(X_train[i].reshape(1, -1), y_train[[i]], classes=[0, 1])
            if i > 0 and i % 25 == 0 or i == len(X_train) - 1:
                curve.append([i, clf.score(X_test, y_test)])
        curves[site] = curve
    names = list(pd.read_csv(DATA).drop("target", axis=1).columns)
    write("uci_imputer.json", {"feature_names": names, "statistics": statistics, "notebook_seed5": curves})


def drift():
    """River's drift detectors on fixed streams: each stream and the indices where River's
    detector reports a drift, with its default parameters and with a few other sets; and the
    README's drift example, on scikit-learn's progressive errors over heart.csv in its order."""
    import random

    import river
    from river import drift as river_drift

    rng = random.Random(12345)
    streams = {
        # River's own docstring example: a jump in the mean at 1000.
        "river_example": rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000),
    }
    errors = np.random.RandomState(17)
    # Progressive-validation error streams (1 = a wrong prediction): the error rate rises,
    # falls, and rises twice.
    streams["error_rate_up"] = (errors.random_sample(600) < 0.2).astype(int).tolist() + (
        errors.random_sample(600) < 0.6
    ).astype(int).tolist()
    streams["error_rate_down"] = (errors.random_sample(600) < 0.5).astype(int).tolist() + (
        errors.random_sample(600) < 0.1
    ).astype(int).tolist()
    streams["two_shifts"] = [int(errors.random_sample() < p) for p in [0.15] * 400 + [0.45] * 400 + [0.8] * 400]
    # Longer streams with several changes of the error rate, and a real-valued one.
    for number in range(4):
        rates = errors.uniform(0.05, 0.9, size=6)
        lengths = errors.randint(150, 900, size=6)
        streams[f"shifts_{number}"] = [int(errors.random_sample() < rate) for rate, n in zip(rates, lengths) for _ in range(n)]
    streams["gaussian_jumps"] = [float(v) for v in np.concatenate(
        [errors.normal(mean, 1.0, 700) for mean in (0.0, 1.5, -0.5, 3.0)])]
    def found(detector, stream):
        indices = []
        for index, value in enumerate(stream):
            detector.update(value)
            if detector.drift_detected:
                indices.append(index)
        return indices

    detections = {"page_hinkley": {}, "adwin": {}}
    for name, stream in streams.items():
        for key, detector in [("page_hinkley", river_drift.PageHinkley()), ("adwin", river_drift.ADWIN())]:
            detections[key][name] = found(detector, stream)
    # Other parameters than River's defaults (the npm package takes them): each set's
    # detections on every stream.
    other = [
        ("page_hinkley", {"threshold": 20.0}),
        ("page_hinkley", {"min_instances": 10, "delta": 0.01, "threshold": 25.0, "alpha": 0.999, "mode": "up"}),
        ("page_hinkley", {"threshold": 15.0, "mode": "down"}),
        ("adwin", {"delta": 0.1}),
        ("adwin", {"delta": 0.01, "clock": 8}),
    ]
    made = {"page_hinkley": river_drift.PageHinkley, "adwin": river_drift.ADWIN}
    with_parameters = [
        {"detector": key, "parameters": parameters,
         "detections": {name: found(made[key](**parameters), stream) for name, stream in streams.items()}}
        for key, parameters in other
    ]
    # The README's drift example (the npm package's): heart.csv in its own order (its first 165
    # patients without heart disease), one StandardScaler on all of it, MLPClassifier() after
    # np.random.seed(5), each row predicted (from the second), then learned; both detectors
    # on the errors.
    frame = pd.read_csv(DATA)
    X = StandardScaler().fit_transform(frame.drop("target", axis=1))
    y = frame["target"].to_numpy()
    np.random.seed(5)
    clf = MLPClassifier()
    errors = []
    for i in range(len(X)):
        if i > 0:
            errors.append(int(int(clf.predict_proba(X[i:i + 1])[0, 1] > 0.5) != y[i]))
        clf.partial_fit(X[i:i + 1], y[i:i + 1], classes=[0, 1])
    # Rows of heart.csv (the first error is row 1's).
    heart_in_order = {"errors": errors, **{key: [index + 1 for index in found(made[key](), errors)] for key in made}}
    write("drift.json", {"river": river.__version__, "streams": streams, **detections,
                         "with_parameters": with_parameters, "heart_in_order": heart_in_order})


def hospitals_stream(paths=None):
    """The four hospitals as one stream (learner/src/hospitals.rs): each raw file recoded and
    imputed with its own means, one StandardScaler on all 920 patients. The patients scaled,
    their targets, and each one's site (0 to 3, in UCI_SITES order). With `paths`, a
    visitor's files as the sites instead (HospitalsData::from_named): heart.csv's form, its
    13 columns found by name, or UCI's raw form as the hospitals'."""
    from sklearn.impute import SimpleImputer

    blocks, labels, sites = [], [], []
    names = list(pd.read_csv(DATA, nrows=0).drop("target", axis=1).columns)
    for number, path in enumerate(paths or [ROOT / "data" / "uci" / f"processed.{site}.data" for site in UCI_SITES]):
        with open(path, newline="") as file:
            header = [name.strip().lstrip("\ufeff") for name in file.readline().split(",")]
        if "target" in header:
            frame = pd.read_csv(path, skipinitialspace=True)
            frame.columns = [name.strip().lstrip("\ufeff") for name in frame.columns]
            blocks.append(frame[names].to_numpy(dtype=float))
            labels.extend(frame["target"].astype(int).tolist())
            sites.extend([number] * len(frame))
            continue
        rows, target = read_uci_file(path)
        blocks.append(SimpleImputer(strategy="mean").fit_transform(rows))
        labels.extend(target.tolist())
        sites.extend([number] * len(target))
    return StandardScaler().fit_transform(np.vstack(blocks)), np.array(labels), sites


def hospitals_runs(seed=5, hidden=(100,), paths=None):
    """Both policies on the stream, after np.random.seed(seed), with MLPClassifier of these
    hidden layers: each patient predicted, counted, learned; River's detectors on the errors;
    with the policy "new model at each ADWIN detection", a new MLPClassifier after each."""
    from river import drift as river_drift

    X, y, _ = hospitals_stream(paths)
    runs = {}
    for policy in ["keep_learning", "new_model_at_drift"]:
        np.random.seed(seed)
        clf = MLPClassifier(hidden_layer_sizes=tuple(hidden), max_iter=200)
        fresh = True
        ph, adwin = river_drift.PageHinkley(), river_drift.ADWIN()
        run = {
            "predicted": [],
            "errors": [],
            "page_hinkley": [],
            "adwin": [],
            "page_hinkley_increase": [],
            "page_hinkley_decrease": [],
        }
        for i in range(len(y)):
            x = X[i].reshape(1, -1)
            p = first_prediction(x, hidden) if fresh else float(clf.predict_proba(x)[0, 1])
            error = int(int(p > 0.5) != y[i])
            run["predicted"].append(p)
            run["errors"].append(error)
            ph.update(error)
            adwin.update(error)
            # Page-Hinkley's two test values, as its update computes them (River keeps them
            # in no attribute): 0 until min_instances values are seen.
            tested = ph._x_mean.n >= ph.min_instances
            run["page_hinkley_increase"].append(ph._sum_increase - ph._min_increase if tested else 0.0)
            run["page_hinkley_decrease"].append(ph._max_decrease - ph._sum_decrease if tested else 0.0)
            clf.partial_fit(x, y[[i]], classes=[0, 1])
            fresh = False
            if ph.drift_detected:
                run["page_hinkley"].append(i)
            if adwin.drift_detected:
                run["adwin"].append(i)
                if policy == "new_model_at_drift":
                    clf = MLPClassifier(hidden_layer_sizes=tuple(hidden), max_iter=200)
                    fresh = True
        runs[policy] = run
    return runs


def hospitals():
    """The four hospitals with np.random.seed(5) and MLPClassifier(), both policies."""
    write("hospitals.json", {"seed": 5, "runs": hospitals_runs()})


FIXTURES = [
    "numpy_random",
    "preprocessing",
    "scaler_partial_fit",
    "mlp_seed5",
    "curves",
    "server",
    "batches",
    "deep",
    "workbench",
    "overflow",
    "uci_imputer",
    "drift",
    "hospitals",
]

if __name__ == "__main__":
    # Every fixture, or those named (`make_fixtures.py scaler_partial_fit`).
    import sys

    names = sys.argv[1:] or FIXTURES
    unknown = [name for name in names if name not in FIXTURES]
    if unknown:
        sys.exit(f"no fixture named {', '.join(unknown)}: {', '.join(FIXTURES)}")
    OUT.mkdir(parents=True, exist_ok=True)
    spy_on_initialisation()
    for name in names:
        globals()[name]()
