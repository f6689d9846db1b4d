import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const RENDERER = path.resolve(__dirname, '..', '..', 'renderer', 'src');
/** Attributes a person reads or a screen reader speaks. */
const SPOKEN_ATTRIBUTES = new Set(['title', 'placeholder', 'alt', 'aria-label', 'aria-description', 'aria-valuetext', 'label']);
/** Text that is the same in every language: symbols, units, codes. */
const LANGUAGE_NEUTRAL = /^[\s\d.,:;·→←×/()[\]{}#%+\-–—?!⚠✕✓‖⚑…'"°|*=<>@&_]*$|^\d+ dpi$|^https:\/\/$/u;
/** A string a person would read: two words of letters. */
const SENTENCE_LIKE = /\p{L}{2,}\s+\p{L}{2,}/u;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(full) ? [full] : [];
  });
}

/** Each file is parsed once and read by both checks below (parsing is most of their cost). */
const parsed = new Map<string, ts.SourceFile>();
function parse(fileName: string, text: string): ts.SourceFile {
  const key = `${fileName}\0${text}`;
  let source = parsed.get(key);
  if (source === undefined) {
    source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    parsed.set(key, source);
  }
  return source;
}

/**
 * The two checks over the whole renderer parse every file with the TypeScript compiler: about 1 s on an
 * idle core here, 6-7 s at the load average of ~25 this shared machine reaches, past vitest's 5 s default.
 * The timeout guards against a hang, not speed (what they check does not depend on it).
 */
const WHOLE_RENDERER_TIMEOUT_MS = 60_000;

function isInside(node: ts.Node, test: (ancestor: ts.Node) => boolean): boolean {
  for (let current = node.parent; current !== undefined; current = current.parent) if (test(current)) return true;
  return false;
}

/** Developer-facing or checked elsewhere: thrown errors, error envelopes, console lines, imports, JSX attributes. */
function isSilentContext(node: ts.Node): boolean {
  return isInside(
    node,
    (ancestor) =>
      ts.isImportDeclaration(ancestor) ||
      (ts.isNewExpression(ancestor) && /Error$/.test(ancestor.expression.getText())) ||
      (ts.isCallExpression(ancestor) && /^console\./.test(ancestor.expression.getText())) ||
      // An error envelope's English message is for scripts and logs; its key is what a screen says.
      (ts.isCallExpression(ancestor) && ancestor.expression.getText() === 'fail') ||
      // Attributes: silent ones never show, spoken ones are checked on their own above.
      ts.isJsxAttribute(ancestor),
  );
}

/** Every literal a person would read in a renderer file, with where it is. */
export function literalStringsIn(fileName: string, text: string): string[] {
  const source = parse(fileName, text);
  const found: string[] = [];
  const where = (node: ts.Node) => `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      const value = node.getText().trim();
      if (value !== '' && !LANGUAGE_NEUTRAL.test(value)) found.push(`${where(node)} text "${value}"`);
    } else if (ts.isJsxAttribute(node) && SPOKEN_ATTRIBUTES.has(node.name.getText()) && node.initializer !== undefined) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init) ? init : ts.isJsxExpression(init) && init.expression !== undefined && ts.isStringLiteralLike(init.expression) ? init.expression : null;
      if (literal !== null && !LANGUAGE_NEUTRAL.test(literal.text)) found.push(`${where(node)} ${node.name.getText()}="${literal.text}"`);
    } else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && SENTENCE_LIKE.test(node.text) && !isSilentContext(node)) {
      found.push(`${where(node)} "${node.text}"`);
    } else if (ts.isTemplateExpression(node) && SENTENCE_LIKE.test(node.getText()) && !isSilentContext(node)) {
      found.push(`${where(node)} ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Places that read an error's English `message` instead of saying it with describeError. */
export function englishErrorReads(fileName: string, text: string): string[] {
  const source = parse(fileName, text);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'message' && /error$/i.test(node.expression.getText())) {
      found.push(`${fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('user-facing strings', () => {
  it('come from the catalogues: no renderer file holds a literal a person would read', () => {
    const files = sourceFiles(RENDERER);
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap((file) => literalStringsIn(path.relative(RENDERER, file), readFileSync(file, 'utf8')))).toEqual([]);
  }, WHOLE_RENDERER_TIMEOUT_MS);

  it('the check finds literals in text, in spoken attributes and in code, and lets keys and class names pass', () => {
    const probe = `
      import { x } from 'some module';
      const a = <p title="Close it" className="scan form">Close the package {t('scan.close')}</p>;
      const b = setError('The printer is off');
      const c = <span aria-label={'Next package'} data-testid="tally extra">→ 12 ✓</span>;
      throw new Error('the desk client is used too early');`;
    expect(literalStringsIn('probe.tsx', probe).map((entry) => entry.replace(/^probe\.tsx:\d+ /, ''))).toEqual([
      'title="Close it"',
      'text "Close the package"',
      '"The printer is off"',
      'aria-label="Next package"',
    ]);
  });

  it('errors reach the screen only through describeError, never as the core\'s English message', () => {
    const files = sourceFiles(RENDERER).filter((file) => !file.endsWith(path.join('i18n', 'describe-error.ts')));
    expect(files.flatMap((file) => englishErrorReads(path.relative(RENDERER, file), readFileSync(file, 'utf8')))).toEqual([]);
    expect(englishErrorReads('probe.tsx', 'setError(result.error.message);')).toHaveLength(1);
  }, WHOLE_RENDERER_TIMEOUT_MS);
});
