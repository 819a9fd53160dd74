// name: neighbourhood
// description: The claims within a few hops of an actor (at most 3), in either direction. Hop by hop, so a busy actor's neighbourhood is a sample - at most 500 claims of the actor, then at most 1000 claims of its first 50 neighbours at depth 2 and 1000 of their first 50 neighbours at depth 3 - and small neighbourhoods are whole.
// params:
//   name: {type: actor, example: Momentum, description: the actor at the centre}
//   depth: {type: int, default: 1, example: 2, description: hops from the actor, 1 to 3}
//   limit: {type: int, default: 200, example: 100}
// columns: [source, type, target, evidence, article, confidence]
// scale: each hop is capped (500, then 1000 claims from 50 actors), so the cost does not grow with the hubs' degree; a hop beyond $depth starts from null and costs nothing.
MATCH (centre:Entity {id: $name})-[r1:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]-(n1:Entity)
WITH r1, n1 LIMIT 500
WITH collect(r1) AS hop1, collect(DISTINCT n1)[..50] AS ring1
UNWIND CASE WHEN $depth >= 2 THEN ring1 ELSE [null] END AS n1
OPTIONAL MATCH (n1)-[r2:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]-(n2:Entity)
WITH hop1, r2, n2 LIMIT 1000
WITH hop1, collect(r2) AS hop2, collect(DISTINCT n2)[..50] AS ring2
UNWIND CASE WHEN $depth >= 3 THEN ring2 ELSE [null] END AS n2
OPTIONAL MATCH (n2)-[r3:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]-(:Entity)
WITH hop1, hop2, r3 LIMIT 1000
WITH hop1, hop2, collect(r3) AS hop3
UNWIND hop1 + hop2 + hop3 AS r
WITH DISTINCT r
RETURN startNode(r).name AS source, type(r) AS type, endNode(r).name AS target,
       r.evidence AS evidence, r.article AS article, r.confidence AS confidence
ORDER BY source, type, target, article
LIMIT $limit
