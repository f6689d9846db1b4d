import type { Migration } from '../migration-types';
import { migration001InitialSchema } from './001-initial-schema';
import { migration002UndoAndPurge } from './002-undo-and-purge';
import { migration003Sync } from './003-sync';
import { migration004Labels } from './004-labels';
import { migration005Operators } from './005-operators';
import { migration006LeanScanPath } from './006-lean-scan-path';
import { migration007OutboxKept } from './007-outbox-kept';
import { migration008OutboxKeyedByTransition } from './008-outbox-keyed-by-transition';
import { migration009LogIsTheQueue } from './009-log-is-the-queue';
import { migration010SupervisorsDesk } from './010-supervisors-desk';

/** Every migration, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration001InitialSchema, migration002UndoAndPurge, migration003Sync, migration004Labels, migration005Operators, migration006LeanScanPath, migration007OutboxKept, migration008OutboxKeyedByTransition, migration009LogIsTheQueue, migration010SupervisorsDesk];
