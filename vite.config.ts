import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The renderer is one static bundle served two ways: from file:// inside Electron and from
// http://127.0.0.1 by the web host. Relative asset URLs (base './') work in both.
export default defineConfig({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Electron 45 and current Chromium: no need to down-level.
    target: 'es2022',
    // recharts alone is ~400 kB; a single local bundle loads instantly, so do not nag about it.
    chunkSizeWarningLimit: 1500,
  },
});
