"""Check the four hospitals' stream downloaded from the streams page against scikit-learn and River.

The streams page's "Download as CSV" (`#hospitals-download`), and the notebook command's
`--stream hospitals --csv FILE`, write both policies' runs, a line per patient. This replays
the stream in scikit-learn's MLPClassifier after `np.random.seed(N)`, with River's
Page-Hinkley and ADWIN on its errors (tools/make_fixtures.py, `hospitals_runs`), and
compares every column. scikit-learn and River are the oracles, never dependencies: run it in
a throwaway venv.

    python3 -m venv /tmp/skvenv
    /tmp/skvenv/bin/pip install scikit-learn pandas river
    /tmp/skvenv/bin/python tools/check_stream.py four-hospitals-seed5-hidden100.csv

The seed and hidden layers are read from the file's name (`--seed`, `--hidden` for another
name). A stream of the visitor's own files (the streams page's "Your own stream",
`own-stream-seed5-hidden100.csv`) is replayed on those files, given with `--data` (in any
order: the page takes them in the order of their names), read as the page reads them. Equal, bit for bit: the sites, the targets, every error, both progressive accuracies,
Page-Hinkley's two tests, the detections and the new models. The probabilities within 1e-10:
scikit-learn's own last digits move with the machine's BLAS (its matrix products sum in an
order of the library's choosing), the errors they give do not. Exit status 0 when all is
equal, 1 at the first difference (named by policy, patient and column), 2 for a file this
cannot read.

    /tmp/skvenv/bin/python tools/check_stream.py selftest

checks the committed tools/testdata/four-hospitals-seed5-hidden100.csv, a file the page made
(the end-to-end test holds the page's download to it byte for byte, a native test the notebook
command's to it but for the probabilities' last digit), and
that a changed detection, a changed probability and another seed are found.
"""

import csv
import pathlib
import re
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from make_fixtures import hospitals_runs, hospitals_stream, spy_on_initialisation  # noqa: E402
from page_files import Unreadable, arguments, finish, refuse, scratch_file, setup, setup_from_name  # noqa: E402

HEADER = ["policy", "patient", "site", "target", "probability_target_1", "error", "progressive_accuracy",
          "progressive_accuracy_last_50", "page_hinkley_increase", "page_hinkley_decrease", "page_hinkley_drift",
          "adwin_drift", "new_model"]
POLICIES = ["keep_learning", "new_model_at_drift"]
SITE_NAMES = ["Cleveland", "Hungary", "Switzerland", "VA Long Beach"]
WINDOW = 50
PROBABILITY_TOLERANCE = 1e-10
TESTDATA = pathlib.Path(__file__).resolve().parent / "testdata" / "four-hospitals-seed5-hidden100.csv"
OWN = TESTDATA.with_name("own-stream-seed5-hidden100.csv")


def read_runs(path):
    """The file's runs: for each policy, its lines as (line number, dict of the header's columns)."""
    with open(path, newline="") as file:
        rows = list(csv.reader(file))
    if not rows or rows[0] != HEADER:
        raise Unreadable(f"{path}: not a stream from the streams page (its header is not {','.join(HEADER)})")
    runs = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(HEADER):
            raise Unreadable(f"{path}, line {line}: {len(row)} fields, not {len(HEADER)}")
        point = dict(zip(HEADER, row))
        if point["policy"] not in POLICIES:
            raise Unreadable(f"{path}, line {line}: the policy {point['policy']!r} is not one of {', '.join(POLICIES)}")
        runs.setdefault(point["policy"], []).append((line, point))
    return runs


def expected_lines(seed, hidden, paths=None):
    """For each policy, what each patient's line must hold, from scikit-learn and River: the
    four hospitals' stream, or the visitor's files `paths` as its sites (in the order of their
    names, as the page takes them)."""
    site_names = SITE_NAMES
    if paths:
        paths = sorted(paths, key=lambda path: name_order(pathlib.Path(path).name))
        site_names = [pathlib.Path(path).name for path in paths]
        # As the page and the notebook command refuse them: the sites are named by their files,
        # and two of one name could not be put in the page's order.
        for index, name in enumerate(site_names):
            if name in site_names[:index]:
                raise Unreadable(f"two files are named `{name}`, and each site is named by its file: rename one")
    _, y, sites = hospitals_stream(paths)
    runs = hospitals_runs(seed, hidden, paths)
    expected = {}
    for policy, run in runs.items():
        lines, correct = [], []
        for i, error in enumerate(run["errors"]):
            correct.append(1 - error)
            lines.append({
                "patient": i + 1,
                "site": site_names[sites[i]],
                "target": int(y[i]),
                "probability_target_1": run["predicted"][i],
                "error": error,
                "progressive_accuracy": sum(correct) / len(correct),
                "progressive_accuracy_last_50": sum(correct[-WINDOW:]) / len(correct[-WINDOW:]),
                "page_hinkley_increase": run["page_hinkley_increase"][i],
                "page_hinkley_decrease": run["page_hinkley_decrease"][i],
                "page_hinkley_drift": int(i in run["page_hinkley"]),
                "adwin_drift": int(i in run["adwin"]),
                "new_model": int(policy == "new_model_at_drift" and i in run["adwin"]),
            })
        expected[policy] = lines
    return expected


def name_order(name):
    """The key by which the page orders a visitor's files (learner::names::name_order):
    runs of digits by their value (`2-…` before `10-…`), the rest character by character;
    names it finds equal (`01` and `1`), character by character."""
    runs = re.split("([0-9]+)", name)
    return [run if index % 2 == 0 else (len(run.lstrip("0")), run.lstrip("0")) for index, run in enumerate(runs)], name


def check(path, seed, hidden, out=print, data=None):
    """Replay the stream (of the visitor's files `data`, if given) in scikit-learn and River;
    the first difference, or None."""
    runs = read_runs(path)
    expected = expected_lines(seed, hidden, data)
    largest = 0.0
    for policy in POLICIES:
        got, want = runs.get(policy, []), expected[policy]
        if len(got) != len(want):
            return f"{policy}: {len(got)} patients in the file, {len(want)} in the stream"
        for (line, point), wanted in zip(got, want):
            for column, value in wanted.items():
                try:
                    if column == "site":
                        read = point[column]
                    elif isinstance(value, int):
                        read = int(point[column])
                    else:
                        read = float(point[column])
                except ValueError as error:
                    raise Unreadable(f"{path}, line {line}, {column}: {error}") from None
                if column == "probability_target_1":
                    largest = max(largest, abs(read - value))
                    differs = not abs(read - value) <= PROBABILITY_TOLERANCE
                else:
                    differs = read != value
                if differs:
                    return (f"{policy}, patient {wanted['patient']} (line {line}), {column}: the file has {read!r}, "
                            f"scikit-learn and River {value!r}")
        detections = sum(wanted["adwin_drift"] for wanted in want)
        out(f"{policy}: {len(want)} patients equal ({sum(w['error'] for w in want)} errors, "
            f"{detections} ADWIN and {sum(w['page_hinkley_drift'] for w in want)} Page-Hinkley detections)")
    out(f"every error, accuracy, test and detection is scikit-learn's and River's, bit for bit; the probabilities "
        f"within {largest:.1e} (seed {seed}, hidden layers {','.join(map(str, hidden))})")
    return None


def selftest():
    lines = []
    difference = check(TESTDATA, 5, [100], out=lines.append)
    assert difference is None, difference
    assert lines[0] == "keep_learning: 920 patients equal (169 errors, 2 ADWIN and 0 Page-Hinkley detections)", lines
    assert lines[1].startswith("new_model_at_drift: 920 patients equal (145 errors, "), lines
    text = TESTDATA.read_text().splitlines(keepends=True)

    def changed(line, column, value):
        fields = text[line - 1].rstrip("\n").split(",")
        fields[HEADER.index(column)] = value
        edited = text[:line - 1] + [",".join(fields) + "\n"] + text[line:]
        return check(scratch_file(edited), 5, [100], out=lambda _: None)

    # A detection the detectors did not make: found, named.
    difference = changed(101, "adwin_drift", "1")
    assert difference and difference.startswith("keep_learning, patient 100 (line 101), adwin_drift"), difference
    # A probability off by more than BLAS's last digits: found.
    probability = float(text[200].split(",")[HEADER.index("probability_target_1")])
    difference = changed(201, "probability_target_1", repr(probability + 1e-9))
    assert difference and "patient 200 (line 201), probability_target_1" in difference, difference
    # Another seed's stream is not seed 5's.
    difference = check(TESTDATA, 42, [100], out=lambda _: None)
    assert difference and difference.startswith("keep_learning, patient 1 "), difference
    assert setup_from_name("four-hospitals-seed7-hidden32-16.csv") == (7, [32, 16])
    # A visitor's own stream: UCI's Switzerland and VA files and heart.csv, named 1-, 2-, 3-
    # (the page's order); given in another order, taken in the page's.
    root = pathlib.Path(__file__).resolve().parent.parent / "data"
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, source in [("3-heart.csv", root / "heart.csv"), ("1-switzerland.data", root / "uci" / "processed.switzerland.data"),
                             ("2-va.data", root / "uci" / "processed.va.data")]:
            files.append(pathlib.Path(folder) / name)
            files[-1].write_bytes(source.read_bytes())
        lines.clear()
        assert check(OWN, 5, [100], out=lines.append, data=files) is None, lines
        assert lines[0].startswith("keep_learning: 626 patients equal ("), lines
        difference = check(OWN, 5, [100], out=lambda _: None, data=files[1:])
        assert difference == "keep_learning: 626 patients in the file, 323 in the stream", difference
        # Two files of one name, from two folders: refused, as the page refuses them.
        (pathlib.Path(folder) / "again").mkdir()
        again = pathlib.Path(folder) / "again" / "2-va.data"
        again.write_bytes(files[2].read_bytes())
        try:
            check(OWN, 5, [100], out=lambda _: None, data=files + [again])
            raise AssertionError("two files named 2-va.data taken")
        except Unreadable as error:
            assert str(error) == "two files are named `2-va.data`, and each site is named by its file: rename one", error
    # The order of names, learner::names::name_order's (its unit test's names).
    names = ["10-va.data", "2-hungary.data", "1-cleveland.data", "site 02.csv", "site 1.csv", "site 2.csv", "", "1", "01",
             "a", "a1", "a1b", "A", "\u00e9"]
    assert sorted(names, key=name_order) == ["", "01", "1", "1-cleveland.data", "2-hungary.data", "10-va.data", "A", "a", "a1",
                                             "a1b", "site 1.csv", "site 02.csv", "site 2.csv", "\u00e9"]
    print("selftest: the page's files checked (the four hospitals, and a visitor's own stream of three files), a changed "
          "detection and probability found, another seed, other files and two files of one name refused, names ordered as the page orders them")


def main():
    parser = arguments(__doc__, "the streams page's CSV")
    parser.add_argument("--data", nargs="+", help="the visitor's files an own stream was made of (own-stream-...csv)")
    args = parser.parse_args()
    spy_on_initialisation()
    if args.file == "selftest":
        return selftest()
    seed, hidden = setup(args)
    if pathlib.Path(args.file).name.startswith("own-stream") and not args.data:
        refuse("this stream was made of the visitor's files: give them with --data")
    finish(lambda: check(args.file, seed, hidden, data=args.data))


if __name__ == "__main__":
    main()
