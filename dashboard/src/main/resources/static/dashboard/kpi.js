// One KPI: numerator and denominator, breakdowns with the relative rate index, and the children behind it.
import {getJson} from './api.js';
import {el, clear, table, definitionList, formatNumber, humanise, toCsv, saveFile} from './dom.js';
import {change} from './board.js';

const DIMENSIONS = ['sex', 'ethnicity', 'age-band', 'looked-after', 'send'];

export async function renderKpi(container, title, {measure, service, period}) {
  const params = {service, period};
  const path = `kpi/${encodeURIComponent(measure)}`;
  container.setAttribute('aria-busy', 'true');
  container.dataset.state = 'loading';
  clear(container, el('p', {}, 'Loading…'));
  const [figure, breakdowns, drill] = await Promise.all([
    getJson(path, params),
    Promise.all(DIMENSIONS.map(by => getJson(`${path}/breakdown`, {...params, by}).catch(error => ({by, error})))),
    getJson(`${path}/children`, params).catch(error => ({error})),
  ]);
  title.textContent = `${humanise(measure)}: ${humanise(service)}, ${period}`;
  clear(container,
    el('section', {'aria-labelledby': 'kpi-figure-title'},
      el('h2', {id: 'kpi-figure-title'}, 'The figure'),
      definitionList([
        ['Numerator', formatNumber(figure.numerator), {id: 'kpi-numerator'}],
        ['Denominator', formatNumber(figure.denominator), {id: 'kpi-denominator'}],
        ['Rate', `${formatNumber(figure.rate)} per ${formatNumber(figure.ratePer)}`],
        ['Population basis', figure.populationBasis],
        ['Change on last year', change(figure.sameTimeLastYear)],
        ['Rule version', String(figure.ruleVersion)],
        ['Period', `${figure.from} to ${figure.to}${figure.provisional ? ' (provisional)' : ''}`],
      ])),
    el('section', {'aria-labelledby': 'kpi-breakdowns-title'},
      el('h2', {id: 'kpi-breakdowns-title'}, 'Breakdowns'),
      el('p', {}, 'The relative rate index compares each group\u2019s rate with the reference group\u2019s.'),
      breakdowns.map(breakdownTable)),
    el('section', {'aria-labelledby': 'kpi-children-title'},
      el('h2', {id: 'kpi-children-title'}, 'Children counted'),
      drillDown(drill, measure, service, period)));
  container.setAttribute('aria-busy', 'false');
  container.dataset.state = 'ready';
}

function breakdownTable(breakdown) {
  if (breakdown.error) {
    return el('p', {class: 'note'}, `By ${breakdown.by}: not available (${breakdown.error.message}).`);
  }
  const groups = Array.isArray(breakdown.groups) ? breakdown.groups : [];
  return table({
    id: `breakdown-${breakdown.by}`,
    caption: `By ${humanise(breakdown.by).toLowerCase()} (reference group ${breakdown.referenceGroup ?? 'none'}; `
      + `${breakdown.populationBasis ?? ''})`,
    columns: ['Group', 'Numerator', 'Population', `Rate per ${formatNumber(breakdown.ratePer)}`, 'Relative rate index'],
    numeric: [1, 2, 3, 4],
    rowHeaders: true,
    rows: groups.map(g => [humanise(g.group), formatNumber(g.numerator), g.denominator == null ? 'not split' : formatNumber(g.denominator),
      g.rate == null ? '' : formatNumber(g.rate), g.relativeRateIndex == null ? '' : formatNumber(g.relativeRateIndex)]),
  });
}

const CHILD_COLUMNS = [
  ['childId', 'Child id'], ['eventId', 'Event id'], ['outcomeCode', 'Outcome'], ['outcomeDate', 'Outcome date'],
  ['recordedAt', 'Recorded at'], ['ageOnOutcomeDate', 'Age on outcome date'], ['sex', 'Sex'], ['ethnicity', 'Ethnicity'],
];

function drillDown(drill, measure, service, period) {
  if (drill.error) {
    return el('p', {class: 'note'}, `The drill-down is not available: ${drill.error.message}`);
  }
  const counted = Array.isArray(drill.counted) ? drill.counted : [];
  const download = () => {
    const csv = toCsv(CHILD_COLUMNS.map(([key]) => key), counted.map(entry => CHILD_COLUMNS.map(([key]) => entry[key])));
    saveFile(new Blob([csv], {type: 'text/csv;charset=utf-8'}), `${measure}-${service}-${period}-children.csv`);
  };
  return el('div', {},
    el('p', {}, `${counted.length} counted under rule version ${drill.ruleVersion}. Pseudonymous ids only.`),
    el('p', {class: 'no-print'}, el('button', {type: 'button', class: 'button-secondary', id: 'download-children', onclick: download},
      'Download these children (CSV)')),
    table({
      id: 'drilldown',
      caption: `Children and events counted in the numerator`,
      columns: CHILD_COLUMNS.map(([, label]) => label),
      numeric: [5],
      rowHeaders: true,
      rows: counted.map(entry => CHILD_COLUMNS.map(([key]) => key === 'outcomeCode' || key === 'ethnicity'
        ? humanise(entry[key]) : entry[key])),
    }));
}
