import type { Classification } from '../classify';
import type { CriteriaId } from '../criteria';
import type { EffectiveSettings } from '../config/types';
import type { FindingEvidence, FindingSubject, Severity } from '../domain/finding';
import type { Action, Item, Person, Project, ReadProblem, Site, Sprint } from '../domain/model';
import type { RoleDirectory } from '../roles';

export type RuleCategory = 'overlap' | 'owner' | 'horizon' | 'trace';

export interface RuleMeta<MessageIds extends string = string> {
  /** `<category>/<name>`, as in the file path. */
  id: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  criteria: CriteriaId[];
  /** The rule's name in plain words, shown wherever a flag or a setting names the rule (its id is a detail). */
  title: string;
  /** One line for lists and the admin page. */
  description: string;
  /** Message and suggestion templates by id; `{{name}}` is replaced from the report's data. */
  messages: Record<MessageIds, string>;
  /** JSON Schema of the rule's options (validated with the configuration). */
  optionsSchema: object;
  /**
   * The rule judges a project on all its issues (something missing from all of them, a count over them): while only
   * part of a project's issues is read (a first scan's first stage), it does not judge there and says so.
   */
  needsWholeProject?: true;
}

export interface ClassifiedAction {
  action: Action;
  item: Item;
  classification: Classification;
}

/** Lookups every rule needs, built once per audit. */
export interface AuditIndex {
  site: Site;
  items: ReadonlyMap<string, Item>;
  children: ReadonlyMap<string, readonly Item[]>;
  sprints: ReadonlyMap<number, Sprint>;
  itemsBySprint: ReadonlyMap<number, readonly Item[]>;
  /** The project each sprint belongs to (see `sprintProjects`); a sprint of no project is absent. */
  sprintProjects: ReadonlyMap<number, string>;
  people: ReadonlyMap<string, Person>;
  projects: ReadonlyMap<string, Project>;
  /** Classified actions in the audit's window, by item key, oldest first. */
  actionsByItem: ReadonlyMap<string, readonly ClassifiedAction[]>;
}

export interface FindingDraft<MessageIds extends string = string> {
  /** Templates of the rule's `meta.messages`: the finding's text is theirs, filled from `data`. */
  messageId: MessageIds;
  suggestionId: MessageIds;
  data?: Record<string, string | number>;
  subject: FindingSubject;
  /** The project whose settings (severity, options) apply. */
  projectKey: string;
  /** Every project the finding draws on; defaults to `projectKey`. */
  projectKeys?: string[];
  issueKeys: string[];
  evidence: FindingEvidence[];
  /** Defaults to the rule's criteria. */
  criteria?: CriteriaId[];
  /** Tells apart several findings of one rule about the same subject. */
  discriminator?: string;
  /** Overrides the configured severity, e.g. information-only cases of a rule. */
  severity?: Severity;
  /** The finding rests on an inferred (unconfirmed) role. */
  provisional?: boolean;
}

export interface RuleContext<Options, MessageIds extends string = string> {
  now: Date;
  /** The audit window of a project's actions (ending at now); actions outside it are not judged. */
  windowOf(projectKey: string): { since: Date; until: Date };
  index: AuditIndex;
  /** Every classified action in the window, oldest first. */
  actions: readonly ClassifiedAction[];
  roles: RoleDirectory;
  settings(projectKey: string): EffectiveSettings;
  options(projectKey: string): Options;
  report(draft: FindingDraft<MessageIds>): void;
  /** What the rule could not judge because data it needs was not read, said instead of judging on its absence. */
  notChecked(note: NotChecked): void;
}

export interface NotChecked {
  /** The project whose settings apply (a rule switched off there says nothing). */
  projectKey: string;
  /** What was not checked, e.g. `whether MOB has a Product Owner`. */
  what: string;
  /** The read problems that stood in the way. */
  because: readonly ReadProblem[];
}

/**
 * A rule, typed by its options and by the ids of its messages (as typescript-eslint's rules are): reporting a
 * message id the rule does not define is a compile error.
 */
export interface RuleModule<Options extends object, MessageIds extends string> {
  meta: RuleMeta<MessageIds>;
  defaultOptions: Options;
  check(context: RuleContext<Options, MessageIds>): void;
}

/**
 * A rule of any options and messages, as the registry holds it: `check` is a method, so a rule typed by its own
 * options and message ids fits; each is only ever called with its own options.
 */
export type AnyRule = RuleModule<object, string>;
