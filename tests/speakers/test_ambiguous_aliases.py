"""An alias that names several actors and that a document does not decide: one summary
warning per call (per run), the per-document detail as a table, not one warning per date."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from discourse.speakers.actors import read_actors
from discourse.speakers.ambiguity import ambiguous_table
from discourse.speakers.attribution import attribute_speakers

@pytest.fixture
def shared_actors(shared_alias_actors_file):
    return read_actors(shared_alias_actors_file)


def statements(docs: list[tuple[str, str, str | None]]) -> pd.DataFrame:
    """The statements of documents (doc_id, text, date); a statement per line of the text."""
    rows = [(d, f"{d}.{k}", k, line, day) for d, text, day in docs
            for k, line in enumerate(text.split("\n"), 1)]
    return pd.DataFrame({
        "doc_id": [r[0] for r in rows], "stmt_id": [r[1] for r in rows],
        "paragraph": [r[2] for r in rows], "sentence": 1, "start": 0,
        "end": [len(r[3]) for r in rows], "n_tokens": 5, "text": [r[3] for r in rows],
        "lang": "fr", "date": [r[4] for r in rows]})


AMBIGUOUS = "M. Li a déclaré que la paix compte."


def test_one_warning_for_many_documents_and_dates(shared_actors):
    actors = shared_actors
    docs = [(f"d{i}", AMBIGUOUS, f"2020-01-0{i}") for i in range(1, 6)]
    docs.append(("d9", "Li Qiang a rencontré le ministre.\nM. Li a déclaré que la paix compte.",
                 "2020-02-01"))              # named in full before: decided, not ambiguous
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = attribute_speakers(statements(docs), actors=actors)
    messages = [str(w.message) for w in caught if "M. Li" in str(w.message)]
    assert len(messages) == 1
    message = messages[0]
    assert "5 documents" in message
    assert "li_keqiang" in message and "li_qiang" in message
    assert "actors" in message and "full name" in message and "date" in message
    assert "2020-01-0" not in message               # no document's date in the summary
    detail = ambiguous_table(out.attrs["ambiguous_aliases"])
    assert list(detail.columns) == ["doc_id", "date", "alias", "candidates", "chosen"]
    assert detail["doc_id"].tolist() == ["d1", "d2", "d3", "d4", "d5"]
    assert detail["date"].tolist() == [f"2020-01-0{i}" for i in range(1, 6)]
    assert set(detail["alias"]) == {"M. Li"}
    assert set(detail["candidates"]) in ({"li_qiang;li_keqiang"}, {"li_keqiang;li_qiang"})
    assert detail["chosen"].isin(["li_qiang", "li_keqiang"]).all()


def test_no_ambiguity_no_warning_and_an_empty_table(shared_actors):
    actors = shared_actors
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = attribute_speakers(statements([("a", "Li Keqiang a dit que la paix compte.",
                                              None)]), actors=actors)
    assert out.attrs["ambiguous_aliases"] == ()
    assert list(ambiguous_table(out.attrs["ambiguous_aliases"]).columns) == [
        "doc_id", "date", "alias", "candidates", "chosen"]


def test_the_summary_can_be_left_to_the_caller(shared_actors):
    actors = shared_actors
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = attribute_speakers(statements([("a", AMBIGUOUS, None)]), actors=actors,
                                 warn_ambiguous=False)
    assert len(out.attrs["ambiguous_aliases"]) == 1


MORE_ACTORS = """  li_zhanshu:
    name: Li Zhanshu
    side: CN
    aliases: {fr: [Li Zhanshu]}
  hun_sen:
    name: Hun Sen
    side: KH
    aliases: {fr: [Hun Sen]}
"""


@pytest.fixture
def surname_actors(shared_alias_actors_file):
    """The shared-alias actors, with a third Li whose aliases leave out "M. Li"."""
    path = shared_alias_actors_file
    path.write_text(path.read_text(encoding="utf-8") + MORE_ACTORS, encoding="utf-8")
    return read_actors(path)


@pytest.mark.parametrize("first, speaker", [
    # the actors file gives "M. Li" to two others: the Li named in full before is meant
    ("Li Zhanshu a rencontré Hun Sen mardi à Pékin.", "li_zhanshu"),
    # a Li the actors file does not hold at all
    ("Li Hui a rencontré Hun Sen mardi à Pékin.", "li_hui"),
    # a candidate named in full still decides
    ("Li Qiang a rencontré Hun Sen mardi à Pékin.", "li_qiang"),
])
def test_a_shared_alias_names_the_li_named_in_full_before(surname_actors, first, speaker):
    docs = [("d1", f"{first}\n{AMBIGUOUS}", None)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = attribute_speakers(statements(docs), actors=surname_actors)
    assert out["speaker"].tolist()[1] == speaker
    assert not [w for w in caught if "M. Li" in str(w.message)]
    assert out.attrs["ambiguous_aliases"] == ()


def test_no_li_named_before_stays_ambiguous(surname_actors):
    docs = [("d1", f"Hun Sen a rencontré le ministre.\n{AMBIGUOUS}", "2020-01-01")]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = attribute_speakers(statements(docs), actors=surname_actors)
    assert out["speaker"].tolist()[1] in ("li_qiang", "li_keqiang")
    assert [w for w in caught if "M. Li" in str(w.message)]
