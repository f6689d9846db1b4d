/**
 * Text fields of the RPC contract: bounded, and free text checked (shared/domain/free-text.ts) so a
 * control character, a bidirectional override or invalid Unicode is refused with the field named
 * before any handler runs.
 */
import { z } from 'zod';
import { FREE_TEXT_KEYS, checkFreeText, freeTextMessage } from '../domain/free-text';
import { MAX_NOTE_LENGTH, MAX_TEXT_FIELD_LENGTH } from './limits';

function refuseBadText(multiLine: boolean) {
  return (value: string, context: z.RefinementCtx) => {
    const finding = checkFreeText(value, { multiLine });
    if (finding === null) return;
    context.addIssue({
      code: 'custom',
      message: freeTextMessage(finding),
      params: { key: FREE_TEXT_KEYS[finding.problem], codePoint: finding.codePoint, position: finding.index + 1 },
    });
  };
}

/** A name, a reason, a carrier: one line, at most MAX_TEXT_FIELD_LENGTH characters. */
export const lineText = z.string().max(MAX_TEXT_FIELD_LENGTH).superRefine(refuseBadText(false));
/** The same, required: blank is refused. */
export const requiredLineText = z.string().trim().min(1).max(MAX_TEXT_FIELD_LENGTH).superRefine(refuseBadText(false));
/** A note: line breaks and tabs allowed, at most MAX_NOTE_LENGTH characters. */
export const noteText = z.string().max(MAX_NOTE_LENGTH).superRefine(refuseBadText(true));
export const requiredNoteText = z.string().trim().min(1).max(MAX_NOTE_LENGTH).superRefine(refuseBadText(true));
