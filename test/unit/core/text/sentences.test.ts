import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Passage } from '../../../../src/core/format/docs.ts';
import { splitSentences } from '../../../../src/core/text/sentences.ts';
import { fixturePassages, passageAt, samplePassages } from '../search/real-passages.ts';

let sample: Passage[];
let sqlite: Passage[];
let git: Passage[];
beforeAll(async () => {
  [sample, sqlite, git] = await Promise.all([samplePassages(), fixturePassages('real-sqlite/'), fixturePassages('real-git/')]);
});

const kinds = (p: Passage) => splitSentences(p.text, p.subsections.map((s) => s.heading)).map((s) => [s.kind, s.text]);

describe('splitSentences', () => {
  it('cuts prose into sentences and keeps each line of a listing whole, as code', () => {
    expect(kinds(passageAt(sample, 'api/client.html', 'client-connect'))).toEqual([
      ['prose', 'Opens a connection and resolves when authentication has finished.'],
      ['prose', 'Call it once per client; the client reconnects on its own afterwards according to its retryPolicy.'],
      ['code', "import { createClient } from '@tern/client';"],
      ['code', "const client = createClient({ url: 'tern://db.internal:7432', user: 'app' });"],
      ['code', 'await client.connect();'],
    ]);
  });

  it('tells commands from prose and a table row from both', () => {
    const linux = kinds(passageAt(sample, 'install.html', 'install-linux'));
    expect(linux[0]).toEqual(['prose', 'Download the archive for your architecture, unpack it and put both binaries on your PATH:']);
    expect(linux.slice(1, 4).map(([kind]) => kind)).toEqual(['code', 'code', 'code']);
    expect(linux.at(-1)?.[0]).toBe('prose');
    const flags = kinds(passageAt(sample, 'cli.html', 'ternd'));
    expect(flags.map(([kind]) => kind)).toEqual(Array(7).fill('table'));
    expect(flags[5]).toEqual(['table', '--read-only | Refuse all writes; useful for inspecting a copied data directory.']);
  });

  it('keeps a list item ending in ";" prose, and a setting in it does not make it code', () => {
    const list = kinds(passageAt(sample, 'caching.html', 'disable-cache'));
    expect(list).toContainEqual(['prose', 'start the server with the --no-cache flag;']);
    expect(list).toContainEqual(['prose', 'set cache_size = 0 in tern.toml;']);
  });

  it('does not end a sentence at "e.g." or at an elision "..."', () => {
    expect(kinds(passageAt(git, 'gitglossary.html', 'def_blob_object'))[0]).toEqual(['prose', 'Untyped object, e.g. the contents of a file.']);
    const select = splitSentences(passageAt(sqlite, 'lang_createtable.html', 'create_table_as_select_statements').text);
    expect(select[0].text).toBe('A "CREATE TABLE ... AS SELECT" statement creates and populates a database table based on the results of a SELECT statement.');
  });

  it("finds merged sub-sections' heading lines and numbers the sentences under them", () => {
    const p = passageAt(sqlite, 'lang_createtable.html', 'the_create_table_command');
    const sentences = splitSentences(p.text, p.subsections.map((s) => s.heading));
    expect(sentences.filter((s) => s.kind === 'heading').map((s) => [s.section, s.text])).toEqual([
      [0, '1. Syntax'],
      [1, '2. The CREATE TABLE command'],
    ]);
    expect(sentences.find((s) => s.text === 'Optionally, a generated column constraint.')?.section).toBe(1);
    // Without the headings, the same lines are read as labels, and there is no section.
    expect(splitSentences(p.text).every((s) => s.section === -1)).toBe(true);
  });

  it('gives verbatim, ordered, non-overlapping sentences that cover every visible character', () => {
    const check = (text: string, headings: string[] = []) => {
      const sentences = splitSentences(text, headings);
      let covered = 0;
      let last = 0;
      for (const s of sentences) {
        expect(s.text).toBe(text.slice(s.start, s.end));
        expect(s.start).toBeGreaterThanOrEqual(last);
        expect(s.text).not.toMatch(/^\s|\s$|\n/);
        covered += s.text.replace(/\s+/gu, '').length;
        last = s.end;
      }
      expect(covered).toBe(text.replace(/\s+/gu, '').length);
    };
    for (const p of [...sample, ...sqlite, ...git]) check(p.text, p.subsections.map((s) => s.heading));
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => check(s)));
    fc.assert(fc.property(fc.array(fc.constantFrom('Set it.', 'e.g. this', '\n', '\n\n', '  x = 1;', 'A | B', '. ', '全文。', 'Ünïcode?'), { maxLength: 30 }), (parts) => check(parts.join(''))));
  });
});
