import { describe, expect, it } from 'vitest';
import type { Passage } from '../../../../src/core/format/docs.ts';
import { dedupePassages } from '../../../../build-index/dedupe/dedupe-passages.ts';
import { createHasher, jaccard, shingleSet } from '../../../../build-index/dedupe/shingles.ts';

const passage = (url: string, heading: string, text: string): Passage => ({
  url, anchor: '', title: url, breadcrumb: [heading], subsections: [], text, words: text.split(/\s+/).length, weight: 1, lang: 'en', meta: {},
});

// Distinct prose per call, long enough for many shingles.
const WORDS = 'harbour lighthouse kelp tide anchor rope sail mast keel hull deck bow stern compass chart beacon buoy reef current wave'.split(' ');
const prose = (seed: number, n = 60) => Array.from({ length: n }, (_, i) => WORDS[(i * 7 + seed * 13 + ((i * i + seed) % 5)) % WORDS.length] + ((i + seed) % 4 === 0 ? ` w${seed}x${i}` : '')).join(' ');

const urls = (ps: Passage[]) => ps.map((p) => `${p.url}|${p.breadcrumb[0]}`);

describe('dedupePassages', () => {
  it('drops an exact copy on another page, ignoring case, punctuation and spacing, and keeps the smaller page', async () => {
    const text = prose(1);
    const input = [
      passage('big.html', 'Tides', text),
      passage('big.html', 'Other', prose(2)),
      passage('small.html', 'Tides', `  ${text.toUpperCase().replace(/ /g, ' , ')}.`),
    ];
    const r = await dedupePassages(input, new Map());
    expect(urls(r.passages)).toEqual(['big.html|Other', 'small.html|Tides']);
    expect(r.duplicatePassages).toBe(1);
    expect(r.aggregates).toEqual([]);
  });

  it('drops a near copy that differs by one word in two hundred', async () => {
    const text = prose(3, 200);
    const words = text.split(' ');
    words[100] = 'lantern';
    const r = await dedupePassages([passage('a.html', 'Tides', text), passage('b.html', 'Tides', words.join(' ')), passage('b.html', 'More', prose(4))], new Map());
    expect(urls(r.passages)).toEqual(['a.html|Tides', 'b.html|More']);
    expect(r.duplicatePassages).toBe(1);
  });

  it('keeps two API entries that share boilerplate but differ in name and signature', async () => {
    const boilerplate = 'These routines bind a value to a parameter of a prepared statement. The first argument is the statement handle returned by prepare. The second argument is the index of the parameter to be set, counting from one. The routine returns an error code when the index is out of range or the statement is busy. Bindings persist until the statement is reset or finalized, and unbound parameters are treated as NULL. Calling any of these routines on a statement that is being stepped is a misuse of the interface, and the behaviour is undefined in that case; applications should reset first.';
    const input = [
      passage('bind_int.html', 'sqlite3_bind_int()', `int sqlite3_bind_int(sqlite3_stmt*, int, int value);\n${boilerplate}`),
      passage('bind_text.html', 'sqlite3_bind_text()', `int sqlite3_bind_text(sqlite3_stmt*, int, const char *text, int n, void(*)(void*));\n${boilerplate}`),
    ];
    // A hard case: most shingles are shared, so only the threshold keeps them apart.
    const hash = await createHasher();
    const similarity = jaccard(...(input.map((p) => shingleSet(`${p.breadcrumb[0]} ${p.text}`, hash)) as [Uint32Array, Uint32Array]));
    expect(similarity).toBeGreaterThan(0.6);
    const r = await dedupePassages(input, new Map());
    expect(r.passages).toHaveLength(2);
    expect(r.duplicatePassages).toBe(0);
  });

  it('drops a long text repeated under another page’s own heading (release notes quoting the previous release), keeping the smaller page', async () => {
    const changes = prose(11, 60);
    const input = [
      passage('releaselog/3_35_1.html', 'SQLite Release 3.35.1 On 2021-03-15', changes),
      passage('releaselog/3_35_2.html', 'SQLite Release 3.35.2 On 2021-03-17', changes),
      passage('releaselog/3_35_2.html', 'SQLite Release 3.35.2 On 2021-03-17', prose(12, 60)),
    ];
    const r = await dedupePassages(input, new Map());
    expect(r.passages.map((p) => p.url)).toEqual(['releaselog/3_35_1.html', 'releaselog/3_35_2.html']);
    expect(r.passages[1].text).toBe(input[2].text);
    expect(r.duplicatePassages).toBe(1);
  });

  it('keeps a short definition whose text another entry repeats under its own name', async () => {
    const text = 'Returns the number of rows changed by the most recent statement.';
    const r = await dedupePassages([passage('changes.html', 'sqlite3_changes()', text), passage('changes64.html', 'sqlite3_changes64()', text)], new Map());
    expect(r.passages).toHaveLength(2);
  });

  it('keeps the copy on the page that the others name with rel=canonical, even when it is larger', async () => {
    const text = prose(5);
    const input = [
      passage('guide/tides.html', 'Tides', text),
      passage('guide/tides.html', 'Charts', prose(6)),
      passage('v1/tides.html', 'Tides', text),
    ];
    const r = await dedupePassages(input, new Map([['v1/tides.html', '../guide/tides.html'], ['guide/tides.html', null]]));
    expect(urls(r.passages)).toEqual(['guide/tides.html|Tides', 'guide/tides.html|Charts']);
    const absolute = await dedupePassages(input, new Map([['v1/tides.html', 'https://docs.example.org/guide/tides.html']]));
    expect(urls(absolute.passages)).toEqual(['guide/tides.html|Tides', 'guide/tides.html|Charts']);
  });

  it('skips a page that concatenates other pages and keeps each part once', async () => {
    const parts = ['open', 'close', 'exec'].map((name, i) => [passage(`c3ref/${name}.html`, name, prose(10 + i)), passage(`c3ref/${name}.html`, `${name} returns`, prose(20 + i))]);
    const all = [passage('capi3ref.html', 'C API', prose(30)), ...parts.flat().map((p) => ({ ...p, url: 'capi3ref.html' }))];
    const r = await dedupePassages([...parts.flat(), ...all], new Map());
    expect(r.aggregates).toEqual([{ url: 'capi3ref.html', parts: 3, share: 6 / 7, passages: 7 }]);
    expect(urls(r.passages)).toEqual(urls(parts.flat()));
    expect(r.duplicatePassages).toBe(0);
  });

  it('calls no page an aggregate when pages only repeat one shared text or one other page', async () => {
    const notice = [prose(40), prose(41), prose(42)];
    const releases = ['1.0.4', '1.1.4', '1.2.5'].flatMap((v, i) => [...notice.map((t, j) => passage(`releases/${v}.html`, `Notice ${j}`, t)), ...(i === 1 ? [passage(`releases/${v}.html`, 'Extra', prose(43))] : [])]);
    const r = await dedupePassages(releases, new Map());
    expect(r.aggregates).toEqual([]);
    expect(r.duplicatePassages).toBe(6);
    expect(new Set(r.passages.map((p) => p.url))).toEqual(new Set(['releases/1.0.4.html', 'releases/1.1.4.html']));
  });

  it('chooses the same copies whatever order the pages were crawled in', async () => {
    const shared = prose(50);
    const input = [
      passage('a.html', 'Shared', shared), passage('a.html', 'A', prose(51)),
      passage('b.html', 'Shared', shared), passage('b.html', 'B', prose(52)),
      passage('c.html', 'Shared', shared),
    ];
    const forward = await dedupePassages(input, new Map());
    const backward = await dedupePassages([...input].reverse(), new Map());
    expect(new Set(urls(backward.passages))).toEqual(new Set(urls(forward.passages)));
    expect(urls(forward.passages)).toEqual(['a.html|A', 'b.html|B', 'c.html|Shared']);
  });
});
