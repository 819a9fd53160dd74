"""User errors are one clear line on stderr and a non-zero exit, never a traceback."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SAMPLE, cli, cli_process


def one_line_error(result, *needles: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]


def test_unknown_template_suggests(home):
    one_line_error(cli("query", "critic_of"), "unknown template", "critics_of")


def test_missing_parameter(home):
    one_line_error(cli("query", "critics_of"), "needs parameter 'name'")


def test_bad_parameter_syntax(home):
    one_line_error(cli("query", "critics_of", "-p", "Jon Lansman"), "KEY=VALUE")


def test_unknown_actor_suggests_close_names(home):
    assert cli("ingest", str(SAMPLE)).returncode == 0
    one_line_error(cli("query", "critics_of", "-p", "name=Jon Lansmann"), "no actor called", "Jon Lansman")


@pytest.mark.parametrize("uri", ["bolt://127.0.0.1:1", "falkordb://127.0.0.1:1", "gopher://x"])
def test_unreachable_or_unknown_store(home, uri):
    one_line_error(cli("info", "--store", uri), "127.0.0.1:1" if "1" in uri else "unknown store URI")


def test_password_never_printed(home):
    result = cli("info", "--store", "bolt://neo:s3cret-pw@127.0.0.1:1")
    assert "s3cret-pw" not in result.stdout + result.stderr
    one_line_error(result, "bolt://neo@127.0.0.1:1")


@pytest.mark.slow
def test_bad_path_is_named_and_the_rest_goes_on(home, tmp_path):
    """In a process of its own: what a shell sees, the exit code and the warning lines on stderr."""
    result = cli_process("ingest", str(tmp_path / "missing.txt"), str(SAMPLE / "blunkett-resigns.txt"))
    assert result.returncode == 1
    assert "missing.txt" in result.stderr and "Traceback" not in result.stderr
    info = json.loads(cli("info", "--json").stdout)
    assert info["counts"]["articles"] == 1


def test_a_library_logging_a_traceback_is_one_warning_line():
    """Dask logs its comms' CommClosedError with a traceback when a worker fails at start; the
    user sees one line per record, as `polgraph` sets logging up in a process of its own."""
    script = ("import logging; from polgraph.cli import main; main.callback()\n"
              "try:\n    raise OSError('comm closed')\n"
              "except OSError:\n    logging.getLogger('distributed.batched').exception('Error in batched write\\nmore')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "warning: Error in batched write\n"
