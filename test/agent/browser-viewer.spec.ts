import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { CliProcess, startAgent } from './support/cli-process';
import { CHROMIUM, describeWhen, eventually, sleep } from './support/e2e-guard';
import { prepareFleet, RcgateServer, startRcgate } from './support/rcgate-server';
import { haveXTools, startXDesktop, XDesktop } from './support/x-desktop';

jest.setTimeout(180_000);

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The colour at the centre of noVNC's canvas, as [r, g, b] (evaluated in the page; the tests compile without DOM types). */
const centrePixel = (page: Page) =>
  page.evaluate<number[] | null>(`(() => {
    const canvas = document.querySelector('#screen canvas');
    if (!canvas || canvas.width === 0) return null;
    const data = canvas.getContext('2d').getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data;
    return [data[0], data[1], data[2]];
  })()`);

describeWhen(haveXTools() && existsSync(CHROMIUM), 'Xvfb, x11vnc and Chromium')('the browser viewer (noVNC in headless Chromium)', () => {
  let server: RcgateServer;
  let desktop: XDesktop;
  let agent: CliProcess;
  let deviceId: string;
  let browser: BrowserContext;

  beforeAll(async () => {
    server = await startRcgate();
    const enrollmentKey = await prepareFleet(server.api);
    desktop = await startXDesktop('red');
    ({ agent, deviceId } = await startAgent({ server: server.url, enrollmentKey, name: 'WEB-DESK', target: `127.0.0.1:${desktop.vncPort}` }));
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'rcgate-chromium-')), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await agent?.stop();
    await desktop?.stop();
    await server?.stop();
  });

  const startSession = (accessLevel: 'viewOnly' | 'fullControl') =>
    server.api.expect<{ id: string; viewerUrl: string }>(201, 'POST', '/sessions', { deviceId, type: 'remoteControl', accessLevel, reason: 'browser e2e' });

  it('serves the page and noVNC without a token, outside /api/v1, under a strict CSP', async () => {
    const page = await fetch(`${server.url}/viewer/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'.*connect-src 'self' ws: wss:/);
    const rfb = await fetch(`${server.url}/viewer/novnc/core/rfb.js`);
    expect(rfb.status).toBe(200);
    expect(rfb.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${server.url}/viewer/novnc/package.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/viewer/novnc/core/%2e%2e/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
    const bare = await fetch(`${server.url}/viewer`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
  });

  it('shows the remote desktop, hides the ticket from the address bar, and ends viewerClosed within 5 s of closing the page', async () => {
    const session = await startSession('fullControl');
    expect(new URL(session.viewerUrl).pathname).toBe('/viewer/');
    expect(new URL(session.viewerUrl).hash).toMatch(/ticket=/);
    const page = await browser.newPage();
    await page.goto(session.viewerUrl);
    await page.waitForSelector('body[data-state="connected"]', { timeout: 20_000 });
    expect(page.url()).not.toMatch(/ticket/);
    expect(await page.isHidden('#view-only')).toBe(true);
    expect(await eventually(() => centrePixel(page), [255, 0, 0])).toEqual([255, 0, 0]);
    expect(await eventually(async () => (await server.api.session(session.id)).state, 'active')).toBe('active');

    const closedAt = Date.now();
    await page.close();
    const ended = await server.api.sessionEnded(session.id, 5000);
    expect(ended.endReason).toBe('viewerClosed');
    expect(Date.now() - closedAt).toBeLessThan(5000);
  });

  it('marks a view-only session, and its End session button ends it', async () => {
    const session = await startSession('viewOnly');
    const page = await browser.newPage();
    await page.goto(session.viewerUrl);
    await page.waitForSelector('body[data-state="connected"]', { timeout: 20_000 });
    expect(await page.isVisible('#view-only')).toBe(true);
    expect(await page.isDisabled('#cad')).toBe(true);
    await page.click('#end');
    await page.waitForSelector('body[data-state="ended"]', { timeout: 5000 });
    expect(await page.getAttribute('body', 'data-end-reason')).toBe('viewerClosed');
    expect((await server.api.sessionEnded(session.id, 5000)).endReason).toBe('viewerClosed');
    await page.close();
  });

  it('shows the end reason when an administrator ends the session', async () => {
    const session = await startSession('fullControl');
    const page = await browser.newPage();
    await page.goto(session.viewerUrl);
    await page.waitForSelector('body[data-state="connected"]', { timeout: 20_000 });
    await server.api.expect(200, 'POST', `/sessions/${session.id}/end`);
    await page.waitForSelector('body[data-state="ended"]', { timeout: 5000 });
    expect(await page.getAttribute('body', 'data-end-reason')).toBe('endedByAdministrator');
    expect(await page.textContent('#state')).toMatch(/an administrator ended the session/);
    await page.close();
    await sleep(100);
  });
});
