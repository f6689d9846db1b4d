import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackageInfo } from '../../../shared/rpc/results';
import { deskClient } from '../state/desk-client';
import { useDeskQuery } from '../data/use-desk-query';
import { describeError } from '../i18n/describe-error';
import { CameraCapture, type CapturedPhoto } from './CameraCapture';
import { PackagePhotos } from './PackagePhotos';

/**
 * A box damaged at the dock (docs/receiving-rules.md, "Damage at the dock"): what was seen, and
 * photos from the desk's camera. Each photo is kept as soon as it is taken; the mark is recorded
 * with the note. The camera stops when the dialog closes.
 */
export function DamageDialog({ pkg, onClose }: { readonly pkg: PackageInfo; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const history = useDeskQuery('packages.history', { packageId: pkg.id }, { refreshOn: ['packages'] });
  const [note, setNote] = useState(pkg.damageNote ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    dialogRef.current?.showModal();
  }, []);

  function close() {
    dialogRef.current?.close();
    onClose();
  }

  async function keep(photo: CapturedPhoto) {
    setSaving((count) => count + 1);
    const result = await deskClient().call('packages.addPhoto', { packageId: pkg.id, contentType: photo.contentType, data: photo.data });
    setSaving((count) => count - 1);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    setError(null);
    setSaved(t('damage.photoKept'));
    void history.refresh();
  }

  async function mark(event: FormEvent) {
    event.preventDefault();
    const result = await deskClient().call('packages.markDamaged', { packageId: pkg.id, note: note.trim() });
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    close();
  }

  const photos = history.data?.photos ?? [];
  return (
    <dialog
      ref={dialogRef}
      className="dialog dialog--wide"
      aria-labelledby="damage-title"
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      data-testid="damage-dialog"
    >
      <form onSubmit={(event) => void mark(event)}>
        <h2 id="damage-title">{t('damage.title', { tracking: pkg.trackingNumber })}</h2>
        <p>{t('damage.what')}</p>
        <label className="field">
          <span>{t('damage.note')}</span>
          <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={3} required data-testid="damage-note" />
        </label>
        <CameraCapture onPhoto={(photo) => void keep(photo)} />
        <p className="muted" role="status" data-testid="damage-photo-status">
          {saving > 0 ? t('damage.photoSaving') : (saved ?? '')}
        </p>
        <h3>{t('damage.photosTitle')}</h3>
        <PackagePhotos photos={photos} />
        {error === null ? null : (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="submit" className="button button--primary" disabled={saving > 0} data-testid="damage-save">
            {t('damage.save')}
          </button>
          <button type="button" className="button" onClick={close}>
            {t('supervisor.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
