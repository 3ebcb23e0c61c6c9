import type { IssueTypeName, StatusName } from './catalog';
import { momentBetween, plusDays, plusHours, plusMinutes, type Timeline, workingMoment } from './clock';
import { person, type Person } from './people';
import { createRandom, type Random } from './random';
import type {
  CreatedWith,
  EpicSpec,
  Handle,
  PlantedNote,
  ProjectSpec,
  RoadmapItemSpec,
  Scenario,
  ScriptStep,
  SprintSpecial,
  WorkSpec,
} from './scenario/types';

/**
 * The skeleton: which issues and sprints exist, their keys and ids, parents, creation times, the sprints each
 * item passes through and where it ends up. It is the same for every seed (its own fixed random stream), so
 * that the planted cases keep their keys; the seed only varies the texture added later (lifecycle.ts).
 */

const SKELETON_SEED = 0x5eed_2026;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface SprintPlan {
  id: number;
  number: number;
  project: ProjectSpec;
  boardId: number;
  name: string;
  start: number;
  end: number;
  state: 'closed' | 'active' | 'future';
  completeAt?: number;
  created: number;
  goal: string;
  special?: SprintSpecial;
  /** Who completes it (carrying unfinished work over to the next one). */
  completer: Handle;
}

export type ItemKind = 'initiative' | 'epic' | 'work' | 'subtask';

export interface ItemPlan {
  id: string;
  key: string;
  kind: ItemKind;
  type: IssueTypeName;
  project: ProjectSpec;
  summary: string;
  created: number;
  creator: Handle;
  /** The roadmap spec for initiatives and epics. */
  roadmap?: RoadmapItemSpec & Partial<EpicSpec>;
  /** The scenario entry a work item or sub-task came from, when it has one. */
  work?: WorkSpec;
  parent?: ItemPlan;
  children: ItemPlan[];
  /** Sprints it passes through, in order (carried over from each to the next). */
  visits: SprintPlan[];
  status: StatusName;
  /** Who does the product-owner work on it (ranking, estimating, planning, accepting). */
  po?: Handle;
  duedate?: string;
  createdWith: CreatedWith;
  script: ScriptStep[];
  planted: PlantedNote[];
  historyCount?: number;
}

export interface Skeleton {
  timeline: Timeline;
  sprints: SprintPlan[];
  items: ItemPlan[];
}

export function buildSkeleton(scenario: Scenario, timeline: Timeline): Skeleton {
  const random = createRandom(SKELETON_SEED);
  const context = new SkeletonContext(scenario, timeline, random);
  const sprints = scenario.projects.flatMap((project) => context.sprintsOf(project));
  numberSprints(sprints);
  const items: ItemPlan[] = [];
  for (const project of scenario.projects) items.push(...context.roadmapItemsOf(project));
  const byRef = new Map(items.filter((item) => item.roadmap).map((item) => [item.roadmap!.ref, item]));
  for (const item of items) {
    const parentRef = item.roadmap?.parent;
    if (parentRef) attach(item, lookup(byRef, parentRef));
  }
  for (const project of scenario.projects) {
    const projectSprints = sprints.filter((sprint) => sprint.project === project);
    items.push(...context.workOf(project, projectSprints, byRef));
  }
  items.push(...context.subtasksOf(items));
  assignIdsAndKeys(items, random);
  for (const sprint of sprints) sprint.goal = goalOf(sprint, items);
  return { timeline, sprints, items };
}

function lookup(byRef: Map<string, ItemPlan>, ref: string): ItemPlan {
  const found = byRef.get(ref);
  if (!found) throw new Error(`unknown roadmap ref in the demo scenario: ${ref}`);
  return found;
}

function attach(child: ItemPlan, parent: ItemPlan): void {
  child.parent = parent;
  parent.children.push(child);
}

class SkeletonContext {
  constructor(
    private readonly scenario: Scenario,
    private readonly timeline: Timeline,
    private readonly random: Random,
  ) {}

  /** "YYYY-MM-DD HH:mm" in `who`'s local time. */
  localMoment(value: string, who: Handle): number {
    const [date, time] = value.split(' ');
    return this.timeline.at(date!, time ?? '10:00', offsetOf(person(who)));
  }

  /** The person actually doing `who`'s product work at `at` (a deputy covers leave). */
  acting(who: Handle, at: number): Handle {
    const leave = this.scenario.leaves.find(
      (candidate) =>
        candidate.who === who &&
        at >= this.timeline.day(candidate.from) &&
        at < plusDays(this.timeline.day(candidate.to), 1),
    );
    return leave ? leave.deputy : who;
  }

  sprintsOf(project: ProjectSpec): SprintPlan[] {
    const calendar = project.calendar;
    if (!calendar) return [];
    const lead = person(project.lead);
    const [hours, minutes] = calendar.startTime.split(':').map(Number);
    const plans: SprintPlan[] = [];
    let startDay = this.timeline.day(calendar.firstStart);
    calendar.weeks.forEach((weeks, index) => {
      const start = plusMinutes(startDay, (hours ?? 9) * 60 + (minutes ?? 0) - offsetOf(lead));
      const end = plusDays(start, weeks * 7);
      const state = end <= this.timeline.now ? 'closed' : start <= this.timeline.now ? 'active' : 'future';
      const number = index + 1;
      const completeAt =
        state === 'closed'
          ? Math.min(plusMinutes(end, this.random.int(-150, 240)), this.timeline.now - 3600_000)
          : undefined;
      plans.push({
        id: 0,
        number,
        project,
        boardId: calendar.boardId,
        name: `${calendar.namePrefix} ${number}`,
        start,
        end,
        state,
        ...(completeAt !== undefined ? { completeAt } : {}),
        created: plusHours(start, -24 * this.random.int(3, 10) - this.random.int(0, 8)),
        goal: '',
        ...(calendar.special?.[number] ? { special: calendar.special[number] } : {}),
        completer: calendar.completer ?? project.po ?? project.lead,
      });
      startDay = plusDays(startDay, weeks * 7);
    });
    return plans;
  }

  roadmapItemsOf(project: ProjectSpec): ItemPlan[] {
    const specs: Array<{ spec: RoadmapItemSpec & Partial<EpicSpec>; type: IssueTypeName; kind: ItemKind }> = [
      ...(project.initiatives ?? []).map((spec) => ({
        spec,
        type: 'Initiative' as const,
        kind: 'initiative' as const,
      })),
      ...(project.epics ?? []).map((spec) => ({ spec, type: 'Epic' as const, kind: 'epic' as const })),
    ];
    return specs.map(({ spec, type, kind }) => {
      const author = spec.createdBy ?? spec.owner ?? project.pm;
      const created = spec.created
        ? this.localMoment(spec.created, author)
        : workingMoment(
            this.random,
            plusDays(this.timeline.day(spec.start), -this.random.int(14, 42)),
            offsetOf(person(author)),
          );
      return {
        id: '',
        key: '',
        kind,
        type,
        project,
        summary: spec.summary,
        created,
        creator: author,
        roadmap: spec,
        children: [],
        visits: [],
        status: spec.status,
        ...(kind === 'epic' ? { po: spec.po ?? project.po } : {}),
        createdWith: spec.createdWith ?? {},
        script: spec.script ?? [],
        planted: spec.planted ?? [],
      } satisfies ItemPlan;
    });
  }

  workOf(project: ProjectSpec, sprints: SprintPlan[], byRef: Map<string, ItemPlan>): ItemPlan[] {
    const epics = [...byRef.values()].filter((item) => item.kind === 'epic' && item.project === project);
    const planner: Planner =
      project.kind === 'kanban'
        ? new KanbanPlanner(this.timeline, this.random)
        : new SprintPlanner(this.timeline, this.random, sprints);
    const items: ItemPlan[] = [];
    for (const epic of epics) {
      const specs = expand(epic.roadmap!.stories ?? []);
      specs.forEach((spec, index) =>
        items.push(planner.place(this.newWork(project, spec, epic), epic, index, specs.length)),
      );
    }
    if (planner instanceof SprintPlanner) {
      for (const epic of epics) items.push(...this.recurringWork(project, epic, planner));
    }
    for (const spec of expand(project.looseWork ?? [])) {
      const item = this.newWork(project, spec, undefined);
      planner.placeLoose(item, spec.parentless ? [] : epics);
      if (spec.parentRef) attach(item, lookup(byRef, spec.parentRef));
      items.push(item);
    }
    planner.carryOver(items);
    for (const item of items) this.settleCreation(item);
    return items;
  }

  /** The epic's chores, a few in every sprint it spans, created around the sprint's start by their usual author. */
  private recurringWork(project: ProjectSpec, epic: ItemPlan, planner: SprintPlanner): ItemPlan[] {
    const recurring = epic.roadmap!.recurring;
    if (!recurring) return [];
    const items: ItemPlan[] = [];
    let turn = 0;
    for (const sprint of planner.sprintsWithin(
      this.timeline.day(epic.roadmap!.start),
      this.timeline.day(epic.roadmap!.end),
    )) {
      for (let count = this.random.int(...recurring.perSprint); count > 0; count -= 1) {
        const chore = recurring.chores[turn % recurring.chores.length]!;
        turn += 1;
        const item = this.newWork(
          project,
          { summary: this.choreSummary(chore.summary, project, sprint), type: chore.type },
          epic,
        );
        const author = this.random.pick(chore.createdBy);
        item.created = Math.min(
          momentBetween(this.random, plusDays(sprint.start, -2), plusDays(sprint.start, 2), offsetOf(person(author))),
          this.timeline.now - 3600_000,
        );
        item.creator = this.acting(author, item.created);
        items.push(planner.placeIn(item, sprint));
      }
    }
    return items;
  }

  private choreSummary(template: string, project: ProjectSpec, sprint: SprintPlan): string {
    const release =
      project.releases?.find((candidate) => this.timeline.day(candidate.date) >= sprint.end)?.name ??
      'the next release';
    const start = new Date(sprint.start);
    const month = `${MONTHS[start.getUTCMonth()]} ${start.getUTCFullYear()}`;
    return template.replace('{sprint}', sprint.name).replace('{release}', release).replace('{month}', month);
  }

  private newWork(project: ProjectSpec, spec: WorkSpec, epic: ItemPlan | undefined): ItemPlan {
    const item: ItemPlan = {
      id: '',
      key: '',
      kind: 'work',
      type: spec.type ?? 'Story',
      project,
      summary: spec.summary,
      created: 0,
      creator: '',
      work: spec,
      children: [],
      visits: [],
      status: 'To Do',
      ...((epic?.po ?? project.po) ? { po: epic?.po ?? project.po } : {}),
      ...(spec.duedate ? { duedate: spec.duedate } : {}),
      createdWith: spec.createdWith ?? {},
      script: spec.script ?? [],
      planted: spec.planted ?? [],
      ...(spec.historyCount ? { historyCount: spec.historyCount } : {}),
    };
    if (epic) attach(item, epic);
    return item;
  }

  /** Creation time and creator, once the item's place is known. */
  private settleCreation(item: ItemPlan): void {
    if (item.creator) return;
    const spec = item.work!;
    const epic = item.parent;
    const candidates = this.creatorsOf(item);
    const planned = candidates[0]!;
    const offset = offsetOf(person(planned));
    let created: number;
    if (spec.created) {
      created = this.localMoment(spec.created, spec.createdBy ?? planned);
    } else {
      const first = item.visits[0];
      const floor = epic ? plusHours(epic.created, 2) : plusDays(this.timeline.day('2026-05-04'), 0);
      if (first && item.type === 'Bug') {
        created = momentBetween(
          this.random,
          Math.max(floor, plusDays(first.start, -4)),
          Math.min(plusDays(first.start, 4), this.timeline.now - 7200_000),
          offset,
        );
      } else if (first) {
        created = momentBetween(
          this.random,
          Math.max(floor, plusDays(first.start, -24)),
          Math.max(floor, plusDays(first.start, -3)),
          offset,
        );
      } else if (item.project.kind === 'kanban') {
        created = item.created;
      } else {
        created = momentBetween(
          this.random,
          Math.max(floor, this.timeline.now - 60 * 86_400_000),
          this.timeline.now - 86_400_000,
          offset,
        );
      }
    }
    item.created = Math.min(created, this.timeline.now - 3600_000);
    const creator =
      spec.createdBy ??
      this.random.pick(candidates.filter((handle) => activeAt(handle, item.created, this.timeline)).concat([planned]));
    item.creator = spec.createdBy ? creator : this.acting(creator, item.created);
  }

  private creatorsOf(item: ItemPlan): Handle[] {
    const project = item.project;
    const fromEpic = item.parent?.roadmap?.storyCreators;
    if (fromEpic) return fromEpic;
    if (project.kind === 'kanban') return project.devs;
    if (item.type === 'Bug') return [...(project.qa ?? []), ...project.devs];
    if (item.type === 'Task') return [item.po ?? project.pm, ...project.devs];
    return [item.po ?? project.pm];
  }

  subtasksOf(items: ItemPlan[]): ItemPlan[] {
    const subtasks: ItemPlan[] = [];
    for (const parent of items) {
      const first = parent.visits[0];
      if (parent.kind !== 'work' || !first || first.state === 'future' || !parent.project.subtaskNames) continue;
      const forced = parent.work?.subtasks ?? [];
      const random =
        forced.length === 0 &&
        !parent.work?.script &&
        !parent.work?.parentless &&
        !parent.historyCount &&
        this.random.chance(0.35);
      const specs: Array<{ summary: string; planted?: PlantedNote[] }> =
        forced.length > 0
          ? forced.map((entry) => (typeof entry === 'string' ? { summary: entry } : entry))
          : random
            ? this.random
                .shuffle(parent.project.subtaskNames)
                .slice(0, this.random.int(2, 3))
                .map((summary) => ({ summary }))
            : [];
      specs.forEach((spec, index) => {
        const dev = this.random.pick(
          parent.project.devs.filter((handle) => activeAt(handle, first.start, this.timeline)),
        );
        const earliest = Math.max(plusHours(parent.created, 1), first.start);
        const created = Math.min(
          workingMoment(this.random, plusDays(earliest, this.random.int(0, 2)), offsetOf(person(dev))) + index * 60_000,
          this.timeline.now - 3600_000,
        );
        const subtask: ItemPlan = {
          id: '',
          key: '',
          kind: 'subtask',
          type: 'Sub-task',
          project: parent.project,
          summary: spec.summary,
          created: Math.max(created, earliest),
          creator: dev,
          work: { summary: spec.summary },
          children: [],
          visits: parent.visits,
          status: subtaskStatus(parent.status, this.random),
          createdWith: {},
          script: [],
          planted: spec.planted ?? [],
        };
        attach(subtask, parent);
        subtasks.push(subtask);
      });
    }
    return subtasks;
  }
}

interface Planner {
  /** Places the `index`-th of `count` work items of `epic`. */
  place(item: ItemPlan, epic: ItemPlan, index: number, count: number): ItemPlan;
  /** Places work that has no epic of its own, filing it under one of `epics` where it needs a parent. */
  placeLoose(item: ItemPlan, epics: ItemPlan[]): void;
  carryOver(items: ItemPlan[]): void;
}

/** Places work on a scrum board: pinned where the scenario says, otherwise across its epic's sprints. */
class SprintPlanner implements Planner {
  private readonly open: SprintPlan[];

  constructor(
    private readonly timeline: Timeline,
    private readonly random: Random,
    private readonly sprints: SprintPlan[],
  ) {
    this.open = sprints.filter((sprint) => !sprint.special?.onlyPinnedWork);
  }

  place(item: ItemPlan, epic: ItemPlan, index: number, count: number): ItemPlan {
    if (item.work?.pin) return this.pinned(item);
    const spec = epic.roadmap!;
    const start = this.timeline.day(spec.start);
    const end = this.timeline.day(spec.end);
    const inWindow = this.open.filter((sprint) => sprint.start >= plusDays(start, -7) && sprint.start < end);
    const closed = inWindow.filter((sprint) => sprint.state === 'closed');
    const active = inWindow.find((sprint) => sprint.state === 'active');
    const next = inWindow.find((sprint) => sprint.state === 'future');
    if (spec.status === 'Done') {
      const pool = closed.length > 0 ? closed : this.open.filter((sprint) => sprint.state === 'closed').slice(-2);
      return this.visit(item, [pool[Math.floor((index * pool.length) / count)]!], 'Done');
    }
    if (spec.status !== 'In Progress') return item;
    const elapsed = Math.min(1, Math.max(0, (this.timeline.now - start) / (end - start)));
    const doneCount = closed.length === 0 ? 0 : Math.max(1, Math.round(count * elapsed * 0.95));
    const activeCount = active ? Math.min(3, Math.max(1, Math.ceil(count * 0.25))) : 0;
    if (index < doneCount) return this.visit(item, [closed[Math.floor((index * closed.length) / doneCount)]!], 'Done');
    if (index < doneCount + activeCount && active) return this.visit(item, [active], this.activeStatus(item));
    if (index < doneCount + activeCount + 1 && next) return this.visit(item, [next], 'To Do');
    return item;
  }

  placeLoose(item: ItemPlan, epics: ItemPlan[]): void {
    if (item.work?.pin) {
      this.pinned(item);
    } else {
      const candidates = this.open.filter((sprint) => sprint.state !== 'future');
      const sprint = this.random.pick(candidates);
      this.visit(item, [sprint], sprint.state === 'active' ? this.activeStatus(item) : 'Done');
    }
    if (item.work?.parentless || item.work?.parentRef) return;
    const at = item.visits[0]?.start ?? this.timeline.now;
    const running = epics.filter(
      (epic) =>
        epic.roadmap!.status !== 'To Do' &&
        this.timeline.day(epic.roadmap!.start) <= plusDays(at, 7) &&
        at < this.timeline.day(epic.roadmap!.end),
    );
    const fallback = epics.filter((epic) => epic.roadmap!.status === 'In Progress');
    const pool = running.length > 0 ? running : fallback;
    if (pool.length > 0) attach(item, this.random.pick(pool));
  }

  /** Some finished work slipped: it was carried over from its sprint into the next one. */
  carryOver(items: ItemPlan[]): void {
    for (const item of items) {
      if (item.work?.pin || item.visits.length !== 1) continue;
      const sprint = item.visits[0]!;
      const following = this.sprints[this.sprints.indexOf(sprint) + 1];
      if (sprint.state !== 'closed' || !following || following.state === 'future') continue;
      if (sprint.special?.onlyPinnedWork || following.special?.onlyPinnedWork || !this.random.chance(0.15)) continue;
      item.visits = [sprint, following];
      item.status = following.state === 'active' ? this.activeStatus(item) : 'Done';
    }
  }

  /** Open sprints (not future) that start within [from, to]. */
  sprintsWithin(from: number, to: number): SprintPlan[] {
    return this.open.filter(
      (sprint) => sprint.state !== 'future' && sprint.start >= plusDays(from, -3) && sprint.start <= to,
    );
  }

  placeIn(item: ItemPlan, sprint: SprintPlan): ItemPlan {
    return this.visit(item, [sprint], sprint.state === 'active' ? this.activeStatus(item) : 'Done');
  }

  private pinned(item: ItemPlan): ItemPlan {
    const pin = item.work!.pin!;
    const visits = pin.sprints.map((number) => {
      const sprint = this.sprints.find((candidate) => candidate.number === number);
      if (!sprint) throw new Error(`${item.summary}: no sprint ${number} on ${item.project.key}`);
      return sprint;
    });
    return this.visit(item, visits, pin.status);
  }

  private visit(item: ItemPlan, visits: SprintPlan[], status: StatusName): ItemPlan {
    item.visits = visits;
    item.status = status;
    return item;
  }

  private activeStatus(item: ItemPlan): StatusName {
    const accepting = item.project.workflow === 'acceptance';
    const weights: Array<[StatusName, number]> = [
      ['To Do', 3],
      ['In Progress', 4],
      ['In Review', 2],
      ['Ready for Acceptance', accepting ? 1 : 0],
      ['Done', 3],
    ];
    return weightedPick(this.random, weights);
  }
}

/** Places work on a kanban board: no sprints; created over its epic's span, finished when old enough. */
class KanbanPlanner implements Planner {
  constructor(
    private readonly timeline: Timeline,
    private readonly random: Random,
  ) {}

  place(item: ItemPlan, epic: ItemPlan, index: number, count: number): ItemPlan {
    const spec = epic.roadmap!;
    const from = plusDays(this.timeline.day(spec.start), -7);
    const to = Math.min(this.timeline.day(spec.end), this.timeline.now - 3 * 86_400_000);
    item.created = momentBetween(
      this.random,
      from + ((to - from) * index) / count,
      from + ((to - from) * (index + 1)) / count,
      0,
    );
    item.status = spec.status === 'Done' ? 'Done' : this.statusByAge(item.created);
    return item;
  }

  placeLoose(item: ItemPlan): void {
    item.created = momentBetween(this.random, this.timeline.day('2026-05-11'), this.timeline.now - 86_400_000, 0);
    item.status = this.statusByAge(item.created);
  }

  /** Kanban work has no sprints to carry over between. */
  carryOver(): void {}

  private statusByAge(created: number): StatusName {
    const ageDays = (this.timeline.now - created) / 86_400_000;
    if (ageDays > 25) return this.random.chance(0.9) ? 'Done' : 'In Progress';
    return weightedPick(this.random, [
      ['To Do', 3],
      ['In Progress', 3],
      ['Done', 2],
    ]);
  }
}

function expand(works: ReadonlyArray<string | WorkSpec>): WorkSpec[] {
  return works.flatMap((work) => {
    const spec = typeof work === 'string' ? { summary: work } : work;
    if (!spec.variants) return [spec];
    const { variants, ...rest } = spec;
    return variants.map((variant) => ({ ...rest, summary: `${spec.summary} (${variant})` }));
  });
}

function subtaskStatus(parent: StatusName, random: Random): StatusName {
  if (parent === 'Done' || parent === 'In Review' || parent === 'Ready for Acceptance') return 'Done';
  if (parent === 'In Progress')
    return weightedPick(random, [
      ['Done', 2],
      ['In Progress', 2],
      ['To Do', 1],
    ]);
  return 'To Do';
}

function weightedPick<T>(random: Random, weights: Array<[T, number]>): T {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [value, weight] of weights) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return weights[weights.length - 1]![0];
}

export function offsetOf(someone: Person): number {
  return someone.offset === 'Z' ? 0 : someone.offset;
}

export function activeAt(handle: Handle, at: number, timeline: Timeline): boolean {
  const until = person(handle).until;
  return !until || at < plusDays(timeline.day(until), 1);
}

/** Sprint ids are site-wide and follow creation order, like Jira's. */
function numberSprints(sprints: SprintPlan[]): void {
  [...sprints]
    .sort((a, b) => a.created - b.created || a.boardId - b.boardId)
    .forEach((sprint, index) => {
      sprint.id = 31 + index;
    });
}

/** Issue ids follow creation site-wide; keys follow creation per project. */
function assignIdsAndKeys(items: ItemPlan[], random: Random): void {
  items.sort(
    (a, b) => a.created - b.created || a.project.key.localeCompare(b.project.key) || a.summary.localeCompare(b.summary),
  );
  let nextId = 10_001;
  const nextNumber = new Map<string, number>();
  for (const item of items) {
    item.id = String(nextId);
    nextId += random.chance(0.08) ? random.int(2, 4) : 1;
    const number = (nextNumber.get(item.project.key) ?? 0) + 1;
    nextNumber.set(item.project.key, number);
    item.key = `${item.project.key}-${number}`;
  }
}

function goalOf(sprint: SprintPlan, items: ItemPlan[]): string {
  if (sprint.special?.goal === '') return '';
  const counts = new Map<ItemPlan, number>();
  for (const item of items) {
    if (item.kind !== 'work' || !item.visits.includes(sprint)) continue;
    const epic = item.parent?.kind === 'epic' && item.parent.project === sprint.project ? item.parent : undefined;
    if (epic) counts.set(epic, (counts.get(epic) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].created - b[0].created);
  return ranked[0]?.[0].roadmap?.goal ?? `${sprint.project.name}: bugs and tech debt`;
}
