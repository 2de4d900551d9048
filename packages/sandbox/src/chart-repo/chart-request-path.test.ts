import { describe, expect, it } from 'vitest';

import { resolveChartRequestPath } from './chart-request-path.js';

describe('resolveChartRequestPath', () => {
  it.each([
    ['/index.yaml', ['index.yaml'], 'application/x-yaml'],
    ['/index.yaml?cache=1', ['index.yaml'], 'application/x-yaml'],
    ['/podinfo-6.2.2.tgz', ['podinfo-6.2.2.tgz'], 'application/gzip'],
    ['/stable/podinfo-6.2.2.tgz', ['stable', 'podinfo-6.2.2.tgz'], 'application/gzip'],
    ['/my%20chart-1.0.0.tgz', ['my chart-1.0.0.tgz'], 'application/gzip'],
  ])('serves %s', (url, segments, contentType) => {
    expect(resolveChartRequestPath(url)).toEqual({ kind: 'file', segments, contentType });
  });

  it.each([
    [undefined, 400],
    ['index.yaml', 400],
    ['/../etc/passwd', 400],
    ['/charts/../../etc/passwd', 400],
    ['/%2e%2e/etc/passwd', 400],
    ['/%2E%2E%2Fetc%2Fpasswd', 400],
    ['/./index.yaml', 400],
    ['/index.yaml%00.tgz', 400],
    ['/..\\etc\\passwd', 400],
    ['/%zz.tgz', 400],
    ['/', 404],
    ['/charts/', 404],
    ['//index.yaml', 404],
    ['/.hidden.tgz', 404],
    ['/.git/index.yaml', 404],
    ['/Chart.yaml', 404],
    ['/etc/passwd', 404],
    ['/.tgz', 404],
    ['/index.yml', 404],
  ])('rejects %s with %i', (url, status) => {
    expect(resolveChartRequestPath(url)).toEqual({ kind: 'reject', status });
  });
});
