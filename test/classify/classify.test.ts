import { DEFAULT_THRESHOLDS } from '../../src/criteria';
import { classifyAction, type ClassifyContext, type Role } from '../../src/classify';
import type { FieldChange, Item } from '../../src/domain/model';
import { AT, changed, commented, created, field, item, withAuthor } from './builders';

const context = (subject: Item, extra: Partial<ClassifyContext> = {}): ClassifyContext => ({ item: subject, ...extra });

describe('classifyAction: what changed, at which level', () => {
  const inFlightEpic = item('epic', {
    status: { name: 'In Progress', category: 'indeterminate' },
    targetStart: '2026-09-01',
    targetEnd: '2026-10-20',
  });
  const laterEpic = item('epic', { targetStart: '2027-02-01', targetEnd: '2027-06-04' });
  const releases = new Map([
    ['SHOP 2026.10', '2026-10-12'],
    ['SHOP 2027.06', '2027-06-15'],
  ]);

  it.each<[string, Item, FieldChange[], Role, Partial<ClassifyContext>?]>([
    [
      'adding a story to a sprint',
      item('story'),
      [field('sprint', 'Sprint', undefined, 'SHOP Sprint 14', { toValue: '140' })],
      'tactical',
    ],
    [
      'moving a story to the next sprint',
      item('story'),
      [field('sprint', 'Sprint', 'SHOP Sprint 14', 'SHOP Sprint 15', { fromValue: '140', toValue: '141' })],
      'tactical',
    ],
    ['ranking a story', item('story'), [field('rank', 'Rank', undefined, 'Ranked higher')], 'tactical'],
    [
      'ranking an epic that ends this month',
      inFlightEpic,
      [field('rank', 'Rank', undefined, 'Ranked higher')],
      'tactical',
    ],
    [
      'ranking an epic that runs next half-year',
      laterEpic,
      [field('rank', 'Rank', undefined, 'Ranked higher')],
      'strategic',
    ],
    ['ranking an initiative', item('initiative'), [field('rank', 'Rank', undefined, 'Ranked lower')], 'strategic'],
    ['estimating a story', item('story'), [field('storyPoints', 'Story point estimate', undefined, '5')], 'tactical'],
    [
      'rewriting acceptance criteria',
      item('story'),
      [field('acceptanceCriteria', 'Acceptance Criteria', 'Works.', 'Shows an error when the code has expired.')],
      'tactical',
    ],
    ['raising a bug’s priority', item('bug'), [field('priority', 'priority', 'Medium', 'Highest')], 'tactical'],
    [
      'raising an initiative’s priority',
      item('initiative'),
      [field('priority', 'priority', 'Medium', 'High')],
      'strategic',
    ],
    [
      'putting a bug on a release 11 days out',
      item('bug'),
      [field('fixVersions', 'Fix Version', undefined, 'SHOP 2026.10')],
      'tactical',
      { releases },
    ],
    [
      'putting an epic on a release 8 months out',
      laterEpic,
      [field('fixVersions', 'Fix Version', undefined, 'SHOP 2027.06')],
      'strategic',
      { releases },
    ],
    [
      'putting an epic on a release dated only by its name',
      laterEpic,
      [field('fixVersions', 'Fix Version', undefined, 'Storefront 2027.05')],
      'strategic',
    ],
    [
      'labelling an initiative for pricing and go-to-market',
      item('initiative'),
      [field('labels', 'labels', 'platform', 'platform pricing gtm')],
      'strategic',
    ],
    [
      'labelling a story as needing refinement',
      item('story'),
      [field('labels', 'labels', '', 'needs-refinement')],
      'tactical',
    ],
    [
      'fixing a typo in an initiative’s summary',
      item('initiative'),
      [field('summary', 'summary', 'Marketplace for partnres', 'Marketplace for partners')],
      'neutral',
    ],
    [
      'rewording a story’s summary',
      item('story'),
      [field('summary', 'summary', 'Export orders', 'Export the filtered order list as a spreadsheet file')],
      'tactical',
    ],
    [
      'renaming an initiative',
      item('initiative'),
      [field('summary', 'summary', 'Wallet', 'In-app wallet and loyalty')],
      'strategic',
    ],
    [
      'adding a retention target to an initiative',
      item('initiative'),
      [
        field(
          'description',
          'description',
          'Help merchants grow.',
          'Help merchants grow. Target: churn below 1.5% and net revenue retention above 105%.',
        ),
      ],
      'strategic',
    ],
    [
      'narrowing an epic’s scope for the team',
      item('epic'),
      [
        field(
          'description',
          'description',
          'Bulk editing.',
          'Bulk editing.\n\nOut of scope for this epic: undo. Split into two stories.',
        ),
      ],
      'tactical',
    ],
    ['starting work on a story', item('story'), [field('status', 'status', 'To Do', 'In Progress')], 'neutral'],
    [
      'closing a sub-task',
      item('subtask'),
      [field('status', 'status', 'In Progress', 'Done'), field('resolution', 'resolution', undefined, 'Done')],
      'neutral',
    ],
    [
      'closing an epic as Won’t Do',
      item('epic'),
      [field('status', 'status', 'To Do', "Won't Do"), field('resolution', 'resolution', undefined, "Won't Do")],
      'strategic',
    ],
    ['declining a story', item('story'), [field('status', 'status', 'Backlog', 'Rejected')], 'tactical'],
    ['accepting finished work', item('story'), [field('status', 'status', 'Ready for Acceptance', 'Done')], 'tactical'],
    [
      'sending finished work back',
      item('story'),
      [field('status', 'status', 'Ready for Acceptance', 'In Progress')],
      'tactical',
    ],
    [
      'deciding to build an idea',
      item('idea'),
      [field('status', 'status', 'Discovery', 'Ready for delivery')],
      'strategic',
    ],
    [
      'moving an epic to another initiative',
      item('epic'),
      [field('parent', 'Parent', 'SHOP-10', 'SHOP-20')],
      'strategic',
    ],
    ['moving a story to another epic', item('story'), [field('parent', 'Parent', 'SHOP-30', 'SHOP-31')], 'tactical'],
    ['turning a story into a bug', item('story'), [field('issueType', 'issuetype', 'Story', 'Bug')], 'tactical'],
    ['assigning a story', item('story'), [field('assignee', 'assignee', undefined, 'Someone')], 'neutral'],
    ['changing a component', item('story'), [field('components', 'Component', 'Checkout', 'Catalogue')], 'neutral'],
    ['flagging a sub-task', item('subtask'), [field('flagged', 'Flagged', undefined, 'Impediment')], 'neutral'],
    ['handing a story to another team', item('story'), [field('team', 'Team', 'Core', 'Payments')], 'tactical'],
    [
      'handing an epic that runs next half-year to another team',
      laterEpic,
      [field('team', 'Team', 'Core', 'Payments')],
      'strategic',
    ],
    [
      'recording a blocking link',
      item('story'),
      [field('other', 'Link', undefined, 'is blocked by SHOP-9')],
      'neutral',
    ],
    [
      'linking an idea to the epic that implements it',
      item('idea'),
      [field('other', 'Link', undefined, 'is implemented by SHOP-40')],
      'tactical',
    ],
    ['moving an idea on a roadmap field', item('idea'), [field('other', 'Roadmap', 'Later', 'Now')], 'strategic'],
    ['an unknown field', item('story'), [field('other', 'Environment', 'a', 'b')], 'neutral'],
  ])('%s', (_, subject, changes, role, extra = {}) => {
    expect(classifyAction(changed(changes), context(subject, extra)).role).toBe(role);
  });
});

describe('classifyAction: the horizon of a date (C5)', () => {
  it.each<[string, Item, FieldChange, Role, RegExp]>([
    [
      'an epic’s target end slips a week, to 3 weeks out',
      item('epic'),
      field('targetEnd', 'Target end', '2026-10-15', '2026-10-22'),
      'tactical',
      /later by 7 days, to 3 weeks out/,
    ],
    [
      'an epic’s target end moves a quarter, to 9 months out',
      item('epic'),
      field('targetEnd', 'Target end', '2027-04-01', '2027-07-01'),
      'strategic',
      /^Moved the epic's target end later by 13 weeks, to 9 months out$/,
    ],
    [
      'a story’s due date moves a week',
      item('story'),
      field('dueDate', 'duedate', '2026-10-09', '2026-10-16', { fromValue: '2026-10-09', toValue: '2026-10-16' }),
      'tactical',
      /due date later by 7 days/,
    ],
    [
      'an initiative is pulled in by a quarter, to 5 months out',
      item('initiative'),
      field('dueDate', 'duedate', '2027-06-01', '2027-03-01', { fromValue: '2027-06-01', toValue: '2027-03-01' }),
      'strategic',
      /earlier by 13 weeks, to 5 months out/,
    ],
    [
      'an epic’s start is set 7 months out',
      item('epic'),
      field('startDate', 'Start date', undefined, '2027-05-03'),
      'strategic',
      /start date to 7 months out/,
    ],
    [
      'an epic’s target start is set for next week',
      item('epic'),
      field('targetStart', 'Target start', undefined, '2026-10-08'),
      'tactical',
      /to 7 days out/,
    ],
    [
      'a story is dated ten months out',
      item('story'),
      field('dueDate', 'duedate', undefined, '2027-08-02', { toValue: '2027-08-02' }),
      'strategic',
      /10 months out/,
    ],
  ])('%s', (_, subject, change, role, reason) => {
    const result = classifyAction(changed([change]), context(subject));
    expect(result.role).toBe(role);
    expect(result.criteria).toContain('C5');
    expect(result.reason).toMatch(reason);
  });

  it('takes the horizons from the thresholds it is given', () => {
    const epic = item('epic');
    const change = changed([field('targetEnd', 'Target end', undefined, '2027-02-01')]);
    expect(classifyAction(change, context(epic)).role).toBe('strategic');
    const longerHorizons = {
      ...DEFAULT_THRESHOLDS,
      strategicHorizonMonths: { min: 12, max: 24 },
      tacticalHorizonWeeks: { min: 1, max: 8 },
    };
    expect(classifyAction(change, context(epic, { thresholds: longerHorizons })).role).toBe('tactical');
  });
});

describe('classifyAction: what is said, in several languages', () => {
  const initiative = item('initiative', { targetEnd: '2027-09-30' });
  const storyInSprint = item('story', { sprintIds: [140] });
  const sprints = new Map([
    [
      140,
      {
        id: 140,
        name: 'SHOP Sprint 14',
        state: 'active',
        startDate: '2026-09-28T08:00:00.000Z',
        endDate: '2026-10-09T17:00:00.000Z',
      },
    ],
  ]);

  it.each<[string, string]>([
    [
      'en',
      'Competitors bundle this into their base plan; we should reposition it and revisit pricing before the launch.',
    ],
    [
      'de',
      'Der Vertrieb meldet, dass zwei Großkunden ohne diese Funktion zur Konkurrenz wechseln. Das gehört auf die Roadmap.',
    ],
    [
      'fr',
      'Le comité de direction veut un budget séparé pour ce lancement ; on décale le marché allemand au prochain trimestre.',
    ],
    [
      'es',
      'Según ventas, este módulo puede aumentar los ingresos un 12 % el próximo año; lo proponemos como objetivo.',
    ],
    [
      'pt',
      'A concorrência já oferece isso sem custo; precisamos rever o preço antes do lançamento no mercado mexicano.',
    ],
    [
      'it',
      'Il comitato ha approvato il budget: lanciamo sul mercato spagnolo nel secondo semestre e rinviamo la versione B2B.',
    ],
    [
      'nl',
      'De concurrentie heeft dit al en volgens de verkoop kost het ons omzet. Ik zet het op de roadmap voor volgend jaar.',
    ],
    ['ja', '競合他社が同じ機能を無料で提供しているため、価格戦略を見直し、来期のロードマップに入れます。'],
    ['zh', '销售反馈竞争对手已经推出类似功能，我们需要调整定价策略，并把它放进明年的路线图。'],
  ])('market, pricing and roadmap talk (%s) is strategic', (_, text) => {
    const result = classifyAction(commented(text), context(initiative));
    expect(result.role).toBe('strategic');
    expect(result.criteria).toContain('R4');
  });

  it.each<[string, string]>([
    [
      'en',
      'Splitting this story: the export part goes to the next sprint, the acceptance criteria for the filter stay as they are.',
    ],
    ['de', 'Die Akzeptanzkriterien sind jetzt ergänzt; bitte schätzt die Story im Refinement am Donnerstag.'],
    [
      'fr',
      "J'ai précisé les critères d'acceptation : le bouton n'apparaît que pour les administrateurs. On la prend dans ce sprint.",
    ],
    [
      'es',
      'Aclaración para el equipo: el filtro solo aplica a pedidos pagados. Lo dejo en el sprint y priorizo la exportación después.',
    ],
    [
      'pt',
      'Esclarecendo os critérios de aceite: o campo é obrigatório apenas para empresas. Vou priorizar no backlog para a próxima sprint.',
    ],
    ['it', 'Ho aggiunto i criteri di accettazione e spostato la storia nello sprint successivo per capacità.'],
    ['nl', 'Acceptatiecriteria aangevuld; we splitsen deze story en nemen het eerste deel mee in deze sprint.'],
    ['ja', '受け入れ基準を追加しました。このストーリーは次のスプリントに移します。'],
    ['zh', '我补充了验收标准，这个用户故事拆分成两个，第一个放进本次迭代。'],
  ])('acceptance criteria, splitting and sprint scope (%s) are tactical', (_, text) => {
    expect(classifyAction(commented(text), context(storyInSprint, { sprints })).role).toBe('tactical');
  });

  it.each<[string, string]>([
    ['code review', 'Addressed the review comments and rebased on main; CI is green now.'],
    ['a deploy', 'Deployed to staging, smoke tests pass.'],
    ['thanks', 'Thanks, looks good!'],
    ['de', 'Der Build schlägt in der CI fehl, ich schaue mir die Logs an.'],
    ['fr', 'Déployé en production, merci pour la relecture.'],
    ['es', 'Desplegado en el entorno de pruebas, gracias.'],
    ['pt', 'Corrigido e feito o deploy em produção. Obrigado!'],
    ['it', 'Rilasciato in produzione, grazie.'],
    ['nl', 'Uitgerold naar productie, bedankt!'],
    ['ja', 'ステージングにデプロイしました。テストも通っています。'],
    ['zh', '已部署到测试环境，日志正常。'],
    ['nothing in particular', 'See the attached screenshot.'],
  ])('delivery chatter (%s) is neutral', (_, text) => {
    const result = classifyAction(commented(text), context(storyInSprint, { sprints }));
    expect(result.role).toBe('neutral');
    expect(result.criteria).toEqual([]);
  });

  it('reads a customer named on a story as detail for that story, not as market strategy', () => {
    const text = 'The customer asked for the CSV to use a semicolon. Added that to the acceptance criteria.';
    expect(classifyAction(commented(text), context(item('story'))).role).toBe('tactical');
  });

  it('names a period far ahead as strategic horizon evidence', () => {
    const result = classifyAction(commented('We will revisit this for the H2 2027 plan.'), context(item('epic')));
    expect(result.role).toBe('strategic');
    expect(result.criteria).toContain('C5');
  });
});

describe('classifyAction: creating items', () => {
  it.each<[string, Item, Role]>([
    ['an initiative', item('initiative', { targetEnd: '2027-12-15', summary: 'Partner marketplace' }), 'strategic'],
    ['an idea', item('idea', { summary: 'Offline mode for reps' }), 'strategic'],
    [
      'an epic planned to end 8 months out',
      item('epic', { targetEnd: '2027-06-01', summary: 'Loyalty wallet' }),
      'strategic',
    ],
    [
      'an epic that is a three-week container',
      item('epic', { dueDate: '2026-10-20', summary: 'Crash fixes for 5.2' }),
      'tactical',
    ],
    ['a user story', item('story', { summary: 'As a buyer I can save my cart' }), 'tactical'],
    ['a bug report', item('bug', { summary: 'Cart total wrong after resume' }), 'neutral'],
    ['a sub-task for tests', item('subtask', { summary: 'Unit tests for the parser' }), 'neutral'],
    [
      'a task about competitor research',
      item('task', { summary: 'Competitive analysis of checkout flows', labels: ['competitive'] }),
      'strategic',
    ],
    [
      'a task to prepare the sprint review demo',
      item('task', { summary: 'Prepare the sprint review demo' }),
      'tactical',
    ],
    ['a routine task', item('task', { summary: 'Rotate the API credentials' }), 'neutral'],
  ])('%s', (_, subject, role) => {
    expect(classifyAction(created(subject.created), context(subject)).role).toBe(role);
  });
});

describe('classifyAction: discussion weighs less than decision (R4)', () => {
  const story = item('story');

  it('gives a comment lower confidence than the decision it talks about, and a question lower still', () => {
    const decision = classifyAction(
      changed([field('sprint', 'Sprint', undefined, 'SHOP Sprint 15', { toValue: '141' })]),
      context(story),
    );
    const statement = classifyAction(commented('Moving this story to the next sprint.'), context(story));
    const question = classifyAction(commented('Should we move this story to the next sprint?'), context(story));
    expect([decision.role, statement.role, question.role]).toEqual(['tactical', 'tactical', 'tactical']);
    expect(statement.confidence).toBeLessThan(decision.confidence);
    expect(question.confidence).toBeLessThan(statement.confidence);
    expect(statement.criteria).toContain('R4');
    expect(decision.criteria).not.toContain('R4');
  });

  it('keeps confidence within 0..1 and names no criteria when nothing was decided', () => {
    const task = item('task', { summary: 'Rotate the API credentials' });
    for (const action of [commented('ok'), changed([]), created()]) {
      const result = classifyAction(action, context(task));
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
      expect(result.role).toBe('neutral');
      expect(result.criteria).toEqual([]);
      expect(result.reason).not.toBe('');
    }
  });
});

describe('classifyAction never uses who acted', () => {
  const subject = item('epic', {
    targetEnd: '2027-05-01',
    assigneeId: 'po-1',
    reporterId: 'po-1',
    creatorId: 'po-1',
    userFields: { customfield_10050: ['po-1'] },
  });
  const someoneElse: Item = {
    ...subject,
    assigneeId: 'pm-9',
    reporterId: 'pm-9',
    creatorId: 'pm-9',
    userFields: { customfield_10050: ['pm-9'] },
  };
  const actions = [
    changed([field('targetEnd', 'Target end', '2027-02-01', '2027-05-01')]),
    commented('Pricing committee wants this before the launch; revenue impact is large.'),
    commented('Rebased, CI green.'),
    created(subject.created),
  ];

  it.each(actions.map((action) => [action.kind, action] as const))(
    'a %s action classifies the same whoever made it',
    (_, action) => {
      const original = classifyAction(action, context(subject));
      for (const author of ['pm-9', 'po-1', 'dev-3', undefined]) {
        expect(classifyAction(withAuthor(action, author), context(subject))).toEqual(original);
        expect(classifyAction(withAuthor(action, author), context(someoneElse))).toEqual(original);
      }
    },
  );

  it('says nothing about a person in its reason', () => {
    const result = classifyAction(
      changed([field('assignee', 'assignee', 'Ada Lovelace', 'Grace Hopper')]),
      context(subject),
    );
    expect(result.reason).not.toMatch(/Ada|Grace/);
  });
});

describe('classifyAction reasons', () => {
  it('says what was decided and at what horizon', () => {
    const result = classifyAction(
      changed([field('sprint', 'Sprint', undefined, 'SHOP Sprint 14', { toValue: '140' })]),
      {
        item: item('story'),
        sprints: new Map([
          [140, { id: 140, name: 'SHOP Sprint 14', state: 'active', endDate: '2026-10-09T17:00:00.000Z' }],
        ]),
      },
    );
    expect(result.reason).toBe('Added the story to SHOP Sprint 14 (active, ending in 8 days), deciding sprint scope');
  });

  it('tells a sprint closed since by when it ended, not as ending still, and counts one point as one', () => {
    const closed = classifyAction(changed([field('sprint', 'Sprint', undefined, 'SHOP Sprint 7', { toValue: '70' })]), {
      item: item('story'),
      sprints: new Map([[70, { id: 70, name: 'SHOP Sprint 7', state: 'closed', endDate: '2026-10-15T17:00:00.000Z' }]]),
    });
    expect(closed.reason).toBe('Added the story to SHOP Sprint 7 (which ended 2 weeks later), deciding sprint scope');
    const estimated = classifyAction(changed([field('storyPoints', 'Story Points', '3', '1')]), context(item('story')));
    expect(estimated.reason).toBe('Re-estimated the story from 3 to 1 point');
  });

  it('names the new parent from the context', () => {
    const parent = item('initiative', { key: 'SHOP-20', summary: 'Partner marketplace' });
    const result = classifyAction(changed([field('parent', 'Parent', 'SHOP-10', 'SHOP-20')]), {
      item: item('epic'),
      parent,
    });
    expect(result.reason).toBe(
      'Moved the epic under SHOP-20 (Partner marketplace), changing which roadmap bet it serves',
    );
  });

  it('summarises text cues by topic', () => {
    const result = classifyAction(
      commented('Finance approved the budget; pricing goes to the committee next.'),
      context(item('initiative')),
    );
    expect(result.reason).toMatch(/^Commented about .*budget and cost.* on the initiative/);
  });

  it('is one line', () => {
    const result = classifyAction(
      changed([field('summary', 'summary', 'Old', 'New line\nsecond line')]),
      context(item('story')),
    );
    expect(result.reason).not.toContain('\n');
  });
});

it('classifies at the action’s own time, not the clock’s', () => {
  const move = field('targetEnd', 'Target end', undefined, '2027-01-15');
  expect(classifyAction(changed([move], '2026-12-20T09:00:00.000Z'), context(item('epic'))).role).toBe('tactical');
  expect(classifyAction(changed([move], AT), context(item('epic'))).role).toBe('strategic');
});
