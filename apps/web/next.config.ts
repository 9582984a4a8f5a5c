import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const JS_EXTENSION_LOADER = fileURLToPath(new URL('./js-extension-loader.cjs', import.meta.url));

const config: NextConfig = {
  // Internal workspace packages ship TypeScript source, so Next must compile them.
  transpilePackages: ['@nimbus/ui', '@nimbus/core', '@nimbus/shared', '@nimbus/db'],
  // Native addons and Node-only libraries are loaded at runtime instead of being bundled.
  serverExternalPackages: ['@node-rs/argon2', 'pg', '@prisma/adapter-pg', 'pino', 'ioredis'],
  poweredByHeader: false,
  typedRoutes: false,
  turbopack: {
    rules: {
      '*.ts': [{ condition: { not: 'foreign' }, loaders: [JS_EXTENSION_LOADER] }],
      '*.tsx': [{ condition: { not: 'foreign' }, loaders: [JS_EXTENSION_LOADER] }],
    },
  },
  experimental: {
    // The @nimbus/ui barrel re-exports every component; rewriting barrel imports to direct
    // module imports keeps unused components out of each page's client bundle (login < 300 KB).
    optimizePackageImports: ['@nimbus/ui', 'radix-ui'],
  },
};

export default config;
