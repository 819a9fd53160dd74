"""The user's own gazetteer and aliases file, from the command line."""
from __future__ import annotations

import json

from conftest import cli


def extract(*args: str) -> dict:
    result = cli("extract", "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_user_gazetteer_and_aliases_file(home, tmp_path):
    article = tmp_path / "vote.txt"
    article.write_text(
        "Harbour levy row\n"
        "Harbour Watch criticised Mayor Dana Whitcombe over the harbour levy. "
        "Whitcombe said the campaigners had misread the figures.\n", encoding="utf-8")
    gazetteer = tmp_path / "local.yaml"
    gazetteer.write_text("- name: Quayside Alliance\n  kind: campaign\n  aliases: [Quayside Alliance, Harbour Watch]\n",
                         encoding="utf-8")
    groups = lambda doc: {e["name"]: e for e in doc["entities"] if e["type"] == "Group"}  # noqa: E731

    with_gazetteer = groups(extract(str(article), "--gazetteer", str(gazetteer)))
    assert "Harbour Watch" in with_gazetteer["Quayside Alliance"]["aliases"]  # the user's canonical name
    assert "Quayside Alliance" not in groups(extract(str(article)))

    later = tmp_path / "later.txt"
    later.write_text("Levy vote delayed\nThe vote on the levy was delayed on Monday. "
                     "Ms Whitcombe said the board had been wrong to wait.\n", encoding="utf-8")
    people = lambda *extra: {e["name"] for e in extract(str(article), str(later), *extra)["entities"]  # noqa: E731
                             if e["type"] == "Person"}
    assert "Ms Whitcombe" not in people()  # across articles the surname joins the one full name...
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("forbid:\n  - [Dana Whitcombe, Whitcombe]\n", encoding="utf-8")
    # ...unless the user forbids it: then a surname known only with a title is recorded with it
    assert {"Dana Whitcombe", "Ms Whitcombe"} <= people("--aliases", str(aliases))


def test_missing_gazetteer_is_one_line(home, tmp_path):
    result = cli("extract", str(tmp_path), "--gazetteer", str(tmp_path / "nope.yaml"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "nope.yaml" in result.stderr
