import { describe, expect, it } from 'vitest';
import { reportText } from '../../main/core/sync/status-report';
import { deskStatusReportSchema } from '../../shared/sync/status-report';
import { checkFreeText } from '../../shared/domain/free-text';

/**
 * Text the desk stored before today's input checks must not make the hub refuse a whole status
 * report: reportText cleans and shortens it to what the hub's schema takes.
 */
describe('reportText', () => {
  it('takes out controls, direction overrides and invalid Unicode, and keeps line breaks only where asked', () => {
    const dirty = 'Dock\u00002\u202e ok\ud800 \ufffd end\nnext';
    const line = reportText(dirty);
    expect(checkFreeText(line)).toBeNull();
    expect(line).toBe('Dock 2  ok    end next');
    expect(reportText('a\nb', 100, true)).toBe('a\nb');
  });

  it('shortens on whole characters, never leaving half a surrogate pair', () => {
    const text = `${'x'.repeat(199)}😀😀`;
    const cut = reportText(text, 200);
    expect(cut).toBe('x'.repeat(199));
    expect(checkFreeText(cut)).toBeNull();
    expect(reportText('short', 200)).toBe('short');
  });

  it('whatever a desk name holds, the cleaned one passes the hub schema', () => {
    const base = deskStatusReportSchema.shape.deskName;
    for (const name of ['\u0007bell', 'x'.repeat(5_000), '\u2066isolate\u2069', 'ok']) expect(base.safeParse(reportText(name)).success, name).toBe(true);
  });
});
