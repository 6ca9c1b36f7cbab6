// Regenerates src/calendar/data/YYYY.json, the official holiday arrangements shipped with
// Gongkai (REGULATIONS.md §6.2). 2022 onward come from holiday-cn (shared/data/holiday-cn,
// MIT); 2019–2021 from the chinese-days package (MIT), which includes the 2020 春节 extension.
// Usage: npm i --no-save chinese-days@1.5.7 && node scripts/gen-calendar-data.mjs [HOLIDAY_CN_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const out = path.resolve('src/calendar/data');
const holidayCn = process.argv[2] ?? path.resolve('../shared/data/holiday-cn');
const cd = require('chinese-days/dist/chinese-days.json');

function fromChineseDays(year) {
  const days = [];
  const add = (table, isOffDay) => {
    for (const [date, v] of Object.entries(table)) {
      const name = v.split(',')[1];
      const y = Number(date.slice(0, 4));
      // Late-December days of the next year's 元旦 arrangement belong to that year's notice.
      const noticeYear = date.slice(5, 7) === '12' && name === '元旦' ? y + 1 : y;
      if (noticeYear === year) days.push({ date, name, isOffDay });
    }
  };
  add(cd.holidays, true);
  add(cd.workdays, false);
  days.sort((a, b) => a.date.localeCompare(b.date));
  return {
    year,
    source: 'chinese-days 1.5.7 (MIT), from the State Council notices',
    papers: [],
    days,
  };
}

for (let year = 2019; year <= 2026; year++) {
  let data;
  const file = path.join(holidayCn, `${year}.json`);
  if (year >= 2022 && fs.existsSync(file)) {
    const h = JSON.parse(fs.readFileSync(file, 'utf8'));
    data = {
      year,
      source: 'holiday-cn (MIT), from the State Council notice',
      papers: h.papers,
      days: h.days.map((d) => ({ date: d.date, name: d.name, isOffDay: d.isOffDay })),
    };
    const other = fromChineseDays(year);
    const key = (d) => `${d.date}:${d.isOffDay}`;
    const a = new Set(data.days.map(key));
    const b = new Set(other.days.map(key));
    const diff = [...a].filter((x) => !b.has(x)).concat([...b].filter((x) => !a.has(x)));
    if (diff.length) console.warn(`${year}: holiday-cn and chinese-days differ: ${diff.join(' ')}`);
  } else {
    data = fromChineseDays(year);
  }
  fs.writeFileSync(path.join(out, `${year}.json`), `${JSON.stringify(data, null, 1)}\n`);
  console.log(`${year}: ${data.days.length} days`);
}
