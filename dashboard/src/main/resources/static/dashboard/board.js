// The board pack: one card per measure kpi-service lists, each with its quarterly trend and comparators.
import {getJson, ApiError} from './api.js';
import {el, clear, table, formatNumber, humanise} from './dom.js';
import {trendQuarters} from './periods.js';

const COMPARATOR_STYLE = {
  FAMILY: {color: '#00703c', dash: [6, 4]},
  REGIONAL: {color: '#912b88', dash: [2, 3]},
  NATIONAL: {color: '#505a5f', dash: [10, 4]},
};
const charts = [];
let generation = 0; // a newer request for the board pack wins over one still loading

/**
 * The measures /api/kpi/measures lists, in its order. A measure's title is its rule's latest title
 * where the rule is the measure's own; measures sharing a rule (the reoffending figures, the KPI 4
 * and 5 funnels) are named after themselves.
 */
export async function measures() {
  const [list, rules] = await Promise.all([getJson('kpi/measures'), getJson('kpi/rules').catch(() => [])]);
  const latestTitle = new Map();
  for (const rule of Array.isArray(rules) ? rules : []) {
    if (!rule || typeof rule.measure !== 'string') continue;
    const seen = latestTitle.get(rule.measure);
    if (!seen || (rule.version ?? 0) > (seen.version ?? 0)) latestTitle.set(rule.measure, rule);
  }
  return (Array.isArray(list) ? list : [])
    .filter(measure => measure && typeof measure.name === 'string')
    .map(measure => ({
      name: measure.name,
      title: (measure.rule === measure.name && latestTitle.get(measure.name)?.title) || humanise(measure.name),
    }));
}

export async function renderBoard(container, {service, period}) {
  const mine = ++generation;
  charts.splice(0).forEach(chart => chart.destroy());
  container.setAttribute('aria-busy', 'true');
  container.dataset.state = 'loading';
  container.dataset.service = service;
  container.dataset.period = period;
  clear(container, el('p', {}, 'Loading the board pack…'));
  const [list, comparators] = await Promise.all([
    measures(),
    getJson('kpi/comparators', {service}).catch(() => []),
  ]);
  if (mine !== generation) return;
  clear(container);
  if (list.length === 0) container.append(el('p', {}, 'kpi-service lists no measures.'));
  const cards = list.map(measure => {
    const card = el('article', {class: 'card', dataset: {measure: measure.name}, 'aria-labelledby': `card-${measure.name}-title`},
      el('h2', {id: `card-${measure.name}-title`}, measure.title),
      el('p', {}, 'Loading…'));
    container.append(card);
    return renderCard(card, measure, service, period, comparators).catch(error => {
      clear(card, el('h2', {id: `card-${measure.name}-title`}, measure.title),
        el('p', {class: 'note'}, `This measure cannot be shown: ${error.message}`));
      card.dataset.state = 'unavailable';
    });
  });
  await Promise.all(cards);
  if (mine !== generation) return;
  container.setAttribute('aria-busy', 'false');
  container.dataset.state = 'ready';
}

async function renderCard(card, measure, service, period, comparators) {
  const params = {service, period};
  const [figure, rag] = await Promise.all([
    getJson(`kpi/${encodeURIComponent(measure.name)}`, params),
    getJson(`kpi/${encodeURIComponent(measure.name)}/rag`, params).catch(() => null),
  ]);
  if (!figure || typeof figure.numerator !== 'number') {
    throw new Error('its figure has a shape this dashboard does not know (no numerator)');
  }
  const titleId = `card-${measure.name}-title`;
  const detail = `#kpi/${encodeURIComponent(measure.name)}?` + new URLSearchParams(params);
  clear(card,
    el('h2', {id: titleId}, measure.title),
    el('p', {class: 'headline'},
      el('span', {class: 'rate'}, figure.rate == null ? 'No rate' : formatNumber(figure.rate)),
      el('span', {class: 'unit'}, ` per ${formatNumber(figure.ratePer)}`),
      figure.provisional ? el('span', {class: 'tag'}, 'Provisional') : null),
    ragBadge(rag),
    el('dl', {class: 'facts'},
      fact('Numerator', formatNumber(figure.numerator), 'numerator'),
      fact('Denominator', formatNumber(figure.denominator), 'denominator'),
      fact('Rate basis', `per ${formatNumber(figure.ratePer)}: ${figure.populationBasis ?? ''}`, 'basis'),
      fact('Change on last year', change(figure.sameTimeLastYear), 'change'),
      fact('Rule version', String(figure.ruleVersion ?? ''), 'rule-version'),
      fact('Period', `${figure.period ?? period} (${figure.from} to ${figure.to})`, 'period')),
    el('p', {class: 'no-print'}, el('a', {href: detail, class: 'detail-link'},
      'Details, breakdowns and children', el('span', {class: 'visually-hidden'}, `: ${measure.title}`))));
  card.append(await trend(measure, service, period, comparators));
  card.dataset.state = 'ready';
}

function fact(term, value, key) {
  return el('div', {dataset: {fact: key}}, el('dt', {}, term), el('dd', {class: key}, value));
}

export function change(yoy) {
  if (!yoy) return 'not available';
  const last = `last year ${formatNumber(yoy.numerator)} (rate ${formatNumber(yoy.rate)})`;
  if (yoy.convention === 'PERCENTAGE_POINTS') {
    return yoy.changeInRate == null ? `no change computable; ${last}` : `${signed(yoy.changeInRate)} percentage points; ${last}`;
  }
  return yoy.changePercent == null ? `no finite change (last year was 0); ${last}` : `${signed(yoy.changePercent)}%; ${last}`;
}

function signed(value) {
  const n = Number(value);
  return (n > 0 ? '+' : '') + formatNumber(n);
}

function ragBadge(rag) {
  if (!rag) return el('p', {class: 'rag rag-none'}, 'RAG: not set for this measure');
  if (!rag.rag) return el('p', {class: 'rag rag-none'}, `RAG: not judged. ${rag.explanation ?? ''}`);
  return el('p', {class: `rag rag-${rag.rag.toLowerCase()}`},
    el('strong', {}, `RAG: ${humanise(rag.rag)}`), rag.explanation ? ` — ${rag.explanation}` : '');
}

/** The last 8 quarters, one request each, with every comparator entered for exactly those quarters. */
async function trend(measure, service, period, comparators) {
  const quarters = trendQuarters(period);
  const figures = await Promise.all(quarters.map(quarter =>
    getJson(`kpi/${encodeURIComponent(measure.name)}`, {service, period: quarter}).catch(error => ({error}))));
  const values = figures.map(f => (f && !f.error && f.rate != null ? Number(f.rate) : null));
  const lines = Object.keys(COMPARATOR_STYLE).map(comparator => ({
    comparator,
    values: figures.map(f => {
      const match = !f || f.error ? null : comparators.find(c => c.measure === measure.name
        && c.comparator === comparator && c.from === f.from && c.to === f.to);
      return match ? Number(match.rate) : null;
    }),
  })).filter(line => line.values.some(v => v !== null));

  const caption = `${measure.title}: rate per ${formatNumber(figures.find(f => f && f.ratePer)?.ratePer ?? '')}, `
    + `${quarters[0]} to ${quarters[quarters.length - 1]}`;
  const canvasId = `trend-${measure.name}`;
  const canvas = el('canvas', {id: canvasId, role: 'img', class: 'trend',
    'aria-label': `Chart: ${caption}. The table below gives the same figures.`});
  const figure = el('figure', {class: 'chart'},
    el('div', {class: 'chart-box'}, canvas),
    el('figcaption', {}, `Quarterly trend. ${caption}.`),
    el('details', {class: 'trend-table'}, el('summary', {}, 'Trend as a table'),
      table({caption, columns: ['Quarter', 'Rate', 'Numerator', ...lines.map(l => humanise(l.comparator))],
        numeric: [1, 2, ...lines.map((_, i) => i + 3)], rowHeaders: true,
        rows: quarters.map((q, i) => [q, figures[i].error ? 'not available' : formatNumber(values[i]),
          figures[i].error ? '' : formatNumber(figures[i].numerator), ...lines.map(l => formatNumber(l.values[i]))])})));
  drawWhenAttached(canvas, quarters, values, lines);
  return figure;
}

function drawWhenAttached(canvas, labels, values, lines) {
  requestAnimationFrame(() => {
    if (!window.Chart) {
      canvas.replaceWith(el('p', {class: 'note'}, 'The chart library did not load; the table gives the figures.'));
      return;
    }
    charts.push(new window.Chart(canvas, {
      type: 'line',
      data: {
        labels,
        datasets: [
          {label: 'This service', data: values, borderColor: '#1d70b8', backgroundColor: '#1d70b8', borderWidth: 3,
            pointRadius: 4, spanGaps: true},
          ...lines.map(line => ({label: humanise(line.comparator), data: line.values,
            borderColor: COMPARATOR_STYLE[line.comparator].color, backgroundColor: COMPARATOR_STYLE[line.comparator].color,
            borderDash: COMPARATOR_STYLE[line.comparator].dash, borderWidth: 2, pointRadius: 2, spanGaps: true})),
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {y: {beginAtZero: true, ticks: {color: '#0b0c0c'}}, x: {ticks: {color: '#0b0c0c'}}},
        plugins: {legend: {labels: {color: '#0b0c0c'}}},
      },
    }));
  });
}

export {ApiError};
