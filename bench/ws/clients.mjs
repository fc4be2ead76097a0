// The client harness of the WebSocket fan-out benchmark: one worker thread holding a share of the
// clients (the driver starts several). The same code talks to dimosd and to the ws reference.
//
// Each client connects to the live stream, sends the hello, waits for `live`, then records for
// every `event` the report id it carries and the time it arrived (CLOCK_MONOTONIC, the clock the
// producer stamps its sends with, so times compare across threads). Messages are kept as Buffers;
// the id is found with one indexOf — no JSON parse per event — so the harness stays cheap.
//
// Messages from the driver: {cmd:'window'} starts the measured window (and the event-loop
// utilisation baseline), {cmd:'collect'} answers with what was received, {cmd:'close'} drops
// every connection and ends the worker.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const { url, token, count, concurrency } = workerData;
const marker = Buffer.from(',"id":'); // the report's id (other ids are department_id, assignee_id …)
const hello = JSON.stringify({ type: 'hello', token });

const received = new Map(); // report id → Float64Array of arrival times (ms) by client index, 0 = not yet
let duplicates = 0;
let unexpected = 0; // text that is neither a known control message nor an event with an id
let overflows = 0;
let closedWhileLive = 0;
let failed = 0;
let live = 0;
const failures = new Map(); // reason → count
const sockets = [];

function nowMs() {
    return Number(process.hrtime.bigint()) / 1e6;
}

function onEvent(index, data) {
    const at = data.indexOf(marker);
    if (at < 0)
        return false;
    let id = 0;
    for (let i = at + marker.length; i < data.length; ++i) {
        const c = data[i];
        if (c < 48 || c > 57)
            break;
        id = id * 10 + (c - 48);
    }
    const t = nowMs();
    let row = received.get(id);
    if (!row) {
        row = new Float64Array(count);
        received.set(id, row);
    }
    if (row[index] !== 0)
        ++duplicates;
    else
        row[index] = t;
    return true;
}

function connect(index) {
    return new Promise((resolve) => {
        const ws = new WebSocket(url, { perMessageDeflate: false });
        sockets[index] = ws;
        let isLive = false;
        let settled = false;
        const settle = (ok, why) => {
            if (settled)
                return;
            settled = true;
            if (ok) {
                ++live;
            } else {
                ++failed;
                failures.set(why, (failures.get(why) || 0) + 1);
            }
            resolve();
        };
        ws.on('open', () => ws.send(hello));
        ws.on('message', (data, isBinary) => {
            if (isLive && !isBinary && onEvent(index, data))
                return;
            let msg;
            try {
                msg = JSON.parse(data);
            } catch {
                ++unexpected;
                return;
            }
            if (msg.type === 'live') {
                isLive = true;
                settle(true);
            } else if (msg.type === 'resync' && msg.reason === 'overflow') {
                ++overflows;
            } else if (msg.type === 'error') {
                settle(false, `error: ${msg.message}`);
            } else if (msg.type !== 'welcome') {
                ++unexpected;
            }
        });
        ws.on('close', (code) => {
            if (isLive && !closing)
                ++closedWhileLive;
            settle(false, `closed ${code}`);
        });
        ws.on('error', (e) => settle(false, e.code || e.message));
    });
}

let closing = false;
let eluStart = null;

async function connectAll() {
    let next = 0;
    const runners = [];
    for (let r = 0; r < Math.min(concurrency, count); ++r) {
        runners.push(
            (async () => {
                while (next < count)
                    await connect(next++);
            })());
    }
    await Promise.all(runners);
    parentPort.postMessage({ type: 'ready', live, failed, failures: Object.fromEntries(failures) });
}

parentPort.on('message', (m) => {
    if (m.cmd === 'window') {
        eluStart = performance.eventLoopUtilization();
        received.clear();
        duplicates = 0;
        unexpected = 0;
    } else if (m.cmd === 'collect') {
        const elu = eluStart ? performance.eventLoopUtilization(eluStart).utilization : null;
        const ids = [...received.keys()];
        const rows = ids.map((id) => received.get(id));
        parentPort.postMessage(
            { type: 'collected', ids, rows, duplicates, unexpected, overflows, closedWhileLive, live, elu },
            rows.map((r) => r.buffer));
        received.clear();
    } else if (m.cmd === 'close') {
        closing = true;
        for (const ws of sockets)
            ws?.terminate();
        parentPort.close();
    }
});

connectAll();
