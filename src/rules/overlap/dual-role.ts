import type { ClassifiedAction, RuleContext, RuleModule } from '../types';
import {
  EVIDENCE_LIMIT,
  actionEvidence,
  criteriaOf,
  isHumanDecider,
  mostTellingFirst,
  projectsWhereMapped,
  mappedAnywhere,
} from '../support';
import { personName, listed } from '../../domain/text';

export interface Options {
  /** Fewer decisions than this (strategic anywhere plus tactical in the team's project) say nothing. */
  minDecisions: number;
  /** Both kinds must be at least this share of those decisions. */
  minShare: number;
  /** A decision counts from this classification confidence on. */
  minConfidence: number;
}

export type MessageIds = 'mappedBoth' | 'mappedAcross' | 'bothKinds' | 'combined' | 'split' | 'explicit';

/**
 * R1: one person doing both jobs. Judged per person and per *team project* — a project whose backlog the person
 * runs (mapped Product Owner there, or tactical decisions on its items) — because a combined-role declaration is
 * a team's. Strategic decisions count wherever they were made: a PM's roadmap often lives in a portfolio project.
 * The person is reported there when they are mapped Product Owner and also Product Manager (in the same or another
 * project), or when strategic and tactical decisions each make up at least `minShare` of enough decisions.
 */
export const rule: RuleModule<Options, MessageIds> = {
  meta: {
    id: 'overlap/dual-role',
    title: 'One person in both roles',
    category: 'overlap',
    defaultSeverity: 'warning',
    criteria: ['C1', 'C5', 'R1'],
    description: 'One person does both the product manager’s and the product owner’s job for a team.',
    messages: {
      mappedBoth:
        '{{name}} holds both the Product Manager and the Product Owner role in {{project}}, and made {{strategic}} strategic and {{tactical}} tactical decisions in the audit window: one person sets the roadmap and runs the backlog, but {{project}} is not declared a combined-role team.',
      mappedAcross:
        '{{name}} is Product Owner in {{project}} and Product Manager {{pmWhere}}, and made {{strategic}} strategic and {{tactical}} tactical decisions in the audit window: one person sets the roadmap and runs the backlog, but {{project}} is not declared a combined-role team.',
      bothKinds:
        '{{name}} made {{strategic}} strategic ({{strategicShare}}%) and {{tactical}} tactical ({{tacticalShare}}%) decisions for {{project}} in the audit window: a large share of both the Product Manager’s and the Product Owner’s work, but {{project}} is not declared a combined-role team.',
      combined:
        '{{name}} does both jobs for {{project}} ({{strategic}} strategic and {{tactical}} tactical decisions in the audit window). {{project}} is declared a combined-role team, so this is information only; expectations about which decisions {{name}} takes in which role should be explicit.',
      split:
        'Separate the jobs: keep {{name}} in one role and name someone else for the other in {{project}} (the Product Owner usually reports to the Product Manager). If one person doing both is intended, declare {{project}} a combined-role team in the auditor’s settings and write down which decisions {{name}} takes as PM and which as PO.',
      explicit:
        'Write down, for the team, which decisions {{name}} takes as Product Manager (roadmap, dates months out, what to build) and which as Product Owner (sprint scope, backlog order, acceptance), and revisit the split when the team grows.',
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minDecisions: { type: 'integer', minimum: 1 },
        minShare: { type: 'number', minimum: 0, maximum: 0.5 },
        minConfidence: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
  },
  defaultOptions: { minDecisions: 6, minShare: 0.3, minConfidence: 0.7 },
  check(context) {
    const work = decisionsByPerson(context);
    const people = new Set(work.keys());
    for (const projectKey of context.index.projects.keys())
      context.roles.holders(projectKey, 'po').forEach((id) => people.add(id));

    for (const accountId of people) {
      if (!isHumanDecider(context.index, accountId)) continue;
      const mine = work.get(accountId) ?? { strategic: [], tacticalByProject: new Map<string, ClassifiedAction[]>() };
      const poProjects = projectsWhereMapped(context.index, context.roles, accountId, 'po');
      const pmProjects = projectsWhereMapped(context.index, context.roles, accountId, 'pm');
      const teamProjects = new Set([...poProjects, ...mine.tacticalByProject.keys()]);
      for (const projectKey of teamProjects) {
        const tactical = mine.tacticalByProject.get(projectKey) ?? [];
        const options = context.options(projectKey);
        const strategic = mine.strategic.filter((entry) => entry.classification.confidence >= options.minConfidence);
        const counted = tactical.filter((entry) => entry.classification.confidence >= options.minConfidence);
        const basis = whyDual(
          context,
          accountId,
          projectKey,
          { poProjects, pmProjects, strategic: strategic.length, tactical: counted.length },
          options,
        );
        if (!basis) continue;
        const combined = context.roles.isCombinedRole(projectKey);
        const evidence = balanced(strategic, counted);
        const total = strategic.length + counted.length;
        const name = personName(context.index, accountId);
        context.report({
          messageId: combined ? 'combined' : basis,
          suggestionId: combined ? 'explicit' : 'split',
          data: {
            name,
            project: projectKey,
            pmWhere: pmProjects.length > 0 ? `in ${listed(pmProjects)}` : 'by the site’s role mapping',
            strategic: strategic.length,
            tactical: counted.length,
            strategicShare: percent(strategic.length, total),
            tacticalShare: percent(counted.length, total),
          },
          subject: { type: 'person', id: accountId, name },
          projectKey,
          projectKeys: [projectKey, ...evidence.map((entry) => entry.item.projectKey)],
          issueKeys: evidence.map((entry) => entry.item.key),
          evidence: evidence.map((entry) => actionEvidence(context.index, entry)),
          criteria: criteriaOf(rule.meta.criteria, evidence),
          discriminator: projectKey,
          ...(combined ? { severity: 'info' as const } : {}),
        });
      }
    }
  },
};

interface Work {
  strategic: ClassifiedAction[];
  tacticalByProject: Map<string, ClassifiedAction[]>;
}

/** Each person's decisions (changes and creations; comments are discussion, R4): strategic anywhere, tactical by project. */
function decisionsByPerson(context: RuleContext<Options, MessageIds>): Map<string, Work> {
  const work = new Map<string, Work>();
  for (const entry of context.actions) {
    const { action, item, classification } = entry;
    if (
      action.kind === 'comment' ||
      classification.role === 'neutral' ||
      !isHumanDecider(context.index, action.authorId)
    )
      continue;
    const mine = work.get(action.authorId) ?? {
      strategic: [],
      tacticalByProject: new Map<string, ClassifiedAction[]>(),
    };
    if (classification.role === 'strategic') mine.strategic.push(entry);
    else mine.tacticalByProject.set(item.projectKey, [...(mine.tacticalByProject.get(item.projectKey) ?? []), entry]);
    work.set(action.authorId, mine);
  }
  return work;
}

type Basis = 'mappedBoth' | 'mappedAcross' | 'bothKinds';

function whyDual(
  context: RuleContext<Options, MessageIds>,
  accountId: string,
  projectKey: string,
  facts: { poProjects: string[]; pmProjects: string[]; strategic: number; tactical: number },
  options: Options,
): Basis | undefined {
  if (facts.poProjects.includes(projectKey)) {
    if (facts.pmProjects.includes(projectKey)) return 'mappedBoth';
    if (facts.pmProjects.length > 0 || mappedAnywhere(context.roles, accountId, 'pm')) return 'mappedAcross';
  }
  const total = facts.strategic + facts.tactical;
  if (
    total >= options.minDecisions &&
    facts.strategic / total >= options.minShare &&
    facts.tactical / total >= options.minShare
  )
    return 'bothKinds';
  return undefined;
}

/** The most telling decisions of each kind, alternating, so both sides of the job show. */
function balanced(strategic: readonly ClassifiedAction[], tactical: readonly ClassifiedAction[]): ClassifiedAction[] {
  const a = [...strategic].sort(mostTellingFirst);
  const b = [...tactical].sort(mostTellingFirst);
  const out: ClassifiedAction[] = [];
  for (let index = 0; out.length < EVIDENCE_LIMIT && (index < a.length || index < b.length); index++) {
    for (const next of [a[index], b[index]]) if (next && out.length < EVIDENCE_LIMIT) out.push(next);
  }
  return out;
}

function percent(part: number, total: number): number {
  return total === 0 ? 0 : Math.round((part / total) * 100);
}
