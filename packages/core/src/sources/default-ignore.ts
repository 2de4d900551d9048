/**
 * Flux's default exclusions when a source has no ignore rules of its own (fluxcd/pkg
 * SourceIgnoreFilter): VCS files always; images, archives, CI configs and a few tool files
 * otherwise. Pure.
 */
const VCS = ['.git', '.gitignore', '.gitmodules', '.gitattributes'];
const EXTENSIONS = ['.jpg', '.jpeg', '.gif', '.png', '.wmv', '.flv', '.tar.gz', '.zip'];
const CI_DIRS = ['.github', '.circleci'];
const FILES = [
  '.travis.yml',
  '.gitlab-ci.yml',
  'appveyor.yml',
  '.drone.yml',
  'cloudbuild.yaml',
  'codeship-services.yml',
  'codeship-steps.yml',
  '.goreleaser.yml',
  '.sops.yaml',
  '.flux.yaml',
];

/** Whether a path (slash-separated, relative) is excluded; `userRules` drops all but VCS. */
export function isExcludedByDefault(path: string, isDir: boolean, userRules = false): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (VCS.includes(base)) return true;
  if (userRules) return false;
  if (isDir) return CI_DIRS.includes(base);
  if (FILES.includes(base)) return true;
  const lower = base.toLowerCase();
  return EXTENSIONS.some((ext) => lower.endsWith(ext));
}
