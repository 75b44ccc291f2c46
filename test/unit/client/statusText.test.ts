// The status bar's words: failed recipients of a bounce, failed deliveries of a log (one per line), never the
// Problems counter's icons.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describe } from '../../../client/src/statusText';

test('a bounce: recipients that failed and that are delayed', () => {
  const { text, tooltip } = describe({ failures: { unit: 'recipient', permanent: 1, transient: 1 }, findings: 9, complete: true });
  assert.equal(text, '$(mail) 1 failed, 1 delayed');
  assert.match(tooltip, /this bounce: 1 recipient failed permanently, 1 delayed/);
  assert.match(tooltip, /9 mail codes in all/);
});

test('a log: deliveries (lines) that failed and were deferred; what is still being analysed says so', () => {
  const { text, tooltip } = describe({ failures: { unit: 'line', permanent: 2, transient: 3 }, findings: 14, complete: false });
  assert.equal(text, '$(mail) 2 failed, 3 deferred …');
  assert.match(tooltip, /2 deliveries failed permanently, 3 deferred .*once per line/);
  assert.match(tooltip, /Still analysing/);
  assert.equal(describe({ failures: { unit: 'line', permanent: 0, transient: 0 }, findings: 3, complete: true }).text, '$(mail) no failures');
  assert.equal(describe({ failures: { unit: 'line', permanent: 0, transient: 0 }, findings: 0, complete: true }).text, '$(mail) no mail codes');
  assert.equal(describe({ failures: { unit: 'line', permanent: 1, transient: 0 }, findings: 1, complete: true }).text, '$(mail) 1 failed');
});

test('never the icons of the Problems counter beside it', () => {
  for (const unit of ['recipient', 'line'] as const) {
    const { text } = describe({ failures: { unit, permanent: 4, transient: 2 }, findings: 6, complete: true });
    assert.doesNotMatch(text, /\$\((error|warning|info)\)/);
    assert.match(text, /^\$\(mail\) /);
  }
});
