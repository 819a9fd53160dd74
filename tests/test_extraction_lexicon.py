"""The word lists are data (ingest/data/lexicon/*.yaml) read into one frozen object: a list
given twice or misspelt is refused by name instead of silently losing its words, and YAML's
bare on/no words stay words. The components get it through their ``lexicon`` config setting,
so every one reads the same object and a pipeline can be given other words."""
from __future__ import annotations

import dataclasses

import pytest

from spacy.util import registry

from polgraph.core.errors import InputError
from polgraph.ingest.lexicon import LEXICON_FOLDER, LEXICON_V1, load_lexicon, packaged_lexicon
from polgraph.ingest.pipeline import COMPONENTS, load_pipeline


def _copy(tmp_path):
    for file in LEXICON_FOLDER.iterdir():
        if file.name.endswith(".yaml"):
            (tmp_path / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_the_loaded_lists_cannot_be_changed():
    lex = packaged_lexicon()
    assert "chairman" in lex.leader_roles and "chairman" in lex.all_roles
    assert lex.idioms[("throw", "support")] == ("SUPPORTS", frozenset({"behind"}))
    assert lex.particle_verbs["turn"] == {"on"}  # a bare `on` would be read as True
    with pytest.raises(dataclasses.FrozenInstanceError):
        lex.leader_roles = frozenset()
    with pytest.raises(TypeError):
        lex.body_names["Senedd"] = ("elsewhere",)


def test_every_component_reads_the_one_lexicon_of_its_config():
    nlp = load_pipeline()
    for name in COMPONENTS:
        assert nlp.config["components"][name]["lexicon"] == {"@misc": LEXICON_V1}
        assert nlp.get_pipe(name).lexicon is packaged_lexicon()  # loaded once per process


@registry.misc("test.lexicon_without_attack")
def _without_attack():
    lex = packaged_lexicon()
    return dataclasses.replace(lex, criticise_verbs=lex.criticise_verbs - {"attack"})


def test_a_pipeline_given_other_words_reads_them():
    nlp = load_pipeline()
    text = "Angela Rayner attacked Michael Gove over the housing figures."
    assert [c.type for c in nlp(text)._.pg_relations] == ["CRITICISES"]
    nlp.remove_pipe("polgraph_relations")
    nlp.add_pipe("polgraph_relations", config={"lexicon": {"@misc": "test.lexicon_without_attack"}})
    assert nlp(text)._.pg_relations == []


def test_a_list_given_twice_is_refused_by_name(tmp_path):
    folder = _copy(tmp_path)
    (folder / "zz_extra.yaml").write_text('leader_roles: ["boss"]\n', encoding="utf-8")
    with pytest.raises(InputError, match="zz_extra.yaml: word list 'leader_roles' is given twice"):
        load_lexicon(folder)


def test_a_misspelt_list_is_refused_by_name(tmp_path):
    folder = _copy(tmp_path)
    roles = folder / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("deputy_words:", "deputy_word:"), encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown word lists \['deputy_word'\], missing \['deputy_words'\]"):
        load_lexicon(folder)
