import { readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const __dirname = dirname(fileURLToPath(import.meta.url));

// Tests import workspace libraries from source, so no build is needed to run them.
const libs = readdirSync(resolve(__dirname, 'libs'));
const alias = Object.fromEntries(libs.map((name) => [`@memegraph/${name}`, resolve(__dirname, `libs/${name}/src/index.ts`)]));

export default defineConfig({
  // SWC emits decorator metadata, which Nest's dependency injection needs (esbuild does not).
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { alias },
  test: {
    include: ['libs/*/src/**/*.spec.ts', 'libs/*/test/**/*.spec.ts', 'apps/*/src/**/*.spec.ts', 'apps/*/test/**/*.spec.ts', 'test/**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
