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
}

/** Adds figures to results.json (bench files run one after another, each adding its own). */
export function recordFigures(figures: readonly Figure[]): void {
  const existing = existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as { figures: Figure[] }) : { figures: [] };
  const names = new Set(figures.map((figure) => figure.name));
  const merged = [...existing.figures.filter((figure) => !names.has(figure.name)), ...figures];
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), machine: machineLine(), figures: merged }, null, 2)}\n`,
  );
  for (const figure of figures) {
    console.log(`${figure.name}: ${round(figure.value)} ${figure.unit}${figure.target === null ? '' : ` (target ${figure.target}: ${figure.met === true ? 'met' : 'MISSED'})`}`);
  }
}

export const round = (value: number) => (Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100);

export function atMost(name: string, value: number, unit: string, limit: number, detail: string): Figure {
  return { name, value: round(value), unit, target: `<= ${limit}`, met: value <= limit, detail };
}

export function atLeast(name: string, value: number, unit: string, limit: number, detail: string): Figure {
  return { name, value: round(value), unit, target: `>= ${limit}`, met: value >= limit, detail };
}

export function reported(name: string, value: number, unit: string, detail: string): Figure {
  return { name, value: round(value), unit, target: null, met: null, detail };
}

function machineLine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
