/** The hub's migrations, in order. Add the next number at the end; never change a shipped one. */
import { initialSchema } from './001-initial';
import { boardSchema } from './002-board';
import type { HubMigration } from './migration-types';

export const HUB_MIGRATIONS: readonly HubMigration[] = [initialSchema, boardSchema];
