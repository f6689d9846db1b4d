/**
 * DejaVu Sans covers Latin (with Czech, Swedish, Portuguese and Spanish letters) and Cyrillic: a
 * customer's address prints as written. Resolved from node_modules at run time, so the bundles and
 * the packaged app read the same file.
 */
export function labelFontFile(weight: 'regular' | 'bold'): string {
  return require.resolve(`dejavu-fonts-ttf/ttf/${weight === 'bold' ? 'DejaVuSans-Bold.ttf' : 'DejaVuSans.ttf'}`);
}
