"""Lemmatisers compared on Finnish and Swedish words as people type them.

    .venv/bin/python benchmarks/bench_lemmatisers.py

Reads benchmarks/data/lemma_gold_fi.tsv, lemma_gold_sv.tsv (a form and its
acceptable base forms) and compound_gold_fi.tsv (a base form and its parts), and
prints for each lemmatiser found on this machine the share of forms given an
acceptable base form, the share of compounds split as expected, the time per word and
the memory the process grew by when loading it:

* ``simplemma`` alone (2.0, memory-frugal backend), the library Polku uses;
* ``language.lemma``: simplemma with Polku's fixes and compound handling
  (``matching/core/language.py``), what search and the matcher use;
* ``libvoikko``: Debian's libvoikko + voikko-fi through its Python binding, the
  reference for Finnish (``apt-get install python3-libvoikko voikko-fi``; the script
  finds Debian's binding outside the virtual environment);
* ``pyvoikko``: the pure-Python Voikko (if installed: ``pip install pyvoikko``).
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def gold(name: str) -> list[tuple[str, set[str]]]:
    rows = []
    for line in (DATA / name).read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        form, expected = line.split("\t")
        rows.append((form, {e.lower() for e in expected.split("|")}))
    return rows


def compounds() -> list[tuple[str, tuple[str, ...]]]:
    rows = []
    for line in (DATA / "compound_gold_fi.tsv").read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        word, parts = line.split("\t")
        rows.append((word, () if parts == "-" else tuple(parts.split())))
    return rows


def voikko() -> object | None:
    try:
        import libvoikko
    except ImportError:
        sys.path.append("/usr/lib/python3/dist-packages")
        try:
            import libvoikko
        except ImportError:
            return None
    try:
        return libvoikko.Voikko("fi")
    except OSError:
        return None


def voikko_lemmas(v: object) -> Callable[[str], set[str]]:
    def run(word: str) -> set[str]:
        return {a["BASEFORM"].lower() for a in v.analyze(word)} or {word.lower()}

    return run


def voikko_parts(v: object) -> Callable[[str], tuple[str, ...]]:
    import re

    def run(word: str) -> tuple[str, ...]:
        analyses = v.analyze(word)
        if not analyses:
            return ()
        parts: list[str] = []
        wordbases = analyses[0].get("WORDBASES", "")
        for surface, base in re.findall(r"\+([^+(]+)\(([^)]*)\)", wordbases):
            if base.startswith("+") and parts:  # a derivational suffix: same part
                parts[-1] += surface
            else:
                parts.append(surface)
        return tuple(p.lower() for p in parts) if len(parts) > 1 else ()

    return run


def score(name: str, lemmatise: Callable[[str], set[str]], lang: str) -> None:
    rows = gold(f"lemma_gold_{lang}.tsv")
    before = rss_mb()
    began = time.perf_counter()
    lemmatise(rows[0][0])
    load = time.perf_counter() - began
    grown = rss_mb() - before
    began = time.perf_counter()
    right = sum(1 for form, ok in rows if lemmatise(form) & ok)
    per_word = (time.perf_counter() - began) / len(rows) * 1e6
    wrong = [form for form, ok in rows if not lemmatise(form) & ok]
    print(
        f"{name:<16} {lang}  {right}/{len(rows)} = {right / len(rows):.1%}  "
        f"load {load:.1f} s, +{grown:.0f} MB, {per_word:.0f} µs/word (first call)"
    )
    print(f"{'':<20}wrong: {', '.join(wrong[:12])}{' …' if len(wrong) > 12 else ''}")


def score_parts(name: str, split: Callable[[str], tuple[str, ...]]) -> None:
    rows = compounds()
    right = [w for w, parts in rows if split(w) == parts]
    wrong = [f"{w}→{'+'.join(split(w)) or '-'}" for w, p in rows if split(w) != p]
    print(
        f"{name:<16} compounds {len(right)}/{len(rows)} = {len(right) / len(rows):.1%}"
    )
    print(f"{'':<20}wrong: {', '.join(wrong)}")


def main() -> None:
    import simplemma

    from matching.core import language

    print(f"Python {sys.version.split()[0]}, simplemma {simplemma.__version__}")
    for lang in ("fi", "sv"):
        score(
            "simplemma",
            lambda w, lang=lang: {
                simplemma.lemmatize(w, lang=lang, low_memory=True).lower()
            },
            lang,
        )
        score("language.lemma", lambda w, lang=lang: {language.lemma(w, lang)}, lang)
    v = voikko()
    if v is not None:
        score("libvoikko", voikko_lemmas(v), "fi")
    else:
        print("libvoikko: not installed")
    try:
        import pyvoikko

        score(
            "pyvoikko",
            lambda w: {a.BASEFORM.lower() for a in pyvoikko.analyse(w)} or {w.lower()},
            "fi",
        )
    except ImportError:
        print("pyvoikko: not installed")
    score_parts("language", lambda w: language.compound_parts(w, "fi"))
    if v is not None:
        score_parts("libvoikko", voikko_parts(v))


if __name__ == "__main__":
    main()
