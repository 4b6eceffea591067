"""Check a learning curve downloaded from the page against scikit-learn itself.

The workbench's "Download as CSV" (`#curve-download`) writes every run's points with each
number in full. This replays the page's runs in scikit-learn, as the original Flask server
would have run them with `np.random.seed(N)`, and says whether every number is the same
double. scikit-learn is the oracle, never a dependency: run it in a throwaway venv.

    python3 -m venv /tmp/skvenv
    /tmp/skvenv/bin/pip install scikit-learn pandas
    /tmp/skvenv/bin/python tools/check_curve.py learning-curve-seed5-hidden100.csv

The seed and hidden layers are read from the file's name (`--seed`, `--hidden` for another
name; a curve learned on a visitor's own file, named `...-on-<file>.csv`, is refused). What
can be replayed: the bundled heart.csv, from the page's first run (it keeps the
current run and 3 earlier ones: after more Resets the first runs are no longer in the file);
a run up to its first taught patient (the visitor's patient is not in the file; the runs
after it draw the same weights, so they are checked again). Exit status 0 when every
replayable point is equal, 1 at the first difference (named by run, sample and column), 2
for a file this cannot read.

    /tmp/skvenv/bin/python tools/check_curve.py selftest

checks the committed page-made file tools/testdata/learning-curve-seed5-hidden100.csv (a
pass, a Reset, a taught patient; the end-to-end test holds the page's download to it byte
for byte), and that a number changed in its last digit is found.
"""

import argparse
import csv
import pathlib
import re
import sys
import tempfile

import numpy as np
from sklearn.neural_network import MLPClassifier

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from make_fixtures import first_prediction, load_original, spy_on_initialisation  # noqa: E402

HEADER = ["run", "samples", "held_out_accuracy", "progressive_accuracy", "progressive_accuracy_last_50", "sample"]
WINDOW = 50
TESTDATA = pathlib.Path(__file__).resolve().parent / "testdata" / "learning-curve-seed5-hidden100.csv"


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


def check(path, seed, hidden, out=print):
    """Replay the file's runs in scikit-learn; the first difference, or None."""
    X_train, X_test, y_train, y_test = load_original()
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
                            "page's first)" if number == 1 and i == 0 else "")
                    return (f"run {number}, sample {samples} (line {line}), {column}: the file has {got!r}, "
                            f"scikit-learn {want!r}{hint}")
            replayed += 1
        else:
            out(f"run {number}: {replayed} of {replayed} points equal to scikit-learn's")
        checked += replayed
    out(f"{checked} points checked: every held-out, progressive and last-{WINDOW} accuracy is scikit-learn's, "
        f"bit for bit (seed {seed}, hidden layers {','.join(map(str, hidden))})")
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
    assert setup_from_name("learning-curve-seed7-hidden32-16.csv") == (7, [32, 16], None)
    assert setup_from_name("x/learning-curve-seed5-hidden100-on-processed.cleveland.data.csv") == (
        5, [100], "processed.cleveland.data")
    print("selftest: the page's file checked, a changed digit found, another seed refused, the names read")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="the page's CSV, or `selftest`")
    parser.add_argument("--seed", type=int, help="the page's seed (default: from the file's name)")
    parser.add_argument("--hidden", help="the hidden layers, e.g. 32,16 (default: from the file's name)")
    args = parser.parse_args()
    spy_on_initialisation()
    if args.file == "selftest":
        return selftest()
    seed, hidden, data = setup_from_name(args.file)
    if data is not None:
        print(f"error: this curve was learned on the visitor's file {data!r}; only the bundled heart.csv's "
              f"curve is replayed", file=sys.stderr)
        sys.exit(2)
    seed = args.seed if args.seed is not None else seed
    hidden = [int(units) for units in args.hidden.split(",")] if args.hidden else hidden
    if seed is None or hidden is None:
        print("error: the file's name does not give the seed and hidden layers: use --seed and --hidden", file=sys.stderr)
        sys.exit(2)
    try:
        difference = check(args.file, seed, hidden)
    except (OSError, Unreadable) as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
    if difference:
        print(f"differs: {difference}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
