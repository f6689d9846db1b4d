import { describe, expect, it } from 'vitest';
import { KeystrokeTiming } from '../../renderer/src/scanning/keystroke-timing';

describe('telling a scanner from a person', () => {
  it('calls 2 ms keys a scan and 120 ms keys keyed', () => {
    const timing = new KeystrokeTiming();
    for (let i = 0; i < 10; i += 1) timing.key(i * 2);
    expect(timing.wasKeyed()).toBe(false);
    timing.reset();
    for (let i = 0; i < 10; i += 1) timing.key(i * 120);
    expect(timing.wasKeyed()).toBe(true);
  });
});
