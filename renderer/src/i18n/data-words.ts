import type { TFunction } from 'i18next';
import { translateDataKey } from './dynamic-key';

/**
 * Words for codes that come with the data (docs/i18n.md): a job's type as the API spells it, a
 * printer kind. A code this desk has no words for is shown as it came.
 */
export function jobTypeWords(t: TFunction, type: string): string {
  return translateDataKey(`jobType.${type}`) ?? (type === '' ? t('jobType.unknown') : type);
}
