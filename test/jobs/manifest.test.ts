import path from 'node:path';
import { parseManifest } from '../manifest/check-manifest';
import * as entry from '../../src';
import { PRODUCT_EVENTS } from '../../src/jobs';
import { parseJob } from '../../src/jobs/events';
import { SCAN_QUEUE, STEP_BUDGET_MS } from '../../src/jobs/forge';

/** manifest.yml and the job code must agree: the queue key, the events followed, the handlers and time limits. */
const manifest = parseManifest(path.resolve(__dirname, '../../manifest.yml'))!;
const modules = manifest.modules as Record<string, Array<Record<string, unknown>> | undefined>;
const functions = new Map((modules.function ?? []).map((fn) => [fn.key as string, fn]));
const handlerOf = (functionKey: unknown) => {
  const handler = functions.get(String(functionKey))?.handler;
  return typeof handler === 'string' ? handler : '';
};

describe('the background modules in manifest.yml', () => {
  it('have a scheduled trigger, one consumer of the scan queue and a product-event trigger, each on an exported handler', () => {
    const [schedule] = modules.scheduledTrigger ?? [];
    const [consumer] = modules.consumer ?? [];
    const [trigger] = modules.trigger ?? [];
    expect(schedule).toMatchObject({ interval: 'fiveMinute' });
    expect(consumer).toMatchObject({ queue: SCAN_QUEUE });
    for (const module of [schedule, consumer, trigger]) {
      const handler = handlerOf(module?.function);
      expect(handler).toMatch(/^index\./);
      expect(typeof (entry as Record<string, unknown>)[handler.slice('index.'.length)]).toBe('function');
    }
  });

  it('follow exactly the product events the marks understand', () => {
    expect([...((modules.trigger?.[0]?.events as string[]) ?? [])].sort()).toEqual([...PRODUCT_EVENTS].sort());
  });

  it("give the consumer Forge's longest run, with room after a step's budget", () => {
    const timeout = Number(functions.get(String(modules.consumer?.[0]?.function))?.timeoutSeconds);
    expect(timeout).toBe(900);
    expect(STEP_BUDGET_MS / 1000).toBeLessThanOrEqual(timeout - 120);
  });

  it('read job bodies loosely and refuse what is not a job', () => {
    expect(parseJob({ type: 'scan', projectKey: 'MOB', kind: 'full', extra: 1 })).toEqual({
      type: 'scan',
      projectKey: 'MOB',
      kind: 'full',
    });
    expect(parseJob({ type: 'audit' })).toEqual({ type: 'audit' });
    expect(parseJob({ type: 'audit', viewId: 'k3x9' })).toEqual({ type: 'audit', viewId: 'k3x9' });
    expect(parseJob({ type: 'audit', viewId: 7 })).toBeUndefined();
    expect(parseJob({ type: 'scan' })).toBeUndefined();
    expect(parseJob(null)).toBeUndefined();
  });
});
