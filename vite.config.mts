import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const renderer = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'renderer');

// The renderer build: relative asset paths, so the same files load from app:// (Electron)
// and from http://127.0.0.1 (web mode). Two entries: the desk (index.html) and the site board
// (board.html), which the hub serves at /board/ (docs/site-board.md); both share components and catalogues.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rollupOptions: {
      input: { desk: path.join(renderer, 'index.html'), board: path.join(renderer, 'board.html') },
    },
  },
  logLevel: 'warn',
});
