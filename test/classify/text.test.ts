import { LEXICON } from '../../src/classify/lexicon';
import { CUES, cueMask, leadingKeys } from '../../src/classify/cues';
import { furthestMentionDays } from '../../src/classify/periods';
import { addedText, isTypoFix } from '../../src/classify/text';
import { dayNumber } from '../../src/classify/horizon';

const topics = (text: string) => CUES.filter((cue) => cueMask(text) & cue.bit).map((cue) => cue.set.id);

describe('cueMask', () => {
  it.each<[string, string, string[]]>([
    ['English market talk', 'Two competitors undercut our pricing in the enterprise segment.', ['market', 'pricing']],
    ['whole words only', 'We are backlogging nothing in this marketplace.', []],
    ['stems', 'She re-ranked the backlog after refinement.', ['backlog']],
    ['case and accents', 'Critères d’acceptation mis à jour', ['acceptanceCriteria']],
    ['German', 'Die Akzeptanzkriterien fehlen noch.', ['acceptanceCriteria']],
    ['Japanese without spaces', '来期の価格戦略を決めました', ['pricing', 'strategy', 'longHorizon', 'decision']],
    ['Chinese without spaces', '请补充验收标准', ['acceptanceCriteria', 'acceptance']],
    ['a term after a CJK character', '価格はQ3に決める', ['pricing', 'longHorizon']],
    ['numbers and symbols', 'Fixed in #3318, thanks!', ['codeReview', 'buildAndRun', 'courtesy']],
    ['empty text', '', []],
  ])('%s', (_, text, expected) => {
    expect(topics(text).sort()).toEqual([...expected].sort());
  });

  it('indexes every lexicon term (a term that could start anywhere would fail at load)', () => {
    for (const set of LEXICON)
      for (const term of Object.values(set.terms).flat()) expect(leadingKeys(term)).toBeDefined();
  });
});

describe('leadingKeys', () => {
  it.each<[string, string[] | undefined]>([
    ['pricing', ['pricin']],
    ['pric(?:e|es|ed|ing)', ['price', 'prices', 'priced', 'pricin']],
    ['(?:a|the) spikes?', ['a spik', 'the sp']],
    ['ac ?\\d*', ['ac ', 'ac']],
    ["l['’]an prochain", ["l'an p", 'l’an p']],
    ['h[12]', ['h1', 'h2']],
    ['\\p{L}+ment', undefined],
    ['.?loss', undefined],
  ])('%s', (term, expected) => {
    expect(leadingKeys(term)?.sort()).toEqual(expected?.sort());
  });
});

describe('furthestMentionDays', () => {
  const at = dayNumber('2026-10-01') as number;
  it.each<[string, number | undefined]>([
    ['We revisit this in Q3 2027.', (dayNumber('2027-08-16') as number) - at],
    ['Pilot in 2027年上期, rollout later.', (dayNumber('2027-04-01') as number) - at],
    ['Live before April 2027 please', (dayNumber('2027-04-15') as number) - at],
    ['Not in 2027; maybe the 2028 plan.', (dayNumber('2028-07-02') as number) - at],
    ['Release CRM 2026.11 is fine', undefined],
    ['Drill booked for 18 Feb.', undefined],
    ['No dates here', undefined],
  ])('%s', (text, expected) => {
    expect(furthestMentionDays(text, at)).toBe(expected);
  });
});

describe('text edits', () => {
  it.each<[string, string, boolean]>([
    ['Recipt PDF missing VAT line', 'Receipt PDF missing VAT line', true],
    ['Checkout', 'checkout', true],
    ['Pipedrive connector', 'Pipedrive connector (partner-built, revenue share)', false],
    ['Cart', 'Wishlist', false],
  ])('%s → %s is a typo fix: %s', (before, after, expected) => {
    expect(isTypoFix(before, after)).toBe(expected);
  });

  it('judges an edit by what it adds', () => {
    expect(addedText('Objective: cut churn.', 'Objective: cut churn. Lift revenue.')).toBe(' Lift revenue.');
    expect(addedText('One two three', 'Three two pricing one')).toBe('pricing');
    expect(addedText(undefined, 'New')).toBe('New');
  });
});
