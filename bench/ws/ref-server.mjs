// The reference for the WebSocket fan-out benchmark: a Node `ws` 8 server doing what dimosd's
// live stream does, written the way the ws documentation recommends (one WebSocketServer on an
// http.Server, broadcast by iterating wss.clients, ping/pong heartbeat), speaking the same
// protocol subset the harness uses:
//   client → {"type":"hello","token":…}  ← {"type":"welcome",…} then {"type":"live",…}
//   POST /publish with a message body    → the body is sent as one text frame to every live client
// Like dimosd it checks the token, bounds each client's unsent data (4 MiB; past it: resync
// overflow + close 1008) and pings every 15 s, dropping clients silent for 45 s.
//
//   node ref-server.mjs PORT TOKEN        prints "listening PORT" when ready; SIGTERM stops it
import http from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';

const port = Number(process.argv[2]);
const token = process.argv[3];
if (!Number.isInteger(port) || !token) {
    console.error('usage: node ref-server.mjs PORT TOKEN');
    process.exit(2);
}
const maxQueueBytes = 4096 * 1024;
const pingIntervalMs = 15000;
const silenceTimeoutMs = 45000;
let lastSeq = 0;

const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/publish') {
        res.writeHead(404).end();
        return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
        const body = Buffer.concat(chunks);
        ++lastSeq;
        let sent = 0;
        for (const c of wss.clients) {
            if (!c.live || c.readyState !== WebSocket.OPEN)
                continue;
            if (c.bufferedAmount > 0 && c.bufferedAmount + body.length > maxQueueBytes) {
                c.send(JSON.stringify({ type: 'resync', last_seq: lastSeq, reason: 'overflow' }));
                c.close(1008, 'queue overflow: reconnect and resume');
                continue;
            }
            c.send(body, { binary: false });
            ++sent;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(`{"sent":${sent}}`);
    });
});

const wss = new WebSocketServer({ server, path: '/api/v1/live', maxPayload: 64 * 1024 });
wss.on('connection', (ws) => {
    ws.live = false;
    ws.lastHeard = Date.now();
    const helloTimer = setTimeout(() => ws.live || ws.close(4400, 'no hello within 10 seconds'), 10000);
    ws.on('pong', () => (ws.lastHeard = Date.now()));
    ws.on('message', (data) => {
        ws.lastHeard = Date.now();
        if (ws.live)
            return;
        let hello;
        try {
            hello = JSON.parse(data);
        } catch {
            hello = null;
        }
        if (!hello || hello.type !== 'hello' || hello.token !== token) {
            ws.send(JSON.stringify({ type: 'error', message: 'bad hello or token' }));
            ws.close(4401, 'bad hello or token');
            return;
        }
        clearTimeout(helloTimer);
        ws.send(JSON.stringify({ type: 'welcome', last_seq: lastSeq, server_time: new Date().toISOString() }));
        ws.send(JSON.stringify({ type: 'live', last_seq: lastSeq }));
        ws.live = true;
    });
    ws.on('error', () => {});
});

setInterval(() => {
    const now = Date.now();
    for (const c of wss.clients) {
        if (now - c.lastHeard > silenceTimeoutMs)
            c.terminate();
        else
            c.ping();
    }
}, pingIntervalMs);

server.listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
process.on('SIGTERM', () => {
    for (const c of wss.clients)
        c.close(1001, 'the server is shutting down');
    server.close();
    setTimeout(() => process.exit(0), 200).unref();
});
