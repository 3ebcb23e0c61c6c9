import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tarFiles } from '../../src/jira/import/tar';

describe('tarFiles', () => {
  let folder: string;
  const deepDir = `data/${'TIMOB'.repeat(12)}/${'range-'.repeat(12)}1-999`;
  const files = {
    'data/AC/project.json': '{"key":"AC"}',
    [`${deepDir}/TIMOB-${'9'.repeat(40)}.json`]: '{"key":"TIMOB-9"}',
  };

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'tar-test-'));
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(folder, 'src', path, '..'), { recursive: true });
      writeFileSync(join(folder, 'src', path), content);
    }
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.each(['gnu', 'pax', 'ustar'])('reads regular files with long paths from a %s archive', (format) => {
    const archive = join(folder, `${format}.tar`);
    execFileSync('tar', ['cf', archive, `--format=${format}`, '-C', join(folder, 'src'), 'data']);
    const read = Object.fromEntries(
      [...tarFiles(readFileSync(archive))].map((file) => [file.path, file.content.toString('utf8')]),
    );
    expect(read).toEqual(files);
  });
});
