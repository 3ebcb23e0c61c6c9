import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import * as classify from '../../src/cli/commands/classify';
import * as evaluate from '../../src/cli/commands/eval';

const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
const story = {
  id: '1',
  key: 'WEB-1',
  fields: {
    issuetype: { name: 'Story', hierarchyLevel: 0 },
    summary: 'Quote from cart',
    created: '2026-12-01T10:00:00.000+0000',
    status: { name: 'To Do' },
    labels: [],
  },
};
const comment = (id: string, text: string, label: string) =>
  JSON.stringify({
    id,
    issue: story,
    action: { kind: 'comment', comment: { id, created: '2026-12-03T11:02:29.000+0000', body: adf(text) } },
    label,
  });

describe('role-audit classify / eval', () => {
  let dir: string;
  let out: string[];
  let err: string[];

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'classify-cli-'));
    out = [];
    err = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    process.exitCode = undefined;
  });

  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
    process.exitCode = undefined;
  });

  async function run(...args: string[]): Promise<void> {
    const program = new Command('role-audit').exitOverride();
    classify.register(program);
    evaluate.register(program);
    await program.parseAsync(args, { from: 'user' });
  }

  function file(name: string, lines: string[]): string {
    const target = path.join(dir, name);
    writeFileSync(target, `${lines.join('\n')}\n`);
    return target;
  }

  it('prints one JSON line per case and names the bad lines', async () => {
    const cases = file('cases.jsonl', [
      comment('1', 'Logged-in buyers only; added that to the acceptance criteria.', 'tactical'),
      'not json',
      JSON.stringify({ id: 'x', issue: story }),
      comment('2', 'Thanks!', 'neutral'),
    ]);
    await run('classify', cases);
    expect(out.map((line) => JSON.parse(line))).toEqual([
      { id: '1', role: 'tactical', confidence: expect.any(Number), criteria: ['C3', 'R4'] },
      { id: '2', role: 'neutral', confidence: expect.any(Number), criteria: [] },
    ]);
    expect(err.join('')).toMatch(new RegExp(`${cases}:2: not JSON .*\\n${cases}:3: case x: the case has no action\\n`));
    expect(process.exitCode).toBe(1);
  });

  it('adds the reason and the evidence when asked', async () => {
    await run(
      'classify',
      file('one.jsonl', [comment('1', 'Added that to the acceptance criteria.', 'tactical')]),
      '--reason',
      '--explain',
    );
    const line = JSON.parse(out[0] ?? '{}');
    expect(line.reason).toBe('Commented about acceptance criteria on the story');
    expect(line.evidence[0]).toMatchObject({ role: 'tactical', criteria: ['C3'], topic: 'acceptance criteria' });
    expect(process.exitCode).toBeUndefined();
  });

  it('fails clearly on a missing file', async () => {
    await expect(run('classify', path.join(dir, 'missing.jsonl'))).rejects.toThrow(/cannot read .*missing\.jsonl/);
  });

  it('prints the figures and exits 1 below --min-macro-f1', async () => {
    const labelled = file('labelled.jsonl', [
      comment('1', 'Added that to the acceptance criteria.', 'tactical'),
      comment('2', 'Thanks!', 'strategic'),
    ]);
    await run('eval', labelled, '--min-macro-f1', '0.9', '--misses');
    const text = out.join('');
    expect(text).toContain('cases 2   accuracy 0.500 (1/2)');
    expect(text).toMatch(/label \\ predicted/);
    expect(text).toContain('2 (line 2): labelled strategic, classified neutral');
    expect(err.join('')).toContain('is below the required 0.9');
    expect(process.exitCode).toBe(1);
  });

  it('passes at or above --min-macro-f1', async () => {
    await run(
      'eval',
      file('good.jsonl', [comment('1', 'Added that to the acceptance criteria.', 'tactical')]),
      '--min-macro-f1',
      '0.9',
    );
    expect(process.exitCode).toBeUndefined();
  });

  it('rejects a --min-macro-f1 that is not a share', async () => {
    await expect(run('eval', '--min-macro-f1', '90')).rejects.toThrow(/expected a number from 0 to 1/);
  });
});
