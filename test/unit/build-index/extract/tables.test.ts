/** Table-laid-out content keeps its reading order; code listings keep their lines and lose their gutters. */
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../../build-index/extract/extract.ts';
import { html, pageOf } from './helpers.ts';

const blocks = (body: string) => pageOf(extractPage('page.html', html(`<main><h1>T</h1>${body}</main>`, '<title>T</title>'), { selector: null })).sections[0].blocks;

describe('tables', () => {
  it('a table nested in a cell stays in reading order (the answer prose before its code, not after)', () => {
    expect(blocks(`<table><tr><td><p>Declare the column INTEGER PRIMARY KEY.</p><table><tr><td>CREATE TABLE t1(a INTEGER PRIMARY KEY);</td></tr></table><p>Then insert NULL.</p></td></tr></table>`)).toEqual([
      'Declare the column INTEGER PRIMARY KEY. CREATE TABLE t1(a INTEGER PRIMARY KEY); Then insert NULL.',
    ]);
  });

  it('a listing laid out as [line numbers | code] keeps its line breaks and drops the numbers (gtk-doc)', () => {
    expect(blocks(`<table class="listing_frame"><tr><td class="listing_lines"><pre>1\n2\n3</pre></td><td class="listing_code"><pre>int\nmain (void)\n{ return 0; }</pre></td></tr></table>`)).toEqual([
      'int\nmain (void)\n{ return 0; }',
    ]);
  });

  it('a gutter without a class, as bare numbers in its own cell, is dropped', () => {
    expect(blocks(`<table><tr><td><pre>1\n2\n3\n4</pre></td><td><pre>a = 1\nb = 2\nc = a + b\nprint(c)</pre></td></tr></table>`)).toEqual(['a = 1\nb = 2\nc = a + b\nprint(c)']);
  });

  it('Pygments inline line numbers are not part of the code', () => {
    expect(blocks(`<pre><span class="linenos">1</span>import os\n<span class="linenos">2</span>print(os.getcwd())</pre>`)).toEqual(['import os\nprint(os.getcwd())']);
  });

  it('a data table with numbers keeps them', () => {
    expect(blocks(`<table><tr><th>Limit</th><th>Value</th></tr><tr><td>max pages</td><td>4294967294</td></tr></table>`)).toEqual(['Limit | Value', 'max pages | 4294967294']);
  });
});
