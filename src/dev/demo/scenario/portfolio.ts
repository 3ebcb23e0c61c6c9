import type { ProjectSpec } from './types';

/**
 * PORT holds the company roadmap: initiatives (hierarchy level 2) owned by product managers, each broken down
 * into epics on the delivery teams' projects. Roles come from groups, as large sites usually set them up.
 */
export const PORTFOLIO: ProjectSpec = {
  key: 'PORT',
  id: '10000',
  name: 'Portfolio Roadmap',
  description: 'Company roadmap: initiatives across teams, 6 to 24 months out. Owned by product management.',
  lead: 'amara',
  kind: 'portfolio',
  roles: {
    Administrators: [{ user: 'amara' }, { group: 'site-admins' }],
    Developers: [],
    'Product Manager': [{ group: 'product-managers' }, { user: 'julien' }],
    'Product Owner': [{ group: 'product-owners' }],
    'Scrum Master': [],
  },
  pm: 'amara',
  devs: [],
  workflow: 'portfolio',
  roadmapDates: 'target',
  persona: 'a merchant',
  acceptanceCriteria: [],
  planted: [
    {
      rule: 'owner/project-missing-role',
      kind: 'control',
      description:
        'PORT declares its Product Manager and Product Owner roles mostly through groups (product-managers, product-owners); neither role is missing.',
    },
  ],
  initiatives: [
    {
      ref: 'I-WALLETS',
      summary: 'Apple Pay and Google Pay in the sales app',
      description:
        "Reps take wallet payments at the customer's counter. Objective: 25% of in-app payments via wallets by September.",
      owner: 'priya',
      created: '2026-01-12 11:00',
      start: '2026-02-02',
      end: '2026-08-28',
      status: 'Done',
      labels: ['payments', 'mobile'],
    },
    {
      ref: 'I-FIELD',
      summary: 'Offline-first field sales app',
      description:
        'Reps work in warehouses and rural shops without signal. Objective: no lost orders, and 40% weekly active reps using offline mode by Q1 2027.',
      owner: 'priya',
      created: '2026-01-20 10:30',
      start: '2026-03-02',
      end: '2027-02-26',
      status: 'In Progress',
      labels: ['mobile', 'retention'],
    },
    {
      ref: 'I-ROUTING',
      summary: 'Payment orchestration: multi-acquirer routing',
      description:
        'Route each payment to the cheapest acquirer that will accept it. Objective: blended acquiring cost from 2.9% to 2.55% by Q3 2027.',
      owner: 'henrik',
      created: '2026-02-10 14:00',
      start: '2026-04-06',
      end: '2027-03-31',
      status: 'In Progress',
      labels: ['payments', 'margin'],
    },
    {
      ref: 'I-LATAM',
      summary: 'Instant payments in Brazil and Mexico (Pix, SPEI)',
      description:
        'Enter the Brazilian and Mexican markets with local instant payments. Objective: 1,500 Brazilian merchants processing Pix by end of 2027.',
      owner: 'henrik',
      created: '2026-06-15 16:20',
      start: '2026-09-07',
      end: '2027-09-30',
      status: 'In Progress',
      labels: ['payments', 'new-market'],
      script: [
        {
          at: '2026-07-01 10:30',
          by: 'henrik',
          comment:
            'Decisión tomada con finanzas y legal: Brasil primero, México en 2027. Sin entidad local en México no podemos firmar con los bancos.',
        },
        {
          at: '2026-09-15 15:10',
          by: 'henrik',
          set: { labels: ['payments', 'new-market', 'okr-2027'] },
          comment: 'Part of the 2027 company OKRs now: 1,500 Brazilian merchants on Pix by December.',
        },
        {
          at: '2026-10-21 11:45',
          by: 'henrik',
          comment:
            'Pricing for Pix agreed with the pricing committee: 0.8% per transaction, no monthly fee. Cheaper than cards and still margin-positive.',
        },
      ],
    },
    {
      ref: 'I-RELIABILITY',
      summary: 'Platform reliability: 99.95% for tier-1 services',
      description:
        'Enterprise contracts need a 99.95% SLA. Objective: every tier-1 service on SLOs with error budgets by April 2027.',
      owner: 'claire',
      created: '2026-03-09 09:40',
      start: '2026-05-04',
      end: '2027-04-30',
      status: 'In Progress',
      labels: ['enterprise', 'reliability'],
    },
    {
      ref: 'I-DEVPLATFORM',
      summary: 'Developer platform and partner APIs',
      description:
        'Let partners build on us: public APIs, a developer portal and an app marketplace. Objective: 25 partner apps live by end of 2027.',
      owner: 'marek',
      created: '2026-05-18 10:00',
      start: '2026-07-06',
      end: '2027-06-30',
      createdWith: { targetEnd: '2027-03-31' },
      status: 'In Progress',
      labels: ['partners'],
      script: [
        {
          at: '2026-06-02 10:15',
          by: 'marek',
          comment:
            'Three integrators (Lightspeed, DATEV and a Brazilian ERP) asked for API access in the last month. That is the partner channel we have been missing.',
        },
        {
          at: '2026-06-16 11:30',
          by: 'marek',
          comment:
            'Target segment: ERP and POS vendors serving mid-size wholesalers. Sales and partnerships count 40 candidates in DACH alone.',
        },
        {
          at: '2026-06-24 15:40',
          by: 'marek',
          set: { labels: ['partners', 'pricing'] },
          comment:
            'Pricing decision: API access is included in Scale, EUR 99 a month for Grow. No free tier above the sandbox.',
        },
        {
          at: '2026-07-22 14:30',
          by: 'marek',
          set: { labels: ['partners', 'pricing', 'okr-2027'] },
          comment: 'This is now one of the three company OKRs for 2027: partner-sourced revenue at 8% of new ARR.',
        },
        {
          at: '2026-08-20 11:05',
          by: 'marek',
          set: { targetEnd: '2027-06-30' },
          comment:
            'Moving the end to June 2027: the marketplace launch moves to the partner summit, which is where the announcement lands best.',
        },
        {
          at: '2026-09-02 11:15',
          by: 'marek',
          comment:
            'Budget: one more backend engineer for the portal from October. Finance signed off on the headcount against the partner revenue target.',
        },
        {
          at: '2026-09-14 09:30',
          by: 'marek',
          comment:
            'Competitor check: commercetools charges per API call above a quota. We keep flat pricing per plan, which is the message for the partner sales deck.',
        },
        {
          at: '2026-09-23 16:20',
          by: 'marek',
          comment:
            'Win/loss: two ERP vendors chose commercetools for its partner programme. Our revenue share has to be at least 20% to compete.',
        },
        {
          at: '2026-10-06 14:10',
          by: 'marek',
          set: { labels: ['partners', 'pricing', 'okr-2027', 'gtm'] },
          comment:
            'Go-to-market: private beta with five partners in January, public launch at the partner summit in May.',
        },
        {
          at: '2026-10-20 10:00',
          by: 'marek',
          comment: 'Partner summit confirmed for 18 May 2027; that is our launch moment and the date sales may quote.',
        },
        {
          at: '2026-10-28 16:00',
          by: 'marek',
          comment:
            'Sales signed DATEV on the condition that webhooks and sandbox merchants are there by Q1. Committing to that date on the roadmap.',
        },
        {
          at: '2026-11-12 10:45',
          by: 'marek',
          comment:
            'Success metric for 2027: 25 partner apps live, 10% of new merchants arriving through a partner app.',
        },
        {
          at: '2026-11-18 09:40',
          by: 'marek',
          comment:
            'Analyst briefing next week: we position the platform as the open alternative to Shopify Plus for B2B.',
        },
        {
          at: '2026-11-19 14:20',
          by: 'marek',
          set: { labels: ['partners', 'pricing', 'okr-2027', 'gtm', 'board-commitment'] },
          comment:
            'The board asked for partner-sourced ARR in the quarterly deck from now on; tagging this as a board commitment.',
        },
      ],
    },
    {
      ref: 'I-PARTNER-REVENUE',
      summary: 'Partner revenue-share programme',
      description:
        'Partners earn a share of the subscription revenue of merchants they bring. Objective: 10% of new ARR partner-sourced in 2028.',
      owner: 'marek',
      created: '2026-09-07 10:40',
      start: '2027-03-01',
      end: '2027-12-17',
      createdWith: { targetEnd: '2027-09-30' },
      status: 'Planned',
      labels: ['partners'],
      script: [
        {
          at: '2026-09-07 10:55',
          by: 'marek',
          comment:
            'Revenue share at 20% for the first year of each referred merchant, 10% after. Finance modelled it as margin-neutral at 300 partner-sourced merchants.',
        },
        {
          at: '2026-10-13 16:05',
          by: 'marek',
          set: { targetEnd: '2027-12-17', labels: ['partners', 'pricing'] },
          comment: 'Moving the end to December: legal needs revenue-share contract templates for 14 countries first.',
        },
        {
          at: '2026-10-29 10:10',
          by: 'marek',
          comment:
            'Competitive check: Shopify pays partners 20% for life. We match it for year one and differentiate on B2B features instead of a higher share.',
        },
        {
          at: '2026-11-16 15:45',
          by: 'marek',
          comment:
            'Sales wants the programme in the partner summit keynote; I agreed we announce it there and open sign-ups in March.',
        },
      ],
    },
    {
      ref: 'I-ANALYTICS',
      summary: 'Merchant analytics that prove ROI',
      description: 'Merchants who see their return stay. Objective: 90-day retention of new merchants from 71% to 78%.',
      owner: 'kenji',
      created: '2026-02-23 09:00',
      start: '2026-04-13',
      end: '2027-03-26',
      status: 'In Progress',
      labels: ['retention', 'data'],
    },
    {
      ref: 'I-GROWTH',
      summary: 'Self-serve growth: referrals and upgrades',
      description:
        'Grow without adding sales headcount. Objective: 15% of new sign-ups via referral and 8% monthly Starter-to-Grow upgrades.',
      owner: 'julien',
      created: '2026-04-20 11:30',
      start: '2026-06-01',
      end: '2027-05-28',
      createdWith: { targetEnd: '2027-03-26' },
      status: 'In Progress',
      labels: ['growth', 'plg'],
      script: [
        {
          at: '2026-07-07 10:20',
          by: 'julien',
          comment:
            'Referral CAC is a third of paid search. I am moving EUR 40k of the Q4 paid budget into referral rewards.',
        },
        {
          at: '2026-09-29 14:00',
          by: 'julien',
          set: { targetEnd: '2027-05-28' },
          comment:
            'Extending to May: pricing experiments need two full quarters of data before we change the public price list.',
        },
        {
          at: '2026-11-03 09:50',
          by: 'julien',
          comment:
            'Objectif 2027 : 15 % des nouveaux marchands via le parrainage, 8 % de passage mensuel de Starter à Grow.',
        },
      ],
    },
    {
      ref: 'I-UNIFIED',
      summary: 'Unified commerce platform 2027–2028',
      description:
        'One catalogue, one order model and one event bus for web, app and POS. Objective: time-to-market for new channels under one quarter.',
      owner: 'amara',
      created: '2026-05-04 09:15',
      start: '2026-07-01',
      end: '2028-06-01',
      status: 'In Progress',
      labels: ['platform', 'okr-2027'],
      script: [
        {
          at: '2026-08-11 13:00',
          by: 'marek',
          comment:
            'Partners ask for the unified catalogue API before anything else. I would sequence the public catalogue API ahead of the POS channel.',
        },
      ],
      planted: [
        {
          rule: 'horizon/roadmap-item-too-long',
          kind: 'control',
          description:
            'An initiative planned over 23 months (Jul 2026 – Jun 2028): long, but inside the 24-month roadmap horizon.',
        },
      ],
    },
    {
      ref: 'I-COMPOSABLE',
      summary: 'Composable checkout for enterprise, 2027–2029',
      description: 'Headless, composable checkout for enterprise merchants with their own front ends.',
      owner: 'amara',
      created: '2026-10-05 13:30',
      start: '2027-02-01',
      end: '2029-04-01',
      status: 'Planned',
      labels: ['enterprise'],
      planted: [
        {
          rule: 'horizon/roadmap-item-too-long',
          kind: 'problem',
          description:
            'An initiative planned over 26 months (Feb 2027 – Apr 2029), beyond the 24-month roadmap horizon.',
        },
      ],
    },
    {
      ref: 'I-MARKETPLACE',
      summary: 'Marketplace for third-party apps',
      description: 'An app marketplace inside the merchant admin, with revenue share for partners.',
      owner: null,
      createdBy: 'amara',
      created: '2026-09-28 15:00',
      start: '2027-03-01',
      end: '2027-12-17',
      status: 'Planned',
      labels: ['partners'],
      script: [
        {
          at: '2026-10-14 11:00',
          by: 'marek',
          comment:
            'Revenue share for the marketplace: 20% on paid apps, free listing in the first year. That undercuts the big app stores for B2B vendors.',
        },
        {
          at: '2026-11-10 10:30',
          by: 'marek',
          comment: 'Three launch partners are ready to list on day one if we open in Q1 2027.',
        },
      ],
      planted: [
        {
          rule: 'owner/roadmap-item-unowned',
          kind: 'problem',
          description: 'An initiative with no assignee: nobody owns it on the roadmap.',
        },
      ],
    },
    {
      ref: 'I-FINANCING',
      summary: 'Merchant financing: revenue-based advances',
      description:
        'Offer cash advances repaid from card sales, with a lending partner. Objective: 500 advances in the first year.',
      owner: 'henrik',
      created: '2026-10-12 10:20',
      start: '2026-12-07',
      end: '2027-09-30',
      status: 'Planned',
      labels: ['payments', 'new-revenue'],
      planted: [
        {
          rule: 'trace/roadmap-item-not-broken-down',
          kind: 'problem',
          description: 'An initiative that starts in two weeks (7 Dec) and has no epics under it yet.',
        },
      ],
    },
    {
      ref: 'I-LOYALTY',
      summary: 'Loyalty and wallet in the sales app',
      description: "Points and stored value for the merchants' own customers, redeemable by reps in the app.",
      owner: 'priya',
      created: '2026-10-19 12:00',
      start: '2027-04-05',
      end: '2028-01-28',
      status: 'Planned',
      labels: ['mobile'],
      planted: [
        {
          rule: 'trace/roadmap-item-not-broken-down',
          kind: 'control',
          description:
            'An initiative with no epics yet that starts in April 2027, months away: nothing to break down yet.',
        },
      ],
    },
  ],
};
