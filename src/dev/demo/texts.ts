import type { Language } from './people';

/**
 * What people write. Pools are by voice, because the auditor must tell the kinds of work apart from the words:
 * PMs talk about markets, pricing, OKRs, sales commitments and go-to-market; POs about acceptance criteria,
 * sprint scope and splitting stories; developers about code review and deployment.
 * Placeholders: {@dev} mentions a teammate, {sprint} {points} {n} {pr} {ms} {build} {device} {branch} {release}
 * {customer} {competitor} {amount} {quarter} {price} {partner} are filled in by the generator.
 */

export type Voice =
  'pm' | 'po' | 'po-accept' | 'po-reject' | 'po-epic' | 'deputy' | 'scrum-master' | 'dev' | 'qa' | 'former';

export type Pool = Partial<Record<Language, readonly string[]>> & { en: readonly string[] };

export const COMMENTS: Record<Voice, Pool> = {
  pm: {
    en: [
      'Three of our top-20 wholesale accounts asked for this in their QBRs; together they are about {amount} ARR. I want it in the {quarter} plan.',
      '{competitor} launched something similar last month and sells it as an add-on. We bundle it into Grow and Scale instead: it is a retention lever, not a revenue line.',
      'This is our main bet for the retention OKR: lift 90-day merchant retention from 71% to 78%. Anything that does not move that number comes out of scope.',
      'Sales committed {quarter} for this to {customer} in their renewal. I agreed it with the CRO; we do not slip past that without talking to the account.',
      'Pricing committee approved it: included in Scale, add-on at {price} a month for Grow. Marketing has the launch brief.',
      'Market sizing: about 14,000 wholesale merchants in DACH and Benelux fit the profile. At 3% penetration this pays back in 18 months.',
      'We defer the self-serve tier to next year. The enterprise pipeline is where the revenue is for the next two quarters.',
      'Go-to-market: a beta with five design partners first, then public launch with a webinar and a partner announcement; sales enablement two weeks before.',
      'Win/loss review: we lost two deals to {competitor} this month and this gap came up in both final calls.',
      'Budget check: this needs a second engineer from Q1. Finance approved one hire, not two, so the reporting part moves out of this release.',
      'Positioning: we sell this on time saved and reliability, not on the feature list. Product marketing is updating the website copy.',
      'The customer advisory board ranked this second of eleven themes. Adoption target: 40% of active merchants using it within three months of launch.',
      'I want to cut the second phase from this. It serves a different buyer and doubles the scope; we revisit it in the 2028 plan.',
      'Competitor teardown attached: {competitor} charges per transaction, we charge per seat. Above 400 orders a month our TCO is lower, and that is the message for sales.',
      'NPS verbatims from the last survey mention this 38 times, mostly from our larger merchants.',
      'The partnership with {partner} is signed; joint announcement in {quarter}. The integration has to be live in their marketplace by then.',
      'Revenue impact: about {amount} in expansion ARR in FY27 if 20% of Grow customers upgrade. That is the number I will report against.',
      'This stays on the roadmap but moves behind the payments initiative; we cannot staff both before summer.',
      'Analyst briefing next month and this is the headline. Please keep the {quarter} date on the roadmap slide.',
      'Time-to-market matters more than completeness: first version with the three largest acquirers, the long tail next year.',
      'Acquisition cost per merchant is up 22% year on year, and enterprise buyers now ask for this in every RFP. It is on the H1 roadmap for that reason.',
      "The executive team funds this as a company objective for 2027. I own the roadmap; each team's PO owns their slice of the backlog.",
      'Churn interviews: merchants leaving for {competitor} cite this first. It goes to the top of the H1 roadmap.',
      'Board feedback: they want the enterprise story sharper before the Series C. This initiative is the proof point.',
    ],
    fr: [
      "On ne peut pas décaler : c'est un engagement auprès de {customer} et la direction commerciale l'a déjà annoncé. Je garde {quarter}.",
      "Décision du comité produit : on commence par le marché français, l'Allemagne suit au second semestre.",
      "Le budget 2027 ne couvre qu'une équipe sur ce sujet. Je préfère décaler le multi-région d'un trimestre plutôt que de prendre des prestataires.",
      "Positionnement : on vend la fiabilité, pas la technologie. L'objectif de 99,95 % de disponibilité entre dans les contrats enterprise.",
      "Les grands comptes sont clairs : sans SLA contractuel, pas de renouvellement. C'est la priorité du semestre.",
      "Analyse concurrentielle jointe : {competitor} affiche déjà un SLA de 99,9 %. Il faut faire mieux pour l'appel d'offres de mars.",
    ],
    es: [
      'Decisión tomada con finanzas: lanzamos Brasil primero y México pasa al segundo semestre de 2027. El volumen potencial de Pix es cuatro veces el de SPEI.',
      'El comité de precios aprobó una comisión de 0,8 % para Pix. Es más barato que la tarjeta y nos diferencia de {competitor}.',
      'Ventas ya prometió esta fecha a {customer}; no la movemos sin hablar con el cliente.',
      'Objetivo para 2027: 1.500 comercios brasileños procesando Pix con nosotros. Es el OKR principal del área de pagos.',
    ],
    de: [
      'Die Partner-API ist unser Hebel für den Marktplatz. Drei Integratoren haben Interesse signalisiert; Ziel sind 25 Partner-Apps bis Ende 2027.',
      'Preisentscheidung: API-Zugang ist im Scale-Plan enthalten, für Grow kostet er {price} im Monat.',
      'Wir verschieben das auf {quarter}. Der Vertrieb braucht zuerst die Enterprise-Features für die Ausschreibung.',
    ],
    ja: [
      '解約予測は来年度の最重要テーマです。営業とCSの要望を踏まえ、上期にパイロット加盟店30社で検証します。',
      '競合の{competitor}は分析機能を無料で提供しています。私たちはGrowとScaleプランに含めて、アップグレードの理由にします。',
      '経営会議で承認されました。KPIは導入後90日の継続率で、目標は78%です。',
      '価格はプランに含める方針で、アドオン販売はしません。マーケティングと発表時期を調整中です。',
      '主要顧客5社にヒアリングしました。全社がチャネル別の売上分析を求めています。{quarter}のロードマップに入れます。',
    ],
  },
  po: {
    en: [
      'AC updated: the list is sorted by delivery date, newest first, and shows at most 50 entries before paging.',
      'I have split this: the read-only view stays here, editing moves to a new story. Both fit into {sprint} now.',
      '{@dev} to your question: yes, use the existing endpoint; no new API for this story.',
      'Not a bug: the AC say prices round per line. Per-order rounding would be an enhancement; I will write a story for the backlog.',
      'Estimated at {points} in refinement. If it turns out bigger, tell me before you start and we split it.',
      'Ranked above the filter story: it unblocks QA for the release.',
      'Definition of Ready: AC, designs and test data are here. Good to go for planning.',
      'Moving this to {sprint}: we are over capacity and nothing depends on it this sprint.',
      '{@dev} the copy is final, please use it exactly as in the Figma frame.',
      'Edge case from the demo: what happens when the customer has no default address? Added as AC4.',
      'Keep the scope to one currency here. Multi-currency is a separate story, already in the backlog.',
      'This blocks the sprint goal, so it goes to the top of the column.',
      'Added the error messages we agreed with support to the AC.',
      "For Thursday's review: please demo the happy path and the offline case.",
      'Bumped the priority: it hits every user on Android 14. Fix it in this sprint, the rest waits.',
      'Clarified in stand-up: the API returns 409 on a version conflict and the client shows the merge dialog.',
      'Too big for one sprint. Splitting by platform: iOS here, Android as a new story.',
      'Swapped with the receipt story: that one needs an endpoint that only lands next week.',
      '{@dev} good question. The limit is per merchant, not per user; I added it to the AC.',
      'Pulled into {sprint} as stretch. If it does not start by Wednesday it goes back to the backlog.',
    ],
    es: [
      'Criterios de aceptación actualizados: la lista se ordena por fecha de entrega y muestra como máximo 50 pedidos.',
      'Lo divido en dos historias: la vista de solo lectura queda aquí y la edición pasa a una nueva.',
      '{@dev} sí, usa el endpoint existente; no necesitamos una API nueva para esta historia.',
      'La paso al {sprint}: estamos por encima de la capacidad y no bloquea nada.',
      'No es un bug: los criterios decían redondeo por línea. Creo una historia nueva para el backlog.',
    ],
    de: [
      'Akzeptanzkriterien ergänzt: Teilerstattungen dürfen den erfassten Betrag nie übersteigen, außer beim Trinkgeld.',
      'Ich teile die Story: die API kommt in diesen Sprint, das Dashboard in den nächsten.',
      '{@dev} kurze Klarstellung: Fallback nur bei technischen Fehlern, nicht bei Ablehnungen durch die Bank.',
      'Nehme ich aus dem Sprint: die Sandbox des Acquirers ist bis Montag down. Dafür ziehen wir die Ablauf-Story vor.',
      'Schätzung aus dem Refinement: {points} Punkte. Wenn es größer wird, bitte vorher Bescheid geben.',
    ],
    fr: [
      "Critères d'acceptation mis à jour : le code de parrainage est valable 30 jours et une seule fois par commerçant.",
      "Je découpe cette story : l'affichage reste ici, l'édition passe dans une nouvelle story pour {sprint}.",
    ],
  },
  'po-accept': {
    en: [
      'Accepted. Checked on staging with the scenarios from the AC.',
      'I accept this without the animation; it is nice to have and not in the AC.',
      'Accepted. All AC are met and the follow-up is tracked separately.',
      'Looks good on staging, accepting. Thanks for the quick turnaround.',
    ],
    es: ['Aceptada. La probé en staging con los escenarios de los criterios.'],
    de: ['Abgenommen. Auf Staging mit allen Szenarien aus den Akzeptanzkriterien getestet.'],
    fr: ['Acceptée, vérifiée en staging avec les trois scénarios.'],
  },
  'po-reject': {
    en: [
      'Rejected for now: the empty state from the design is missing. Small fix, back to In Progress.',
      'Not accepting yet: AC2 fails with a second currency on staging. Details in the thread above.',
    ],
    es: ['Todavía no la acepto: falta el estado vacío del diseño. Vuelve a In Progress.'],
    de: ['Noch nicht abgenommen: AC2 schlägt auf Staging mit einer zweiten Währung fehl.'],
  },
  'po-epic': {
    en: [
      'Broke this epic into {n} stories. The first three are refined and estimated and I would like them in {sprint}.',
      'Re-ordered the stories under this epic so that what the others depend on comes first.',
      'Two stories here are not accepted yet, so the epic stays open into {sprint}.',
      'Split the last big story into three; each fits into a sprint now.',
      'Refinement done for everything under this epic; estimates add up to about {n} points.',
    ],
    es: ['Dividí la épica en {n} historias; las tres primeras están refinadas y estimadas.'],
    de: ['Epic in {n} Stories zerlegt; die ersten drei sind verfeinert und geschätzt.'],
  },
  deputy: {
    en: [
      'Covering for Lena while she is on leave: accepted after checking the AC on staging.',
      'Lena is away until the 28th; I am running planning and acceptance meanwhile. Scope questions to the team channel.',
      'Pulled this in to fill the sprint while Lena is out; it was next in the tech-health list.',
    ],
  },
  'scrum-master': {
    en: [
      'Moving stand-up to 09:45 for the rest of the sprint because of the all-hands.',
      'Retro action from last sprint: no story goes into planning without AC.',
      'Reminder: sprint review on Thursday at 14:00, please have the demo on staging.',
      'Planning note: {n} points committed against an average velocity of {points}.',
      'Flagged as impediment until the vendor answers; I will chase them in the morning.',
    ],
  },
  dev: {
    en: [
      'PR #{pr} is up. Tests pass locally and on CI.',
      'Rebased on main after the SDK bump, no functional change. Ready for another look.',
      'Deployed to staging, smoke tests green.',
      'The test only fails on CI; looks like a time zone issue, setting TZ=UTC in the runner.',
      'Load test: p99 {ms} ms at 1.2k RPS, no errors over 30 minutes. Grafana snapshot linked in the PR.',
      'Blocked on the API team: /v2/orders still returns 502 on staging.',
      'Fixed in #{pr}, goes out with the next release.',
      'Added unit tests for the edge cases from the review.',
      'Migration dry run on a prod snapshot took 14 minutes, no locks above 200 ms.',
      'Feature flag is on for internal users only.',
      'Can someone review #{pr}? It touches the shared HTTP client.',
      'Reproduced on a Pixel 7 with Android 14; does not happen on iOS.',
      'Merged. Rollout to 10% tomorrow morning.',
      'Picked this up.',
      'Pairing with {@dev} on this tomorrow.',
      'Consumer group keeps rebalancing every few minutes; bumping session.timeout.ms.',
      'Left two comments on the PR, mostly naming. Approving once the null check is in.',
      'Hotfix deployed to production at 14:20, error rate back to baseline.',
    ],
    de: [
      'Der Test schlägt nur in der CI fehl, lokal läuft er durch. Vermutlich die Zeitzone, ich setze TZ=UTC im Runner.',
      'PR #{pr} ist bereit für das Review. Die Migration läuft auf Staging in unter zwei Minuten.',
      'Auf Staging deployt, Smoke-Tests grün.',
    ],
    fr: [
      "PR #{pr} prête pour la revue. J'ai ajouté les tests pour le cas sans code de parrainage.",
      'Déployé en staging, les tests de fumée passent.',
    ],
    es: [
      'PR #{pr} lista para revisión. Probado en iPhone 13 y Pixel 8.',
      'Bloqueado: el endpoint de sincronización devuelve 502 en staging.',
    ],
    ja: [
      'PR #{pr} のレビューをお願いします。テストはすべて通っています。',
      'ステージングにデプロイしました。問題があれば教えてください。',
    ],
  },
  qa: {
    en: [
      'Verified on build {build} on {device}. Works as described.',
      'Found a layout issue on small screens (screenshot attached); otherwise good.',
      'Regression suite passed on staging; ready for acceptance.',
      'Retested after the fix on {device}: passes.',
    ],
  },
  former: {
    en: [
      'PR #{pr} is up, Android only for now.',
      'Handing this over before I leave: the branch is pushed and the open questions are in the PR description.',
      'Works on my Pixel 6, could someone check a Samsung device?',
    ],
  },
};

export const AUTOMATION_COMMENTS = {
  opened: 'Pull request #{pr} opened: {branch}',
  merged: 'Pull request #{pr} merged into main and deployed to production.',
} as const;

export const FILLERS = {
  customer: [
    'Grupo Ferreira Distribución',
    'Marktkauf Großhandel',
    'Nordic Bikes AB',
    'Metro Cash & Carry',
    'Casa Bonita Foods',
    'Hoffmann Elektro',
    'Lumière Cosmétiques',
  ],
  competitor: ['Shopify Plus', 'commercetools', 'SAP Commerce', 'BigCommerce', 'Salesforce Commerce Cloud'],
  amount: ['EUR 420k', 'EUR 1.1M', 'EUR 780k', 'EUR 2.3M', 'EUR 650k'],
  quarter: ['Q1 2027', 'Q2 2027', 'Q3 2027', 'H2 2027'],
  price: ['EUR 49', 'EUR 79', 'EUR 99', 'EUR 149'],
  partner: ['Adyen', 'HubSpot', 'Lightspeed', 'DATEV'],
  device: ['Pixel 8', 'iPhone 13 mini', 'Galaxy S23', 'iPad Air', 'iPhone 15'],
  points: ['1', '2', '3', '5', '8'],
} as const;

export const INITIATIVE_LABELS = ['okr-2027', 'gtm', 'enterprise', 'pricing', 'h1-bet', 'board-commitment'] as const;
export const STORY_LABELS = ['customer-request', 'tech-debt', 'accessibility', 'performance', 'needs-design'] as const;

export const BUG_DESCRIPTION = [
  'Steps to reproduce are in the first comment. Seen in production by at least two merchants.',
  'Expected: the value shown matches the order. Actual: it is off after editing the order once.',
  'Reported through support; logs attached to the ticket.',
] as const;

/** What a product owner adds to a story's description in refinement. */
export const REFINEMENT_NOTES = [
  'Out of scope: editing after submission; tracked separately.',
  'Designs: see the linked Figma frame, version agreed in refinement.',
  'Test data: use the Grupo Ferreira sandbox merchant.',
  'Dependency: needs the API change from the backend story in the same epic.',
  'Support has a macro ready once this ships.',
] as const;
