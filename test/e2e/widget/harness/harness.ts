/** Test page entry: registers <quarry-search> with the fake client and records its events. */
import { defineQuarrySearch } from '../../../../src/widget.ts';
import { createFakeClient } from './fake-client.ts';

window.__fake = {
  created: [],
  warmCount: 0,
  disposeCount: 0,
  calls: [],
  holdDense: false,
  lexicalDelayMs: 5,
  denseDelayMs: 120,
  answers: true,
  answerDelayMs: 30,
  answerCalls: [],
  release() {},
  progress() {},
};

const events: { type: string; detail: unknown }[] = [];
(window as unknown as { __events: typeof events }).__events = events;
for (const type of ['quarry:search', 'quarry:select', 'quarry:error', 'quarry:no-results', 'quarry:reformulate']) {
  document.addEventListener(type, (e) => {
    events.push({ type, detail: (e as CustomEvent).detail });
    // Tests ask the widget to not navigate (SPA-style) by setting this.
    if (type === 'quarry:select' && (window as unknown as { __preventSelect?: boolean }).__preventSelect) e.preventDefault();
  });
}

const params = new URLSearchParams(location.search);
const el = document.querySelector('quarry-search');
const theme = params.get('theme');
if (el && theme) el.setAttribute('theme', theme);
if (params.get('hold') === '1') window.__fake.holdDense = true;

defineQuarrySearch({ createClient: createFakeClient });
defineQuarrySearch({ createClient: createFakeClient }); // idempotent
