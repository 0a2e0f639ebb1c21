import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser, type Handler } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { createParser } from '../../../../build-index/extract/parser.ts';
import { PARSER_OPTIONS } from '../../../../build-index/extract/scan.ts';
import { SITES } from './helpers.ts';

const SAMPLE = fileURLToPath(new URL('../../../../public/sample-docs/', import.meta.url));

function events(make: (h: Partial<Handler>) => Parser, html: string): string[] {
  const out: string[] = [];
  const p = make({
    onopentag: (name, attrs, implied) => out.push(`<${name} ${JSON.stringify(attrs)}${implied ? ' implied' : ''}>`),
    ontext: (t) => out.push(t),
    onclosetag: (name, implied) => out.push(`</${name}${implied ? ' implied' : ''}>`),
  });
  // Two writes: the parser must behave the same across chunk boundaries too.
  p.write(html.slice(0, html.length >> 1));
  p.write(html.slice(html.length >> 1));
  p.end();
  return out;
}

const plain = (h: Partial<Handler>) => new Parser(h, PARSER_OPTIONS);
const linear = (h: Partial<Handler>) => createParser(h, PARSER_OPTIONS);

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html'))
    .map((d) => join(d.parentPath, d.name));
}

const TRICKY = [
  '<p>one<p>two<div>three</p>four',
  '<ul><li>a<li>b<ul><li>c</ul><li>d</ul>',
  '<table><tr><td>1<td>2<tr><td>3</table>',
  '<form><form><input></form></form>after',
  '<b><i>misnested</b></i> text </span></div>',
  '<svg><foreignObject><p>inside</p></foreignObject><title>svg title</title></svg><math><mi>x</mi></math>',
  '<select><option>a<option>b<optgroup><option>c</select>',
  '<dl><dt>term<dd>desc<dt>term2<dd>desc2</dl>',
  '<br></br><p></p></p><h1>h<h2>nested heading</h1>',
  '<div><div><div><p>unclosed at the end',
  '<html><body><main>' + '<section><div>'.repeat(300) + 'deep' + '</div>'.repeat(150),
];

describe('createParser (linear open-element stack) emits exactly what htmlparser2 does', () => {
  it('on every fixture and sample-docs page', () => {
    const files = [...htmlFiles(SITES), ...htmlFiles(SAMPLE)];
    expect(files.length).toBeGreaterThan(30);
    for (const f of files) {
      const html = readFileSync(f, 'utf8');
      expect(events(linear, html), f).toEqual(events(plain, html));
    }
  });

  it.each(TRICKY)('on implied and stray tags: %s', (html) => {
    expect(events(linear, html)).toEqual(events(plain, html));
  });

  it('can be reset and reused', () => {
    const out: string[] = [];
    const p = createParser({ onclosetag: (n) => out.push(n) }, PARSER_OPTIONS);
    p.write('<div><span>');
    p.reset();
    p.write('<p>x</p>');
    p.end();
    expect(out).toEqual(['p']);
  });
});
