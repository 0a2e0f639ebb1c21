import { describe, expect, it } from 'vitest';
import { indexNoticeText, semanticUnavailableText } from '../../../src/ui/notices.ts';

describe('visitor notices', () => {
  it('says semantic search is unavailable, why, and that keyword results follow', () => {
    expect(semanticUnavailableText({ code: 'MODEL_NOT_FOUND', message: 'raw: local_files_only=true', reason: 'the model could not be downloaded: model_quantized.onnx returned 404' })).toBe(
      'Semantic search is unavailable (the model could not be downloaded: model_quantized.onnx returned 404). Showing keyword results.',
    );
  });

  it('falls back to a plain reason per code, never to the raw message', () => {
    expect(semanticUnavailableText({ code: 'WORKER_FAILED', message: 'The search worker http://x/quarry.worker.js could not start.' })).toBe(
      'Semantic search is unavailable (the search worker could not run in this browser). Showing keyword results.',
    );
    expect(semanticUnavailableText({ code: 'MODEL_LOAD_FAILED', message: 'local_files_only=true' })).not.toContain('local_files_only');
  });

  it('index notices: one short line, only when there is one', () => {
    expect(indexNoticeText([])).toBeNull();
    expect(indexNoticeText([{ code: 'INDEX_CORRUPT', message: 'text/3.abc.json returned 404; some excerpts are missing.' }])).toBe(
      'Part of the search index could not be loaded; some results or excerpts may be missing.',
    );
  });
});
