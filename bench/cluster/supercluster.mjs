// The clustering benchmark's reference side: supercluster 9 (bench/node_modules, from
// bench/package.json) on the same points and viewports as bench_cluster (see there).
//   node supercluster.mjs <dir>   → one JSON line: build time, query latencies, items per zoom
import {readFileSync} from 'node:fs';
import Supercluster from 'supercluster';

const dir = process.argv[2];
const read = (name) => {
    const b = readFileSync(`${dir}/${name}`);
    return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
};
const raw = read('points.bin');
const views = read('viewports.bin');
const points = [];
for (let i = 0; i < raw.length / 2; i++) {
    points.push({type: 'Feature', properties: {id: i + 1},
        geometry: {type: 'Point', coordinates: [raw[2 * i], raw[2 * i + 1]]}});
}

const options = {radius: 40, extent: 512, minZoom: 0, maxZoom: 16, minPoints: 2};
const index = new Supercluster(options);
const t0 = process.hrtime.bigint();
index.load(points);
const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;

const nViews = views.length / 5;
const bbox = (i) => [views[5 * i + 1], views[5 * i + 2], views[5 * i + 3], views[5 * i + 4]];
let checksum = 0;
for (let i = 0; i < nViews; i++) checksum += index.getClusters(bbox(i), views[5 * i]).length; // warm-up (JIT)
const latencies = [];
let returned = 0;
for (let i = 0; i < nViews; i++) {
    const q0 = process.hrtime.bigint();
    const got = index.getClusters(bbox(i), views[5 * i]);
    latencies.push(Number(process.hrtime.bigint() - q0) / 1e3);
    returned += got.length;
}
const counts = [];
for (let z = 0; z <= options.maxZoom + 1; z++) counts.push(index.getClusters([-180, -90, 180, 90], z).length);
latencies.sort((a, b) => a - b);
const pct = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
console.log(JSON.stringify({impl: 'supercluster', points: points.length, build_ms: buildMs,
    query_p50_us: pct(0.5), query_p99_us: pct(0.99), query_mean_items: returned / nViews, counts, checksum}));
