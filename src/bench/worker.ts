import { serveOverIpc } from './rpc';
import { BenchTasks } from './tasks';

/** Child process entry: runs the benchmark's measurements, one worker process per measurement. */
serveOverIpc(new BenchTasks());
