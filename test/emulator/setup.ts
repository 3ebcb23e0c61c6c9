import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/dev/emulator';
import { fixtureSnapshot, PAULA } from '../fixtures/emulator/site';
import { EmulatorClient } from './http';
import { JiraSpecs } from './openapi';

export interface EmulatorHarness {
  emulator: RunningEmulator;
  specs: JiraSpecs;
  /** Signed in as Paula (Jira admin, MOB admin); `jira.as(login)` for anyone else. */
  jira: EmulatorClient;
}

/** Starts the fixture site before the file's tests and closes it after them. */
export function useEmulator(options: EmulatorOptions = {}): () => EmulatorHarness {
  let harness: EmulatorHarness | undefined;
  beforeAll(async () => {
    const specs = await JiraSpecs.load();
    const emulator = await startEmulator(fixtureSnapshot(), options);
    harness = { emulator, specs, jira: new EmulatorClient(emulator.url, specs, PAULA.emailAddress ?? '') };
  });
  afterAll(async () => {
    await harness?.emulator.close();
  });
  return () => {
    if (!harness) throw new Error('The emulator is not running yet');
    return harness;
  };
}
