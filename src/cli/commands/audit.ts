import { Option, type Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { auditSite, type AuditReport } from '../../audit';
import { defaultConfig } from '../../config/defaults';
import { parseConfiguration } from '../../config/transfer';
import type { AuditConfig } from '../../config/types';
import type { Site } from '../../domain/model';
import { normaliseSite } from '../../jira/normalise';
import { listProjects } from '../../jira/api/platform';
import { readSite } from '../../jira/read-site';
import { loadSnapshotFile } from '../../jira/snapshot-file';
import { RULE_METAS } from '../../rules';
import { formatReport, incompleteness, REPORT_FORMATS, type ReportFormat } from '../format-report';
import { progressReporter } from '../progress';
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
      new Option(
        '--fail-on <severity>',
        'exit with 1 when a finding is at least this severe, 2 when the read was incomplete or audited nothing',
      ).choices(['warning', 'error']),
    )
    .action(async (options: AuditCommandOptions) => {
      const config = options.config ? await loadConfigFile(options.config) : defaultConfig();
      const since = parseDateOption('--since', options.since);
      // As a gate, a site that could not be read at all is the "incomplete" outcome (2), not a plain error (1).
      let site: Site;
      try {
        site = options.snapshot
          ? checkProjectKeys(normaliseSite(await loadSnapshotFile(options.snapshot)), options.project)
          : await readLiveSite(options, config);
      } catch (error) {
        if (!options.failOn) throw error;
        process.stderr.write(`role-audit: nothing audited: ${(error as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const now = parseDateOption('--now', options.now) ?? (site.capturedAt ? new Date(site.capturedAt) : new Date());
      const report = auditSite(site, config, {
        now,
        ...(since ? { since } : {}),
        ...(options.project ? { projectKeys: options.project } : {}),
      });
      process.stdout.write(formatReport(report, options.format));
      if (options.failOn) process.exitCode = auditExitCode(report, options.failOn);
    });
}

/** The gate: 2 when the read was incomplete or audited nothing (no verdict), 1 on findings at the threshold, else 0. */
function auditExitCode(report: AuditReport, threshold: 'warning' | 'error'): 0 | 1 | 2 {
  if (incompleteness(report) !== undefined) return 2;
  return failsOn(report, threshold) ? 1 : 0;
}

/** A `--project` key the site does not hold is a mistake to name, not an empty audit. */
function checkProjectKeys(site: Site, keys: readonly string[] | undefined, known?: readonly string[]): Site {
  const present = new Set(site.projects.map((project) => project.key));
  const unknown = (keys ?? []).filter((key) => !present.has(key));
  if (unknown.length === 0) return site;
  const names = [...new Set(known ?? present)].sort();
  throw new Error(
    `unknown project${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}: ${names.length > 0 ? `the site has ${names.join(', ')}` : 'the site has no project this account may browse'}`,
  );
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
  const progress = progressReporter(process.stderr);
  const { client, baseUrl } = liveClient(options, (event) => progress.onRetry(event));
  const groups = [...new Set([...config.roleMapping.groups.pm, ...config.roleMapping.groups.po])];
  try {
    const read = await readSite(client, {
      baseUrl,
      groups,
      onProgress: (event) => progress.onProgress(event),
      ...(options.project ? { projectKeys: options.project } : {}),
    });
    const site = normaliseSite(read.snapshot, read.problems);
    const missing = (options.project ?? []).some((key) => !site.projects.some((project) => project.key === key));
    const known = missing ? (await listProjects(client)).map((project) => project.key) : undefined;
    return checkProjectKeys(site, options.project, known);
  } finally {
    progress.stop();
    process.stderr.write(`read with ${describeUsage(client.usage)}\n`);
  }
}
