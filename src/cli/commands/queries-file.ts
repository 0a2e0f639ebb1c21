import { readFile } from 'node:fs/promises';
import { QuarryError } from '../../core/errors.ts';

export interface LabelledQuery {
  id: string;
  query: string;
  relevant: string[];
  kind: string;
}

/** Reads a JSONL query file; `relevant`/`kind` are optional for `quarry query`. */
export async function readQueries(file: string): Promise<LabelledQuery[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new QuarryError('BAD_OPTION', `Cannot read queries file ${file}: ${(e as Error).message}.`);
  }
  return text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line)
    .map(({ line, n }) => {
      let q: Partial<LabelledQuery>;
      try {
        q = JSON.parse(line);
      } catch {
        throw new QuarryError('BAD_OPTION', `${file}:${n}: not valid JSON.`);
      }
      if (typeof q.query !== 'string') throw new QuarryError('BAD_OPTION', `${file}:${n}: "query" must be a string.`);
      return { id: String(q.id ?? n), query: q.query, relevant: q.relevant ?? [], kind: q.kind ?? 'all' };
    });
}
