// Small DOM helpers: no framework, text always set with textContent (never innerHTML), so data cannot inject markup.

/** el('td', {class: 'num'}, 'text', childNode, ...) */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
}

export function clear(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/**
 * A table with a caption and column headers; rows are arrays of cells (text or nodes). The first
 * cell of each row is a row header when rowHeaders is true.
 */
export function table({caption, columns, rows, id, numeric = [], rowHeaders = false, className = 'data'}) {
  return el('div', {class: 'table-scroll'},
    el('table', {class: className, id},
      caption ? el('caption', {}, caption) : null,
      el('thead', {}, el('tr', {}, columns.map((c, i) =>
        el('th', {scope: 'col', class: numeric.includes(i) ? 'num' : null}, c)))),
      el('tbody', {}, rows.map(row => el('tr', {}, row.map((cell, i) =>
        el(rowHeaders && i === 0 ? 'th' : 'td',
          {scope: rowHeaders && i === 0 ? 'row' : null, class: numeric.includes(i) ? 'num' : null},
          cell ?? '')))))));
}

export function definitionList(pairs, className = 'facts') {
  return el('dl', {class: className}, pairs.filter(p => p).map(([term, value, attrs]) =>
    el('div', {}, el('dt', {}, term), el('dd', attrs ?? {}, value ?? 'not given'))));
}

const numbers = new Intl.NumberFormat('en-GB', {maximumFractionDigits: 2});

export function formatNumber(value) {
  if (value === null || value === undefined || value === '') return '';
  const n = Number(value);
  return Number.isFinite(n) ? numbers.format(n) : String(value);
}

/** CSV per RFC 4180; cells that a spreadsheet would run as a formula are prefixed with an apostrophe. */
export function toCsv(header, rows) {
  const cell = value => {
    let text = value === null || value === undefined ? '' : String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replaceAll('"', '""') + '"' : text;
  };
  return [header, ...rows].map(row => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function saveFile(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = el('a', {href: url, download: filename, hidden: true});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// Abbreviations the seeds write in capitals, kept so in a humanised code (ete-statutory-orders: ETE ...).
const ABBREVIATIONS = new Set(['ete', 'send', 'aln', 'fte', 'oocd', 'psr', 'qa', 'rj', 'yro', 'dto', 'kpi', 'yjs', 'ehcp']);

export function humanise(code) {
  if (code === null || code === undefined) return '';
  const text = String(code).replaceAll('_', ' ').replaceAll('-', ' ').toLowerCase()
    .split(' ').map(word => ABBREVIATIONS.has(word) ? word.toUpperCase() : word).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
