import type { RootCauseDto } from '@tideline/server';

type Link = RootCauseDto['chain'][number];

/** How a link of a root-cause chain relates to the one before it, in words. Pure. */
export function relationWords(link: Pick<Link, 'relation' | 'kind'>): string {
  switch (link.relation) {
    case 'self':
      return 'The object';
    case 'source':
      return link.kind === 'HelmChart' ? 'its chart' : 'its source';
    case 'dependsOn':
      return 'a dependency';
    case 'policy':
      return 'its image policy';
    case 'workload':
      return 'an object it applies';
  }
}

/** `Kind namespace/name` (`Kind name` when cluster-scoped). Pure. */
export function linkName(link: Pick<Link, 'kind' | 'namespace' | 'name'>): string {
  return `${link.kind} ${link.namespace ? `${link.namespace}/` : ''}${link.name}`;
}

/** A commit as people read it: its first seven characters. Pure. */
export function shortCommit(commit: string): string {
  return commit.slice(0, 7);
}
