"""Coreference metrics and the ECB+ document-clustering evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from saboot.cli import cli
from saboot.errors import ConfigError
from saboot.evaluate.linking import b_cubed, ceaf_e, default_split, gold_event, muc, read_ecbplus, score, splits_in
from saboot.link.documents import RESOLUTION, cluster_documents, default_resolution
from tests.conftest import DATA, need

KEY = [["a", "b", "c"], ["d", "e"]]


def test_perfect_response_scores_one() -> None:
    s = score(KEY, [["c", "b", "a"], ["e", "d"]])
    assert (s.muc, s.b3, s.ceafe, s.conll) == (1.0, 1.0, 1.0, 1.0)


def test_known_values_for_a_merged_response() -> None:
    merged = [["a", "b", "c", "d", "e"]]
    assert muc(KEY, merged) == pytest.approx(2 * 1.0 * 0.75 / 1.75)  # recall 3/3, precision 3/4
    # B³: recall 1; precision (3·3/5 + 2·2/5)/5 = 13/25
    assert b_cubed(KEY, merged) == pytest.approx(2 * (13 / 25) / (1 + 13 / 25))
    assert ceaf_e(KEY, merged) == pytest.approx(2 * (6 / 8) * (6 / 8 / 2) / (6 / 8 + 6 / 8 / 2))


def test_gold_events_split_a_topic_in_two() -> None:
    assert gold_event("1_10ecb") == "1:ecb" and gold_event("1_3ecbplus") == "1:ecbplus"


def test_documents_about_different_events_are_apart() -> None:
    texts = {
        "a": "A magnitude 6.1 earthquake struck Aceh in Indonesia on Tuesday, killing 12 people.",
        "b": "Twelve people died when an earthquake hit Aceh province, Indonesia, officials said.",
        "c": "The Indian navy captured 23 Somali pirates in the Gulf of Aden.",
        "d": "Somali pirates were captured by the Indian navy near the Gulf of Aden, 23 of them.",
    }
    clusters = cluster_documents(texts)
    assert sorted(map(sorted, clusters)) == [["a", "b"], ["c", "d"]]


def test_ecbplus_dev_split() -> None:
    folder = need(DATA / "ecbplus")
    out = json.loads(CliRunner().invoke(cli, ["eval", "linking", "--ecbplus", str(folder), "--json"]).output)
    assert {"clusters", "b3", "muc", "conll"} <= out.keys()
    assert sum(len(c) for c in out["clusters"]) == 196
    assert out["conll"] >= 0.95  # measured 0.961 (see README), the target; dev was among the tuning data


def test_two_events_of_one_kind_are_told_apart_by_their_names_and_days() -> None:
    texts = {
        "j1": "Chargers receiver Vincent Jackson was arrested on suspicion of drunk driving early Tuesday.",
        "j2": "Police arrested Vincent Jackson of the Chargers on Tuesday on a drunk driving charge.",
        "j3": "Jackson, a Chargers wide receiver, was booked on Tuesday after a drunk driving stop.",
        "w1": "Chargers lineman Jamal Williams was arrested on suspicion of drunk driving early Sunday.",
        "w2": "Jamal Williams of the Chargers was pulled over for speeding on Sunday and arrested.",
        "w3": "Williams, a Chargers defensive tackle, was booked on Sunday after a drunk driving stop.",
    }
    assert sorted(map(sorted, cluster_documents(texts))) == [["j1", "j2", "j3"], ["w1", "w2", "w3"]]


def test_resolution_grows_with_the_collection() -> None:
    assert default_resolution(200) == pytest.approx(RESOLUTION)
    assert default_resolution(200) < default_resolution(2000)
    assert default_resolution(5) == 1.0  # plain modularity for small collections


def _corpus(folder: Path, name: str, docs: dict[str, str]) -> None:
    """A corpus file laid out as Barhom et al. 2019 write it: doc id, sentence, token, token text, coreference tag."""
    lines = [f"{doc}\t0\t{k}\t{word}\t-" for doc, text in docs.items() for k, word in enumerate(text.split())]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


HELD_OUT = {
    "36_1ecb": "An earthquake of magnitude 6.1 struck Aceh in Indonesia on Tuesday killing 12 people",
    "36_2ecb": "Twelve people died when an earthquake of magnitude 6.1 hit Aceh in Indonesia on Tuesday",
    "36_1ecbplus": "Somali pirates seized a Greek tanker in the Gulf of Aden on Sunday with 23 crew aboard",
    "36_2ecbplus": "A Greek tanker with 23 crew was seized by Somali pirates in the Gulf of Aden on Sunday",
}


def test_the_held_out_test_split_is_read_and_is_the_default_when_alone(tmp_path: Path) -> None:
    _corpus(tmp_path, "ECB_Test_corpus.txt", HELD_OUT)
    assert splits_in(tmp_path) == ["test"] and default_split(tmp_path) == "test"
    out = json.loads(CliRunner().invoke(cli, ["eval", "linking", "--ecbplus", str(tmp_path), "--json"]).output)
    assert out["split"] == "test"
    assert sorted(map(sorted, out["clusters"])) == [["36_1ecb", "36_2ecb"], ["36_1ecbplus", "36_2ecbplus"]]
    assert out["conll"] == pytest.approx(1.0)
    _corpus(tmp_path, "ECB_Dev_corpus.txt", {"1_1ecb": "one two three"})
    assert default_split(tmp_path) == "dev"  # dev stays the default when the folder holds it


def test_a_split_the_folder_lacks_names_the_ones_it_holds(tmp_path: Path) -> None:
    _corpus(tmp_path, "ECB_Test_corpus.txt", HELD_OUT)
    result = CliRunner().invoke(cli, ["eval", "linking", "--ecbplus", str(tmp_path), "--split", "train"])
    assert result.exit_code != 0
    assert "no ECB_Train_corpus.txt here" in result.output and "use --split test" in result.output
    with pytest.raises(ConfigError, match="unknown ECB"):
        read_ecbplus(tmp_path, "validation")
