import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const RESULTS_FILE = path.join(__dirname, 'results.json');

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** e.g. "<= 1.5"; null for a figure that is reported, not judged. */
  readonly target: string | null;
  readonly met: boolean | null;
  /** What it was compared against, and how it was measured. */
  readonly detail: string;
  /** What lies behind the figure (a profile, the pages written): printed with a missed target. */
  readonly profile?: string;
  /**
   * The machine's 1-minute load average when the figure was recorded (the end of its benchmark):
   * the machine is shared, so a figure is read beside how busy it was.
   */
  readonly load?: number;
}

/** What the run ran on, beside the figures: the machine, and where the data lived. */
export interface RunFacts {
  /** The file system of the folder the benchmarks' databases live in (bench-dir.ts fileSystemOf). */
  readonly fileSystem?: string;
}

/**
 * Adds figures to results.json (bench files run one after another, each adding its own). This is
 * the interface every benchmark file uses, the hub's included: figures built with atMost / atLeast
 * / reported, each with its target; `npm run bench` prints them all and fails on a missed one.
 */
export function recordFigures(figures: readonly Figure[], facts: RunFacts = {}): void {
  const existing = existsSync(RESULTS_FILE)
    ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as { figures: Figure[]; facts?: RunFacts })
    : { figures: [], facts: {} };
  const names = new Set(figures.map((figure) => figure.name));
  const load = Math.round((os.loadavg()[0] ?? Number.NaN) * 10) / 10;
  const merged = [...existing.figures.filter((figure) => !names.has(figure.name)), ...figures.map((figure) => ({ ...figure, load }))];
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), machine: machineLine(), facts: { ...existing.facts, ...facts }, figures: merged }, null, 2)}\n`,
  );
  for (const figure of figures) {
    console.log(`${figure.name}: ${round(figure.value)} ${figure.unit}${figure.target === null ? '' : ` (target ${figure.target}: ${figure.met === true ? 'met' : 'MISSED'})`}, load ${load}`);
  }
}

export const round = (value: number) => (Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100);

/** A figure that must stay at or under `limit`; a value that could not be measured (NaN) is a miss. */
export function atMost(name: string, value: number, unit: string, limit: number, detail: string, profile?: string): Figure {
  return { name, value: round(value), unit, target: `<= ${limit}`, met: value <= limit, detail, ...(profile === undefined ? {} : { profile }) };
}

export function atLeast(name: string, value: number, unit: string, limit: number, detail: string, profile?: string): Figure {
  return { name, value: round(value), unit, target: `>= ${limit}`, met: value >= limit, detail, ...(profile === undefined ? {} : { profile }) };
}

export function reported(name: string, value: number, unit: string, detail: string): Figure {
  return { name, value: round(value), unit, target: null, met: null, detail };
}

function machineLine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
