// name: neighbourhood
// description: Every claim within a few hops of an actor (at most 3), in either direction.
// params:
//   name: {type: actor, example: Momentum, description: the actor at the centre}
//   depth: {type: int, default: 1, example: 2, description: hops from the actor, 1 to 3}
//   limit: {type: int, default: 200, example: 100}
// columns: [source, type, target, evidence, article, confidence]
MATCH p = (centre:Entity {id: $name})-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS*1..3]-(:Entity)
WHERE length(p) <= $depth
UNWIND relationships(p) AS r
WITH DISTINCT r
RETURN startNode(r).name AS source, type(r) AS type, endNode(r).name AS target,
       r.evidence AS evidence, r.article AS article, r.confidence AS confidence
ORDER BY source, type, target, article
LIMIT $limit
