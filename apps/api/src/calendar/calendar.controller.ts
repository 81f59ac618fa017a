import { type CalendarDayKind, DomainError, DomainErrorCode, isIsoDate, type Principal, Role } from '@app/domain';
import { CalendarDayEntity, CalendarYearEntity, WorkingCalendarService } from '@app/programmes';
import { Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Public, Roles } from '../common/auth.decorators';

class CalendarDayDto {
  @ApiProperty({ example: '2027-10-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' }) date: string;
  @ApiProperty({ enum: ['holiday', 'workday'], description: 'holiday = day off; workday = make-up working day on a weekend' })
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
    private readonly db: DataSource,
    private readonly calendar: WorkingCalendarService,
  ) {}

  @Get(':year')
  @Public()
  @ApiOperation({ summary: 'Holidays and make-up working days of a year, and whether its official schedule is loaded' })
  async get(@Param('year', ParseIntPipe) year: number) {
    const loaded = await this.db.getRepository(CalendarYearEntity).findOneBy({ year });
    const days = await this.db
      .getRepository(CalendarDayEntity)
      .createQueryBuilder('d')
      .where('d.date BETWEEN :from AND :to', { from: `${year}-01-01`, to: `${year}-12-31` })
      .orderBy('d.date', 'ASC')
      .getMany();
    return {
      year,
      scheduled: loaded !== null,
      source: loaded?.source ?? null,
      note: loaded ? null : 'no official schedule loaded: weekends only are counted for this year',
      days,
    };
  }

  @Put(':year')
  @ApiBearerAuth()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Load or replace a year\'s official schedule (admin)' })
  async put(@CurrentPrincipal() p: Principal, @Param('year', ParseIntPipe) year: number, @Body() dto: CalendarYearDto) {
    const bad = dto.days.filter((d) => !isIsoDate(d.date) || !d.date.startsWith(`${year}-`));
    if (bad.length) {
      throw new DomainError(DomainErrorCode.ValidationFailed, `days must be real dates in ${year}: ${bad.map((d) => d.date).join(', ')}`, { fields: ['days'] });
    }
    await this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM calendar_days WHERE date >= $1 AND date <= $2`, [`${year}-01-01`, `${year}-12-31`]);
      if (dto.days.length) await tx.getRepository(CalendarDayEntity).insert(dto.days.map((d) => ({ ...d, name: d.name ?? null })));
      await tx.getRepository(CalendarYearEntity).upsert({ year, source: dto.source, loadedAt: new Date(), loadedBy: p.id }, ['year']);
    });
    this.calendar.invalidate();
    return this.get(year);
  }
}
