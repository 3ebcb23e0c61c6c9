import type { SiteSnapshot } from '../../jira/snapshot';
import { assembleSnapshot } from './assemble';
import { createTimeline, DEFAULT_NOW } from './clock';
import { generateStories } from './lifecycle';
import { collectPlanted, type PlantedCase } from './planted';
import { createRandom } from './random';
import { SCENARIO } from './scenario';
import { buildSkeleton } from './skeleton';

/**
 * The embedded demo site: a mid-size Jira Cloud site (a portfolio roadmap and five teams) with deliberate
 * role-boundary problems between product managers and product owners, each next to a clean control.
 * Deterministic: the same options give byte-identical JSON on any machine.
 */

export const DEFAULT_DEMO_SEED = 20_261_122;

export interface DemoSiteOptions {
  /** Varies the texture (who did what when, the words, the estimates); the issues, keys and planted cases stay. */
  seed?: number;
  /** The site's "now", stored as capturedAt; the whole scenario moves with it by whole days. */
  now?: string;
}

export function generateDemoSite(options: DemoSiteOptions = {}): SiteSnapshot {
  const timeline = createTimeline(options.now ?? DEFAULT_NOW);
  const skeleton = buildSkeleton(SCENARIO, timeline);
  const random = createRandom(options.seed ?? DEFAULT_DEMO_SEED);
  const stories = generateStories(skeleton, SCENARIO, random.fork('lifecycle'));
  return assembleSnapshot(skeleton, SCENARIO, stories, random.fork('ids'));
}

const DEFAULT_SKELETON = buildSkeleton(SCENARIO, createTimeline());

/** The planted problems and their controls; every rule id has at least one of each. */
export const DEMO_PLANTED: PlantedCase[] = collectPlanted(SCENARIO, DEFAULT_SKELETON);

/** The issue whose changelog holds exactly 120 histories (more than one page of any changelog endpoint). */
export const DEMO_LONG_HISTORY_KEY: string = (() => {
  const item = DEFAULT_SKELETON.items.find((candidate) => candidate.historyCount === 120);
  if (!item) throw new Error('the demo scenario lost its 120-history issue');
  return item.key;
})();

export { demoConfig, DEMO_PREVIEW_FOCUS } from './config';
export { DEMO_USERS, type DemoRole, type DemoUser } from './people';
export type { PlantedCase, PlantedSubject } from './planted';
