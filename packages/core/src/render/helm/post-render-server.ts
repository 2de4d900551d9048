import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { errorMessage } from '../../runtime/errors.js';
import { postRender, type KustomizeRunner, type PostRenderSpec } from './post-render.js';

/** The name of the Helm post-renderer plugin Tideline installs in its private plugin folder. */
export const POST_RENDER_PLUGIN = 'tideline-postrender';

/** Rendered streams beyond this size are refused. */
const MAX_STREAM_BYTES = 64 * 1024 * 1024;

/**
 * Helm 4 only post-renders through plugins. Spawning a Node process per Helm action would cost
 * tens of milliseconds each, so the plugin is `curl`, which posts Helm's stream over a Unix
 * socket (in a 0700 folder) to this in-process server; the engine transforms it and answers.
 * Each action registers its spec under a random token that the plugin URL carries, and the
 * last error per token is kept, because Helm only reports "plugin exited with error".
 */
export class PostRenderServer {
  private readonly specs = new Map<string, PostRenderSpec>();
  private readonly errors = new Map<string, string>();
  private server?: Server;

  private constructor(
    readonly pluginsDir: string,
    private readonly socketPath: string,
    private readonly runner: KustomizeRunner,
  ) {}

  /** Writes the plugin and listens on `<dir>/post-render.sock`. */
  static async start(dir: string, curlBin: string, runner: KustomizeRunner): Promise<PostRenderServer> {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const socketPath = join(dir, 'post-render.sock');
    if (socketPath.length > 100) throw new Error(`post-render socket path is too long: ${socketPath}`);
    rmSync(socketPath, { force: true });
    const pluginsDir = join(dir, 'plugins');
    const pluginDir = join(pluginsDir, POST_RENDER_PLUGIN);
    mkdirSync(pluginDir, { recursive: true, mode: 0o700 });
    const plugin = {
      apiVersion: 'v1',
      name: POST_RENDER_PLUGIN,
      version: '1.0.0',
      type: 'postrenderer/v1',
      runtime: 'subprocess',
      runtimeConfig: {
        platformCommand: [
          {
            command: curlBin,
            args: ['--silent', '--show-error', '--fail', '--unix-socket', socketPath, '--data-binary', '@-'],
          },
        ],
      },
    };
    writeFileSync(join(pluginDir, 'plugin.yaml'), stringify(plugin), { mode: 0o600 });
    const srv = new PostRenderServer(pluginsDir, socketPath, runner);
    await srv.listen();
    return srv;
  }

  private listen(): Promise<void> {
    this.server = createServer((req, res) => {
      const token = /^\/render\/([0-9a-f]{32})$/.exec(req.url ?? '')?.[1];
      const spec = token ? this.specs.get(token) : undefined;
      if (!token || !spec || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_STREAM_BYTES) req.destroy();
        else chunks.push(c);
      });
      req.on('end', () => {
        postRender(Buffer.concat(chunks).toString('utf8'), spec, this.runner).then(
          (out) => res.writeHead(200, { 'content-type': 'application/yaml' }).end(out),
          (error: unknown) => {
            this.errors.set(token, errorMessage(error));
            res.writeHead(500).end();
          },
        );
      });
    });
    return new Promise((resolve, reject) => {
      this.server?.once('error', reject);
      // The engine's stop closes it; an idle socket must not keep a process alive on its own.
      this.server?.listen(this.socketPath, () => resolve());
      this.server?.unref();
    });
  }

  /** Registers an action's spec; the helm arguments that make Helm call it. */
  register(spec: PostRenderSpec): { token: string; args: string[] } {
    const token = randomBytes(16).toString('hex');
    this.specs.set(token, spec);
    return {
      token,
      args: [
        '--post-renderer',
        POST_RENDER_PLUGIN,
        '--post-renderer-args',
        `http://localhost/render/${token}`,
      ],
    };
  }

  /** Forgets a token; its last error, if any. */
  release(token: string): string | undefined {
    this.specs.delete(token);
    const error = this.errors.get(token);
    this.errors.delete(token);
    return error;
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    rmSync(this.socketPath, { force: true });
  }
}
