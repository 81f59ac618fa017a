import { JurisdictionQueries } from '@app/programmes';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Public } from '../common/auth.decorators';
import { JurisdictionDetailView, JurisdictionView } from './jurisdiction.view';

@ApiTags('jurisdictions')
@Controller('jurisdictions')
export class JurisdictionsController {
  constructor(private readonly jurisdictions: JurisdictionQueries) {}

  @Get()
  @Public()
  @Access('none')
  @ApiOperation({
    summary: 'The jurisdiction tree (GB/T 2260 codes; free-trade-zone areas as <host>-FTZ), ordered by path',
  })
  @ApiOkResponse({ type: [JurisdictionView] })
  async list(): Promise<JurisdictionView[]> {
    return (await this.jurisdictions.list()).map(JurisdictionView.of);
  }

  @Get(':code')
  @Public()
  @Access('none')
  @ApiOperation({ summary: 'One jurisdiction with its direct children' })
  @ApiOkResponse({ type: JurisdictionDetailView })
  async get(@Param('code') code: string): Promise<JurisdictionDetailView> {
    const j = await this.jurisdictions.get(code);
    return { ...JurisdictionView.of(j), children: j.children.map(JurisdictionView.of) };
  }
}
