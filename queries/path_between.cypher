// name: path_between
// description: The shortest chain of claims (up to 4 hops, either direction) joining two actors, with the evidence on each hop.
// params:
//   source: {type: actor, example: Jackie Walker}
//   target: {type: actor, example: Peter Willsman}
// columns: [hop, source, type, target, evidence, article]
// scale: meets in the middle rather than walking chains, and reads no claim until the chain is found. 1 hop looks the pair up; 2 hops join the two actors' neighbours; 3 hops test each neighbour of one against each of the other when one of them is little discussed (fewer than 8,000 pairs), or else join the neighbours within 2 hops of the less discussed actor (by the support and criticism counts the loader keeps, graph/counts.py) with the other's; 4 hops join both sides' neighbours within 2 hops. Only entities are joined, and only claims join entities (schema.yaml). Each longer try starts from null and costs nothing once a chain is found; the middle of a 3- or 4-hop chain is then found among the neighbours of its end, and one claim per hop is read.
MATCH (a:Entity {id: $source})
WITH a
MATCH (b:Entity {id: $target})
WITH a, b, coalesce(a.in_supports_claims, 0) + coalesce(a.in_criticises_claims, 0) + coalesce(a.out_supports_claims, 0) + coalesce(a.out_criticises_claims, 0) AS ca,
     coalesce(b.in_supports_claims, 0) + coalesce(b.in_criticises_claims, 0) + coalesce(b.out_supports_claims, 0) + coalesce(b.out_criticises_claims, 0) AS cb
WITH ca <= cb AS forward, CASE WHEN ca <= cb THEN cb ELSE ca END <= 2000 AS small,
     CASE WHEN ca <= cb THEN a ELSE b END AS near, CASE WHEN ca <= cb THEN b ELSE a END AS far
WITH forward, small, near, far, [(near)-->(far) | 1] AS out
WITH forward, small, near, far, CASE WHEN size(out) + size([(far)-->(near) | 1]) > 0 THEN [near, far] END AS chain
UNWIND CASE WHEN chain IS NULL THEN [[near, far]] ELSE [[null, null]] END AS ends
WITH forward, small, near, far, chain, ends[0] AS n, ends[1] AS f
OPTIONAL MATCH (n)--(x:Entity), (f)--(y:Entity) WHERE x = y
WITH forward, small, near, far, coalesce(chain, CASE WHEN y IS NOT NULL THEN [near, y, far] END) AS chain LIMIT 1
UNWIND CASE WHEN chain IS NULL AND small THEN [[near, far]] ELSE [[null, null]] END AS ends
WITH forward, near, far, chain, ends[0] AS n, ends[1] AS f
OPTIONAL MATCH (f)--(y:Entity)
WITH forward, near, far, chain, n, collect(y) AS ys
OPTIONAL MATCH (n)--(x:Entity)
WITH forward, near, far, chain, ys, collect(x) AS xs
WITH forward, near, far, chain, ys, xs, chain IS NULL AND size(xs) > 0 AND size(xs) * size(ys) < 8000 AS pairs
UNWIND CASE WHEN pairs THEN xs ELSE [null] END AS x
WITH forward, near, far, chain, pairs, ys, x
UNWIND CASE WHEN pairs THEN ys ELSE [null] END AS y
WITH forward, near, far, chain, pairs, x, y, [(x)-->(y) | 1] AS xy
WITH forward, near, far, chain, pairs, x, y, xy + [(y)-->(x) | 1] AS xy
WITH forward, near, far, chain, pairs, head(collect(CASE WHEN size(xy) > 0 THEN [near, x, y, far] END)) AS found
WITH forward, near, far, coalesce(chain, found) AS chain, chain IS NULL AND NOT pairs AS join
UNWIND CASE WHEN join THEN [[near, far]] ELSE [[null, null]] END AS ends
WITH forward, near, far, chain, ends[0] AS n, ends[1] AS f
OPTIONAL MATCH (n)--(:Entity)--(x:Entity), (f)--(y:Entity) WHERE x = y
WITH forward, near, far, coalesce(chain, CASE WHEN y IS NOT NULL THEN [near, null, y, far] END) AS chain LIMIT 1
UNWIND CASE WHEN chain IS NULL THEN [[near, far]] ELSE [[null, null]] END AS ends
WITH forward, near, far, chain, ends[0] AS n, ends[1] AS f
OPTIONAL MATCH (n)--(:Entity)--(x:Entity), (f)--(:Entity)--(y:Entity) WHERE x = y
WITH forward, coalesce(chain, CASE WHEN y IS NOT NULL THEN [near, null, y, null, far] END) AS chain LIMIT 1
WHERE chain IS NOT NULL
UNWIND range(0, size(chain) - 1) AS i
WITH forward, chain, i, chain[2] AS m, CASE WHEN chain[i] IS NULL THEN chain[i - 1 + 2 * (i / 3)] END AS end
OPTIONAL MATCH (end)--(w:Entity)
WITH forward, chain, i, m, w, [(w)-->(m) | 1] AS wm
WITH forward, chain, i, w, wm + [(m)-->(w) | 1] AS wm
WITH forward, i, chain[i] AS node, head(collect(CASE WHEN size(wm) > 0 THEN w END)) AS w
WITH forward, i, coalesce(node, w) AS node ORDER BY i
WITH forward, collect(node) AS nodes
UNWIND range(0, size(nodes) - 2) AS i
WITH forward, size(nodes) - 1 AS hops, i, nodes[i] AS u, nodes[i + 1] AS v
OPTIONAL MATCH (u)-[o:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]->(v)
WITH forward, hops, i, u, v, head(collect(o)) AS o
OPTIONAL MATCH (u)<-[n:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]-(v)
WITH forward, hops, i, o, head(collect(n)) AS n
WITH CASE WHEN forward THEN i + 1 ELSE hops - i END AS hop, coalesce(o, n) AS r
RETURN hop, startNode(r).name AS source, type(r) AS type, endNode(r).name AS target,
       r.evidence AS evidence, r.article AS article
ORDER BY hop
