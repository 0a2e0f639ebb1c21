import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../../build-index/extract/extract.ts';
import { extractFixture, html, pageOf } from './helpers.ts';

const headings = (rel: string) => pageOf(extractFixture(rel)).sections.filter((s) => s.level > 0).map((s) => s.heading);
const headingsOf = (body: string) =>
  pageOf(extractPage('p.html', html(body), { selector: null })).sections.filter((s) => s.level > 0).map((s) => s.heading);

describe('heading text drops permalink glyphs and link labels', () => {
  it('drops Sphinx "[source]" labels and ¶ from Django API entries', () => {
    const hs = headings('real-django/ref/models/fields.html');
    expect(hs).toContain('class AutoField(**options)');
    expect(hs.filter((h) => /\[source\]|¶/.test(h))).toEqual([]);
  });

  it('drops Doxygen\'s ◆ permalink and keeps the overload counter that tells overloads apart', () => {
    const page = pageOf(extractFixture('real-sfml/classsf_1_1Sound.html'));
    const members = page.sections.filter((s) => s.heading.startsWith('Sound()'));
    expect(members.map((s) => s.heading)).toEqual(['Sound() [1/3]', 'Sound() [2/3]']);
    expect(members.map((s) => s.path.at(-1))).toEqual(['Sound() [1/3]', 'Sound() [2/3]']);
  });

  it('drops glyph and hidden-label permalinks of other generators', () => {
    expect(headingsOf(
      '<h2 id="a">File system<a href="#a">#</a></h2><p>x</p>' +
      '<h2 id="b"><a class="anchor" href="/p.html#b">🔗</a>Streams</h2><p>x</p>' +
      '<h2 id="c">Timers <a href="#c" class="permalink">§</a></h2><p>x</p>' +
      '<h2 id="d">Events<a href="#d">Link to this heading</a></h2><p>x</p>' +
      '<h2 id="e">Stream<a class="src" href="../src/stream.rs.html#10">[src]</a></h2><p>x</p>',
    )).toEqual(['File system', 'Streams', 'Timers', 'Events', 'Stream']);
  });

  it('keeps heading words that merely look like glyphs', () => {
    expect(headingsOf(
      '<h2 id="a"><a href="#a">C#</a> bindings</h2><p>x</p>' +
      '<h2>See § 3.2</h2><p>x</p>' +
      '<h2 id="c"><a href="#c">Self-linked heading</a></h2><p>x</p>' +
      '<h2>Notes #2</h2><p>x</p>',
    )).toEqual(['C# bindings', 'See § 3.2', 'Self-linked heading', 'Notes #2']);
  });
});
