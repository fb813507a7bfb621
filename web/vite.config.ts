// The staff web app's build: React, bundled whole into web/dist (no CDN). In development
// (`npx vite web`), /api goes to a running `arrears start` on port 3000.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The first screen loads the app shell; charts (recharts) come with the screens that draw them.
    chunkSizeWarningLimit: 600,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
