import { ApplicationQueries } from '@app/accreditation';
import { type Principal, Role } from '@app/domain';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { CountsView } from './counts.view';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly queries: ApplicationQueries) {}

  @Get('counts')
  @Roles(Role.Regulator, Role.Admin)
  @Access('none')
  @ApiOperation({ summary: 'Dashboard: applications in your jurisdiction by programme, unit kind, level and state' })
  @ApiOkResponse({ type: CountsView })
  counts(@CurrentPrincipal() p: Principal): Promise<CountsView> {
    return this.queries.counts(p);
  }
}
