import Table from 'cli-table3';
import { REQUEST_PARTS } from './minimum';
import type { BenchResults, ScanMeasurement, SizeResult } from './run';
import type { ResolverFigures } from './tasks';
import { FUNCTION_KEYS, type EconomyDetails, type EconomyFigures } from './economy';
import { label, megabytes, seconds } from './targets';

/** The benchmark's figures as plain-text tables (no colours, so they paste cleanly). */
export function formatResults(results: BenchResults): string {
  const sections = [
    sizesTable(results.sizes),
    economyTable(results),
    classifierTable(results),
    bundleTable(results),
    targetsTable(results),
  ];
  const footer = `${results.machine.cpus} CPUs, ${results.machine.memoryGb} GB, node ${results.machine.node}; emulator latency ${results.options.latencyMs} ms, ${results.options.concurrency} requests in flight; whole run ${seconds(results.wallMs)}`;
  return [...sections.filter((section) => section !== ''), footer].join('\n\n');
}

const plain = { head: [], border: [] };
const int = (value: number) => Math.round(value).toLocaleString('en');
const mb = (value: number) => `${int(value)} MB`;
const ratio = (value: number) => `${value.toFixed(value >= 10 ? 1 : 3)}×`;

type Row = [string, (size: SizeResult) => string];

function sizesTable(sizes: SizeResult[]): string {
  if (sizes.length === 0) return '';
  const table = new Table({
    head: ['', ...sizes.map((size) => `${label(size.issues)} issues`)],
    style: plain,
    colAligns: ['left', ...sizes.map(() => 'right' as const)],
  });
  const section = (title: string) => table.push([{ colSpan: sizes.length + 1, content: title }]);
  const rows = (list: Row[]) => {
    for (const [name, cell] of list) table.push([name, ...sizes.map(cell)]);
  };

  section('site');
  rows([
    [
      'issues / histories / comments',
      (size) => `${int(size.site.facts.issues)} / ${int(size.site.facts.histories)} / ${int(size.site.facts.comments)}`,
    ],
    [
      'projects / boards / sprints / users',
      (size) =>
        `${size.site.facts.projects} / ${size.site.facts.boards} / ${size.site.facts.sprints} / ${size.site.facts.users}`,
    ],
    ['generated in; emulator RSS', (size) => `${seconds(size.site.generateMs)}; ${mb(size.site.emulatorRssMb)}`],
  ]);
  section('full read (bulk changelogs)');
  rows([
    ['requests: actual / minimum', (size) => `${int(size.full.read.emulator.requests)} / ${int(size.minimum.total)}`],
    ['actual ÷ minimum', (size) => ratio(size.ratios.actualOverMinimum)],
    ...REQUEST_PARTS.map((part): Row => [
      `  ${part}`,
      (size) => `${int(size.full.read.emulator.byPart[part])} / ${int(size.minimum[part])}`,
    ]),
    ['requests counted by the client', (size) => int(size.full.read.requests)],
    ['points: client / emulator', (size) => `${int(size.full.read.points)} / ${int(size.full.read.emulator.points)}`],
    ['wall time', (size) => seconds(size.full.read.wallMs)],
    [
      'CPU: reader / emulator',
      (size) => `${seconds(size.full.read.cpuMs)} / ${seconds(size.full.read.emulator.cpuMs)}`,
    ],
    ['peak RSS after the read', (size) => mb(size.full.read.maxRssMb)],
    ['live heap: read snapshot', (size) => mb(size.full.read.liveHeapMb)],
  ]);
  section('CLI: audit of the read, whole site in one process');
  rows([
    [
      'normalise / audit time',
      (size) => `${seconds(size.full.audit.normaliseMs)} / ${seconds(size.full.audit.auditMs)}`,
    ],
    ['CPU', (size) => seconds(size.full.audit.cpuMs)],
    ['actions / findings', (size) => `${int(size.full.audit.actions)} / ${int(size.full.audit.findings)}`],
    ['live heap: normalised site', (size) => mb(size.full.audit.liveSiteHeapMb)],
    ['peak RSS: read + normalise + audit', (size) => mb(size.full.audit.maxRssMb)],
  ]);
  section('naive read (one changelog request per issue)');
  rows([
    ['requests', (size) => `${size.naive.measured ? '' : '~'}${int(size.naive.requests)}`],
    ['naive ÷ bulk requests', (size) => `${size.naive.measured ? '' : '~'}${ratio(size.ratios.naiveOverBulk)}`],
    ['points', (size) => (size.naive.measured ? int(size.naive.points) : 'not run')],
    [
      'wall time',
      (size) =>
        size.naive.measured ? seconds(size.naive.wallMs) : `~${seconds(size.naive.estimatedWallMs)} (estimated)`,
    ],
    [
      'CPU: reader / emulator',
      (size) =>
        size.naive.measured ? `${seconds(size.naive.cpuMs)} / ${seconds(size.naive.emulator.cpuMs)}` : 'not run',
    ],
  ]);
  section('background scan (steps of the scan, projects side by side)');
  const scanRows = (name: string, pick: (size: SizeResult) => ScanMeasurement): Row[] => [
    [
      `${name}: requests / points`,
      (size) => `${int(pick(size).emulator.requests)} / ${int(pick(size).emulator.points)}`,
    ],
    [
      `${name}: wall / CPU / steps`,
      (size) => `${seconds(pick(size).wallMs)} / ${seconds(pick(size).cpuMs)} / ${pick(size).steps}`,
    ],
  ];
  rows([
    ...scanRows('full scan', (size) => size.refresh.full),
    [
      'full scan: cache in KVS (keys, largest value)',
      (size) =>
        `${megabytes(size.refresh.full.store.bytes)} (${int(size.refresh.full.store.keys)}, ${int(size.refresh.full.store.largestValueBytes / 1024)} KiB)`,
    ],
    ...scanRows('first refresh (lists ids)', (size) => size.refresh.settle),
    ['issues changed', (size) => int(size.refresh.changed.touched)],
    ...scanRows('refresh after the change', (size) => size.refresh.changed),
    [
      '  minimum requests; points per changed issue',
      (size) =>
        `${size.refresh.changed.minimum.total}; ${(size.refresh.changed.emulator.points / size.refresh.changed.touched).toFixed(1)}`,
    ],
    ...scanRows('refresh, nothing changed', (size) => size.refresh.unchanged),
    ['  requests per project (most)', (size) => String(size.refresh.unchanged.maxProjectRequests)],
    [
      'longest step',
      (size) =>
        seconds(
          Math.max(
            ...[size.refresh.full, size.refresh.settle, size.refresh.changed, size.refresh.unchanged].map(
              (scan) => scan.longestStepMs,
            ),
          ),
        ),
    ],
  ]);
  section('audit job over the cache (a project at a time, own worker, Forge memory)');
  rows([
    ['projects / findings', (size) => `${size.refresh.auditJob.projects} / ${int(size.refresh.auditJob.findings)}`],
    ['wall / CPU', (size) => `${seconds(size.refresh.auditJob.wallMs)} / ${seconds(size.refresh.auditJob.cpuMs)}`],
    [
      'peak RSS (heap limit)',
      (size) => `${mb(size.refresh.auditJob.maxRssMb)} (${mb(size.refresh.auditJob.heapLimitMb)})`,
    ],
  ]);
  section(
    'a panel open (as a Jira admin: the busiest board and its project page): Jira requests / points, JSON returned',
  );
  const resolverRows = (title: string, pick: (size: SizeResult) => ResolverFigures[]): Row[] =>
    (['getRoadmap', 'getBoardPanel'] as const).map((name): Row => [
      `${name} ${title}: requests / points, size / time`,
      (size) => {
        const response = pick(size).find((entry) => entry.name === name);
        return response
          ? `${int(response.requests)} / ${int(response.points)}, ${megabytes(response.bytes)} / ${seconds(response.wallMs)}`
          : 'not run';
      },
    ]);
  rows([
    ...resolverRows('on the stored reports', (size) => size.refresh.resolvers),
    ...resolverRows('on a fresh install (first scan progress)', (size) => size.freshInstallResolvers),
    [
      'panel open, fresh install / cached: requests (points)',
      (size) =>
        `${int(size.panelOpen.freshInstall.panelOpenRequests)} (${int(size.panelOpen.freshInstall.panelOpenPoints)}) / ` +
        `${int(size.panelOpen.cached.panelOpenRequests)} (${int(size.panelOpen.cached.panelOpenPoints)})`,
    ],
  ]);
  return table.toString();
}

function classifierTable(results: BenchResults): string {
  if (results.classifier.length === 0) return '';
  const table = new Table({
    head: [
      'classifier mix',
      'actions (create/change/comment)',
      'classified',
      'wall / CPU',
      'actions per CPU s / wall s',
    ],
    style: plain,
  });
  for (const entry of results.classifier) {
    table.push([
      entry.source,
      `${int(entry.actions)} (${entry.mix.create}/${entry.mix.change}/${entry.mix.comment})`,
      int(entry.classified),
      `${seconds(entry.wallMs)} / ${seconds(entry.cpuMs)}`,
      `${int(entry.perCpuSecond)} / ${int(entry.perSecond)}`,
    ]);
  }
  return table.toString();
}

function bundleTable(results: BenchResults): string {
  const bundle = results.bundle;
  if (!bundle) return '';
  const table = new Table({ head: ['UI bundle (static/app/build)', 'bytes', 'gzipped'], style: plain });
  for (const file of bundle.initial) table.push([file.path, int(file.bytes), int(file.gzipBytes)]);
  table.push([
    'loaded by index.html',
    int(bundle.initial.reduce((sum, file) => sum + file.bytes, 0)),
    int(bundle.initialGzipBytes),
  ]);
  table.push([`all ${bundle.allFiles} JS and CSS files (lazy themes included)`, '', int(bundle.allGzipBytes)]);
  return table.toString();
}

function targetsTable(results: BenchResults): string {
  const table = new Table({
    head: ['target', 'measured', 'met'],
    style: plain,
    colWidths: [64, 48, 6],
    wordWrap: true,
  });
  for (const check of results.targets) {
    table.push([
      check.target,
      check.note ? `${check.value}\n${check.note}` : check.value,
      check.met === undefined ? '–' : check.met ? 'yes' : 'NO',
    ]);
  }
  return table.toString();
}

/** The economy per size: the figures results.json holds under "economy", then how they came about. */
function economyTable(results: BenchResults): string {
  const sizes = results.economy;
  if (sizes.length === 0) return '';
  const details = (figures: EconomyFigures): EconomyDetails | undefined =>
    results.economyDetails.find((entry) => entry.issues === figures.issues);
  const table = new Table({
    head: ['economy: a simulated week', ...sizes.map((size) => `${label(size.issues)} issues`)],
    style: plain,
    colAligns: ['left', ...sizes.map(() => 'right' as const)],
  });
  const gb = (value: number) => (value >= 0.1 ? value.toFixed(2) : value.toPrecision(2));
  const rows: Array<[string, (size: EconomyFigures, more?: EconomyDetails) => string]> = [
    ['firstScanPoints', (size) => int(size.firstScanPoints)],
    ['firstScanMinimumPoints', (size) => int(size.firstScanMinimumPoints)],
    [
      '  share the window needs: issues / points',
      (_size, more) =>
        more
          ? `${(more.window.shareOfIssues * 100).toFixed(1)}% / ${(more.window.shareOfFullReadPoints * 100).toFixed(1)}%`
          : '',
    ],
    ['steadyPointsPerHour', (size) => int(size.steadyPointsPerHour)],
    ['firstPanelMinutes', (size) => size.firstPanelMinutes.toFixed(1)],
    ['kvsReadGBPerDay', (size) => gb(size.kvsReadGBPerDay)],
    ['kvsWriteGBPerDay', (size) => gb(size.kvsWriteGBPerDay)],
    ['functionGBSecondsPerDay', (size) => int(size.functionGBSecondsPerDay)],
    ['usdPerSiteMonth', (size) => `$${size.usdPerSiteMonth.toFixed(2)}`],
    ['panelOpenRequests (most in one open)', (size) => int(size.panelOpenRequests)],
    ['panelOpenKvsKB (mean)', (size) => int(size.panelOpenKvsKB)],
    ['audit job peak RSS', (_size, more) => (more ? mb(more.auditJobPeakMb) : '')],
    [
      'week: edits / panel opens / audits that audit',
      (_size, more) =>
        more ? `${int(more.week.edits)} / ${int(more.week.panelOpens)} / ${int(more.week.auditJobsAuditing)}` : '',
    ],
    [
      'audits by kind: run + counted, mean MB read / written, projects audited again',
      (_size, more) =>
        more
          ? more.audits
              .filter((kind) => !kind.installDay)
              .map(
                (kind) =>
                  `${kind.kind.replace(/^audit: /, '')} ${int(kind.measured)} + ${int(kind.counted)}, ` +
                  `${kind.meanKvsReadMB.toFixed(1)} / ${kind.meanKvsWrittenMB.toFixed(1)}, ` +
                  `${kind.meanReaudited.toFixed(1)} of ${int(kind.projects)}`,
              )
              .join('; ')
          : '',
    ],
    [
      'GB-s a day: scheduler / consumer / events / personal data / resolver',
      (_size, more) =>
        more
          ? FUNCTION_KEYS.map((key) =>
              int(more.week.functions[key].gbSeconds / (results.options.economy.days || 1)),
            ).join(' / ')
          : '',
    ],
    [
      'KVS MB read+written by key prefix (top 4, real runs)',
      (_size, more) =>
        more
          ? more.kvsByPrefix
              .slice(0, 4)
              .map((entry) => `${entry.prefix} ${int((entry.readBytes + entry.writeBytes) / 1e6)}`)
              .join(', ')
          : '',
    ],
    ['simulation wall time', (_size, more) => (more ? seconds(more.wallMs) : '')],
  ];
  for (const [name, cell] of rows) table.push([name, ...sizes.map((size) => cell(size, details(size)))]);
  const methods = results.economyDetails.map((more) => `  ${label(more.issues)}: ${more.method}`);
  return [
    table.toString(),
    'Function time is wall time of each invocation × the memory manifest.yml gives the function (Forge default 512 MB);',
    'GB = 10^9 bytes; a month is 30 days; the week is Monday to Sunday after an install on the Sunday before.',
    'Method per size:',
    ...methods,
  ].join('\n');
}
