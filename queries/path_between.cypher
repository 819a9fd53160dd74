// name: path_between
// description: The shortest chain of claims (up to 4 hops, either direction) joining two actors, with the evidence on each hop. Chains of 3 and 4 hops are looked for among the first 20,000 walks of that length out of the less discussed of the two actors, so a long chain between busy actors can be missed; chains of 1 and 2 hops never are.
// params:
//   source: {type: actor, example: Jackie Walker}
//   target: {type: actor, example: Peter Willsman}
// columns: [hop, source, type, target, evidence, article]
// scale: searches out of the actor with fewer claims (the support and criticism counts the loader keeps, graph/counts.py) and tries 1, 2, 3, then 4 hops, stopping at the first chain found (a longer try starts from null and costs nothing); 3 and 4 hops walk at most 20,000 paths.
MATCH (a:Entity {id: $source})
WITH a
MATCH (b:Entity {id: $target})
WITH a, b,
     coalesce(a.in_supports_claims, 0) + coalesce(a.in_criticises_claims, 0) + coalesce(a.out_supports_claims, 0) + coalesce(a.out_criticises_claims, 0)
     <= coalesce(b.in_supports_claims, 0) + coalesce(b.in_criticises_claims, 0) + coalesce(b.out_supports_claims, 0) + coalesce(b.out_criticises_claims, 0) AS forward
WITH forward, CASE WHEN forward THEN a ELSE b END AS near, CASE WHEN forward THEN b ELSE a END AS far
OPTIONAL MATCH p1 = (near)-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]-(far)
WITH forward, near, far, p1 LIMIT 1
UNWIND CASE WHEN p1 IS NULL THEN [near] ELSE [null] END AS near2
OPTIONAL MATCH p2 = (near2)-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]-(:Entity)-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]-(far)
WITH forward, near, far, coalesce(p1, p2) AS p LIMIT 1
UNWIND CASE WHEN p IS NULL THEN [near] ELSE [null] END AS near3
OPTIONAL MATCH walk3 = (near3)-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS*3]-(end3:Entity)
WITH forward, near, far, p, walk3, end3 LIMIT 20000
WITH forward, near, far, p, collect(CASE WHEN end3 = far THEN walk3 END)[..1] AS found3
WITH forward, near, far, coalesce(p, found3[0]) AS p
UNWIND CASE WHEN p IS NULL THEN [near] ELSE [null] END AS near4
OPTIONAL MATCH walk4 = (near4)-[:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS*4]-(end4:Entity)
WITH forward, far, p, walk4, end4 LIMIT 20000
WITH forward, p, collect(CASE WHEN end4 = far THEN walk4 END)[..1] AS found4
WITH forward, coalesce(p, found4[0]) AS p
WHERE p IS NOT NULL
WITH CASE WHEN forward THEN relationships(p) ELSE reverse(relationships(p)) END AS chain
UNWIND range(0, size(chain) - 1) AS i
WITH i, chain[i] AS r
RETURN i + 1 AS hop, startNode(r).name AS source, type(r) AS type, endNode(r).name AS target,
       r.evidence AS evidence, r.article AS article
ORDER BY hop
