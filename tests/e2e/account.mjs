// Citizens' accounts in a real browser (run by tests/e2e/run after information.mjs, against the
// same dimosd with the demo municipality and SMTP sink): from the header's "Sign in" link a
// citizen creates an account, confirms the address through the mailed link (a page whose button
// does it), signs in (coming back to the page that asked), fills the profile — an invalid ΑΦΜ is
// refused next to its field, valid ΑΦΜ/ΑΜΚΑ are saved normalised —, downloads "my data" (the JSON holds
// what was saved), signs out, and asks for a new
// password by mail; no serious or critical axe-core violations on the account pages, in both
// languages. Environment: BASE, MAIL_DIR, WORK; SCREENSHOTS (optional): web-account-*.png there.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BASE, setStep, check, within, mails, textPart, mailTo, axeCheck, axeOnPage, offline, launchBrowser } from './lib.mjs';

const SHOTS = process.env.SCREENSHOTS;
// web-account-<name>-<phone|desktop>-<lang>.png: phone 360×640, desktop 1280×900 (the whole page with `full`).
async function shootPage(page, name, { full = false } = {}) {
    if (!SHOTS)
        return;
    const lang = await page.getAttribute('html', 'lang');
    const before = page.viewportSize();
    for (const [device, width, height] of [['phone', 360, 640], ['desktop', 1280, 900]]) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: path.join(SHOTS, `web-account-${name}-${device}-${lang}.png`), fullPage: full });
    }
    if (before)
        await page.setViewportSize(before);
}

const email = `polites-${Date.now() % 1000000}@example.org`;
const password = 'τρία άλογα στη γέφυρα';
const browser = await launchBrowser();
const consoleErrors = [];
try {
    const context = await offline(await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'el-GR', bypassCSP: true, acceptDownloads: true }));
    const page = await context.newPage();
    // The refused forms answer 401/422 on purpose; Chromium logs that as a failed load of the page.
    const refusedForm = (m) => m.text().startsWith('Failed to load resource') && /status of (401|422)/.test(m.text())
        && new URL(m.location().url || BASE).pathname.startsWith('/account');
    page.on('console', (m) => { if (m.type() === 'error' && !refusedForm(m)) consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));

    // ---- from the header to the registration form ----
    setStep('the header leads to registration');
    await page.goto(BASE + '/information?lang=el');
    const signInLink = page.locator('header a.account-link');
    check((await signInLink.textContent()).trim() === 'Σύνδεση', 'the header has no "Σύνδεση" link');
    await signInLink.click();
    await page.waitForLoadState();
    check(page.url().includes('/account/login?next=%2Finformation'), `the header's link led to ${page.url()}`);
    await shootPage(page, 'login');
    await page.click('a[href="/account/register"]');
    await page.waitForLoadState();
    check((await page.textContent('h1')).includes('Δημιουργία λογαριασμού'), 'no registration form');
    check((await page.textContent('main')).includes('άρθρο 6 παρ. 1 ε΄ ΓΚΠΔ'), 'the registration page has no data-protection notice');
    await axeOnPage(page, 'registration');
    await shootPage(page, 'register', { full: true });

    // ---- registration: a mismatch is refused next to its field, then the mail ----
    setStep('registration');
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.fill('#password2', password + '!');
    await page.click('form.account-form button[type="submit"]');
    await page.waitForLoadState();
    check(await page.isVisible('#error-summary'), 'a password mismatch shows no error summary');
    check((await page.textContent('#password2-error')).includes('δεν είναι ίδιοι'), 'the mismatch is not said at its field');
    await axeOnPage(page, 'registration with errors');
    await page.fill('#password', password);
    await page.fill('#password2', password);
    const before = mails().length;
    await page.click('form.account-form button[type="submit"]');
    await page.waitForLoadState();
    check((await page.textContent('h1')).includes('Δείτε το e-mail σας'), 'registration did not say to check the mail');
    await shootPage(page, 'register-sent');

    // ---- the verification link: a page whose button confirms ----
    setStep('verification by the mailed link');
    const verifyMail = await within(15000, 'no verification mail', mailTo(email, 'Επιβεβαιώστε', before));
    const verifyUrl = textPart(verifyMail).match(/https?:\/\/\S+\/account\/verify\?token=\S+/)[0];
    await page.goto(verifyUrl);
    await axeOnPage(page, 'verification page');
    await shootPage(page, 'verify');
    await page.click('form[method="post"] button');
    await page.waitForLoadState();
    check((await page.textContent('h1')).includes('επιβεβαιώθηκε'), 'the address was not confirmed');
    await shootPage(page, 'verified');

    // ---- signing in comes back to the page that asked ----
    setStep('sign-in');
    await page.goto(BASE + '/account');
    check(page.url().includes('/account/login?next=%2Faccount'), `/account while signed out led to ${page.url()}`);
    await page.fill('#email', email);
    await page.fill('#password', 'wrong password');
    await page.click('form.account-form button[type="submit"]');
    await page.waitForLoadState();
    check((await page.textContent('#error-summary')).includes('δεν είναι σωστά'), 'a wrong password is not said');
    await page.fill('#password', password);
    await page.click('form.account-form button[type="submit"]');
    await page.waitForLoadState();
    check(new URL(page.url()).pathname === '/account', `signing in led to ${page.url()}`);
    check((await page.locator('header a.account-link').textContent()).trim() === 'Ο λογαριασμός μου', 'the header does not show the signed-in state');
    const cookies = await context.cookies(BASE);
    const session = cookies.find((c) => c.name === 'dimos_session');
    check(session && session.httpOnly && session.sameSite === 'Lax', 'the session cookie is not HttpOnly and SameSite=Lax');

    // ---- the profile: an invalid ΑΦΜ is refused at its field, then saved ----
    setStep('profile');
    await page.fill('#given_name', 'Ελένη');
    await page.fill('#surname', 'Παπαδοπούλου');
    await page.fill('#father_name', 'Γεώργιος');
    await page.fill('#mother_name', 'Μαρία');
    await page.fill('#birth_date', '19/05/1980');
    await page.fill('#afm', '090000046');
    await page.fill('#amka', '19058012345');
    await page.fill('#id_card', 'ΑΒ 123456');
    await page.fill('#address', 'Μεραρχίας 12, Σέρρες');
    await page.fill('#phone', '23210 12345');
    await page.click('form.profile-form button[type="submit"]');
    await page.waitForLoadState();
    check((await page.textContent('#afm-error')).includes('ΑΦΜ δεν είναι έγκυρος'), 'an invalid ΑΦΜ is not refused at its field');
    check((await page.inputValue('#surname')) === 'Παπαδοπούλου', 'the form lost what was typed');
    await axeOnPage(page, 'profile with errors');
    await shootPage(page, 'profile-errors');
    await page.fill('#afm', '090000045');
    await page.click('form.profile-form button[type="submit"]');
    await page.waitForLoadState();
    check((await page.textContent('main')).includes('Τα στοιχεία σας αποθηκεύτηκαν'), 'the profile was not saved');
    check((await page.inputValue('#afm')) === '090000045', 'the saved ΑΦΜ is not shown');
    check((await page.inputValue('#id_card')) === 'ΑΒ123456', 'the identity card is not shown normalised');
    await axeOnPage(page, 'profile');
    await shootPage(page, 'profile', { full: true });
    await page.goto(BASE + '/account?lang=en');
    check((await page.textContent('h1')).includes('My account'), 'the profile page has no English');
    await axeOnPage(page, 'profile (en)');
    await shootPage(page, 'profile', { full: true });
    await page.goto(BASE + '/account?lang=el');

    // ---- "Download my data": one JSON file with what was saved ----
    setStep('download my data');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href="/account/data"]')]);
    check(/^my-data-\d{4}-\d{2}-\d{2}\.json$/.test(download.suggestedFilename()), `the file is named ${download.suggestedFilename()}`);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    check(exported.account.email === email, 'the file does not hold the account\'s e-mail');
    check(exported.profile.afm === '090000045' && exported.profile.surname === 'Παπαδοπούλου', 'the file does not hold the profile');

    // ---- signing out ----
    setStep('sign-out');
    await page.click('section.account-end form button[type="submit"]');
    await page.waitForLoadState();
    check((await page.textContent('h1')).includes('Αποσυνδεθήκατε'), 'signing out did not say so');
    check((await page.locator('header a.account-link').textContent()).trim() === 'Σύνδεση', 'the header still shows the signed-in state');
    await page.goto(BASE + '/account');
    check(page.url().includes('/account/login'), 'after signing out /account is still open');

    // ---- a new password by mail ----
    setStep('password reset');
    await page.goto(BASE + '/account/reset?lang=el');
    await shootPage(page, 'reset');
    const beforeReset = mails().length;
    await page.fill('#email', email);
    await page.click('form.account-form button[type="submit"]');
    await page.waitForLoadState();
    check((await page.textContent('h1')).includes('Δείτε το e-mail σας'), 'the reset request did not say to check the mail');
    const resetMail = await within(15000, 'no reset mail', mailTo(email, 'νέο κωδικό', beforeReset));
    const resetUrl = textPart(resetMail).match(/https?:\/\/\S+\/account\/reset\/\S+/)[0];
    await page.goto(resetUrl);
    await axeOnPage(page, 'new password');
    await shootPage(page, 'reset-password');
    await page.fill('#password', 'νέος κωδικός για τις Σέρρες');
    await page.fill('#password2', 'νέος κωδικός για τις Σέρρες');
    await page.click('form.account-form button[type="submit"]');
    await page.waitForLoadState();
    check((await page.textContent('h1')).includes('Ο κωδικός σας άλλαξε'), 'the new password was not saved');

    // ---- accessibility of every account page, both languages ----
    setStep('axe-core');
    const axeContext = await offline(await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } }));
    for (const lang of ['el', 'en'])
        for (const p of ['/account/register', '/account/login', '/account/reset', '/account/verify?token=x', '/account/reset/x'])
            await axeCheck(axeContext, `${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
    if (SHOTS) {
        const en = await axeContext.newPage();
        for (const [p, name] of [['/account/register', 'register'], ['/account/login', 'login'], ['/account/reset', 'reset']]) {
            await en.goto(`${BASE}${p}?lang=en`);
            await shootPage(en, name, { full: name === 'register' });
        }
    }
    await axeContext.close();

    setStep('console');
    check(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
    console.log('e2e accounts: register → mailed link → verify → sign in → profile (ΑΦΜ refused, then saved) → my data (JSON) → sign out → reset, axe: ok');
} catch (e) {
    console.error(String(e.stack || e));
    if (consoleErrors.length)
        console.error('console:', consoleErrors.join('\n'));
    process.exitCode = 1;
} finally {
    await browser.close();
}
