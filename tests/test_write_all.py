"""Store.write_all: the loader's statements streamed down one FalkorDB connection still run in
order, a failure among them is raised, and the store is left usable for the next call."""
from __future__ import annotations

import pytest

from polgraph.core.errors import PolGraphError

SET = "MERGE (a:Alias {key: $key}) SET a.trail = coalesce(a.trail, '') + $step"
TRAIL = "MATCH (a:Alias {key: 'k'}) RETURN a.trail AS trail"


def test_statements_run_in_the_order_given(graph):
    graph.writable_store.write_all((SET, {"key": "k", "step": str(i)}) for i in range(30))
    assert graph.store.run(TRAIL) == [{"trail": "".join(str(i) for i in range(30))}]


def test_a_refused_statement_is_raised_after_the_others_ran_and_the_store_stays_usable(graph):
    store = graph.writable_store
    with pytest.raises(PolGraphError, match="refused"):
        store.write_all([(SET, {"key": "k", "step": "a"}), ("MATCH (n RETURN n", {}), (SET, {"key": "k", "step": "b"})])
    assert store.run(TRAIL) == [{"trail": "ab"}]  # no reply left unread on the connection
    assert store.run("RETURN 7 AS x") == [{"x": 7}]


def test_statements_that_fail_to_build_leave_no_reply_behind(graph):
    store = graph.writable_store

    def statements():
        yield SET, {"key": "k", "step": "a"}
        raise ValueError("not a claim type")

    with pytest.raises(ValueError):
        store.write_all(statements())
    assert store.run("RETURN 7 AS x") == [{"x": 7}]  # not the reply to the statement sent before
