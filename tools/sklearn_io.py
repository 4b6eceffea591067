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
    /tmp/skvenv/bin/python tools/sklearn_io.py selftest                  # every refusal, both directions
    /tmp/skvenv/bin/python tools/sklearn_io.py fixtures                  # writes the round-trip fixtures

In Python:

    import sklearn_io
    clf, scaler = sklearn_io.to_sklearn(sklearn_io.read("model.json"))
    clf.partial_fit(scaler.transform(X_new), y_new)              # goes on exactly
    sklearn_io.write(sklearn_io.from_sklearn(clf, scaler, next_sample=0), "back.json")

Only what the model file describes is supported: a binary `MLPClassifier` with ReLU hidden
layers, one logistic output, classes [0, 1], solver "adam" and no early stopping, with a
`StandardScaler` (`with_mean` and `with_std`) over the same features. Both directions check
everything the core's loader checks (`learner/src/model_file.rs`) and refuse anything else
with a `ModelFileError` naming the field, never building a model that is silently wrong.
"""

import json
import math
import pathlib
import sys
import warnings

import numpy as np
from sklearn.neural_network import MLPClassifier
from sklearn.neural_network._stochastic_optimizers import AdamOptimizer
from sklearn.preprocessing import LabelBinarizer, StandardScaler

FORMAT = "online-mlp-classifier"
VERSION = 1
# A session snapshot (README, "A whole session as one value") carries a model file as its
# "model"; this module reads versions 1 and 2, as the core does.
SNAPSHOT_FORMAT = "online-learning-session"
SNAPSHOT_VERSIONS = (1, 2)
# The core's bounds (learner/src/model_file.rs): counts a JSON number holds exactly, and the
# largest network a file may declare.
MAX_COUNT = 2**53
MAX_PARAMS = 5_000_000

MODEL_FIELDS = ("format", "version", "layer_sizes", "classes", "hyperparameters", "coefs", "intercepts", "adam",
                "scaler", "progress")
HYPERPARAMETER_FIELDS = ("hidden_layer_sizes", "alpha", "learning_rate_init", "beta_1", "beta_2", "epsilon",
                         "batch_size", "shuffle")
ADAM_FIELDS = ("t", "ms", "vs")
LAYERED_FIELDS = ("coefs", "intercepts")
SCALER_FIELDS = ("mean", "var", "scale", "n_samples_seen")
PROGRESS_FIELDS = ("samples_seen", "next_sample")
SNAPSHOT_FIELDS = ("format", "version", "stream", "model")


class ModelFileError(ValueError):
    """A model file, a session snapshot or a scikit-learn pair refused; the message names the
    field."""


def read(path):
    """A saved file (model file or session snapshot) parsed strictly: a byte-order mark is
    skipped, and `NaN`/`Infinity` (which Python's `json` would read) and a repeated key (whose
    last value it would keep) are refused."""
    text = pathlib.Path(path).read_text(encoding="utf-8-sig")
    return loads(text)


def loads(text):
    """`read` for a string."""

    def refuse_constant(name):
        raise ModelFileError(f"{name} is not a JSON number: a model file holds finite numbers only")

    def refuse_repeats(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise ModelFileError(f"the key `{key}` appears twice in one object")
            seen.add(key)
        return dict(pairs)

    try:
        return json.loads(text, parse_constant=refuse_constant, object_pairs_hook=refuse_repeats)
    except json.JSONDecodeError as error:
        raise ModelFileError(f"not JSON: {error}") from None


def write(model_file, path):
    """Write a model file (a dict from `from_sklearn`) as JSON; a number that is not finite is
    refused, where `json.dump` would write `NaN`, which is not JSON."""
    pathlib.Path(path).write_text(json.dumps(model_file, allow_nan=False, separators=(",", ":")))


def to_sklearn(model_file):
    """A fitted (MLPClassifier, StandardScaler) from a model file (a parsed JSON dict), or
    from the model file a session snapshot carries. Every field is checked first, as the
    core checks it; a ModelFileError names the first that is wrong."""
    model_file, where = _model_of(model_file)
    layer_sizes, hp, coefs, intercepts, adam, scaler_fields, progress = _checked(model_file, where)
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
    clf.t_ = progress["samples_seen"]
    clf.n_iter_ = 1 if clf.t_ else 0  # partial_fit leaves 1 (one pass over its rows)
    clf.loss_curve_ = []
    clf._no_improvement_count = 0
    clf.best_loss_ = np.inf

    # Adam's state: scikit-learn keeps it on the optimizer object, params in coefs_ +
    # intercepts_ order, which is the file's order too.
    optimizer = AdamOptimizer(
        clf.coefs_ + clf.intercepts_, hp["learning_rate_init"], hp["beta_1"], hp["beta_2"], hp["epsilon"]
    )
    optimizer.t = adam["t"]
    optimizer.ms = adam["ms"]
    optimizer.vs = adam["vs"]
    clf._optimizer = optimizer

    scaler = StandardScaler()
    scaler.mean_ = scaler_fields["mean"]
    scaler.var_ = scaler_fields["var"]
    scaler.scale_ = scaler_fields["scale"]
    scaler.n_samples_seen_ = scaler_fields["n_samples_seen"]
    scaler.n_features_in_ = layer_sizes[0]
    return clf, scaler


def from_sklearn(clf, scaler, next_sample=0):
    """A model file (a JSON-ready dict; write it with `write`) from a fitted MLPClassifier and
    the StandardScaler its inputs went through. `next_sample` is the index, in the training
    split, of the next sample to learn (0: a new pass). Adam's hyper-parameters are those of
    the optimizer scikit-learn goes on with (`clf._optimizer`, which `set_params` after
    fitting does not change). Anything the model file cannot hold exactly is refused."""
    _check_estimators(clf, scaler)
    n = len(clf.coefs_)
    layer_sizes = [int(clf.coefs_[0].shape[0])] + [int(c.shape[1]) for c in clf.coefs_]
    optimizer = clf._optimizer
    # Finite numbers, like every field, are checked below, on the file as written.
    arrays = [clf.coefs_, clf.intercepts_, optimizer.ms, optimizer.vs]
    narrow = sorted({str(np.asarray(a).dtype) for values in arrays for a in values} - {"float64"})
    if narrow:
        warnings.warn(
            f"the model's arrays are {', '.join(narrow)} (trained on {narrow[0]} data): the file holds them as float64, "
            "and learning goes on in float64, which scikit-learn would continue in single precision",
            stacklevel=2,
        )
    model_file = {
        "format": FORMAT,
        "version": VERSION,
        "layer_sizes": layer_sizes,
        "classes": [0, 1],
        "hyperparameters": {
            "hidden_layer_sizes": layer_sizes[1:-1],
            "alpha": float(clf.alpha),
            "learning_rate_init": float(optimizer.learning_rate_init),
            "beta_1": float(optimizer.beta_1),
            "beta_2": float(optimizer.beta_2),
            "epsilon": float(optimizer.epsilon),
            "batch_size": None if clf.batch_size == "auto" else int(clf.batch_size),
            "shuffle": bool(clf.shuffle),
        },
        "coefs": [_floats(c) for c in clf.coefs_],
        "intercepts": [_floats(b) for b in clf.intercepts_],
        "adam": {
            "t": int(optimizer.t),
            "ms": {"coefs": [_floats(m) for m in optimizer.ms[:n]], "intercepts": [_floats(m) for m in optimizer.ms[n:]]},
            "vs": {"coefs": [_floats(v) for v in optimizer.vs[:n]], "intercepts": [_floats(v) for v in optimizer.vs[n:]]},
        },
        "scaler": {
            "mean": _floats(scaler.mean_),
            "var": _floats(scaler.var_),
            "scale": _floats(scaler.scale_),
            "n_samples_seen": int(scaler.n_samples_seen_),
        },
        "progress": {"samples_seen": int(clf.t_), "next_sample": _count(next_sample, "next_sample")},
    }
    # What the other direction, and the core, would refuse (a hyper-parameter out of range).
    _checked(model_file, "")
    return model_file


def _check_estimators(clf, scaler):
    if not isinstance(clf, MLPClassifier):
        if hasattr(clf, "steps"):
            raise ModelFileError(
                "clf is a Pipeline: pass its MLPClassifier and its StandardScaler, "
                "from_sklearn(pipeline[-1], pipeline[0])"
            )
        raise ModelFileError(f"clf must be a fitted MLPClassifier, not {type(clf).__name__}")
    if not hasattr(clf, "coefs_") or not hasattr(clf, "_optimizer"):
        raise ModelFileError("clf is not fitted: call fit or partial_fit first")
    if clf.activation != "relu":
        raise ModelFileError(f"clf has activation={clf.activation!r}: a model file's hidden layers are ReLU")
    if clf.solver != "adam":
        raise ModelFileError(f"clf has solver={clf.solver!r}: a model file holds Adam's state (solver='adam')")
    if clf.early_stopping:
        raise ModelFileError("clf has early_stopping=True, which partial_fit does not use: fit it without")
    if clf.n_outputs_ != 1 or clf.out_activation_ != "logistic":
        raise ModelFileError(
            f"clf has {clf.n_outputs_} outputs ({clf.out_activation_}): a model file holds one logistic output "
            "(binary targets, not multilabel or multiclass)"
        )
    if clf.classes_.dtype.kind not in "iu" or list(clf.classes_) != [0, 1]:
        raise ModelFileError(f"clf has classes {clf.classes_.tolist()!r}: a model file's classes are the integers [0, 1]")
    if not isinstance(scaler, StandardScaler):
        raise ModelFileError(
            f"scaler must be a fitted StandardScaler, not {type(scaler).__name__}: "
            "a model file's scaler subtracts the mean and divides by the scale"
        )
    if not (scaler.with_mean and scaler.with_std):
        raise ModelFileError(
            "only a StandardScaler with with_mean=True and with_std=True is supported: "
            "a model file's scaler subtracts the mean and divides by the scale"
        )
    if getattr(scaler, "scale_", None) is None:
        raise ModelFileError("scaler is not fitted: call fit first")
    if np.ndim(scaler.n_samples_seen_) != 0:
        raise ModelFileError(
            "scaler was fitted on data with missing values (its n_samples_seen_ differs per feature): "
            "fit it on complete rows"
        )
    if len(scaler.mean_) != clf.coefs_[0].shape[0]:
        raise ModelFileError(f"scaler has {len(scaler.mean_)} features and clf {clf.coefs_[0].shape[0]}: not a pair")


def _floats(array):
    return np.asarray(array, dtype=np.float64).tolist()


def _model_of(saved):
    """The model file in `saved` (itself, or a session snapshot's `model`), and the prefix
    of its fields' names."""
    if not isinstance(saved, dict):
        raise ModelFileError(f"a saved file is a JSON object, not {_kind(saved)}")
    if saved.get("format") != SNAPSHOT_FORMAT:
        return saved, ""
    if not _is_int(saved.get("version")) or saved["version"] not in SNAPSHOT_VERSIONS:
        raise ModelFileError(
            f"version {saved.get('version')!r} of the session snapshot is not supported "
            f"(this module reads versions {SNAPSHOT_VERSIONS[0]} and {SNAPSHOT_VERSIONS[1]})"
        )
    _fields(saved, "the session snapshot", SNAPSHOT_FIELDS)
    stream_fields = ("seed", "draws") if saved["version"] == 1 else ("seed", "draws", "next")
    _fields(saved["stream"], "stream", stream_fields)
    return saved["model"], "model."


def _checked(model_file, where):
    """The fields of `model_file`, checked as `ModelFile::load` checks them, the arrays as
    float64 arrays."""
    _fields(model_file, where.rstrip(".") or "the model file", MODEL_FIELDS)
    if model_file["format"] != FORMAT:
        raise ModelFileError(
            f"{where}format is {model_file['format']!r}, expected {FORMAT!r} (or {SNAPSHOT_FORMAT!r}, a session snapshot)"
        )
    if not _is_int(model_file["version"]) or model_file["version"] != VERSION:
        raise ModelFileError(
            f"{where}version {model_file['version']!r} is not supported (this module reads version {VERSION})"
        )
    units = model_file["layer_sizes"]
    if (not isinstance(units, list) or len(units) < 2 or units[-1] != 1
            or not all(_is_int(u) and u > 0 for u in units)):
        raise ModelFileError(
            f"{where}layer_sizes must be positive integers, at least an input and the single output unit, got {units!r}"
        )
    if sum((a + 1) * b for a, b in zip(units, units[1:])) > MAX_PARAMS:
        raise ModelFileError(f"{where}layer_sizes {units!r} declare more than {MAX_PARAMS} parameters")
    if model_file["classes"] != [0, 1] or not all(_is_int(c) for c in model_file["classes"]):
        raise ModelFileError(f"{where}classes must be [0, 1], got {model_file['classes']!r}")

    hp = _fields(model_file["hyperparameters"], f"{where}hyperparameters", HYPERPARAMETER_FIELDS)
    name = f"{where}hyperparameters."
    if hp["hidden_layer_sizes"] != units[1:-1] or not all(_is_int(u) for u in hp["hidden_layer_sizes"]):
        raise ModelFileError(f"{name}hidden_layer_sizes {hp['hidden_layer_sizes']!r} disagree with layer_sizes {units!r}")
    _number(hp["alpha"], f"{name}alpha", lambda v: v >= 0, "a finite number >= 0")
    _number(hp["learning_rate_init"], f"{name}learning_rate_init", lambda v: v > 0, "a finite number > 0")
    _number(hp["beta_1"], f"{name}beta_1", lambda v: 0 <= v < 1, "in [0, 1)")
    _number(hp["beta_2"], f"{name}beta_2", lambda v: 0 <= v < 1, "in [0, 1)")
    _number(hp["epsilon"], f"{name}epsilon", lambda v: v > 0, "a finite number > 0")
    if hp["batch_size"] is not None and not (_is_int(hp["batch_size"]) and hp["batch_size"] >= 1):
        raise ModelFileError(f"{name}batch_size must be null (\"auto\") or an integer >= 1, got {hp['batch_size']!r}")
    if not isinstance(hp["shuffle"], bool):
        raise ModelFileError(f"{name}shuffle must be true or false, got {hp['shuffle']!r}")

    coefs, intercepts = _layers(model_file["coefs"], model_file["intercepts"], units, where, "coefs", "intercepts")
    adam = _fields(model_file["adam"], f"{where}adam", ADAM_FIELDS)
    moments = {}
    for moment in ("ms", "vs"):
        fields = _fields(adam[moment], f"{where}adam.{moment}", LAYERED_FIELDS)
        moment_coefs, moment_intercepts = _layers(
            fields["coefs"], fields["intercepts"], units, where, f"adam.{moment}.coefs", f"adam.{moment}.intercepts"
        )
        moments[moment] = moment_coefs + moment_intercepts
    if any(np.any(v < 0) for v in moments["vs"]):
        raise ModelFileError(f"{where}adam.vs holds a negative number: second moments cannot be negative")
    adam_state = {"t": _count(adam["t"], f"{where}adam.t"), **moments}

    scaler = _fields(model_file["scaler"], f"{where}scaler", SCALER_FIELDS)
    scaler_state = {"n_samples_seen": _count(scaler["n_samples_seen"], f"{where}scaler.n_samples_seen")}
    for field in ("mean", "var", "scale"):
        scaler_state[field] = _array(scaler[field], f"{where}scaler.{field}", (units[0],))
    if np.any(scaler_state["scale"] <= 0) or np.any(scaler_state["var"] < 0):
        raise ModelFileError(f"{where}scaler.scale must be positive and {where}scaler.var non-negative")

    progress = _fields(model_file["progress"], f"{where}progress", PROGRESS_FIELDS)
    progress_state = {field: _count(progress[field], f"{where}progress.{field}") for field in PROGRESS_FIELDS}
    return units, hp, coefs, intercepts, adam_state, scaler_state, progress_state


def _fields(value, name, fields):
    if not isinstance(value, dict):
        raise ModelFileError(f"{name} must be a JSON object, not {_kind(value)}")
    unknown = [key for key in value if key not in fields]
    if unknown:
        raise ModelFileError(f"{name}: unknown field `{unknown[0]}`, expected one of {', '.join(fields)}")
    missing = [field for field in fields if field not in value]
    if missing:
        raise ModelFileError(f"{name}: missing field `{missing[0]}`")
    return value


def _layers(coefs, intercepts, units, where, coefs_name, intercepts_name):
    layers = len(units) - 1
    for name, value in ((coefs_name, coefs), (intercepts_name, intercepts)):
        if not isinstance(value, list) or len(value) != layers:
            found = f"{len(value)} layers" if isinstance(value, list) else _kind(value)
            raise ModelFileError(f"{where}{name} has {found}, expected {layers} layers")
    return (
        [_array(c, f"{where}{coefs_name}[{i}]", (a, b)) for i, (c, a, b) in enumerate(zip(coefs, units, units[1:]))],
        [_array(b, f"{where}{intercepts_name}[{i}]", (n,)) for i, (b, n) in enumerate(zip(intercepts, units[1:]))],
    )


def _array(value, name, shape):
    """`value` as a float64 array of `shape`, every entry a finite number."""
    if len(shape) == 2:
        if not isinstance(value, list) or len(value) != shape[0]:
            found = f"{len(value)} rows" if isinstance(value, list) else _kind(value)
            raise ModelFileError(f"{name} has {found}, expected {shape[0]} rows")
        return np.array([_array(row, f"{name}[{i}]", shape[1:]) for i, row in enumerate(value)]).reshape(shape)
    if not isinstance(value, list) or len(value) != shape[0]:
        found = f"{len(value)} values" if isinstance(value, list) else _kind(value)
        raise ModelFileError(f"{name} has {found}, expected {shape[0]} values")
    for index, entry in enumerate(value):
        if not _is_number(entry) or not math.isfinite(entry):
            raise ModelFileError(f"{name}[{index}] is {entry!r}, not a finite number")
    return np.array(value, dtype=np.float64)


def _number(value, name, valid, expected):
    if not _is_number(value) or not math.isfinite(value) or not valid(value):
        raise ModelFileError(f"{name} must be {expected}, got {value!r}")
    return value


def _count(value, name):
    if not _is_int(value) or not 0 <= value <= MAX_COUNT:
        raise ModelFileError(f"{name} must be a whole number from 0 to 2^53, got {value!r}")
    return int(value)


def _is_int(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _is_number(value):
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _kind(value):
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "true or false", type(None): "null"}
    return kinds.get(type(value), "a number")


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
    ours = read(out / "sklearn_roundtrip_ours_after_100.json")
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
    again, _ = to_sklearn(loads(json.dumps(model_file)))
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


def selftest():
    """Every refusal of both directions, and the round trip, on the committed fixture of
    seed 5's first 100 samples and on models scikit-learn fits here. Prints one line per
    case; exits non-zero if a case does not behave as stated."""
    import copy

    from sklearn.neural_network import MLPRegressor
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MinMaxScaler

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    import make_fixtures

    failures = []

    def expect_refusal(label, action, expected):
        try:
            action()
        except ModelFileError as error:
            ok = expected in str(error)
            print(f"{'ok ' if ok else 'BAD'} {label}: {error}")
            if not ok:
                failures.append(f"{label}: {error!s} (expected {expected!r})")
        else:
            print(f"BAD {label}: accepted")
            failures.append(f"{label}: accepted")

    # To scikit-learn: the committed model file, edited as a hand or a newer build would.
    ours = read(make_fixtures.OUT / "sklearn_roundtrip_ours_after_100.json")
    snapshot = {"format": SNAPSHOT_FORMAT, "version": 2, "stream": {"seed": 5, "draws": 0, "next": []}, "model": ours}

    def edited(edit, base=ours):
        def action():
            changed = copy.deepcopy(base)
            edit(changed)
            to_sklearn(changed)
        return action

    def set_at(path, value):
        def edit(file):
            *parents, last = path
            for key in parents:
                file = file[key]
            file[last] = value
        return edit

    def drop(path):
        def edit(file):
            *parents, last = path
            for key in parents:
                file = file[key]
            del file[last]
        return edit

    refusals = [
        ("an unknown field", set_at(["extra"], 1), "unknown field `extra`"),
        ("an activation", set_at(["hyperparameters", "activation"], "tanh"), "hyperparameters: unknown field `activation`"),
        ("a solver", set_at(["hyperparameters", "solver"], "sgd"), "unknown field `solver`"),
        ("a missing field", drop(["adam"]), "missing field `adam`"),
        ("a missing scaler field", drop(["scaler", "var"]), "scaler: missing field `var`"),
        ("another format", set_at(["format"], "keras"), "format is 'keras'"),
        ("a newer version", set_at(["version"], 2), "version 2 is not supported"),
        ("a version as text", set_at(["version"], "1"), "version '1' is not supported"),
        ("two outputs", set_at(["layer_sizes"], [13, 100, 2]), "the single output unit"),
        ("a huge network", set_at(["layer_sizes"], [13, 10**7, 1]), "more than 5000000 parameters"),
        ("other classes", set_at(["classes"], [1, 2]), "classes must be [0, 1]"),
        ("hidden sizes that disagree", set_at(["hyperparameters", "hidden_layer_sizes"], [64]), "disagree with layer_sizes"),
        ("a negative alpha", set_at(["hyperparameters", "alpha"], -1), "alpha must be a finite number >= 0"),
        ("beta_1 of 1", set_at(["hyperparameters", "beta_1"], 1.0), "beta_1 must be in [0, 1)"),
        ("epsilon 0", set_at(["hyperparameters", "epsilon"], 0), "epsilon must be a finite number > 0"),
        ("batch_size 0", set_at(["hyperparameters", "batch_size"], 0), "batch_size must be null"),
        ("a short row", lambda f: f["coefs"][0][2].pop(), "coefs[0][2] has 99 values, expected 100"),
        ("a missing layer", lambda f: f["intercepts"].pop(), "intercepts has 1 layers, expected 2 layers"),
        ("a null weight", lambda f: f["coefs"][1][3].__setitem__(0, None), "coefs[1][3][0] is None, not a finite number"),
        ("a weight as text", lambda f: f["intercepts"][0].__setitem__(5, "0.1"), "intercepts[0][5] is '0.1'"),
        ("a NaN weight", lambda f: f["coefs"][0][0].__setitem__(0, float("nan")), "coefs[0][0][0] is nan"),
        ("a negative second moment", lambda f: f["adam"]["vs"]["intercepts"][1].__setitem__(0, -1e-3), "adam.vs holds a negative"),
        ("a moment of the wrong shape", lambda f: f["adam"]["ms"]["coefs"][1].pop(), "adam.ms.coefs[1] has 99 rows"),
        ("a 12-value scaler", lambda f: f["scaler"]["mean"].pop(), "scaler.mean has 12 values, expected 13"),
        ("a zero scale", lambda f: f["scaler"]["scale"].__setitem__(0, 0.0), "scaler.scale must be positive"),
        ("a count past 2^53", set_at(["progress", "samples_seen"], 2**64), "progress.samples_seen must be a whole number"),
        ("a fractional count", set_at(["adam", "t"], 100.5), "adam.t must be a whole number"),
    ]
    for label, edit, expected in refusals:
        expect_refusal(f"to_sklearn, {label}", edited(edit), expected)
    expect_refusal("to_sklearn, a top-level array", lambda: to_sklearn([ours]), "a JSON object, not an array")
    expect_refusal("to_sklearn, a snapshot of a newer version", edited(set_at(["version"], 3), snapshot),
                   "version 3 of the session snapshot is not supported")
    expect_refusal("to_sklearn, a snapshot with a new field", edited(set_at(["origin"], "x"), snapshot),
                   "the session snapshot: unknown field `origin`")
    expect_refusal("to_sklearn, a snapshot's model with a new field", edited(set_at(["model", "origin"], "x"), snapshot),
                   "model: unknown field `origin`")
    expect_refusal("to_sklearn, a snapshot's model of a newer version", edited(set_at(["model", "version"], 2), snapshot),
                   "model.version 2 is not supported")
    expect_refusal("loads, NaN", lambda: loads('{"a": NaN}'), "NaN is not a JSON number")
    expect_refusal("loads, a repeated key", lambda: loads('{"adam": 1, "adam": 2}'), "the key `adam` appears twice")
    expect_refusal("loads, not JSON", lambda: loads('{"format": '), "not JSON")

    # From scikit-learn: what the model file cannot hold.
    X_train, X_test, y_train, y_test = make_fixtures.load_original()
    df = make_fixtures.pd.read_csv(make_fixtures.DATA)
    features = df.drop("target", axis=1).to_numpy()
    scaler = StandardScaler().fit(features)
    y = np.asarray(y_train)

    def fitted(**options):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return MLPClassifier(hidden_layer_sizes=(8,), max_iter=5, random_state=0, **options).fit(X_train, y)

    clf = fitted()
    with_nan = fitted()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        regressor = MLPRegressor(hidden_layer_sizes=(8,), max_iter=5, random_state=0).fit(X_train, y)
    with_nan.coefs_[0][3, 5] = np.nan
    gappy = features.copy()
    gappy[0, 2] = np.nan
    from_sklearn_refusals = [
        ("a Pipeline", lambda: from_sklearn(make_pipeline(scaler, clf), scaler), "from_sklearn(pipeline[-1], pipeline[0])"),
        ("an unfitted model", lambda: from_sklearn(MLPClassifier(), scaler), "clf is not fitted"),
        ("an MLPRegressor", lambda: from_sklearn(regressor, scaler), "not MLPRegressor"),
        ("tanh", lambda: from_sklearn(fitted(activation="tanh"), scaler), "activation='tanh'"),
        ("sgd", lambda: from_sklearn(fitted(solver="sgd"), scaler), "solver='sgd'"),
        ("early stopping", lambda: from_sklearn(fitted(early_stopping=True), scaler), "early_stopping=True"),
        ("three classes", lambda: from_sklearn(fitted_on(np.arange(len(y)) % 3), scaler), "3 outputs"),
        ("two outputs (multilabel)", lambda: from_sklearn(fitted_on(np.c_[y, 1 - y]), scaler), "2 outputs"),
        ("classes 1 and 2", lambda: from_sklearn(fitted_on(y + 1), scaler), "classes [1, 2]"),
        ("string classes", lambda: from_sklearn(fitted_on(np.where(y == 1, "healthy", "sick")), scaler), "classes ["),
        ("a MinMaxScaler", lambda: from_sklearn(clf, MinMaxScaler().fit(features)), "not MinMaxScaler"),
        ("no scaler", lambda: from_sklearn(clf, None), "not NoneType"),
        ("with_mean=False", lambda: from_sklearn(clf, StandardScaler(with_mean=False).fit(features)), "with_mean=True"),
        ("a scaler fitted with gaps", lambda: from_sklearn(clf, StandardScaler().fit(gappy)), "missing values"),
        ("a scaler of 12 features", lambda: from_sklearn(clf, StandardScaler().fit(features[:, :12])), "12 features"),
        ("a NaN weight", lambda: from_sklearn(with_nan, scaler), "coefs[0][3][5] is nan, not a finite number"),
        ("a negative next_sample", lambda: from_sklearn(clf, scaler, next_sample=-1), "next_sample must be"),
    ]

    def fitted_on(labels):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return MLPClassifier(hidden_layer_sizes=(8,), max_iter=5, random_state=0).fit(X_train, labels)

    for label, action, expected in from_sklearn_refusals:
        expect_refusal(f"from_sklearn, {label}", action, expected)

    # What from_sklearn writes: the optimizer scikit-learn goes on with, and a file that
    # to_sklearn reads back into the same predictions.
    changed = fitted()
    changed.set_params(learning_rate_init=0.05, beta_1=0.5, hidden_layer_sizes=(3,))
    written = from_sklearn(changed, scaler, next_sample=7)
    checks = [
        ("the optimizer's learning rate, not set_params'", written["hyperparameters"]["learning_rate_init"] == 0.001),
        ("the optimizer's beta_1", written["hyperparameters"]["beta_1"] == 0.9),
        ("hidden sizes from the weights", written["hyperparameters"]["hidden_layer_sizes"] == [8]),
        ("next_sample as given", written["progress"]["next_sample"] == 7),
    ]
    again, again_scaler = to_sklearn(loads(json.dumps(written)))
    checks.append(("the same predictions after the round trip",
                   np.array_equal(again.predict_proba(X_test), changed.predict_proba(X_test))))
    checks.append(("the same scaler", np.array_equal(again_scaler.transform(features), scaler.transform(features))))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        narrow = MLPClassifier(hidden_layer_sizes=(8,), max_iter=5, random_state=0).fit(X_train.astype(np.float32), y)
        from_sklearn(narrow, scaler)
    checks.append(("a float32 model warned about", any("float32" in str(w.message) for w in caught)))
    for label, ok in checks:
        print(f"{'ok ' if ok else 'BAD'} from_sklearn: {label}")
        if not ok:
            failures.append(label)

    if failures:
        print(f"{len(failures)} of the cases did not behave as stated:", *failures, sep="\n  ")
        return 1
    print("every case behaved as stated")
    return 0


def _write(path, payload):
    path.write_text(json.dumps(payload, allow_nan=False, separators=(",", ":")) + "\n")
    print(f"wrote {path} ({path.stat().st_size} bytes)")


def main(argv):
    if argv[1:2] == ["fixtures"]:
        fixtures()
    elif argv[1:2] == ["selftest"]:
        return selftest()
    elif argv[1:2] == ["to-sklearn"] and len(argv) == 3:
        try:
            clf, scaler = to_sklearn(read(argv[2]))
        except ModelFileError as error:
            print(f"error: {argv[2]}: {error}", file=sys.stderr)
            return 2
        print(f"{clf!r}: layers {[clf.coefs_[0].shape[0]] + [c.shape[1] for c in clf.coefs_]}, t_ = {clf.t_}, "
              f"Adam t = {clf._optimizer.t}; scaler over {len(scaler.mean_)} features")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
