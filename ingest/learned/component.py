"""The relation model at run time: the `polgraph_model` spaCy component, on onnxruntime.

After `polgraph_mentions` (and the rules, when both run), it encodes each sentence that
has two actors or more once (a quoted one after its speaker's name, `inputs.passages`), and
the first sentence of each named actor that none of those holds, one onnxruntime call each,
with every mention marked, and reads from the model: for each mention, whether it is a
Person, Group, Event or no actor; for each ordered pair of actors in the sentence, the
probability of each relation type. It writes

* ``doc._.pg_actor``: per cluster, the mean actor probabilities of its names, acronyms and
  definite descriptions (`inputs.JUDGED`; ``None`` for a cluster with none), in
  `Model.actor_labels` order;
* ``doc._.pg_clusters``: the clusters as the actor head judges them, when the model's
  metadata sets `drop`/`retype`: an actor that is no political actor is dropped, one
  of another type retyped. Bodies the gazetteer knows stay as they are; the ends of the
  rules' claims (the rules are precise: their claim is evidence that both ends are actors)
  are never dropped, and are retyped only where the rules' claims on them stay allowed.
  After the claims, a person or body mentioned once in passing (`drop_passing`) at the end
  of none is dropped too;
* ``doc._.pg_model_claims``: ``(subject cluster, type, object cluster, start, end, p)``
  for each pair and type at or over that type's threshold, with the sentence's character
  offsets in the document;
* ``doc._.pg_relations``: those claims whose ends the schema allows, as `ClaimCandidate`s
  whose `rule` is the model's name and version and whose confidence is the probability.
  With `mode` "both" they join the rules' claims there, a (subject, type, object) the
  rules stated keeping the rule's claim; with "model" they are the only claims.

The model is loaded once per process; no torch, nothing downloaded.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from polgraph.core.claims import allowed_ends
from polgraph.core.errors import ModelError
from polgraph.ingest.contracts import CLUSTERS, MENTIONS, RELATIONS, STATE, ClaimCandidate, Cluster
from polgraph.ingest.learned.inputs import JUDGED, Passage, encode, layout, load_tokenizer, passages

DATA = resources.files("polgraph.ingest.learned") / "data"
NOT_ACTOR = "None"  # the actor head's label for a mention that is no political actor
SUBJECTS = frozenset({"nsubj", "nsubjpass"})  # a mention with this dependency acts in its clause

for _name in ("pg_actor", "pg_model_claims"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass(frozen=True)
class Model:
    """The packaged model: an onnxruntime session, its tokenizer and its metadata."""

    session: object
    tokenizer: object
    name: str
    types: tuple[str, ...]
    actor_labels: tuple[str, ...]
    thresholds: dict[str, float]
    scale: tuple[np.ndarray, np.ndarray] | None = None  # per type in `types` order, Platt's (a, b): p = sigmoid(a z + b)
    drop: float | None = None  # a named actor whose mean P(no actor) reaches this is dropped; None: never
    retype: float | None = None  # ... whose mean P(another actor type) reaches this takes that type; None: never
    drop_known: float | None = None  # a body the gazetteer knows is dropped at this mean P(no actor); None: never
    drop_passing: float | None = None  # a passer-by (`unlisted_in_passing`) is dropped at this; None: never

    @property
    def id(self) -> str:
        """What produced a claim, as its `rule` field says: the model's name and version."""
        return self.name


def load_model(folder: str | None = None) -> Model:
    """The model in `folder` (default: the one shipped in the package), loaded once per process."""
    return _load(str(Path(folder) if folder else Path(str(DATA))))


@cache
def _load(folder: str) -> Model:
    import onnxruntime

    base = Path(folder)
    if not (base / "relmodel.onnx").is_file() or not (base / "relmodel.json").is_file():
        raise ModelError(f"no relation model in {base}: use --extractor rules")
    meta = json.loads((base / "relmodel.json").read_text(encoding="utf-8"))
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1  # one core per process: --workers and Dask scale out, not up
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(base / "relmodel.onnx"), options, providers=["CPUExecutionProvider"])
    return Model(session, load_tokenizer(str(base / "tokenizer.json")), f"{meta['name']}/{meta['version']}",
                 tuple(meta["types"]), tuple(meta["actor_labels"]), dict(meta["thresholds"]),
                 _platt(meta.get("calibration"), meta["types"]), meta.get("drop"), meta.get("retype"),
                 meta.get("drop_known"), meta.get("drop_passing"))


def _platt(calibration: dict[str, list[float]] | None, types: list[str]) -> tuple[np.ndarray, np.ndarray] | None:
    """The metadata's per-type (a, b) as two rows in `types` order, built once, applied to every call."""
    if not calibration:
        return None
    a, b = np.array([calibration[t] for t in types], dtype=np.float32).T
    return a, b


MODES = ("both", "model")  # beside the rules, or alone


@Language.factory("polgraph_model", requires=[CLUSTERS, MENTIONS],
                  assigns=["doc._.pg_actor", "doc._.pg_model_claims", CLUSTERS, RELATIONS],
                  default_config={"folder": None, "mode": "both"})
def make_model(nlp: Language, name: str, folder: str | None, mode: str) -> "ModelComponent":
    return ModelComponent(folder, mode)


class ModelComponent:
    def __init__(self, folder: str | None = None, mode: str = "both") -> None:
        if mode not in MODES:
            raise ValueError(f"polgraph_model mode {mode!r}: one of {', '.join(MODES)}")
        self.model = load_model(folder)
        self.mode = mode

    def __call__(self, doc: Doc) -> Doc:
        # Sentences with two actors or more (a pair to classify), then the passages that only
        # name an actor no pair sentence names, so that the actor head judges every name. One
        # onnxruntime call each: its dynamic int8 quantisation scales activations by the whole
        # input, so a passage read alone reads the same in any article, and nothing is padded
        # (in batches of a document's sentences a third of the tokens were padding).
        paired, named = _passages(doc)
        actor_sums: dict[int, np.ndarray] = {}
        actor_counts: dict[int, int] = {}
        claims = []
        for passage in (*paired, *named):
            self._read(passage, actor_sums, actor_counts, claims)
        by_name = {m.cluster for m in doc._.pg_mentions if m.how == "name"}
        doc._.pg_actor = [actor_sums[c] / actor_counts[c] if c in actor_sums else None
                          for c in range(len(doc._.pg_clusters))]
        doc._.pg_model_claims = claims
        rules = doc._.pg_relations if self.mode == "both" and doc._.pg_relations is not None else []
        stated = {i for c in rules for i in (c.subject, c.object)}  # a rule's claim says these are actors
        doc._.pg_clusters = _keeping_rules(doc._.pg_clusters, rules,
                                           [self.judged(c, p, i in by_name, keep=i in stated)
                                            for i, (c, p) in enumerate(zip(doc._.pg_clusters, doc._.pg_actor))])
        types = [None if c.dropped else c.type for c in doc._.pg_clusters]
        posts = [c for c in rules if c.type == "LEADS"]  # heads the rules read exactly
        doc._.pg_relations = [*rules, *self.candidates(types, claims, {(c.subject, c.type, c.object) for c in rules},
                                                       {(c.subject, c.start) for c in posts},
                                                       {(c.object, c.start) for c in posts})]
        doc._.pg_clusters = self.unlisted_in_passing(doc)
        return doc

    def judged(self, cluster: Cluster, probs: np.ndarray | None, named: bool = True, keep: bool = False) -> Cluster:
        """The cluster as the actor head sees it: dropped when it is no political actor, retyped when
        it is another kind of one. Bodies the gazetteer knows (`kind` set) keep their type, and
        are dropped only at `drop_known`: "the House of Commons" as the place something was said,
        which annotators leave out, but a body the gazetteer lists is an actor more often than not.
        One the article never names (not `named`: "the government") is dropped at `drop`, as an
        unknown name is: the article's government is an actor in a British report, seldom in an
        American one. A place NER names (kind `STATE`) is dropped as a known body is, but is
        retyped like an unknown name: "Pelosi" or "Biden" tagged as a place is a person. An end of
        a rule's claim (`keep`) is an actor, so it is never dropped, but it can be of another type:
        "Vincent Cable, for the Liberal Democrats, accused Mr Brown" when NER tagged him ORG."""
        if probs is None or cluster.dropped:
            return cluster
        labels = self.model.actor_labels
        level = self.model.drop_known if cluster.kind and named else self.model.drop
        if not keep and level is not None and probs[labels.index(NOT_ACTOR)] >= level:
            return replace(cluster, dropped=True)
        if cluster.kind and cluster.kind != STATE:
            return cluster
        best = max((i for i, label in enumerate(labels) if label != NOT_ACTOR), key=lambda i: probs[i])
        if self.model.retype is not None and labels[best] != cluster.type and probs[best] >= self.model.retype:
            return replace(cluster, type=labels[best], kind="")  # "Pelosi" NER took for a place is a person
        return cluster

    def unlisted_in_passing(self, doc: Doc) -> list[Cluster]:
        """The clusters, less each person or body mentioned once, not as a clause's subject, at
        the end of no claim, that the actor head doubts at `drop_passing`: "talks at the White
        House", "a study by the Pew Research Center". On the held-out fifth annotators listed 70%
        of such passers-by (bodies 59%) against 93% of the other actors; they were 28% of the
        entities polgraph listed and 63% of the wrong ones. The head's doubt keeps those it is
        sure of ("a vote for Labour"). Events are left alone: one named once is no passer-by."""
        level = self.model.drop_passing
        if level is None:
            return doc._.pg_clusters
        mentions = Counter(m.cluster for m in doc._.pg_mentions)
        acting = {m.cluster for m in doc._.pg_mentions if doc[m.start:m.end].root.dep_ in SUBJECTS}
        ends = {i for c in doc._.pg_relations for i in (c.subject, c.object)}
        none = self.model.actor_labels.index(NOT_ACTOR)
        return [replace(c, dropped=True) if c.type != "Event" and mentions[i] == 1 and i not in acting
                and i not in ends and p is not None and p[none] >= level else c
                for i, (c, p) in enumerate(zip(doc._.pg_clusters, doc._.pg_actor))]

    def candidates(self, types: list[str | None], claims: list[tuple], stated: set[tuple[int, str, int]],
                   leading: AbstractSet[tuple[int, int]] = frozenset(),
                   led: AbstractSet[tuple[int, int]] = frozenset()) -> list[ClaimCandidate]:
        """The model's claims as candidates: ends the schema allows (`types`, None for a dropped
        cluster), not `stated` already, each (subject, type, object) once, from its most probable sentence.
        A LEADS from a sentence where a rule reads a post exactly is left out when it gives its
        subject another body (`leading`: subject, sentence start; "chairman of the Commons public
        accounts committee": the model gives the outer body too) or the body another head (`led`:
        body, sentence start; "Tory leader Michael Howard has written to Tony Blair": not Blair)."""
        best: dict[tuple[int, str, int], tuple] = {}
        for a, t, b, start, end, p in claims:
            key = (a, t, b)
            if t == "LEADS" and ((a, start) in leading or (b, start) in led):
                continue
            if key not in stated and allowed_ends(t, types[a], types[b]) and (key not in best or p > best[key][5]):
                best[key] = (a, t, b, start, end, p)
        return [ClaimCandidate(a, t, b, start, end, round(p, 3), False, self.model.id)
                for a, t, b, start, end, p in best.values()]

    def _read(self, passage: Passage, actor_sums, actor_counts, claims) -> None:
        """Run the model on one passage and collect its actor probabilities and claims."""
        lay = layout([encode(self.model.tokenizer, passage.text, [(m.start, m.end) for m in passage.mentions])],
                     [passage.pairs])
        if not lay.rows:
            return
        mentions = passage.mentions
        judged = [mentions[j].cluster if mentions[j].how in JUDGED else None for _, j in lay.mentions]
        where = [(mentions[a].cluster, mentions[b].cluster, passage.start, passage.end) for _, a, b in lay.pairs]
        as_array = lambda xs: np.array(xs, dtype=np.int64)  # noqa: E731
        feed = {"input_ids": lay.ids, "attention_mask": lay.mask, "mention_rows": as_array(lay.rows),
                "mention_cols": as_array(lay.cols), "pair_a": as_array(lay.pair_a), "pair_b": as_array(lay.pair_b)}
        actor_logits, pair_logits = self.model.session.run(None, feed)
        actor = _softmax(actor_logits)
        for cluster, probs in zip(judged, actor):
            if cluster is not None:
                actor_sums[cluster] = actor_sums.get(cluster, 0) + probs
                actor_counts[cluster] = actor_counts.get(cluster, 0) + 1
        probs = 1 / (1 + np.exp(-self.scaled(pair_logits)))
        for (a, b, start, end), row in zip(where, probs):
            for t, p in zip(self.model.types, row):
                if p >= self.model.thresholds[t]:
                    claims.append((a, t, b, start, end, float(p)))

    def scaled(self, logits: np.ndarray) -> np.ndarray:
        """The pair logits under the model's calibration, when it has one (columns in `types` order)."""
        if self.model.scale is None:
            return logits
        a, b = self.model.scale
        return logits * a + b


def _keeping_rules(before: list[Cluster], rules: list[ClaimCandidate], after: list[Cluster]) -> list[Cluster]:
    """The clusters as judged (`after`), except that both ends of a rule's claim the new types
    would not allow (a LEADS whose body became a person) keep their types from `before`."""
    after = list(after)
    changed = True
    while changed:  # a reverted end can make another claim on it disallowed: until none is
        changed = False
        for c in rules:
            ends = (before[c.subject], before[c.object])
            if not allowed_ends(c.type, after[c.subject].type, after[c.object].type) and \
                    (after[c.subject], after[c.object]) != ends:
                after[c.subject], after[c.object] = ends
                changed = True
    return after


def _passages(doc: Doc) -> tuple[list[Passage], list[Passage]]:
    """The passages with a pair to classify, and for each actor that none of those names or
    describes (`JUDGED`), the first passage that does."""
    every = list(passages(doc))
    paired = [p for p in every if p.pairs]
    seen = {m.cluster for p in paired for m in p.mentions if m.how in JUDGED}
    named = []
    for p in every:
        new = {m.cluster for m in p.mentions if m.how in JUDGED} - seen
        if new:
            named.append(p)
            seen |= new
    return paired, named


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)
