/** Query shapes that once broke search engines; Node and browser robustness tests send each in every mode. */
export const BAD_QUERIES: Readonly<Record<string, string>> = Object.freeze({
  '10,000 characters': 'cache '.repeat(1667).slice(0, 10_000),
  'punctuation only': '?!.,;:-_()[]{}<>/\\|"\'`~@#$%^&*+=',
  emoji: '🔥🚀 cache 👩‍💻🏳️‍🌈',
  'NUL bytes': 'cache\u0000\u0000config\u0000',
  'lone surrogates': 'cache \uD800 \uDFFF x\uDBFFy',
  'regex metacharacters': '.*+?^${}()|[]\\ (a+)+$ [^] \\d{1,} (?<=x)',
});
