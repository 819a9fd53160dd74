// Lints Cypher with Neo4j's own front end (@neo4j-cypher/language-support).
//
// stdin:  {"schema": {"labels": [...], "relationshipTypes": [...]},
//          "queries": [{"name": "...", "cypher": "...", "params": {"name": example, ...}}]}
// stdout: {"<name>": [{"severity": "error"|"warning"|..., "message": "...", "line": 1, "column": 1}], ...}
// Every query gets an entry (an empty list when clean); the exit code is 1 when any has an error.
import { readFileSync } from "node:fs";
import { lintCypherQuery, testData } from "@neo4j-cypher/language-support";

const SEVERITY = { 1: "error", 2: "warning", 3: "information", 4: "hint" };

// Neo4j's built-in functions as the package records them (APOC left out: a template must
// run on a plain server), so a FalkorDB-only function is reported as unknown.
const functions = Object.fromEntries(
  Object.entries(testData.mockSchema.functions).map(([version, registry]) => [
    version,
    Object.fromEntries(Object.entries(registry).filter(([name]) => !name.startsWith("apoc."))),
  ]),
);

const input = JSON.parse(readFileSync(0, "utf-8"));
const report = {};
let failed = false;
for (const query of input.queries) {
  const dbSchema = { ...input.schema, functions, parameters: query.params ?? {} };
  const { diagnostics } = lintCypherQuery(query.cypher, dbSchema);
  report[query.name] = diagnostics.map((d) => ({
    severity: SEVERITY[d.severity] ?? String(d.severity),
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  }));
  failed ||= report[query.name].some((d) => d.severity === "error");
}
process.stdout.write(JSON.stringify(report, null, 2) + "\n");
process.exit(failed ? 1 : 0);
