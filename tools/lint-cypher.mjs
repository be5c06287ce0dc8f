#!/usr/bin/env node
// Lint Cypher with Neo4j's own language support (no server needed).
//
// stdin:  {"queries": [{"name": "...", "cypher": "..."}], "dbSchema": {...}}
// stdout: [{"name": "...", "diagnostics": [{"severity", "message", "line", "col"}]}]
//
// dbSchema is the package's DbSchema (labels, relationshipTypes, propertyKeys,
// graphSchema, defaultLanguage, procedures, functions, ...) with one convenience:
// `functions` and `procedures` may be given by *name* and are then filled in from the
// Neo4j signature table the package ships (a dump of a real Neo4j server's
// SHOW FUNCTIONS / SHOW PROCEDURES, exported as `testData.mockSchema`):
//   functions:  "builtin"            -> every built-in Cypher function (no APOC/GDS)
//               ["toLower", ...]     -> exactly these
//   procedures: ["db.labels", ...]   -> exactly these
// A full ScopedRegistry ({"CYPHER 5": {name: Neo4jFunction}}) is passed through as is.
// A name that the table does not know is a usage error (exit 2), so a typo in the
// allow-list cannot silently disable a check.
//
// Positions are 1-based (line and column). Severity is "error", "warning", "info" or
// "hint". "Parameter $x is not defined" errors are dropped: parameters are supplied at
// run time. Each query must be a single statement (the driver runs one per call).
//
// Exit status: 0 whenever linting ran (the caller decides what fails the build);
// 2 on bad input; anything else is a crash.
//
// `node lint-cypher.mjs --list-builtins` prints the names in the signature table.
import {
  lintCypherQuery,
  isNotParamError,
  parseStatementsStrs,
  testData,
} from '@neo4j-cypher/language-support';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

class UsageError extends Error {}

function signatureTable(version) {
  const table = testData?.mockSchema;
  const functions = table?.functions?.[version];
  const procedures = table?.procedures?.[version];
  if (!functions || !procedures) {
    throw new UsageError(
      `the installed @neo4j-cypher/language-support ships no ${version} signature table ` +
        '(testData.mockSchema); pin the version in tools/package.json that has it',
    );
  }
  return { functions, procedures };
}

function pick(registry, names, kind) {
  const out = {};
  const unknown = [];
  for (const name of names) {
    if (registry[name]) out[name] = registry[name];
    else unknown.push(name);
  }
  if (unknown.length) {
    throw new UsageError(`unknown ${kind} in the allow-list: ${unknown.join(', ')}`);
  }
  return out;
}

export function resolveSchema(dbSchema = {}) {
  const version = dbSchema.defaultLanguage ?? 'CYPHER 5';
  const schema = { ...dbSchema, defaultLanguage: version };
  const byName = (v) => typeof v === 'string' || Array.isArray(v);
  if (byName(schema.functions) || byName(schema.procedures)) {
    const table = signatureTable(version);
    if (schema.functions === 'builtin') {
      schema.functions = {
        [version]: Object.fromEntries(
          Object.entries(table.functions).filter(([, f]) => f.isBuiltIn),
        ),
      };
    } else if (Array.isArray(schema.functions)) {
      schema.functions = { [version]: pick(table.functions, schema.functions, 'function') };
    } else if (typeof schema.functions === 'string') {
      throw new UsageError(`functions: expected "builtin", a list or a registry`);
    }
    if (Array.isArray(schema.procedures)) {
      schema.procedures = { [version]: pick(table.procedures, schema.procedures, 'procedure') };
    } else if (typeof schema.procedures === 'string') {
      throw new UsageError('procedures: expected a list of names or a registry');
    }
  }
  return schema;
}

// Work-around for a bug in the package (2.0.0-next.38): a property *read* inside a node
// or relationship pattern, e.g. `MATCH (a {id: row.from})`, is attributed to the
// pattern's variable `a`, so `from` is reported as a property missing from the database
// although `row` is a map. Keep such a warning only when the variable before the dot is
// a node or relationship.
const IDENT_BEFORE_DOT = /(`[^`]+`|[\p{L}_][\p{L}\p{N}_]*)\s*\.\s*$/u;

function isFalseMissingProperty(d, cypher, symbolTables) {
  if (d.severity !== 2 || !d.offsets) return false;
  const key = cypher.slice(d.offsets.start, d.offsets.end).replace(/^`|`$/g, '');
  if (!key || !d.message.startsWith(`${key} is not present in the database.`)) return false;
  const m = IDENT_BEFORE_DOT.exec(cypher.slice(0, d.offsets.start));
  if (!m) return false; // a key in a pattern's own map: a real node/rel property
  const variable = m[1].replace(/^`|`$/g, '');
  const symbol = symbolTables.flat().find((s) => s.variable === variable);
  const nodeOrRel =
    symbol &&
    symbol.types.length > 0 &&
    symbol.types.every((t) => t === 'Node' || t === 'Relationship');
  return !nodeOrRel;
}

function toDiagnostic(d) {
  return {
    severity: SEVERITY[d.severity] ?? 'error',
    message: d.message,
    line: d.range.start.line + 1,
    col: d.range.start.character + 1,
  };
}

export function lintAll(queries, dbSchema) {
  const schema = resolveSchema(dbSchema);
  return queries.map(({ name, cypher }) => {
    if (typeof cypher !== 'string') {
      throw new UsageError(`query ${JSON.stringify(name)}: "cypher" must be a string`);
    }
    const { diagnostics, symbolTables } = lintCypherQuery(cypher, schema, {
      consoleCommandsEnabled: false,
    });
    const out = diagnostics
      .filter(isNotParamError)
      .filter((d) => !isFalseMissingProperty(d, cypher, symbolTables))
      .map(toDiagnostic);
    if (cypher.trim() === '') {
      out.push({ severity: 'error', message: 'empty query', line: 1, col: 1 });
    } else if (parseStatementsStrs(cypher).length > 1) {
      out.push({
        severity: 'error',
        message: 'more than one statement: a named query holds exactly one',
        line: 1,
        col: 1,
      });
    }
    return { name, diagnostics: out };
  });
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(argv) {
  if (argv.includes('--list-builtins')) {
    const { functions, procedures } = signatureTable('CYPHER 5');
    const names = {
      functions: Object.values(functions).filter((f) => f.isBuiltIn).map((f) => f.name),
      procedures: Object.keys(procedures),
    };
    process.stdout.write(JSON.stringify(names, null, 1) + '\n');
    return 0;
  }
  let request;
  try {
    request = JSON.parse(await readStdin());
  } catch (e) {
    throw new UsageError(`stdin is not JSON: ${e.message}`);
  }
  if (!request || !Array.isArray(request.queries)) {
    throw new UsageError('expected {"queries": [{"name", "cypher"}], "dbSchema": {...}}');
  }
  const result = lintAll(request.queries, request.dbSchema ?? {});
  process.stdout.write(JSON.stringify(result) + '\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code; // let stdout drain rather than process.exit()
  },
  (err) => {
    if (err instanceof UsageError) {
      process.stderr.write(`lint-cypher: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`lint-cypher crashed: ${err?.stack ?? err}\n`);
    process.exit(3);
  },
);
