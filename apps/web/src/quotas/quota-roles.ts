/**
 * Who does what with a programme's quotas and a jurisdiction's targets, as the API decides it (QuotasUseCase,
 * DesignationTargetsUseCase): the console shows each form only to whom the API will accept it from.
 */

interface Place {
  code: string;
  path: string;
}

const pathOf = (places: readonly Place[], code: string | null | undefined) =>
  code ? places.find((p) => p.code === code)?.path : undefined;

/** The programme's own bureau sets its area quotas. */
export function setsQuotas(userJurisdiction: string | null | undefined, programmeJurisdiction: string): boolean {
  return !!userJurisdiction && userJurisdiction === programmeJurisdiction;
}

/** The supervising bureau (strictly above the programme's) records overrides. */
export function overridesQuotas(
  places: readonly Place[],
  userJurisdiction: string | null | undefined,
  programmeJurisdiction: string,
): boolean {
  const mine = pathOf(places, userJurisdiction);
  const theirs = pathOf(places, programmeJurisdiction);
  return !!mine && !!theirs && mine !== theirs && theirs.startsWith(mine);
}

/** The jurisdictions strictly inside the programme's: the areas a quota may name. */
export function areasInside<P extends Place>(places: readonly P[], programmeJurisdiction: string): P[] {
  const root = pathOf(places, programmeJurisdiction);
  return root ? places.filter((p) => p.path !== root && p.path.startsWith(root)) : [];
}

/** The programmes a regulator may look at: run by their bureau or below it. */
export function programmesInView<T extends { jurisdictionCode: string }>(
  places: readonly Place[],
  userJurisdiction: string | null | undefined,
  programmes: readonly T[],
): T[] {
  const mine = pathOf(places, userJurisdiction);
  if (!mine) return [];
  return programmes.filter((p) => pathOf(places, p.jurisdictionCode)?.startsWith(mine));
}

/** The tone of an area's row in the usage view: flagged below its minimum, full, or with places left. */
export function usageTone(a: { belowMinimum: boolean; remaining: number; shortfall: number }) {
  if (a.belowMinimum) return 'error' as const;
  if (a.shortfall > 0) return 'warning' as const;
  if (a.remaining === 0) return 'processing' as const;
  return 'success' as const;
}

/** The overrides a DESIGNATE history row says it used (its payload's `quotaOverrides`), for the timeline. */
export function overridesUsed(payload: unknown): { jurisdictionCode: string; extraPlaces: number; reason: string }[] {
  const list = (payload as { quotaOverrides?: unknown } | null)?.quotaOverrides;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (o): o is { jurisdictionCode: string; extraPlaces: number; reason: string } =>
      typeof o?.jurisdictionCode === 'string' && typeof o?.reason === 'string',
  );
}
