"""Every public name of discourse resolves, and names what the design promises."""

import discourse


def test_every_public_name_resolves():
    for name in discourse.__all__:
        assert getattr(discourse, name) is not None, name


def test_pipeline_functions_follow_verb_noun():
    for name in ("read_corpus", "split_statements", "attribute_speakers", "code_themes",
                 "count_themes", "plot_theme_shares", "write_coded_csv"):
        assert callable(getattr(discourse, name))


def test_unknown_name_is_an_attribute_error():
    import pytest

    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        discourse.nope  # noqa: B018
