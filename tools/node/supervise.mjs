// Runs a Node program (argv[2]) with the remaining arguments, and exits when the parent process goes away
// (stdin closes). The .NET side starts every Node tool through this file, so that a crashed test run or a
// killed local host never leaves an emulator running.
import { pathToFileURL } from 'node:url';
import { rmSync } from 'node:fs';
import path from 'node:path';

const [, , target, ...args] = process.argv;
if (!target) {
  console.error('usage: node supervise.mjs <script> [args...]');
  process.exit(2);
}

// A scratch folder the tool works in (cognito-local's .cognito/), removed however the tool ends.
const scratch = process.env.SUPERVISE_REMOVE_ON_EXIT;
if (scratch) process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));

const script = path.resolve(target);
process.argv = [process.argv[0], script, ...args];
await import(pathToFileURL(script).href);
