import { Command } from 'commander';
import * as audit from './commands/audit';
import * as classify from './commands/classify';
import * as config from './commands/config';
import * as demo from './commands/demo';
import * as demoSite from './commands/demo-site';
import * as emulate from './commands/emulate';
import * as evaluate from './commands/eval';
import * as importData from './commands/import';
import * as preview from './commands/preview';
import * as read from './commands/read';
import * as snapshot from './commands/snapshot';

/** Every command, each in its own module under commands/, in the order `--help` lists them. */
const COMMANDS: ReadonlyArray<{ register(program: Command): void }> = [
  audit,
  classify,
  evaluate,
  config,
  importData,
  emulate,
  snapshot,
  read,
  demo,
  preview,
  demoSite,
];

export async function main(argv: string[]): Promise<void> {
  const program = new Command('role-audit')
    .description('Role Boundary Auditor: who decides what between product managers and product owners, read from Jira')
    .showHelpAfterError()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  for (const command of COMMANDS) command.register(program);
  await program.parseAsync(argv);
}
