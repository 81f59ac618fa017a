import { DatabaseNotifications } from '@app/platform';
import { WorkingCalendarService } from '@app/programmes';
import { FaultProxy, TEST_DATABASE_URL } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { configured, Http, resetDatabase, startApi, waitFor } from './support/apps';

// 2027-09-30 is a Thursday; with the National Day holiday (1–7 October, Saturday 9th worked) a three-working-day
// notice opened that day ends on 11 October; without the 2027 schedule, weekends only, on 5 October
const openedAt = new Date('2027-09-30T04:00:00Z');
const NATIONAL_DAY = {
  source: '国务院办公厅关于2027年部分节假日安排的通知 (test)',
  days: [
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
      date: `2027-10-${d}`,
      kind: 'holiday',
      name: '国庆节',
    })),
    { date: '2027-10-09', kind: 'workday' },
  ],
};

/**
 * Two API processes on one database (two Nest applications here; the second reaches Postgres through a fault
 * proxy): each caches the working-day calendar, and a change loaded through one is used by the other — through
 * the database's notification, through the reconnect after the other could not listen, and through the revision
 * check when a notification was missed.
 */
describe('the calendar cache across processes', () => {
  let one: INestApplication;
  let other: INestApplication;
  let proxy: FaultProxy;
  let http: Http;

  beforeAll(async () => {
    proxy = await FaultProxy.start(TEST_DATABASE_URL);
    one = await startApi();
    other = await startApi(configured({ DATABASE_URL: proxy.url(TEST_DATABASE_URL) }));
    http = new Http(one);
  });
  beforeEach(async () => {
    await resetDatabase(one);
    http.forget();
    await waitFor('the other process to listen', async () => other.get(DatabaseNotifications).listening, 15_000);
  });
  afterAll(async () => {
    await other?.close();
    await one?.close();
    await proxy?.close();
  });

  const lastDay = async (app: INestApplication) =>
    (await app.get(WorkingCalendarService).calendar()).noticeWindow(openedAt, 3).lastDay;
  const load2027 = async () => {
    const res = await (await http.as('admin')).put('/calendar/2027', NATIONAL_DAY);
    expect(res.status).toBe(200);
  };

  it('a year loaded through one process is used by the other without a restart', async () => {
    expect(await lastDay(other)).toBe('2027-10-05'); // cached there: weekends only
    await load2027();
    expect(await lastDay(one)).toBe('2027-10-11'); // the process that loaded it, at once
    await waitFor('the other process to use the 2027 schedule', async () => (await lastDay(other)) === '2027-10-11');
  });

  it('a change made while the other process could not reach the database is used once it can', async () => {
    expect(await lastDay(other)).toBe('2027-10-05');
    proxy.cut();
    await waitFor('the other process to notice', async () => !other.get(DatabaseNotifications).listening);
    await load2027();
    proxy.restore();
    await waitFor(
      'the other process to use the 2027 schedule',
      async () => (await lastDay(other).catch(() => null)) === '2027-10-11',
      15_000,
    );
    await waitFor('the other process to listen again', async () => other.get(DatabaseNotifications).listening);
  });

  // last: it stops the other process's listening for good
  it('while a process is not listening it checks the revision before trusting its copy', async () => {
    expect(await lastDay(other)).toBe('2027-10-05');
    await other.get(DatabaseNotifications).onApplicationShutdown(); // as if the notification never came
    expect(other.get(DatabaseNotifications).listening).toBe(false);
    await load2027();
    expect(await lastDay(other)).toBe('2027-10-11'); // no waiting: the revision told it
  });
});
