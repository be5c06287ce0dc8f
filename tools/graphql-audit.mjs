#!/usr/bin/env node
// Audit a GraphQL endpoint against the GraphQL over HTTP spec with npm `graphql-http`'s
// auditServer (every MUST, SHOULD and MAY it checks).
//
//   node tools/graphql-audit.mjs http://127.0.0.1:8000/graphql
//
// stdout: [{"id", "name", "status": "ok"|"warn"|"error", "reason"?}] (JSON, one line)
// exit:   0 when every audit is ok, 1 when any is not, 2 on bad usage.
import { auditServer } from 'graphql-http';

async function main(argv) {
  const url = argv[0];
  if (!url) {
    process.stderr.write('usage: node graphql-audit.mjs <url>\n');
    return 2;
  }
  const results = await auditServer({ url });
  const out = [];
  for (const r of results) {
    const item = { id: r.id, name: r.name, status: r.status };
    if (r.status !== 'ok') {
      item.reason = r.reason;
      try {
        item.response = { status: r.response.status, body: await r.response.text() };
      } catch {
        // the body may have been read already
      }
    }
    out.push(item);
  }
  process.stdout.write(JSON.stringify(out) + '\n');
  return out.every((r) => r.status === 'ok') ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`graphql-audit crashed: ${err?.stack ?? err}\n`);
    process.exit(3);
  },
);
