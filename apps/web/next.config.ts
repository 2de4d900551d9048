import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const monorepoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The dashboard is served by the Tideline server's custom HTTP server (same origin as `/trpc`),
 * so there are no rewrites, API routes or remote assets here.
 */
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  productionBrowserSourceMaps: false,
  // Dependencies are hoisted to the monorepo root; tell Turbopack and file tracing where it is.
  turbopack: { root: monorepoRoot },
  outputFileTracingRoot: monorepoRoot,
};

export default nextConfig;
