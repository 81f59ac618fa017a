import AxeBuilder from '@axe-core/playwright';
import { Clock, DemoClock } from '@app/platform';
import { flushPrefix, resetDatabase, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { TestingModuleBuilder } from '@nestjs/testing';
import { existsSync, mkdirSync } from 'fs';
import Redis from 'ioredis';
import { join } from 'path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { configured, PASSWORD, startApi, startWorker } from '../support/apps';

/** Debian's Chromium (scripts/test.sh installs it); Playwright's own download does not work on these machines. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
/** Screenshots of every page the specs visit: test artefacts, gitignored (var/). */
export const SHOTS = join(__dirname, '../../var/web-screenshots');
const DIST = join(__dirname, '../../dist/web/index.html');

const DEMO = { DEMO_MODE: 'true', DEMO_CLOCK_REFRESH_MS: '200' };
const demo = (b: TestingModuleBuilder) => configured(DEMO)(b).overrideProvider(Clock).useClass(DemoClock);

/** The API serving the built console on a real port, in demo mode (the admin moves the clock), with a worker. */
export class ConsoleServer {
  private constructor(
    readonly api: INestApplication,
    readonly worker: INestApplication,
    readonly baseUrl: string,
    private readonly redis: Redis,
  ) {}

  static async start(): Promise<ConsoleServer> {
    if (!existsSync(DIST)) throw new Error('dist/web is not built: run bash scripts/build-web.sh (npm test does)');
    const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
    await flushPrefix(redis, TEST_QUEUE_PREFIX);
    const api = await startApi(demo);
    await resetDatabase(api);
    await api.get(Clock).refresh();
    await api.listen(0, '127.0.0.1');
    const { port } = api.getHttpServer().address() as { port: number };
    const worker = await startWorker(configured(DEMO));
    return new ConsoleServer(api, worker, `http://127.0.0.1:${port}`, redis);
  }

  async stop(): Promise<void> {
    await this.worker.close();
    await this.api.close();
    this.redis.disconnect();
  }
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (npm test does)`);
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown }[];
}

/**
 * One person at a browser: signs in as a role, opens pages, and for every page keeps a screenshot and checks it
 * with axe (serious and critical violations collected for the spec to assert on).
 */
export class Person {
  private constructor(
    private readonly context: BrowserContext,
    readonly page: Page,
    private readonly name: string,
  ) {}

  static readonly violations: { page: string; violations: Violation[] }[] = [];
  static readonly visited: string[] = [];

  static async open(browser: Browser, baseUrl: string, name: string): Promise<Person> {
    const context = await browser.newContext({
      baseURL: baseUrl,
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return new Person(context, page, name);
  }

  async signIn(username: string, password = PASSWORD): Promise<void> {
    await this.page.goto('/sign-in');
    await this.page.getByLabel('用户名').fill(username);
    await this.page.getByLabel('密码').fill(password);
    await this.page.getByRole('button', { name: '登录', exact: true }).click();
    await this.page.getByTestId('current-user').waitFor();
  }

  /** Keeps a screenshot of the page as it is now and checks it with axe. */
  async look(shot: string): Promise<void> {
    await this.page.waitForLoadState('networkidle');
    await this.page
      .locator('.ant-spin-spinning')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await this.page.mouse.move(0, 0); // no hover left on the link just clicked
    // axe measures colours as they end, not halfway through a menu item's fade
    await this.page
      .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, {
        timeout: 5_000,
      })
      .catch(() => undefined);
    await this.page.screenshot({ path: join(SHOTS, `${shot}.png`), fullPage: true });
    Person.visited.push(shot);
    const result = await new AxeBuilder({ page: this.page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (bad.length) Person.violations.push({ page: `${shot} (${this.name})`, violations: bad as Violation[] });
  }

  /** Follows a link of the side menu, opening the group it is in first when the menu is grouped and it is closed. */
  async menu(label: string): Promise<void> {
    const nav = this.page.getByRole('navigation', { name: '主菜单' });
    const link = nav.getByRole('link', { name: label, exact: true });
    if (!(await link.isVisible())) {
      // a closed group does not render its links: open the closed groups one by one until the link shows
      const closed = await nav
        .locator('li.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title')
        .allTextContents();
      for (const title of closed) {
        await nav.locator('.ant-menu-submenu-title', { hasText: title }).first().click();
        if (await link.isVisible()) break;
      }
    }
    await link.click();
  }

  /** Chooses an option of the Ant Design select labelled `label`. */
  async choose(label: string, option: string | RegExp): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).click();
    await this.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
      .first()
      .click();
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** Axe's findings, readable in a failed expectation. */
export const readable = (list: typeof Person.violations) =>
  list.map((p) => ({
    page: p.page,
    violations: p.violations.map(
      (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}× e.g. ${JSON.stringify(v.nodes[0]?.target)})`,
    ),
  }));
