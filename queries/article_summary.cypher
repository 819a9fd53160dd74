// name: article_summary
// description: What articles say, one row each, with the actors they name and their claims; found by id or, when no article has that id, by words of the title, in any case.
// params:
//   article: {type: string, example: momentum, description: an article id, or text its title contains}
//   limit: {type: int, default: 20, example: 10}
// columns: [article, title, published, source, actors, claims]
// scale: an id is an index seek, and then no other article is read; title words are looked for in every article's title (no full-text index is in the Cypher that Neo4j and FalkorDB share), in the lower-cased copy the loader keeps (`title_lower`; articles loaded before it get it when a writer opens the store), and only the $limit newest matches are read further.
OPTIONAL MATCH (hit:Article {id: $article})
WITH hit, CASE WHEN hit IS NULL THEN toLower($article) END AS words
OPTIONAL MATCH (a:Article) WHERE words IS NOT NULL AND a.title_lower CONTAINS words
WITH coalesce(hit, a) AS a
WHERE a IS NOT NULL
WITH a ORDER BY a.published DESC, a.id LIMIT $limit
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
WITH a, collect(DISTINCT e.name) AS actors
OPTIONAL MATCH (a)-[:MENTIONS]->(s)-[r:SUPPORTS|CRITICISES|RESIGNED_FROM|SUSPENDED_FROM|MEMBER_OF|LEADS]->(o)
WHERE r.article = a.id
WITH a, actors, collect(s.name + ' ' + toLower(replace(type(r), '_', ' ')) + ' ' + o.name) AS claims
RETURN a.id AS article, a.title AS title, a.published AS published, a.source AS source, actors, claims
ORDER BY published DESC, article
