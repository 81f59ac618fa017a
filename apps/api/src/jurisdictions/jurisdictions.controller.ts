import { JurisdictionEntity } from '@app/programmes';
import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth.decorators';

@ApiTags('jurisdictions')
@Controller('jurisdictions')
export class JurisdictionsController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The jurisdiction tree (GB/T 2260 codes; free-trade-zone areas as <host>-FTZ), ordered by path' })
  list(): Promise<JurisdictionEntity[]> {
    return this.db.getRepository(JurisdictionEntity).find({ order: { path: 'ASC' } });
  }

  @Get(':code')
  @Public()
  @ApiOperation({ summary: 'One jurisdiction with its direct children' })
  async get(@Param('code') code: string) {
    const repo = this.db.getRepository(JurisdictionEntity);
    const j = await repo.findOneBy({ code });
    if (!j) throw new NotFoundException({ error: 'NOT_FOUND', message: `jurisdiction ${code} not found` });
    return { ...j, children: await repo.find({ where: { parentCode: code }, order: { code: 'ASC' } }) };
  }
}
