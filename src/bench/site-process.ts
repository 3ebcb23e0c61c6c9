import { serveOverIpc } from './rpc';
import { BenchSite } from './site';

/** Child process entry: one benchmark site and its emulator, driven over IPC by the benchmark. */
serveOverIpc(new BenchSite());
