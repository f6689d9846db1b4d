import { useTranslation } from 'react-i18next';
import type { UnreadableDocument } from '../../../shared/rpc/results';

/**
 * Job documents the hub sent that the desk could not read. The pull went on past them; each line
 * clears itself when the hub sends that job again in a form the desk reads.
 */
export function UnreadableDocuments({ documents, when }: { readonly documents: readonly UnreadableDocument[]; readonly when: (iso: string) => string }) {
  const { t } = useTranslation();
  if (documents.length === 0) return null;
  return (
    <>
      <h4>{t('sync.unreadableTitle')}</h4>
      <p className="muted">{t('sync.unreadableHint')}</p>
      <table data-testid="unreadable-documents">
        <thead>
          <tr>
            <th scope="col">{t('sync.col.job')}</th>
            <th scope="col">{t('sync.col.problem')}</th>
            <th scope="col">{t('sync.col.received')}</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((document, index) => (
            <tr key={`${document.jobName ?? ''}-${index}`}>
              <td>{document.jobName ?? t('sync.unnamedJob')}</td>
              <td>
                <code>{document.reason}</code>
              </td>
              <td>{when(document.at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
