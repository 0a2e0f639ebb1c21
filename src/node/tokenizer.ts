/**
 * The model's own tokenizer (tokenizer.json + tokenizer_config.json, the
 * files the browser worker uses), loaded once for the encoder and for
 * sizing passages in the model's word-pieces at build time.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';

export interface LoadedTokenizer {
  tokenizer: Tokenizer;
  /** Longest input the model reads, special tokens included (transformers.js truncates there). */
  maxTokens: number;
  padId: number;
}

export async function loadTokenizer(dir: string, maxTokens?: number): Promise<LoadedTokenizer> {
  const [tokenizerJson, tokenizerConfig] = await Promise.all([readJson(join(dir, 'tokenizer.json')), readJson(join(dir, 'tokenizer_config.json'))]);
  const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  const config = tokenizerConfig as { model_max_length?: number; pad_token?: string };
  return {
    tokenizer,
    // transformers.js truncates at tokenizer_config's model_max_length (the model's maxTokens).
    maxTokens: maxTokens ?? config.model_max_length ?? Infinity,
    padId: (config.pad_token && tokenizer.token_to_id(config.pad_token)) || 0,
  };
}

/** Tokens the encoder feeds for `text`, special tokens included. */
export function countTokens(t: Tokenizer, text: string): number {
  return t.encode(text).ids.length;
}

async function readJson(path: string): Promise<object> {
  return JSON.parse(await readFile(path, 'utf8')) as object;
}
