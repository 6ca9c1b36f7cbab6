import type { DayEntry } from './calendar.model.js';
import y2019 from './data/2019.json' with { type: 'json' };
import y2020 from './data/2020.json' with { type: 'json' };
import y2021 from './data/2021.json' with { type: 'json' };
import y2022 from './data/2022.json' with { type: 'json' };
import y2023 from './data/2023.json' with { type: 'json' };
import y2024 from './data/2024.json' with { type: 'json' };
import y2025 from './data/2025.json' with { type: 'json' };
import y2026 from './data/2026.json' with { type: 'json' };

export interface ShippedYear {
  year: number;
  source: string;
  papers: string[];
  days: DayEntry[];
}

/**
 * The official arrangements shipped with the platform (REGULATIONS.md §6.2): 2019–2026 from the
 * State Council notices via holiday-cn and chinese-days (MIT). Regenerate with
 * scripts/gen-calendar-data.mjs. Administrator overrides in the database replace a whole year.
 */
export const SHIPPED_YEARS: readonly ShippedYear[] = [
  y2019,
  y2020,
  y2021,
  y2022,
  y2023,
  y2024,
  y2025,
  y2026,
];
