import { DATA } from './data';
import { GROWTH } from './growth';
import { MOBILE } from './mobile';
import { PAYMENTS } from './payments';
import { PLATFORM } from './platform';
import { PORTFOLIO } from './portfolio';
import type { Scenario } from './types';

/**
 * Northwind Commerce, a mid-size commerce-platform company: a portfolio roadmap and five teams.
 * The role-boundary cases are annotated (`planted`) where they happen; person-level cases are listed below.
 */
export const SCENARIO: Scenario = {
  projects: [PORTFOLIO, MOBILE, PAYMENTS, PLATFORM, DATA, GROWTH],
  groups: [
    {
      name: 'product-managers',
      groupId: '4e725478-94d8-50bd-429f-3475e8c676c7',
      members: ['amara', 'henrik', 'priya', 'claire', 'kenji', 'marek'],
    },
    { name: 'product-owners', groupId: '1255a21e-b4af-eb16-07de-ac38563d9e6a', members: ['tomas', 'lena', 'daniel'] },
    {
      name: 'developers',
      groupId: '4ac7e110-cdab-6063-26e2-19d069c08b2a',
      members: [
        'aisha',
        'mateo',
        'olivia',
        'yusuf',
        'lukas',
        'ana',
        'wei',
        'ivan',
        'jonas',
        'chen',
        'ines',
        'haruto',
        'nadia',
        'rahul',
        'fatima',
        'leo',
        'sara',
        'bjorn',
      ],
    },
    { name: 'scrum-masters', groupId: '4968ee57-5a12-08ff-ec01-1c3e346ef976', members: ['sven'] },
    { name: 'site-admins', groupId: '255c55ac-72bb-44eb-1132-cd0befeb447a', members: ['jonas'] },
    {
      name: 'jira-software-users',
      groupId: 'd66c7967-b705-2967-10ff-e70ac3b7ad99',
      members: [
        'amara',
        'henrik',
        'priya',
        'claire',
        'kenji',
        'marek',
        'tomas',
        'lena',
        'daniel',
        'julien',
        'sven',
        'aisha',
        'mateo',
        'olivia',
        'yusuf',
        'lukas',
        'ana',
        'wei',
        'ivan',
        'jonas',
        'chen',
        'ines',
        'haruto',
        'nadia',
        'rahul',
        'fatima',
        'leo',
        'sara',
      ],
    },
  ],
  leaves: [{ who: 'lena', from: '2026-08-10', to: '2026-08-28', deputy: 'sven' }],
  people: [
    {
      who: 'henrik',
      planted: [
        {
          rule: 'overlap/pm-tactical-action',
          kind: 'problem',
          description:
            'Henrik (PM, Payments) makes sprint decisions: he pulls a story into the active sprint (twice), ranks backlog stories, re-estimates a story and rewrites acceptance criteria.',
        },
      ],
    },
    {
      who: 'priya',
      planted: [
        {
          rule: 'overlap/pm-tactical-action',
          kind: 'control',
          description:
            'Priya (PM, Mobile) only makes roadmap decisions: epics, release plans, re-dating by months. Her one Rank change is on an epic (roadmap priority), not on sprint work.',
        },
      ],
    },
    {
      who: 'daniel',
      planted: [
        {
          rule: 'overlap/po-strategic-action',
          kind: 'problem',
          description:
            "Daniel (PO, Platform) makes roadmap calls: he moves an epic's target end five months out, moves another epic from the Q1 to the Q3 release while cutting scope from it, and creates and prices a paid-tier epic.",
        },
      ],
    },
    {
      who: 'tomas',
      planted: [
        {
          rule: 'overlap/po-strategic-action',
          kind: 'control',
          description:
            'Tomás (PO, Mobile) stays tactical; his one change to an epic is a one-week slip of its end to match the release build, and his story due dates are days after the sprint.',
        },
      ],
    },
    {
      who: 'marek',
      planted: [
        {
          rule: 'overlap/dual-role',
          kind: 'problem',
          description:
            'Marek is a PM on the roadmap (owns the developer-platform initiative: pricing, dates, go-to-market) and also runs the developer-portal backlog on PLAT as a PO (ranking, estimating, sprint planning). No project declares him in both roles, so this is not a combined-role team.',
        },
      ],
    },
    {
      who: 'henrik',
      planted: [
        {
          rule: 'overlap/dual-role',
          kind: 'problem',
          description:
            'Henrik is the Payments PM, but in the last quarter (the audit window) a large share of his decisions on PAY are backlog calls: pulling the refund webhooks into the sprint twice over the PO, writing acceptance criteria. Over the whole year his roadmap work dilutes them; the window shows how he works now.',
        },
      ],
    },
    {
      who: 'julien',
      planted: [
        {
          rule: 'overlap/dual-role',
          kind: 'control',
          description:
            'Julien holds both the Product Manager and Product Owner roles on Growth Lab, a declared combined-role team of six: his doing both kinds of work is reported as information only, never as a violation.',
        },
      ],
    },
  ],
  permissions: [
    { who: 'jonas', admin: true },
    { who: 'tomas', projectAdmin: ['MOB'] },
    { who: 'daniel', projectAdmin: ['PLAT'] },
    { who: 'mateo', cannotBrowse: ['PAY'] },
  ],
  issueSecurity: [
    {
      id: '10200',
      name: 'Leadership only',
      // Platform's PM and PO-lead, the site admin and a portfolio PM: Platform's other PO (Marek) and its developers
      // browse the project but never see the item, its findings or its counts.
      members: ['claire', 'daniel', 'jonas', 'julien'],
      items: ['PLAT-HOLIDAY'],
    },
  ],
};
