import { FilterNode } from '../filter/filter-ast';

export type SortDirection = 'asc' | 'desc';

export interface OrderKey {
  field: string;
  direction: SortDirection;
}

/** A list request after parsing: what a repository needs to build one page. */
export interface ListQuery {
  top: number;
  cursor?: CursorState;
  filter?: FilterNode;
  select?: string[];
  orderBy: OrderKey[];
}

/** What an opaque cursor holds: the sort values and id of the last row served. */
export interface CursorState {
  values: unknown[];
  id: string;
  /** Fingerprint of filter + orderby, so a cursor cannot be replayed on another query. */
  q: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
  totalCount?: number;
}

export const DEFAULT_TOP = 100;
export const MAX_TOP = 1000;
