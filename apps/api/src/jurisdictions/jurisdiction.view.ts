import { JurisdictionLevel } from '@app/domain';
import { type Jurisdiction } from '@app/programmes';
import { ApiProperty } from '@nestjs/swagger';

/** A node of the jurisdiction tree. */
export class JurisdictionView {
  @ApiProperty({ example: '370211-FTZ', description: 'GB/T 2260 code, `CN`, or `<host>-FTZ`' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: JurisdictionLevel }) level: JurisdictionLevel;
  @ApiProperty() isFreeTradeZone: boolean;
  @ApiProperty({ type: String, nullable: true }) parentCode: string | null;
  @ApiProperty({ example: '/CN/370000/370200/370211/370211-FTZ/', description: 'a subtree is a prefix' }) path: string;

  static of(j: Jurisdiction): JurisdictionView {
    return {
      code: j.code,
      name: j.name,
      level: j.level,
      isFreeTradeZone: j.isFreeTradeZone,
      parentCode: j.parentCode,
      path: j.path,
    };
  }
}

export class JurisdictionDetailView extends JurisdictionView {
  @ApiProperty({ type: [JurisdictionView], description: 'direct children, by code' }) children: JurisdictionView[];
}
