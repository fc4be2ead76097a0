// The citizens' web pages in a real browser (run by tests/e2e/run, which starts dimosd with the
// demo municipality and an SMTP sink). The path of issue 5's "done when":
//   a citizen subscribes to a category (double opt-in by mail); files a report with a photo
//   through the form → the confirmation mail arrives → its link publishes the report → it shows
//   on the public map, reaches a connected staff client live and mails the subscriber → a
//   clerk's status change with a public note mails the citizen → resolved, the citizen says
//   "not fixed" from the mail's link and the report reopens, its department is mailed; the
//   subscriber unsubscribes with one click (RFC 8058) and gets nothing more; the same form
//   without JavaScript; the map picker and its folded credits; the pages only a POST shows
//   ("check your e-mail", the "done" pages, "not fixed" and its result) in both languages; no
//   serious or critical axe-core violations on the pages.
// Environment: BASE (dimosd), MAIL_DIR (the sink's folder), WORK (a scratch folder);
// SCREENSHOTS (a folder, optional): photograph those pages there (docs/WEB.md, Screenshots).
import WebSocket from 'ws';
import path from 'node:path';
import { BASE, PASSWORD, setStep, check, within, mails, header, textPart, mailTo, api, axeCheck, axeOnPage, offline, launchBrowser } from './lib.mjs';

const INSIDE = { lat: '41.0916', lon: '23.5491' }; // a point inside the demo boundary

// With SCREENSHOTS=<folder>, the pages that only a POST shows (and the map's credits) are
// photographed on the way: web-<name>-<phone|desktop>-<lang>.png, phone 360×640, desktop 1280×900.
const SHOTS = process.env.SCREENSHOTS;
async function shootPage(page, name, { phoneOnly = false, element = null } = {}) {
    if (!SHOTS)
        return;
    const lang = await page.getAttribute('html', 'lang');
    const before = page.viewportSize();
    for (const [device, width, height] of [['phone', 360, 640], ['desktop', 1280, 900]]) {
        if (phoneOnly && device !== 'phone')
            continue;
        await page.setViewportSize({ width, height });
        const file = path.join(SHOTS, `web-${name}-${device}-${lang}.png`);
        if (element)
            await page.locator(element).screenshot({ path: file });
        else
            await page.screenshot({ path: file });
    }
    if (before)
        await page.setViewportSize(before);
}

const browser = await launchBrowser();
const consoleErrors = [];
let ws = null;
try {
    // ---- a staff client on the live stream, as dimos-desk would be ----
    setStep('staff live stream');
    const login = await api('POST', '/api/v1/auth/login', { username: 'admin', password: PASSWORD });
    check(login.status === 200, `staff login answered ${login.status}`);
    const token = login.json.token;
    const live = [];
    ws = new WebSocket(BASE.replace('http', 'ws') + '/api/v1/live');
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    ws.on('message', (data) => live.push(JSON.parse(data.toString())));
    ws.send(JSON.stringify({ type: 'hello', token }));
    await within(5000, 'no welcome on the live stream', () => live.find((m) => m.type === 'welcome'));

    const context = await offline(await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB',
        geolocation: { latitude: +INSIDE.lat, longitude: +INSIDE.lon }, permissions: ['geolocation'] }));
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));

    // ---- a neighbour subscribes to potholes (double opt-in) ----
    setStep('subscription');
    const mailsAtStart = mails().length;
    await page.goto(BASE + '/subscribe?lang=en');
    // The shared map picker (map-picker.js): a tap sets the centre; on a phone the boundary's
    // long credits are folded behind a button that opens them from the keyboard.
    await page.waitForSelector('#area-map.leaflet-container');
    await page.locator('#area-map').scrollIntoViewIfNeeded();
    const area = await page.locator('#area-map').boundingBox();
    await page.mouse.click(area.x + area.width / 2, area.y + area.height / 3);
    check((await page.inputValue('#lat')) !== '' && (await page.inputValue('#lon')) !== '', 'a tap on the map set no centre');
    const toggle = await page.waitForSelector('#area-map .map-credits-toggle', { timeout: 5000 });
    check(!(await page.isVisible('#area-map .map-credits-more')), 'the boundary credits are not folded on a phone');
    check(await page.isVisible('#area-map .map-credits-tiles a'), 'the tiles\' credit is not shown');
    await shootPage(page, 'subscribe-map', { phoneOnly: true, element: '#area-map' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    check((await toggle.getAttribute('aria-expanded')) === 'true', 'the credits button did not open');
    check(await page.isVisible('#area-map .map-credits-more'), 'the opened credits are not shown');
    check((await page.textContent('#area-map .map-credits-more')).includes('CC BY 3.0'), 'the boundary\'s licence is not in the credits');
    await shootPage(page, 'subscribe-map-credits', { phoneOnly: true, element: '#area-map' });
    await page.click('#area-locate');
    await within(5000, 'the device\'s location set no centre', async () => (await page.inputValue('#lat')) === '41.091600');
    await page.click('#area-clear');
    check((await page.inputValue('#lat')) === '', 'clearing the area left a centre');
    await page.fill('#email', 'neighbour@example.org');
    await page.check('input[name="category"][value="pothole"]');
    await page.click('form.subscribe-form button[type="submit"]');
    await page.waitForLoadState();
    const subscribeMail = await within(15000, 'no subscription confirmation mail',
        mailTo('neighbour@example.org', 'subscription', mailsAtStart));
    const subscribeConfirm = textPart(subscribeMail).match(/https?:\/\/\S+\/subscriptions\/confirm\/\S+/)[0];
    await page.goto(subscribeConfirm);
    await page.click('form[method="post"] button');
    await page.waitForLoadState();

    // ---- the form, with JavaScript, in English ----
    setStep('report form (JavaScript)');
    await page.goto(BASE + '/report?lang=en');
    check((await page.getAttribute('html', 'lang')) === 'en', 'the page is not in English');
    await page.waitForSelector('#picker-map.leaflet-container');
    await page.locator('#picker-map').scrollIntoViewIfNeeded();
    const picker = await page.locator('#picker-map').boundingBox();
    await page.mouse.click(picker.x + picker.width / 2, picker.y + picker.height / 3);
    check((await page.inputValue('#lat')) !== '', 'a tap on the report form\'s map set no point');
    await page.click('#use-my-location');
    await within(5000, 'the device\'s location set no point', async () => (await page.inputValue('#lon')) === '23.549100');
    await page.waitForSelector('#picker-map .map-credits-toggle');
    await shootPage(page, 'report-form-map', { phoneOnly: true, element: '.picker' });
    await page.fill('#lat', '');
    await page.fill('#lon', '');
    await page.selectOption('#category', 'pothole');
    // The street list suggests as the citizen types; choosing a street places the point.
    await page.type('#address', 'Merarch', { delay: 30 });
    await within(5000, 'no street suggestions for "Merarch"', async () => (await page.$$('#street-list option')).length > 0);
    await page.fill('#address', 'Merarchias');
    await within(5000, 'choosing a street did not place the point', async () => (await page.inputValue('#lat')) !== '');
    check(Math.abs(Number(await page.inputValue('#lat')) - 41.0884) < 1e-4, `the street placed the point at ${await page.inputValue('#lat')}`);
    await page.fill('#address', 'Merarchias 12');
    const description = `A deep pothole in front of the bakery ${Date.now()}`;
    await page.fill('#description', description);
    await page.fill('#first_name', 'Eleni');
    await page.fill('#email', 'eleni@example.org');
    const jpeg = await page.evaluate(() => {
        const c = document.createElement('canvas');
        c.width = 640; c.height = 480;
        const g = c.getContext('2d');
        g.fillStyle = '#3a7'; g.fillRect(0, 0, 640, 480);
        g.fillStyle = '#fff'; g.fillRect(120, 90, 300, 200);
        return c.toDataURL('image/jpeg', 0.9).split(',')[1];
    });
    await page.setInputFiles('input[name="photos"]', { name: 'pothole.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg, 'base64') });
    const mailsBefore = mails().length;
    await Promise.all([page.waitForURL(/\/reports\/\d+\/thanks/), page.click('button.button[type="submit"]')]);
    const id = Number(page.url().match(/\/reports\/(\d+)\/thanks/)[1]);
    check((await page.textContent('body')).includes(`#${id}`), 'the thank-you page does not show the tracking number');
    await shootPage(page, 'report-sent');

    // Staff see the new report at once (waiting for confirmation); the public does not.
    setStep('before confirmation');
    await within(5000, 'the staff client did not get the new report', () =>
        live.find((m) => m.type === 'event' && m.report && m.report.id === id && m.report.visibility === 'unconfirmed'));
    check((await fetch(`${BASE}/reports/${id}`)).status === 404, 'the unconfirmed report is public');

    setStep('confirmation mail');
    const confirmMail = await within(15000, 'no confirmation mail reached the SMTP sink',
        mailTo('eleni@example.org', `#${id}`, mailsBefore));
    const confirmUrl = textPart(confirmMail).match(/https?:\/\/\S+\/confirm\/\S+/)[0];
    check(confirmMail.parts.some((p) => p.content_type === 'text/html'), 'the mail has no HTML part');

    setStep('confirming');
    await page.goto(confirmUrl);
    await Promise.all([page.waitForURL(new RegExp(`/reports/${id}$`)), page.click('form[method="post"] button')]);
    check((await page.textContent('main')).includes(description), 'the report page does not show the description');
    check(!(await page.content()).includes('eleni@example.org'), 'the report page shows the reporter\'s address');
    await page.waitForSelector('#report-map.leaflet-container');
    await shootPage(page, 'report-page-map', { phoneOnly: true, element: 'section[aria-labelledby="location-heading"]' });
    await within(5000, 'the staff client did not see the report become public', () =>
        live.find((m) => m.type === 'event' && m.report && m.report.id === id && m.report.visibility === 'public'));

    setStep('subscriber mailed');
    const newReportMail = await within(15000, 'the subscriber got no mail about the new report',
        mailTo('neighbour@example.org', `#${id}`, mailsAtStart));
    const unsubscribeUrl = header(newReportMail, 'List-Unsubscribe').replace(/^<|>$/g, '');
    check(unsubscribeUrl.includes('/subscriptions/'), `List-Unsubscribe is "${unsubscribeUrl}"`);
    check(header(newReportMail, 'List-Unsubscribe-Post') === 'List-Unsubscribe=One-Click', 'no RFC 8058 header');

    setStep('public map');
    const geo = await (await fetch(`${BASE}/map/reports.geojson?bbox=23.3,40.95,23.74,41.32&zoom=22`)).json();
    check(geo.features.some((f) => f.properties.id === id), 'the report is not on the public map');
    await page.goto(BASE + '/?lang=en');
    await page.waitForSelector('.leaflet-container', { timeout: 10000 });
    await page.waitForSelector('#map .map-credits-toggle', { timeout: 5000 });
    await shootPage(page, 'home-map', { phoneOnly: true, element: '#map' });
    check((await page.textContent('body')).includes(`#${id}`), 'the home page does not list the report');

    // ---- a clerk's status change with a public note mails the citizen ----
    setStep('status change');
    const report = await api('GET', `/api/v1/reports/${id}`, null, token);
    const changed = await api('POST', `/api/v1/reports/${id}/status`,
        { version: report.json.report.version, status: 'in_progress', note: 'A crew is on the way.', public: true }, token);
    check(changed.status === 200, `the status change answered ${changed.status}`);
    const update = await within(15000, 'no update mail reached the citizen', mailTo('eleni@example.org', 'Update', mailsBefore));
    check(textPart(update).includes('A crew is on the way.'), 'the update mail lacks the public note');
    check(header(update, 'List-Unsubscribe').includes('/follow/'), 'the update mail has no List-Unsubscribe');
    check(header(update, 'List-Unsubscribe-Post') === 'List-Unsubscribe=One-Click', 'no RFC 8058 one-click header');

    // ---- resolved; the citizen says it is not fixed, from the mail's link ----
    setStep('not fixed');
    const current = await api('GET', `/api/v1/reports/${id}`, null, token);
    const resolved = await api('POST', `/api/v1/reports/${id}/status`,
        { version: current.json.report.version, status: 'resolved', note: 'Filled with asphalt.', public: true }, token);
    check(resolved.status === 200, `resolving answered ${resolved.status}`);
    const resolvedMail = await within(15000, 'no mail about the resolution', () =>
        mails().slice(mailsBefore).find((m) => m.rcpt_tos.includes('eleni@example.org') && textPart(m).includes('Filled with asphalt.')));
    const notFixedUrl = textPart(resolvedMail).match(/https?:\/\/\S+\/not-fixed/);
    check(notFixedUrl, 'the resolution mail has no "not fixed" link');
    await page.goto(notFixedUrl[0]);
    await shootPage(page, 'not-fixed');
    await page.fill('#comment', 'The hole is still there after the rain.');
    await Promise.all([page.waitForURL(new RegExp(`/reports/${id}#timeline-heading$`)), page.click('form[method="post"] button[type="submit"]')]);
    await shootPage(page, 'not-fixed-result');
    const reopened = await api('GET', `/api/v1/reports/${id}`, null, token);
    check(reopened.json.report.status === 'acknowledged', `after "not fixed" the report is ${reopened.json.report.status}`);
    await within(15000, 'the department was not mailed about the reopening', () =>
        mails().slice(mailsBefore).find((m) => textPart(m).includes('The hole is still there after the rain.')
            && !m.rcpt_tos.includes('eleni@example.org')));

    // ---- one click unsubscribes (as a mail client does it: a POST, no cookie, no form) ----
    setStep('one-click unsubscribe');
    const oneClick = await fetch(unsubscribeUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click', redirect: 'manual' });
    check(oneClick.status < 400, `the one-click unsubscribe answered ${oneClick.status}`);

    // ---- the same form without JavaScript, in Greek ----
    setStep('report form (no JavaScript)');
    const plain = await offline(await browser.newContext({ javaScriptEnabled: false, locale: 'el-GR' }));
    const p2 = await plain.newPage();
    await p2.goto(BASE + '/report');
    check((await p2.getAttribute('html', 'lang')) === 'el', 'the page is not in Greek');
    check((await p2.$('.leaflet-container')) === null, 'a map was built without JavaScript');
    await p2.selectOption('#category', 'pothole');
    await p2.fill('#address', 'Μεραρχίας 12');
    await p2.fill('#description', 'Λακκούβα χωρίς JavaScript');
    await p2.fill('#email', 'nojs@example.org');
    await Promise.all([p2.waitForURL(/\/reports\/\d+\/thanks/), p2.click('button.button[type="submit"]')]);
    await shootPage(p2, 'report-sent');
    const nojsMail = await within(15000, 'no confirmation mail for the no-JavaScript report', mailTo('nojs@example.org', '#', mailsBefore));
    const nojsConfirm = textPart(nojsMail).match(/https?:\/\/\S+\/confirm\/\S+/)[0];
    await p2.goto(nojsConfirm);
    await Promise.all([p2.waitForURL(/\/reports\/\d+$/), p2.click('form[method="post"] button')]);
    await plain.close();
    // A new public pothole, after the one click: the former subscriber gets nothing.
    await new Promise((r) => setTimeout(r, 1500));
    check(!mails().slice(mailsBefore).some((m) => m.rcpt_tos.includes('neighbour@example.org') && !header(m, 'Subject').includes(`#${id}`)),
        'the unsubscribed neighbour still got a mail');

    // ---- accessibility ----
    setStep('accessibility');
    const axeContext = await offline(await browser.newContext({ bypassCSP: true }));
    let minor = 0;
    const manageUrl = textPart(newReportMail).match(/https?:\/\/\S+\/subscriptions\/[^\s/]+/)[0];
    const local = (url) => new URL(url).pathname;
    for (const p of ['/', '/?lang=en', '/report', '/report?category=streetlight&lang=en', `/reports/${id}`, `/reports/${id}/thanks`,
        '/subscribe', '/subscribe?lang=en', local(confirmUrl), local(subscribeConfirm), local(manageUrl),
        local(notFixedUrl[0]), '/no/such/page'])
        minor += await axeCheck(axeContext, p);
    await axeContext.close();

    // ---- the pages only a POST shows, in both languages: axe-core on each (and screenshots) ----
    {
        setStep('pages after a POST');
        // This context bypasses CSP so that axe can be injected into the answer of a POST.
        const shoot = async (p, name) => {
            const lang = await p.getAttribute('html', 'lang');
            check(p.url().endsWith('#timeline-heading') || (await p.$('main h1')) !== null, `${name}: no heading on ${p.url()}`);
            check(!/web\.[a-z_]+\.[a-z_]+/.test(await p.textContent('main')), `${name}: a message key shows on ${p.url()}`);
            check(lang === 'el' || lang === 'en', `${name}: the page's language is ${lang}`);
            minor += await axeOnPage(p, p.url());
            await shootPage(p, name);
        };
        for (const lang of ['el', 'en']) {
            const shots = await offline(await browser.newContext({ locale: lang === 'el' ? 'el-GR' : 'en-GB', bypassCSP: true }));
            const p = await shots.newPage();
            const inLanguage = async () => check((await p.getAttribute('html', 'lang')) === lang, `a page is not in ${lang}: ${p.url()}`);
            p.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
            const linkIn = async (address, part) => {
                const m = await within(15000, `no mail to ${address}`, () => mails().find((x) => x.rcpt_tos.includes(address)
                    && textPart(x).includes(part)));
                return textPart(m).match(new RegExp(`https?://\\S+${part}\\S*`))[0];
            };
            // Subscribing, confirming, stopping from the subscription's page.
            const subscriber = `shots-${lang}@example.org`;
            await p.goto(`${BASE}/subscribe?lang=${lang}`);
            await p.fill('#email', subscriber);
            await p.check('input[name="category"][value="streetlight"]');
            await Promise.all([p.waitForLoadState(), p.click('form.subscribe-form button[type="submit"]')]);
            await inLanguage();
            await shoot(p, 'subscribe-sent');
            await p.goto(await linkIn(subscriber, '/subscriptions/confirm/'));
            await Promise.all([p.waitForLoadState(), p.click('form[method="post"] button')]);
            await shoot(p, 'subscription-confirmed');
            const manage = await p.$eval('main a[href^="/subscriptions/"]', (a) => a.getAttribute('href'));
            await p.goto(`${BASE}${manage}/unsubscribe?lang=${lang}`);
            await Promise.all([p.waitForLoadState(), p.click('form[method="post"] button')]);
            await shoot(p, 'unsubscribed');
            if (lang === 'el') { // the English one was taken on the citizen's way above
                // The reporter's "not fixed" once more, in Greek.
                const now = await api('GET', `/api/v1/reports/${id}`, null, token);
                await api('POST', `/api/v1/reports/${id}/status`,
                    { version: now.json.report.version, status: 'resolved', note: 'Ξανά με άσφαλτο.', public: true }, token);
                await p.goto(`${notFixedUrl[0]}?lang=el`);
                await shoot(p, 'not-fixed');
                await p.fill('#comment', 'Η λακκούβα άνοιξε ξανά.');
                await Promise.all([p.waitForURL(new RegExp(`/reports/${id}#timeline-heading$`)), p.click('form[method="post"] button[type="submit"]')]);
                await shoot(p, 'not-fixed-result');
            }
            // Following a report from its page, confirming, stopping.
            const follower = `follow-${lang}@example.org`;
            await p.goto(`${BASE}/reports/${id}?lang=${lang}`);
            await p.fill('form[action$="/follow"] input[type="email"]', follower);
            await Promise.all([p.waitForLoadState(), p.click('form[action$="/follow"] button[type="submit"]')]);
            await shoot(p, 'follow-sent');
            await p.goto(await linkIn(follower, '/follow/confirm/'));
            await Promise.all([p.waitForLoadState(), p.click('form[method="post"] button')]);
            await shoot(p, 'follow-confirmed');
            // A public note mails the follower, with the link that stops the updates.
            const current = await api('GET', `/api/v1/reports/${id}`, null, token);
            await api('POST', `/api/v1/reports/${id}/notes`,
                { version: current.json.report.version, text: `Note for the followers (${lang}).`, public: true }, token);
            const update = await within(15000, `no update mail to ${follower}`, () =>
                mails().find((m) => m.rcpt_tos.includes(follower) && header(m, 'List-Unsubscribe').includes('/unfollow')));
            const unfollow = header(update, 'List-Unsubscribe').replace(/^<|>$/g, '');
            await p.goto(`${unfollow}?lang=${lang}`);
            await Promise.all([p.waitForLoadState(), p.click('form[method="post"] button')]);
            await inLanguage();
            await shoot(p, 'unfollowed');
            await shots.close();
        }
    }

    setStep('browser console');
    check(consoleErrors.length === 0, `errors in the browser console: ${consoleErrors.join(' | ')}`);
    ws.close();
    await context.close();
    console.log(`e2e: passed (report #${id}; ${mails().length} mails through SMTP; ${minor} minor/moderate axe findings)`);
} catch (e) {
    console.error(`e2e: FAILED — ${e.message}`);
    if (consoleErrors.length)
        console.error('browser console:', consoleErrors.join('\n'));
    process.exitCode = 1;
} finally {
    if (ws)
        ws.terminate(); // an open socket would keep node running after a failure
    await browser.close();
}
