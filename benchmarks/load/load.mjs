// The load benchmark against a running local mode (benchmarks/load/run.sh starts one): autocannon drives the API.
//   steady:   the traffic model's mix of people's requests at --rate requests/s for --seconds: p50, p99, errors.
//   fairness: one customer floods at autocannon's full speed while another sends 5 requests/s: the second one's
//             success rate and p99, and how much of the flood was throttled.
// Prints one JSON object per scenario. Usage: node benchmarks/load/load.mjs --url http://127.0.0.1:3000 --password <demo>
//   [--scenario steady|fairness|all] [--seconds 60] [--rate 200]
import autocannon from 'autocannon';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' }, password: { type: 'string' }, scenario: { type: 'string', default: 'all' },
    seconds: { type: 'string', default: '60' }, rate: { type: 'string', default: '200' },
  },
});
if (!options.url || !options.password) throw new Error('--url and --password are required');
const base = options.url.replace(/\/$/, '');
const seconds = Number(options.seconds);
const rate = Number(options.rate);
const root = new URL('../../', import.meta.url);
const model = JSON.parse(readFileSync(new URL('benchmarks/cost/traffic-model.json', root)));
const environments = JSON.parse(readFileSync(new URL('cdk.json', root))).context.environments;
const interactiveKeys = environments.dev.usagePlans.interactiveKeys ?? 1;

async function call(method, path, token, body) {
  const response = await fetch(base + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

async function login(username, password = options.password) {
  const answer = await call('POST', '/login', null, { username, password });
  if (answer.status !== 200) throw new Error(`login ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.accessToken;
}

// The interactive key the authorizer gives a person: SHA-256 of "<pool id>|<sub>", as UsagePlanNames.Shard computes it.
function keyOf(token) {
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url'));
  const digest = createHash('sha256').update(`${claims.iss.split('/').pop()}|${claims.sub}`).digest();
  return digest.readUInt32BE(0) % interactiveKeys;
}

async function newCustomer(avoidKeys) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const username = `load${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const signedUp = await call('POST', '/users', null, { username, password: 'Brand-New-Pass-7', email: `${username}@example.com` });
    if (signedUp.status !== 201) throw new Error(`sign-up: ${signedUp.status} ${JSON.stringify(signedUp.body)}`);
    const token = await login(username, 'Brand-New-Pass-7');
    if (!avoidKeys.includes(keyOf(token))) return token;
  }
  throw new Error('40 new customers all landed on the keys to avoid');
}

// Runs autocannon instances side by side; every response's status and time is kept.
async function drive(instances) {
  const runs = instances.map(({ name, path, ...settings }) => {
    const samples = [];
    const instance = autocannon({ url: base + path, duration: seconds, ...settings });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => samples.push({ statusCode, responseTime }));
    return new Promise((resolve, reject) => instance.on('done', (result) => resolve({ name, samples, result })).on('error', reject));
  });
  return Promise.all(runs);
}

function summary(samples) {
  const times = samples.map((s) => s.responseTime).sort((a, b) => a - b);
  const at = (q) => (times.length ? times[Math.min(times.length - 1, Math.floor(q * times.length))] : null);
  const byStatus = {};
  for (const s of samples) byStatus[s.statusCode] = (byStatus[s.statusCode] ?? 0) + 1;
  return { requests: samples.length, p50Ms: at(0.5), p99Ms: at(0.99), byStatus };
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);

// Data the mix reads: a pet, and an order of each customer's (customers see only their own).
const owner = await login('owner');
const employee = await login('employee');
const customer = await login('customer');
const pet = (await call('POST', '/pets', owner, { type: 'dog', price: 10, storeId: 'downtown' })).body.pet;
const orderedPet = (await call('POST', '/pets', owner, { type: 'cat', price: 12, storeId: 'downtown' })).body.pet;
const order = (await call('POST', '/orders', customer, { petId: orderedPet.id })).body.order;
if (!pet?.id || !order?.id) throw new Error('could not create the pet and the order the mix reads');

if (options.scenario === 'steady' || options.scenario === 'all') {
  // People, not one token: two customers on each interactive key (each with an order of its own to read) and the
  // employee, each sending the model's mix for its role, the customers together at their share of --rate. Placing and
  // cancelling orders change which pets can be ordered, so the customers' mix reads orders instead.
  const perKey = new Map();
  const customers = [];
  for (let attempt = 0; customers.length < 2 * interactiveKeys && attempt < 40 * interactiveKeys; attempt++) {
    const token = await newCustomer([...perKey].filter(([, n]) => n >= 2).map(([key]) => key));
    perKey.set(keyOf(token), (perKey.get(keyOf(token)) ?? 0) + 1);
    const ordered = (await call('POST', '/pets', owner, { type: 'cat', price: 12, storeId: 'downtown' })).body.pet;
    const own = (await call('POST', '/orders', token, { petId: ordered.id })).body.order;
    customers.push({ token, order: own.id });
  }
  const paths = (orderId) => ({
    'GET /pets': ['GET', '/pets?limit=20'], 'GET /pets/{petId}': ['GET', `/pets/${pet.id}`], 'GET /orders': ['GET', '/orders?limit=20'],
    'GET /orders/{orderId}': ['GET', `/orders/${orderId}`], 'PATCH /pets/{petId}': ['PATCH', `/pets/${pet.id}`, { price: 11 }],
    'POST /pets': ['POST', '/pets', { type: 'dog', price: 9, storeId: 'downtown' }],
  });
  // A role's mix as a sequence of 100 requests, each route as often as its share and spread evenly through it (a
  // connection walks it from the start), routes that change orders left out.
  const sequence = (role, orderId) => Object.entries(model.roles[role].mix).flatMap(([route, part]) => {
    const call = paths(orderId)[route];
    const count = Math.max(1, Math.round(part * 100));
    return call ? Array.from({ length: count }, (_, k) => ({ at: (k + 0.5) / count, method: call[0], path: call[1], body: call[2] ? JSON.stringify(call[2]) : undefined })) : [];
  }).sort((a, b) => a.at - b.at).map(({ at, ...request }) => request);
  const perMinute = (role) => model.roles[role].share * model.roles[role].requestsPerMinute;
  const customersRate = (rate * perMinute('customers')) / (perMinute('customers') + perMinute('employees'));
  const before = loadAverage();
  const runs = await drive([
    ...customers.map((c, i) => ({
      name: `customer ${i}`, path: '/', requests: sequence('customers', c.order), overallRate: Math.max(1, Math.round(customersRate / customers.length)),
      connections: 2, headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
    })),
    {
      // One connection: two would change the same pet at once, which the API rightly answers 409.
      name: 'employee', path: '/', requests: sequence('employees', order.id), overallRate: Math.max(1, Math.round(rate - customersRate)),
      connections: 1, headers: { authorization: `Bearer ${employee}`, 'content-type': 'application/json' },
    },
  ]);
  const all = runs.flatMap((r) => r.samples);
  console.log(JSON.stringify({
    scenario: 'steady', seconds, targetRate: rate, customers: customers.length, ...summary(all),
    errors: all.filter((s) => s.statusCode >= 400).length + runs.reduce((n, r) => n + r.result.errors + r.result.timeouts, 0),
    loadAverageBefore: before, loadAverageAfter: loadAverage(),
  }, null, 2));
}

if (options.scenario === 'fairness' || options.scenario === 'all') {
  // The flooder and the steady customer on different interactive keys, as two people usually are.
  const staffKeys = [employee, customer, owner].map(keyOf);
  const flooder = await newCustomer(staffKeys);
  const steady = await newCustomer([keyOf(flooder)]);
  const before = loadAverage();
  const [flood, other, staff] = await drive([
    { name: 'flood', path: '/pets?limit=1', connections: 32, headers: { authorization: `Bearer ${flooder}` } },
    { name: 'other customer', path: '/pets?limit=1', connections: 1, overallRate: 5, headers: { authorization: `Bearer ${steady}` } },
    { name: 'employee', path: '/pets?limit=1', connections: 1, overallRate: 5, headers: { authorization: `Bearer ${employee}` } },
  ]);
  const rateOf = (run) => run.samples.filter((s) => s.statusCode === 200).length / Math.max(1, run.samples.length);
  console.log(JSON.stringify({
    scenario: 'fairness', seconds, flood: summary(flood.samples), otherCustomer: { ...summary(other.samples), successRate: rateOf(other) },
    employee: { ...summary(staff.samples), successRate: rateOf(staff) }, loadAverageBefore: before, loadAverageAfter: loadAverage(),
  }, null, 2));
}
