import { describe, expect, it } from 'vitest';
import { decodePage } from '../../../../build-index/extract/decode.ts';
import { extractPage } from '../../../../build-index/extract/extract.ts';
import { tokenize } from '../../../../src/core/text/tokenize.ts';
import { allText, pageOf } from './helpers.ts';

/** A page whose body holds raw bytes in some legacy encoding. */
function page(head: string, body: number[]): Buffer {
  return Buffer.concat([Buffer.from(`<!doctype html><html><head>${head}<title>T</title></head><body><main><p>`), Buffer.from(body), Buffer.from('</p></main></body></html>')]);
}

const ascii = (s: string) => [...Buffer.from(s, 'ascii')];
// "Crème brûlée, café" in latin-1 / windows-1252
const CREME = [...ascii('Cr'), 0xe8, ...ascii('me br'), 0xfb, ...ascii('l'), 0xe9, ...ascii('e, caf'), 0xe9];
// windows-1252 only: € and curly double quotes, plus ü
const CP1252 = [0x80, ...ascii(' 5 '), 0x93, ...ascii('gr'), 0xfc, ...ascii('n'), 0x94];

function text(bytes: Buffer): string {
  const d = decodePage(bytes);
  if (!d.ok) throw new Error(d.reason);
  return d.text;
}

describe('decodePage decodes as a browser does', () => {
  it('a latin-1 page without any charset falls back to windows-1252, so "crème" is findable', () => {
    const r = extractPage('old.html', page('', CREME), { selector: null });
    const body = allText(pageOf(r));
    expect(body).toContain('Crème brûlée, café');
    expect(body).not.toContain('\ufffd');
    expect(tokenize(body)).toEqual(expect.arrayContaining(tokenize('crème')));
    expect(r.warnings).toEqual([{ file: 'old.html', reason: 'no charset declared and not valid UTF-8, decoded as windows-1252' }]);
  });

  it('windows-1252 bytes that latin-1 leaves as controls (€, curly quotes) come out as the browser shows them', () => {
    expect(text(page('', CP1252))).toContain('€ 5 “grün”');
    // A latin-1 label means windows-1252 in the Encoding Standard, as in browsers.
    expect(text(page('<meta charset="iso-8859-1">', CP1252))).toContain('€ 5 “grün”');
    expect(text(page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', CREME))).toContain('Crème brûlée, café');
  });

  it('a declared charset is honoured without a warning', () => {
    const d = decodePage(page('<meta charset="latin1">', CREME));
    expect(d).toMatchObject({ ok: true, warnings: [] });
  });

  it('valid UTF-8 without a declaration stays UTF-8', () => {
    const d = decodePage(Buffer.from('<p>Crème brûlée — 日本語</p>'));
    expect(d).toEqual({ ok: true, text: '<p>Crème brûlée — 日本語</p>', warnings: [] });
  });

  it('Shift_JIS and EUC-JP pages declared in a meta tag', () => {
    // 日本語 in each encoding
    expect(text(page('<meta charset="Shift_JIS">', [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]))).toContain('<p>日本語</p>');
    expect(text(page('<meta http-equiv="content-type" content="text/html; charset=euc-jp">', [0xc6, 0xfc, 0xcb, 0xdc, 0xb8, 0xec]))).toContain('<p>日本語</p>');
  });

  it('UTF-16 with a BOM (little and big endian) is text, not binary', () => {
    const html = '<html><body><main><h1>Überblick</h1><p>Crème brûlée</p></main></body></html>';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be]) {
      const p = pageOf(extractPage('u16.html', bytes, { selector: null }));
      expect(p.title).toBe('Überblick');
      expect(allText(p)).toContain('Crème brûlée');
    }
  });

  it('a UTF-8 BOM wins over a contradicting meta charset', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<meta charset="iso-8859-1"><p>Crème</p>')]);
    expect(text(bytes)).toBe('<meta charset="iso-8859-1"><p>Crème</p>');
  });

  it('declared UTF-8 that is not: replacement characters and a warning (the browser shows the same)', () => {
    const d = decodePage(page('<meta charset="utf-8">', CREME));
    expect(d.ok && d.text).toContain('Cr\ufffdme');
    expect(d.ok && d.warnings).toEqual(['invalid UTF-8, decoded with replacement characters']);
  });

  it('an unknown charset label is ignored as browsers ignore it', () => {
    expect(text(page('<meta charset="klingon">', CREME))).toContain('Crème brûlée, café');
  });

  it('binary and control-character files are refused, never decoded', () => {
    expect(decodePage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]))).toEqual({ ok: false, reason: 'binary file' });
    expect(decodePage(Buffer.from(Array.from({ length: 100 }, (_, i) => (i % 3 ? 0x41 : 0x01))))).toEqual({ ok: false, reason: 'binary file' });
  });
});
