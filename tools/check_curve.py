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
the training split's means. A curve scored every so many samples (the page does so on a test
split of more than 1,000 rows) is replayed sample by sample, and compared at its points. A
taught patient is replayed from its values in the file
(`taught_patient`: heart.csv's columns and codes), through the scaler, with the diagnosis
given; the training stream goes on after it where it was. The page keeps the current run
and 3 earlier ones: after more Resets the file's runs are numbered as the session counts
them (`run` 3 first after 5 Resets), and the runs it no longer holds have their models'
weights drawn again, which is all they took from the random stream. A curve learned after
the visitor imported a session snapshot (or a model file) goes on from that session: give
the file imported with `--import`; its first run is replayed from the session's model
(weights, Adam's state, its counts of samples and training rows) and the runs after a Reset
from its random stream (numpy's, set where the snapshot's stood), the layers the session's.
A model file holds no stream: its runs after a Reset are not replayed. What cannot be
replayed: a run past a taught patient whose values the file does not give (a file of an
earlier build; the runs after it draw the same weights, so they are checked again); an
earlier build's file made after more than 3 Resets (it numbered its first run 1). Exit status
0 when every replayable point is equal, 1 at the first difference (named by run, sample and
column), 2 for a file this cannot read.

    /tmp/skvenv/bin/python tools/check_curve.py selftest

checks the committed page-made files tools/testdata/learning-curve-seed5-hidden100.csv (a
pass, a Reset, a taught patient) and learning-curve-seed5-hidden100-on-processed.cleveland.data.csv
(UCI's raw Cleveland file, its rows with a missing value left out) and
learning-curve-seed7-hidden8-after-importing-session-seed7-hidden8.csv (a session the page
exported, session-seed7-hidden8.json, imported into seed 5's page, a patient taught, "+25",
Reset, "+25"; the end-to-end test holds the page's downloads to all three byte for byte),
the first with only some of its points (as the page scores a big test split every so many
samples), and that a number changed in its last digit, a taught patient's age and its
diagnosis, a session's stream that does not hold together and another imported model are
found.
"""

import csv
import json
import pathlib
import re
import sys

import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from make_fixtures import DATA, first_prediction, load_original, read_uci_file, spy_on_initialisation  # noqa: E402
from page_files import Unreadable, arguments, finish, refuse, scratch_file, setup, setup_from_name  # noqa: E402
import sklearn_io  # noqa: E402

HEADER = ["run", "samples", "held_out_accuracy", "progressive_accuracy", "progressive_accuracy_last_50", "sample",
          "taught_patient"]
# Files of earlier builds, without the taught patients' values: replayed up to the first.
HEADER_WITHOUT_PATIENTS = HEADER[:-1]
TAUGHT = {"taught: heart disease": 0, "taught: no heart disease": 1}
WINDOW = 50
TESTDATA = pathlib.Path(__file__).resolve().parent / "testdata" / "learning-curve-seed5-hidden100.csv"
CLEVELAND = TESTDATA.with_name("learning-curve-seed5-hidden100-on-processed.cleveland.data.csv")
IMPORTED_SESSION = TESTDATA.with_name("session-seed7-hidden8.json")
AFTER_IMPORT = TESTDATA.with_name("learning-curve-seed7-hidden8-after-importing-session-seed7-hidden8.csv")


class Imported:
    """A model file or session snapshot the visitor imported before the curve's runs: the
    model scikit-learn goes on with (its weights, Adam's state, its counts), and for a
    snapshot the random stream where it stood, from which the runs after a Reset draw."""

    def __init__(self, path):
        try:
            with open(path) as file:
                saved = json.load(file)
            self.clf, _ = sklearn_io.to_sklearn(saved)
        except (ValueError, sklearn_io.ModelFileError) as error:
            raise Unreadable(f"{path}: not a model file or session snapshot the page reads ({error})") from None
        model = saved.get("model", saved)
        self.samples_seen = model["progress"]["samples_seen"]
        self.next_sample = model["progress"]["next_sample"]
        self.hidden = list(self.clf.hidden_layer_sizes)
        self.stream = saved["stream"] if "stream" in saved else None
        self.name = pathlib.Path(path).name

    def resume_stream(self):
        """numpy's global stream where the snapshot's stood: seeded, then its draws taken
        (32-bit outputs of the Mersenne Twister that numpy's legacy RandomState shares), and
        checked against the next outputs the snapshot keeps."""
        np.random.seed(self.stream["seed"])
        generator = np.random.mtrand._rand._bit_generator
        generator.random_raw(self.stream["draws"])
        if self.stream.get("next"):
            state = generator.state
            if [int(value) for value in generator.random_raw(len(self.stream["next"]))] != self.stream["next"]:
                raise Unreadable(f"{self.name}: its stream's next outputs are not what seed {self.stream['seed']} "
                                 f"gives after {self.stream['draws']} draws")
            generator.state = state


def read_runs(path):
    """The file's runs by number (the session's count): for each, its rows as (line, samples, the three accuracies,
    the sample's source, the taught patient's values in heart.csv's column order or None)."""
    with open(path, newline="") as file:
        rows = list(csv.reader(file))
    if not rows or rows[0] not in (HEADER, HEADER_WITHOUT_PATIENTS):
        raise Unreadable(f"{path}: not a curve from the page (its header is not {','.join(HEADER)})")
    header = rows[0]
    names = list(pd.read_csv(DATA, nrows=0).drop("target", axis=1).columns)
    runs = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise Unreadable(f"{path}, line {line}: {len(row)} fields, not {len(header)}")
        point = dict(zip(header, row))
        try:
            run, samples = int(point["run"]), int(point["samples"])
            numbers = [float(point[column]) for column in HEADER[2:5]]
            patient = None
            if point.get("taught_patient"):
                values = dict(pair.split("=", 1) for pair in point["taught_patient"].split(" "))
                if sorted(values) != sorted(names):
                    raise ValueError(f"the taught patient's values are not those of {', '.join(names)}")
                patient = np.array([float(values[name]) for name in names])
        except ValueError as error:
            raise Unreadable(f"{path}, line {line}: {error}") from None
        if point["sample"] != "training sample" and point["sample"] not in TAUGHT:
            raise Unreadable(f"{path}, line {line}: the sample {point['sample']!r} is neither a training sample nor "
                             f"a taught patient")
        runs.setdefault(run, []).append((line, samples, numbers, point["sample"], patient))
    return runs


def visitors_file(path):
    """The visitor's data file the curve's file name names (`...-hidden100-on-mine.csv`), if any."""
    match = re.search(r"-seed\d+-hidden[\d-]+-on-(.+)\.csv$", pathlib.Path(path).name)
    return match[1] if match else None


def load_visitor(path, missing):
    """A visitor's file as the page prepares it (src/state.rs, Data::load): X_train, X_test,
    y_train, y_test, and the scaler (which scales a taught patient). heart.csv's form (a header with `target`) has its 13 columns found by
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
    scaler = StandardScaler().fit(X)
    X_train, X_test, y_train, y_test = train_test_split(scaler.transform(X), y, test_size=0.20, random_state=0)
    return X_train, X_test, y_train, y_test, scaler


def check(path, seed, hidden, out=print, data=None, imported=None):
    """Replay the file's runs in scikit-learn, on `data` (X_train, X_test, y_train, y_test and
    the scaler: heart.csv's, the original's, by default), the first from the `imported`
    session (an Imported) if the visitor imported one; the first difference, or None."""
    visitor = data is not None
    X_train, X_test, y_train, y_test, scaler = data if visitor else load_visitor(DATA, "drop")
    if imported is None:
        np.random.seed(seed)
    else:
        # The session's own stream and layers, whatever the file's name says.
        hidden = imported.hidden
        if imported.stream is not None:
            seed = imported.stream["seed"]
            imported.resume_stream()
        if imported.next_sample > len(X_train):
            raise Unreadable(f"{imported.name}: its next sample is {imported.next_sample}, past the {len(X_train)} "
                             f"training samples (was it saved on other data?)")
    checked = 0
    runs = read_runs(path)
    if not runs:
        return f"{path}: no points"
    dropped = [number for number in range(1, max(runs)) if number not in runs]
    if dropped:
        # A run the page no longer keeps drew its model's weights at its first fit, and
        # nothing else (a one-sample fit draws nothing more): drawn again, they leave the
        # stream where the next run found it.
        out(f"run{'s' if len(dropped) > 1 else ''} {', '.join(map(str, dropped))}: no longer kept by the page, "
            f"not in the file: {'their models' if len(dropped) > 1 else 'its model'}' weights drawn as they were")
    for number in range(1, max(runs) + 1):
        # The first run of an imported session goes on with its model: from its counts (the
        # samples it has learned, the training rows among them), a new progressive count.
        from_import = imported is not None and number == 1
        if imported is not None and number > 1 and imported.stream is None:
            out(f"run {number} on: drawn from the page's random stream as it stood when the model file was imported, "
                f"which a model file does not hold (a session snapshot does): not replayed")
            break
        if from_import:
            clf = imported.clf
        else:
            clf = MLPClassifier(hidden_layer_sizes=tuple(hidden), max_iter=200)
        if number not in runs:
            if not from_import:
                clf.partial_fit(X_train[:1], y_train[:1], classes=[0, 1])
            continue
        run = runs[number]
        correct = []
        replayed = 0
        learned = imported.samples_seen if from_import else 0
        taught = imported.samples_seen - imported.next_sample if from_import else 0

        def learn(x, y):
            """One sample as the page learns it: predicted (progressive validation), then learned."""
            p = float(clf.predict_proba(x)[0, 1]) if hasattr(clf, "coefs_") else first_prediction(x, hidden)
            correct.append(int(p > 0.5) == int(y[0]))
            clf.partial_fit(x, y, classes=[0, 1])

        for i, (line, samples, numbers, source, patient) in enumerate(run):
            if source != "training sample" and i == 0 and not from_import:
                return (f"run {number}, line {line}: begins with a taught patient, where the page's runs begin "
                        f"with the first training sample (was a model imported? give the file with --import)")
            if source != "training sample" and patient is None:
                out(f"run {number}: {replayed} points equal, then a taught patient (sample {samples}), not in the file: "
                    f"the rest of the run is not replayed")
                # The next run's model draws its weights at its first fit; a one-sample fit
                # draws nothing else, so the runs after this one are replayed as they were.
                break
            # The training split's next rows up to this point (one, unless the page scores a
            # big test split only every so many samples): a taught patient does not move the
            # stream on, and comes right after the point before it.
            stream_to = samples if source == "training sample" else samples - 1
            if from_import and i == 0 and stream_to < learned:
                return (f"run 1, line {line}: sample {samples} comes before the {learned} samples {imported.name} had "
                        f"learned (was another file imported?)")
            if stream_to < learned or (source != "training sample" and stream_to != learned) or \
                    stream_to - taught > len(X_train):
                return (f"run {number}, line {line}: sample {samples} does not follow sample {learned} with the "
                        f"run's next training samples (was the page given other data, or a model imported? give the file with "
                        f"--import)")
            while learned < stream_to:
                row = learned - taught
                learn(X_train[row].reshape(1, -1), y_train[[row]])
                learned += 1
            if source != "training sample":
                # The visitor's patient through the session's scaler, with their diagnosis.
                learn(scaler.transform(patient.reshape(1, -1)), np.array([TAUGHT[source]]))
                learned += 1
                taught += 1
            expected = [clf.score(X_test, y_test), sum(correct) / len(correct),
                        sum(correct[-WINDOW:]) / len(correct[-WINDOW:])]
            for column, got, want in zip(HEADER[2:5], numbers, expected):
                if got != want:
                    hint = (" (another seed? a file of an earlier build numbers its first run 1 even when more "
                            "than 3 Resets had pushed the session's first runs out" +
                            ("; or were the file's missing values dealt with otherwise? --missing)" if visitor else ")")
                            if number == min(runs) and i == 0 else "")
                    return (f"run {number}, sample {samples} (line {line}), {column}: the file has {got!r}, "
                            f"scikit-learn {want!r}{hint}")
            replayed += 1
        else:
            taught_here = taught - (imported.samples_seen - imported.next_sample if from_import else 0)
            patients = (f" ({taught_here} taught {'patient' if taught_here == 1 else 'patients'} among them)"
                        if taught_here else "")
            learned_here = learned - (imported.samples_seen if from_import else 0)
            every = f", {learned_here} samples learned" if learned_here != replayed else ""
            origin = f", going on from {imported.name}'s {imported.samples_seen} samples" if from_import else ""
            out(f"run {number}: {replayed} of {replayed} points equal to scikit-learn's{patients}{every}{origin}")
        checked += replayed
    seeded = f"seed {seed}, " if seed is not None else ""
    out(f"{checked} points checked: every held-out, progressive and last-{WINDOW} accuracy is scikit-learn's, "
        f"bit for bit ({seeded}hidden layers {','.join(map(str, hidden))}, {len(X_train)} training and "
        f"{len(X_test)} test rows)")
    return None


def selftest():
    lines = []
    difference = check(TESTDATA, 5, [100], out=lines.append)
    assert difference is None, difference
    assert lines == [
        "run 1: 242 of 242 points equal to scikit-learn's",
        "run 2: 52 of 52 points equal to scikit-learn's (1 taught patient among them)",
        "294 points checked: every held-out, progressive and last-50 accuracy is scikit-learn's, bit for bit "
        "(seed 5, hidden layers 100, 242 training and 61 test rows)",
    ], lines
    text = TESTDATA.read_text().splitlines(keepends=True)

    def changed(edit):
        """The committed file with `edit` (line index, fields -> fields) made, checked."""
        edited = list(text)
        for index, change in edit:
            edited[index] = ",".join(change(edited[index].rstrip("\n").split(","))) + "\n"
        return check(scratch_file(edited), 5, [100], out=lambda _: None)

    def replaced(position, value):
        return lambda fields: fields[:position] + [value] + fields[position + 1:]

    # One number off in its last digit: found, named.
    difference = changed([(100, replaced(2, repr(float(np.nextafter(float(text[100].split(",")[2]), 2.0)))))])
    assert difference and difference.startswith("run 1, sample 100 (line 101), held_out_accuracy"), difference
    # The taught patient's age changed by a year, or its diagnosis turned: its point differs.
    taught = next(index for index, line in enumerate(text) if ",taught: " in line)
    difference = changed([(taught, lambda fields: fields[:6] + [fields[6].replace("age=70.0", "age=71.0")])])
    assert difference and difference.startswith("run 2, sample "), difference
    difference = changed([(taught, replaced(5, "taught: no heart disease"))])
    assert difference and difference.startswith(f"run 2, sample 27 (line {taught + 1}), "), difference
    # A curve scored every so many samples (a big test split's) and after each action: the
    # samples between its points replayed too. Here every 10th point of the file, and each
    # action's last (before the taught patient, the runs' ends).
    kept = [line for index, line in enumerate(text) if index == 0 or int(line.split(",")[1]) % 10 == 0
            or ",taught: " in line or index + 1 == len(text) or ",taught: " in text[index + 1]
            or text[index + 1].split(",")[0] != line.split(",")[0]]
    lines.clear()
    assert check(scratch_file(kept), 5, [100], out=lines.append) is None, lines
    assert lines[1] == "run 2: 8 of 8 points equal to scikit-learn's (1 taught patient among them), 52 samples learned", lines
    # A file of an earlier build, without the taught patients' values: replayed up to the first.
    lines.clear()
    without_patients = [",".join(line.rstrip("\n").split(",")[:6]) + "\n" for line in text]
    difference = check(scratch_file(without_patients), 5, [100], out=lines.append)
    assert difference is None and lines[1].startswith("run 2: 26 points equal, then a taught patient (sample 27), "
                                                      "not in the file"), lines
    # Another seed's numbers are not seed 5's.
    difference = check(TESTDATA, 42, [100], out=lambda _: None)
    assert difference and "another seed?" in difference, difference
    # Runs 1 and 2 pushed out by Resets (their draws replayed): the file's runs numbered 3
    # and 4 are the committed file's runs 1 and 2 after two earlier runs, which this is not.
    renumbered = [line if index == 0 else str(int(line.split(",")[0]) + 2) + line[line.index(","):]
                  for index, line in enumerate(text)]
    lines.clear()
    difference = check(scratch_file(renumbered), 5, [100], out=lines.append)
    assert lines[0].startswith("runs 1, 2: no longer kept by the page"), lines
    assert difference and difference.startswith("run 3, sample 1 (line 2)"), difference
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
    assert all(np.array_equal(a, b) for a, b in zip(visitor[:4], load_original()))
    assert setup_from_name("learning-curve-seed7-hidden32-16.csv") == (7, [32, 16])
    name = "x/learning-curve-seed5-hidden100-on-processed.cleveland.data.csv"
    assert (setup_from_name(name), visitors_file(name)) == ((5, [100]), "processed.cleveland.data")
    assert visitors_file("learning-curve-seed5-hidden100.csv") is None
    # A curve learned after importing a session (the page's: seed 7's 13-8-1 network after
    # 125 samples, imported into seed 5's page, a patient taught, "+25", Reset, "+25"): run 1
    # goes on from the session's model, run 2 draws from its stream.
    lines.clear()
    difference = check(AFTER_IMPORT, None, None, out=lines.append, imported=Imported(IMPORTED_SESSION))
    assert difference is None, difference
    assert lines == [
        "run 1: 26 of 26 points equal to scikit-learn's (1 taught patient among them), going on from "
        "session-seed7-hidden8.json's 125 samples",
        "run 2: 26 of 26 points equal to scikit-learn's",
        "52 points checked: every held-out, progressive and last-50 accuracy is scikit-learn's, bit for bit (seed 7, "
        "hidden layers 8, 242 training and 61 test rows)",
    ], lines
    # Without the file imported: said, not a wrong replay.
    difference = check(AFTER_IMPORT, 7, [8], out=lambda _: None)
    assert difference == ("run 1, line 2: begins with a taught patient, where the page's runs begin with the first "
                          "training sample (was a model imported? give the file with --import)"), difference
    # The model file alone (the session's model, without its stream): run 1 replayed, the
    # runs after a Reset not.
    session = json.loads(IMPORTED_SESSION.read_text())
    model_file = scratch_file([json.dumps(session["model"])])
    lines.clear()
    assert check(AFTER_IMPORT, None, None, out=lines.append, imported=Imported(model_file)) is None, lines
    assert lines[0].startswith("run 1: 26 of 26 points equal") and lines[1].startswith("run 2 on: drawn from the page's "
                                                                                       "random stream"), lines
    # A session whose stream is not what its seed gives: refused; another model (the output
    # layer's weights turned round) differs.
    session["stream"]["draws"] += 1
    try:
        check(AFTER_IMPORT, None, None, out=lambda _: None, imported=Imported(scratch_file([json.dumps(session)])))
        raise AssertionError("a stream that does not hold together was taken")
    except Unreadable as error:
        assert "its stream's next outputs are not what seed 7 gives after 243 draws" in str(error), error
    session["stream"]["draws"] -= 1
    session["model"]["coefs"][-1] = [[-weight for weight in row] for row in session["model"]["coefs"][-1]]
    difference = check(AFTER_IMPORT, None, None, out=lambda _: None, imported=Imported(scratch_file([json.dumps(session)])))
    assert difference and difference.startswith("run 1, sample 126 (line 2)"), difference
    print("selftest: the page's files checked (heart.csv with a taught patient, and UCI's Cleveland without its rows "
          "with a missing value; the first with only some of its points), a changed digit and a changed patient found, an earlier build's file replayed up to "
          "its taught patient, runs numbered after dropped ones replayed after their draws, another seed and another way with missing values refused, the names read; "
          "a curve learned after importing a session replayed from the session (and from its model file, up to its Reset)")


def main():
    parser = arguments(__doc__, "the page's CSV")
    parser.add_argument("--data", help="the visitor's file the curve was learned on (a name ending -on-<file>.csv)")
    parser.add_argument("--missing", choices=["drop", "impute"], default="drop",
                        help="what the page did with a raw UCI file's missing values (default: drop, the page's)")
    parser.add_argument("--import", dest="imported", metavar="FILE",
                        help="the model file or session snapshot the visitor imported before the file's runs")
    args = parser.parse_args()
    spy_on_initialisation()
    if args.file == "selftest":
        return selftest()
    data = visitors_file(args.file)
    if data is not None and args.data is None:
        refuse(f"this curve was learned on the visitor's file {data!r}: give that file with --data (and --missing "
               f"impute if the page filled its missing values in)")
    if args.imported is None:
        seed, hidden = setup(args)
    elif args.seed is not None or args.hidden is not None:
        refuse("the imported session gives the stream and the layers: --seed and --hidden are not for --import")
    else:
        # The file's name says them too, if it is the page's (the seed only for the summary).
        seed, hidden = setup_from_name(args.file)

    def run():
        data = load_visitor(args.data, args.missing) if args.data else None
        return check(args.file, seed, hidden, data=data, imported=Imported(args.imported) if args.imported else None)

    finish(run)


if __name__ == "__main__":
    main()
