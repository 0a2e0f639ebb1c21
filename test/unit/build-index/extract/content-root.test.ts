/** Which element holds the content, when generators' markup misleads the rule table. */
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../../build-index/extract/extract.ts';
import { allText, html, pageOf } from './helpers.ts';

const extract = (body: string, head = '<title>Page</title>') => extractPage('page.html', html(body, head), { selector: null });
const prose = (n: number) => Array.from({ length: n }, (_, i) => `Sentence ${i} explains how the sound buffer is played back in a loop.`).join(' ');

describe('content root', () => {
  it('a #content that closes right after the navigation (SFML Doxygen header) is passed over', () => {
    const nav = ['Main Page', 'Modules', 'Classes', 'Files'].map((t) => `<li><a href="${t}.html">${t}</a></li>`).join('');
    const r = extract(`<div id="banner">SFML 2.5.1</div><div id="content"><div class="tabs"><ul>${nav}</ul></div></div>
      <div class="header"><div class="headertitle"><div class="title">sf::Sound Class Reference<div class="ingroups"><a href="group__audio.html">Audio module</a></div></div></div></div>
      <div class="contents"><p>${prose(8)}</p></div>`);
    const page = pageOf(r);
    expect(page.title).toBe('sf::Sound Class Reference');
    expect(page.diagnostics?.root).toBe('Doxygen');
    expect(page.diagnostics?.rejectedRoots).toEqual([]);
    expect(allText(page)).toContain('Sentence 7 explains');
    expect(allText(page)).not.toMatch(/Main Page|Audio module|SFML 2\.5\.1/);
  });

  it('a generic container holding only links is rejected with the reason, and the body is read instead', () => {
    const nav = Array.from({ length: 6 }, (_, i) => `<a href="p${i}.html">Chapter ${i}</a>`).join(' ');
    const page = pageOf(extract(`<div class="content">${nav}</div><div class="doc"><h1>Playing sounds</h1><p>${prose(6)}</p></div>`));
    expect(page.diagnostics?.root).toBe('body');
    expect(page.diagnostics?.rejectedRoots).toEqual([{ rule: 'content', why: expect.stringMatching(/% of its text is links|% of the page's text/) }]);
    expect(page.title).toBe('Playing sounds');
    expect(allText(page)).toContain('Sentence 5 explains');
  });

  it('AsciiDoc: every section (one div.sect1 each) and the NAME line in #header are content', () => {
    const sect = (id: string, h: string, p: string) => `<div class="sect1"><h2 id="${id}">${h}</h2><div class="sectionbody"><div class="paragraph"><p>${p}</p></div></div></div>`;
    const page = pageOf(extract(
      `<div id="header"><h1>git-add(1) Manual Page</h1><h2>NAME</h2><div class="sectionbody"><p>git-add - Add file contents to the index</p></div></div>
       <div id="content">${sect('_synopsis', 'SYNOPSIS', 'git add [--verbose | -v] [--dry-run | -n]')}${sect('_description', 'DESCRIPTION', 'This command updates the index using the current content found in the working tree.')}${sect('_options', 'OPTIONS', 'Files to add content from.')}</div>
       <div id="footer"><div id="footer-text">Last updated 2024-06-01</div></div>`,
      '<meta name="generator" content="AsciiDoc 10.2.0"><title>git-add(1)</title>',
    ));
    expect(page.sections.map((s) => s.heading)).toEqual(['git-add(1) Manual Page', 'NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS']);
    expect(allText(page)).toContain('git-add - Add file contents to the index');
    expect(allText(page)).not.toContain('Last updated');
  });
});
