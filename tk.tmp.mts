import { Tokenizer } from '@huggingface/tokenizers';
import { readFileSync } from 'node:fs';
const t = new Tokenizer(JSON.parse(readFileSync('/tmp/mroot/quarry/all-MiniLM-L6-v2/tokenizer.json', 'utf8')), JSON.parse(readFileSync('/tmp/mroot/quarry/all-MiniLM-L6-v2/tokenizer_config.json', 'utf8')));
console.log(t.encode('This is an example sentence'));
