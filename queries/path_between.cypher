// name: path_between
// description: The shortest chain of claims (up to 4 hops, either direction) joining two actors, with the evidence on each hop.
// params:
//   source: {type: actor, example: Jackie Walker}
//   target: {type: actor, example: Peter Willsman}
// columns: [hop, source, type, target, evidence, article]
// scale: tries 1, 2, 3, then 4 hops, anchored on both indexed ends, and stops at the first chain found; a longer try starts from null, and costs nothing, once a shorter chain is found. Only when the actors are 4 hops apart or not joined at all does it walk the 3- and 4-hop paths out of the source.
MATCH (a:Entity {id: $source})
WITH a
MATCH (b:Entity {id: $target})
OPTIONAL MATCH p1 = (a)-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]-(b)
WITH a, b, p1 LIMIT 1
UNWIND CASE WHEN p1 IS NULL THEN [a] ELSE [null] END AS a2
OPTIONAL MATCH p2 = (a2)-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]-(:Entity)-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]-(b)
WITH a, b, coalesce(p1, p2) AS p LIMIT 1
UNWIND CASE WHEN p IS NULL THEN [a] ELSE [null] END AS a3
OPTIONAL MATCH p3 = (a3)-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS*3]-(b)
WITH a, b, coalesce(p, p3) AS p LIMIT 1
UNWIND CASE WHEN p IS NULL THEN [a] ELSE [null] END AS a4
OPTIONAL MATCH p4 = (a4)-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS*4]-(b)
WITH coalesce(p, p4) AS p LIMIT 1
WHERE p IS NOT NULL
UNWIND range(0, length(p) - 1) AS i
WITH i, relationships(p)[i] AS r
RETURN i + 1 AS hop, startNode(r).name AS source, type(r) AS type, endNode(r).name AS target,
       r.evidence AS evidence, r.article AS article
ORDER BY hop
