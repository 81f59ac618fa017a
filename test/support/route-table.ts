import { Role } from '@app/domain';
import {
  ACCESS,
  type AccessDeclaration,
  type AccessOutcome,
  type AccessScope,
  expectedAccess,
  IS_PUBLIC,
  MATRIX_ROLES,
  type MatrixRole,
  type Place,
  PLACES,
  type RouteAccess,
} from '@app/platform';
import { INestApplicationContext, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ROLES } from '../../apps/api/src/common/auth.decorators';

/** One route of the running app, with what its decorators say about access (`access` is undefined when undeclared). */
export interface RouteEntry {
  /** `GET /applications/:id` */
  key: string;
  method: string;
  path: string;
  handler: string;
  isPublic: boolean;
  roles?: readonly Role[];
  access?: AccessDeclaration;
}

/** A route with its declaration. */
export type DeclaredRoute = RouteEntry & RouteAccess;

/**
 * Every route of the app's controllers, read as Nest reads them (DiscoveryService over the app's modules, the route
 * metadata of each handler, the guard's metadata through the Reflector), sorted by path then method.
 */
export function routeTable(app: INestApplicationContext): RouteEntry[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: RouteEntry[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
    if (!controller) continue;
    const base = paths(Reflect.getMetadata(PATH_METADATA, controller));
    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name] as () => unknown;
      const own = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (own === undefined) continue; // not a route handler
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const targets = [handler, controller];
      for (const b of base) {
        for (const p of paths(own)) {
          const path = '/' + [b, p].filter((s) => s !== '').join('/');
          routes.push({
            key: `${method} ${path}`,
            method,
            path,
            handler: `${controller.name}.${name}`,
            isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
            roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets),
            access: reflector.getAllAndOverride<AccessDeclaration | undefined>(ACCESS, targets),
          });
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

function paths(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value : [value ?? '']).map((p) => p.replace(/^\/+|\/+$/g, ''));
}

/** Routes served beside the controllers (mounted on the HTTP adapter), declared here since they have no handler. */
export const MOUNTED: DeclaredRoute[] = [
  {
    key: 'GET /admin/queues',
    method: 'GET',
    path: '/admin/queues',
    handler: 'queue dashboard (apps/api/src/common/queue-dashboard.ts)',
    isPublic: false,
    roles: [Role.Finance, Role.Admin],
    access: { scope: 'none' },
  },
  {
    key: 'GET /docs',
    method: 'GET',
    path: '/docs',
    handler: 'OpenAPI (apps/api/src/bootstrap.ts)',
    isPublic: true,
    access: { scope: 'none' },
  },
];

/** The places a scope's cells distinguish: none (one cell), a jurisdiction (own or another), a row (all three). */
export function placesOf(scope: AccessScope): readonly Place[] {
  if (scope === 'none') return ['own'];
  if (scope === 'jurisdiction') return ['own', 'other-jurisdiction'];
  return PLACES;
}

/** The cells of the matrix: every declared route × role × place its scope distinguishes, with the answer expected. */
export function matrixCells(
  routes: readonly DeclaredRoute[],
): { route: DeclaredRoute; role: MatrixRole; place: Place; expected: AccessOutcome }[] {
  return routes.flatMap((route) =>
    MATRIX_ROLES.flatMap((role) =>
      placesOf(route.access.scope).map((place) => ({
        route,
        role,
        place,
        expected: expectedAccess(route, role, place),
      })),
    ),
  );
}

const SHOWN: Record<string, string> = { allowed: '✓', '401': '401', '403': '403', '404': '404' };

/**
 * The rights table as Markdown: one row per route, one column per role; a cell lists the answer per place when the
 * places differ (own / other organisation / other jurisdiction).
 */
export function rightsMarkdown(routes: readonly DeclaredRoute[]): string {
  const lines = [
    `| route | scope | ${MATRIX_ROLES.join(' | ')} |`,
    `|---|---|${MATRIX_ROLES.map(() => '---').join('|')}|`,
  ];
  for (const route of routes) {
    const cells = MATRIX_ROLES.map((role) => {
      const answers = placesOf(route.access.scope).map((place) => SHOWN[String(expectedAccess(route, role, place))]);
      return new Set(answers).size === 1 ? answers[0] : answers.join(' / ');
    });
    lines.push(`| \`${route.key}\` | ${route.access.scope} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
