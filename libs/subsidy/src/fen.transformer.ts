/** bigint columns come back from pg as strings; amounts in fen stay well inside Number's safe range */
export const fen = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };
