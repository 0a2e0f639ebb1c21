/**
 * Passages as `quarry build` lays them out (build-index/read-site: extract,
 * chunk, site-level passes), from the bundled sample site and the real-site
 * fixtures, so excerpt and anchor tests see real text in its real layout.
 */
import { expect } from 'vitest';
import { resolveBuildOptions } from '../../../../build-index/options.ts';
import { readSite } from '../../../../build-index/read-site.ts';
import type { Passage } from '../../../../src/core/format/docs.ts';
import { SAMPLE_SITE, silentReporter } from '../../../support/sample-site.ts';
import { readFixtureSite } from '../../build-index/extract/helpers.ts';

export async function samplePassages(): Promise<Passage[]> {
  const options = await resolveBuildOptions(SAMPLE_SITE, {});
  return (await readSite(SAMPLE_SITE, options, silentReporter, () => {})).passages;
}

/** A real-site fixture folder under test/fixtures/sites/ ("real-sqlite/"). */
export async function fixturePassages(dir: string): Promise<Passage[]> {
  return (await readFixtureSite(dir)).passages;
}

/** The one passage at `url#anchor` (the first window when a long section has several). */
export function passageAt(passages: readonly Passage[], url: string, anchor: string): Passage {
  const found = passages.find((p) => p.url === url && p.anchor === anchor);
  expect(found, `${url}#${anchor}`).toBeDefined();
  return found!;
}

/** The passage's merged sub-sections as the docs file stores them. */
export function subsectionsOf(p: Passage): Array<[string, string]> | 0 {
  return p.subsections.length ? p.subsections.map((s) => [s.anchor, s.heading]) : 0;
}

/**
 * The entries of one page merged into one passage, laid out as the build
 * lays out merged sections (build-index/chunk/group.ts `finish`): each
 * member's heading on a line of its own before its text. Before entries
 * became passages of their own, the sample site's error codes and FAQ were
 * indexed like this; short unanchored sections and long sections cut into
 * windows still are.
 */
export function mergedPage(passages: readonly Passage[], url: string): Passage {
  const [first, ...rest] = passages.filter((p) => p.url === url);
  const depth = first.breadcrumb.length;
  const members = rest.length && rest[0].breadcrumb.length === depth ? [first, ...rest] : rest;
  const intro = members[0] === first ? [] : [first.text];
  const subsections = members.map((p) => ({ anchor: p.anchor, heading: p.breadcrumb.at(-1)! }));
  const text = [...intro, ...members.map((p) => `${p.breadcrumb.at(-1)}\n${p.text}`)].join('\n');
  return { ...first, breadcrumb: members[0] === first ? first.breadcrumb.slice(0, -1) : first.breadcrumb, subsections, text, words: text.split(/\s+/u).length };
}
