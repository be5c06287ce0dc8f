// Build the explorer into api/static/explorer: one JS bundle (cytoscape included, no CDN), one
// CSS file (with the per-kind colours generated from src/kinds.js), index.html and the icon.
// Asset URLs carry a content hash (?v=) so browsers never mix old and new files.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile, rm, copyFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KINDS } from './src/kinds.js';
import * as QUERIES from './src/queries.js';

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

const js = await build({
  entryPoints: [join(here, 'src', 'main.js')],
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
});
for (const f of js.outputFiles) {
  const name = f.path.endsWith('.js') ? 'app.js' : f.path.split('/').pop().replace(/^main/, 'app');
  await writeFile(join(out, name), f.contents);
}
const css = (await readFile(join(here, 'src', 'style.css'), 'utf8')) + kindCss();
const cssMin = (await build({ stdin: { contents: css, loader: 'css' }, minify: !watch, write: false, logLevel: 'warning' })).outputFiles[0].text;
await writeFile(join(out, 'app.css'), cssMin);
await copyFile(join(here, 'src', 'favicon.svg'), join(out, 'favicon.svg'));

const hash = createHash('sha256');
for (const f of ['app.js', 'app.css', 'favicon.svg']) hash.update(await readFile(join(out, f)));
const version = hash.digest('hex').slice(0, 12);
const html = (await readFile(join(here, 'src', 'index.html'), 'utf8')).replaceAll('__VERSION__', version);
await writeFile(join(out, 'index.html'), html);
// the fixed queries the page sends, for the Python tests to validate against the API's schema
await writeFile(join(out, 'queries.json'), JSON.stringify(QUERIES, null, 2) + '\n');
await writeFile(join(out, '.gitignore'), '# built by `npm run build --prefix explorer`\n*\n');
await writeFile(join(out, 'build.json'), JSON.stringify({ version, built: new Date().toISOString() }, null, 2) + '\n');
const bytes = js.outputFiles.reduce((s, f) => s + f.contents.length, 0);
console.log(`explorer built into ${out} (version ${version}, app.js ${Math.round(bytes / 1024)} KiB)`);
