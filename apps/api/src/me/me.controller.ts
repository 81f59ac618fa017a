import { type Principal, Role } from '@app/domain';
import { TodoQueries } from '@app/worklist';
import { streamExport } from '@app/platform';
import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { ApiExport, ExportFormatQuery, formatOf, sendExport } from '../common/export.util';
import type { HeaderSetter } from '../common/version.util';
import { DonePageView, TodoPageView, TodoQuery, TodoSummaryView } from './me.view';
import { doneExport, todoExport } from './worklist.export';

const SIGNED_IN = [Role.Applicant, Role.Regulator, Role.Evaluator, Role.Finance, Role.Admin];

/** The caller's own lists: what waits for them (待办) and what they did (已办). */
@ApiTags('me')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no or an expired access token (UNAUTHENTICATED)' })
@Controller('me')
export class MeController {
  constructor(private readonly todos: TodoQueries) {}

  @Get('todo')
  @Roles(...SIGNED_IN)
  @Access('none') // the caller's own items only
  @ApiOperation({
    summary: '待办: what waits for you, overdue first then by due date (time limits per step in working days)',
  })
  @ApiOkResponse({ type: TodoPageView })
  @ApiBadRequestResponse({ description: 'page or pageSize out of range (VALIDATION_FAILED, fields)' })
  async todo(@CurrentPrincipal() p: Principal, @Query() q: TodoQuery): Promise<TodoPageView> {
    return TodoPageView.of(await this.todos.todo(p, q.page ?? 1, q.pageSize ?? 20));
  }

  @Get('todo/summary')
  @Roles(...SIGNED_IN)
  @Access('none') // the caller's own items only
  @ApiOperation({ summary: 'Counts for a badge: open, overdue, due within 2 working days' })
  @ApiOkResponse({ type: TodoSummaryView })
  summary(@CurrentPrincipal() p: Principal): Promise<TodoSummaryView> {
    return this.todos.summary(p);
  }

  @Get('done')
  @Roles(...SIGNED_IN)
  @Access('none') // the caller's own history rows only
  @ApiOperation({ summary: '已办: what you did on applications and disbursements, newest first' })
  @ApiOkResponse({ type: DonePageView })
  @ApiBadRequestResponse({ description: 'page or pageSize out of range (VALIDATION_FAILED, fields)' })
  async done(@CurrentPrincipal() p: Principal, @Query() q: TodoQuery): Promise<DonePageView> {
    return DonePageView.of(await this.todos.done(p, q.page ?? 1, q.pageSize ?? 20));
  }

  @Get('todo/export')
  @Roles(...SIGNED_IN)
  @Access('none') // the caller's own items only
  @ApiOperation({ summary: '待办, whole, as XLSX or CSV, in the order of the list' })
  @ApiExport('what waits for you (待办事项)')
  async todoExport(
    @CurrentPrincipal() p: Principal,
    @Query() q: ExportFormatQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    return sendExport(res, streamExport(todoExport(await this.todos.todoRows(p)), formatOf(q)));
  }

  @Get('done/export')
  @Roles(...SIGNED_IN)
  @Access('none') // the caller's own history rows only
  @ApiOperation({ summary: '已办, whole, as XLSX or CSV, newest first' })
  @ApiExport('what you did (已办事项)')
  doneExport(
    @CurrentPrincipal() p: Principal,
    @Query() q: ExportFormatQuery,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): StreamableFile {
    return sendExport(res, streamExport(doneExport(this.todos.doneRows(p)), formatOf(q)));
  }
}
