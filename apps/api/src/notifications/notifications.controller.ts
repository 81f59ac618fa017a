import { type Principal, Role } from '@app/domain';
import { MyNotificationsUseCase, NotificationKind } from '@app/notifications';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { PageParam, PageSizeParam } from '../common/paging.dto';
import {
  EmailAddressView,
  MarkedReadView,
  NotificationPage,
  NotificationPreferenceView,
  NotificationView,
  UnreadCountView,
} from './notification.view';
import { uuid } from '../common/uuid.pipe';

const ACCOUNTS = [Role.Applicant, Role.Regulator, Role.Evaluator, Role.Finance, Role.Admin];
const flag = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

export class NotificationListQuery {
  @PageParam() page?: number;
  @PageSizeParam(100, 20) pageSize?: number;
  @ApiPropertyOptional({ description: 'unread notifications first, then the read ones (each newest first)' })
  @IsOptional()
  @Transform(flag)
  @IsBoolean()
  unreadFirst?: boolean;
  @ApiPropertyOptional({ description: 'only the unread notifications' })
  @IsOptional()
  @Transform(flag)
  @IsBoolean()
  unreadOnly?: boolean;
}

export class PreferenceChangeDto {
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind' })
  @IsIn(Object.values(NotificationKind).filter((k) => k !== NotificationKind.ObjectionReceipt))
  kind: NotificationKind;
  @ApiProperty({ description: 'e-mail on or off for this kind (in-app is always on)' }) @IsBoolean() email: boolean;
}

export class PreferencesDto {
  @ApiProperty({ type: [PreferenceChangeDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PreferenceChangeDto)
  preferences: PreferenceChangeDto[];
}

export class EmailAddressDto {
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'email',
    example: 'zhang.san@example.com',
    description: 'null removes it',
  })
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: 'email must be an e-mail address (or null to remove it)' })
  @MaxLength(254)
  email: string | null;
}

/** The caller's own notifications (in-app), their e-mail choices per kind and their e-mail address. */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'not signed in' })
@Controller('me')
export class NotificationsController {
  constructor(private readonly notifications: MyNotificationsUseCase) {}

  @Get('notifications')
  @Roles(...ACCOUNTS)
  @Access('none') // the caller's own, from the token
  @ApiOperation({ summary: 'Your notifications, newest first (or unread first), one page' })
  @ApiOkResponse({ type: NotificationPage })
  @ApiBadRequestResponse({ description: 'a query parameter is out of range (named in `fields`)' })
  async list(@CurrentPrincipal() p: Principal, @Query() q: NotificationListQuery): Promise<NotificationPage> {
    const page = await this.notifications.list(p, {
      page: q.page ?? 1,
      pageSize: q.pageSize ?? 20,
      unreadFirst: q.unreadFirst,
      unreadOnly: q.unreadOnly,
    });
    return { ...page, items: page.items.map(NotificationView.of) };
  }

  @Get('notifications/unread-count')
  @Roles(...ACCOUNTS)
  @Access('none')
  @ApiOperation({ summary: 'How many of your notifications are unread' })
  @ApiOkResponse({ type: UnreadCountView })
  async unreadCount(@CurrentPrincipal() p: Principal): Promise<UnreadCountView> {
    return { unread: await this.notifications.unreadCount(p) };
  }

  @Post('notifications/read-all')
  @Roles(...ACCOUNTS)
  @Access('none')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all your notifications read' })
  @ApiOkResponse({ type: MarkedReadView })
  async readAll(@CurrentPrincipal() p: Principal): Promise<MarkedReadView> {
    return { marked: await this.notifications.markAllRead(p) };
  }

  @Post('notifications/:id/read')
  @Roles(...ACCOUNTS)
  @Access('none') // only the caller's own: another's answers 404
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notifications read (again: no change)' })
  @ApiOkResponse({ type: NotificationView })
  @ApiBadRequestResponse({ description: 'the id is not a UUID' })
  @ApiNotFoundResponse({ description: 'no notification of yours has this id' })
  async read(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<NotificationView> {
    return NotificationView.of(await this.notifications.markRead(p, id));
  }

  @Get('notification-preferences')
  @Roles(...ACCOUNTS)
  @Access('none')
  @ApiOperation({ summary: 'Your choices per kind of notification: in-app is always on, e-mail on or off' })
  @ApiOkResponse({ type: NotificationPreferenceView, isArray: true })
  async preferences(@CurrentPrincipal() p: Principal): Promise<NotificationPreferenceView[]> {
    return (await this.notifications.preferences(p)).map(NotificationPreferenceView.of);
  }

  @Put('notification-preferences')
  @Roles(...ACCOUNTS)
  @Access('none')
  @ApiOperation({ summary: 'Turn e-mail on or off for the kinds given; the others keep their choice' })
  @ApiOkResponse({ type: NotificationPreferenceView, isArray: true })
  @ApiBadRequestResponse({ description: 'an unknown kind or a missing flag (named in `fields`)' })
  async setPreferences(
    @CurrentPrincipal() p: Principal,
    @Body() dto: PreferencesDto,
  ): Promise<NotificationPreferenceView[]> {
    return (await this.notifications.setPreferences(p, dto.preferences)).map(NotificationPreferenceView.of);
  }

  @Put('email')
  @Roles(...ACCOUNTS)
  @Access('none')
  @ApiOperation({ summary: 'Set (or remove, with null) the address your notifications are e-mailed to' })
  @ApiOkResponse({ type: EmailAddressView })
  @ApiBadRequestResponse({ description: 'not an e-mail address' })
  async setEmail(@CurrentPrincipal() p: Principal, @Body() dto: EmailAddressDto): Promise<EmailAddressView> {
    return this.notifications.setEmail(p, dto.email);
  }
}
