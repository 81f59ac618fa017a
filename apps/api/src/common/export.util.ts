import { EXPORT_FORMATS, EXPORT_MEDIA_TYPES, type ExportFile, type ExportFormat } from '@app/platform';
import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { ServerResponse } from 'http';
import { contentDisposition } from './multipart.util';

/**
 * Every list's export is its `/export` sibling (`GET /applications/export?format=xlsx&state=...`): the list's filters
 * without paging, the list's access rules, the whole result streamed as CSV or XLSX.
 */
export class ExportFormatQuery {
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'xlsx',
    description: 'xlsx (Excel workbook) or csv (UTF-8 with a byte-order mark)',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format?: ExportFormat;
}

/** The OpenAPI of an export route: both media types, a binary body, the file name in Content-Disposition. */
export function ApiExport(what: string): MethodDecorator {
  return applyDecorators(
    ApiProduces(EXPORT_MEDIA_TYPES.xlsx, 'text/csv'),
    ApiOkResponse({
      description: `${what}, streamed as an XLSX workbook or a CSV file (UTF-8 with a byte-order mark, RFC 4180); Content-Disposition names the file (RFC 5987 for the Chinese name)`,
      content: {
        [EXPORT_MEDIA_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } },
        'text/csv': { schema: { type: 'string' } },
      },
    }),
    ApiResponse({ status: 400, description: 'VALIDATION_FAILED: a filter or the format is not allowed (fields)' }),
  );
}

/** What the export route is given with `@Res({ passthrough: true })` on either platform. */
interface ReplyLike {
  header(name: string, value: string): unknown;
  raw?: ServerResponse;
}

/**
 * Sends a prepared export: its headers (type, attachment name, no caching), and its stream as the body. When the
 * connection closes before the end (the download was cancelled), the stream is destroyed, so the producer stops and
 * its cursor closes.
 */
export function sendExport(reply: ReplyLike, file: ExportFile): StreamableFile {
  reply.header('Content-Type', file.mediaType);
  reply.header('Content-Disposition', contentDisposition(file.fileName));
  reply.header('Cache-Control', 'private, no-store');
  reply.header('X-Content-Type-Options', 'nosniff');
  const raw = reply.raw ?? (reply as unknown as ServerResponse);
  raw.once('close', () => {
    if (!file.stream.readableEnded) file.stream.destroy();
  });
  return new StreamableFile(file.stream);
}

/** The format asked for, xlsx when none. */
export function formatOf(q: ExportFormatQuery): ExportFormat {
  return q.format ?? 'xlsx';
}

/**
 * The rows of a report already computed in full (a dashboard, a quota's usage: tens or hundreds of rows, the same
 * the JSON route answers) as the one batch an export reads.
 */
export async function* inOneBatch<T>(rows: readonly T[]): AsyncIterable<readonly T[]> {
  if (rows.length > 0) yield rows;
}
