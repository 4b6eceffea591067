"""Check a learning curve downloaded from the page against scikit-learn itself.

The workbench's "Download as CSV" (`#curve-download`) writes every run's points with each
number in full. This replays the page's runs in scikit-learn, as the original Flask server
would have run them with `np.random.seed(N)`, and says whether every number is the same
double. scikit-learn is the oracle, never a dependency: run it in a throwaway venv.

    python3 -m venv /tmp/skvenv
    /tmp/skvenv/bin/pip install scikit-learn pandas
    /tmp/skvenv/bin/python tools/check_curve.py learning-curve-seed5-hidden100.csv

The seed and hidden layers are read from the file's name (`--seed`, `--hidden` for another
name). A curve learned on a visitor's own file (named `...-on-<file>.csv`) is replayed on
that file, given with `--data` (and `--missing impute` if the page filled a raw UCI file's
missing values in; the page's default, `drop`, leaves those rows out), read as the page reads
it: heart.csv's form (its 13 columns found by name) or UCI's raw form recoded to heart.csv's
codes, scaled as a whole, split as the original splits, the missing values filled in with
the training split's means. What can be replayed: from the page's first run on that data (it keeps the
current run and 3 earlier ones: after more Resets the first runs are no longer in the file);
a run up to its first taught patient (the visitor's patient is not in the file; the runs
after it draw the same weights, so they are checked again). Exit status 0 when every
replayable point is equal, 1 at the first difference (named by run, sample and column), 2
for a file this cannot read.

    /tmp/skvenv/bin/python tools/check_curve.py selftest

checks the committed page-made files tools/testdata/learning-curve-seed5-hidden100.csv (a
pass, a Reset, a taught patient) and learning-curve-seed5-hidden100-on-processed.cleveland.data.csv
(UCI's raw Cleveland file, its rows with a missing value left out; the end-to-end test holds
the page's downloads to both byte for byte), and that a number changed in its last digit is
found.
"""

import argparse
import csv
import pathlib
import re
import sys
import tempfile

import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from make_fixtures import DATA, first_prediction, load_original, read_uci_file, spy_on_initialisation  # noqa: E402

HEADER = ["run", "samples", "held_out_accuracy", "progressive_accuracy", "progressive_accuracy_last_50", "sample"]
WINDOW = 50
TESTDATA = pathlib.Path(__file__).resolve().parent / "testdata" / "learning-curve-seed5-hidden100.csv"
CLEVELAND = TESTDATA.with_name("learning-curve-seed5-hidden100-on-processed.cleveland.data.csv")


class Unreadable(Exception):
    pass


def read_runs(path):
    """The file's runs, in order: for each, its rows as dicts of the header's columns."""
    with open(path, newline="") as file:
        rows = list(csv.reader(file))
    if not rows or rows[0] != HEADER:
        raise Unreadable(f"{path}: not a curve from the page (its header is not {','.join(HEADER)})")
    runs = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(HEADER):
            raise Unreadable(f"{path}, line {line}: {len(row)} fields, not {len(HEADER)}")
        point = dict(zip(HEADER, row))
        try:
            run, samples = int(point["run"]), int(point["samples"])
            numbers = [float(point[column]) for column in HEADER[2:5]]
        except ValueError as error:
            raise Unreadable(f"{path}, line {line}: {error}") from None
        runs.setdefault(run, []).append((line, samples, numbers, point["sample"]))
    return [runs[run] for run in sorted(runs)]


def setup_from_name(path):
    """The seed and hidden layers the file's name gives, and the visitor's data file it names
    (`learning-curve-seed5-hidden100-on-mine.csv`), if any."""
    match = re.search(r"seed(\d+)-hidden(\d+(?:-\d+)*)(?:-on-(.+))?\.csv$", pathlib.Path(path).name)
    if not match:
        return None, None, None
    return int(match[1]), [int(units) for units in match[2].split("-")], match[3]


def load_visitor(path, missing):
    """A visitor's file as the page prepares it (src/state.rs, Data::load): X_train, X_test,
    y_train, y_test. heart.csv's form (a header with `target`) has its 13 columns found by
    name; UCI's raw form is recoded, its rows with a missing value left out (`drop`) or the
    values filled in with the training split's column means (`impute`). Then, as the
    original: one StandardScaler on every row, train_test_split(test_size=0.2, random_state=0)."""
    with open(path, newline="") as file:
        first = file.readline().lstrip("\ufeff")
    names = list(pd.read_csv(DATA).drop("target", axis=1).columns)
    if "target" in [name.strip() for name in first.split(",")]:
        frame = pd.read_csv(path, skipinitialspace=True)
        frame.columns = [name.strip().lstrip("\ufeff") for name in frame.columns]
        absent = [name for name in names + ["target"] if name not in frame.columns]
        if absent:
            raise Unreadable(f"{path}: no column {', '.join(absent)} (heart.csv's columns are {', '.join(names)}, and target)")
        X, y = frame[names].to_numpy(dtype=float), frame["target"].to_numpy(dtype=int)
        rows = np.arange(len(X))
    else:
        X, y = read_uci_file(path)
        if missing == "drop":
            complete = ~np.isnan(X).any(axis=1)
            X, y = X[complete], y[complete]
            if len(X) < 5:
                raise Unreadable(f"{path}: {len(X)} of its rows have every value, too few to split: the page "
                                 f"learns such a file with its missing values filled in (--missing impute)")
        rows = np.arange(len(X))
        train, _ = train_test_split(rows, test_size=0.20, random_state=0)
        if missing == "impute":
            X = SimpleImputer(strategy="mean").fit(X[train]).transform(X)
    if np.isnan(X).any():
        raise Unreadable(f"{path}: missing values remain (--missing {missing})")
    X = StandardScaler().fit_transform(X)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.20, random_state=0)
    return X_train, X_test, y_train, y_test


def check(path, seed, hidden, out=print, data=None):
    """Replay the file's runs in scikit-learn, on `data` (X_train, X_test, y_train, y_test:
    heart.csv's, the original's, by default); the first difference, or None."""
    X_train, X_test, y_train, y_test = data if data is not None else load_original()
    np.random.seed(seed)
    checked = 0
    for number, run in enumerate(read_runs(path), start=1):
        clf = MLPClassifier(hidden_layer_sizes=tuple(hidden), max_iter=200)
        correct = []
        replayed = 0
        for i, (line, samples, numbers, source) in enumerate(run):
            if source != "training sample" and i == 0:
                return (f"run {number}, line {line}: begins with a taught patient, where the page's runs begin "
                        f"with the first training sample (was a model imported?)")
            if source != "training sample":
                out(f"run {number}: {replayed} points equal, then a taught patient (sample {samples}), not in the file: "
                    f"the rest of the run is not replayed")
                # The next run's model draws its weights at its first fit; a one-sample fit
                # draws nothing else, so the runs after this one are replayed as they were.
                break
            if samples != i + 1 or i >= len(X_train):
                return (f"run {number}, line {line}: sample {samples} is not the run's next training sample "
                        f"(was the page given other data, or a model imported?)")
            x, y = X_train[i].reshape(1, -1), y_train[[i]]
            p = float(clf.predict_proba(x)[0, 1]) if i > 0 else first_prediction(x, hidden)
            correct.append(int(p > 0.5) == int(y[0]))
            clf.partial_fit(x, y, classes=[0, 1])
            expected = [clf.score(X_test, y_test), sum(correct) / len(correct),
                        sum(correct[-WINDOW:]) / len(correct[-WINDOW:])]
            for column, got, want in zip(HEADER[2:5], numbers, expected):
                if got != want:
                    hint = (" (the page keeps 3 earlier runs: after more Resets the file's first run is not the "
                            "page's first" + ("; or were the file's missing values dealt with otherwise? --missing)"
                                              if data is not None else ")") if number == 1 and i == 0 else "")
                    return (f"run {number}, sample {samples} (line {line}), {column}: the file has {got!r}, "
                            f"scikit-learn {want!r}{hint}")
            replayed += 1
        else:
            out(f"run {number}: {replayed} of {replayed} points equal to scikit-learn's")
        checked += replayed
    out(f"{checked} points checked: every held-out, progressive and last-{WINDOW} accuracy is scikit-learn's, "
        f"bit for bit (seed {seed}, hidden layers {','.join(map(str, hidden))}, {len(X_train)} training and "
        f"{len(X_test)} test rows)")
    return None


def selftest():
    lines = []
    difference = check(TESTDATA, 5, [100], out=lines.append)
    assert difference is None, difference
    assert lines[0] == "run 1: 242 of 242 points equal to scikit-learn's", lines
    assert lines[1].startswith("run 2: 26 points equal, then a taught patient (sample 27)"), lines
    assert lines[2].startswith("268 points checked"), lines
    # One number off in its last digit: found, named.
    text = TESTDATA.read_text().splitlines(keepends=True)
    fields = text[100].split(",")
    fields[2] = repr(float(np.nextafter(float(fields[2]), 2.0)))
    text[100] = ",".join(fields)
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as changed:
        changed.write("".join(text))
    difference = check(changed.name, 5, [100], out=lambda _: None)
    assert difference and difference.startswith("run 1, sample 100 (line 101), held_out_accuracy"), difference
    # Another seed's numbers are not seed 5's.
    difference = check(TESTDATA, 42, [100], out=lambda _: None)
    assert difference and "after more Resets" in difference, difference
    # A visitor's file: UCI's raw Cleveland, its 6 rows with a missing value left out (297
    # rows: 237 to learn, 60 to test), and its missing values filled in instead (303 rows),
    # which this curve is not.
    cleveland = pathlib.Path(DATA).parent / "uci" / "processed.cleveland.data"
    lines.clear()
    difference = check(CLEVELAND, 5, [100], out=lines.append, data=load_visitor(cleveland, "drop"))
    assert difference is None, difference
    assert lines[-1].endswith("(seed 5, hidden layers 100, 237 training and 60 test rows)"), lines
    difference = check(CLEVELAND, 5, [100], out=lambda _: None, data=load_visitor(cleveland, "impute"))
    assert difference and difference.startswith("run 1, sample 1 (line 2)"), difference
    # heart.csv given as a visitor's file (its columns found by name): the original's data.
    visitor = load_visitor(DATA, "drop")
    assert all(np.array_equal(a, b) for a, b in zip(visitor, load_original()))
    assert setup_from_name("learning-curve-seed7-hidden32-16.csv") == (7, [32, 16], None)
    assert setup_from_name("x/learning-curve-seed5-hidden100-on-processed.cleveland.data.csv") == (
        5, [100], "processed.cleveland.data")
    print("selftest: the page's files checked (heart.csv, and UCI's Cleveland without its rows with a missing "
          "value), a changed digit found, another seed and another way with missing values refused, the names read")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="the page's CSV, or `selftest`")
    parser.add_argument("--seed", type=int, help="the page's seed (default: from the file's name)")
    parser.add_argument("--hidden", help="the hidden layers, e.g. 32,16 (default: from the file's name)")
    parser.add_argument("--data", help="the visitor's file the curve was learned on (a name ending -on-<file>.csv)")
    parser.add_argument("--missing", choices=["drop", "impute"], default="drop",
                        help="what the page did with a raw UCI file's missing values (default: drop, the page's)")
    args = parser.parse_args()
    spy_on_initialisation()
    if args.file == "selftest":
        return selftest()
    seed, hidden, data = setup_from_name(args.file)
    if data is not None and args.data is None:
        print(f"error: this curve was learned on the visitor's file {data!r}: give that file with --data "
              f"(and --missing impute if the page filled its missing values in)", file=sys.stderr)
        sys.exit(2)
    seed = args.seed if args.seed is not None else seed
    hidden = [int(units) for units in args.hidden.split(",")] if args.hidden else hidden
    if seed is None or hidden is None:
        print("error: the file's name does not give the seed and hidden layers: use --seed and --hidden", file=sys.stderr)
        sys.exit(2)
    try:
        visitor = load_visitor(args.data, args.missing) if args.data else None
        difference = check(args.file, seed, hidden, data=visitor)
    except (OSError, ValueError, Unreadable) as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
    if difference:
        print(f"differs: {difference}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
