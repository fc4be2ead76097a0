// The information categories in a real browser (run by tests/e2e/run after citizen.mjs, against
// the same dimosd with the demo municipality and SMTP sink): a citizen subscribes to Events on
// the page and confirms by the mailed link; a clerk of the culture department publishes an
// event through the staff API (the live stream hears of it); the citizen gets the mail, with
// the RFC 8058 headers, and its link opens the event's page, which the category page and the
// home page list; no serious or critical axe-core violations on the new pages, in both languages.
// Environment: BASE (dimosd), MAIL_DIR (the sink's folder).
import WebSocket from 'ws';
import { BASE, PASSWORD, setStep, check, within, mails, header, textPart, mailTo, api, axeCheck, offline, launchBrowser } from './lib.mjs';

const browser = await launchBrowser();
const consoleErrors = [];
try {
    const context = await offline(await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'el-GR' }));
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));

    // ---- the navigation leads to the news; the home page shows the next events ----
    setStep('navigation');
    await page.goto(BASE + '/?lang=el');
    await page.click('nav a[href="/information"]');
    await page.waitForLoadState();
    check((await page.textContent('h1')).includes('Ενημέρωση από τον Δήμο'), 'the news page has no heading');
    check(await page.$('a[href="/information/events"]'), 'the news page does not link to the events');

    // ---- a citizen subscribes to Events (double opt-in) ----
    setStep('subscription to Events');
    const mailsAtStart = mails().length;
    await page.goto(BASE + '/subscribe?lang=el');
    await page.fill('#email', 'culture-fan@example.org');
    await page.check('input[name="category"][value="events"]');
    await page.click('form.subscribe-form button[type="submit"]');
    await page.waitForLoadState();
    const confirmMail = await within(15000, 'no subscription confirmation mail',
        mailTo('culture-fan@example.org', 'συνδρομή', mailsAtStart));
    check(textPart(confirmMail).includes('Εκδηλώσεις'), 'the confirmation mail does not name Events');
    const confirmUrl = textPart(confirmMail).match(/https?:\/\/\S+\/subscriptions\/confirm\/\S+/)[0];
    await page.goto(confirmUrl);
    await page.click('form[method="post"] button');
    await page.waitForLoadState();
    check(page.url().includes('/subscriptions/'), `confirming led to ${page.url()}`);

    // ---- a clerk of the culture department publishes an event; the live stream hears it ----
    setStep('publishing through the staff API');
    const login = await api('POST', '/api/v1/auth/login', { username: 'p.antoniou', password: PASSWORD });
    check(login.status === 200, `the clerk's login answered ${login.status}`);
    const token = login.json.token;
    const live = [];
    const ws = new WebSocket(BASE.replace('http', 'ws') + '/api/v1/live');
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    ws.on('message', (data) => live.push(JSON.parse(data.toString())));
    ws.send(JSON.stringify({ type: 'hello', token }));
    await within(5000, 'no welcome on the live stream', () => live.find((m) => m.type === 'live'));
    const start = new Date(Date.now() + 3 * 24 * 3600 * 1000);
    start.setUTCHours(16, 0, 0, 0);
    const title = `Χορωδιακή βραδιά στο Δημοτικό Θέατρο ${Date.now() % 100000}`;
    const created = await api('POST', '/api/v1/information/items', {
        category: 'events',
        title: { el: title, en: 'Choir evening at the Municipal Theatre' },
        text: { el: 'Τρεις χορωδίες της πόλης τραγουδούν παραδοσιακά τραγούδια. Είσοδος ελεύθερη.',
            en: 'Three choirs of the town sing traditional songs. Free admission.' },
        starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 2 * 3600 * 1000).toISOString(),
        address: 'Δημοτικό Θέατρο Σερρών', lat: 41.0921, lon: 23.5478,
    }, token);
    check(created.status === 201, `publishing answered ${created.status}: ${JSON.stringify(created.json)}`);
    const item = created.json.item;
    // The pets belong to another department: this clerk may not publish there.
    const refused = await api('POST', '/api/v1/information/items',
        { category: 'pets', title: { el: 'x' }, text: { el: 'y' } }, token);
    check(refused.status === 403, `publishing in another department's category answered ${refused.status}`);
    await within(5000, 'the live stream did not carry the new item', () =>
        live.find((m) => m.type === 'event' && m.event === 'information.published' && m.information_item?.id === item.id));
    ws.close();

    // ---- the subscriber's mail and its link ----
    setStep('the subscriber\'s mail');
    const itemMail = await within(15000, 'no mail about the new event', mailTo('culture-fan@example.org', title, mailsAtStart));
    check(header(itemMail, 'List-Unsubscribe').includes('/unsubscribe'), 'the mail has no List-Unsubscribe');
    check(header(itemMail, 'List-Unsubscribe-Post') === 'List-Unsubscribe=One-Click', 'the mail has no List-Unsubscribe-Post');
    check(textPart(itemMail).includes('Δημοτικό Θέατρο Σερρών'), 'the mail does not say where');
    const itemUrl = textPart(itemMail).match(/https?:\/\/\S+\/information\/events\/\d+/)[0];
    check(itemUrl.endsWith(`/information/events/${item.id}`), `the mail links to ${itemUrl}`);
    await page.goto(itemUrl);
    check((await page.textContent('h1')).includes(title), 'the item page does not show the title');
    check((await page.textContent('main')).includes('Τρεις χορωδίες'), 'the item page does not show the text');
    check(await page.$('main time'), 'the item page does not show the date');
    await within(5000, 'the item\'s map did not appear', async () => await page.isVisible('#report-map'));
    await page.goto(BASE + '/information/events?lang=el');
    check((await page.textContent('main')).includes(title), 'the category page does not list the event');
    await page.goto(BASE + `/information/events/${item.id}?lang=en`);
    check((await page.textContent('h1')).includes('Choir evening'), 'the English page does not show the English title');

    // ---- no JavaScript: the pages read the same ----
    setStep('without JavaScript');
    const plain = await offline(await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } }));
    const p2 = await plain.newPage();
    await p2.goto(BASE + `/information/events/${item.id}?lang=el`);
    check((await p2.textContent('h1')).includes(title), 'without JavaScript the item page does not show the title');
    await plain.close();

    // ---- accessibility ----
    setStep('axe-core');
    const axeContext = await offline(await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } }));
    for (const lang of ['el', 'en'])
        for (const p of ['/information', '/information/events', `/information/events/${item.id}`, '/information/pets', '/'])
            await axeCheck(axeContext, `${p}?lang=${lang}`);
    await axeContext.close();

    setStep('console');
    check(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
    console.log('e2e information: subscribe → publish → mail → page, live event, roles, axe on the news pages: ok');
} catch (e) {
    console.error(String(e.stack || e));
    if (consoleErrors.length)
        console.error('console:', consoleErrors.join('\n'));
    process.exitCode = 1;
} finally {
    await browser.close();
}
