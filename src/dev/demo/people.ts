import type { RestUser } from '../../jira/snapshot';
import { BASE_URL } from './catalog';

/** The role a demo user is meant to play; the auditor has to work it out from Jira, this is the answer key. */
export type DemoRole = 'pm' | 'po' | 'dev' | 'scrum-master' | 'app' | 'former';

export interface DemoUser {
  accountId: string;
  displayName: string;
  /** Absent where the user hides it (Jira Cloud privacy settings), as on real sites. */
  email?: string;
  role: DemoRole;
  title: string;
}

export type Language = 'en' | 'de' | 'fr' | 'es' | 'ja';

/** A person in the scenario: who they are on the site, and what the generator needs to act as them. */
export interface Person extends DemoUser {
  handle: string;
  accountType: 'atlassian' | 'app';
  active: boolean;
  timeZone: string;
  /** Fixed UTC offset in minutes, or 'Z' for services that write UTC. */
  offset: number | 'Z';
  /** Share of their comments written in each language (the rest in English). */
  languages?: Partial<Record<Exclude<Language, 'en'>, number>>;
  /** Last day they took part (left the company, account deactivated or deleted afterwards). */
  until?: string;
}

const DOMAIN = 'northwind-commerce.com';

function human(
  handle: string,
  accountId: string,
  displayName: string,
  role: DemoRole,
  title: string,
  timeZone: string,
  offset: number,
  extra: Partial<Person> & { hideEmail?: boolean } = {},
): Person {
  const { hideEmail, ...rest } = extra;
  const email = hideEmail
    ? undefined
    : `${displayName
        .split(' ')[0]!
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()}.${handleSurname(displayName)}@${DOMAIN}`;
  return {
    handle,
    accountId,
    displayName,
    role,
    title,
    accountType: 'atlassian',
    active: true,
    timeZone,
    offset,
    ...(email ? { email } : {}),
    ...rest,
  };
}

function handleSurname(displayName: string): string {
  const parts = displayName.split(' ');
  return parts[parts.length - 1]!.normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export const PEOPLE: Person[] = [
  // Product managers: roadmap, market, pricing (R2: one PM may own items across many boards).
  human(
    'amara',
    '712020:3ea12215-bc95-f66f-0fc5-2f618d7c1ea2',
    'Amara Okafor',
    'pm',
    'Head of Product',
    'Europe/London',
    0,
  ),
  human(
    'henrik',
    '45141636b43d269fddda59e8',
    'Henrik Lindqvist',
    'pm',
    'Product Manager, Payments',
    'Europe/Stockholm',
    60,
    { languages: { es: 0.2 } },
  ),
  human(
    'priya',
    '557058:e16336e3-b1f1-2790-9534-67d37e509954',
    'Priya Raman',
    'pm',
    'Product Manager, Mobile',
    'Asia/Kolkata',
    330,
  ),
  human(
    'claire',
    '712020:731f66e2-6276-ec53-e986-5f9adf0278e3',
    'Claire Dubois',
    'pm',
    'Product Manager, Platform',
    'Europe/Paris',
    60,
    { languages: { fr: 0.35 } },
  ),
  human(
    'kenji',
    '2c56e7c0d2b06101bb0253a6',
    'Kenji Watanabe',
    'pm',
    'Product Manager, Data & Insights',
    'Asia/Tokyo',
    540,
    { languages: { ja: 0.45 } },
  ),
  human(
    'marek',
    '557058:22a5b779-4999-ec88-841f-fa086d8513b9',
    'Marek Novak',
    'pm',
    'Product Manager, Developer Platform (also Product Owner on PLAT)',
    'Europe/Prague',
    60,
    { languages: { de: 0.2 } },
  ),
  // Product owners: backlog, sprints, acceptance.
  human(
    'tomas',
    '712020:fe87d297-cf10-da65-6f03-a66be4e9b22d',
    'Tomás Ferreira',
    'po',
    'Product Owner, Mobile',
    'America/Argentina/Buenos_Aires',
    -180,
    { languages: { es: 0.3 } },
  ),
  human('lena', '99f8b7309f4193d40b901f3a', 'Lena Hoffmann', 'po', 'Product Owner, Payments', 'Europe/Berlin', 60, {
    languages: { de: 0.3 },
  }),
  human(
    'daniel',
    '557058:7852a547-d114-06f3-9b9f-1fd60de64b64',
    'Daniel Kowalski',
    'po',
    'Product Owner, Platform',
    'Europe/Warsaw',
    60,
  ),
  // The small Growth Lab team combines both roles in one person (declared on its project).
  human(
    'julien',
    '712020:9c738431-0020-311b-b5fd-fb22b2ca7b9e',
    'Julien Moreau',
    'pm',
    'Product Lead, Growth Lab (Product Manager and Product Owner)',
    'Europe/Paris',
    60,
    { languages: { fr: 0.3 } },
  ),
  human(
    'sven',
    '24263e0777d076a67d4c1b70',
    'Sven Olsen',
    'scrum-master',
    'Scrum Master, Payments and Platform',
    'Europe/Oslo',
    60,
  ),
  // Mobile
  human(
    'aisha',
    '557058:4ad32882-14bb-6aa5-429a-d1d4df3cfd03',
    'Aisha Bello',
    'dev',
    'iOS Engineer',
    'Africa/Lagos',
    60,
  ),
  human(
    'mateo',
    '712020:a690030a-c0e0-ccdd-cb30-e3f4148c37b8',
    'Mateo García',
    'dev',
    'Android Engineer (contractor)',
    'America/Bogota',
    -300,
    { languages: { es: 0.3 } },
  ),
  human('olivia', '547123553d1776adb9d41de0', 'Olivia Brennan', 'dev', 'QA Engineer', 'America/New_York', -300),
  human(
    'yusuf',
    '557058:fe7afdb2-1a71-86a1-eb51-321d25500974',
    'Yusuf Demir',
    'dev',
    'Mobile Engineer',
    'Europe/Istanbul',
    180,
    { hideEmail: true },
  ),
  // Payments
  human(
    'lukas',
    '712020:93011723-5d16-efb0-81b6-7fa1ed55f8e2',
    'Lukas Becker',
    'dev',
    'Backend Engineer, Payments',
    'Europe/Berlin',
    60,
    { languages: { de: 0.35 } },
  ),
  human('ana', '8e17a60ba233dd85011ec91a', 'Ana Costa', 'dev', 'Backend Engineer, Payments', 'Europe/Lisbon', 0, {
    hideEmail: true,
  }),
  human(
    'wei',
    '557058:66a0eff9-9d9e-77db-3249-61ba30647a70',
    'Wei Zhang',
    'dev',
    'Full-stack Engineer, Payments',
    'Asia/Singapore',
    480,
  ),
  // Platform
  human(
    'ivan',
    '712020:512793e8-c3a6-cee4-7c15-2f102ca14ef8',
    'Ivan Petrov',
    'dev',
    'Site Reliability Engineer',
    'Europe/Sofia',
    120,
  ),
  human(
    'jonas',
    'a6cbc398d50894b839be8d6e',
    'Jonas Berg',
    'dev',
    'Platform Engineer and Jira site admin',
    'Europe/Stockholm',
    60,
  ),
  // Data & Insights (kanban, no product owner)
  human(
    'chen',
    '557058:42eca7b5-c862-b394-d19b-019e983e1f6e',
    'Chen Wei',
    'dev',
    'Tech Lead, Data & Insights',
    'Asia/Shanghai',
    480,
    { hideEmail: true },
  ),
  human(
    'ines',
    '712020:c2e58898-3bb2-50b3-7d73-4c41266aff02',
    'Ines Duarte',
    'dev',
    'Analytics Engineer',
    'Europe/Lisbon',
    0,
  ),
  human('haruto', '0a62c78dabe678c14c5e204f', 'Haruto Sato', 'dev', 'Data Engineer', 'Asia/Tokyo', 540, {
    hideEmail: true,
    languages: { ja: 0.4 },
  }),
  // Growth Lab
  human(
    'nadia',
    '557058:77f80506-95ca-cb94-d859-ffbae9a051d4',
    'Nadia Haddad',
    'dev',
    'Frontend Engineer, Growth Lab',
    'Europe/Paris',
    60,
    { languages: { fr: 0.25 } },
  ),
  human(
    'rahul',
    '712020:b631f013-f99f-2dbb-facb-bd244eeabd7d',
    'Rahul Mehta',
    'dev',
    'Backend Engineer, Growth Lab',
    'Asia/Kolkata',
    330,
  ),
  human(
    'fatima',
    '5f13a60281f367cc4562ce95',
    'Fatima Zahra El Amrani',
    'dev',
    'Product Designer, Growth Lab',
    'Africa/Casablanca',
    60,
  ),
  human(
    'leo',
    '557058:949c161c-7293-d2ba-34ca-19d7fbb2bbd7',
    'Leo Martin',
    'dev',
    'Full-stack Engineer, Growth Lab',
    'Europe/Paris',
    60,
    { languages: { fr: 0.25 } },
  ),
  human(
    'sara',
    '712020:2fb0c5de-4cae-5712-71e0-87f9c048bd85',
    'Sara Lindgren',
    'dev',
    'QA Engineer, Growth Lab and Payments',
    'Europe/Stockholm',
    60,
  ),
  // Left in July: the account is kept but deactivated.
  human(
    'bjorn',
    'f17b735f246f2744bfaa982a',
    'Björn Axelsson',
    'dev',
    'Backend Engineer, Payments (left July 2026)',
    'Europe/Stockholm',
    60,
    { active: false, until: '2026-07-17' },
  ),
  // Deleted account: Jira shows "Former user", without e-mail.
  {
    handle: 'former',
    accountId: '557058:3a860cb5-0ca8-7fab-be2a-64e8479fd2e8',
    displayName: 'Former user',
    role: 'former',
    title: 'Deleted account (was an Android engineer on Mobile until June 2026)',
    accountType: 'atlassian',
    active: false,
    timeZone: 'Etc/GMT',
    offset: 0,
    until: '2026-06-30',
  },
  {
    handle: 'automation',
    accountId: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077',
    displayName: 'Automation for Jira',
    role: 'app',
    title: 'Automation rules: moves issues when pull requests open and merge',
    accountType: 'app',
    active: true,
    timeZone: 'Etc/GMT',
    offset: 'Z',
  },
];

const BY_HANDLE = new Map(PEOPLE.map((person) => [person.handle, person]));

export function person(handle: string): Person {
  const found = BY_HANDLE.get(handle);
  if (!found) throw new Error(`unknown person in the demo scenario: ${handle}`);
  return found;
}

/** Who is who on the demo site, for tests and the preview to log in as. */
export const DEMO_USERS: DemoUser[] = PEOPLE.map(({ accountId, displayName, email, role, title }) => ({
  accountId,
  displayName,
  ...(email ? { email } : {}),
  role,
  title,
}));

const REST_USERS = new Map<Person, RestUser>(
  PEOPLE.map((someone) => [
    someone,
    {
      self: `${BASE_URL}/rest/api/3/user?accountId=${encodeURIComponent(someone.accountId)}`,
      accountId: someone.accountId,
      ...(someone.email ? { emailAddress: someone.email } : {}),
      displayName: someone.displayName,
      active: someone.active,
      timeZone: someone.timeZone,
      accountType: someone.accountType,
    },
  ]),
);

/** The user object Jira embeds in issues, histories and comments (a fresh copy each time). */
export function restUser(someone: Person): RestUser {
  return { ...REST_USERS.get(someone)! };
}
