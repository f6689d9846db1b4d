import type { ComponentType } from 'react';
import type { ScreenId } from '../../../shared/ui/screens';
import { DeadlinesScreen } from './DeadlinesScreen';
import { JobsScreen } from './JobsScreen';
import { PackagesScreen } from './PackagesScreen';
import { PrintCentreScreen } from './PrintCentreScreen';
import { ReportsScreen } from './ReportsScreen';
import { ScanStationScreen } from './ScanStationScreen';
import { ScannerScreen } from './ScannerScreen';
import { SettingsScreen } from './SettingsScreen';
import { ShiftsScreen } from './ShiftsScreen';
import { SyncScreen } from './SyncScreen';

/** Each screen of shared/ui/screens.ts and the component that draws it; a missing one fails the type check. */
export const SCREEN_COMPONENTS: Readonly<Record<ScreenId, ComponentType>> = {
  scan: ScanStationScreen,
  jobs: JobsScreen,
  packages: PackagesScreen,
  deadlines: DeadlinesScreen,
  reports: ReportsScreen,
  shifts: ShiftsScreen,
  prints: PrintCentreScreen,
  sync: SyncScreen,
  scanner: ScannerScreen,
  settings: SettingsScreen,
};
