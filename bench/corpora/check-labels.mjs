#!/usr/bin/env node
// Verifies the labelled queries of every real-site corpus under bench/corpora/.
//
//   node bench/corpora/check-labels.mjs [--corpora-dir DIR] [--skip-missing] [site ...]
//
// For each bench/corpora/<site>/site.json it finds the unpacked site at
// DIR/<site>/<htmlRoot> (DIR defaults to $QUARRY_CORPORA_DIR or /work/corpora;
// run bench/corpora/<site>/fetch.sh first) and checks every line of
// bench/corpora/<site>/queries.jsonl:
//   - the fields and their types, the id (`<site>-NNN`, unique) and the kind;
//   - every `relevant` page exists under the HTML root (1 to 5 pages, no
//     anchors) and is not one of the site's never-relevant pages (site.json
//     `neverRelevant`: regexes over the page path: indexes, search pages,
//     aggregates, release notes);
//   - every `sections` entry is `page.html#id`, its page is in `relevant`, and
//     the id exists as an id="…" attribute on that page (exact, case-sensitive);
//   - `evidence` is a valid regex that matches the text of EVERY relevant page.
//     Text = the HTML with <script>, <style> and comments removed, tags
//     replaced by spaces, entities decoded and whitespace collapsed; the regex
//     is compiled with the `i` flag only.
// It prints a summary per site and exits 1 if anything failed.
// Plain Node, no dependencies.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let corporaDir = process.env.QUARRY_CORPORA_DIR || '/work/corpora';
let skipMissing = false;
const only = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--corpora-dir') corporaDir = args[++i];
  else if (args[i] === '--skip-missing') skipMissing = true;
  else if (args[i] === '-h' || args[i] === '--help') {
    console.log('usage: node bench/corpora/check-labels.mjs [--corpora-dir DIR] [--skip-missing] [site ...]');
    process.exit(0);
  } else only.push(args[i]);
}

const KINDS = ['paraphrase', 'literal', 'keyword', 'question'];
const ENTITIES = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–',
  rarr: '→', larr: '←', hellip: '…', laquo: '«', raquo: '»', para: '¶', sect: '§',
  copy: '©', reg: '®', trade: '™', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“',
  times: '×', middot: '·', bull: '•', le: '≤', ge: '≥', ne: '≠', minus: '−', shy: '',
};

export function pageText(html) {
  return html
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, ' ')
    .replace(/<style\b[\s\S]*?<\/style\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (m, e) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        try { return String.fromCodePoint(cp); } catch { return m; }
      }
      return ENTITIES[e] ?? ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ');
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function hasId(html, id) {
  const re = new RegExp(`\\sid\\s*=\\s*(?:"${escapeRe(id)}"|'${escapeRe(id)}'|${escapeRe(id)}(?=[\\s/>]))`);
  return re.test(html);
}

function countHtml(dir) {
  let n = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html') && (e.isFile() || (e.isSymbolicLink() && fs.existsSync(p)))) n++;
    }
  };
  walk(dir);
  return n;
}

const sites = fs.readdirSync(here, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(here, e.name, 'site.json')))
  .map((e) => e.name)
  .filter((s) => only.length === 0 || only.includes(s))
  .sort();

if (sites.length === 0) {
  console.error('no corpora found' + (only.length ? ` matching ${only.join(', ')}` : ''));
  process.exit(1);
}

let failed = false;
const rows = [];

for (const site of sites) {
  const dir = path.join(here, site);
  const errors = [];
  const warnings = [];
  const err = (m) => errors.push(m);
  let meta;
  try {
    meta = JSON.parse(fs.readFileSync(path.join(dir, 'site.json'), 'utf8'));
  } catch (e) {
    err(`site.json: ${e.message}`);
  }
  if (meta) {
    for (const k of ['name', 'package', 'version', 'generator', 'htmlRoot', 'notes']) {
      if (typeof meta[k] !== 'string' || !meta[k]) err(`site.json: missing string field "${k}"`);
    }
    if (meta.name && meta.name !== site) err(`site.json: name "${meta.name}" differs from folder "${site}"`);
  }
  const never = (meta?.neverRelevant ?? []).map((s) => {
    try { return new RegExp(s); } catch (e) { err(`site.json: bad neverRelevant regex ${s}: ${e.message}`); return null; }
  }).filter(Boolean);

  const root = meta ? path.join(corporaDir, site, meta.htmlRoot) : null;
  const present = root && fs.existsSync(root) && fs.statSync(root).isDirectory();
  if (!present) {
    const m = `site not unpacked at ${root} (run bash bench/corpora/${site}/fetch.sh)`;
    if (skipMissing) { console.log(`${site}: SKIPPED, ${m}`); continue; }
    err(m);
  } else {
    const vfile = path.join(corporaDir, site, 'VERSION');
    if (fs.existsSync(vfile)) {
      const got = fs.readFileSync(vfile, 'utf8').trim();
      if (meta.version && got !== meta.version) warnings.push(`unpacked version ${got} differs from labelled version ${meta.version}; labels may not match`);
    }
  }

  const qfile = path.join(dir, 'queries.jsonl');
  const lines = fs.existsSync(qfile) ? fs.readFileSync(qfile, 'utf8').split('\n') : (err('queries.jsonl missing'), []);
  const kinds = Object.fromEntries(KINDS.map((k) => [k, 0]));
  const ids = new Set();
  const htmlCache = new Map();
  const load = (rel) => {
    if (!htmlCache.has(rel)) {
      const p = path.join(root, rel);
      htmlCache.set(rel, fs.existsSync(p) && fs.statSync(p).isFile() ? fs.readFileSync(p, 'utf8') : null);
    }
    return htmlCache.get(rel);
  };
  let nq = 0, nRel = 0, nSec = 0;

  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const where = `queries.jsonl:${i + 1}`;
    let q;
    try { q = JSON.parse(line); } catch (e) { err(`${where}: bad JSON: ${e.message}`); return; }
    nq++;
    const tag = `${where} ${q.id ?? '(no id)'}`;
    if (typeof q.id !== 'string' || !new RegExp(`^${escapeRe(site)}-\\d{3}$`).test(q.id)) err(`${tag}: id must be "${site}-NNN"`);
    else if (ids.has(q.id)) err(`${tag}: duplicate id`);
    else ids.add(q.id);
    if (typeof q.query !== 'string' || !q.query.trim()) err(`${tag}: empty query`);
    if (!KINDS.includes(q.kind)) err(`${tag}: kind must be one of ${KINDS.join(', ')}`);
    else kinds[q.kind]++;
    if (!Array.isArray(q.relevant) || q.relevant.length < 1 || q.relevant.length > 5) err(`${tag}: relevant must list 1 to 5 pages`);
    if (!Array.isArray(q.sections)) err(`${tag}: sections must be an array`);
    if (typeof q.evidence !== 'string' || !q.evidence) err(`${tag}: evidence regex missing`);
    const relevant = Array.isArray(q.relevant) ? q.relevant : [];
    if (new Set(relevant).size !== relevant.length) err(`${tag}: duplicate relevant page`);
    let re = null;
    if (typeof q.evidence === 'string') {
      try { re = new RegExp(q.evidence, 'i'); } catch (e) { err(`${tag}: bad evidence regex: ${e.message}`); }
    }
    for (const rel of relevant) {
      nRel++;
      if (typeof rel !== 'string' || rel.includes('#') || rel.startsWith('/') || rel.split('/').includes('..')) { err(`${tag}: bad relevant path ${rel}`); continue; }
      if (never.some((r) => r.test(rel))) err(`${tag}: ${rel} is a never-relevant page (index/search/aggregate/release notes)`);
      if (!present) continue;
      const html = load(rel);
      if (html == null) { err(`${tag}: relevant page ${rel} does not exist`); continue; }
      if (re && !re.test(pageText(html))) err(`${tag}: evidence /${q.evidence}/i does not match ${rel}`);
    }
    for (const s of Array.isArray(q.sections) ? q.sections : []) {
      nSec++;
      const m = typeof s === 'string' ? /^([^#]+)#(.+)$/.exec(s) : null;
      if (!m) { err(`${tag}: section ${s} is not page.html#id`); continue; }
      const [, page, id] = m;
      if (!relevant.includes(page)) err(`${tag}: section ${s}: page not in relevant`);
      if (!present) continue;
      const html = load(page);
      if (html != null && !hasId(html, id)) err(`${tag}: section ${s}: no id="${id}" on the page`);
    }
  });

  if (nq < 15) warnings.push(`only ${nq} queries (want 15 or more)`);
  const pages = present ? countHtml(root) : null;
  rows.push({ site, generator: meta?.generator ?? '?', version: meta?.version ?? '?', pages, nq, kinds, nRel, nSec, errors: errors.length });
  for (const w of warnings) console.log(`${site}: warning: ${w}`);
  for (const e of errors) console.log(`${site}: ERROR: ${e}`);
  if (errors.length) failed = true;
}

const pad = (s, n) => String(s).padEnd(n);
console.log('');
console.log(pad('site', 8) + pad('generator', 22) + pad('version', 22) + pad('pages', 7) + pad('queries', 9) + pad('para', 6) + pad('lit', 5) + pad('kw', 5) + pad('q', 5) + pad('rel', 5) + pad('sect', 6) + 'status');
for (const r of rows) {
  console.log(pad(r.site, 8) + pad(r.generator, 22) + pad(r.version, 22) + pad(r.pages ?? '-', 7) + pad(r.nq, 9)
    + pad(r.kinds.paraphrase, 6) + pad(r.kinds.literal, 5) + pad(r.kinds.keyword, 5) + pad(r.kinds.question, 5)
    + pad(r.nRel, 5) + pad(r.nSec, 6) + (r.errors ? `FAIL (${r.errors})` : 'ok'));
}
const total = rows.reduce((a, r) => a + r.nq, 0);
console.log(`\n${rows.length} corpora, ${total} queries: ${failed ? 'FAILED' : 'all labels verified'}`);
process.exit(failed ? 1 : 0);
