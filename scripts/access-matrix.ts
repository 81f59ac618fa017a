// Prints the roles' rights as a Markdown table, from the @Access declarations of every route (SECURITY.md quotes it):
//   npm run access-matrix
// The app module is read in Nest's preview mode: no database, Redis or port is needed.
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../apps/api/src/app.module';
import { type DeclaredRoute, MOUNTED, rightsMarkdown, type RouteEntry, routeTable } from '../test/support/route-table';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { preview: true, logger: false });
  const routes = routeTable(app);
  await app.close();
  const undeclared = routes.filter((r) => r.access === undefined);
  if (undeclared.length > 0) {
    console.error(`routes without @Access: ${undeclared.map((r: RouteEntry) => r.key).join(', ')}`);
    process.exitCode = 1;
  }
  const declared = [...routes.filter((r): r is DeclaredRoute => r.access !== undefined), ...MOUNTED];
  console.log(rightsMarkdown(declared));
}

void main();
