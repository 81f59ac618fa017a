// Writes the OpenAPI document and the typed client's types (libs/api-client) from the controllers:
//   npm run openapi
// The app module is read in Nest's preview mode: no database, Redis or port is needed.
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'fs';
import { AppModule } from '../apps/api/src/app.module';
import { apiClientFiles } from '../apps/api/src/openapi/api-client-files';
import { createOpenApiDocument } from '../apps/api/src/openapi/openapi.document';

async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule, { preview: true, logger: false });
  const files = await apiClientFiles(createOpenApiDocument(app));
  await app.close();
  for (const [path, text] of Object.entries(files)) {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}

void main();
