import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/app-store';
import { describeError, sayCoreText } from '../i18n/describe-error';
import { ToneIcon } from './ToneIcon';

/** What a scan outside the scan station turned out to be when it was neither a package nor a drive. */
export function AppNoticeBar() {
  const { t } = useTranslation();
  const notice = useAppStore((state) => state.notice);
  const clear = useAppStore((state) => state.clearNotice);
  if (notice === null) return null;
  const text = 'error' in notice ? describeError(notice.error) : sayCoreText(notice.text, notice.english);
  return (
    <div className="app-notice notice notice--warning" role="alert" data-testid="app-notice">
      <ToneIcon tone="warning" size={20} />
      <span>{text}</span>
      <button type="button" className="link-button" onClick={clear}>
        {t('app.dismiss')}
      </button>
    </div>
  );
}
