import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskCore } from '../../main/core/desk-core';
import { benchJobs, jobDocumentOf, LARGE } from './bench-data';
import { benchDir } from './bench-dir';
import { atMost, recordFigures, reported } from './results';
import { median, nowMs } from './stats';

const ROUNDS = 3;

function freshFile(label: string): string {
  const folder = path.join(benchDir(), 'import', label);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  return path.join(folder, 'desk.sqlite');
}

describe(`import of a ${LARGE.jobs}-job list document`, () => {
  it('jobs.import against a bare insert of the same rows', async () => {
    const jobs = benchJobs();
    const documents = jobs.map(jobDocumentOf);
    const listText = JSON.stringify({ value: documents });
    const importTimes: number[] = [];
    const bareTimes: number[] = [];

    const importSide = async (round: number) => {
      const core = createDeskCore({ databaseFile: freshFile(`core-${round}`) });
      const started = nowMs();
      const envelope = await core.dispatch('jobs.import', { document: listText });
      const elapsed = nowMs() - started;
      core.close();
      if (!envelope.ok) throw new Error(envelope.error.message);
      expect((envelope.value as { jobs: unknown[] }).jobs).toHaveLength(jobs.length);
      importTimes.push(elapsed);
    };
    // The baseline: the rows jobs.import writes, inserted with prepared statements in one transaction,
    // into the same schema with the same pragmas; the document is parsed once, unchecked.
    const bareSide = (round: number) => {
      const file = freshFile(`bare-${round}`);
      createDeskCore({ databaseFile: file }).close();
      const db = new BetterSqlite3(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      const insertJob = db.prepare(`INSERT INTO jobs (name, job_type, state, cancel_requested, tracking_number, carrier_name,
          declared_drive_count, document_json, imported_at, updated_at) VALUES (?, 'Import', ?, 0, ?, 'UPS', ?, ?, ?, ?)`);
      const insertDrive = db.prepare('INSERT INTO drives (job_id, serial, drive_id_raw, state) VALUES (?, ?, ?, ?)');
      const started = nowMs();
      const parsed = JSON.parse(listText) as { value: { name: string; properties: { state: string; deliveryPackage: { trackingNumber: string; driveCount: number }; driveList: { driveId: string; state: string }[] } }[] };
      const at = new Date().toISOString();
      db.transaction(() => {
        for (const document of parsed.value) {
          const { properties } = document;
          const id = Number(insertJob.run(document.name, properties.state, properties.deliveryPackage.trackingNumber, properties.deliveryPackage.driveCount, JSON.stringify(document), at, at).lastInsertRowid);
          for (const drive of properties.driveList) insertDrive.run(id, drive.driveId, drive.driveId, drive.state);
        }
      })();
      bareTimes.push(nowMs() - started);
      db.close();
    };
    for (let round = 0; round < ROUNDS; round += 1) {
      if (round % 2 === 0) {
        await importSide(round);
        bareSide(round);
      } else {
        bareSide(round);
        await importSide(round);
      }
    }
    const ratios = importTimes.map((time, index) => time / (bareTimes[index] ?? Number.NaN));
    recordFigures([
      atMost('import: ratio to a bare insert of the same rows', median(ratios), '×', 3, `${jobs.length} jobs, ${jobs.length * LARGE.drivesPerJob} drives, ${(listText.length / 2 ** 20).toFixed(1)} MB of JSON; median of ${ROUNDS} alternating rounds`),
      reported('import: jobs.import time', median(importTimes), 'ms', 'parse, schema check of every document, serial checks, one transaction'),
      reported('import: bare insert time', median(bareTimes), 'ms', 'JSON.parse and prepared inserts in one transaction'),
    ]);
  });
});
