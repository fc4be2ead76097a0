// What the browser tests (citizen.mjs, information.mjs) share: the server and mail sink from the
// environment that tests/e2e/run sets, checks that name the step they fail in, the mails the
// sink wrote, the staff API, axe-core, and a browser that never reaches the internet.
import { chromium } from 'playwright-core';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const BASE = process.env.BASE;
export const MAIL_DIR = process.env.MAIL_DIR;
export const PASSWORD = 'serres-demo-2026'; // DemoSeeder::kDemoPassword
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// The step under way, named in every failure.
let step = '';
export function setStep(name) {
    step = name;
}
export function check(condition, what) {
    if (!condition)
        throw new Error(`${step}: ${what}`);
}
export async function within(ms, what, poll) {
    const end = Date.now() + ms;
    for (;;) {
        const value = await poll();
        if (value)
            return value;
        if (Date.now() > end)
            throw new Error(`${step}: ${what} (waited ${ms} ms)`);
        await new Promise((r) => setTimeout(r, 100));
    }
}

// Mails the sink has written (NNNN.json, Python's reading of each message).
export function mails() {
    if (!existsSync(MAIL_DIR))
        return [];
    return readdirSync(MAIL_DIR).filter((f) => f.endsWith('.json')).sort()
        .map((f) => JSON.parse(readFileSync(path.join(MAIL_DIR, f), 'utf8')));
}
export const header = (m, name) => (m.headers.find(([n]) => n.toLowerCase() === name.toLowerCase()) || [])[1] || '';
export const textPart = (m) => (m.parts.find((p) => p.content_type === 'text/plain') || {}).body || '';
export function mailTo(address, subjectPart, after = 0) {
    return () => mails().slice(after).find((m) => m.rcpt_tos.includes(address) && header(m, 'Subject').includes(subjectPart));
}

export async function api(method, pathAndQuery, body, token) {
    const r = await fetch(BASE + pathAndQuery, {
        method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, json: text ? JSON.parse(text) : null };
}

// No serious or critical axe-core violation on a loaded page; returns how many lesser ones there
// are. The pages forbid inline scripts (CSP): the page's context must bypass CSP so axe can be
// injected.
export async function axeOnPage(page, label) {
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    check(bad.length === 0, `axe on ${label}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`).join('; ')}`);
    return result.violations.length;
}
// The same for a page opened at `pathAndQuery` in `context`.
export async function axeCheck(context, pathAndQuery) {
    const page = await context.newPage();
    await page.goto(BASE + pathAndQuery);
    const minor = await axeOnPage(page, pathAndQuery);
    await page.close();
    return minor;
}

// The machine under test has no internet: map tiles come from here (a blank tile), so the
// console stays clean and the maps still draw their markers and boundary.
const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=', 'base64');
export async function offline(context) {
    await context.route((url) => !url.href.startsWith(BASE), (route) =>
        route.fulfill({ status: 200, contentType: 'image/png', body: BLANK_PNG }));
    return context;
}

// Debian's chromium, headless.
export function launchBrowser() {
    return chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
}
