import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSite, type CrawlEntry, type CrawlWarning } from '../../../build-index/crawl.ts';
import { BUILD_DEFAULTS } from '../../../build-index/config.ts';

let root: string;

async function collect(dir: string, over: Partial<{ include: string[]; exclude: string[]; maxFileBytes: number }> = {}) {
  const files: CrawlEntry[] = [];
  const warnings: CrawlWarning[] = [];
  // HTML and Markdown both: these tests are about the crawler, not the default include (HTML only).
  for await (const item of crawlSite(dir, { include: ['**/*.{html,htm,md}'], exclude: BUILD_DEFAULTS.exclude, maxFileBytes: 1000, ...over })) {
    if (item.kind === 'file') files.push(item);
    else warnings.push(item);
  }
  return { files, warnings };
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'quarry-crawl-'));
  const w = (rel: string, body = '<p>x</p>') => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), body);
  };
  w('index.html');
  w('b.html');
  w('a.md');
  w('guide/z.htm');
  w('guide/intro.html');
  w('guide/deep/x.html');
  w('style.css', 'body{}');
  w('_quarry/manifest.html');
  w('node_modules/pkg/readme.html');
  w('_static/s.html');
  w('search.html');
  w('big.html', 'x'.repeat(2000));
  w('locked.html');
  chmodSync(path.join(root, 'locked.html'), 0o000);
  // A loop (guide/deep/loop → guide), an alias of an already crawled folder, a dangling link.
  symlinkSync(path.join(root, 'guide'), path.join(root, 'guide/deep/loop'));
  symlinkSync(path.join(root, 'guide/deep'), path.join(root, 'alias'));
  symlinkSync(path.join(root, 'missing.html'), path.join(root, 'dangling.html'));
  symlinkSync(path.join(root, 'b.html'), path.join(root, 'c-link.html'));
});

afterAll(() => {
  chmodSync(path.join(root, 'locked.html'), 0o644);
  rmSync(root, { recursive: true, force: true });
});

describe('crawlSite', () => {
  it('yields included files in sorted order with posix relative paths and their bytes', async () => {
    const { files } = await collect(root);
    const rels = files.map((f) => f.relPath);
    const expected = ['a.md', 'b.html', 'c-link.html', 'guide/deep/x.html', 'guide/intro.html', 'guide/z.htm', 'index.html'];
    // Running as root, chmod 000 does not stop reads.
    const unreadable = process.getuid?.() !== 0;
    expect(rels).toEqual(unreadable ? expected : [...expected.slice(0, 6), 'index.html', 'locked.html'].sort());
    expect(files[0].bytes.toString()).toBe('<p>x</p>');
    expect(files[0].absPath).toBe(path.join(root, 'a.md'));
  });

  it('warns about loops, aliases, broken links, big and unreadable files, naming each path', async () => {
    const { warnings } = await collect(root);
    const byFile = Object.fromEntries(warnings.map((w) => [w.file, w.reason]));
    expect(byFile['guide/deep/loop']).toMatch(/^symlink loop/);
    expect(byFile['alias']).toMatch(/already crawled as guide\/deep/);
    expect(byFile['dangling.html']).toMatch(/^broken symlink \(ENOENT/);
    expect(byFile['big.html']).toBe('file is 2000 bytes, over maxFileBytes (1000), skipped');
    if (process.getuid?.() !== 0) expect(byFile['locked.html']).toMatch(/^unreadable \(EACCES/);
  });

  it('honours include/exclude globs', async () => {
    const { files } = await collect(root, { include: ['guide/**/*.html'], exclude: ['**/deep/**'] });
    expect(files.map((f) => f.relPath)).toEqual(['guide/intro.html']);
  });

  it('a missing site folder is an error of the caller, reported by realpath', async () => {
    await expect(collect(path.join(root, 'nope'))).rejects.toThrow(/ENOENT/);
  });

  it('odd file names are crawled under their exact names; a name that is not UTF-8 is named in a warning', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'quarry-crawl-names-'));
    try {
      const names = ['page #1.html', 'a?b.html', 'ü (copy).html', 'new\nline.html', '%41.html', 'back\\slash.html', ' leading space.html', 'emoji 😀.md'];
      for (const n of names) writeFileSync(path.join(dir, n), `<p>${n}</p>`);
      // Bytes 0xff 0xfe are not UTF-8; Node reports such a name with U+FFFD.
      writeFileSync(Buffer.concat([Buffer.from(`${dir}/bad-`), Buffer.from([0xff, 0xfe]), Buffer.from('.html')]), '<p>x</p>');
      const { files, warnings } = await collect(dir);
      expect(files.map((f) => f.relPath).sort()).toEqual([...names].sort());
      for (const f of files) expect(f.bytes.toString()).toBe(`<p>${f.relPath}</p>`);
      expect(warnings).toEqual([{ kind: 'warning', file: 'bad-\ufffd\ufffd.html', reason: 'file name is not valid UTF-8, skipped (rename the file)' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
