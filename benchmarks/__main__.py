"""``python -m benchmarks [FOLDER] [--names FILE] [--quick] [--out docs/benchmarks.md]``.

Without FOLDER, the corpus is the benchmark sample: the documents ``benchmarks/corpus.txt`` names,
read from ``../shared/corpus/docs`` beside the repository (``GOVNLP_SHARED`` names another
``shared`` folder). With FOLDER, every ``.txt`` under it (or only those ``--names`` lists).

Measures govnlp (each capability alone and the whole pipeline, cold and warm, scaling,
adversarial inputs, import time, lexicon load, memory) and the peer tools that are installed
(``pip install -e '.[bench]'``), and the accuracy of every quantity tool on the development
gold; writes a Markdown report (and a PNG plot next to it) or prints it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .corpus import SAMPLE_LIST, load_corpus, shared_docs
from .report import plot, render
from .run import Settings, run


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, write the report."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[1])
    ap.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=None,
        help="folder of .txt files (default: the benchmark sample in ../shared/corpus/docs)",
    )
    ap.add_argument(
        "--names",
        type=Path,
        default=None,
        help="only the files this list names, one a line (default without FOLDER: "
        "benchmarks/corpus.txt)",
    )
    ap.add_argument(
        "--quick", action="store_true", help="seconds, not minutes: small sample, govnlp only"
    )
    ap.add_argument(
        "--peers",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also measure the peer tools (default: yes, but no with --quick)",
    )
    ap.add_argument("--no-profile", action="store_true", help="do not profile missed targets")
    ap.add_argument("--out", type=Path, help="write the Markdown report here (and a PNG beside it)")
    args = ap.parse_args(argv)
    if args.folder is None:
        args.folder = shared_docs()
        args.names = args.names or SAMPLE_LIST
        if not args.folder.is_dir():
            ap.error(
                f"../shared/corpus not found beside the repository: {args.folder}; name a folder"
                " of .txt files, or set GOVNLP_SHARED to the folder holding corpus/docs"
            )
    if not args.folder.is_dir():
        ap.error(f"{args.folder}: not a folder")
    if args.names is not None and not args.names.is_file():
        ap.error(f"{args.names}: no such list of file names")
    settings = Settings.for_mode(args.quick, args.peers, not args.no_profile)
    corpus = load_corpus(
        args.folder, limit_chars=30_000 if args.quick else None, names_file=args.names
    )
    res = run(corpus, settings)
    plot_name = None
    if args.out:
        png = args.out.with_suffix(".png")
        if plot(res, png):
            plot_name = png.name
    text = render(res, plot_name)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
        print(
            f"wrote {args.out}" + (f" and {args.out.with_suffix('.png')}" if plot_name else ""),
            file=sys.stderr,
        )
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
