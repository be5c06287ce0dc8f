// Build the explorer into api/static/explorer: one JS bundle (cytoscape included, no CDN), one
// CSS file (with the per-kind colours generated from src/kinds.js), index.html and the icon.
// And GraphiQL for GET /graphql: graphiql.js (React + GraphiQL, production builds), graphiql.css
// and graphiql.html, also self-contained. Asset URLs carry a content hash (?v=) so browsers never
// mix old and new files.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile, rm, copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KINDS } from './src/kinds.js';
import * as QUERIES from './src/queries.js';
import { EXAMPLE_QUERY, EXAMPLE_TABS } from './src/graphiql-example.js';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.env.EXPLORER_OUT_DIR || join(here, '..', 'api', 'static', 'explorer');
const watch = process.argv.includes('--dev');

function kindCss() {
  const rules = [];
  for (const [k, { color, tint }] of Object.entries(KINDS)) {
    rules.push(`a.hl-${k} { background: ${tint}; border-bottom-color: ${color}; }`);
    rules.push(`a.hl-${k}:hover { background: ${color}; color: #fff; }`);
    rules.push(`.hide-${k} a.hl-${k} { background: none; border-bottom-color: transparent; }`);
    rules.push(`.hide-${k} a.hl-${k}:hover { color: inherit; }`);
    rules.push(`.badge.kind-${k} { border-color: ${color}; background: ${tint}; }`);
  }
  return '\n/* generated from src/kinds.js */\n' + rules.join('\n') + '\n';
}

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

// One bundle per page: its entry and everything it imports from npm, in one file.
const bundle = (entry, options = {}) => build({
  entryPoints: [join(here, 'src', entry)],
  bundle: true,
  format: 'esm',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  minify: !watch,
  sourcemap: watch ? 'inline' : false,
  legalComments: 'linked',
  write: false,
  outdir: out,
  metafile: true,
  logLevel: 'warning',
  ...options,
});
const minifyCss = async (contents) =>
  (await build({ stdin: { contents, loader: 'css' }, minify: !watch, write: false, logLevel: 'warning' })).outputFiles[0].text;

const js = await bundle('main.js');
for (const f of js.outputFiles) {
  const name = f.path.endsWith('.js') ? 'app.js' : f.path.split('/').pop().replace(/^main/, 'app');
  await writeFile(join(out, name), f.contents);
}
const css = (await readFile(join(here, 'src', 'style.css'), 'utf8')) + kindCss();
await writeFile(join(out, 'app.css'), await minifyCss(css));
await copyFile(join(here, 'src', 'favicon.svg'), join(out, 'favicon.svg'));

// GraphiQL: React and GraphiQL 4 (CodeMirror 5: no Monaco, no web workers, nothing loaded at run
// time) in one file; its dynamic imports (CodeMirror add-ons) are inlined, as there is no splitting.
const gq = await bundle('graphiql.js', {
  define: { 'process.env.NODE_ENV': JSON.stringify(watch ? 'development' : 'production') },
});
for (const f of gq.outputFiles) await writeFile(join(out, f.path.split('/').pop()), f.contents);
// GraphiQL's stylesheet (its own, @graphiql/react's and the plugins', as published) without the
// @font-face rules that embed Roboto and Fira Code (~360 KiB of base64): src/graphiql.css sets
// system fonts instead.
const require = createRequire(import.meta.url);
const graphiqlCss = (await readFile(require.resolve('graphiql/style.css'), 'utf8')).replace(/@font-face\s*\{[^}]*\}/g, '');
const gqCss = graphiqlCss + '\n' + (await readFile(join(here, 'src', 'graphiql.css'), 'utf8'));
await writeFile(join(out, 'graphiql.css'), await minifyCss(gqCss));

async function contentHash(files) {
  const hash = createHash('sha256');
  for (const f of files) hash.update(await readFile(join(out, f)));
  return hash.digest('hex').slice(0, 12);
}
const version = await contentHash(['app.js', 'app.css', 'favicon.svg']);
const html = (await readFile(join(here, 'src', 'index.html'), 'utf8')).replaceAll('__VERSION__', version);
await writeFile(join(out, 'index.html'), html);
const graphiqlVersion = await contentHash(['graphiql.js', 'graphiql.css', 'favicon.svg']);
await writeFile(join(out, 'graphiql.html'),
  (await readFile(join(here, 'src', 'graphiql.html'), 'utf8')).replaceAll('__VERSION__', graphiqlVersion));
// the fixed queries the pages send, for the Python tests to validate against the API's schema
await writeFile(join(out, 'queries.json'), JSON.stringify({ ...QUERIES, GRAPHIQL_EXAMPLE: EXAMPLE_QUERY,
  ...Object.fromEntries(EXAMPLE_TABS.slice(1).map((t, i) => [`GRAPHIQL_TAB_${i + 2}`, t.query])) }, null, 2) + '\n');
await writeFile(join(out, '.gitignore'), '# built by `npm run build --prefix explorer`\n*\n');
await writeFile(join(out, 'build.json'), JSON.stringify({ version, graphiql: graphiqlVersion, built: new Date().toISOString() }, null, 2) + '\n');
const kib = (n) => `${Math.round(n / 1024)} KiB`;
const jsBytes = (r) => r.outputFiles.filter((f) => f.path.endsWith('.js')).reduce((s, f) => s + f.contents.length, 0);
const gqCssBytes = (await readFile(join(out, 'graphiql.css'))).length;
console.log(`explorer built into ${out} (version ${version}, app.js ${kib(jsBytes(js))}; `
  + `graphiql ${graphiqlVersion}: graphiql.js ${kib(jsBytes(gq))}, graphiql.css ${kib(gqCssBytes)})`);
