import type { CSSProperties } from 'react';

const NO_WRAP: CSSProperties = { whiteSpace: 'nowrap' };

/**
 * A table column kept on one line, header and cells (a short header such as 大小 or a date beside a long value such
 * as a SHA-256 would otherwise wrap a character per line).
 */
export const noWrap = {
  onHeaderCell: () => ({ style: NO_WRAP }),
  onCell: () => ({ style: NO_WRAP }),
} as const;
