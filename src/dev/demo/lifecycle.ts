import type { PriorityName, StatusName } from './catalog';
import { calendarDate, momentBetween, plusDays, plusHours, plusMinutes, type Timeline } from './clock';
import { automationComment, literal, writeComment, type CommentDraft, type FillContext } from './comments';
import { person } from './people';
import type { Random } from './random';
import type { Handle, Scenario, ScriptChange, ScriptStep } from './scenario/types';
import type { ChangedField, Change, DateField, IssueEvent, IssueState } from './simulate';
import { activeAt, offsetOf, type ItemPlan, type Skeleton, type SprintPlan } from './skeleton';
import { BUG_DESCRIPTION, INITIATIVE_LABELS, REFINEMENT_NOTES, STORY_LABELS } from './texts';

/**
 * The texture of each issue's life, drawn from the seeded random stream: who did what and when — refinement,
 * sprint planning, carry-overs, work, acceptance, roadmap re-dating, comments — plus the scenario's scripted
 * steps. Generic actions stay in role (PMs on the roadmap, POs on the backlog, developers on delivery); the
 * planted cases come only from scripts and from the people the scenario puts in two roles.
 */

export interface ItemStory {
  /** Creation values that differ from the skeleton's (dates before a re-dating, priority, description…). */
  initial: Partial<IssueState>;
  events: IssueEvent[];
  comments: CommentDraft[];
  workStart?: number;
  doneAt?: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export function generateStories(skeleton: Skeleton, scenario: Scenario, random: Random): Map<ItemPlan, ItemStory> {
  const lifecycle = new Lifecycle(skeleton, scenario, random);
  const order = (kind: ItemPlan['kind']): ItemPlan[] => skeleton.items.filter((item) => item.kind === kind);
  for (const item of order('work')) lifecycle.tell(item);
  for (const item of order('subtask')) lifecycle.tell(item);
  for (const item of order('epic')) lifecycle.tell(item);
  for (const item of order('initiative')) lifecycle.tell(item);
  return lifecycle.stories;
}

/** Collects one issue's events; generic actions on fields the scenario scripts for this issue are left out. */
class Recorder {
  readonly story: ItemStory = { initial: {}, events: [], comments: [] };
  readonly scripted: Set<ChangedField>;
  readonly scriptedComments: boolean;

  constructor(
    private readonly now: number,
    script: ScriptStep[],
  ) {
    this.scripted = new Set(script.flatMap((step) => Object.keys(step.set ?? {}).map(scriptField)));
    this.scriptedComments = script.some((step) => step.comment !== undefined);
  }

  allows(field: ChangedField): boolean {
    return !this.scripted.has(field);
  }

  change(at: number, author: Handle, ...changes: Change[]): void {
    const kept = changes.filter((change) => this.allows(change.field));
    if (kept.length > 0) this.force(at, author, kept);
  }

  force(at: number, author: Handle, changes: Change[]): void {
    this.story.events.push({ at: Math.min(at, this.now - MINUTE), author, changes });
  }

  comment(draft: CommentDraft): void {
    const at = Math.min(draft.at, this.now - 2 * MINUTE);
    const edited =
      draft.editedAt === undefined ? {} : { editedAt: Math.min(Math.max(draft.editedAt, at), this.now - MINUTE) };
    this.story.comments.push({ ...draft, at, ...edited });
  }
}

function scriptField(key: string): ChangedField {
  return key as keyof ScriptChange;
}

class Lifecycle {
  readonly stories = new Map<ItemPlan, ItemStory>();
  private readonly fills = new Map<ItemPlan, FillContext>();
  private readonly timeline: Timeline;
  private readonly now: number;

  constructor(
    private readonly skeleton: Skeleton,
    private readonly scenario: Scenario,
    private readonly random: Random,
  ) {
    this.timeline = skeleton.timeline;
    this.now = skeleton.timeline.now;
  }

  tell(item: ItemPlan): void {
    const recorder = new Recorder(this.now, item.script);
    this.applyScript(item, recorder);
    switch (item.kind) {
      case 'work':
        if (item.project.kind === 'kanban') this.kanbanWork(item, recorder);
        else this.sprintWork(item, recorder);
        break;
      case 'subtask':
        this.subtaskWork(item, recorder);
        break;
      case 'epic':
        this.epicWork(item, recorder);
        break;
      case 'initiative':
        this.initiativeWork(item, recorder);
        break;
    }
    if (item.historyCount) this.churnTo(item, recorder, item.historyCount);
    this.stories.set(item, recorder.story);
  }

  // ---- scripts -------------------------------------------------------------------------------------------

  private applyScript(item: ItemPlan, recorder: Recorder): void {
    for (const step of item.script) {
      const at = this.localMoment(step.at, step.by);
      const changes = step.set ? this.scriptChanges(item, step.set) : [];
      if (changes.length > 0) recorder.force(at, step.by, changes);
      if (step.comment) recorder.comment({ at: plusMinutes(at, 1), author: step.by, segments: literal(step.comment) });
    }
  }

  private scriptChanges(item: ItemPlan, set: ScriptChange): Change[] {
    const changes: Change[] = [];
    const sprintOf = (number: number): SprintPlan => {
      const sprint = this.skeleton.sprints.find(
        (candidate) => candidate.project === item.project && candidate.number === number,
      );
      if (!sprint) throw new Error(`${item.summary}: no sprint ${number}`);
      return sprint;
    };
    if (set.sprints) changes.push({ field: 'sprints', to: set.sprints.map(sprintOf) });
    if (set.rank) changes.push({ field: 'rank', direction: set.rank });
    if (set.storyPoints !== undefined) changes.push({ field: 'storyPoints', to: set.storyPoints });
    if (set.acceptanceCriteria !== undefined) changes.push({ field: 'acceptanceCriteria', to: set.acceptanceCriteria });
    for (const field of ['duedate', 'startDate', 'targetStart', 'targetEnd'] as const) {
      const value = set[field];
      if (value !== undefined) changes.push({ field, to: value === null ? null : this.onTimeline(value) });
    }
    if (set.fixVersions) changes.push({ field: 'fixVersions', ...set.fixVersions });
    if (set.assignee !== undefined) changes.push({ field: 'assignee', to: set.assignee });
    if (set.status) changes.push({ field: 'status', to: set.status });
    if (set.labels) changes.push({ field: 'labels', to: set.labels });
    if (set.priority) changes.push({ field: 'priority', to: set.priority });
    return changes;
  }

  // ---- sprint work: stories, bugs, tasks, spikes on scrum boards -------------------------------------------

  private sprintWork(item: ItemPlan, recorder: Recorder): void {
    const story = recorder.story;
    const po = item.po ?? item.project.pm;
    story.initial = { description: this.workDescription(item), priority: this.creationPriority(item) };
    const planning = this.planSprints(item, recorder, po);
    this.refine(item, recorder, po, planning ?? this.now - HOUR);
    this.groom(item, recorder, po, planning);
    if (item.visits.length > 0 && recorder.allows('status')) this.work(item, recorder, po, planning ?? item.created);
    if (!recorder.scriptedComments) this.talkAboutWork(item, recorder, po);
  }

  /** Adds the item to its first sprint at planning, then carries it over at each sprint's completion. */
  private planSprints(item: ItemPlan, recorder: Recorder, po: Handle): number | undefined {
    let planning: number | undefined;
    item.visits.forEach((visit, index) => {
      if (index === 0) {
        planning = this.planningMoment(visit, item.created, po);
        recorder.change(planning, this.acting(po, planning), { field: 'sprints', to: [visit] });
        if (this.random.chance(0.15) && !item.duedate) {
          recorder.change(plusMinutes(planning, this.random.int(5, 90)), this.acting(po, planning), {
            field: 'duedate',
            to: calendarDate(plusDays(visit.end, -3)),
          });
        }
        return;
      }
      const previous = item.visits[index - 1]!;
      const at = previous.completeAt ?? previous.end;
      recorder.change(at, this.acting(previous.completer, at), {
        field: 'sprints',
        to: item.visits.slice(0, index + 1),
      });
    });
    return planning;
  }

  private planningMoment(sprint: SprintPlan, created: number, po: Handle): number {
    const offset = offsetOf(person(po));
    if (sprint.state === 'future')
      return momentBetween(this.random, Math.max(created + 10 * MINUTE, this.now - 6 * DAY), this.now - HOUR, offset);
    if (created < sprint.start - DAY)
      return momentBetween(this.random, Math.max(created + HOUR, sprint.start - DAY), sprint.start + HOUR, offset);
    return plusMinutes(created, this.random.int(10, 240));
  }

  /** Backlog refinement by the product owner: estimate, acceptance criteria, ranking, labels, priority. */
  private refine(item: ItemPlan, recorder: Recorder, po: Handle, until: number): void {
    const from = item.created + 20 * MINUTE;
    const to = Math.max(from + HOUR, until - 10 * MINUTE);
    const at = (): number => momentBetween(this.random, from, to, offsetOf(person(po)));
    const as = (moment: number): Handle => this.acting(po, moment);
    if (item.type !== 'Bug' && item.createdWith.storyPoints === undefined && this.random.chance(0.88)) {
      const estimates = this.random.chance(0.15) ? 2 : 1;
      for (let index = 0; index < estimates; index += 1) {
        const moment = at();
        recorder.change(moment, as(moment), { field: 'storyPoints', to: this.random.pick([1, 2, 3, 3, 5, 5, 8]) });
      }
    }
    if (this.random.chance(0.25)) {
      const moment = at();
      recorder.change(moment, as(moment), {
        field: 'description',
        to: `${this.workDescription(item)}\n\n${this.random.pick(REFINEMENT_NOTES)}`,
      });
    }
    if (this.random.chance(0.4)) {
      const moment = at();
      recorder.change(moment, as(moment), { field: 'acceptanceCriteria', to: this.acceptanceCriteria(item) });
    }
    const ranks = item.historyCount ? 0 : this.random.pick([0, 1, 2, 2, 3, 3, 4, 5, 6, 8]);
    for (let index = 0; index < ranks; index += 1) {
      const moment = at();
      recorder.change(moment, as(moment), { field: 'rank', direction: this.random.chance(0.6) ? 'higher' : 'lower' });
    }
    if (item.type === 'Bug' && this.random.chance(0.35)) {
      const moment = at();
      recorder.change(moment, as(moment), {
        field: 'priority',
        to: this.random.pick<PriorityName>(['Highest', 'High', 'Low']),
      });
    }
    if (item.type === 'Story' && this.random.chance(0.15)) {
      const moment = at();
      recorder.change(moment, as(moment), { field: 'labels', to: [this.random.pick(STORY_LABELS)] });
    }
    this.maybeReparent(item, recorder, at, as);
  }

  /**
   * The PO keeps ordering the work: the sprint backlog during the sprint, and for backlog items, now and then
   * a place in an upcoming sprint that was given up again at planning.
   */
  private groom(item: ItemPlan, recorder: Recorder, po: Handle, planning: number | undefined): void {
    const offset = offsetOf(person(po));
    const sprint = item.visits[item.visits.length - 1];
    if (sprint && planning !== undefined && !item.historyCount) {
      const until = Math.min(sprint.completeAt ?? sprint.end, this.now - HOUR);
      for (let index = this.random.pick([1, 1, 2, 2, 3, 3, 4]); index > 0 && until > planning + HOUR; index -= 1) {
        const moment = momentBetween(this.random, planning + HOUR, until, offset);
        recorder.change(moment, this.acting(po, moment), {
          field: 'rank',
          direction: this.random.chance(0.5) ? 'higher' : 'lower',
        });
      }
      return;
    }
    if (item.visits.length > 0 || item.planted.length > 0 || !this.random.chance(0.3)) return;
    const considered = this.skeleton.sprints.find(
      (candidate) =>
        candidate.project === item.project &&
        candidate.start > item.created + 2 * DAY &&
        candidate.start < this.now &&
        !candidate.special?.onlyPinnedWork,
    );
    if (!considered) return;
    const added = momentBetween(this.random, item.created + HOUR, considered.start - DAY, offset);
    const dropped = momentBetween(
      this.random,
      Math.max(added + HOUR, considered.start - DAY),
      considered.start + HOUR,
      offset,
    );
    recorder.change(added, this.acting(po, added), { field: 'sprints', to: [considered] });
    recorder.change(dropped, this.acting(po, dropped), { field: 'sprints', to: [] });
  }

  /** Splitting work: now and then a story was first filed under a sibling epic and moved by its PO. */
  private maybeReparent(item: ItemPlan, recorder: Recorder, at: () => number, as: (moment: number) => Handle): void {
    const epic = item.parent;
    if (!epic || epic.kind !== 'epic' || item.planted.length > 0 || item.script.length > 0 || !this.random.chance(0.05))
      return;
    const siblings = this.skeleton.items.filter(
      (other) =>
        other.kind === 'epic' && other.project === item.project && other !== epic && other.created < item.created,
    );
    if (siblings.length === 0) return;
    recorder.story.initial.parent = this.random.pick(siblings);
    const moment = at();
    recorder.change(moment, as(moment), { field: 'parent', to: epic });
  }

  /** Delivery: a developer picks it up, a PR moves it to review, QA and the PO (or the merge) finish it. */
  private work(item: ItemPlan, recorder: Recorder, po: Handle, planning: number): void {
    const path = statusPath(item.project.workflow, item.status);
    if (path.length === 0) return;
    const first = item.visits[0]!;
    const last = item.visits[item.visits.length - 1]!;
    const windowOf = (sprint: SprintPlan): [number, number] => [
      Math.max(sprint.start, planning + 15 * MINUTE),
      Math.min(sprint.completeAt ?? sprint.end, this.now - HOUR) - 2 * HOUR,
    ];
    const carried = item.visits.length > 1;
    const firstSteps = carried ? path.slice(0, 1) : path;
    const laterSteps = carried ? path.slice(1) : [];
    const dev = this.pickDev(item, first.start);
    const fill = this.fillContext(item);
    let cursor = 0;
    const runSteps = (steps: StatusName[], [from, to]: [number, number]): void => {
      steps.forEach((status, index) => {
        const segmentFrom = Math.max(from + ((to - from) * index) / steps.length, cursor + 10 * MINUTE);
        const segmentTo = Math.max(segmentFrom, from + ((to - from) * (index + 1)) / steps.length);
        const actor = this.stepActor(item, status, dev, po);
        const moment = Math.max(
          momentBetween(this.random, segmentFrom, segmentTo, offsetOf(person(actor))),
          cursor + 10 * MINUTE,
        );
        if (status === 'In Progress') {
          recorder.change(moment, dev, { field: 'assignee', to: dev });
          recorder.change(moment + this.random.int(1, 30) * MINUTE, dev, { field: 'status', to: status });
          recorder.story.workStart = moment;
        } else {
          recorder.change(moment, this.acting(actor, moment), { field: 'status', to: status });
        }
        cursor = moment + 30 * MINUTE;
        if (status === 'In Review' && this.random.chance(0.7)) {
          recorder.comment({
            at: moment + 2000,
            author: 'automation',
            segments: automationComment(this.random, 'opened', fill),
          });
        }
        if (status === 'In Review' && this.random.chance(0.2)) {
          cursor = this.sendBack(recorder, moment, dev, 'In Review', 'automation');
        }
        if (status === 'Ready for Acceptance' && this.random.chance(0.5) && item.project.qa) {
          const qa = this.random.pick(item.project.qa);
          recorder.comment({
            at: moment - 5 * MINUTE,
            author: qa,
            segments: writeComment(this.random, 'qa', qa, fill),
          });
        }
        if (status === 'Ready for Acceptance' && steps.includes('Done') && this.random.chance(0.1)) {
          const reviewer = this.acting(po, moment);
          cursor = this.sendBack(recorder, moment, reviewer, 'Ready for Acceptance', dev);
          recorder.comment({
            at: moment + 3 * HOUR,
            author: reviewer,
            segments: writeComment(this.random, reviewer === po ? 'po-reject' : 'deputy', reviewer, fill),
          });
        }
        if (status === 'In Progress' && this.random.chance(0.1)) {
          const takeover = this.pickDev(item, moment);
          if (takeover !== dev)
            recorder.change(plusHours(moment, this.random.int(20, 60)), takeover, { field: 'assignee', to: takeover });
        }
        if (status === 'Done') this.finish(item, recorder, po, moment, fill);
      });
    };
    runSteps(firstSteps, windowOf(first));
    if (laterSteps.length > 0) runSteps(laterSteps, windowOf(last));
    if (item.historyCount === undefined && this.random.chance(0.07) && recorder.story.workStart !== undefined) {
      const flaggedAt = plusHours(recorder.story.workStart, this.random.int(4, 30));
      const clearedAt = plusHours(flaggedAt, this.random.int(3, 48));
      if (clearedAt < this.now - HOUR && (recorder.story.doneAt === undefined || clearedAt < recorder.story.doneAt)) {
        recorder.change(flaggedAt, dev, { field: 'flagged', to: true });
        recorder.change(clearedAt, dev, { field: 'flagged', to: false });
        if (item.project.scrumMaster && this.random.chance(0.5)) {
          recorder.comment({
            at: flaggedAt + 20 * MINUTE,
            author: item.project.scrumMaster,
            segments: writeComment(this.random, 'scrum-master', item.project.scrumMaster, fill),
          });
        }
      }
    }
  }

  /** Work sent back (changes requested in review, acceptance rejected) and brought forward again by `returner`. */
  private sendBack(recorder: Recorder, at: number, sender: Handle, returnTo: StatusName, returner: Handle): number {
    const back = plusHours(at, this.random.int(2, 20));
    const again = plusHours(back, this.random.int(2, 26));
    recorder.change(back, sender, { field: 'status', to: 'In Progress' });
    recorder.change(again, returner, { field: 'status', to: returnTo });
    return again + 30 * MINUTE;
  }

  private stepActor(item: ItemPlan, status: StatusName, dev: Handle, po: Handle): Handle {
    if (status === 'In Review') return 'automation';
    if (status === 'Ready for Acceptance')
      return item.project.qa && this.random.chance(0.6) ? this.random.pick(item.project.qa) : dev;
    if (status === 'Done') return item.project.workflow === 'acceptance' ? po : 'automation';
    return dev;
  }

  private finish(item: ItemPlan, recorder: Recorder, po: Handle, doneAt: number, fill: FillContext): void {
    recorder.story.doneAt = doneAt;
    if (item.project.workflow === 'acceptance' && this.random.chance(0.3)) {
      const reviewer = this.acting(po, doneAt);
      recorder.comment({
        at: doneAt + MINUTE,
        author: reviewer,
        segments: writeComment(this.random, reviewer === po ? 'po-accept' : 'deputy', reviewer, fill),
      });
    }
    if (item.project.workflow === 'merge' && this.random.chance(0.6)) {
      recorder.comment({
        at: doneAt + 3000,
        author: 'automation',
        segments: automationComment(this.random, 'merged', fill),
      });
    }
    const release = this.releaseAfter(item, doneAt);
    if (release) {
      const moment = plusMinutes(doneAt, this.random.int(2, 180));
      recorder.change(moment, this.acting(po, moment), { field: 'fixVersions', add: [release] });
    }
  }

  private talkAboutWork(item: ItemPlan, recorder: Recorder, po: Handle): void {
    const fill = this.fillContext(item);
    const end = recorder.story.doneAt ?? this.now - HOUR;
    for (let index = this.random.pick([0, 0, 1, 1, 1, 2]); index > 0; index -= 1) {
      const at = momentBetween(this.random, item.created + HOUR, end, offsetOf(person(po)));
      const author = this.acting(po, at);
      recorder.comment({
        at,
        author,
        segments: writeComment(this.random, author === po ? 'po' : 'deputy', author, fill),
        ...this.maybeEdited(at),
      });
    }
    const start = recorder.story.workStart;
    if (start === undefined) return;
    for (let index = this.random.pick([0, 1, 1, 2]); index > 0; index -= 1) {
      const at = momentBetween(this.random, start, Math.max(start + HOUR, end), 0);
      const dev = this.pickDev(item, at);
      recorder.comment({
        at,
        author: dev,
        segments: writeComment(this.random, dev === 'former' ? 'former' : 'dev', dev, fill),
        ...this.maybeEdited(at),
      });
    }
  }

  // ---- sub-tasks ------------------------------------------------------------------------------------------

  /** Sub-tasks follow their story: its sprint changes are mirrored, their work fits inside the story's. */
  private subtaskWork(item: ItemPlan, recorder: Recorder): void {
    const parent = this.stories.get(item.parent!)!;
    const sprintEvents = parent.events
      .filter((event) => event.changes.some((change) => change.field === 'sprints'))
      .sort((a, b) => a.at - b.at);
    let sprints: SprintPlan[] = [];
    for (const event of sprintEvents) {
      const change = event.changes.find((candidate) => candidate.field === 'sprints') as Extract<
        Change,
        { field: 'sprints' }
      >;
      if (event.at <= item.created) sprints = change.to;
      else recorder.force(event.at, event.author, [change]);
    }
    recorder.story.initial = { sprints, description: '' };
    const path = (['In Progress', 'Done'] as StatusName[]).slice(
      0,
      item.status === 'Done' ? 2 : item.status === 'In Progress' ? 1 : 0,
    );
    const from = Math.max(item.created, parent.workStart ?? item.created) + 10 * MINUTE;
    const to = Math.max(from + HOUR, (parent.doneAt ?? this.now - HOUR) - 30 * MINUTE);
    const offset = offsetOf(person(item.creator));
    let cursor = from;
    path.forEach((status, index) => {
      const moment = momentBetween(
        this.random,
        Math.max(cursor, from + ((to - from) * index) / path.length),
        from + ((to - from) * (index + 1)) / path.length,
        offset,
      );
      recorder.change(moment, item.creator, { field: 'status', to: status });
      cursor = moment + 5 * MINUTE;
    });
    if (this.random.chance(0.2) && path.length > 0) {
      const at = momentBetween(this.random, from, to, offset);
      recorder.comment({
        at,
        author: item.creator,
        segments: writeComment(this.random, 'dev', item.creator, this.fillContext(item)),
      });
    }
    if (this.random.chance(0.25)) {
      const takeover = this.pickDev(item, from);
      if (takeover !== item.creator)
        recorder.change(
          momentBetween(this.random, item.created + 10 * MINUTE, from, offsetOf(person(takeover))),
          takeover,
          { field: 'assignee', to: takeover },
        );
    }
  }

  // ---- kanban ---------------------------------------------------------------------------------------------

  private kanbanWork(item: ItemPlan, recorder: Recorder): void {
    const lead = item.project.lead;
    recorder.story.initial = { description: this.workDescription(item), priority: this.creationPriority(item) };
    const fill = this.fillContext(item);
    for (let index = this.random.int(0, 4); index > 0; index -= 1) {
      recorder.change(
        momentBetween(
          this.random,
          item.created + HOUR,
          Math.min(item.created + 5 * DAY, this.now - HOUR),
          offsetOf(person(lead)),
        ),
        lead,
        {
          field: 'rank',
          direction: this.random.chance(0.6) ? 'higher' : 'lower',
        },
      );
    }
    if (item.status !== 'To Do') {
      const dev =
        item.project.devs.includes(item.creator) && this.random.chance(0.6)
          ? item.creator
          : this.pickDev(item, item.created);
      const start = momentBetween(
        this.random,
        item.created + DAY,
        Math.min(item.created + 12 * DAY, this.now - 2 * HOUR),
        offsetOf(person(dev)),
      );
      recorder.change(start, dev, { field: 'assignee', to: dev });
      recorder.change(start + this.random.int(1, 20) * MINUTE, dev, { field: 'status', to: 'In Progress' });
      recorder.story.workStart = start;
      if (item.status === 'Done') {
        const done = momentBetween(
          this.random,
          start + 2 * DAY,
          Math.max(start + 2 * DAY, Math.min(start + 15 * DAY, this.now - HOUR)),
          offsetOf(person(dev)),
        );
        recorder.change(done, dev, { field: 'status', to: 'Done' });
        recorder.story.doneAt = done;
      }
      for (let index = this.random.pick([0, 1, 1, 2]); index > 0; index -= 1) {
        const at = momentBetween(this.random, start, recorder.story.doneAt ?? this.now - HOUR, offsetOf(person(dev)));
        const author = this.pickDev(item, at);
        recorder.comment({ at, author, segments: writeComment(this.random, 'dev', author, fill) });
      }
    }
  }

  // ---- roadmap items --------------------------------------------------------------------------------------

  private epicWork(item: ItemPlan, recorder: Recorder): void {
    const spec = item.roadmap!;
    const pm = this.pmOf(item);
    const po = item.po ?? item.project.lead;
    recorder.story.initial = { description: spec.description };
    if (spec.fixVersion && item.createdWith.fixVersions === undefined) {
      recorder.change(
        momentBetween(this.random, item.created + HOUR, item.created + 6 * DAY, offsetOf(person(pm))),
        pm,
        { field: 'fixVersions', add: [spec.fixVersion] },
      );
    }
    this.maybeRedate(item, recorder, pm, item.project.roadmapDates === 'target' ? 'targetEnd' : 'duedate');
    const starts = item.children
      .map((child) => this.stories.get(child)?.workStart)
      .filter((at): at is number => at !== undefined);
    const dones = item.children
      .map((child) => this.stories.get(child)?.doneAt)
      .filter((at): at is number => at !== undefined);
    if (spec.status === 'In Progress' || spec.status === 'Done') {
      const begun = starts.length > 0 ? Math.min(...starts) : this.timeline.day(spec.start);
      const at = momentBetween(this.random, begun, begun + 20 * HOUR, offsetOf(person(po)));
      recorder.change(at, this.acting(po, at), { field: 'status', to: 'In Progress' });
      if (spec.status === 'Done') {
        const last = Math.max(at + HOUR, ...dones);
        const closed = momentBetween(
          this.random,
          last + HOUR,
          Math.min(last + 3 * DAY, this.now - HOUR),
          offsetOf(person(po)),
        );
        recorder.change(closed, this.acting(po, closed), { field: 'status', to: 'Done' });
      }
    }
    this.talkAboutRoadmap(item, recorder, pm);
    if (item.children.length > 0 && item.project.po) {
      const fill = this.fillContext(item);
      const firstChild = Math.min(...item.children.map((child) => child.created));
      for (let index = this.random.pick([0, 1, 1, 2]); index > 0; index -= 1) {
        const at = momentBetween(
          this.random,
          firstChild,
          Math.min(this.now - HOUR, dones.length > 0 ? Math.max(...dones) + DAY : this.now - HOUR),
          offsetOf(person(po)),
        );
        const author = this.acting(po, at);
        recorder.comment({
          at,
          author,
          segments: writeComment(this.random, author === po ? 'po-epic' : 'deputy', author, fill),
        });
      }
    }
  }

  private initiativeWork(item: ItemPlan, recorder: Recorder): void {
    const spec = item.roadmap!;
    const owner = this.pmOf(item);
    recorder.story.initial = { description: spec.description };
    const offset = offsetOf(person(owner));
    if (spec.status === 'In Progress' || spec.status === 'Done') {
      const start = this.timeline.day(spec.start);
      recorder.change(momentBetween(this.random, start, start + 4 * DAY, offset), owner, {
        field: 'status',
        to: 'In Progress',
      });
    }
    if (spec.status === 'Done') {
      const end = this.timeline.day(spec.end);
      recorder.change(momentBetween(this.random, end - 3 * DAY, Math.min(end, this.now - HOUR), offset), owner, {
        field: 'status',
        to: 'Done',
      });
    }
    if (item.planted.length === 0 && recorder.allows('labels') && this.random.chance(0.4)) {
      const labels = [
        ...(spec.labels ?? []),
        this.random.pick(INITIATIVE_LABELS.filter((label) => !spec.labels?.includes(label))),
      ];
      recorder.change(
        momentBetween(this.random, item.created + DAY, Math.min(item.created + 60 * DAY, this.now - HOUR), offset),
        owner,
        { field: 'labels', to: labels },
      );
    }
    this.maybeRedate(item, recorder, owner, 'targetEnd');
    this.talkAboutRoadmap(item, recorder, owner);
  }

  /** A PM moves a roadmap item's end by a quarter or so: strategic re-dating, never a sprint-sized nudge. */
  private maybeRedate(item: ItemPlan, recorder: Recorder, pm: Handle, field: DateField): void {
    const spec = item.roadmap!;
    const eligible =
      (spec.status === 'In Progress' || spec.status === 'Done') &&
      item.planted.length === 0 &&
      !spec.createdWith &&
      recorder.allows(field);
    if (!eligible || !this.random.chance(item.kind === 'initiative' ? 0.35 : 0.5)) return;
    const start = this.timeline.day(spec.start);
    const end = this.timeline.day(spec.end);
    const earlierEnd = plusDays(end, -7 * this.random.int(6, 13));
    if (earlierEnd - start < 6 * 7 * DAY) return;
    const latest = Math.min(this.now - HOUR, earlierEnd - DAY);
    const earliest = item.created + 10 * DAY;
    if (latest <= earliest) return;
    recorder.story.initial[field] = calendarDate(earlierEnd);
    recorder.change(momentBetween(this.random, earliest, latest, offsetOf(person(pm))), pm, {
      field,
      to: this.onTimeline(spec.end),
    });
  }

  private talkAboutRoadmap(item: ItemPlan, recorder: Recorder, pm: Handle): void {
    const spec = item.roadmap!;
    const fill = this.fillContext(item);
    const until = Math.min(this.now - HOUR, this.timeline.day(spec.end));
    const count = item.kind === 'initiative' ? this.random.int(2, 4) : this.random.int(1, 3);
    for (let index = 0; index < count; index += 1) {
      const author = index > 0 && pm !== 'amara' && this.random.chance(0.3) ? 'amara' : pm;
      const at = momentBetween(
        this.random,
        item.created + HOUR,
        Math.max(item.created + 2 * HOUR, until),
        offsetOf(person(author)),
      );
      recorder.comment({
        at,
        author,
        segments: writeComment(this.random, 'pm', author, fill),
        ...this.maybeEdited(at),
      });
    }
  }

  // ---- the 120-history issue ------------------------------------------------------------------------------

  /**
   * Tops the issue's changelog up to exactly `count` histories with the churn a long-running story collects:
   * re-ranking, flagging and clearing, re-estimating, reworded acceptance criteria, labels on and off.
   */
  private churnTo(item: ItemPlan, recorder: Recorder, count: number): void {
    const po = item.po ?? item.project.pm;
    const from = item.visits[0]?.start ?? item.created + HOUR;
    const to = this.now - 2 * HOUR;
    const existing = recorder.story.events.length;
    let missing = count - existing;
    if (missing < 0) throw new Error(`${item.summary}: already ${existing} histories, more than ${count}`);
    const dev = this.pickDev(item, from);
    let slot = 0;
    const slots = missing;
    const nextMoment = (): number => {
      const moment = from + Math.floor(((to - from) * (slot + this.random.next() * 0.8)) / slots);
      slot += 1;
      return moment;
    };
    while (missing > 0) {
      const kind =
        missing >= 2
          ? this.random.pick(['rank', 'rank', 'flag', 'label', 'points', 'criteria'] as const)
          : this.random.pick(['rank', 'points', 'criteria'] as const);
      if (kind === 'flag' || kind === 'label') {
        const on = nextMoment();
        const off = nextMoment();
        if (kind === 'flag') {
          recorder.force(on, dev, [{ field: 'flagged', to: true }]);
          recorder.force(off, dev, [{ field: 'flagged', to: false }]);
        } else {
          recorder.force(on, this.acting(po, on), [{ field: 'labels', to: ['needs-design'] }]);
          recorder.force(off, this.acting(po, off), [{ field: 'labels', to: [] }]);
        }
        missing -= 2;
        continue;
      }
      const at = nextMoment();
      const change: Change =
        kind === 'rank'
          ? { field: 'rank', direction: this.random.chance(0.5) ? 'higher' : 'lower' }
          : kind === 'points'
            ? { field: 'storyPoints', to: this.random.pick([5, 8, 8, 13]) }
            : { field: 'acceptanceCriteria', to: this.acceptanceCriteria(item) };
      recorder.force(at, this.acting(po, at), [change]);
      missing -= 1;
    }
  }

  // ---- helpers --------------------------------------------------------------------------------------------

  /** A scenario date on this run's timeline. */
  private onTimeline(date: string): string {
    return calendarDate(this.timeline.day(date));
  }

  private localMoment(value: string, who: Handle): number {
    const [date, time] = value.split(' ');
    return this.timeline.at(date!, time ?? '10:00', offsetOf(person(who)));
  }

  private acting(who: Handle, at: number): Handle {
    const leave = this.scenario.leaves.find(
      (candidate) =>
        candidate.who === who &&
        at >= this.timeline.day(candidate.from) &&
        at < plusDays(this.timeline.day(candidate.to), 1),
    );
    return leave ? leave.deputy : who;
  }

  private pmOf(item: ItemPlan): Handle {
    const owner = item.roadmap?.owner;
    if (owner && person(owner).role === 'pm') return owner;
    return item.roadmap?.createdBy && person(item.roadmap.createdBy).role === 'pm'
      ? item.roadmap.createdBy
      : item.project.pm;
  }

  private pickDev(item: ItemPlan, at: number): Handle {
    const devs = item.project.devs.filter((handle) => activeAt(handle, at, this.timeline) && handle !== 'former');
    const leaving = item.project.devs.filter((handle) => handle === 'former' && activeAt(handle, at, this.timeline));
    return this.random.pick([...devs, ...leaving]);
  }

  private creationPriority(item: ItemPlan): PriorityName {
    if (item.type === 'Bug')
      return this.random.pick<PriorityName>(['Highest', 'High', 'High', 'Medium', 'Medium', 'Medium']);
    return this.random.chance(0.1) ? 'High' : 'Medium';
  }

  private workDescription(item: ItemPlan): string {
    if (item.type === 'Bug') return this.random.pick(BUG_DESCRIPTION);
    if (item.type === 'Spike')
      return 'Time-box: three days. Outcome: a short write-up with a recommendation for the next refinement.';
    const epic = item.parent?.kind === 'epic' ? ` Part of "${item.parent.summary}".` : '';
    return `${item.summary}, for ${item.project.persona}.${epic}\n\n${this.acceptanceCriteria(item)}`;
  }

  private acceptanceCriteria(item: ItemPlan): string {
    const pool = item.project.acceptanceCriteria;
    if (pool.length === 0) return 'Agreed with the team in refinement.';
    return this.random.shuffle(pool).slice(0, 2).join(' ');
  }

  private releaseAfter(item: ItemPlan, at: number): string | undefined {
    const day = calendarDate(at);
    return item.project.releases?.find((release) => calendarDate(this.timeline.day(release.date)) >= day)?.name;
  }

  private fillContext(item: ItemPlan): FillContext {
    const known = this.fills.get(item);
    if (known) return known;
    const fill = this.newFillContext(item);
    this.fills.set(item, fill);
    return fill;
  }

  private newFillContext(item: ItemPlan): FillContext {
    const sprint =
      item.visits[item.visits.length - 1] ??
      this.skeleton.sprints.find((candidate) => candidate.project === item.project && candidate.state === 'future');
    const release =
      item.project.releases?.find((candidate) => this.timeline.day(candidate.date) >= this.now)?.name ??
      'the next release';
    return {
      teammates: item.project.devs.filter((handle) => person(handle).active),
      sprint: sprint?.name ?? 'the next sprint',
      release,
      branch: `feature/${item.project.key.toLowerCase()}-${item.summary
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .slice(0, 32)
        .replace(/-$/, '')}`,
    };
  }

  private maybeEdited(at: number): { editedAt?: number } {
    return this.random.chance(0.1) ? { editedAt: at + this.random.int(2, 40) * MINUTE } : {};
  }
}

/** The statuses an item moves through on its way to `final`, after To Do. */
function statusPath(workflow: string, final: StatusName): StatusName[] {
  const flow: StatusName[] =
    workflow === 'acceptance'
      ? ['In Progress', 'In Review', 'Ready for Acceptance', 'Done']
      : ['In Progress', 'In Review', 'Done'];
  const index = flow.indexOf(final);
  return index < 0 ? [] : flow.slice(0, index + 1);
}
