// Node kinds: how each is named, coloured and shaped, and where it lives (routes, RDF IRIs).
// Colours are dark enough for white text (>= 4.5:1) and for a 3:1 contrast against white as
// graphics; highlight tints pair each with near-black text. Shapes differ so kind never
// depends on colour alone.

export const KINDS = {
  Ministry:             { name: 'Ministry',              plural: 'Ministries',              color: '#b3261e', tint: '#fbe1df', shape: 'hexagon' },
  Agency:               { name: 'Agency',                plural: 'Agencies',                color: '#a04d00', tint: '#fde7cf', shape: 'round-rectangle' },
  Organisation:         { name: 'Organisation',          plural: 'Organisations',           color: '#1f5fa8', tint: '#dde9f8', shape: 'ellipse' },
  Instrument:           { name: 'Instrument',            plural: 'Instruments',             color: '#2b6e2f', tint: '#dcefdc', shape: 'diamond' },
  Proposal:             { name: 'Proposal',              plural: 'Proposals',               color: '#6a3d9a', tint: '#ece2f6', shape: 'round-triangle' },
  Document:             { name: 'Document',              plural: 'Documents',               color: '#4a4a4a', tint: '#e6e6e6', shape: 'rectangle' },
  PolicyDocument:       { name: 'Policy document',       plural: 'Policy documents',        color: '#35505e', tint: '#dbe6ec', shape: 'rhomboid' },
  InternationalExample: { name: 'International example', plural: 'International examples', color: '#00707a', tint: '#d3f0f2', shape: 'star' },
  Country:              { name: 'Country',               plural: 'Countries',               color: '#6d4c41', tint: '#efe3dd', shape: 'octagon' },
  Person:               { name: 'Person',                plural: 'People',                  color: '#a8185a', tint: '#f9dcea', shape: 'vee' },
  Theme:                { name: 'Theme',                 plural: 'Themes',                  color: '#5f6100', tint: '#eff0c8', shape: 'barrel' },
};

const FALLBACK = { name: 'Node', plural: 'Nodes', color: '#444', tint: '#eee', shape: 'ellipse' };

export function kindInfo(kind) {
  return KINDS[kind] || { ...FALLBACK, name: kind || FALLBACK.name };
}

// Measures have a responsibility chain; ministries have measures; documents have a text.
export const MEASURE_KINDS = new Set(['Instrument', 'Proposal', 'Agency']);

// The IRI path segment of a kind, as the RDF export writes it: InternationalExample -> international-example.
export function segment(kind) {
  return kind.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

const BY_SEGMENT = Object.fromEntries(Object.keys(KINDS).map((k) => [segment(k), k]));
export function kindFromSegment(seg) {
  return BY_SEGMENT[seg] || null;
}

// An id as one path segment: every byte but unreserved ASCII percent-encoded (as the RDF IRIs are).
export function encodeId(id) {
  const s = encodeURIComponent(id).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return s === '.' || s === '..' ? s.replace(/\./g, '%2E') : s;
}

export function entityPath(kind, id, tab = '') {
  return `/explore/${segment(kind)}/${encodeId(id)}${tab ? '/' + tab : ''}`;
}

// RDF description of one resource (the API's dereferenceable IRI), in a format.
export function resourceRdf(kind, id, format) {
  return `/id/${segment(kind)}/${encodeId(id)}?format=${encodeURIComponent(format)}`;
}

// People are not published as RDF (privacy): no download links for them.
export function hasRdf(kind) {
  return kind !== 'Person';
}
