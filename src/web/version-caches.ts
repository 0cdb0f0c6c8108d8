/**
 * What the app keeps of a framework version besides its pages: rendered Markdown, matrix cells, the CASE
 * package, the export files, the last goal document. A server keeps them while it serves the version (each
 * is bounded or keyed by version). A static build renders each kind of page once, section by section
 * (site-map.ts), so a build thread lets them all go when it moves on to the next section: kept for the
 * whole build they were ~130 MB a thread on a 2,000-competency framework, and no later section used them.
 */

// no imports: markdown.ts registers here and is bundled into the browser's islands too
const releases: (() => void)[] = [];

/** Registers how to empty a cache: a module calls this once, beside the cache it keeps. */
export function releasedWith(release: () => void): void {
  releases.push(release);
}

/** Empties every cache of framework versions (what is asked again is made again, as after a restart). */
export function releaseVersionCaches(): void {
  for (const release of releases) release();
}
