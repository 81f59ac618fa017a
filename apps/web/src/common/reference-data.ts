import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';

/** Programmes and jurisdictions: read by many pages, rarely changed. */
export const programmesQuery = queryOptions({
  queryKey: ['programmes'],
  queryFn: () => ok(api.GET('/programmes')),
  staleTime: 60_000,
});

export const jurisdictionsQuery = queryOptions({
  queryKey: ['jurisdictions'],
  queryFn: () => ok(api.GET('/jurisdictions')),
  staleTime: 300_000,
});

export const useProgrammes = () => useQuery(programmesQuery);

export const useJurisdictions = () => useQuery(jurisdictionsQuery);

/** "青岛自贸片区 (370211-FTZ)" for a code, or the code while the list loads. */
export function useJurisdictionName() {
  const { data } = useJurisdictions();
  return (code: string | null | undefined) => {
    if (!code) return '';
    const j = data?.find((x) => x.code === code);
    return j ? `${j.name}（${code}）` : code;
  };
}
