// The WebSocket fan-out benchmark (bench/ws/run calls this): dimosd's live stream against a Node
// `ws` 8 server doing the same fan-out, measured with one client harness (clients.mjs).
//
//   node driver.mjs --dimosd BIN --out FILE [--runs 5] [--clients 1000] [--idle 5000]
//                   [--seconds 20] [--rate 10] [--workers 2] [--only dimosd|ws]
//                   [--set section/key=value,…   extra dimosd settings, for experiments]
//
// Fan-out run: a fresh server; `clients` clients connect, hello and go live; a producer makes
// `rate` changes per second for `seconds` seconds and stamps each send with CLOCK_MONOTONIC.
// For dimosd a change is a real report filed through Open311 POST (API key, SQLite commit, event
// log, fan-out read back from the log); its id comes back in the answer. For ws the producer
// POSTs the same event text (captured from dimosd, so the same size and shape, with the id
// replaced) to /publish and the server broadcasts it. Every client records the arrival of every
// report id, so latency (arrival − send), loss and duplicates are counted per client and event.
// Idle run: a fresh server, `idle` clients connected and live, VmRSS read from /proc.
// Runs alternate dimosd / ws; the tables give the median over runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const here = path.dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------- options
const opts = { runs: 5, clients: 1000, idle: 5000, seconds: 20, rate: 10, workers: 2, only: '', set: '' };
for (let i = 2; i < process.argv.length; i += 2) {
    const key = process.argv[i].replace(/^--/, '');
    const value = process.argv[i + 1];
    if (!(key in opts) && key !== 'dimosd' && key !== 'out')
        fail(`unknown option --${key} (see the head of bench/ws/driver.mjs)`);
    opts[key] = typeof opts[key] === 'number' ? Number(value) : value;
}
if (!opts.dimosd || !fs.existsSync(opts.dimosd))
    fail(`--dimosd must name the dimosd binary (got "${opts.dimosd ?? ''}"); build it first`);
if (!opts.out)
    fail('--out must name the result file to write');

function fail(message) {
    console.error(`ws bench: ${message}`);
    process.exit(1);
}
function log(message) {
    console.error(`  ${message}`);
}

// ---------------------------------------------------------------- small helpers
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const n = s.length;
    return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const agent = new http.Agent({ keepAlive: true });

function request(port, method, urlPath, body, headers = {}) {
    return new Promise((resolve, reject) => {
        const req = http.request(
            { host: '127.0.0.1', port, method, path: urlPath, agent, headers: { ...headers, 'content-length': Buffer.byteLength(body ?? '') } },
            (res) => {
                const chunks = [];
                res.on('data', (c) => chunks.push(c));
                res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
            });
        req.on('error', reject);
        req.end(body ?? '');
    });
}

function runCommand(cmd, args, input) {
    return new Promise((resolve) => {
        const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        p.stdout.on('data', (d) => (out += d));
        p.stderr.on('data', (d) => (err += d));
        p.on('close', (code) => resolve({ code, out, err }));
        p.stdin.end(input ?? '');
    });
}

async function waitForPort(port, proc, what) {
    const until = Date.now() + 20000;
    while (Date.now() < until) {
        if (proc.exitCode !== null)
            fail(`${what} exited with code ${proc.exitCode} before listening on ${port} (log: ${logFile})`);
        const ok = await new Promise((resolve) => {
            const s = net.connect(port, '127.0.0.1');
            s.on('connect', () => (s.destroy(), resolve(true)));
            s.on('error', () => resolve(false));
        });
        if (ok)
            return;
        await sleep(50);
    }
    fail(`${what} did not listen on port ${port} within 20 s (log: ${logFile})`);
}

// /proc/<pid>/status VmRSS in MiB, and /proc/<pid>/stat user+system CPU in seconds.
function rssMiB(pid) {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(m[1]) / 1024;
}
const ticksPerSecond = 100; // sysconf(_SC_CLK_TCK) on Linux
function cpuSeconds(pid) {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond; // utime, stime
}

// ---------------------------------------------------------------- the two servers
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dimos-bench-ws-'));
const logFile = path.join(work, 'servers.log');
const logFd = fs.openSync(logFile, 'a');
const ini = path.join(work, 'dimosd.ini');
const password = 'bench-password-' + process.pid;
let nextPort = 17000 + (process.pid % 2000) * 4; // a fresh port per server start: no TIME_WAIT clashes
const portFor = () => nextPort++;

fs.writeFileSync(ini, `; written by bench/ws/driver.mjs
[server]
listen = 127.0.0.1
port = 8080
base_url = http://127.0.0.1:8080
[storage]
data_dir = ${path.join(work, 'data')}
synchronous = normal
[http]
; room for the idle run's clients plus the producer
max_connections = ${Math.max(2048, opts.idle + opts.clients + 100)}
access_log = false
[open311]
require_api_key = true
reports_per_hour_per_address = 100000
`);

async function dimosd(...args) {
    const r = await runCommand(opts.dimosd, ['--config', ini, ...args], args[0] === 'user' ? password + '\n' : '');
    if (r.code !== 0)
        fail(`dimosd ${args.join(' ')} failed (${r.code}): ${r.err.trim()}`);
    return r.out;
}

function startDimosd() {
    const port = portFor();
    // DIMOS_BENCH_WRAP runs dimosd under a tool, e.g. "valgrind --tool=callgrind" (analysis only).
    const wrap = (process.env.DIMOS_BENCH_WRAP || '').split(' ').filter(Boolean);
    const sets = opts.set ? opts.set.split(',').flatMap((kv) => ['--set', kv]) : [];
    const argv = [...wrap, opts.dimosd, '--config', ini, '--port', String(port), ...sets];
    const proc = spawn(argv[0], argv.slice(1), { stdio: ['ignore', logFd, logFd] });
    return { proc, port, what: 'dimosd' };
}
function startRef(token) {
    const port = portFor();
    const proc = spawn(process.execPath, [path.join(here, 'ref-server.mjs'), String(port), token], { stdio: ['ignore', logFd, logFd] });
    return { proc, port, what: 'ws reference' };
}
async function stop(server) {
    if (server.proc.exitCode !== null)
        return;
    const exited = new Promise((r) => server.proc.once('exit', r));
    server.proc.kill('SIGTERM');
    const t = setTimeout(() => server.proc.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(t);
}

// ---------------------------------------------------------------- the client harness
async function startClients(port, token, total) {
    const url = `ws://127.0.0.1:${port}/api/v1/live`;
    const workers = [];
    const ready = [];
    for (let w = 0; w < opts.workers; ++w) {
        const count = Math.floor(total / opts.workers) + (w < total % opts.workers ? 1 : 0);
        const worker = new Worker(path.join(here, 'clients.mjs'), { workerData: { url, token, count, concurrency: 64 } });
        workers.push(worker);
        ready.push(new Promise((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
        }));
    }
    const states = await Promise.all(ready);
    const live = states.reduce((a, s) => a + s.live, 0);
    if (live !== total) {
        const why = states.map((s) => JSON.stringify(s.failures)).join(' ');
        throw new Error(`only ${live} of ${total} clients went live: ${why}`);
    }
    return workers;
}
function ask(worker, cmd) {
    return new Promise((resolve) => {
        worker.once('message', resolve);
        worker.postMessage({ cmd });
    });
}
async function closeClients(workers) {
    await Promise.all(workers.map((w) => new Promise((resolve) => {
        w.once('exit', resolve);
        w.postMessage({ cmd: 'close' });
    })));
}

// ---------------------------------------------------------------- producers
// Sends n changes at `rate` per second on an absolute schedule (a late send does not shift the
// next); `send` stamps its own send time. Resolves when every answer is in.
async function produce(n, send) {
    const start = nowMs() + 20;
    const pending = [];
    for (let k = 0; k < n; ++k) {
        await sleep(start + (k * 1000) / opts.rate - nowMs());
        pending.push(send(k));
    }
    await Promise.all(pending);
}

function dimosProducer(port, apiKey, sent) {
    return async (k) => {
        const body = new URLSearchParams({ api_key: apiKey, service_code: 'pothole', lat: (41.09 + (k % 100) * 1e-4).toFixed(5),
            long: '23.55', description: `Fan-out benchmark change ${k}: a pothole by the kerb` }).toString();
        const t0 = nowMs();
        const r = await request(port, 'POST', '/open311/v2/requests.json', body, { 'content-type': 'application/x-www-form-urlencoded' });
        if (r.status !== 200 && r.status !== 201)
            throw new Error(`Open311 POST answered ${r.status}: ${r.body.slice(0, 300)}`);
        sent.set(Number(JSON.parse(r.body)[0].service_request_id), t0);
    };
}

let refNextId = 1;
function refProducer(port, template, sent) {
    return async () => {
        const id = refNextId++;
        const body = template.replace(/,"id":\d+/, `,"id":${id}`);
        const t0 = nowMs();
        sent.set(id, t0);
        const r = await request(port, 'POST', '/publish', body, { 'content-type': 'application/json' });
        if (r.status !== 200)
            throw new Error(`/publish answered ${r.status}`);
    };
}

// ---------------------------------------------------------------- one fan-out run
async function fanOutRun(side, setup) {
    const server = side === 'dimosd' ? startDimosd() : startRef(setup.token);
    await waitForPort(server.port, server.proc, server.what);
    const pid = server.proc.pid;
    try {
        const workers = await startClients(server.port, setup.token, opts.clients);
        const warm = new Map();
        const producer = (sent) => side === 'dimosd' ? dimosProducer(server.port, setup.apiKey, sent) : refProducer(server.port, setup.template, sent);
        await produce(opts.rate, producer(warm)); // one second of warm-up, not measured
        await sleep(1000);
        for (const w of workers)
            w.postMessage({ cmd: 'window' });
        await sleep(50);
        const sent = new Map();
        const rss = [];
        const cpu0 = cpuSeconds(pid);
        const t0 = nowMs();
        const sampler = setInterval(() => rss.push(rssMiB(pid)), 250);
        await produce(opts.seconds * opts.rate, producer(sent));
        await sleep(2000); // drain
        clearInterval(sampler);
        const cpu = (cpuSeconds(pid) - cpu0) / ((nowMs() - t0) / 1000);
        const results = [];
        for (const w of workers)
            results.push(await ask(w, 'collect'));
        await closeClients(workers);

        const latencies = new Float64Array(sent.size * opts.clients);
        let n = 0;
        let lost = 0;
        let duplicated = 0;
        let stray = 0;
        let overflows = 0;
        let closed = 0;
        const elu = [];
        const first = new Map(); // report id → the earliest arrival at any client
        for (const r of results) {
            duplicated += r.duplicates;
            overflows += r.overflows;
            closed += r.closedWhileLive;
            elu.push(r.elu);
            const rows = new Map(r.ids.map((id, i) => [id, r.rows[i]]));
            for (const id of r.ids)
                if (!sent.has(id) && !warm.has(id))
                    ++stray;
            const width = r.live;
            for (const [id, t0] of sent) {
                const row = rows.get(id);
                if (!row) {
                    lost += width;
                    continue;
                }
                let earliest = Infinity;
                for (let c = 0; c < width; ++c) {
                    if (row[c] === 0) {
                        ++lost;
                    } else {
                        latencies[n++] = row[c] - t0;
                        earliest = Math.min(earliest, row[c] - t0);
                    }
                }
                first.set(id, Math.min(first.get(id) ?? Infinity, earliest));
            }
        }
        const lat = latencies.subarray(0, n).sort();
        const q = (p) => (n ? lat[Math.min(n - 1, Math.floor(p * n))] : NaN);
        return { side, events: sent.size, samples: n, p50: q(0.5), p99: q(0.99), max: n ? lat[n - 1] : NaN,
            first: median([...first.values()].filter(Number.isFinite)), firstMax: Math.max(...[...first.values()].filter(Number.isFinite)),
            lost, duplicated,
            stray, overflows, closed, rssPeak: Math.max(...rss), cpu, elu: Math.max(...elu) };
    } finally {
        await stop(server);
    }
}

// ---------------------------------------------------------------- one idle run
async function idleRun(side, setup) {
    const server = side === 'dimosd' ? startDimosd() : startRef(setup.token);
    await waitForPort(server.port, server.proc, server.what);
    const pid = server.proc.pid;
    try {
        await sleep(500);
        const base = rssMiB(pid);
        const t = nowMs();
        const workers = await startClients(server.port, setup.token, opts.idle);
        const connectS = (nowMs() - t) / 1000;
        await sleep(3000);
        const samples = [];
        for (let i = 0; i < 5; ++i) {
            samples.push(rssMiB(pid));
            await sleep(200);
        }
        await closeClients(workers);
        return { side, base, idle: median(samples), connectS };
    } finally {
        await stop(server);
    }
}

// ---------------------------------------------------------------- set-up: data, user, key, token, event template
async function setUp() {
    log(`work folder ${work}`);
    await dimosd('demo-seed', '--reports', '0');
    await dimosd('user', 'add', 'bench', '--role', 'admin', '--name', 'Bench');
    const keyOut = await dimosd('apikey', 'add', 'fan-out bench');
    const apiKey = keyOut.trim().split(/\s+/).find((w) => w.length >= 20);
    if (!apiKey)
        fail(`could not read the key from "dimosd apikey add": ${keyOut}`);
    const server = startDimosd();
    await waitForPort(server.port, server.proc, server.what);
    try {
        const login = await request(server.port, 'POST', '/api/v1/auth/login', JSON.stringify({ username: 'bench', password }),
            { 'content-type': 'application/json' });
        if (login.status !== 200)
            fail(`login answered ${login.status}: ${login.body}`);
        const token = JSON.parse(login.body).token;
        // One real event, captured by a real client, is the reference's payload.
        const { default: WebSocket } = await import('ws');
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/v1/live`, { perMessageDeflate: false });
        const template = await new Promise((resolve, reject) => {
            ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', token })));
            ws.on('message', (data) => {
                const msg = JSON.parse(data);
                if (msg.type === 'live')
                    dimosProducer(server.port, apiKey, new Map())(0).catch(reject);
                else if (msg.type === 'event')
                    resolve(data.toString());
            });
            ws.on('error', reject);
            setTimeout(() => reject(new Error('no event within 10 s of filing a report')), 10000);
        });
        ws.terminate();
        return { token, apiKey, template };
    } finally {
        await stop(server);
    }
}

// ---------------------------------------------------------------- main
const started = new Date();
const setup = await setUp();
if (process.env.DIMOS_BENCH_KEEP)
    fs.writeFileSync(path.join(work, 'token'), setup.token);
log(`event payload: ${Buffer.byteLength(setup.template)} bytes: ${setup.template.slice(0, 120)}`);
const sides = opts.only ? [opts.only] : ['dimosd', 'ws'];
const fan = [];
const idle = [];
for (let r = 0; r < opts.runs; ++r) {
    for (const side of sides) {
        const f = await fanOutRun(side, setup);
        fan.push(f);
        log(`run ${r + 1} ${side.padEnd(6)} fan-out: first ${f.first.toFixed(2)} ms (max ${f.firstMax.toFixed(1)}), p50 ${f.p50.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms, max ${f.max.toFixed(1)} ms, `
            + `lost ${f.lost}, dup ${f.duplicated}, RSS ${f.rssPeak.toFixed(1)} MiB, server CPU ${(f.cpu * 100).toFixed(0)} %, harness ELU ${f.elu.toFixed(2)}`);
    }
    for (const side of sides) {
        const i = await idleRun(side, setup);
        idle.push(i);
        log(`run ${r + 1} ${side.padEnd(6)} idle: RSS ${i.base.toFixed(1)} → ${i.idle.toFixed(1)} MiB with ${opts.idle} clients (connected in ${i.connectS.toFixed(1)} s)`);
    }
}
fs.closeSync(logFd);

// ---------------------------------------------------------------- the result section
const med = (rows, side, key) => median(rows.filter((r) => r.side === side).map((r) => r[key]));
const sum = (rows, side, key) => rows.filter((r) => r.side === side).reduce((a, r) => a + r[key], 0);
const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);
let md = '';
if (sides.length === 2) {
    const p99 = med(fan, 'dimosd', 'p99') / med(fan, 'ws', 'p99');
    const lost = sum(fan, 'dimosd', 'lost');
    const dup = sum(fan, 'dimosd', 'duplicated');
    const rss = med(idle, 'dimosd', 'idle') / med(idle, 'ws', 'idle');
    const ok = (b) => (b ? 'met' : '**missed**');
    md += `## WebSocket fan-out\n\n`;
    md += `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0].model.trim()}, `
        + `${opts.runs} runs each, alternating; medians. \`bench/run ws\` (driver: \`bench/ws/driver.mjs\`).\n\n`;
    md += `| what | dimosd | ws 8 (Node ${process.version}) | ratio | goal |\n|---|---|---|---|---|\n`;
    md += `| time to the first client (median event) | ${f2(med(fan, 'dimosd', 'first'))} ms | ${f2(med(fan, 'ws', 'first'))} ms | — | — |\n`;
    md += `| latency p50, ${opts.clients} clients × ${opts.rate} events/s | ${f2(med(fan, 'dimosd', 'p50'))} ms | ${f2(med(fan, 'ws', 'p50'))} ms | ${f2(med(fan, 'dimosd', 'p50') / med(fan, 'ws', 'p50'))}× | — |\n`;
    md += `| latency p99 | ${f2(med(fan, 'dimosd', 'p99'))} ms | ${f2(med(fan, 'ws', 'p99'))} ms | ${f2(p99)}× | ≤ 1.0×: ${ok(p99 <= 1.0)} |\n`;
    md += `| lost / duplicated (all runs, of ${sum(fan, 'dimosd', 'events') * opts.clients} per side) | ${lost} / ${dup} | ${sum(fan, 'ws', 'lost')} / ${sum(fan, 'ws', 'duplicated')} | — | zero lost: ${ok(lost === 0 && dup === 0)} |\n`;
    md += `| server RSS during the fan-out (peak) | ${f1(med(fan, 'dimosd', 'rssPeak'))} MiB | ${f1(med(fan, 'ws', 'rssPeak'))} MiB | ${f2(med(fan, 'dimosd', 'rssPeak') / med(fan, 'ws', 'rssPeak'))}× | — |\n`;
    md += `| server CPU during the fan-out | ${(med(fan, 'dimosd', 'cpu') * 100).toFixed(0)} % | ${(med(fan, 'ws', 'cpu') * 100).toFixed(0)} % | — | — |\n`;
    md += `| server RSS, ${opts.idle} idle clients (at start) | ${f1(med(idle, 'dimosd', 'idle'))} MiB (${f1(med(idle, 'dimosd', 'base'))}) | ${f1(med(idle, 'ws', 'idle'))} MiB (${f1(med(idle, 'ws', 'base'))}) | ${f2(rss)}× | ≤ ws: ${ok(rss <= 1.0)} |\n\n`;
}
md += `Each fan-out run: a fresh server, ${opts.clients} clients live, 1 s of warm-up changes, then ${opts.seconds * opts.rate} changes `
    + `at ${opts.rate}/s, ${Buffer.byteLength(setup.template)}-byte event messages; latency is from the producer's send to each client's `
    + `receipt (${opts.seconds * opts.rate * opts.clients} samples per run). dimosd: each change is an Open311 POST (API key check, SQLite commit `
    + `with \`synchronous = normal\`, event-log row, fan-out read back from the log). ws: the producer POSTs the same event text `
    + `to the reference server (\`bench/ws/ref-server.mjs\`), which sends it to every client. Client harness: \`bench/ws/clients.mjs\`, `
    + `${opts.workers} worker threads of Node \`ws\` clients; its busiest thread's event-loop utilisation is the "harness" column.\n\n`;
md += `| run | server | first ms | p50 ms | p99 ms | max ms | lost | dup | RSS peak MiB | server CPU | harness ELU | idle RSS MiB |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n`;
for (let r = 0; r < opts.runs; ++r) {
    for (const side of sides) {
        const f = fan.filter((x) => x.side === side)[r];
        const i = idle.filter((x) => x.side === side)[r];
        md += `| ${r + 1} | ${side} | ${f2(f.first)} | ${f2(f.p50)} | ${f2(f.p99)} | ${f1(f.max)} | ${f.lost} | ${f.duplicated} | ${f1(f.rssPeak)} | ${(f.cpu * 100).toFixed(0)} % | ${f2(f.elu)} | ${f1(i.idle)} |\n`;
    }
}
const findings = path.join(here, 'findings.md');
if (fs.existsSync(findings))
    md += '\n' + fs.readFileSync(findings, 'utf8').trim() + '\n';
fs.writeFileSync(opts.out, md);
if (process.env.DIMOS_BENCH_KEEP)
    log(`kept ${work} (servers.log has the servers' output)`);
else
    fs.rmSync(work, { recursive: true, force: true });
log(`wrote ${opts.out}`);
process.exit(0);
