import { useTranslation } from 'react-i18next';
import type { PhotoInfo } from '../../../shared/rpc/results';
import { useDeskQuery } from '../data/use-desk-query';
import { operatorWords } from '../i18n/data-words';

/** One photo of a package, read back from the desk (which checks its hash) and shown as an image. */
export function PhotoImage({ photo }: { readonly photo: PhotoInfo }) {
  const { t, i18n } = useTranslation();
  // A photo never changes once kept: no topic refreshes it.
  const query = useDeskQuery('packages.photo', { photoId: photo.id }, { refreshOn: [] });
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const alt = t('damage.photoAlt', { at: time.format(new Date(photo.takenAt)), operator: operatorWords(t, photo.operator) });
  if (query.error !== null) return <span className="notice notice--error">{t('damage.photoUnreadable')}</span>;
  if (query.data === null) return <span className="photo photo--loading" aria-busy="true" />;
  return (
    <a href={`data:${query.data.photo.contentType};base64,${query.data.data}`} target="_blank" rel="noreferrer" className="photo" data-testid="package-photo" data-sha256={photo.sha256}>
      <img src={`data:${query.data.photo.contentType};base64,${query.data.data}`} alt={alt} />
    </a>
  );
}

/** The photos of a package, newest last. */
export function PackagePhotos({ photos }: { readonly photos: readonly PhotoInfo[] }) {
  const { t } = useTranslation();
  if (photos.length === 0) return <p className="muted">{t('damage.noPhotos')}</p>;
  return (
    <ul className="photos" data-testid="package-photos">
      {photos.map((photo) => (
        <li key={photo.id}>
          <PhotoImage photo={photo} />
        </li>
      ))}
    </ul>
  );
}
