import { type ApiClient, createApiClient, type Schema } from '@app/api-client';
import { INestApplication } from '@nestjs/common';
import { PASSWORD, sleep, TestClock } from './apps';
import { conformsToDocument } from './openapi-conformance';

/** The API listening on a free local port (for clients that speak real HTTP); returns its base URL. */
export async function listening(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

/** An openapi-fetch answer: its body when the status is the expected one, else an error naming what came back. */
export function body<T>(
  what: string,
  answer: { data?: T; error?: unknown; response: Response },
  status = 200,
): NonNullable<T> {
  const { data, error, response } = answer;
  if (response.status !== status || data === undefined || data === null)
    throw new Error(`${what}: ${response.status} ${JSON.stringify(error ?? data)}`);
  return data;
}

type FireEvent = Omit<Schema<'FireEventDto'>, 'version'>;

/**
 * Demo users' clients of the typed API client (libs/api-client), signed in once each, and one application driven
 * through the flow as the right users; each step sends back the version it last read. Every answer is checked against
 * the document at run time too (status listed, body as documented, no undocumented property).
 */
/** The Qingdao programme's materials checklist. */
const MATERIALS = ['application_form', 'protection_system', 'training_records', 'self_assessment'];

export class TypedFlow {
  version = 0;
  id = '';
  private readonly clients = new Map<string, ApiClient>();
  private readonly tokens = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  /** A client that checks each answer against the document (openapi-conformance.ts). */
  private client(token?: string): ApiClient {
    const client = createApiClient(this.baseUrl, token);
    client.use(conformsToDocument);
    return client;
  }

  /** The client of a demo user (null: the public, no token). */
  async as(username: string | null): Promise<ApiClient> {
    if (username === null) return this.client();
    let client = this.clients.get(username);
    if (!client) {
      const session = await this.signIn(username);
      client = this.client(session.accessToken);
      this.clients.set(username, client);
      this.tokens.set(username, session.accessToken);
    }
    return client;
  }

  async signIn(username: string): Promise<Schema<'LoginResult'>> {
    const answer = await this.client().POST('/auth/login', {
      body: { username, password: PASSWORD },
    });
    return body(`sign-in of ${username}`, answer);
  }

  async create(applicant = 'qd-applicant', programme = 'QDFTZ-2026'): Promise<Schema<'ApplicationView'>> {
    const programmes = body('programmes', await (await this.as(null)).GET('/programmes'));
    const found = programmes.find((p) => p.code === programme);
    if (!found) throw new Error(`no programme ${programme}`);
    const created = body(
      'create',
      await (
        await this.as(applicant)
      ).POST('/applications', {
        body: {
          programmeId: found.id,
          title: 'test application',
          materials: MATERIALS.map((key) => ({
            key,
            title: key,
            reference: `test://${key}.pdf`,
          })),
        },
      }),
      201,
    );
    this.id = created.id;
    this.version = created.version;
    return created;
  }

  /** Sends an event that must succeed; tracks the version. */
  async ok(username: string, event: FireEvent): Promise<Schema<'TransitionResultView'>> {
    const result = body(
      `${event.type} by ${username}`,
      await (
        await this.as(username)
      ).POST('/applications/{id}/events', {
        params: { path: { id: this.id } },
        body: { ...event, version: this.version },
      }),
    );
    this.version = result.application.version;
    return result;
  }

  /** The application as `username` sees it, with its ETag (tracks the version). */
  async detail(username = 'qd-regulator'): Promise<{ view: Schema<'ApplicationDetailView'>; etag: string | null }> {
    const answer = await (await this.as(username)).GET('/applications/{id}', { params: { path: { id: this.id } } });
    const view = body(`GET ${this.id} as ${username}`, answer);
    this.version = view.version;
    return { view, etag: answer.response.headers.get('etag') };
  }

  /**
   * Uploads a small PDF as each material's file. Multipart goes through a plain fetch: the typed client speaks JSON
   * (the upload's answer is still checked against the document by the API's conformance check in the e2e setup).
   */
  async upload(applicant = 'qd-applicant', codes: readonly string[] = MATERIALS): Promise<void> {
    await this.as(applicant);
    for (const code of codes) {
      const form = new FormData();
      form.append('file', new Blob([`%PDF-1.4\n% ${code}\n%%EOF\n`], { type: 'application/pdf' }), `${code}.pdf`);
      const answer = await fetch(`${this.baseUrl}/applications/${this.id}/materials/${code}/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.tokens.get(applicant)}` },
        body: form,
      });
      if (answer.status !== 201) throw new Error(`upload of ${code}: ${answer.status} ${await answer.text()}`);
    }
    await this.detail(applicant); // each upload is an UPDATE_MATERIALS: read the version again
  }

  /** Files, SUBMIT, 初审 by one regulator and 复核 by another (review discipline). */
  async toAcceptance(
    applicant = 'qd-applicant',
    regulator = 'qd-regulator',
    secondRegulator = `${regulator}-2`,
  ): Promise<void> {
    await this.upload(applicant);
    await this.ok(applicant, { type: 'SUBMIT' });
    await this.ok(regulator, { type: 'PASS_PRELIMINARY' });
    await this.ok(secondRegulator, { type: 'PASS_RECHECK' });
  }

  async scoredPanel(
    scores: Record<string, number>,
    evaluators = ['qd-evaluator-1', 'qd-evaluator-2', 'qd-evaluator-3'],
  ): Promise<void> {
    for (const e of evaluators)
      await this.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: (await this.signIn(e)).user.id });
    for (const e of evaluators) await this.ok(e, { type: 'SUBMIT_SCORE', scores });
  }

  /** Opens the notice with the clock set back so its window has already ended. */
  async openEndedNotice(): Promise<void> {
    TestClock.shift(-30 * 86_400_000);
    try {
      await this.ok('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
    } finally {
      TestClock.reset();
    }
  }

  /** Polls until the application is in `state` (as the regulator sees it). */
  async waitForState(state: Schema<'ApplicationDetailView'>['state'], timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if ((await this.detail()).view.state === state) return;
      await sleep(100);
    }
    throw new Error(`application did not reach ${state}; it is ${(await this.detail()).view.state}`);
  }
}
