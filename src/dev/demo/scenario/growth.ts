import type { ProjectSpec } from './types';

/**
 * Growth Lab is a six-person team where Julien is both product manager and product owner, declared on the
 * project (he holds both roles). His doing both kinds of work is expected here and reported as information.
 */
export const GROWTH: ProjectSpec = {
  key: 'GRO',
  id: '10005',
  name: 'Growth Lab',
  description:
    'Combined-role team: Julien Moreau is Product Manager and Product Owner. Referrals, upgrades, pricing experiments.',
  lead: 'julien',
  kind: 'scrum',
  team: { id: 'b5e17430-3b2c-9a85-5bdf-af6078e68307', name: 'Growth Lab' },
  roles: {
    Administrators: [{ user: 'julien' }, { group: 'site-admins' }],
    Developers: [{ user: 'nadia' }, { user: 'rahul' }, { user: 'leo' }, { user: 'sara' }, { user: 'fatima' }],
    'Product Manager': [{ user: 'julien' }],
    'Product Owner': [{ user: 'julien' }],
    'Scrum Master': [],
  },
  pm: 'julien',
  po: 'julien',
  devs: ['nadia', 'rahul', 'leo'],
  qa: ['sara'],
  workflow: 'merge',
  roadmapDates: 'start-and-due',
  calendar: {
    boardId: 11,
    boardName: 'Growth Lab board',
    namePrefix: 'GRO Cycle',
    firstStart: '2026-06-09',
    startTime: '10:00',
    weeks: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2],
  },
  subtaskNames: ['Frontend', 'Backend', 'Tracking plan', 'Copy review', 'Design QA'],
  persona: 'a merchant on the Starter plan',
  acceptanceCriteria: [
    'Experiment exposure logged once per visitor.',
    'Works in English, French, German and Spanish.',
    'Events appear in the growth dashboard within an hour.',
    'Guarded by a feature flag with a kill switch.',
  ],
  planted: [
    {
      rule: 'owner/project-missing-role',
      kind: 'control',
      description:
        "Growth Lab's Product Manager and Product Owner are the same declared person (Julien): both roles are filled.",
    },
  ],
  looseWork: [
    { summary: 'Experiment assignment not sticky across devices', type: 'Bug' },
    { summary: 'Referral dashboard counts pending rewards twice', type: 'Bug' },
    { summary: 'Upgrade modal cut off on 1280px screens', type: 'Bug' },
    { summary: 'Plan comparison shows monthly price for annual plans', type: 'Bug' },
    { summary: 'Referral code not applied on mobile sign-up', type: 'Bug' },
    { summary: 'Pricing page flickers during experiment assignment', type: 'Bug' },
    { summary: 'Upgrade e-mail shows the old plan name', type: 'Bug' },
    { summary: 'Spike: referral attribution without third-party cookies', type: 'Spike' },
    {
      summary: 'Fix referral link preview on WhatsApp',
      createdBy: 'julien',
      created: '2026-11-12 09:40',
      parentless: true,
      pin: { sprints: [12], status: 'In Progress' },
      planted: [
        {
          rule: 'trace/sprint-item-without-roadmap-link',
          kind: 'problem',
          description:
            'A story in the active cycle with no parent epic: sprint work that traces to nothing on the roadmap.',
        },
      ],
    },
  ],
  epics: [
    {
      ref: 'GRO-OPS',
      parent: 'I-GROWTH',
      summary: 'Experiment operations',
      description: 'Readouts, metric reviews and flag clean-up that every experiment cycle needs.',
      goal: 'Close the loop on running experiments',
      owner: 'julien',
      created: '2026-05-26 10:00',
      start: '2026-06-09',
      end: '2026-12-22',
      status: 'In Progress',
      recurring: {
        perSprint: [1, 2],
        chores: [
          { summary: 'Experiment readout, {sprint}', type: 'Task', createdBy: ['julien'] },
          {
            summary: 'Clean up finished experiment flags, {month}',
            type: 'Task',
            createdBy: ['nadia', 'rahul', 'leo'],
          },
          { summary: 'Growth metrics review, {month}', type: 'Task', createdBy: ['julien'] },
        ],
      },
    },
    {
      ref: 'GRO-REFERRAL',
      parent: 'I-GROWTH',
      summary: 'Referral programme v1',
      description:
        'Merchants invite other merchants and get a credit when the invited merchant takes their first payout.',
      goal: 'Merchants can refer other merchants',
      owner: 'julien',
      created: '2026-05-25 11:00',
      start: '2026-06-09',
      end: '2026-09-15',
      status: 'Done',
      stories: [
        'Referral reward e-mails',
        'Referral terms page',
        'Referral events in the growth dashboard',
        'Referral link for each merchant',
        'Referral landing page',
        'Credit the reward after the first payout',
        'Referral dashboard',
        'Fraud checks for self-referrals',
        { summary: 'Translate the referral pages', variants: ['French', 'German', 'Spanish'] },
      ],
    },
    {
      ref: 'GRO-UPGRADE',
      parent: 'I-GROWTH',
      summary: 'In-app upgrade flow',
      description: 'Starter merchants upgrade to Grow when they hit a limit, without leaving the admin.',
      goal: 'Starter merchants upgrade in the app',
      owner: 'julien',
      created: '2026-08-03 10:00',
      start: '2026-08-18',
      end: '2026-12-15',
      status: 'In Progress',
      stories: [
        'Upgrade nudges in the weekly summary e-mail',
        'Annual billing option in the upgrade flow',
        'Track upgrade funnel events',
        'Upgrade prompt when a plan limit is hit',
        'Plan comparison modal',
        'Checkout for plan upgrades',
        'Proration preview',
        'Upgrade confirmation e-mail',
        'Downgrade path with data-retention warning',
      ],
    },
    {
      ref: 'GRO-PRICING',
      parent: 'I-GROWTH',
      summary: 'Pricing page experiments',
      description: 'Find the pricing page that converts best without hurting plan mix.',
      goal: 'Two pricing experiments live',
      owner: 'julien',
      created: '2026-09-28 10:30',
      start: '2026-10-13',
      end: '2027-01-26',
      createdWith: { duedate: '2026-11-24' },
      status: 'In Progress',
      script: [
        {
          at: '2026-10-27 15:30',
          by: 'julien',
          set: { duedate: '2027-01-26' },
          comment:
            'Two more months: the annual-discount test needs the January renewal wave to read out, and the price list change waits for that.',
        },
        {
          at: '2026-11-17 11:10',
          by: 'julien',
          comment:
            'Pricing decision from the first readout: the Grow plan stays at EUR 79; the annual discount moves from 15% to 20% for new sign-ups.',
        },
      ],
      stories: [
        'Pricing page FAQ experiment',
        'Experiment results report template',
        'Localised prices for the UK',
        'A/B test: annual discount 15% vs 20%',
        'Copy test for the Grow plan card',
        'Experiment framework: exposure logging',
        'Currency switcher on the pricing page',
      ],
    },
    {
      ref: 'GRO-TIERS',
      parent: 'I-GROWTH',
      summary: 'Referral reward tiers',
      description: 'More referrals, bigger rewards: silver, gold and platinum tiers.',
      goal: 'Referral tiers',
      owner: 'julien',
      created: '2026-11-02 14:00',
      start: '2027-02-02',
      end: '2027-05-25',
      status: 'To Do',
      stories: [
        {
          summary: 'Referral reward tiers: silver, gold, platinum',
          createdBy: 'julien',
          created: '2026-11-03 11:20',
          duedate: '2027-06-30',
          pin: { sprints: [], status: 'To Do' },
          planted: [
            {
              rule: 'horizon/backlog-item-too-far',
              kind: 'problem',
              description:
                'A backlog story with no sprint, due 30 Jun 2027, seven months out: it belongs on the roadmap, not the backlog.',
            },
          ],
        },
        { summary: 'Tier badge in the referral dashboard', pin: { sprints: [], status: 'To Do' } },
      ],
    },
  ],
};
