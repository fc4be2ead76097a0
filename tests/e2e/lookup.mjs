// "What applies at my address" (/lookup) in a real browser (run by tests/e2e/run after
// requests.mjs, against the same dimosd with the demo municipality). An administrator imports
// three test-fixture layers through the staff API the way the desk does (asynchronous import,
// progress polled); the page at a point lists the municipal unit, school district and planning
// zone, and its map draws the three areas (lookup.js) in the colours of the swatches beside the
// headings; a tap elsewhere on the map asks again for that point; no serious or critical axe-core
// violation, in both languages. Environment: BASE (dimosd); SCREENSHOTS (optional): the answer
// with its map as web-lookup-fixtures-<phone|desktop>-<el|en>.png there.
import path from 'node:path';
import { BASE, PASSWORD, setStep, check, within, api, axeCheck, offline, launchBrowser } from './lib.mjs';

// Test fixtures around the town hall (41.0912, 23.5486): named as such, never the municipality's data.
const square = (x0, y0, x1, y1) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const layers = [
    { code: 'e2e-units', kind: 'municipal_units', name: 'Δημοτικές ενότητες (δοκιμή)', feature: 'ΔΕ δοκιμής', geometry: square(23.50, 41.05, 23.60, 41.13), colour: '#6d28d9' },
    { code: 'e2e-schools', kind: 'school_districts', name: 'Σχολικές περιφέρειες (δοκιμή)', feature: 'Περιφέρεια δοκιμής', geometry: square(23.54, 41.08, 23.56, 41.10), colour: '#047857' },
    { code: 'e2e-zones', kind: 'planning_zones', name: 'Πολεοδομικές ζώνες (δοκιμή)', feature: 'Ζώνη δοκιμής Β1', geometry: square(23.545, 41.085, 23.552, 41.095), colour: '#b45309', properties: { SK: 0.6, SD: 1.2 } },
];

const SHOTS = process.env.SCREENSHOTS;

// The answer at the town hall, once the map has drawn its areas.
async function answerPage(context, lang) {
    const page = await context.newPage();
    await page.goto(`${BASE}/lookup?lat=41.0912&lon=23.5486&lang=${lang}`);
    await within(15000, 'the map did not draw the areas', async () =>
        (await page.getAttribute('#lookup-map', 'data-shapes-drawn')) === '3');
    return page;
}

const browser = await launchBrowser();
const consoleErrors = [];
try {
    setStep('importing the layers through the staff API');
    const login = await api('POST', '/api/v1/auth/login', { username: 'admin', password: PASSWORD });
    check(login.status === 200, `the admin's login answered ${login.status}`);
    const token = login.json.token;
    for (const l of layers) {
        const body = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: l.feature, ...(l.properties || {}) }, geometry: l.geometry }] });
        const query = new URLSearchParams({ code: l.code, kind: l.kind, name_el: l.name, filename: `${l.code}.geojson`, attribution: 'Test data of the browser test' });
        const r = await fetch(`${BASE}/api/v1/layers?${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body });
        const started = await r.json();
        check(r.status === 202, `importing ${l.code} answered ${r.status}: ${JSON.stringify(started)}`);
        const url = started.import.url;
        const done = await within(30000, `the import of ${l.code} did not finish`, async () => {
            const s = await api('GET', url, null, token);
            return s.json.import.done ? s.json.import : null;
        });
        check(done.ok, `the import of ${l.code} failed: ${done.error}`);
    }

    setStep('the answer at the town hall');
    const context = await offline(await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'el-GR' }));
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(`${BASE}/lookup?lat=41.0912&lon=23.5486&lang=el`);
    const text = await page.textContent('.lookup-result');
    for (const l of layers)
        check(text.includes(l.feature), `the answer does not name ${l.feature}`);
    check((await page.$$('.lookup-result .swatch')).length === 3, 'not one swatch per area found');

    setStep('the map draws the three areas');
    await within(15000, 'the map did not draw the areas', async () =>
        (await page.getAttribute('#lookup-map', 'data-shapes-drawn')) === '3');
    const strokes = await page.$$eval('#lookup-map .leaflet-overlay-pane path', (paths) => paths.map((p) => p.getAttribute('stroke')));
    for (const l of layers)
        check(strokes.includes(l.colour), `no area drawn in ${l.colour} (strokes: ${strokes.join(', ')})`);
    const swatch = await page.$eval('.swatch-planning_zones', (s) => getComputedStyle(s).borderTopColor);
    check(swatch === 'rgb(180, 83, 9)', `the zone's swatch is ${swatch}, not the zone's colour on the map`);
    // The map is fitted to the areas: the largest (the unit) lies within the map's view.
    const fitted = await page.evaluate((colour) => {
        const map = document.querySelector('#lookup-map').getBoundingClientRect();
        const unit = [...document.querySelectorAll('#lookup-map .leaflet-overlay-pane path')]
            .find((p) => p.getAttribute('stroke') === colour).getBoundingClientRect();
        return unit.left >= map.left - 2 && unit.right <= map.right + 2 && unit.top >= map.top - 2 && unit.bottom <= map.bottom + 2;
    }, layers[0].colour);
    check(fitted, 'the map is not fitted to the areas');

    setStep('a tap elsewhere asks again');
    const box = await page.$eval('#lookup-map', (m) => {
        m.scrollIntoView({ block: 'center' });
        const r = m.getBoundingClientRect();
        return { x: r.x, y: r.y, w: r.width, h: r.height };
    });
    await Promise.all([page.waitForNavigation(), page.mouse.click(box.x + 8, box.y + box.h - 30)]);
    check(page.url().includes('lat=') && !page.url().includes('lat=41.0912&'), `the tap did not ask for another point: ${page.url()}`);

    if (SHOTS) {
        setStep('screenshots');
        for (const [device, width, height] of [['phone', 390, 844], ['desktop', 1280, 900]])
            for (const lang of ['el', 'en']) {
                const shots = await offline(await browser.newContext({ viewport: { width, height } }));
                const shot = await answerPage(shots, lang);
                await shot.waitForTimeout(500); // the fit's zoom
                await shot.screenshot({ path: path.join(SHOTS, `web-lookup-fixtures-${device}-${lang}.png`), fullPage: true });
                await shots.close();
            }
    }

    setStep('axe-core');
    const axeContext = await offline(await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } }));
    for (const lang of ['el', 'en'])
        await axeCheck(axeContext, `/lookup?lat=41.0912&lon=23.5486&lang=${lang}`);
    await axeContext.close();

    setStep('console');
    check(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
    console.log('e2e lookup: layers imported over the API, the answer and its three areas on the map, a tap asks again, axe: ok');
} catch (e) {
    console.error(String(e.stack || e));
    if (consoleErrors.length)
        console.error('console:', consoleErrors.join('\n'));
    process.exitCode = 1;
} finally {
    await browser.close();
}
