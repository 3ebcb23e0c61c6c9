import { join } from 'node:path';
import { formatJiraTime } from '../dev/demo/clock';
import { PRIORITIES, type PriorityName } from '../dev/demo/catalog';
import { startEmulator, type EmulatorStats, type RunningEmulator } from '../dev/emulator';
import type { RestBoard, RestHistory, RestIssue, RestUser, SiteSnapshot } from '../jira/snapshot';
import { generateBenchSite, type BenchSiteFacts } from './generate';
import {
  minimumRequests,
  perIssueChangelogRequests,
  windowMinimum,
  type RequestBreakdown,
  type WindowMinimum,
} from './minimum';
import { seededRandom } from '../dev/emulator/random';
import { processUsage, type ProcessUsage } from './usage';
import { forkRemote, localRemote, type Remote } from './rpc';

/**
 * One synthetic site served by the emulator, with what the benchmark needs around it: the site's facts and the
 * minimum requests to read it, the emulator's counters and its own CPU and memory, a clock that can jump ahead
 * (time passing between scans) and edits of a share of the issues (what an incremental refresh must find).
 */

export interface SiteOptions {
  issues: number;
  seed?: number;
  latencyMs: number;
}

export interface SiteDescription {
  url: string;
  /** Basic-auth login of a Jira admin: sees and administers every project. */
  login: string;
  facts: BenchSiteFacts;
  /** The site's clock at generation: the audit's "now". */
  capturedAt: string;
  minimum: RequestBreakdown;
  /** Changelog requests of a one-issue-at-a-time reader (for extrapolating the naive read where it is not run). */
  perIssueChangelogRequests: number;
  generateMs: number;
  projectKeys: string[];
  /** The scrum board with the most issues on its project: the heaviest board panel. */
  busiestBoardId: number;
  /** That board's project: the heaviest project page. */
  busiestBoardProjectKey: string;
}

/** An issue an edit burst changed, as a product event names it. */
export interface EditedIssue {
  id: string;
  key: string;
  projectKey: string;
}

export interface TouchResult {
  issues: number;
  /** Edited issues by project key (every project listed). */
  perProject: Record<string, number>;
  /** The site time the edits are stamped with. */
  at: string;
}

export class BenchSite {
  private emulator?: RunningEmulator;
  private snapshot?: SiteSnapshot;
  private description?: SiteDescription;
  private clockSkewMs = 0;
  /** Set by `setSiteTime`: the emulator's clock stands still there until set again. */
  private frozenAt?: number;
  private nextHistoryId = 0;
  private random = seededRandom();

  async start(options: SiteOptions): Promise<SiteDescription> {
    const started = performance.now();
    const { snapshot, facts } = generateBenchSite({
      issues: options.issues,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    });
    const generateMs = performance.now() - started;
    this.snapshot = snapshot;
    this.nextHistoryId =
      1 +
      snapshot.issues.reduce(
        (max, issue) => Math.max(max, ...(issue.changelog?.histories ?? []).map((history) => Number(history.id))),
        0,
      );
    this.emulator = await startEmulator(snapshot, {
      latencyMs: options.latencyMs,
      now: () => this.frozenAt ?? Date.now() + this.clockSkewMs,
    });
    const busiest = busiestBoard(snapshot);
    this.description = {
      url: this.emulator.url,
      login: facts.adminAccountId,
      facts,
      capturedAt: snapshot.capturedAt ?? new Date().toISOString(),
      minimum: minimumRequests(snapshot),
      perIssueChangelogRequests: perIssueChangelogRequests(snapshot),
      generateMs,
      projectKeys: snapshot.projects.map((project) => project.key),
      busiestBoardId: Number(busiest?.id ?? 0),
      busiestBoardProjectKey: busiest?.location?.projectKey ?? '',
    };
    return this.description;
  }

  async describe(): Promise<SiteDescription> {
    if (!this.description) throw new Error('the site is not started');
    return this.description;
  }

  async stats(): Promise<EmulatorStats> {
    return this.running().stats();
  }

  /** Requests and points the emulator has answered and charged so far. */
  async counters(): Promise<{ requests: number; points: number }> {
    const { requests, points } = this.running().stats();
    return { requests, points };
  }

  async usage(): Promise<ProcessUsage> {
    return processUsage();
  }

  /** Moves the site's clock on, as if that much time passed between two scans; returns how far it has moved in all. */
  async advanceClock(ms: number): Promise<number> {
    this.clockSkewMs += ms;
    return this.clockSkewMs;
  }

  /** Stops the site's clock at `iso` (a simulation's clock), whatever the time; later calls move it on or back. */
  async setSiteTime(iso: string): Promise<void> {
    const emulator = this.running();
    const target = Date.parse(iso);
    const clock = this.frozenAt ?? Date.now() + this.clockSkewMs;
    this.frozenAt = clock + (target - emulator.siteNow().getTime());
  }

  /** What the audit needs of the site as it is now, with a window starting at `since`, and its fewest points. */
  async windowMinimum(since: string): Promise<WindowMinimum> {
    return windowMinimum(this.snapshot!, new Date(since));
  }

  /**
   * A burst of edits in one project, as a team working through its backlog makes: the project of an issue drawn at
   * random (so bigger projects are edited more), then `count` of its issues (drawn with the site's seeded randomness,
   * so runs repeat) get a new priority at the site's now, as `touch` edits them.
   */
  async editBurst(count: number): Promise<EditedIssue[]> {
    const emulator = this.running();
    const snapshot = this.snapshot!;
    const at = emulator.siteNow().getTime();
    const drawn = snapshot.issues[Math.floor(this.random() * snapshot.issues.length)]!.key;
    const projectKey = drawn.slice(0, drawn.lastIndexOf('-'));
    const positions = snapshot.issues.flatMap((issue, index) =>
      issue.key.slice(0, issue.key.lastIndexOf('-')) === projectKey ? [index] : [],
    );
    const chosen = new Set<number>();
    const wanted = Math.min(count, positions.length);
    while (chosen.size < wanted) chosen.add(positions[Math.floor(this.random() * positions.length)]!);
    const issues = [...snapshot.issues];
    const edited: EditedIssue[] = [];
    for (const position of [...chosen].sort((a, b) => a - b)) {
      const issue = issues[position]!;
      issues[position] = editedIssue(issue, at, String(this.nextHistoryId++));
      edited.push({ id: issue.id, key: issue.key, projectKey });
    }
    this.snapshot = { ...snapshot, issues };
    emulator.replaceSnapshot(this.snapshot);
    return edited;
  }

  /**
   * Edits `share` of the issues, spread evenly over the site: each gets a new priority, written down as a new
   * changelog history, and `updated` set to the site's now, as Jira would.
   */
  async touch(share: number): Promise<TouchResult> {
    const emulator = this.running();
    const snapshot = this.snapshot!;
    const at = emulator.siteNow().getTime();
    const issues = [...snapshot.issues];
    const count = Math.min(issues.length, Math.max(1, Math.round(issues.length * share)));
    const step = issues.length / count;
    const perProject: Record<string, number> = Object.fromEntries(snapshot.projects.map((project) => [project.key, 0]));
    for (let index = 0; index < count; index++) {
      const position = Math.floor(index * step + step / 2);
      const issue = issues[position]!;
      issues[position] = editedIssue(issue, at, String(this.nextHistoryId++));
      const projectKey = issue.key.slice(0, issue.key.lastIndexOf('-'));
      perProject[projectKey] = (perProject[projectKey] ?? 0) + 1;
    }
    this.snapshot = { ...snapshot, issues };
    emulator.replaceSnapshot(this.snapshot);
    return { issues: count, perProject, at: new Date(at).toISOString() };
  }

  async close(): Promise<void> {
    await this.emulator?.close();
    this.emulator = undefined;
  }

  private running(): RunningEmulator {
    if (!this.emulator) throw new Error('the site is not started');
    return this.emulator;
  }
}

const PRIORITY_CYCLE = Object.keys(PRIORITIES) as PriorityName[];

function editedIssue(issue: RestIssue, at: number, historyId: string): RestIssue {
  const current = (issue.fields['priority'] as { name?: string } | undefined)?.name ?? 'Medium';
  const next = PRIORITY_CYCLE[(PRIORITY_CYCLE.indexOf(current as PriorityName) + 1) % PRIORITY_CYCLE.length] ?? 'High';
  const author = (issue.fields['assignee'] ?? issue.fields['reporter']) as RestUser;
  const time = formatJiraTime(at, 0);
  const history: RestHistory = {
    id: historyId,
    author,
    created: time,
    items: [
      {
        field: 'priority',
        fieldtype: 'jira',
        fieldId: 'priority',
        from: PRIORITIES[current as PriorityName]?.id ?? null,
        fromString: current,
        to: PRIORITIES[next].id,
        toString: next,
      },
    ],
  };
  const histories = [history, ...(issue.changelog?.histories ?? [])];
  return {
    ...issue,
    fields: { ...issue.fields, priority: PRIORITIES[next], updated: time },
    changelog: { startAt: 0, maxResults: histories.length, total: histories.length, histories },
  };
}

function busiestBoard(snapshot: SiteSnapshot): RestBoard | undefined {
  const issuesPerProject = new Map<string, number>();
  for (const issue of snapshot.issues) {
    const key = issue.key.slice(0, issue.key.lastIndexOf('-'));
    issuesPerProject.set(key, (issuesPerProject.get(key) ?? 0) + 1);
  }
  const scrum = snapshot.boards.filter((board) => board.type === 'scrum');
  const sorted = [...scrum].sort(
    (a, b) =>
      (issuesPerProject.get(b.location?.projectKey ?? '') ?? 0) -
      (issuesPerProject.get(a.location?.projectKey ?? '') ?? 0),
  );
  return sorted[0];
}

/** The site in a process of its own (what `npm run bench` does), or in this one (the smoke test). */
export async function openSite(
  options: SiteOptions,
  placement: 'forked' | 'in-process',
): Promise<{ site: Remote<BenchSite>; description: SiteDescription }> {
  const site =
    placement === 'forked'
      ? forkRemote<BenchSite>(join(__dirname, 'site-process.js'), ['--max-old-space-size=8192'])
      : (() => {
          const local = new BenchSite();
          return localRemote(local, () => local.close());
        })();
  const description = await site.start(options);
  return { site, description };
}
