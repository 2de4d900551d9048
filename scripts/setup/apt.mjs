// Installs the Debian packages the sandbox and the tests need, when running as root.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian packages, and why each is needed. */
export const DEBIAN_PACKAGES = {
  'etcd-server': 'the sandbox control plane stores its state in etcd',
  'golang-go':
    'builds kube-apiserver/controller-manager/scheduler from Debian source (once), and the Go test oracles',
  'golang-github-masterminds-semver-dev':
    'Masterminds semver v3 source for the Go oracle that differential-tests packages/core/src/semver (tests only)',
  'golang-github-go-git-go-git-dev':
    'go-git source for the Go oracle of the .sourceignore property test (fluxcd/pkg sourceignore copied its gitignore package; tests only)',
  'golang-github-ghodss-yaml-dev':
    'ghodss/yaml (what sigs.k8s.io/yaml forked, on go-yaml v2) for the Go oracle of the post-build YAML property test (tests only)',
  'golang-github-drone-envsubst-dev':
    'drone/envsubst (what fluxcd/pkg envsubst forked) for the Go oracle of the envsubst property test (tests only)',
  'golang-gopkg-yaml.v2-dev':
    'go-yaml v2 source for the Go oracle that differential-tests the HelmRelease config digest (tests only)',
  'golang-github-masterminds-sprig-dev':
    'Sprig 3 source (and Go text/template) for the Go oracle that differential-tests packages/core/src/template, the commit message templates of ImageUpdateAutomation (tests only)',
  rsync: 'used by the Kubernetes build',
  curl: "helm v4 post-renders only through plugins: Tideline's plugin is curl posting Helm's stream to the engine over a Unix socket",
  'docker-registry': 'the sandbox OCI registry (CNCF distribution)',
  skopeo: 'pushes images to the sandbox registry in tests',
  'apache2-utils': 'htpasswd for the registry basic-auth mode',
  git: 'sources are cloned with the git CLI; the sandbox Git server wraps git http-backend',
  gnupg:
    'GitRepository spec.verify checks commit and tag signatures with gpg (tests generate and sign with it too)',
  'openssh-client':
    'git over ssh:// runs OpenSSH (ssh) for GitRepository sources with an SSH identity; ssh-keygen verifies SSH-signed commits and tags for spec.verify',
  openssl:
    'the sandbox generates its test CA and TLS certificates (Git over HTTPS, mTLS, the server serving TLS and reloading rotated certificates) with the openssl CLI',
  chromium: 'e2e tests and screenshots run in Debian Chromium',
};

function isInstalled(pkg) {
  const res = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return res.status === 0 && res.stdout.includes('install ok installed');
}

/** Installs what is missing; returns the list of packages still missing (non-root, non-Debian). */
export function installDebianPackages(packages = Object.keys(DEBIAN_PACKAGES), log = console.log) {
  if (!existsSync('/usr/bin/dpkg-query')) return packages;
  const missing = packages.filter((p) => !isInstalled(p));
  if (missing.length === 0) return [];
  if (process.getuid?.() !== 0) {
    log(`⚠ missing Debian packages (run as root to install them): ${missing.join(' ')}`);
    return missing;
  }
  log(`› apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
  return [];
}
