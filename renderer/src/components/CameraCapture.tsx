import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Photos go to the desk as JPEG at this quality: a damaged box is legible, the file stays small. */
const JPEG_QUALITY = 0.85;
/** The longest side of a photo kept: enough to read a label or see a dent. */
const MAX_PHOTO_SIDE_PX = 1600;

export interface CapturedPhoto {
  readonly contentType: 'image/jpeg';
  /** The JPEG bytes in base64, as `packages.addPhoto` takes them. */
  readonly data: string;
}

/**
 * The camera at the dock (getUserMedia, video only): a live picture and Take photo. The stream is
 * stopped when the component goes, so the camera light goes out with it. A desk without a camera,
 * or one the operator refused, says so and the package can still be marked damaged.
 */
export function CameraCapture({ onPhoto }: { readonly onPhoto: (photo: CapturedPhoto) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'starting' | 'live' | 'unavailable'>('starting');

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (media?.getUserMedia === undefined) {
      setState('unavailable');
      return;
    }
    media
      .getUserMedia({ video: true, audio: false })
      .then((opened) => {
        if (stopped) {
          opened.getTracks().forEach((track) => track.stop());
          return;
        }
        stream = opened;
        if (video.current !== null) {
          video.current.srcObject = opened;
          void video.current.play().catch(() => undefined);
        }
        setState('live');
      })
      .catch(() => setState('unavailable'));
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  function take() {
    const element = video.current;
    if (element === null || element.videoWidth === 0) return;
    const scale = Math.min(1, MAX_PHOTO_SIDE_PX / Math.max(element.videoWidth, element.videoHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(element.videoWidth * scale);
    canvas.height = Math.round(element.videoHeight * scale);
    canvas.getContext('2d')?.drawImage(element, 0, 0, canvas.width, canvas.height);
    const url = canvas.toDataURL('image/jpeg', JPEG_QUALITY);
    onPhoto({ contentType: 'image/jpeg', data: url.slice(url.indexOf(',') + 1) });
  }

  return (
    <div className="camera" data-testid="camera">
      {state === 'unavailable' ? (
        <p className="notice notice--warning" role="status" data-testid="camera-unavailable">
          {t('damage.cameraUnavailable')}
        </p>
      ) : (
        <>
          <video ref={video} className="camera__video" muted playsInline aria-label={t('damage.cameraView')} data-testid="camera-video" />
          <button type="button" className="button" onClick={take} disabled={state !== 'live'} data-testid="camera-take">
            {t('damage.takePhoto')}
          </button>
        </>
      )}
    </div>
  );
}
