import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isCriteriaId } from '../../src/criteria';
import { parseConfig } from '../../src/config/schema';
import type { MessageIds as SprintTooLongMessageIds } from '../../src/rules/horizon/sprint-too-long';
import { RULE_IDS, RULE_LIST, RULE_METAS, RULES, ruleById } from '../../src/rules';
import type { ExpectedFinding } from './rule-tester';

const RULES_DIR = path.resolve(__dirname, '../../src/rules');

describe('the rule registry', () => {
  it('keys each rule by its own id', () => {
    for (const [id, rule] of Object.entries(RULES)) expect([id, rule.meta.id]).toEqual([id, id]);
    expect(new Set(RULE_LIST).size).toBe(RULE_IDS.length);
  });

  it('looks rules up by id, and nothing else', () => {
    for (const id of RULE_IDS) expect(ruleById(id)).toBe(RULES[id]);
    for (const id of ['overlap', 'overlap/no-such-rule', 'toString', 'constructor', '__proto__'])
      expect([id, ruleById(id)]).toEqual([id, undefined]);
  });

  it('types message ids per rule: one the rule does not define does not compile', () => {
    const expected: ExpectedFinding<SprintTooLongMessageIds> = {
      subject: 'sprint:1',
      // @ts-expect-error -- horizon/sprint-too-long has no message "tooShort"
      messageId: 'tooShort',
      evidence: [],
    };
    expect(Object.keys(RULES['horizon/sprint-too-long'].meta.messages)).not.toContain(expected.messageId);
  });

  it('registers every rule module on disk', () => {
    const onDisk = readdirSync(RULES_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((dir) =>
        readdirSync(path.join(RULES_DIR, dir.name))
          .filter((file) => file.endsWith('.md'))
          .map((file) => `${dir.name}/${file.replace(/\.md$/, '')}`),
      );
    expect(onDisk.sort()).toEqual([...RULE_IDS].sort());
  });

  describe.each(RULE_IDS.map((id) => [id, RULES[id]] as const))('%s', (id, rule) => {
    it('lives at src/rules/<category>/<name>.ts with a matching category', () => {
      const [category, name] = id.split('/');
      expect(rule.meta.category).toBe(category);
      expect(existsSync(path.join(RULES_DIR, category!, `${name}.ts`))).toBe(true);
    });

    it('has a doc that says why, how to fix and when to switch it off', () => {
      const doc = path.join(RULES_DIR, `${id}.md`);
      expect(existsSync(doc)).toBe(true);
      const text = readFileSync(doc, 'utf8');
      expect(text.split('\n')[0]).toBe(`# ${id}`);
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
        parseConfig({ version: 1, rules: { [id]: { options: rule.defaultOptions } } }, RULE_METAS),
      ).not.toThrow();
    });
  });
});
