import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskQuery } from '../data/use-desk-query';
import { describeError } from '../i18n/describe-error';

/**
 * How every screen shows a query (renderer/src/data/use-desk-query.ts): loading until the first
 * answer, the error in the operator's language, then the data. A refresh keeps the data shown.
 */
export function QueryState<T>({ query, children }: { readonly query: DeskQuery<T>; readonly children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {query.error === null ? null : (
        <p className="notice notice--error" role="alert">
          {describeError(query.error)}
        </p>
      )}
      {query.data !== null ? children(query.data) : query.loading ? (
        <p className="muted" data-testid="query-loading">
          {t('app.loading')}
        </p>
      ) : null}
    </>
  );
}
