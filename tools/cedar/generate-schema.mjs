// Generates cedar/schema/petstore.cedarschema.json (what Verified Permissions receives) from the
// human-readable cedar/schema/petstore.cedarschema. Run: npm run cedar:schema
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = path.join(root, 'cedar', 'schema', 'petstore.cedarschema');
const target = `${source}.json`;

const answer = cedar.schemaToJsonWithResolvedTypes(readFileSync(source, "utf8"));
if (answer.type !== 'success') {
  for (const error of answer.errors) console.error(`${path.relative(root, source)}: ${error.message}${error.help ? ` (${error.help})` : ''}`);
  process.exit(1);
}
for (const warning of answer.warnings) console.error(`warning: ${warning.message}`);

// Keys sorted so that the file only changes when the schema does.
const sorted = (value) => Array.isArray(value) ? value.map(sorted)
  : value && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]))
  : value;
writeFileSync(target, JSON.stringify(sorted(answer.json), null, 2) + '\n');
console.log(`wrote ${path.relative(root, target)}`);
