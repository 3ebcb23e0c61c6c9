import type { RuleId } from '../../../rules';
import type { PriorityName, StatusName } from '../catalog';

/**
 * The vocabulary of the demo scenario. The scenario files describe the site as a reader would tell it
 * (teams, roadmap, sprints, and the deliberate role-boundary problems next to their clean controls); the
 * generator turns that description into Jira REST data. Dates are calendar days on the default timeline
 * ("now" = 2026-11-22); times in scripts are the author's local time.
 */

/** A deliberate case: a problem the auditor must report under `rule`, or a control it must not report under it. */
export interface PlantedNote {
  rule: RuleId;
  kind: 'problem' | 'control';
  description: string;
}

/** A person's handle in `people.ts`. */
export type Handle = string;

/** What one scripted action changes; omitted fields stay as they are. */
export interface ScriptChange {
  /** The item's sprints afterwards, by sprint number on its project's board. */
  sprints?: number[];
  rank?: 'higher' | 'lower';
  storyPoints?: number;
  acceptanceCriteria?: string;
  duedate?: string | null;
  startDate?: string | null;
  targetStart?: string | null;
  targetEnd?: string | null;
  fixVersions?: { add?: string[]; remove?: string[] };
  status?: StatusName;
  assignee?: Handle | null;
  labels?: string[];
  priority?: PriorityName;
}

/** One scripted action: a field change, a comment, or both, at `at` ("YYYY-MM-DD HH:mm", author's local time). */
export interface ScriptStep {
  at: string;
  by: Handle;
  set?: ScriptChange;
  comment?: string;
}

/** Where a work item ends up when the scenario pins it rather than letting the generator schedule it. */
export interface Pin {
  /** Sprint numbers it has been in, in order (carried over from each to the next); empty for the backlog. */
  sprints: number[];
  status: StatusName;
}

/** A story, bug, task or spike. A plain string is a story with that summary, scheduled by the generator. */
export interface WorkSpec {
  summary: string;
  type?: 'Story' | 'Bug' | 'Task' | 'Spike';
  /** One issue per variant, e.g. ['iOS', 'Android'] → "Persist the cart (iOS)", "Persist the cart (Android)". */
  variants?: string[];
  pin?: Pin;
  createdBy?: Handle;
  /** "YYYY-MM-DD HH:mm" in the creator's local time. */
  created?: string;
  duedate?: string;
  /** No parent at all (the generator otherwise always gives work a parent epic). */
  parentless?: boolean;
  /** Parent epic in another project, by its ref. */
  parentRef?: string;
  /** Its full changelog must have exactly this many histories. */
  historyCount?: number;
  /** Sub-tasks it always gets (the generator adds others at random). */
  subtasks?: Array<string | { summary: string; planted?: PlantedNote[] }>;
  createdWith?: CreatedWith;
  script?: ScriptStep[];
  planted?: PlantedNote[];
}

export type Work = string | WorkSpec;

/** Values at creation that scripts later change (otherwise an item is created with its final values). */
export interface CreatedWith {
  storyPoints?: number;
  fixVersions?: string[];
  startDate?: string;
  duedate?: string;
  targetStart?: string;
  targetEnd?: string;
}

export interface RoadmapItemSpec {
  /** Scenario-wide handle, e.g. 'PAY-E2'; keys are assigned by creation order. */
  ref: string;
  summary: string;
  description: string;
  /** The assignee, who owns the item; null for none. */
  owner: Handle | null;
  createdBy?: Handle;
  created?: string;
  /** Planned span (final values). */
  start: string;
  end: string;
  createdWith?: CreatedWith;
  status: 'Planned' | 'To Do' | 'In Progress' | 'Done';
  labels?: string[];
  script?: ScriptStep[];
  planted?: PlantedNote[];
}

export type InitiativeSpec = RoadmapItemSpec;

export interface EpicSpec extends RoadmapItemSpec {
  /** Parent initiative ref. */
  parent?: string;
  /** Phrase used as sprint goal while the team works on it. */
  goal: string;
  /** The release the PM plans it into. */
  fixVersion?: string;
  /** Product owner for its stories when not the project's. */
  po?: Handle;
  /** Who writes its stories when not its product owner. */
  storyCreators?: Handle[];
  stories?: Work[];
  /** Chores that come back every sprint while the epic runs (keep-the-lights-on epics). */
  recurring?: RecurringWork;
}

/**
 * Every sprint in the epic's span gets `perSprint` of these, in turn. Summaries may use {sprint}, {month}
 * (of the sprint's start) and {release} (the project's next release after the sprint).
 */
export interface RecurringWork {
  perSprint: [number, number];
  chores: Array<{ summary: string; type: 'Task' | 'Bug' | 'Story'; createdBy: Handle[] }>;
}

export interface SprintSpecial {
  /** '' = the sprint has no goal. */
  goal?: '';
  /**
   * The sprint holds only the work pinned to it; nothing carries over into or out of it (so that nobody
   * outside the sprint touches its items).
   */
  onlyPinnedWork?: boolean;
  planted?: PlantedNote[];
}

export interface SprintCalendar {
  boardId: number;
  boardName: string;
  namePrefix: string;
  firstStart: string;
  /** Local start time of each sprint. */
  startTime: string;
  /** Length of each sprint in weeks, in order: the last ones lie in the future. */
  weeks: number[];
  /** Completes sprints (and so carries unfinished work over); defaults to the product owner. */
  completer?: Handle;
  special?: Record<number, SprintSpecial>;
}

export interface ReleaseSpec {
  name: string;
  date: string;
}

export type RoleName = 'Administrators' | 'Developers' | 'Product Manager' | 'Product Owner' | 'Scrum Master';

export type RoleActorSpec = { user: Handle } | { group: string };

export interface ProjectSpec {
  key: string;
  id: string;
  name: string;
  description: string;
  lead: Handle;
  kind: 'portfolio' | 'scrum' | 'kanban';
  team?: { id: string; name: string };
  roles: Record<RoleName, RoleActorSpec[]>;
  /** The people who do the product work in generated actions (the roles above are what Jira declares). */
  pm: Handle;
  po?: Handle;
  scrumMaster?: Handle;
  devs: Handle[];
  qa?: Handle[];
  /** acceptance: the PO accepts from "Ready for Acceptance"; merge: merging the PR closes the item. */
  workflow: 'acceptance' | 'merge' | 'kanban' | 'portfolio';
  /** Which date fields its roadmap items use. */
  roadmapDates: 'start-and-due' | 'target';
  board?: { id: number; name: string; type: 'kanban' };
  calendar?: SprintCalendar;
  releases?: ReleaseSpec[];
  subtaskNames?: string[];
  /** Work without an epic of its own: the generator files it under whichever epic is active at the time. */
  looseWork?: Work[];
  /** Persona for generated story descriptions. */
  persona: string;
  acceptanceCriteria: string[];
  initiatives?: InitiativeSpec[];
  epics?: EpicSpec[];
  planted?: PlantedNote[];
}

export interface Leave {
  who: Handle;
  from: string;
  to: string;
  /** Does their share of the product work meanwhile. */
  deputy: Handle;
}

export interface PersonCase {
  who: Handle;
  planted: PlantedNote[];
}

export interface Scenario {
  projects: ProjectSpec[];
  groups: Array<{ name: string; groupId: string; members: Handle[] }>;
  leaves: Leave[];
  people: PersonCase[];
  permissions: Array<{ who: Handle; cannotBrowse?: string[]; admin?: boolean; projectAdmin?: string[] }>;
  /** Issue security levels: the roadmap items (by ref) behind each, visible to its members only. */
  issueSecurity: Array<{ id: string; name: string; members: Handle[]; items: string[] }>;
}
