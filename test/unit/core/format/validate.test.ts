import { describe, expect, it } from 'vitest';
import { validateManifest } from '../../../../src/core/format/validate.ts';
import { INDEX_VERSION } from '../../../../src/core/format/manifest.ts';

const entry = (path: string) => ({ path, bytes: 10, sha256: 'ab'.repeat(32) });
const good = () => ({
  format: 'quarry-index',
  version: INDEX_VERSION,
  generator: 'quarry@0.1.0',
  builtAt: '2026-11-25T00:00:00Z',
  model: { id: 'quarry/all-MiniLM-L6-v2', hash: 'h', dims: 384, pooling: 'mean', normalize: true, queryPrefix: '', passagePrefix: '', dtype: 'q8', path: 'models/h/', maxTokens: 256 },
  counts: { pages: 1, passages: 2 },
  files: {
    docs: entry('docs.a.json'),
    vectors: entry('vectors.b.bin'),
    lexical: entry('lexical.c.bin'),
    postings: { dir: 'lexical', ext: 'bin', tables: { hashes: '0123456789abfedcba987654', first: ['a', 'm'] } },
    terms: entry('terms.d.json'),
    text: { dir: 'text', ext: 'json', tables: { hashes: '00112233445f', first: [0] } },
    model: [],
    assets: [entry('quarry.js')],
  },
});

describe('validateManifest', () => {
  it('accepts a well-formed manifest', () => {
    expect(validateManifest(good(), 'x/manifest.json').model.dims).toBe(384);
  });

  it('names a newer format version and says to update Quarry', () => {
    const m = { ...good(), version: INDEX_VERSION + 1 };
    expect(() => validateManifest(m, 'site/_quarry/manifest.json')).toThrow(
      expect.objectContaining({ code: 'INDEX_VERSION', message: expect.stringMatching(/site\/_quarry\/manifest\.json.*Update Quarry/) }),
    );
  });

  it('asks for a rebuild on an older version', () => {
    expect(() => validateManifest({ ...good(), version: 0 }, 'm.json')).toThrow(expect.objectContaining({ code: 'INDEX_VERSION', message: expect.stringContaining('Rebuild') }));
  });

  it('rejects something that is not a Quarry index', () => {
    expect(() => validateManifest({ format: 'pagefind' }, 'm.json')).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringContaining('Quarry index') }));
    expect(() => validateManifest([], 'm.json')).toThrow(/not a JSON object/);
  });

  it('rejects missing fields with the field name', () => {
    const m = good() as Record<string, unknown>;
    delete (m.files as Record<string, unknown>).vectors;
    expect(() => validateManifest(m, 'm.json')).toThrow(/files\.vectors/);
    const n = good();
    (n.model as Record<string, unknown>).dims = -3;
    expect(() => validateManifest(n, 'm.json')).toThrow(/model\.dims/);
  });

  it('keeps file paths inside the index folder', () => {
    for (const bad of ['../secret.json', '/etc/passwd', 'https://evil.example/x.bin']) {
      const m = good();
      m.files.docs = entry(bad);
      expect(() => validateManifest(m, 'm.json'), bad).toThrow(/inside the index folder/);
    }
  });
});

describe('validateManifest: calibration', () => {
  const spread = { count: 40, p05: 0.1, p50: 0.2, p95: 0.3, max: 0.35 };
  const calibration = { version: 1, denseFloor: 0.33, unknownWordsFloor: 0.43, noise: { offTopic: spread, madeUp: spread }, inDomain: { ...spread, p05: 0.4 }, key: 'k' };

  it('accepts an index without one (built before it existed) and a well-formed one', () => {
    expect(validateManifest(good(), 'm.json').calibration).toBeUndefined();
    expect(validateManifest({ ...good(), calibration }, 'm.json').calibration?.denseFloor).toBe(0.33);
  });

  it('refuses a floor that is not a cosine, naming the field: it would hide every result', () => {
    expect(() => validateManifest({ ...good(), calibration: { ...calibration, denseFloor: 7 } }, 'site/_quarry/manifest.json')).toThrow(
      expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringMatching(/site\/_quarry\/manifest\.json.*calibration\.denseFloor.*Rebuild/) }),
    );
    expect(() => validateManifest({ ...good(), calibration: { ...calibration, noise: { offTopic: spread } } }, 'm.json')).toThrow(/calibration\.noise\.madeUp/);
    expect(() => validateManifest({ ...good(), calibration: { ...calibration, version: 2 } }, 'm.json')).toThrow(/"calibration" must be/);
  });

  it('rejects a shard set that is out of order, outside the passages, or leaves the folder', () => {
    const withFiles = (patch: Record<string, unknown>) => {
      const m = good();
      Object.assign(m.files, patch);
      return m;
    };
    const text = (tables: Record<string, unknown>, over: Record<string, unknown> = {}) => withFiles({ text: { dir: 'text', ext: 'json', tables: { hashes: '00112233445f', first: [0], ...tables }, ...over } });
    expect(() => validateManifest(withFiles({ postings: { dir: 'lexical', ext: 'bin', tables: { hashes: '0123456789abfedcba987654', first: ['m', 'a'] } } }), 'm.json')).toThrow(/files\.postings\.tables\.first.*ascending/);
    expect(() => validateManifest(text({ first: [1] }), 'm.json')).toThrow(/start at passage 0/);
    expect(() => validateManifest(text({ hashes: '00112233445f00112233445f', first: [0, 2] }), 'm.json')).toThrow(/below the 2 passages/);
    expect(() => validateManifest(text({ first: [0, 1] }), 'm.json')).toThrow(/lists 2 keys but 1 hashes/);
    expect(() => validateManifest(text({}, { dir: '..' }), 'm.json')).toThrow(/plain names/);
    expect(() => validateManifest(text({ hashes: 'zz' }), 'm.json')).toThrow(/12-digit hex hashes/);
    expect(() => validateManifest(withFiles({ text: { dir: 'text', ext: 'json', hashes: '00112233445f', passages: [2] } }), 'm.json')).toThrow(/files\.text" must be \{ dir, ext, tables \}/);
  });
});
