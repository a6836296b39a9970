// `npm run bench:compare -- A.json B.json`: two results files side by side
// (say a Node run and a Chromium run of the same selection); see
// suite/compareTable.mjs for what each column holds.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { compareTable, runtimeOf } from './suite/compareTable.mjs';

const [fileA, fileB] = process.argv.slice(2);
if (!fileA || !fileB) {
  console.error('usage: npm run bench:compare -- A.json B.json');
  process.exit(2);
}
const load = (file) => JSON.parse(readFileSync(file, 'utf8'));
const a = load(fileA);
const b = load(fileB);

const table = compareTable(a, b);
if (table === null) {
  console.error(`no optimizer and size is in both ${basename(fileA)} and ${basename(fileB)}`);
  process.exit(1);
}
console.log(table);
console.log(`\n${basename(fileA)} (${runtimeOf(a)}, ${a.command ?? '?'}) · ${basename(fileB)} (${runtimeOf(b)}, ${b.command ?? '?'})`);
