// name: path_between
// description: The shortest chain of claims (up to 4 hops, either direction) joining two actors, with the evidence on each hop. Chains of 3 and 4 hops are looked for among the first 20,000 walks of that length out of the source, so a long chain out of a busy actor can be missed; chains of 1 and 2 hops never are.
// params:
//   source: {type: actor, example: Jackie Walker}
//   target: {type: actor, example: Peter Willsman}
// columns: [hop, source, type, target, evidence, article]
// scale: tries 1, 2, 3, then 4 hops and stops at the first chain found (a longer try starts from null and costs nothing); 1 and 2 hops are anchored on both indexed ends, 3 and 4 hops walk at most 20,000 paths out of the source.
MATCH (a:Entity {id: $source})
WITH a
MATCH (b:Entity {id: $target})
OPTIONAL MATCH p1 = (a)-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]-(b)
WITH a, b, p1 LIMIT 1
UNWIND CASE WHEN p1 IS NULL THEN [a] ELSE [null] END AS a2
OPTIONAL MATCH p2 = (a2)-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]-(:Entity)-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]-(b)
WITH a, b, coalesce(p1, p2) AS p LIMIT 1
UNWIND CASE WHEN p IS NULL THEN [a] ELSE [null] END AS a3
OPTIONAL MATCH walk3 = (a3)-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS*3]-(y3:Entity)
WITH a, b, p, walk3, y3 LIMIT 20000
WITH a, b, p, collect(CASE WHEN y3 = b THEN walk3 END)[..1] AS found3
WITH a, b, coalesce(p, found3[0]) AS p
UNWIND CASE WHEN p IS NULL THEN [a] ELSE [null] END AS a4
OPTIONAL MATCH walk4 = (a4)-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS*4]-(y4:Entity)
WITH b, p, walk4, y4 LIMIT 20000
WITH p, collect(CASE WHEN y4 = b THEN walk4 END)[..1] AS found4
WITH coalesce(p, found4[0]) AS p
WHERE p IS NOT NULL
UNWIND range(0, length(p) - 1) AS i
WITH i, relationships(p)[i] AS r
RETURN i + 1 AS hop, startNode(r).name AS source, type(r) AS type, endNode(r).name AS target,
       r.evidence AS evidence, r.article AS article
ORDER BY hop
