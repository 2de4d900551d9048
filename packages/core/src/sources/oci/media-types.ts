/** OCI and Docker media types the client negotiates, and the ones Flux gives its artifacts. */
export const MediaType = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  /** `flux push artifact`'s config blob. */
  fluxConfig: 'application/vnd.cncf.flux.config.v1+json',
  /** `flux push artifact`'s single layer: a tar.gz of the pushed directory. */
  fluxContent: 'application/vnd.cncf.flux.content.v1.tar+gzip',
  /** `helm push`'s chart layer (the packaged `.tgz`). */
  helmChartContent: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
  /** The chart layer type of Helm's experimental OCI support (before 3.8), still read by Helm. */
  helmLegacyChartContent: 'application/tar+gzip',
  /** `helm push`'s config blob (the chart's metadata as JSON). */
  helmConfig: 'application/vnd.cncf.helm.config.v1+json',
} as const;

/** The Accept header for manifest requests: every manifest and index type we can read. */
export const MANIFEST_ACCEPT = [
  MediaType.ociManifest,
  MediaType.ociIndex,
  MediaType.dockerManifest,
  MediaType.dockerManifestList,
].join(', ');

/** Whether a manifest media type is an index (multi-platform list) rather than an image manifest. Pure. */
export function isIndexMediaType(mediaType: string | undefined): boolean {
  return mediaType === MediaType.ociIndex || mediaType === MediaType.dockerManifestList;
}
