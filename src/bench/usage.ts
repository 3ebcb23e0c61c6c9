/** CPU and memory of this process, in the units the benchmark reports. */
export interface ProcessUsage {
  /** User plus system CPU since the process started. */
  cpuMs: number;
  rssMb: number;
  heapUsedMb: number;
  /** The operating system's high-water mark of the resident set since the process started. */
  maxRssMb: number;
}

const MB = 1024 * 1024;

export function processUsage(): ProcessUsage {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssMb: memory.rss / MB,
    heapUsedMb: memory.heapUsed / MB,
    // resourceUsage().maxRSS is in kilobytes.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** Heap still in use once garbage is collected, when the process runs with --expose-gc; else as it stands. */
export function liveHeapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / MB;
}

/** Wall and CPU time of one piece of work. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ result: T; wallMs: number; cpuMs: number }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}
