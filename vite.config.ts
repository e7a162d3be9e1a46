import { defineConfig } from 'vite';

// The page: index.html + src/main.ts. Shaders are bundled as text (import.meta.glob ?raw), the
// CPU fallback runs in a module Web Worker.
// base './': every asset URL is relative, so the built folder works under any path (and offline).
export default defineConfig({
  base: './',
  server: { host: 'localhost', open: false },
  preview: { host: 'localhost' },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
