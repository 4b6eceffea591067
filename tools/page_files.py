"""What the checkers of the pages' downloads share (tools/check_curve.py, tools/check_stream.py):
the command line's setup, the exit statuses, the selftests' scratch files."""

import argparse
import pathlib
import re
import sys
import tempfile


class Unreadable(Exception):
    """A file the checker cannot read: exit status 2."""


def setup_from_name(path):
    """The seed and hidden layers a page's file name gives (`...-seed7-hidden32-16...csv`),
    or (None, None)."""
    match = re.search(r"-seed(\d+)-hidden(\d+(?:-\d+)*)(?:-on-.+)?\.csv$", pathlib.Path(path).name)
    if not match:
        return None, None
    return int(match[1]), [int(units) for units in match[2].split("-")]


def arguments(doc, what):
    """The checker's command line: the file (`what`) or `selftest`, `--seed`, `--hidden`."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("file", help=f"{what}, or `selftest`")
    parser.add_argument("--seed", type=int, help="the page's seed (default: from the file's name)")
    parser.add_argument("--hidden", help="the hidden layers, e.g. 32,16 (default: from the file's name)")
    return parser


def setup(args):
    """The seed and hidden layers: the options', else the file name's; exit status 2 if neither."""
    seed, hidden = setup_from_name(args.file)
    seed = args.seed if args.seed is not None else seed
    hidden = [int(units) for units in args.hidden.split(",")] if args.hidden else hidden
    if seed is None or hidden is None:
        refuse("the file's name does not give the seed and hidden layers: use --seed and --hidden")
    return seed, hidden


def refuse(reason):
    """Exit status 2, with the reason."""
    print(f"error: {reason}", file=sys.stderr)
    sys.exit(2)


def finish(check):
    """Run `check()` (the first difference, or None): exit status 1 at a difference, 2 for a
    file it cannot read."""
    try:
        difference = check()
    except (OSError, ValueError, Unreadable) as error:
        refuse(error)
    if difference:
        print(f"differs: {difference}", file=sys.stderr)
        sys.exit(1)


def scratch_file(lines):
    """`lines` (each ending with its newline) in a temporary CSV file: its path."""
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as file:
        file.write("".join(lines))
    return file.name
