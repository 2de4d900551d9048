import { formatDuration, SOURCE_API_VERSION, type KubeObject } from '@tideline/core';
import { UsageError } from './cli-error.js';
import {
  booleanFlag,
  durationFlag,
  listFlag,
  stringFlag,
  type CliCommand,
  type CommandContext,
} from './command.js';
import { CREATE_FLAGS, labelsFlag, runCreate, validateName } from './create-flow.js';
import { artifactLines, FETCH_TIMEOUT_FLAG, secretObject } from './create-source-parts.js';
import { readSecretFile } from './create-source-git.js';

type FluxSpecObject = KubeObject & { spec: Record<string, unknown> };

/** The flags of `create source helm` that shape the HelmRepository. */
export interface HelmSourceFlags {
  url?: string;
  secretRef?: string;
  passCredentials?: boolean;
  ociProvider?: string;
  intervalMs: number;
  fetchTimeoutMs?: number;
  labels?: Record<string, string>;
}

/** The HelmRepository `flux create source helm` generates (`oci://` makes it `type: oci`). Pure. */
export function helmRepositoryFromFlags(
  name: string,
  namespace: string,
  flags: HelmSourceFlags,
): FluxSpecObject {
  if (!flags.url) throw new UsageError('url is required');
  let url: URL;
  try {
    url = new URL(flags.url);
  } catch {
    throw new UsageError(`url parse failed: invalid URL "${flags.url}"`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!['http', 'https', 'oci'].includes(scheme))
    throw new UsageError(`url scheme '${scheme}' not supported, can be: http, https and oci`);
  if (!url.host) throw new UsageError('url host is required');
  const spec: Record<string, unknown> = { url: flags.url, interval: formatDuration(flags.intervalMs) };
  if (scheme === 'oci') {
    spec.type = 'oci';
    if (flags.ociProvider) spec.provider = flags.ociProvider;
  }
  if (flags.fetchTimeoutMs) spec.timeout = formatDuration(flags.fetchTimeoutMs);
  if (flags.secretRef) {
    spec.secretRef = { name: flags.secretRef };
    if (flags.passCredentials) spec.passCredentials = true;
  }
  return {
    apiVersion: SOURCE_API_VERSION,
    kind: 'HelmRepository',
    metadata: { name, namespace, ...(flags.labels ? { labels: flags.labels } : {}) },
    spec,
  };
}

/** The flags of `create source oci` that shape the OCIRepository. */
export interface OciSourceFlags {
  url?: string;
  tag?: string;
  semver?: string;
  digest?: string;
  secretRef?: string;
  serviceAccount?: string;
  certSecretRef?: string;
  provider?: string;
  insecure?: boolean;
  ignorePaths?: string[];
  layerSelector?: string;
  intervalMs: number;
  fetchTimeoutMs?: number;
  labels?: Record<string, string>;
}

/** `--layer-selector <media-type>:<operation>` as flux parses it. Pure. */
function layerSelector(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  const colon = text.lastIndexOf(':');
  if (colon <= 0)
    throw new UsageError(
      `invalid --layer-selector "${text}": must be in the format '<media-type>:<operation>'`,
    );
  const operation = text.slice(colon + 1);
  if (operation !== 'extract' && operation !== 'copy')
    throw new UsageError(`invalid --layer-selector "${text}": operation must be "extract" or "copy"`);
  return { mediaType: text.slice(0, colon), operation };
}

/** The OCIRepository `flux create source oci` generates. Pure. */
export function ociRepositoryFromFlags(
  name: string,
  namespace: string,
  flags: OciSourceFlags,
): FluxSpecObject {
  if (!flags.url) throw new UsageError('url is required');
  if (!flags.semver && !flags.tag && !flags.digest)
    throw new UsageError('--tag, --tag-semver or --digest is required');
  const ref: Record<string, string> = {};
  if (flags.digest) ref.digest = flags.digest;
  if (flags.semver) ref.semver = flags.semver;
  if (flags.tag) ref.tag = flags.tag;
  const spec: Record<string, unknown> = { url: flags.url, interval: formatDuration(flags.intervalMs), ref };
  if (flags.provider) spec.provider = flags.provider;
  if (flags.insecure) spec.insecure = true;
  if (flags.ignorePaths?.length) spec.ignore = flags.ignorePaths.join('\n');
  const selector = layerSelector(flags.layerSelector);
  if (selector) spec.layerSelector = selector;
  if (flags.fetchTimeoutMs) spec.timeout = formatDuration(flags.fetchTimeoutMs);
  if (flags.serviceAccount) spec.serviceAccountName = flags.serviceAccount;
  if (flags.secretRef) spec.secretRef = { name: flags.secretRef };
  if (flags.certSecretRef) spec.certSecretRef = { name: flags.certSecretRef };
  return {
    apiVersion: SOURCE_API_VERSION,
    kind: 'OCIRepository',
    metadata: { name, namespace, ...(flags.labels ? { labels: flags.labels } : {}) },
    spec,
  };
}

const fetchTimeout = (ctx: CommandContext): number | undefined =>
  stringFlag(ctx.flags, 'fetch-timeout') ? durationFlag(ctx.flags, 'fetch-timeout', '0') : undefined;

/** `helm-<name>` with the credentials flags, as flux's `sourcesecret.GenerateHelm`, if any were given. */
function helmSecret(ctx: CommandContext, name: string): (KubeObject & Record<string, unknown>) | undefined {
  const data: Record<string, string> = {};
  const username = stringFlag(ctx.flags, 'username');
  const password = stringFlag(ctx.flags, 'password');
  if (username) data.username = username;
  if (password) data.password = password;
  const caFile = stringFlag(ctx.flags, 'ca-file');
  if (caFile) data['ca.crt'] = readSecretFile(caFile, 'TLS CA file');
  const certFile = stringFlag(ctx.flags, 'cert-file');
  const keyFile = stringFlag(ctx.flags, 'key-file');
  if (certFile && keyFile) {
    data['tls.crt'] = readSecretFile(certFile, 'cert file');
    data['tls.key'] = readSecretFile(keyFile, 'key file');
  }
  return Object.keys(data).length > 0 ? secretObject(`helm-${name}`, ctx.namespace, data) : undefined;
}

async function runCreateHelm(ctx: CommandContext): Promise<number> {
  const name = validateName(ctx.positionals[0]);
  const object = helmRepositoryFromFlags(name, ctx.namespace, {
    url: stringFlag(ctx.flags, 'url'),
    secretRef: stringFlag(ctx.flags, 'secret-ref'),
    passCredentials: booleanFlag(ctx.flags, 'pass-credentials'),
    ociProvider: stringFlag(ctx.flags, 'oci-provider'),
    intervalMs: durationFlag(ctx.flags, 'interval', '1m'),
    fetchTimeoutMs: fetchTimeout(ctx),
    labels: labelsFlag(ctx),
  });
  const secret =
    booleanFlag(ctx.flags, 'export') || object.spec.secretRef ? undefined : helmSecret(ctx, name);
  if (secret) {
    object.spec.secretRef = { name: secret.metadata.name };
    if (booleanFlag(ctx.flags, 'pass-credentials')) object.spec.passCredentials = true;
  }
  return runCreate(ctx, {
    object,
    secrets: secret ? [secret] : [],
    label: 'HelmRepository source',
    createdLabel: 'source',
    // An OCI HelmRepository is static: flux has nothing to wait for.
    wait: object.spec.type !== 'oci',
    readyLines: (obj) => artifactLines('HelmRepository source', obj),
  });
}

async function runCreateOci(ctx: CommandContext): Promise<number> {
  const name = validateName(ctx.positionals[0]);
  const object = ociRepositoryFromFlags(name, ctx.namespace, {
    url: stringFlag(ctx.flags, 'url'),
    tag: stringFlag(ctx.flags, 'tag'),
    semver: stringFlag(ctx.flags, 'tag-semver'),
    digest: stringFlag(ctx.flags, 'digest'),
    secretRef: stringFlag(ctx.flags, 'secret-ref'),
    serviceAccount: stringFlag(ctx.flags, 'service-account'),
    certSecretRef: stringFlag(ctx.flags, 'cert-ref'),
    provider: stringFlag(ctx.flags, 'provider'),
    insecure: booleanFlag(ctx.flags, 'insecure'),
    ignorePaths: listFlag(ctx.flags, 'ignore-paths'),
    layerSelector: stringFlag(ctx.flags, 'layer-selector'),
    intervalMs: durationFlag(ctx.flags, 'interval', '1m'),
    fetchTimeoutMs: fetchTimeout(ctx),
    labels: labelsFlag(ctx),
  });
  return runCreate(ctx, {
    object,
    label: 'OCIRepository',
    generateLine: false,
    readyLines: (obj) => artifactLines('OCIRepository', obj),
  });
}

/** `tideline create source helm`. */
export const createSourceHelmCommand: CliCommand = {
  path: ['create', 'source', 'helm'],
  args: 'NAME',
  summary: 'Create or update a HelmRepository source, as `flux create source helm` does',
  cluster: true,
  flags: [
    {
      name: 'url',
      type: 'string',
      value: 'URL',
      description: 'Helm repository address (http, https or oci://)',
    },
    {
      name: 'username',
      short: 'u',
      type: 'string',
      value: 'USER',
      description: 'basic authentication username',
    },
    {
      name: 'password',
      short: 'p',
      type: 'string',
      value: 'PASSWORD',
      description: 'basic authentication password',
    },
    { name: 'cert-file', type: 'string', value: 'PATH', description: 'TLS authentication cert file path' },
    { name: 'key-file', type: 'string', value: 'PATH', description: 'TLS authentication key file path' },
    { name: 'ca-file', type: 'string', value: 'PATH', description: 'TLS authentication CA file path' },
    {
      name: 'secret-ref',
      type: 'string',
      value: 'NAME',
      description: 'an existing Secret with the credentials',
    },
    { name: 'pass-credentials', type: 'boolean', description: 'pass credentials to all domains' },
    { name: 'oci-provider', type: 'string', value: 'NAME', description: 'OCI provider for authentication' },
    FETCH_TIMEOUT_FLAG,
    ...CREATE_FLAGS,
  ],
  examples: ['tideline create source helm podinfo --url=https://stefanprodan.github.io/podinfo'],
  run: runCreateHelm,
};

/** `tideline create source oci`. */
export const createSourceOciCommand: CliCommand = {
  path: ['create', 'source', 'oci'],
  args: 'NAME',
  summary: 'Create or update an OCIRepository source, as `flux create source oci` does',
  cluster: true,
  flags: [
    { name: 'url', type: 'string', value: 'URL', description: 'the OCI repository URL (oci://…)' },
    { name: 'tag', type: 'string', value: 'TAG', description: 'the OCI artifact tag' },
    { name: 'tag-semver', type: 'string', value: 'RANGE', description: 'the OCI artifact tag semver range' },
    { name: 'digest', type: 'string', value: 'DIGEST', description: 'the OCI artifact digest' },
    {
      name: 'secret-ref',
      type: 'string',
      value: 'NAME',
      description: 'an image pull Secret (kubernetes.io/dockerconfigjson)',
    },
    {
      name: 'service-account',
      type: 'string',
      value: 'NAME',
      description: 'a ServiceAccount with image pull Secrets',
    },
    { name: 'cert-ref', type: 'string', value: 'NAME', description: 'a Secret with TLS certificates' },
    {
      name: 'provider',
      type: 'string',
      value: 'NAME',
      description: 'the OCI provider (generic, aws, azure, gcp)',
    },
    { name: 'insecure', type: 'boolean', description: 'allow plain HTTP to the registry' },
    { name: 'ignore-paths', type: 'string', multiple: true, value: 'PATH', description: 'paths to ignore' },
    {
      name: 'layer-selector',
      type: 'string',
      value: 'TYPE:OP',
      description: "the layer to use, '<media-type>:<extract|copy>'",
    },
    FETCH_TIMEOUT_FLAG,
    ...CREATE_FLAGS,
  ],
  examples: [
    'tideline create source oci podinfo --url=oci://ghcr.io/stefanprodan/manifests/podinfo --tag=6.3.5',
  ],
  run: runCreateOci,
};
