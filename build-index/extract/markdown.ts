/**
 * A small Markdown reader for `.md` files shipped in a site: ATX headings,
 * fenced code, paragraphs, lists, block quotes, front matter `title:`.
 * Not CommonMark: setext headings, indented code and reference links are
 * read as paragraphs. Anchors are GitHub-style slugs, since that is where
 * raw Markdown is usually rendered.
 */
import type { ExtractResult, ExtractWarning, Section } from './types.ts';
import { collapse } from './text.ts';
import { titleFromPath } from './title.ts';
import { encodePath } from '../../src/core/format/url.ts';
import { weighReleaseNotes } from './release-notes.ts';

/** GitHub-style heading slug: lowercase, punctuation dropped, spaces → "-". */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** Inline Markdown → plain text (links and images keep their text). */
function inlineText(s: string): string {
  return collapse(
    s
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, ' ')
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      .replace(/`([^`]+)`/g, '$1'),
  );
}

export function extractMarkdown(relPath: string, text: string, warnings: ExtractWarning[]): ExtractResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  let frontTitle = '';
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, j) => j > 0 && (l.trim() === '---' || l.trim() === '...'));
    if (end > 0) {
      for (const l of lines.slice(1, end)) {
        const m = /^title:\s*["']?(.*?)["']?\s*$/.exec(l);
        if (m && !frontTitle) frontTitle = m[1];
      }
      i = end + 1;
    }
  }

  const sections: Section[] = [];
  let cur: Section = { level: 0, heading: '', anchor: '', path: [], blocks: [], weight: 1 };
  sections.push(cur);
  const stack: Array<{ level: number; text: string }> = [];
  const slugCounts = new Map<string, number>();
  let lastAnchor = '';
  let firstH1 = '';
  let para: string[] = [];
  const flush = () => {
    const t = inlineText(para.join(' '));
    para = [];
    if (t) cur.blocks.push(t);
  };

  for (; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i].trimStart().startsWith(fence[1]); i++) code.push(lines[i]);
      const body = code.join('\n').replace(/\s+$/, '');
      if (/\S/.test(body)) cur.blocks.push(body);
      continue;
    }
    const h = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (h) {
      flush();
      let raw = h[2];
      let id = '';
      const explicit = /\s*\{#([^}\s]+)\}\s*$/.exec(raw);
      if (explicit) {
        id = explicit[1];
        raw = raw.slice(0, explicit.index);
      }
      const heading = inlineText(raw);
      if (!heading) continue;
      if (!id) {
        const base = slugify(heading);
        const n = slugCounts.get(base) ?? 0;
        slugCounts.set(base, n + 1);
        id = n ? `${base}-${n}` : base;
      }
      const level = h[1].length;
      while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
      stack.push({ level, text: heading });
      if (id) lastAnchor = id;
      if (level === 1 && !firstH1) firstH1 = heading;
      cur = { level, heading, anchor: lastAnchor, path: stack.map((s) => s.text), blocks: [], weight: 1 };
      sections.push(cur);
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const item = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      para.push(item[1]);
      continue;
    }
    para.push(line.replace(/^\s*>\s?/, ''));
  }
  flush();

  const kept = sections.filter((s) => s.level > 0 || s.blocks.length > 0);
  if (!kept.some((s) => s.blocks.length)) {
    warnings.push({ file: relPath, reason: 'no text content' });
    return { kind: 'skip', warnings };
  }
  return {
    kind: 'page',
    warnings,
    page: weighReleaseNotes({
      url: encodePath(relPath),
      title: firstH1 || frontTitle || titleFromPath(relPath),
      lang: '',
      canonical: null,
      meta: {},
      weight: 1,
      sections: kept,
    }, false),
  };
}
