import { effectiveSettings } from '../config/defaults';
import { suppressionInForce } from './accepted';
import type { AuditConfig, EffectiveSettings, Suppression } from '../config/types';
import { compareFindings, type Finding } from '../domain/finding';
import type { ReadProblem } from '../domain/model';
import { isolated } from '../domain/text-safety';
import type { RoleDirectory } from '../roles';
import type { AnyRule, AuditIndex, ClassifiedAction, FindingDraft } from '../rules/types';

export interface RuleRun {
  findings: Finding[];
  suppressed: Array<{ finding: Finding; suppression: Suppression }>;
  /** What rules could not judge for want of data that was not read, as coverage problems. */
  notChecked: ReadProblem[];
}

export interface RuleRunInput {
  rules: readonly AnyRule[];
  config: AuditConfig;
  index: AuditIndex;
  actions: readonly ClassifiedAction[];
  roles: RoleDirectory;
  now: Date;
  windowOf: (projectKey: string) => { since: Date; until: Date };
  /** Keep only findings whose settings come from these projects (the projects one part of a sharded audit is for). */
  homeProjects?: ReadonlySet<string>;
}

/**
 * Runs every rule over the audit's index. Severity and options come from the project's effective settings
 * (a rule set to `off` there reports nothing there); accepted findings move to `suppressed` with their reason.
 */
export function runRules(input: RuleRunInput): RuleRun {
  const settingsCache = new Map<string, EffectiveSettings>();
  const settings = (projectKey: string): EffectiveSettings => {
    let found = settingsCache.get(projectKey);
    if (!found) {
      found = effectiveSettings(input.config, projectKey);
      settingsCache.set(projectKey, found);
    }
    return found;
  };
  const suppressions = new Map(
    input.config.suppressions
      .filter((suppression) => suppressionInForce(suppression, input.now))
      .map((suppression) => [suppression.findingId, suppression]),
  );
  const run: RuleRun = { findings: [], suppressed: [], notChecked: [] };
  const seen = new Set<string>();
  const partlyRead = partlyReadProjects(input.index.site.problems);

  for (const rule of input.rules) {
    const judgedWhole = rule.meta.needsWholeProject === true && partlyRead.size > 0;
    if (judgedWhole)
      for (const projectKey of partlyRead) {
        if (input.homeProjects && !input.homeProjects.has(projectKey)) continue;
        if (settings(projectKey).rules[rule.meta.id]?.severity === 'off') continue;
        run.notChecked.push({
          scope: 'project',
          ref: projectKey,
          message: `${rule.meta.id} did not check ${projectKey}: not checked yet, it needs all the project's issues and only part of them is read`,
        });
      }
    rule.check({
      now: input.now,
      windowOf: input.windowOf,
      index: input.index,
      actions: input.actions,
      roles: input.roles,
      settings,
      options: (projectKey) => ({ ...rule.defaultOptions, ...settings(projectKey).rules[rule.meta.id]?.options }),
      report: (draft) => {
        if (input.homeProjects && !input.homeProjects.has(draft.projectKey)) return;
        // Found on part of a project's issues, what such a rule finds may be what was not read yet.
        if (judgedWhole && [draft.projectKey, ...(draft.projectKeys ?? [])].some((key) => partlyRead.has(key))) return;
        const finding = toFinding(rule, draft, settings(draft.projectKey));
        if (!finding || seen.has(finding.id)) return;
        seen.add(finding.id);
        const suppression = suppressions.get(finding.id);
        if (suppression) run.suppressed.push({ finding, suppression });
        else run.findings.push(finding);
      },
      notChecked: (note) => {
        if (input.homeProjects && !input.homeProjects.has(note.projectKey)) return;
        if (settings(note.projectKey).rules[rule.meta.id]?.severity === 'off') return;
        const reasons = [...new Set(note.because.map((problem) => `${problem.scope} ${problem.ref}`))];
        run.notChecked.push({
          scope: 'project',
          ref: note.projectKey,
          message: `${rule.meta.id} did not check ${note.what}: not read (${reasons.join(', ')})`,
        });
      },
    });
  }
  run.findings.sort(compareFindings);
  run.suppressed.sort((a, b) => compareFindings(a.finding, b.finding));
  return run;
}

/** Projects only part of whose issues is read: their rules needing every issue do not judge them. */
function partlyReadProjects(problems: readonly ReadProblem[]): Set<string> {
  return new Set(
    problems
      .filter((problem) => problem.scope === 'project' && problem.unread === 'issues')
      .map((problem) => problem.ref),
  );
}

function toFinding(rule: AnyRule, draft: FindingDraft, settings: EffectiveSettings): Finding | undefined {
  const configured = settings.rules[rule.meta.id]?.severity;
  if (configured === 'off') return undefined;
  const severity = draft.severity ?? configured ?? rule.meta.defaultSeverity;
  return {
    id: findingId(rule.meta.id, draft),
    rule: rule.meta.id,
    severity,
    subject: draft.subject,
    issueKeys: [...new Set(draft.issueKeys)],
    projectKeys: [...new Set(draft.projectKeys ?? [draft.projectKey])].sort(),
    criteria: draft.criteria ?? rule.meta.criteria,
    message: formatMessage(rule, draft.messageId, draft.data),
    evidence: draft.evidence,
    suggestion: formatMessage(rule, draft.suggestionId, draft.data),
    ...(draft.provisional ? { provisional: true } : {}),
  };
}

/** `<rule>|<subject type>:<subject id>[|<discriminator>]`: the same finding in every run, so it can be accepted. */
export function findingId(ruleId: string, draft: Pick<FindingDraft, 'subject' | 'discriminator'>): string {
  return [ruleId, `${draft.subject.type}:${draft.subject.id}`, draft.discriminator].filter(Boolean).join('|');
}

/**
 * `{{name}}` placeholders filled from the report's data, each value isolated (names, summaries and sprint names come
 * from Jira); a missing template or value is a bug in the rule.
 */
export function formatMessage(rule: AnyRule, messageId: string, data: Record<string, string | number> = {}): string {
  const template = rule.meta.messages[messageId];
  if (template === undefined) throw new Error(`Rule ${rule.meta.id} has no message "${messageId}"`);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`Rule ${rule.meta.id} message "${messageId}" needs "${name}"`);
    return isolated(String(value));
  });
}
