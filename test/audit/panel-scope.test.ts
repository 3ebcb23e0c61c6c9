import { inPanel, panelKind, panelScope, type PanelKind } from '../../src/audit/panel-scope';
import type { SprintSummary } from '../../src/audit/report';
import type { Finding } from '../../src/domain/finding';

const sprint = (id: number, state: string, keys: string[], roadmapKeys: string[] = []): SprintSummary => ({
  id,
  name: `PAY Sprint ${id}`,
  state,
  boardId: 3,
  projectKey: 'PAY',
  goalKnown: true,
  items: keys.length,
  poDecisions: 0,
  byProject: {
    PAY: {
      items: keys.length,
      poDecisions: 0,
      keys,
      hangsUnder: Object.fromEntries(roadmapKeys.map((key) => [key, ['PAY']])),
      deciders: {},
    },
  },
});

const finding = (id: string, subject: Finding['subject'], issueKeys: string[], sprintId?: number): Finding => ({
  id,
  rule: 'overlap/pm-tactical-action',
  severity: 'warning',
  subject,
  issueKeys,
  projectKeys: ['PAY'],
  criteria: ['C5'],
  message: id,
  evidence: [{ at: '2026-11-01T00:00:00.000Z', what: 'moved', ...(sprintId ? { sprintId } : {}) }],
  suggestion: '',
});

const closed = sprint(7, 'closed', ['PAY-10', 'PAY-11']);
const active = sprint(14, 'active', ['PAY-192', 'PAY-184'], ['PAY-1']);
const future = sprint(15, 'future', ['PAY-300']);
const boardSprints = [closed, active, future];
const roadmap = new Set(['PAY-1', 'PAY-2']);
const item = (key: string) => ({ type: 'item' as const, id: key, key });
const findings = [
  finding('closed-item', item('PAY-10'), ['PAY-10']),
  finding('closed-sprint', { type: 'sprint', id: '7', name: 'PAY Sprint 7' }, []),
  finding('active-item', item('PAY-192'), ['PAY-192']),
  finding('epic-of-active', item('PAY-1'), ['PAY-1']),
  finding('other-epic', item('PAY-2'), ['PAY-2']),
  finding('future-item', item('PAY-300'), ['PAY-300']),
  finding('unscheduled', item('PAY-400'), ['PAY-400']),
  finding('missing-po', { type: 'project', id: 'PAY', key: 'PAY' }, []),
  finding('dual-role-in-sprint-7', { type: 'person', id: 'henrik' }, ['PAY-11', 'PORT-3'], 7),
  finding('dual-role-elsewhere', { type: 'person', id: 'sven' }, ['PAY-500']),
  { ...finding('other-project', item('MOB-1'), ['MOB-1']), projectKeys: ['MOB'] },
];

function shown(kind: PanelKind, opened?: SprintSummary) {
  const scope = panelScope(kind, { id: 3, projectKey: 'PAY' }, boardSprints, opened, roadmap);
  return findings.filter((each) => inPanel(scope, each)).map((each) => each.id);
}

describe('panel scope', () => {
  it("shows on a closed sprint's panel only that sprint's work and the people's flags resting on it", () => {
    expect(shown('sprint', closed)).toEqual(['closed-item', 'closed-sprint', 'dual-role-in-sprint-7']);
  });

  it('shows on the board panel its active sprint, the roadmap items its work hangs under and the project', () => {
    expect(shown('board', active)).toEqual(['active-item', 'epic-of-active', 'missing-po']);
  });

  it('shows on the backlog panel unscheduled and future-sprint work below the roadmap, and the project', () => {
    expect(shown('backlog')).toEqual(['future-item', 'unscheduled', 'missing-po']);
  });

  it("shows on a board with no sprint in view (Kanban) all of its project's flags but sprints'", () => {
    const scope = panelScope('board', { id: 3, projectKey: 'PAY' }, [], undefined, roadmap);
    expect(findings.filter((each) => inPanel(scope, each)).map((each) => each.id)).toEqual([
      'closed-item',
      'active-item',
      'epic-of-active',
      'other-epic',
      'future-item',
      'unscheduled',
      'missing-po',
      'dual-role-in-sprint-7',
      'dual-role-elsewhere',
    ]);
  });

  it('takes the kind from the module Jira opened, else from whether a sprint was asked for', () => {
    expect(panelKind('jira:backlogAction', null)).toBe('backlog');
    expect(panelKind('jira:sprintAction', 7)).toBe('sprint');
    expect(panelKind('jira:boardAction', null)).toBe('board');
    expect(panelKind(null, 7)).toBe('sprint');
    expect(panelKind(undefined, null)).toBe('board');
  });
});
