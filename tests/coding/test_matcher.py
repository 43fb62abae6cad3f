"""Tests of discourse.coding.matcher and its engine (scan, rules, workcopy, negation): each
matching rule, on hand-written French and English text.

The expected matches were written from the rules in the module docstring, before running
the code.
"""

from dataclasses import replace

import pytest

from discourse.coding.model import Codebook, Theme
from discourse.errors import CodebookError, ParameterError
from discourse.coding.matcher import compile_codebook
from discourse.coding.negation import read_negation_cues


def book(*themes):
    return Codebook("test", "1", themes=tuple(themes))


def T(id_, fr=(), en=(), any_=(), excl_fr=(), negation="count", parent=None):
    patterns = {k: tuple(v) for k, v in (("fr", fr), ("en", en), ("*", any_)) if v}
    return Theme(id_, id_, patterns=patterns, exclusions={"fr": tuple(excl_fr)} if excl_fr
                 else {}, negation=negation, parent=parent)


def found(codebook, text, lang="fr", **options):
    """(theme, matched) pairs, checking that the offsets give back the matched text."""
    m = compile_codebook(codebook, **{k: v for k, v in options.items() if k != "negation"})
    res = m.find(text, lang=lang, negation=options.get("negation", True))
    for s, e, matched in zip(res.start, res.end, res.matched):
        assert text[s:e] == matched
    return list(zip(res.theme, res.matched))


COOP = book(T("coop", fr=["coopér*"]))


# ----------------------------------------------------------------- case, accents, apostrophes
def test_case_insensitive():
    cb = book(T("sov", fr=["Souveraineté nationale"]))
    assert found(cb, "LA SOUVERAINETÉ NATIONALE et la souveraineté Nationale") == [
        ("sov", "SOUVERAINETÉ NATIONALE"), ("sov", "souveraineté Nationale")]


def test_accents_respected_by_default_and_folded_on_request():
    cb = book(T("sec", fr=["sécurité"]))
    assert found(cb, "la securite du pays") == []
    assert found(cb, "la securite du pays", fold_accents=True) == [("sec", "securite")]
    cb_plain = book(T("sec", fr=["securite"]))
    assert found(cb_plain, "la Sécurité", fold_accents=True) == [("sec", "Sécurité")]
    assert found(cb_plain, "la Sécurité") == []


def test_both_apostrophes_are_equal():
    cb = book(T("f", fr=["l'amitié"]))
    assert found(cb, "L’amitié et l'amitié") == [("f", "L’amitié"), ("f", "l'amitié")]
    cb2 = book(T("f", fr=["l’amitié"]))
    assert found(cb2, "l'amitié") == [("f", "l'amitié")]


# ----------------------------------------------------------------- globs
def test_star_glob_zero_or_more_word_characters_within_a_token():
    text = "coopération, coopérer, coopér, coopératives et coopérer-avec"
    assert [m for _, m in found(COOP, text)] == [
        "coopération", "coopérer", "coopér", "coopératives", "coopérer"]
    assert found(COOP, "la non-coopération") == [("coop", "coopération")]


def test_leading_and_inner_star_and_question_mark():
    cb = book(T("ing", fr=["*ingérence"]), T("coop", fr=["coop*ion"]), T("ami", fr=["ami?"]))
    text = "noningérence, ingérences, coopération, coopérer, amie, amis, ami, amitié"
    assert found(cb, text) == [("ing", "noningérence"), ("coop", "coopération"),
                               ("ami", "amie"), ("ami", "amis")]


def test_glob_inside_a_phrase():
    cb = book(T("x", fr=["échang* de vues"]))
    assert found(cb, "Ils ont échangé de\nvues, puis des échanges de vues.") == [
        ("x", "échangé de\nvues"), ("x", "échanges de vues")]


# ----------------------------------------------------------------- phrases, boundaries
def test_phrase_matches_across_line_breaks_nbsp_and_runs_of_space():
    cb = book(T("acw", fr=["guerre froide"]))
    text = "guerre\n\nfroide; guerre\u00a0froide; guerre \t froide; guerrefroide"
    assert [m for _, m in found(cb, text)] == [
        "guerre\n\nfroide", "guerre\u00a0froide", "guerre \t froide"]


def test_matches_start_and_end_at_token_boundaries():
    cb = book(T("c", fr=["coopération"]), T("i", fr=["ingérence"]), T("ch", fr=["chine"]),
              T("a", fr=["ami"]))
    text = "noncoopération; non-ingérence; Cambodge-Chine; amitié; l’ami"
    assert found(cb, text) == [("i", "ingérence"), ("ch", "Chine"), ("a", "ami")]


# ----------------------------------------------------------------- longest match
def test_longest_match_within_a_theme_and_no_double_count():
    cb = book(T("acw", fr=["guerre froide", "mentalité de guerre froide"]),
              T("coop", fr=["coopération", "coopération gagnant-gagnant"]))
    text = "la mentalité de guerre froide; une coopération gagnant-gagnant"
    assert found(cb, text) == [("acw", "mentalité de guerre froide"),
                               ("coop", "coopération gagnant-gagnant")]


def test_partial_overlap_the_longest_wins():
    cb = book(T("t", fr=["soutien mutuel", "mutuel et indéfectible"]))
    assert found(cb, "un soutien mutuel et indéfectible") == [("t", "mutuel et indéfectible")]


def test_same_span_two_patterns_counts_once_for_the_first_listed():
    cb = book(T("coop", fr=["coopér*", "coopération"]))
    m = compile_codebook(cb).find("la coopération", lang="fr")
    assert m[["pattern", "matched"]].values.tolist() == [["coopér*", "coopération"]]


def test_nested_scope_theme_versus_all():
    cb = book(T("acw", fr=["guerre froide"]), T("mind", fr=["mentalité de guerre froide"]),
              T("same", fr=["guerre froide"]))
    text = "la mentalité de guerre froide, et la guerre froide"
    assert found(cb, text) == [("mind", "mentalité de guerre froide"),
                               ("acw", "guerre froide"), ("same", "guerre froide"),
                               ("acw", "guerre froide"), ("same", "guerre froide")]
    # across themes: the long phrase wins over both; equal spans code both themes
    assert found(cb, text, nested_scope="all") == [
        ("mind", "mentalité de guerre froide"),
        ("acw", "guerre froide"), ("same", "guerre froide")]


# ----------------------------------------------------------------- exclusions, languages
def test_exclusion_blocks_only_the_matches_it_covers_for_its_theme():
    cb = book(T("sec", fr=["sécurité"], excl_fr=["sécurité sociale"]),
              T("other", fr=["sécurité"]))
    text = "la sécurité sociale et la sécurité nationale"
    assert found(cb, text) == [("other", "sécurité"), ("sec", "sécurité"),
                               ("other", "sécurité")]


def test_glob_exclusion():
    cb = book(T("coop", fr=["coopér*"], excl_fr=["coopérative*"]))
    assert found(cb, "les coopératives agricoles et la coopération") == [
        ("coop", "coopération")]


def test_language_patterns_and_star_patterns():
    cb = book(T("t", fr=["souveraineté"], en=["sovereignty"], any_=["ASEAN"]))
    assert found(cb, "souveraineté, sovereignty, ASEAN", lang="fr") == [
        ("t", "souveraineté"), ("t", "ASEAN")]
    assert found(cb, "souveraineté, sovereignty, ASEAN", lang="en-GB") == [
        ("t", "sovereignty"), ("t", "ASEAN")]
    assert found(cb, "souveraineté, sovereignty, ASEAN", lang="de") == [("t", "ASEAN")]
    assert len(found(cb, "souveraineté, sovereignty, ASEAN", lang=None)) == 3


# ----------------------------------------------------------------- negation
ACW = book(T("acw", fr=["hégémonisme", "mentalité de guerre froide", "coopère"],
             en=["hegemonism", "bloc confrontation", "Cold War mentality", "cooperation"]),
           T("sov", fr=["ingérence", "coopération"]))


def negated(text, lang="fr", codebook=ACW):
    res = compile_codebook(codebook).find(text, lang=lang)
    return list(zip(res.matched, res.negated))


@pytest.mark.parametrize("text, expected", [
    ("La Chine ne soutient jamais l’hégémonisme.", True),          # cue before
    ("La Chine n’accepte pas l’hégémonisme.", True),               # ne ... pas before
    ("Le Cambodge ne coopère pas avec eux.", True),                # ne X pas around
    ("Un développement sans ingérence extérieure.", True),
    ("La Chine s’oppose à la mentalité de guerre froide.", False),  # no cue: still codes
    ("de plus en plus de coopération", False),                     # 'plus' without 'ne'
    ("sans que les deux grands pays voisins renforcent la coopération", False),  # too far
    ("Sans tarder, la coopération", False),                         # clause boundary
    ("non seulement la coopération", False),                        # exception
    ("le principe de non-ingérence", False),                        # 'non-' compound
])
def test_negation_french(text, expected):
    assert [neg for _, neg in negated(text)] == [expected]


def test_negation_ni_ni():
    assert negated("Ni l’hégémonisme ni la mentalité de guerre froide.") == [
        ("hégémonisme", True), ("mentalité de guerre froide", True)]


@pytest.mark.parametrize("text, expected", [
    ("We will never accept hegemonism.", True),
    ("China does not seek bloc confrontation.", True),
    ("They don't want bloc confrontation.", True),
    ("China rejects the Cold War mentality.", False),
    ("not only cooperation but friendship", False),
    ("There is no room for the Cold War mentality.", True),
])
def test_negation_english(text, expected):
    assert [neg for _, neg in negated(text, lang="en")] == [expected]


def test_negation_modes_count_exclude_separate_and_off():
    text = "La Chine ne soutient jamais l’hégémonisme, mais l’hégémonisme existe."
    for mode, expected in (("count", [True, False]), ("exclude", [False]),
                           ("separate", [True, False])):
        cb = book(T("acw", fr=["hégémonisme"], negation=mode))
        assert [n for _, n in negated(text, codebook=cb)] == expected, mode
    off = compile_codebook(book(T("acw", fr=["hégémonisme"], negation="exclude")))
    assert off.find(text, lang="fr", negation=False).negated.tolist() == [False, False]


def test_default_codebook_codes_anti_cold_war_opposition():
    from discourse.coding.codebook import read_codebook

    m = compile_codebook(read_codebook())
    for text, lang in (("La Chine s'oppose à la mentalité de guerre froide.", "fr"),
                       ("China firmly rejects the Cold War mentality.", "en"),
                       ("La Chine n'accepte jamais la mentalité de guerre froide.", "fr")):
        assert "anti_cold_war" in set(m.find(text, lang=lang).theme), text


def test_negation_cues_are_data_and_configurable():
    cues = read_negation_cues()
    assert {"ne", "n'"} <= set(cues["fr"]["openers"]) and "without" in cues["en"]["cues"]
    cb = book(T("acw", en=["hegemonism"]))
    custom = {"en": {"window": 1, "cues": ["hardly"]}}
    m = compile_codebook(cb, negation_cues=custom)
    assert m.find("hardly any hegemonism", lang="en").negated.tolist() == [True]
    assert m.find("hardly any real hegemonism", lang="en").negated.tolist() == [False]
    assert m.find("never hegemonism", lang="en").negated.tolist() == [False]


# ----------------------------------------------------------------- offsets, engines, cache
def test_offsets_are_exact_in_decomposed_and_astral_text():
    cb = book(T("coop", fr=["coopération"]), T("f", fr=["amitié"]))
    text = "\U0001F91D La coope\u0301ration\n et l’AMITIE\u0301 \U0001F600 amitié"
    res = compile_codebook(cb).find(text, lang="fr")
    assert res.matched.tolist() == ["coope\u0301ration", "AMITIE\u0301", "amitié"]
    assert [text[s:e] for s, e in zip(res.start, res.end)] == res.matched.tolist()


def test_aho_and_regex_engines_agree():
    cb = book(T("coop", fr=["coopér*", "coopération gagnant-gagnant", "coop*ion"],
                excl_fr=["coopérative*"]),
              T("ex", fr=["échang* de vues", "échang*", "ami?"]),
              T("acw", fr=["*ingérence", "guerre froide", "mentalité de guerre froide"]))
    text = ("La coopération gagnant-gagnant et les coopératives; ils ont échangé de vues\n"
            "sur la non-ingérence, sans mentalité de guerre froide. Amis, amie, ami; "
            "coopérer, la guerre froide guerre froide, noningérence.") * 3
    for scope in ("theme", "all"):
        a = compile_codebook(cb, nested_scope=scope).find(text, lang="fr")
        r = compile_codebook(cb, nested_scope=scope, engine="regex").find(text, lang="fr")
        assert len(a) > 10
        assert a.equals(r), scope


def test_compiled_matchers_are_cached_by_content_and_options():
    cb = book(T("coop", fr=["coopér*"]))
    assert compile_codebook(cb) is compile_codebook(book(T("coop", fr=["coopér*"])))
    assert compile_codebook(cb) is not compile_codebook(cb, fold_accents=True)
    edited = replace(cb, themes=(T("coop", fr=["coopération"]),))
    assert compile_codebook(edited).find("coopérer", lang="fr").empty


def test_scan_many_texts_maps_matches_to_their_text():
    m = compile_codebook(COOP)
    texts = ["coopération", None, "", "rien", "la coopérer et coopérons"]
    r = m.scan(texts, lang="fr")
    assert r.text.tolist() == [0, 4, 4]
    assert [texts[t][s:e] for t, s, e in zip(r.text, r.start, r.end)] == [
        "coopération", "coopérer", "coopérons"]


# ----------------------------------------------------------------- errors
def test_bad_options_and_patterns_are_clear_errors():
    with pytest.raises(ParameterError, match=r"nested_scope='dictionary' is not valid; use "
                                             r"'theme'.*or 'all'"):
        compile_codebook(COOP, nested_scope="dictionary")
    with pytest.raises(ParameterError, match="engine='re' is not valid"):
        compile_codebook(COOP, engine="re")
    with pytest.raises(CodebookError, match=r"theme 'bad'.*pattern '\*\?' has no letter"):
        compile_codebook(book(T("bad", fr=["*?"])))
    with pytest.raises(ParameterError, match="language 'fr': unknown key.*windw"):
        compile_codebook(COOP, negation_cues={"fr": {"windw": 2}})
    with pytest.raises(ParameterError, match="language 'en', cues: False is not a string; quote"):
        compile_codebook(COOP, negation_cues={"en": {"cues": [False]}})


# ----------------------------------------------------------------- fast paths = the reference
def _random_texts(seed, n):
    """Readout-like texts with the cases the fast paths special-case: runs of white space,
    both apostrophes, hyphens, capitals, decomposed accents, astral characters, long tokens,
    clause marks and negation cues."""
    import random

    rng = random.Random(seed)
    words = ["coopération", "coopérer", "COOPÉRATIVE", "non-ingérence", "noningérence",
             "ingérence", "échangé", "échanges", "de", "vues", "vue", "ami", "amie", "amis",
             "guerre", "froide", "mentalité", "ne", "pas", "plus", "jamais", "sans", "ni",
             "l’amitié", "l'amitié", "Chine", "coope\u0301ration", "\U0001F91D", "a" * 40,
             "coopér" + "x" * 40, "x" * 40 + "ingérence", "non", "seulement", "la", "et"]
    seps = [" ", " ", " ", "  ", "\n", "\n\n ", "\u00a0", ", ", "; ", ". ", " (", ") ", "\t"]
    return ["".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(0, 40)))
            for _ in range(n)]


def test_aho_engine_equals_regex_engine_on_random_texts():
    cb = book(T("coop", fr=["coopér*", "coopération", "coop*ion", "*ingérence"],
                excl_fr=["coopérative*"]),
              T("ex", fr=["échang* de vues", "échang* de vue*", "ami?", "l'amitié"]),
              T("acw", fr=["guerre froide", "mentalité de guerre froide", "ingérence"],
                negation="separate"),
              T("long", fr=["a*", "*ingérence", "coopér* de"]))
    texts = _random_texts(7, 120)
    for scope in ("theme", "all"):
        for fold in (False, True):
            a = compile_codebook(cb, nested_scope=scope, fold_accents=fold)
            r = compile_codebook(cb, nested_scope=scope, fold_accents=fold, engine="regex")
            fast, ref = a.scan(texts, lang="fr"), r.scan(texts, lang="fr")
            assert len(fast.text) > 100
            for x, y in zip(fast, ref):
                assert x.tolist() == y.tolist(), (scope, fold)


def test_scanning_in_small_chunks_changes_nothing(monkeypatch):
    import discourse.coding.workcopy as matcher_module   # where the buffer size lives

    cb = book(T("coop", fr=["coopér*", "échang* de vues"]), T("acw", fr=["guerre froide"]))
    texts = _random_texts(3, 60)
    whole = compile_codebook(cb).scan(texts, lang="fr")
    monkeypatch.setattr(matcher_module, "_CHUNK", 50)
    pieces = compile_codebook(cb).scan(texts, lang="fr")
    assert len(whole.text) > 20
    for x, y in zip(whole, pieces):
        assert x.tolist() == y.tolist()


def test_globs_extend_over_tokens_longer_than_the_walk():
    cb = book(T("t", fr=["coopér*", "*ingérence", "coopér* de vues"]))
    long_word = "coopér" + "a" * 300
    text = f"{long_word} de vues, et la {'x' * 300}ingérence."
    assert found(cb, text) == [("t", f"{long_word} de vues"), ("t", f"{'x' * 300}ingérence")]


@pytest.mark.parametrize("fold", [False, True])
def test_the_bulk_character_table_is_the_per_character_rule(fold):
    # the working copy's BMP table is built in bulk; every code point must get what the
    # one-character rule gives it, and a pattern's pure-Python copy what the buffer copy gives
    import numpy as np
    import random

    from discourse.coding.workcopy import _norm_char, _norm_table, _normalize, _normalize_str

    table = _norm_table(fold)
    rule = np.array([ord(_norm_char(chr(i), fold)) for i in range(65536)], np.uint16)
    assert (table == rule).all()
    assert table[ord("É")] == ord("e" if fold else "é") and table[0x2019] == ord("'")
    rng = random.Random(7)
    alphabet = "aéÉ  \t\n\u00a0’ABœŒçÇ-\u2011\U0001D400\U0001F600İẞß"
    for _ in range(3000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert _normalize_str(t, fold) == _normalize(t, fold)[0]
