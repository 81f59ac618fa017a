import { ApplicationQueries } from '@app/accreditation';
import { streamExport } from '@app/platform';
import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Public } from '../common/auth.decorators';
import { ApiExport, formatOf, sendExport } from '../common/export.util';
import type { HeaderSetter } from '../common/version.util';
import { registerExport, RegisterExportQuery } from './register.export';
import { RegisterQuery } from './register.query';
import { RegisterEntryView, RegisterPage } from './register-entry.view';

/** What anyone may read: open public notices (to object to) and the register of titles. */
@ApiTags('public')
@Controller('public')
export class PublicController {
  constructor(private readonly queries: ApplicationQueries) {}

  @Get('register')
  @Public()
  @Access('none')
  @ApiOperation({
    summary: 'Open public notices, designations and revocations; file objections at POST /applications/:id/objections',
  })
  @ApiOkResponse({ type: RegisterPage })
  async register(@Query() q: RegisterQuery): Promise<RegisterPage> {
    const page = await this.queries.publicRegister(q.state, q.page, q.pageSize);
    return { ...page, items: page.items.map(RegisterEntryView.of) };
  }

  @Get('register/export')
  @Public()
  @Access('none')
  @ApiOperation({ summary: 'The public register, whole, as XLSX or CSV: the same filter and rows as the register' })
  @ApiExport('open public notices and designations (示范单位公示与认定名录)')
  exportRegister(@Query() q: RegisterExportQuery, @Res({ passthrough: true }) res: HeaderSetter): StreamableFile {
    return sendExport(res, streamExport(registerExport(this.queries.publicRegisterRows(q.state)), formatOf(q)));
  }
}
