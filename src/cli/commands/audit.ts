import { SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { auditSite, type AuditReport } from '../../audit';
import { defaultConfig } from '../../config/defaults';
import { parseConfiguration } from '../../config/transfer';
import type { AuditConfig } from '../../config/types';
import type { Site } from '../../domain/model';
import { normaliseSite } from '../../jira/normalise';
import { readSite, type ReadProgress } from '../../jira/read-site';
import { loadSnapshotFile } from '../../jira/snapshot-file';
import { RULE_METAS } from '../../rules';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../format-report';
import { liveClient, parseDateOption, type LiveSiteOptions } from '../site-source';
import { describeUsage } from '../usage';

interface AuditCommandOptions extends LiveSiteOptions {
  snapshot?: string;
  project?: string[];
  since?: string;
  now?: string;
  config?: string;
  format: ReportFormat;
  failOn?: 'warning' | 'error';
}

export function register(program: Command): void {
  program
    .command('audit')
    .description('audit a site or a snapshot: classify every action and raise explained findings')
    .addOption(new Option('--snapshot <file>', 'site snapshot file').conflicts('site'))
    .option('--site <url>', 'site URL, e.g. https://your-site.atlassian.net')
    .option('--email <e>', 'account e-mail (or JIRA_EMAIL)')
    .option('--token <t>', 'API token (or JIRA_API_TOKEN)')
    .option('--concurrency <n>', 'requests in flight at once', '4')
    .option('--project <key...>', 'only these projects')
    .option(
      '--since <date>',
      'judge only actions from this date on, in every project (default: the configured audit window, 90 days)',
    )
    .option('--now <date>', "the audit's now (default: the snapshot's capture time, or the site's clock)")
    .option('--config <file>', 'configuration JSON (role mapping, thresholds, rule severities, accepted findings)')
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('table'))
    .addOption(
      new Option('--fail-on <severity>', 'exit with 1 when a finding is at least this severe').choices([
        'warning',
        'error',
      ]),
    )
    .action(async (options: AuditCommandOptions) => {
      const config = options.config ? await loadConfigFile(options.config) : defaultConfig();
      const since = parseDateOption('--since', options.since);
      const site = options.snapshot
        ? normaliseSite(await loadSnapshotFile(options.snapshot))
        : await readLiveSite(options, config);
      const now = parseDateOption('--now', options.now) ?? (site.capturedAt ? new Date(site.capturedAt) : new Date());
      const report = auditSite(site, config, {
        now,
        ...(since ? { since } : {}),
        ...(options.project ? { projectKeys: options.project } : {}),
      });
      process.stdout.write(formatReport(report, options.format));
      if (options.failOn && failsOn(report, options.failOn)) process.exitCode = 1;
    });
}

function failsOn(report: AuditReport, threshold: 'warning' | 'error'): boolean {
  return report.findings.some(
    (finding) => finding.severity === 'error' || (threshold === 'warning' && finding.severity === 'warning'),
  );
}

async function loadConfigFile(path: string): Promise<AuditConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read configuration ${path}: ${(error as Error).message}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Configuration ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  // Any format: a hand-written file, or the admin page's export of the whole configuration.
  const { site, projects } = parseConfiguration(value, RULE_METAS);
  return { ...site, projects: { ...site.projects, ...projects } };
}

async function readLiveSite(options: AuditCommandOptions, config: AuditConfig): Promise<Site> {
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'reading {phase} {bar} {value}/{total}',
    hideCursor: true,
    clearOnComplete: true,
  });
  let started = false;
  const onProgress = (event: ReadProgress) => {
    const total = Math.max(event.total ?? event.done, 1);
    if (!started) {
      bar.start(total, event.done, { phase: event.phase });
      started = true;
    } else {
      bar.setTotal(total);
      bar.update(event.done, { phase: event.phase });
    }
  };
  const { client, baseUrl } = liveClient(options);
  const groups = [...new Set([...config.roleMapping.groups.pm, ...config.roleMapping.groups.po])];
  try {
    const read = await readSite(client, {
      baseUrl,
      groups,
      onProgress,
      ...(options.project ? { projectKeys: options.project } : {}),
    });
    return normaliseSite(read.snapshot, read.problems);
  } finally {
    if (started) bar.stop();
    process.stderr.write(`read with ${describeUsage(client.usage)}\n`);
  }
}
