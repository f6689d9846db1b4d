import { useEffect } from 'react';
import { useScanStation } from '../state/scan-station-store';
import { usePreferences } from '../state/preferences-store';
import { playTone } from './tones';

/** Plays the verdict's tone once per verdict, unless sound is off. */
export function useVerdictSound(): void {
  useEffect(
    () =>
      useScanStation.subscribe((state, previous) => {
        const verdict = state.verdict;
        if (verdict === null || verdict.sequence === previous.verdict?.sequence) return;
        const { soundOn, volume } = usePreferences.getState();
        if (soundOn) playTone(verdict.tone, volume);
      }),
    [],
  );
}
