import { existsSync } from 'node:fs';
import { join } from 'node:path';
import next from 'next';
import type { PageHandler } from './http-server.js';

/** The part of Next's custom-server API we use. */
interface NextApp {
  prepare(): Promise<void>;
  getRequestHandler(): (req: Parameters<PageHandler>[0], res: Parameters<PageHandler>[1]) => Promise<void>;
}

// Next is CommonJS: at runtime its default import is the factory, though its types describe a namespace.
const createNextApp = next as unknown as (options: {
  dev: boolean;
  dir: string;
  hostname: string;
  port: number;
  quiet: boolean;
}) => NextApp;

/** Loads the built Next.js app in production mode and returns its request handler. */
export async function loadNextPages(webDir: string, hostname: string, port: number): Promise<PageHandler> {
  if (!existsSync(join(webDir, '.next', 'BUILD_ID'))) {
    throw new Error(`the dashboard is not built (${webDir}/.next is missing): run \`npm run build\` first`);
  }
  const app = createNextApp({ dev: false, dir: webDir, hostname, port, quiet: true });
  await app.prepare();
  const handle = app.getRequestHandler();
  return (req, res) => handle(req, res);
}
