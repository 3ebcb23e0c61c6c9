import type { Classification } from '../classify';
import type { CriteriaId } from '../criteria';
import type { EffectiveSettings } from '../config/types';
import type { FindingEvidence, FindingSubject, Severity } from '../domain/finding';
import type { Action, Item, Person, Project, ReadProblem, Site, Sprint } from '../domain/model';
import type { RoleDirectory } from '../roles';

export type RuleCategory = 'overlap' | 'owner' | 'horizon' | 'trace';

export interface RuleMeta {
  /** `<category>/<name>`, as in the file path. */
  id: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  criteria: CriteriaId[];
  /** One line for lists and the admin page. */
  description: string;
  /** Message and suggestion templates by id; `{{name}}` is replaced from the report's data. */
  messages: Record<string, string>;
  /** JSON Schema of the rule's options (validated with the configuration). */
  optionsSchema: object;
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
  people: ReadonlyMap<string, Person>;
  projects: ReadonlyMap<string, Project>;
  /** Classified actions in the audit's window, by item key, oldest first. */
  actionsByItem: ReadonlyMap<string, readonly ClassifiedAction[]>;
}

export interface FindingDraft {
  messageId: string;
  suggestionId: string;
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
}

export interface RuleContext<Options> {
  now: Date;
  /** Start of the audit's window; actions before it are not judged. */
  since?: Date;
  index: AuditIndex;
  /** Every classified action in the window, oldest first. */
  actions: readonly ClassifiedAction[];
  roles: RoleDirectory;
  settings(projectKey: string): EffectiveSettings;
  options(projectKey: string): Options;
  report(draft: FindingDraft): void;
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

export interface RuleModule<Options extends object = Record<string, never>> {
  meta: RuleMeta;
  defaultOptions: Options;
  check(context: RuleContext<Options>): void;
}

/** The registry holds rules of many option types; each is only ever called with its own. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: a rule's options are known only to the rule
export type AnyRule = RuleModule<any>;
