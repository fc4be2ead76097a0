// e-Dimotis requests in a real browser (run by tests/e2e/run after account.mjs, against the same
// dimosd with the demo municipality and SMTP sink): a citizen registers, confirms the address by
// the mailed link, fills the profile, opens "Requests", chooses the permanent residence
// attestation (demo type `residence`), fills the form and attaches a PDF and a JPEG made here,
// submits and sees the protocol number; the demo clerk (v.stavrou) asks for a document through
// the staff API; the citizen uploads it on the request's page; the clerk issues the answer; the
// citizen sees "issued" and downloads the answer, a PDF. No serious or critical axe-core
// violation on any of these pages, in Greek and English. Environment: BASE, MAIL_DIR, WORK;
// SCREENSHOTS (optional): web-requests-<list|form|receipt|awaiting|issued>-<phone|desktop>-<el|en>.png.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BASE, PASSWORD, setStep, check, within, mails, textPart, mailTo, api, axeOnPage, offline, launchBrowser } from './lib.mjs';

const SHOTS = process.env.SCREENSHOTS;
async function shootPage(page, name) {
    if (!SHOTS)
        return;
    const lang = await page.getAttribute('html', 'lang');
    const before = page.viewportSize();
    for (const [device, width, height] of [['phone', 360, 640], ['desktop', 1280, 900]]) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: path.join(SHOTS, `web-requests-${name}-${device}-${lang}.png`), fullPage: true });
    }
    if (before)
        await page.setViewportSize(before);
}

// The page in both languages: axe-core on each, and its screenshots.
async function bothLanguages(page, name) {
    const url = new URL(page.url());
    for (const lang of ['en', 'el']) {
        url.searchParams.set('lang', lang);
        await page.goto(url.href);
        await axeOnPage(page, `${name} (${lang})`);
        await shootPage(page, name);
    }
}

// A small PDF (what DocumentStore accepts: "%PDF-" first, "%%EOF" at the end).
function pdf(text) {
    return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

const email = `aitisi-${Date.now() % 1000000}@example.org`;
const password = 'μια αίτηση για τις Σέρρες';
const browser = await launchBrowser();
const consoleErrors = [];
try {
    const context = await offline(await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'el-GR', bypassCSP: true, acceptDownloads: true }));
    const page = await context.newPage();
    // The refused form answers 422 on purpose; Chromium logs that as a failed load of the page.
    const refusedForm = (m) => m.text().startsWith('Failed to load resource') && /status of 422/.test(m.text())
        && new URL(m.location().url || BASE).pathname.startsWith('/requests');
    page.on('console', (m) => { if (m.type() === 'error' && !refusedForm(m)) consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));

    // ---- an account with a confirmed address and a profile ----
    setStep('account');
    await page.goto(BASE + '/account/register?lang=el');
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.fill('#password2', password);
    const before = mails().length;
    await page.click('form.account-form button[type="submit"]');
    await page.waitForLoadState();
    const verifyMail = await within(15000, 'no verification mail', mailTo(email, 'Επιβεβαιώστε', before));
    await page.goto(textPart(verifyMail).match(/https?:\/\/\S+\/account\/verify\?token=\S+/)[0]);
    await page.click('form[method="post"] button');
    await page.waitForLoadState();

    // ---- signed out, the catalogue is public; "sign in to apply" comes back ----
    setStep('requests while signed out');
    await page.goto(BASE + '/requests');
    check((await page.textContent('main')).includes('Βεβαίωση μόνιμης κατοικίας'), 'the catalogue does not list the residence attestation');
    check((await page.locator('header nav a[href="/requests"]').textContent()).trim() === 'Αιτήσεις', 'the header has no "Αιτήσεις" item');
    await page.click('#type-residence a[href^="/account/login"]');
    await page.waitForLoadState();
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('form.account-form button[type="submit"]');
    await page.waitForLoadState();
    check(new URL(page.url()).pathname === '/requests/new/residence', `signing in led to ${page.url()}`);
    check(await page.isVisible('#profile-incomplete'), 'an empty profile is not asked for');
    await page.click('#profile-incomplete a[href="/account"]');
    await page.waitForLoadState();
    await page.fill('#given_name', 'Ελένη');
    await page.fill('#surname', 'Παπαδοπούλου');
    await page.fill('#father_name', 'Γεώργιος');
    await page.fill('#mother_name', 'Μαρία');
    await page.fill('#birth_date', '19/05/1980');
    await page.fill('#afm', '090000045');
    await page.fill('#address', 'Μεραρχίας 12, 621 23 Σέρρες');
    await page.click('form.profile-form button[type="submit"]');
    await page.waitForLoadState();
    check((await page.textContent('main')).includes('Τα στοιχεία σας αποθηκεύτηκαν'), 'the profile was not saved');

    // ---- the list and the form ----
    setStep('the form');
    await page.click('header nav a[href="/requests"]');
    await page.waitForLoadState();
    check((await page.textContent('main')).includes('Οι αιτήσεις μου'), 'the signed-in list has no "my requests"');
    await bothLanguages(page, 'list');
    await page.click('#type-residence a.button');
    await page.waitForLoadState();
    check((await page.textContent('h1')).includes('Βεβαίωση μόνιμης κατοικίας'), 'the residence form did not open');
    check((await page.textContent('form.request-form')).includes('090000045'), 'the form does not show the applicant');
    await bothLanguages(page, 'form');

    // An empty form: the errors at their fields, then filled in.
    await page.click('form.request-form button[type="submit"]');
    await page.waitForLoadState();
    check(await page.isVisible('#error-summary'), 'an empty form shows no error summary');
    check(await page.isVisible('#attr-purpose-error'), 'a missing purpose is not said at its field');
    check(await page.isVisible('#doc-utility_bill-error'), 'a missing document is not said at its field');
    await axeOnPage(page, 'form with errors');
    const jpeg = Buffer.from((await page.evaluate(() => {
        const c = document.createElement('canvas');
        c.width = 320; c.height = 200;
        const g = c.getContext('2d');
        g.fillStyle = '#2a6f97'; g.fillRect(0, 0, 320, 200);
        g.fillStyle = '#fff'; g.font = '24px sans-serif'; g.fillText('ΤΑΥΤΟΤΗΤΑ', 40, 110);
        return c.toDataURL('image/jpeg', 0.8);
    })).split(',')[1], 'base64');
    await page.fill('#attr-purpose', 'ΔΟΥ Σερρών');
    await page.fill('#attr-years', '12');
    await page.setInputFiles('#doc-utility_bill', { name: 'λογαριασμός-ΔΕΗ.pdf', mimeType: 'application/pdf', buffer: pdf('utility bill') });
    await page.setInputFiles('#doc-id_copy', { name: 'ταυτότητα.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    const beforeReceipt = mails().length;
    await page.click('form.request-form button[type="submit"]');
    await page.waitForLoadState();

    // ---- the receipt ----
    setStep('the receipt');
    const receiptUrl = new URL(page.url());
    check(/^\/requests\/\d+\/sent$/.test(receiptUrl.pathname), `submitting led to ${page.url()}`);
    const id = Number(receiptUrl.pathname.split('/')[2]);
    const number = (await page.textContent('.protocol-number strong')).trim();
    check(/^\d+\/\d\d-\d\d-\d{4}$/.test(number), `no protocol number on the receipt: "${number}"`);
    check((await page.textContent('.protocol-number')).includes('Αρ. πρωτ.'), 'the receipt does not say "Αρ. πρωτ."');
    await within(15000, `no receipt mail with ${number}`,
        () => mails().slice(beforeReceipt).find((m) => m.rcpt_tos.includes(email) && textPart(m).includes(number)));
    await bothLanguages(page, 'receipt');

    // ---- the clerk asks for a document (staff API) ----
    setStep('the clerk asks');
    const login = await api('POST', '/api/v1/auth/login', { username: 'v.stavrou', password: PASSWORD });
    check(login.status === 200, `the clerk cannot sign in: ${login.status}`);
    const token = login.json.token;
    let request = await api('GET', `/api/v1/requests/${id}`, null, token);
    check(request.status === 200, `the clerk cannot open the request: ${request.status}`);
    const asked = await api('POST', `/api/v1/requests/${id}/ask`, { version: request.json.request.version, text: 'Στείλτε και την πίσω όψη της ταυτότητας.' }, token);
    check(asked.status === 200, `ask failed: ${asked.status} ${JSON.stringify(asked.json)}`);

    // ---- the citizen uploads it ----
    setStep('the upload');
    await page.goto(`${BASE}/requests/${id}?lang=el`);
    check((await page.textContent('#upload')).includes('πίσω όψη της ταυτότητας'), 'the request page does not show what is asked');
    await bothLanguages(page, 'awaiting');
    await page.setInputFiles('#doc-documents', { name: 'ταυτότητα-πίσω.pdf', mimeType: 'application/pdf', buffer: pdf('id back') });
    await page.click('#upload button[type="submit"]');
    await page.waitForLoadState();
    check((await page.textContent('main')).includes('ταυτότητα-πίσω.pdf'), 'the uploaded document is not listed');
    check((await page.textContent('main')).includes('Σε επεξεργασία'), 'the request is not back in progress');

    // ---- the clerk issues ----
    setStep('the clerk issues');
    request = await api('GET', `/api/v1/requests/${id}`, null, token);
    const issued = await api('POST', `/api/v1/requests/${id}/issue`, { version: request.json.request.version }, token);
    check(issued.status === 200, `issue failed: ${issued.status} ${JSON.stringify(issued.json)}`);

    // ---- the citizen downloads the answer ----
    setStep('the answer');
    await page.goto(`${BASE}/requests/${id}?lang=el`);
    check((await page.textContent('main .status')).includes('Εκδόθηκε'), 'the request is not shown issued');
    const code = (await page.textContent('.answer .code')).trim();
    check(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(code), `no verification code: "${code}"`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`a[href="/requests/${id}/answer.pdf"]`)]);
    const file = readFileSync(await download.path());
    check(file.subarray(0, 5).toString() === '%PDF-', 'the answer is not a PDF');
    await bothLanguages(page, 'issued');
    // The list again, now with the issued request and its answer's link.
    await page.goto(`${BASE}/requests?lang=el`);
    check(await page.isVisible(`.request-item a[href="/requests/${id}/answer.pdf"]`), 'the list has no link to the answer');
    await bothLanguages(page, 'list');
    await page.goto(`${BASE}/verify/${code}?lang=el`);
    check((await page.textContent('main')).includes('ισχύει'), 'the verification page does not say the answer is valid');

    setStep('console');
    check(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
    console.log(`e2e requests: account → form (errors, then PDF + JPEG) → ${number} → asked → uploaded → issued → answer PDF, axe: ok`);
} catch (e) {
    console.error(String(e.stack || e));
    if (consoleErrors.length)
        console.error('console:', consoleErrors.join('\n'));
    process.exitCode = 1;
} finally {
    await browser.close();
}
