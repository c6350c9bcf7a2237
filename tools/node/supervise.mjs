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

// A scratch folder the tool keeps its data in (cognito-local's .cognito/, dynalite's store). Only the parent stops the
// tool for good, by closing stdin (also when it dies): then the folder goes and the exit code is 0. A tool that crashes
// or is signalled exits otherwise and leaves the folder, so that the parent can start it again on its data.
const scratch = process.env.SUPERVISE_REMOVE_ON_EXIT;
const stop = () => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
};

process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', () => process.exit(143));
process.on('SIGINT', () => process.exit(130));

const script = path.resolve(target);
process.argv = [process.argv[0], script, ...args];
await import(pathToFileURL(script).href);
