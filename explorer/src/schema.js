// What the API says about each node kind (from introspection), and the entity query built from it.
import { gql } from './gql.js';
import { SCHEMA } from './queries.js';

const SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
// Properties not shown as properties: internal, or shown elsewhere (a document's text has its own view).
const HIDDEN_PROPS = new Set(['searchText', 'kind']);
const HIDDEN_BY_KIND = { Document: new Set(['text']) };

function named(t) {
  while (t && (t.kind === 'NON_NULL' || t.kind === 'LIST')) t = t.ofType;
  return t || { name: null };
}

let cached = null;

export function loadSchema() {
  if (!cached) {
    cached = gql(SCHEMA).then(parse).catch((e) => {
      cached = null;
      throw e;
    });
  }
  return cached;
}

// "(Agency)-[:OWNED_BY]->(Ministry): ..." -> { relType, direction }
function parseRel(description) {
  const m = /\)\s*(<?)-\[:([A-Z_]+)\]-(>?)\s*\(([^)]*)\)/.exec(description || '');
  if (!m) return {};
  return { relType: m[2], direction: m[1] ? 'in' : 'out', others: m[4].split('|') };
}

function parse(data) {
  const kinds = {};
  for (const t of data.entity.possibleTypes) {
    const props = [];
    const rels = [];
    const names = new Set(t.fields.map((f) => f.name));
    const hidden = HIDDEN_BY_KIND[t.name] || new Set();
    for (const f of t.fields) {
      const n = named(f.type);
      const isCount = f.name.endsWith('Count') && names.has(f.name.slice(0, -'Count'.length));
      if (n && SCALARS.has(n.name) && !isCount && !HIDDEN_PROPS.has(f.name) && !hidden.has(f.name)) {
        props.push(f.name);
      } else if (n && n.name.endsWith('RelConnection') && f.name.endsWith('Connection')) {
        const base = f.name.slice(0, -'Connection'.length);
        if (!names.has(base)) continue;
        rels.push({ field: base, connection: f.name, ...parseRel(f.description) });
      }
    }
    kinds[t.name] = { props, rels };
  }
  const evidence = data.evidence.fields
    .filter((f) => SCALARS.has(named(f.type).name))
    .map((f) => f.name);
  const hasDocument = data.evidence.fields.some((f) => f.name === 'document');
  const bases = ((data.bases && data.bases.enumValues) || []).map((v) => basisFrom(v.name, v.description));
  return { kinds, evidence, hasDocument, bases };
}

// A basis of responsibility as the API describes it, "Label: what it means"
// -> { name, title: 'Label', text: 'what it means' }.
function basisFrom(name, description) {
  const d = description || '';
  const i = d.indexOf(': ');
  return i > 0 ? { name, title: d.slice(0, i), text: d.slice(i + 2) } : { name, title: d || name, text: '' };
}

// The basis called `name` (in the order of schema.bases), or one made of its name.
export function basisInfo(schema, name) {
  return (schema.bases || []).find((b) => b.name === name) || { name, title: name, text: '' };
}

function evidenceSelection(schema, indent) {
  const pad = ' '.repeat(indent);
  const lines = [];
  let line = '';
  for (const f of schema.evidence) {
    if ((line + ' ' + f).length > 70) {
      lines.push(pad + line.trim());
      line = '';
    }
    line += ' ' + f;
  }
  if (line.trim()) lines.push(pad + line.trim());
  if (schema.hasDocument) lines.push(pad + 'document { id title }');
  return lines.join('\n');
}

// One query for the entity view: the node's properties and every relationship, each as a
// connection whose edges carry the other node and the evidence.
export function entityQuery(schema, kind, { first = 50, only = null } = {}) {
  const k = schema.kinds[kind];
  if (!k) throw new Error(`the API has no node kind ${kind}`);
  const rels = only ? k.rels.filter((r) => r.field === only) : k.rels;
  const props = k.props.filter((p) => !['id', 'name'].includes(p));
  const out = [];
  out.push(`query ${only ? 'EntityRelation' : 'Entity'}($id: ID!, $kind: Kind!) {`);
  out.push('  entity(id: $id, kind: $kind) {');
  out.push('    id');
  out.push('    name');
  out.push('    kind');
  out.push(`    ... on ${kind} {`);
  if (!only) for (const p of props) out.push(`      ${p}`);
  for (const r of rels) {
    out.push(`      ${r.connection}(first: ${first}) {`);
    out.push('        totalCount');
    out.push('        edges {');
    out.push('          node { id name kind }');
    out.push('          evidence {');
    out.push(evidenceSelection(schema, 12));
    out.push('          }');
    out.push('        }');
    out.push('      }');
  }
  out.push('    }');
  out.push('  }');
  out.push('}');
  return out.join('\n');
}
