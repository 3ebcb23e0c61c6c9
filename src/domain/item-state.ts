import type { Item } from './model';

/**
 * Whether an item is still open: neither in a done status nor resolved. Some sites keep a resolved item in a
 * status whose category is not done (devlake's EE-1, resolved in 2020, is "已完成" in the "new" category).
 */
export function isOpen(item: Pick<Item, 'status' | 'resolved'>): boolean {
  return item.status.category !== 'done' && item.resolved === undefined;
}
