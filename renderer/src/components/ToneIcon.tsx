import type { Tone } from '../state/scan-station-store';

/** Shape as well as colour tells the verdict: a check, a triangle, a cross, a circle. */
export function ToneIcon({ tone, size = 48 }: { readonly tone: Tone; readonly size?: number }) {
  const common = { width: size, height: size, viewBox: '0 0 24 24', 'aria-hidden': true, focusable: false } as const;
  switch (tone) {
    case 'success':
      return (
        <svg {...common}>
          <circle cx="12" cy="12" r="11" fill="currentColor" opacity="0.18" />
          <path d="M6 12.5l4 4 8-9" fill="none" stroke="currentColor" strokeWidth="2.8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case 'warning':
      return (
        <svg {...common}>
          <path d="M12 2L23 21H1z" fill="currentColor" opacity="0.18" />
          <path d="M12 3L22.5 20.5H1.5z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
          <path d="M12 9v5" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />
          <circle cx="12" cy="17.5" r="1.5" fill="currentColor" />
        </svg>
      );
    case 'error':
      return (
        <svg {...common}>
          <circle cx="12" cy="12" r="11" fill="currentColor" opacity="0.18" />
          <path d="M7.5 7.5l9 9M16.5 7.5l-9 9" stroke="currentColor" strokeWidth="2.8" strokeLinecap="round" />
        </svg>
      );
    default:
      return (
        <svg {...common}>
          <circle cx="12" cy="12" r="11" fill="currentColor" opacity="0.18" />
          <path d="M12 10.5v7" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />
          <circle cx="12" cy="7" r="1.6" fill="currentColor" />
        </svg>
      );
  }
}
