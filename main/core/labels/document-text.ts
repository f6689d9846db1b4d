import type { DocumentWords } from '../i18n/document-words';
import type { SlipNote } from './label-content';
import { DEFAULT_OPERATOR } from '../../../shared/domain/desk-defaults';

/** A drive's state in the document's language; a state the catalogue lacks is printed as it came. */
export function driveStateWords(words: DocumentWords, state: string): string {
  const said = words(`driveState.${state}`);
  return said === `driveState.${state}` ? state : said;
}

/** Why a slip line needs the customer's eye, in the document's language. */
export function slipNoteWords(words: DocumentWords, note: SlipNote | null): string {
  if (note === null) return '';
  switch (note.kind) {
    case 'extra':
      return words('documents.slip.noteExtra');
    case 'neverReceived':
      return words('documents.slip.noteNeverReceived');
    case 'faulted':
      return note.faultedFrom === null ? words('documents.slip.noteFaulted') : words('documents.slip.noteFaultedFrom', { state: driveStateWords(words, note.faultedFrom) });
    case 'held':
      return words('documents.slip.noteHeld', { tracking: note.tracking });
  }
}

/** Who prepared a document: the operator, or the desk itself before anyone signed in. */
export function preparedByWords(words: DocumentWords, operator: string): string {
  return operator === DEFAULT_OPERATOR ? words('documents.preparedByDesk') : operator;
}
