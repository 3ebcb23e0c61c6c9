/**
 * The rulebook (shared/criteria.md) as data: every classification and finding names these ids, and the rules'
 * thresholds take their defaults from here.
 */

export type Side = 'strategic' | 'tactical' | 'both';
export type SourceId = 'PMS' | 'PB' | 'SB' | 'LY' | 'TE';

export const SOURCES: Record<SourceId, string> = {
  PMS: 'Product Management Society',
  PB: 'Productboard',
  SB: 'Key differences (Scrum blog)',
  LY: 'Lyssna',
  TE: 'Tempo',
};

export interface Criterion {
  id: CriterionId;
  name: string;
  /** What the strategic (PM) side of it looks like. */
  strategic: string;
  /** What the tactical (PO) side of it looks like. */
  tactical: string;
  sources: SourceId[];
}

export interface Relation {
  id: RelationId;
  name: string;
  fact: string;
  use: string;
  sources: SourceId[];
}

export type CriterionId = 'C1' | 'C2' | 'C3' | 'C4' | 'C5' | 'C6' | 'C7' | 'C8' | 'C9';
export type RelationId = 'R1' | 'R2' | 'R3' | 'R4';
export type CriteriaId = CriterionId | RelationId;

export const CRITERIA: readonly Criterion[] = [
  {
    id: 'C1',
    name: 'Scope',
    strategic: 'The whole product or a major area, from concept to market',
    tactical: "One team's backlog or one feature area",
    sources: ['PMS', 'LY', 'TE'],
  },
  {
    id: 'C2',
    name: 'Question answered',
    strategic: 'Why and what to build',
    tactical: 'How and when to build it',
    sources: ['PMS', 'LY'],
  },
  {
    id: 'C3',
    name: 'Key activities',
    strategic:
      'Vision, strategy, roadmap, market research, competition, pricing, positioning, budget, go-to-market, OKRs',
    tactical:
      'Backlog creation, refinement and ranking, user stories, acceptance criteria, sprint planning, reviews, unblocking the team',
    sources: ['PMS', 'SB', 'LY', 'TE'],
  },
  {
    id: 'C4',
    name: 'Decisions',
    strategic: 'What to build, defer or cut; which markets; which features drive the product',
    tactical: 'Which stories go into this sprint; bug or enhancement; fitting a feature to capacity',
    sources: ['PMS', 'LY', 'TE'],
  },
  {
    id: 'C5',
    name: 'Time horizon',
    strategic: 'Quarters to years: 6–24 months',
    tactical: 'Sprints and releases: 1–4 weeks',
    sources: ['LY', 'PMS'],
  },
  {
    id: 'C6',
    name: 'Stakeholders',
    strategic: 'Executives, marketing, sales, finance, customers, partners',
    tactical: 'The development team, scrum master, designers',
    sources: ['SB', 'LY', 'TE'],
  },
  {
    id: 'C7',
    name: 'Success metrics',
    strategic: 'Adoption, retention, revenue, NPS, time-to-market, acquisition cost',
    tactical: 'Velocity, backlog health, story completion, predictability, developer flow',
    sources: ['TE', 'PMS'],
  },
  {
    id: 'C8',
    name: 'Orientation',
    strategic: 'External: market, competitors, positioning',
    tactical: 'Internal: the team has what it needs, blockers removed',
    sources: ['TE'],
  },
  {
    id: 'C9',
    name: 'Backlog ownership',
    strategic: '—',
    tactical: 'One person, the PO, is accountable for the backlog and its order',
    sources: ['PB', 'SB'],
  },
];

export const RELATIONS: readonly Relation[] = [
  {
    id: 'R1',
    name: 'Combined roles',
    fact: 'Small teams often combine both roles in one person; larger organisations separate them.',
    use: 'In a declared combined-role team, doing both kinds of work is information; elsewhere a large share of both is flagged.',
    sources: ['PMS', 'SB', 'LY', 'TE'],
  },
  {
    id: 'R2',
    name: 'Reporting line',
    fact: 'The PO usually reports to the PM; one PM may oversee several POs.',
    use: 'Roadmap items belong to PMs, sprints and backlogs to POs.',
    sources: ['PMS', 'LY'],
  },
  {
    id: 'R3',
    name: 'Translation loop',
    fact: 'The PM sets the vision, the PO turns it into epics and stories, the team builds, feedback flows back.',
    use: 'Roadmap items never broken down, and sprint work tracing to no roadmap item, are findings.',
    sources: ['LY'],
  },
  {
    id: 'R4',
    name: 'Shared understanding',
    fact: 'Both roles share communication, empathy and analysis; overlap is normal in understanding, not in deciding.',
    use: 'Comments and questions weigh less than decisions (ranking, scheduling, scoping, dating).',
    sources: ['PMS'],
  },
];

export interface Thresholds {
  strategicHorizonMonths: { min: number; max: number };
  tacticalHorizonWeeks: { min: number; max: number };
  roadmapMinSpanWeeks: number;
  roadmapMaxSpanMonths: number;
  sprintMaxWeeks: number;
}

/** Default thresholds; admins may change each per site and per project. */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = {
  /** C5: the strategic horizon. */
  strategicHorizonMonths: { min: 6, max: 24 },
  /** C5: the tactical horizon. */
  tacticalHorizonWeeks: { min: 1, max: 4 },
  /** A roadmap item planned over this many weeks or fewer is sprint-sized. */
  roadmapMinSpanWeeks: 4,
  /** A roadmap item planned over more than this many months is beyond the strategic horizon. */
  roadmapMaxSpanMonths: 24,
  /** A sprint longer than this many weeks is no longer a sprint. */
  sprintMaxWeeks: 4,
};

const BY_ID = new Map<string, Criterion | Relation>([...CRITERIA, ...RELATIONS].map((entry) => [entry.id, entry]));

export function criteriaById(id: CriteriaId): Criterion | Relation {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`Unknown criteria id ${id}`);
  return found;
}

export function isCriteriaId(value: string): value is CriteriaId {
  return BY_ID.has(value);
}
