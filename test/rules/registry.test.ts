import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isCriteriaId } from '../../src/criteria';
import { parseConfig } from '../../src/config/schema';
import { RULES } from '../../src/rules';

const RULES_DIR = path.resolve(__dirname, '../../src/rules');

/** The rule ids the product promises (issue: the auditor), no more and no fewer. */
const EXPECTED_IDS = [
  'overlap/po-strategic-action',
  'overlap/pm-tactical-action',
  'overlap/dual-role',
  'overlap/contested-item',
  'owner/roadmap-item-unowned',
  'owner/sprint-without-po',
  'owner/project-missing-role',
  'owner/role-mapping-missing',
  'horizon/roadmap-item-too-short',
  'horizon/roadmap-item-too-long',
  'horizon/sprint-too-long',
  'horizon/backlog-item-too-far',
  'trace/roadmap-item-not-broken-down',
  'trace/sprint-item-without-roadmap-link',
];

describe('the rule registry', () => {
  it('lists exactly the promised rules, once each', () => {
    expect(RULES.map((rule) => rule.meta.id).sort()).toEqual([...EXPECTED_IDS].sort());
  });

  it('registers every rule module on disk', () => {
    const onDisk = readdirSync(RULES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((dir) =>
        readdirSync(path.join(RULES_DIR, dir.name))
          .filter((file) => file.endsWith('.md'))
          .map((file) => `${dir.name}/${file.replace(/\.md$/, '')}`),
      );
    expect(onDisk.sort()).toEqual(RULES.map((rule) => rule.meta.id).sort());
  });

  describe.each(RULES.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
    it('lives at src/rules/<category>/<name>.ts with a matching category', () => {
      const [category, name] = id.split('/');
      expect(rule.meta.category).toBe(category);
      expect(existsSync(path.join(RULES_DIR, category!, `${name}.ts`))).toBe(true);
    });

    it('has a doc that says why, how to fix and when to switch it off', () => {
      const doc = path.join(RULES_DIR, `${id}.md`);
      expect(existsSync(doc)).toBe(true);
      const text = readFileSync(doc, 'utf8');
      for (const heading of ['## Why', '## How to fix', '## When to switch it off']) {
        expect(text).toContain(heading);
        const section = text.split(heading)[1]!.split(/\n## /)[0]!.trim();
        expect(section.length).toBeGreaterThan(40);
      }
    });

    it('names real criteria, has messages, and default options its own schema accepts', () => {
      expect(rule.meta.criteria.length).toBeGreaterThan(0);
      expect(rule.meta.criteria.every(isCriteriaId)).toBe(true);
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThanOrEqual(2);
      expect(['info', 'warning', 'error']).toContain(rule.meta.defaultSeverity);
      expect(() =>
        parseConfig(
          { version: 1, rules: { [id]: { options: rule.defaultOptions } } },
          RULES.map((entry) => entry.meta),
        ),
      ).not.toThrow();
    });
  });
});
