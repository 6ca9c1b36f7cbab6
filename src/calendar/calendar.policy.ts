import type { Actor } from '../platform/authz.js';

/** What can be done with the working-day calendar. */
export type CalendarAction = 'view' | 'edit';

/**
 * Who may do what with the calendar (REGULATIONS §6.2 [Design]): every staff member may view it
 * and use the calculator, since deadlines concern everyone; only a platform administrator may
 * enter or remove a year's arrangement, because it moves every open case's due date.
 */
export function can(actor: Actor, action: CalendarAction): boolean {
  switch (action) {
    case 'view':
      return true;
    case 'edit':
      return actor.isPlatformAdmin;
  }
}
