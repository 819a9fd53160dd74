"""The word lists are data (ingest/data/lexicon/*.yaml) read into one frozen object: a list
given twice or misspelt is refused by name instead of silently losing its words, and YAML's
bare on/no words stay words."""
from __future__ import annotations

import dataclasses

import pytest

from polgraph.core.errors import InputError
from polgraph.ingest import lexicon
from polgraph.ingest.lexicon import LEXICON, LEXICON_FOLDER, load_lexicon


def _copy(tmp_path):
    for file in LEXICON_FOLDER.iterdir():
        if file.name.endswith(".yaml"):
            (tmp_path / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_module_names_are_the_loaded_lists_and_cannot_be_changed():
    assert lexicon.LEADER_ROLES is LEXICON.leader_roles and "chairman" in lexicon.LEADER_ROLES
    assert lexicon.IDIOMS[("throw", "support")] == ("SUPPORTS", frozenset({"behind"}))
    assert lexicon.PARTICLE_VERBS["turn"] == {"on"}  # a bare `on` would be read as True
    with pytest.raises(dataclasses.FrozenInstanceError):
        LEXICON.leader_roles = frozenset()
    with pytest.raises(TypeError):
        lexicon.IMPLIED_BODY["am"] = "elsewhere"


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
