import { JiraClient, type RetryEvent } from '../jira/client';
import { HttpTransport } from '../jira/transport-http';

export interface LiveSiteOptions {
  site?: string;
  email?: string;
  token?: string;
  concurrency?: string;
}

/** A client for a live site (or the emulator) from CLI options, with the token also taken from the environment. */
export function liveClient(
  options: LiveSiteOptions,
  onRetry?: (event: RetryEvent) => void,
): { client: JiraClient; baseUrl: string } {
  const baseUrl = options.site;
  const email = options.email ?? process.env.JIRA_EMAIL;
  const token = options.token ?? process.env.JIRA_API_TOKEN;
  const missing = [
    !baseUrl && '--site URL',
    !email && '--email E (or JIRA_EMAIL)',
    !token && '--token T (or JIRA_API_TOKEN)',
  ].filter(Boolean);
  if (missing.length > 0) throw new Error(`Reading a live site needs ${missing.join(', ')}`);
  const concurrency = options.concurrency === undefined ? 4 : Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    throw new Error(`--concurrency must be a whole number from 1 to 32 (got ${options.concurrency})`);
  const transport = new HttpTransport({ baseUrl: baseUrl!, email: email!, apiToken: token! });
  return { client: new JiraClient(transport, { concurrency, ...(onRetry ? { onRetry } : {}) }), baseUrl: baseUrl! };
}

export function parseNumberOption(
  name: string,
  value: string | undefined,
  range: { min: number; max: number; integer?: boolean },
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (
    !Number.isFinite(parsed) ||
    parsed < range.min ||
    parsed > range.max ||
    (range.integer && !Number.isInteger(parsed))
  ) {
    throw new Error(
      `${name} must be ${range.integer ? 'a whole number' : 'a number'} from ${range.min} to ${range.max} (got "${value}")`,
    );
  }
  return parsed;
}

export function parseDateOption(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime()))
    throw new Error(`${name} must be a date such as 2026-06-01 or 2026-06-01T08:00:00Z (got "${value}")`);
  return parsed;
}
