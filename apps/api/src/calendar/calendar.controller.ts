import { type CalendarDayKind, type Principal, Role } from '@app/domain';
import { CalendarQueries, LoadCalendarYearUseCase } from '@app/programmes';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Access, CurrentPrincipal, Public, Roles } from '../common/auth.decorators';
import { YearPipe } from '../common/year.pipe';
import { CalendarYearView } from './calendar.view';

export class CalendarDayDto {
  @ApiProperty({ example: '2027-10-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date: string;
  @ApiProperty({
    enum: ['holiday', 'workday'],
    description: 'holiday = day off; workday = make-up working day on a weekend',
  })
  @IsIn(['holiday', 'workday'])
  kind: CalendarDayKind;
  @ApiPropertyOptional({ example: '国庆节' }) @IsOptional() @IsString() @MaxLength(100) name?: string;
}

export class CalendarYearDto {
  @ApiProperty({ type: [CalendarDayDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  days: CalendarDayDto[];

  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知' }) @IsString() @MaxLength(100) source: string;
}

/** The working-day calendar: the State Council's schedule per year, editable by an admin. */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarQueries,
    private readonly loadYear: LoadCalendarYearUseCase,
  ) {}

  @Get(':year')
  @Public()
  @Access('none')
  @ApiOperation({ summary: 'Holidays and make-up working days of a year, and whether its official schedule is loaded' })
  @ApiOkResponse({ type: CalendarYearView })
  async get(@Param('year', YearPipe) year: number): Promise<CalendarYearView> {
    return CalendarYearView.of(await this.calendar.year(year));
  }

  @Put(':year')
  @Access('none')
  @ApiBearerAuth()
  @Roles(Role.Admin)
  @ApiOperation({ summary: "Load or replace a year's official schedule (admin)" })
  @ApiOkResponse({ type: CalendarYearView })
  async put(
    @CurrentPrincipal() p: Principal,
    @Param('year', YearPipe) year: number,
    @Body() dto: CalendarYearDto,
  ): Promise<CalendarYearView> {
    return CalendarYearView.of(await this.loadYear.execute(p, year, dto));
  }
}
