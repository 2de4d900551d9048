import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_EVENT as event, GOLDEN_SHA as SHA, json, sendToSink } from '../../testing/provider-sink.js';
import { startWebhookSink, type SinkRequest, type WebhookSink } from '../../testing/sandbox.js';
import type { FluxEvent } from '../event.js';
import type { NotifierOptions } from './index.js';

let sink: WebhookSink;
beforeAll(async () => {
  sink = await startWebhookSink();
});
afterAll(async () => {
  await sink?.stop();
});
const send = (type: string, over: Partial<NotifierOptions>, e: FluxEvent = event): Promise<SinkRequest[]> =>
  sendToSink(sink, type, over, e);

describe('commit status providers (golden)', () => {
  it('commit statuses: github, gitlab, gitea, bitbucket, bitbucketserver, azuredevops', async () => {
    const gh = await send('github', {
      url: `${sink.url}/org/app.git`,
      token: 'ght',
      commitStatus: 'kustomization/web/0c9c2e41',
    });
    expect(gh.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /api/v3/repos/org/app/commits/${SHA}/statuses?per_page=50`,
      `POST /api/v3/repos/org/app/statuses/${SHA}`,
    ]);
    expect(gh[1]?.headers.authorization).toBe('Bearer ght');
    expect(json(gh[1])).toEqual({
      state: 'failure',
      description: 'health check failed',
      context: 'kustomization/web/0c9c2e41',
    });
    const gl = await send('gitlab', { url: `${sink.url}/group/app`, token: 'glt', commitStatus: 'cs' });
    expect(gl.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /api/v4/projects/group%2Fapp/repository/commits/${SHA}/statuses?name=cs`,
      `POST /api/v4/projects/group%2Fapp/statuses/${SHA}`,
    ]);
    expect(gl[1]?.headers['private-token']).toBe('glt');
    expect(json(gl[1])).toEqual({ state: 'failed', name: 'cs', description: 'health check failed' });
    const gt = await send('gitea', { url: `${sink.url}/org/app`, token: 'gtt', commitStatus: 'cs' });
    expect(gt[1]?.path).toBe(`/api/v1/repos/org/app/statuses/${SHA}`);
    expect(gt[1]?.headers.authorization).toBe('token gtt');
    expect(json(gt[1])).toEqual({
      state: 'failure',
      target_url: '',
      description: 'health check failed',
      context: 'cs',
    });
    const bb = await send('bitbucket', {
      url: 'https://bitbucket.org/org/app',
      token: 'user:pass',
      commitStatus: 'cs',
    });
    const key = createHash('sha1').update('cs').digest('hex');
    expect(bb.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /bb/2.0/repositories/org/app/commit/${SHA}/statuses/build/${key}`,
      `POST /bb/2.0/repositories/org/app/commit/${SHA}/statuses/build`,
    ]);
    expect(json(bb[1])).toEqual({
      key,
      url: 'https://bitbucket.org',
      state: 'FAILED',
      name: 'kustomization/web',
      description: 'health check failed',
    });
    const bbs = await send('bitbucketserver', {
      url: `${sink.url}/scm/prj/app.git`,
      token: 'bst',
      commitStatus: 'cs',
    });
    expect(bbs.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /rest/api/latest/projects/prj/repos/app/commits/${SHA}/builds?key=${key}`,
      `POST /rest/api/latest/projects/prj/repos/app/commits/${SHA}/builds`,
    ]);
    expect(bbs[1]?.headers).toMatchObject({ authorization: 'Bearer bst', 'x-atlassian-token': 'no-check' });
    expect(bbs[1]?.body).toBe(
      `{"description":"health check failed","key":"${key}","name":"kustomization/web [health check failed]","state":"FAILED","url":"${sink.url}/scm/prj/app.git"}\n`,
    );
    const az = await send('azuredevops', {
      url: `${sink.url}/org/proj/_git/app`,
      token: 'pat',
      commitStatus: 'cs',
    });
    expect(az[1]?.path).toBe(`/org/proj/_apis/git/repositories/app/commits/${SHA}/statuses?api-version=6.0`);
    expect(az[1]?.headers.authorization).toBe(`Basic ${Buffer.from(':pat').toString('base64')}`);
    expect(json(az[1])).toEqual({
      context: { genre: 'fluxcd:prod', name: 'cs' },
      description: 'health check failed',
      state: 'error',
    });
  });

  it('commit-status providers skip Progressing and need a revision', async () => {
    expect(
      await send(
        'github',
        { url: `${sink.url}/o/r`, token: 't', commitStatus: 'c' },
        { ...event, reason: 'Progressing' },
      ),
    ).toEqual([]);
    await expect(
      send('github', { url: `${sink.url}/o/r`, token: 't', commitStatus: 'c' }, { ...event, metadata: {} }),
    ).rejects.toThrow('missing revision metadata');
  });
});
