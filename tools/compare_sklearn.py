"""Time scikit-learn and the Rust core on the same work, in one run, and print the ratios.

The work: the notebook's one-sample `partial_fit` over the 242 training rows with a fresh
`MLPClassifier()` (per-sample time; on the Rust side both one `learn_one` call per sample
and one `learn_rows` call over the rows, one Adam step per sample either way), `score`
on the 61 test rows, and the notebook's loop as a whole (a fresh model, `partial_fit` per
sample and `score` every 25 samples and after the last; per sample). scikit-learn runs in a throwaway virtual environment; it is never a
dependency of the project.

    python3 -m venv /tmp/skvenv && /tmp/skvenv/bin/pip install scikit-learn pandas
    /tmp/skvenv/bin/python tools/compare_sklearn.py            # portable x86-64 build
    /tmp/skvenv/bin/python tools/compare_sklearn.py --native   # -C target-cpu=native
"""

import argparse
import json
import os
import pathlib
import subprocess
import time
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

ROOT = pathlib.Path(__file__).resolve().parent.parent
CRITERION = ROOT / "target" / "criterion" / "heart"


def sklearn_times(passes):
    df = pd.read_csv(ROOT / "data" / "heart.csv")
    X = StandardScaler().fit_transform(df.drop("target", axis=1))
    X_train, X_test, y_train, y_test = train_test_split(X, df["target"], test_size=0.2, random_state=0)
    y_train = y_train.values
    np.random.seed(5)
    fit_seconds, calls = 0.0, 0
    for _ in range(passes):
        clf = MLPClassifier(max_iter=200)
        start = time.perf_counter()
        for i in range(len(X_train)):
            clf.partial_fit(X_train[i].reshape(1, -1), y_train[[i]], classes=[0, 1])
        fit_seconds += time.perf_counter() - start
        calls += len(X_train)
    repeats = 300
    start = time.perf_counter()
    for _ in range(repeats):
        clf.score(X_test, y_test)
    score_seconds = (time.perf_counter() - start) / repeats
    # The notebook's loop as it runs it, checkpoints included.
    loop_seconds = 0.0
    for _ in range(passes):
        clf = MLPClassifier(max_iter=200)
        start = time.perf_counter()
        for i in range(len(X_train)):
            clf.partial_fit(X_train[i].reshape(1, -1), y_train[[i]], classes=[0, 1])
            if i > 0 and i % 25 == 0 or i == len(X_train) - 1:
                clf.score(X_test, y_test)
        loop_seconds += time.perf_counter() - start
    return fit_seconds / calls, score_seconds, loop_seconds / calls


def rust_times(native):
    env = dict(os.environ)
    if native:
        env["RUSTFLAGS"] = (env.get("RUSTFLAGS", "") + " -C target-cpu=native").strip()
    subprocess.run(
        ["cargo", "bench", "-p", "learner", "--bench", "learning", "--", "--noplot"],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )

    def mean_seconds(name):
        estimates = json.loads((CRITERION / name / "new" / "estimates.json").read_text())
        return estimates["mean"]["point_estimate"] * 1e-9

    return (
        mean_seconds("partial_fit_one_sample_x242") / 242,
        mean_seconds("learn_rows_one_sample_steps_x242") / 242,
        mean_seconds("score_61_test_rows"),
        mean_seconds("notebook_loop_x242") / 242,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--native", action="store_true", help="build the Rust side with -C target-cpu=native")
    parser.add_argument("--passes", type=int, default=5, help="fresh scikit-learn models to time")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    sk_fit, sk_score, sk_loop = sklearn_times(args.passes)
    rs_fit, rs_rows, rs_score, rs_loop = rust_times(args.native)
    build = "target-cpu=native" if args.native else "portable x86-64"
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; Rust build: {build}")
    print(f"{'':36}{'scikit-learn':>14}{'Rust core':>14}{'ratio':>10}")
    for name, sk, rs in [
        ("one-sample partial_fit, learn_one", sk_fit, rs_fit),
        ("one-sample partial_fit, learn_rows", sk_fit, rs_rows),
        ("score, 61 test rows", sk_score, rs_score),
        ("the notebook's loop, per sample", sk_loop, rs_loop),
    ]:
        print(f"{name:36}{sk * 1e6:>11.1f} us{rs * 1e6:>11.2f} us{sk / rs:>9.0f}x")


if __name__ == "__main__":
    main()
