/** The kinds of title (DOMAIN.md "The units and the levels"). */
export enum UnitKind {
  Enterprise = 'enterprise', // 示范企业
  Point = 'point', // 示范点
  Station = 'station', // 示范站 / 示范指导站
  Base = 'base', // 示范基地, built on designated stations
  PilotRegion = 'pilot_region', // 创新试点地区
  LiaisonPoint = 'liaison_point', // 联络点 (SAMR 2023; Jiaxing's 100 / 200 / 300 by 2015 / 16 / 17)
}
