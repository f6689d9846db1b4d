import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer build: relative asset paths, so the same files load from app:// (Electron)
// and from http://127.0.0.1 (web mode).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  logLevel: 'warn',
});
