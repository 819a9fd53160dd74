// name: path_between
// description: The shortest chain of claims (up to 4 hops, either direction) joining two actors, with the evidence on each hop.
// params:
//   source: {type: actor, example: Jackie Walker}
//   target: {type: actor, example: Peter Willsman}
// columns: [hop, source, type, target, evidence, article]
// scale: lists every path of up to 4 hops before keeping the shortest; at 100k actors it wants a breadth-first search from both ends (FalkorDB's shortestPath is directed only).
MATCH p = (a:Entity {id: $source})-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS*1..4]-(b:Entity {id: $target})
WITH p ORDER BY length(p) LIMIT 1
UNWIND range(0, length(p) - 1) AS i
WITH i, relationships(p)[i] AS r
RETURN i + 1 AS hop, startNode(r).name AS source, type(r) AS type, endNode(r).name AS target,
       r.evidence AS evidence, r.article AS article
ORDER BY hop
