/**
 * Generated tones, one per verdict class, distinct in pitch and rhythm so they are told apart
 * in a noisy room without looking: success one short high beep, warning two mid beeps,
 * error one long low buzz.
 */
import type { Tone } from '../state/scan-station-store';

interface Beep {
  readonly frequency: number;
  readonly seconds: number;
  readonly wave: OscillatorType;
}

const PATTERNS: Readonly<Record<Tone, readonly Beep[]>> = {
  success: [{ frequency: 1320, seconds: 0.09, wave: 'sine' }],
  info: [{ frequency: 990, seconds: 0.07, wave: 'sine' }],
  warning: [
    { frequency: 660, seconds: 0.12, wave: 'triangle' },
    { frequency: 660, seconds: 0.12, wave: 'triangle' },
  ],
  error: [{ frequency: 196, seconds: 0.45, wave: 'square' }],
};
const GAP_SECONDS = 0.08;
const ATTACK_SECONDS = 0.005;

let context: AudioContext | null = null;

/** Plays the tone of a verdict class at `volume` (0–1). Silently does nothing where audio is unavailable. */
export function playTone(tone: Tone, volume: number): void {
  if (volume <= 0 || typeof AudioContext === 'undefined') return;
  try {
    context ??= new AudioContext();
    let start = context.currentTime;
    for (const beep of PATTERNS[tone]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = beep.wave;
      oscillator.frequency.value = beep.frequency;
      gain.gain.setValueAtTime(0, start);
      gain.gain.linearRampToValueAtTime(volume, start + ATTACK_SECONDS);
      gain.gain.setValueAtTime(volume, start + beep.seconds - ATTACK_SECONDS);
      gain.gain.linearRampToValueAtTime(0, start + beep.seconds);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start);
      oscillator.stop(start + beep.seconds);
      start += beep.seconds + GAP_SECONDS;
    }
  } catch {
    // No audio device: the banner still says it all.
  }
}
