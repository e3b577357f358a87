// Reporting periods as kpi-service names them, and the quarters behind a trend.

const PATTERNS = [
  [/^FY(\d{4})-(\d{2})$/, m => date(Number(m[1]) + 1, 3, 31)],
  [/^(\d{4})-(\d{2})-Q([1-4])$/, m => quarterEnd(Number(m[1]), Number(m[3]))],
  [/^CY(\d{4})$/, m => date(Number(m[1]), 12, 31)],
  [/^R12-(\d{4})-(\d{2})$/, m => date(Number(m[1]), Number(m[2]) + 1, 0)],
];

function date(year, month, day) {
  return new Date(Date.UTC(year, month - 1, day));
}

/** Last day of quarter q (1 = April to June) of the financial year starting in April of fyStart. */
function quarterEnd(fyStart, q) {
  return q === 4 ? date(fyStart + 1, 3, 31) : date(fyStart, 3 + 3 * q + 1, 0);
}

export function isPeriod(text) {
  return PATTERNS.some(([pattern]) => pattern.test(text));
}

/** The period's last day, or null when kpi-service would not know the name. */
export function periodEnd(text) {
  for (const [pattern, end] of PATTERNS) {
    const m = pattern.exec(text);
    if (m) return end(m);
  }
  return null;
}

export function quarterName(fyStart, q) {
  return `${fyStart}-${String((fyStart + 1) % 100).padStart(2, '0')}-Q${q}`;
}

/** The `count` quarters ending with the one that holds the period's last day, oldest first. */
export function trendQuarters(period, count = 8) {
  const end = periodEnd(period);
  if (!end) return [];
  const month = end.getUTCMonth() + 1;
  let fyStart = month >= 4 ? end.getUTCFullYear() : end.getUTCFullYear() - 1;
  let q = month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4;
  const quarters = [];
  for (let i = 0; i < count; i++) {
    quarters.unshift(quarterName(fyStart, q));
    if (--q === 0) {
      q = 4;
      fyStart--;
    }
  }
  return quarters;
}

/** The last complete financial year, and suggestions around it. */
export function defaultPeriod(today = new Date()) {
  const fyStart = (today.getMonth() + 1 >= 4 ? today.getFullYear() : today.getFullYear() - 1) - 1;
  return `FY${fyStart}-${String((fyStart + 1) % 100).padStart(2, '0')}`;
}

export function suggestions(today = new Date()) {
  const fyStart = today.getMonth() + 1 >= 4 ? today.getFullYear() : today.getFullYear() - 1;
  const list = [];
  for (let y = fyStart; y > fyStart - 4; y--) {
    list.push(`FY${y}-${String((y + 1) % 100).padStart(2, '0')}`);
    for (let q = 1; q <= 4; q++) list.push(quarterName(y, q));
    list.push(`CY${y}`);
  }
  return list;
}
