// The Cedar engine for .NET: @cedar-policy/cedar-wasm behind a JSON-lines protocol on stdin/stdout.
// Request:  {"id": 1, "op": "validate", "args": {...}}
// Response: {"id": 1, "result": ...} or {"id": 1, "error": "..."}
// Source locations in answers are converted from UTF-8 byte offsets (Cedar's) to UTF-16 offsets (.NET's).
// The process exits when stdin closes, so it never outlives the .NET process that started it.
// A WebAssembly trap or a JavaScript stack overflow inside cedar-wasm (a policy nested ~135 levels deep does it) leaves
// the module broken ("memory access out of bounds" from then on): the answer says "fatal" and the process exits, so
// the .NET side starts a fresh one instead of asking a broken engine.
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import readline from 'node:readline';

const utf16Offset = (text, byteOffset) => Buffer.from(text, 'utf8').subarray(0, byteOffset).toString('utf8').length;

function relocate(errors, textOf) {
  for (const error of errors ?? []) {
    const text = textOf(error);
    if (text !== undefined) {
      for (const location of error.sourceLocations ?? error.error?.sourceLocations ?? []) {
        location.start = utf16Offset(text, location.start);
        location.end = utf16Offset(text, location.end);
      }
    }
    relocate(error.related ?? error.error?.related, () => text);
  }
  return errors;
}

const loaded = new Map();

const ops = {
  // The JSON form Verified Permissions takes: common types resolved, names fully qualified.
  schemaToResolvedJson: ({ text }) => {
    const answer = cedar.schemaToJsonWithResolvedTypes(text);
    if (answer.type === 'failure') relocate(answer.errors, () => text);
    return answer;
  },

  checkSchema: ({ schema }) => cedar.checkParseSchema(schema),

  // Splits a policy file into policy texts (annotations included, comments between policies dropped).
  parts: ({ text }) => {
    const answer = cedar.policySetTextToParts(text);
    if (answer.type === 'failure') relocate(answer.errors, () => text);
    return answer;
  },

  policyToJson: ({ text }) => cedar.policyToJson(text),

  // What `cedar format` writes for a policy text (the CLI's defaults: 80 columns, 2-space indent).
  format: ({ text }) => cedar.formatPolicies({ policyText: text, lineWidth: 80, indentWidth: 2 }),

  // Strict validation of policies (id -> text) against a schema.
  validate: ({ schema, policies }) => {
    const answer = cedar.validate({ schema, policies: { staticPolicies: policies }, validationSettings: { mode: 'strict' } });
    if (answer.type === 'failure') relocate(answer.errors, () => undefined);
    else {
      relocate(answer.validationErrors, (e) => policies[e.policyId]);
      relocate(answer.validationWarnings, (e) => policies[e.policyId]);
    }
    return answer;
  },

  // Parses a schema and policy set once under a name, for fast repeated decisions.
  load: ({ name, schema, policies }) => {
    const schemaAnswer = cedar.preparseSchema(name, schema);
    if (schemaAnswer.type === 'failure') return schemaAnswer;
    const policyAnswer = cedar.preparsePolicySet(name, { staticPolicies: policies });
    if (policyAnswer.type === 'failure') return policyAnswer;
    loaded.set(name, true);
    return { type: 'success' };
  },

  // Forgets a loaded set (the .NET side stops loading it into replacement processes too).
  unload: ({ name }) => ({ type: loaded.delete(name) ? 'success' : 'failure' }),

  // A decision against a loaded set; the request is validated against the schema, as Verified Permissions does.
  authorize: ({ name, call }) => {
    if (!loaded.has(name)) throw new Error(`no policy set loaded as '${name}'`);
    return cedar.statefulIsAuthorized({ ...call, preparsedSchemaName: name, preparsedPolicySetId: name, validateRequest: true });
  },

  // Several independent decisions against a loaded set in one round trip (the differential tests' oracle).
  authorizeEach: ({ name, calls }) => calls.map((call) => ops.authorize({ name, call })),
};

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  if (!line.trim()) return;
  let id = null;
  try {
    const request = JSON.parse(line);
    id = request.id;
    const op = ops[request.op];
    if (!op) throw new Error(`unknown op '${request.op}'`);
    process.stdout.write(JSON.stringify({ id, result: op(request.args ?? {}) }) + '\n');
  } catch (error) {
    const fatal = error instanceof WebAssembly.RuntimeError || error instanceof RangeError;
    process.stdout.write(JSON.stringify({ id, error: String(error?.message ?? error), fatal }) + '\n', () => {
      if (fatal) process.exit(70);
    });
  }
});
lines.on('close', () => process.exit(0));
process.stdout.write(JSON.stringify({ ready: true }) + '\n');
