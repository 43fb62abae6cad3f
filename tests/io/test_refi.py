"""Tests of discourse.io.refi: REFI-QDA project and codebook export, and import of hand coding.

The structure checks use tests/data/refi/*.xsd, a restatement of the published REFI-QDA 1.5
(QDA-XML 1.0) schemas for the elements discourse writes (see tests/data/refi/README.md),
plus explicit assertions of the same facts, so a failure names the rule broken.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from lxml import etree

from discourse.coding.codebook import Codebook, Theme
from discourse.errors import ExportError, HandCodingError, ParameterError
from discourse.io.refi.common import MACHINE_CODER, NS_CODEBOOK, NS_PROJECT
from discourse.io.refi.reader import hand_coding_from_qdpx, read_qdc, read_qdpx
from discourse.io.refi.writer import write_qdc, write_qdpx

DATA = Path(__file__).resolve().parents[1] / "data" / "refi"
P = f"{{{NS_PROJECT}}}"
GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")

CODEBOOK = Codebook(
    id="diplomacy", version="1.0", title="Discours diplomatique",
    themes=(
        Theme("sovereignty", "Souveraineté", colour="#0072B2",
              definition="Souveraineté nationale, indépendance, intégrité territoriale.",
              include="Respect de la souveraineté.", exclude="Fonds souverains."),
        Theme("sovereignty.territorial", "Intégrité territoriale", parent="sovereignty",
              colour="#0072b2", definition="Frontières et intégrité du territoire."),
        Theme("cooperation", "Coopération", definition="Action conjointe des deux États."),
        Theme("friendship", "Amitié 友谊", definition="Langage affectif sur la relation."),
    ),
)

TEXTS = {
    "fr": ("Xi Jinping a déclaré que la Chine respecte la souveraineté du Cambodge.\r\n"
           "Hun Sen a salué l’amitié « à toute épreuve ».\r\n"
           "Les deux parties renforceront la coopération."),
    "kh": "ក្រុងភ្នំពេញ ស្វាគមន៍។ 中国与柬埔寨是铁杆朋友。",
    "em": "𝔘nité 🤝 : la coopération gagnant-gagnant. Et la souveraineté 🇨🇳 reste intacte.",
}
# stmt_id, statement, themes (hand coded from the definitions above)
STATEMENTS = [
    ("fr.1", "Xi Jinping a déclaré que la Chine respecte la souveraineté du Cambodge.",
     {"sovereignty"}),
    ("fr.2", "Hun Sen a salué l’amitié « à toute épreuve ».", {"friendship"}),
    ("fr.3", "Les deux parties renforceront la coopération.", {"cooperation"}),
    ("kh.1", "ក្រុងភ្នំពេញ ស្វាគមន៍។", set()),
    ("kh.2", "中国与柬埔寨是铁杆朋友。", {"friendship"}),
    ("em.1", "𝔘nité 🤝 : la coopération gagnant-gagnant.", {"cooperation"}),
    ("em.2", "Et la souveraineté 🇨🇳 reste intacte.", {"sovereignty", "sovereignty.territorial"}),
]
THEME_COLUMNS = {"sovereignty": "theme_sovereignty",
                 "sovereignty.territorial": "theme_sovereignty__territorial",
                 "cooperation": "theme_cooperation", "friendship": "theme_friendship"}


def make_documents() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": list(TEXTS), "text": list(TEXTS.values()), "lang": ["fr", "km", "fr"],
        "date": ["2024-12-03", None, "2024-12-04"], "title": ["Xi rencontre Hun Sen", None, None],
        "source": ["Xinhua", None, None], "path": [None, None, None],
    })


def make_coded() -> pd.DataFrame:
    rows = []
    for stmt_id, text, themes in STATEMENTS:
        doc = stmt_id.split(".")[0]
        start = TEXTS[doc].index(text)
        row = {"doc_id": doc, "stmt_id": stmt_id, "start": start, "end": start + len(text),
               "text": text, "speaker_name": "Xi Jinping" if doc == "fr" else "Narrator",
               "side": "CN" if doc == "fr" else None, "cue": "explicit"}
        for tid, col in THEME_COLUMNS.items():
            row[col] = int(tid in themes)
        row["themes"] = ";".join(sorted(themes))
        rows.append(row)
    return pd.DataFrame(rows)


def make_matches() -> pd.DataFrame:
    found = [("fr", "fr.1", "sovereignty", "souverain*", "souveraineté"),
             ("fr", "fr.2", "friendship", "amitié", "amitié"),
             ("em", "em.1", "cooperation", "coopér*", "coopération"),
             ("em", "em.2", "sovereignty", "souverain*", "souveraineté")]
    rows = []
    for doc, stmt, theme, pattern, matched in found:
        start = TEXTS[doc].index(matched)
        rows.append({"doc_id": doc, "stmt_id": stmt, "theme": theme, "pattern": pattern,
                     "matched": matched, "start": start, "end": start + len(matched),
                     "negated": False})
    return pd.DataFrame(rows)


def project_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read("project.qde"))


def rezip(path: Path, out: Path, *, xml: bytes | None = None,
          replace: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path) as zf, zipfile.ZipFile(out, "w") as new:
        for name in zf.namelist():
            data = zf.read(name)
            if name == "project.qde" and xml is not None:
                data = xml
            if replace and name in replace:
                data = replace[name]
            new.writestr(name, data)
    return out


@pytest.fixture()
def qdpx(tmp_path: Path) -> Path:
    return write_qdpx(make_coded(), make_documents(), tmp_path / "project.qdpx",
                      codebook=CODEBOOK)


# ----------------------------------------------------------------------------- structure
def test_project_is_valid_against_the_schema_structure(qdpx: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(DATA / "project_structure.xsd")))
    root = project_xml(qdpx)
    assert schema.validate(root), schema.error_log


def test_project_structure_facts(qdpx: Path) -> None:
    root = project_xml(qdpx)
    assert root.tag == P + "Project" and root.get("name")
    # the children in the order of the schema's sequence
    assert [c.tag.replace(P, "") for c in root] == ["Users", "CodeBook", "Sources", "Description"]
    (user,) = root.iter(P + "User")
    assert user.get("name") == MACHINE_CODER and GUID.fullmatch(user.get("guid"))
    codes = {c.get("guid"): c for c in root.iter(P + "Code")}
    assert [c.get("name") for c in codes.values()] == [
        "Souveraineté", "Intégrité territoriale", "Coopération", "Amitié 友谊"]
    for code in codes.values():
        assert GUID.fullmatch(code.get("guid")) and code.get("isCodable") == "true"
        assert re.fullmatch(r"#[0-9A-F]{6}", code.get("color"))
        assert code[0].tag == P + "Description"  # Description first, then nested codes
    colours = [c.get("color") for c in codes.values()]
    # own colours kept (normalised); the others in the palette's order, skipping those taken
    # (the colour each theme has in the figures and the review: discourse.analysis.palette)
    assert colours == ["#0072B2", "#0072B2", "#D55E00", "#009E73"]
    sub = next(c for c in codes.values() if c.get("name") == "Intégrité territoriale")
    assert sub.getparent().get("name") == "Souveraineté"  # the code tree
    sov = next(c for c in codes.values() if c.get("name") == "Souveraineté")
    assert sov[0].text.startswith("Souveraineté nationale, indépendance")
    assert "Exclude: Fonds souverains." in sov[0].text
    sources = root.find(P + "Sources")
    assert [s.get("name") for s in sources] == ["em", "fr", "kh"]
    with zipfile.ZipFile(qdpx) as zf:
        assert zf.namelist()[0] == "project.qde"
        for src in sources:
            assert src.tag == P + "TextSource"
            m = re.fullmatch(r"internal://(.+)\.txt", src.get("plainTextPath"))
            assert m and m.group(1) == src.get("guid")
            assert zf.read(f"sources/{m.group(1)}.txt") == TEXTS[src.get("name")].encode()
    n_sel = 0
    for sel in root.iter(P + "PlainTextSelection"):
        n_sel += 1
        assert GUID.fullmatch(sel.get("guid"))
        assert int(sel.get("startPosition")) < int(sel.get("endPosition"))
        kids = [c.tag.replace(P, "") for c in sel]
        assert kids[0] == "Description" and set(kids[1:]) == {"Coding"}
        for coding in sel.findall(P + "Coding"):
            assert [c.tag for c in coding] == [P + "CodeRef"]
            assert coding[0].get("targetGUID") in codes
            assert coding.get("creatingUser") == user.get("guid")
    assert n_sel == 6  # the six coded statements; kh.1 has no theme
    assert "Unicode code points" in root.find(P + "Description").text


def test_qdc_codebook(tmp_path: Path) -> None:
    p = write_qdc(CODEBOOK, tmp_path / "codebook.qdc")
    schema = etree.XMLSchema(etree.parse(str(DATA / "codebook_structure.xsd")))
    root = etree.parse(str(p)).getroot()
    assert schema.validate(root), schema.error_log
    assert root.tag == f"{{{NS_CODEBOOK}}}CodeBook"
    codes = read_qdc(p)
    assert codes[["theme", "parent"]].values.tolist() == [
        ["sovereignty", None], ["sovereignty.territorial", "sovereignty"],
        ["cooperation", None], ["friendship", None]]
    # same GUIDs as in a project, so a codebook and a project agree
    q = write_qdpx(make_coded(), make_documents(), tmp_path / "p.qdpx", codebook=CODEBOOK)
    assert codes["guid"].tolist() == [c.get("guid") for c in project_xml(q).iter(P + "Code")]
    assert p.read_bytes() == write_qdc(CODEBOOK, tmp_path / "again.qdc").read_bytes()


# ----------------------------------------------------------------------------- round trip
def test_round_trip_gives_the_same_codings(qdpx: Path) -> None:
    codings = read_qdpx(qdpx)
    expected = {(stmt.split(".")[0], text, theme)
                for stmt, text, themes in STATEMENTS for theme in themes}
    assert set(zip(codings["doc_id"], codings["text"], codings["theme"])) == expected
    assert len(codings) == len(expected) == 7
    assert set(codings["coder"]) == {MACHINE_CODER}
    coded = make_coded().set_index("text")
    for r in codings.itertuples():
        assert (r.start, r.end) == (coded.loc[r.text, "start"], coded.loc[r.text, "end"])
    # offsets beyond the BMP, counted in code points: worked out by hand
    em = codings[codings.doc_id == "em"].sort_values("start")
    assert em[["start", "end"]].drop_duplicates().values.tolist() == [[0, 41], [42, 78]]


def test_round_trip_to_a_hand_coding_table(qdpx: Path) -> None:
    statements = make_coded()
    hand = hand_coding_from_qdpx(qdpx, statements, codebook=CODEBOOK)
    assert hand["stmt_id"].tolist() == [s for s, _, _ in STATEMENTS]
    assert list(hand.columns) == ["doc_id", "stmt_id", "coder"] + list(THEME_COLUMNS.values())
    pd.testing.assert_frame_equal(
        hand[list(THEME_COLUMNS.values())].reset_index(drop=True),
        statements[list(THEME_COLUMNS.values())].astype("int64").reset_index(drop=True))
    # without the codebook, the ids come from the codes' "(discourse id: ...)" notes
    again = hand_coding_from_qdpx(qdpx, statements)
    assert sorted(c for c in again.columns if c.startswith("theme_")) == sorted(
        THEME_COLUMNS.values())


def test_utf16_positions(tmp_path: Path) -> None:
    p = write_qdpx(make_coded(), make_documents(), tmp_path / "u16.qdpx", codebook=CODEBOOK,
                   positions="utf16")
    root = project_xml(p)
    em = next(s for s in root.iter(P + "TextSource") if s.get("name") == "em")
    spans = [(int(s.get("startPosition")), int(s.get("endPosition")))
             for s in em.iter(P + "PlainTextSelection")]
    assert spans == [(0, 43), (44, 82)]  # 𝔘 and 🤝 count two units; 🇨🇳 four
    back = read_qdpx(p, positions="utf16")
    assert set(back.loc[back.doc_id == "em", "text"]) == {s for i, s, _ in STATEMENTS
                                                          if i.startswith("em")}
    # read with the wrong convention, the selections no longer fit the statements
    shifted = read_qdpx(p)
    assert not set(shifted.loc[shifted.doc_id == "em", "text"]) & {
        s for i, s, _ in STATEMENTS if i.startswith("em")}


def test_match_unit(tmp_path: Path) -> None:
    matches = make_matches()
    p = write_qdpx(make_coded(), make_documents(), tmp_path / "m.qdpx", codebook=CODEBOOK,
                   unit="match", matches=matches)
    back = read_qdpx(p)
    assert sorted(zip(back.doc_id, back.start, back.end, back.theme, back.text)) == sorted(
        zip(matches.doc_id, matches.start, matches.end, matches.theme, matches.matched))
    with pytest.raises(ParameterError, match=r"unit='match' needs the matches table"):
        write_qdpx(make_coded(), make_documents(), tmp_path / "x.qdpx", codebook=CODEBOOK,
                   unit="match")
    with pytest.raises(ParameterError, match=r"unit='term' is not valid; use one of "
                       r"statement, match"):
        write_qdpx(make_coded(), make_documents(), tmp_path / "x.qdpx", codebook=CODEBOOK,
                   unit="term")


# ----------------------------------------------------------------------------- determinism
def test_byte_identical_and_overwrite_refused(tmp_path: Path, qdpx: Path) -> None:
    again = write_qdpx(make_coded().iloc[::-1], make_documents().iloc[::-1],
                       tmp_path / "again.qdpx", codebook=CODEBOOK)
    assert qdpx.read_bytes() == again.read_bytes()
    with zipfile.ZipFile(qdpx) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    with pytest.raises(ExportError, match=r"project\.qdpx: the file exists and would be "
                       r"overwritten; pass overwrite=True \(or --force"):
        write_qdpx(make_coded(), make_documents(), qdpx, codebook=CODEBOOK)
    write_qdpx(make_coded(), make_documents(), qdpx, codebook=CODEBOOK, overwrite=True)


def test_offsets_that_do_not_fit_are_refused(tmp_path: Path) -> None:
    coded = make_coded()
    coded.loc[1, "start"] += 1
    with pytest.raises(ExportError, match=r"fr\.2: offsets 74-118 do not give its text in "
                       r"document 'fr'"):
        write_qdpx(coded, make_documents(), tmp_path / "x.qdpx", codebook=CODEBOOK)
    with pytest.raises(ExportError, match=r"document 'kh' is not in the documents table"):
        write_qdpx(make_coded(), make_documents().iloc[:1], tmp_path / "x.qdpx",
                   codebook=CODEBOOK)


# ----------------------------------------------------------------------------- hand coding
def add_human_coding(path: Path, out: Path) -> Path:
    """Add Alice's codings to an exported project, as a QDA tool would."""
    root = project_xml(path)
    alice = "{0E0E0E0E-AAAA-4AAA-8AAA-A11CEA11CE00}"
    root.find(P + "Users").append(etree.Element(P + "User", guid=alice, name="Alice"))
    guids = {c.get("name"): c.get("guid") for c in root.iter(P + "Code")}
    fr = next(s for s in root.iter(P + "TextSource") if s.get("name") == "fr")
    text = TEXTS["fr"]
    selections = [
        # the phrase "respecte la souveraineté" inside fr.1: codes fr.1 as territorial
        (text.index("respecte"), text.index(" du Cambodge"), "Intégrité territoriale"),
        # from fr.2 through fr.3, the whole of both: cooperation for both
        (text.index("Hun Sen"), len(text), "Coopération"),
    ]
    for k, (a, b, name) in enumerate(selections):
        sel = etree.SubElement(fr, P + "PlainTextSelection",
                               guid=f"{{0E0E0E0E-BBBB-4BBB-8BBB-00000000000{k}}}",
                               startPosition=str(a), endPosition=str(b), creatingUser=alice)
        coding = etree.SubElement(sel, P + "Coding",
                                  guid=f"{{0E0E0E0E-CCCC-4CCC-8CCC-00000000000{k}}}",
                                  creatingUser=alice)
        etree.SubElement(coding, P + "CodeRef", targetGUID=guids[name].upper())
    return rezip(path, out, xml=etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def test_hand_coding_of_one_coder(qdpx: Path, tmp_path: Path) -> None:
    p = add_human_coding(qdpx, tmp_path / "alice.qdpx")
    schema = etree.XMLSchema(etree.parse(str(DATA / "project_structure.xsd")))
    assert schema.validate(project_xml(p)), schema.error_log
    statements = make_coded()[["doc_id", "stmt_id", "start", "end", "text"]]
    hand = hand_coding_from_qdpx(p, statements, codebook=CODEBOOK, coder="Alice")
    fr = hand[hand.doc_id == "fr"].set_index("stmt_id")
    assert fr["theme_sovereignty__territorial"].to_dict() == {"fr.1": 1, "fr.2": 0, "fr.3": 0}
    assert fr["theme_cooperation"].to_dict() == {"fr.1": 0, "fr.2": 1, "fr.3": 1}
    assert fr["theme_sovereignty"].sum() == 0 and fr["theme_friendship"].sum() == 0
    assert set(hand["coder"]) == {"Alice"}
    assert len(hand) == 7  # statements of every document the project holds, uncoded = 0
    assert hand.loc[hand.doc_id != "fr", list(THEME_COLUMNS.values())].to_numpy().sum() == 0
    both = hand_coding_from_qdpx(p, statements, codebook=CODEBOOK)
    assert both.set_index("stmt_id").loc["fr.1", "theme_sovereignty"] == 1  # the machine's
    assert set(both["coder"]) == {"Alice;discourse"}
    with pytest.raises(HandCodingError, match=r"coder 'Bob' made no coding; coders in the "
                       r"project: Alice, discourse"):
        hand_coding_from_qdpx(p, statements, codebook=CODEBOOK, coder="Bob")


TOOL_PROJECT = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Trial" origin="Some QDA tool">
  <Users><User guid="{{11111111-1111-1111-1111-111111111111}}" name="Alice"/></Users>
  <CodeBook><Codes>
    <Code guid="{{22222222-2222-2222-2222-222222222221}}" name="Coopération" isCodable="true"/>
    <Code guid="{{22222222-2222-2222-2222-222222222222}}" name="Amitié 友谊" isCodable="true"/>
    <Code guid="{{22222222-2222-2222-2222-222222222223}}" name="Méfiance" isCodable="true">
      <Code guid="{{22222222-2222-2222-2222-222222222224}}" name="Guerre froide" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{{33333333-3333-3333-3333-333333333333}}" name="kh.txt">
      <PlainTextContent>{text}</PlainTextContent>
      {selections}
    </TextSource>
  </Sources>
</Project>
"""
SELECTION = """<PlainTextSelection guid="{{44444444-4444-4444-4444-44444444444{k}}}"
        startPosition="{a}" endPosition="{b}" creatingUser="{{11111111-1111-1111-1111-111111111111}}">
        <Coding guid="{{55555555-5555-5555-5555-55555555555{k}}}">
          <CodeRef targetGUID="{{22222222-2222-2222-2222-22222222222{code}}}"/></Coding>
      </PlainTextSelection>"""


def test_project_made_in_a_qda_tool(tmp_path: Path) -> None:
    """A project as a tool writes it: another .qde name, braced upper-case GUIDs, inline text."""
    text = TEXTS["kh"]
    sels = [
        (text.index("铁杆朋友"), text.index("。", text.index("铁杆")), 2),  # phrase in kh.2
        (0, text.index("中国") + 2, 1),  # all of kh.1 and two characters of kh.2
        (0, text.index(" ស្វាគមន៍"), 4),  # Guerre froide, nested under Méfiance
    ]
    body = "\n".join(SELECTION.format(k=k, a=a, b=b, code=c) for k, (a, b, c) in enumerate(sels))
    xml = TOOL_PROJECT.format(text=text, selections=body).encode("utf-8")
    p = tmp_path / "Trial.qdpx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("Trial.qde", xml)
    codings = read_qdpx(p, codebook=CODEBOOK)
    assert codings["theme"].tolist() == ["friendship", "cooperation", "mefiance.guerre_froide"]
    assert codings["text"].tolist()[0] == "铁杆朋友" and set(codings["coder"]) == {"Alice"}
    statements = make_coded()
    hand = hand_coding_from_qdpx(p, statements, codebook=CODEBOOK).set_index("stmt_id")
    assert list(hand.index) == ["kh.1", "kh.2"]  # only the documents the project holds
    assert hand["theme_friendship"].to_dict() == {"kh.1": 0, "kh.2": 1}
    assert hand["theme_cooperation"].to_dict() == {"kh.1": 1, "kh.2": 0}  # 2 chars: not kh.2
    assert hand["theme_mefiance__guerre_froide"].to_dict() == {"kh.1": 1, "kh.2": 0}


def test_changed_line_endings_are_reported(qdpx: Path, tmp_path: Path) -> None:
    root = project_xml(qdpx)
    fr = next(s for s in root.iter(P + "TextSource") if s.get("name") == "fr")
    name = "sources/" + fr.get("plainTextPath")[len("internal://"):]
    p = rezip(qdpx, tmp_path / "lf.qdpx",
              replace={name: TEXTS["fr"].replace("\r\n", "\n").encode("utf-8")})
    with pytest.raises(HandCodingError, match=r"source 'fr': the text at 73-118 is not "
                       r"statement fr\.2: the project's copy of the document differs"):
        hand_coding_from_qdpx(p, make_coded(), codebook=CODEBOOK)


def test_not_a_project(tmp_path: Path) -> None:
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(HandCodingError, match=r"bad\.qdpx: not a \.qdpx project \(not a zip"):
        read_qdpx(bad)
    empty = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("readme.txt", "x")
    with pytest.raises(HandCodingError, match=r"expected one project\.qde at the root"):
        read_qdpx(empty)
