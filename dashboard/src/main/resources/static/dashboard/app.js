// The dashboard shell: sign-in, the views each role may open, and the hash routes between them.
import {session, signIn, signOut, getFile} from './api.js';
import {el, clear, saveFile} from './dom.js';
import {isPeriod, defaultPeriod, suggestions} from './periods.js';
import {renderBoard} from './board.js';
import {renderKpi} from './kpi.js';
import {renderPanel, renderAgenda, renderCase} from './people.js';

const $ = id => document.getElementById(id);
const VIEWS = {
  board: {roles: ['analyst', 'admin']},
  kpi: {roles: ['analyst', 'admin']},
  panel: {roles: ['panel-chair']},
  case: {roles: ['practitioner']},
};

function allowed(view, current) {
  return current && VIEWS[view].roles.some(role => current.roles.includes(role));
}

function homeFor(current) {
  return Object.keys(VIEWS).find(view => view !== 'kpi' && allowed(view, current));
}

function show(viewId) {
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${viewId}`;
  for (const link of document.querySelectorAll('#nav a')) {
    const current = link.getAttribute('href') === `#${viewId}` || (viewId === 'kpi' && link.getAttribute('href') === '#board');
    if (current) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  const heading = document.querySelector(`#view-${viewId} h1`);
  document.title = `${heading.textContent} – Youth justice KPI dashboard`;
  heading.focus();
}

function status(text) {
  $('status').textContent = text;
}

function fail(error) {
  const box = $('error');
  clear(box, el('h2', {}, 'There is a problem'), el('p', {}, error.message || String(error)));
  box.hidden = false;
  box.focus();
}

function clearError() {
  $('error').hidden = true;
}

/** Runs a view's loading, reporting failure in the alert region instead of leaving a half-drawn page. */
async function run(task, done) {
  clearError();
  try {
    await task();
    if (done) status(done);
  } catch (error) {
    fail(error);
  }
}

function chrome(current) {
  $('nav').hidden = !current;
  $('who').hidden = !current;
  if (!current) return;
  $('who-name').textContent = `Signed in as ${current.user} (${current.roles.join(', ') || 'no role'})`;
  for (const item of document.querySelectorAll('#nav li')) {
    item.hidden = !item.dataset.role.split(' ').some(role => current.roles.includes(role));
  }
}

function parseHash() {
  const [view, query] = location.hash.replace(/^#/, '').split('?');
  const [name, ...rest] = view.split('/');
  return {name, arg: rest.length ? decodeURIComponent(rest.join('/')) : null, params: new URLSearchParams(query || '')};
}

async function route() {
  const current = session();
  chrome(current);
  clearError();
  if (!current) {
    show('sign-in');
    return;
  }
  const {name, arg, params} = parseHash();
  if (!VIEWS[name] || !allowed(name, current)) {
    const home = homeFor(current);
    if (!home) {
      show('sign-in');
      fail(new Error('Your account has no role that this dashboard serves.'));
      return;
    }
    if (name !== home) {
      location.replace(`#${home}`);
      return;
    }
  }
  if (name === 'board') {
    show('board');
    const service = params.get('service') || $('board-service').value;
    const period = params.get('period') || $('board-period').value || defaultPeriod();
    $('board-service').value = service;
    $('board-period').value = period;
    $('board-print-heading').textContent = `Board report: ${$('board-service').selectedOptions[0]?.textContent ?? service}, `
      + `${period}. Produced ${new Date().toLocaleDateString('en-GB')}.`;
    await run(() => renderBoard($('board'), {service, period}), `Board pack for ${service}, ${period} loaded.`);
  } else if (name === 'kpi') {
    show('kpi');
    const service = params.get('service') || 'leicester-city';
    const period = params.get('period') || defaultPeriod();
    $('kpi-back').href = '#board?' + new URLSearchParams({service, period});
    await run(() => renderKpi($('kpi'), $('kpi-title'), {measure: arg, service, period}), `${arg} loaded.`);
    $('kpi-title').focus();
  } else if (name === 'panel') {
    show('panel');
    await run(() => renderPanel($('panel'), {service: $('panel-service').value, from: $('panel-from').value,
      to: $('panel-to').value}), 'Panel figures loaded.');
  } else if (name === 'case') {
    show('case');
  }
}

function wire() {
  $('board-period').value = defaultPeriod();
  clear($('period-suggestions'), suggestions().map(p => el('option', {value: p})));

  $('sign-in-form').addEventListener('submit', async event => {
    event.preventDefault();
    const username = $('username').value.trim();
    const password = $('password').value;
    if (!username || !password) {
      fail(new Error('Enter your user name and password.'));
      return;
    }
    await run(async () => {
      const current = await signIn(username, password);
      $('password').value = '';
      status(`Signed in as ${current.user}.`);
      location.hash = `#${homeFor(current) ?? 'board'}`;
      await route();
    });
  });

  $('sign-out').addEventListener('click', () => {
    signOut();
    status('Signed out.');
    location.hash = '';
    route();
  });
  window.addEventListener('yjs:signed-out', () => route());

  $('board-form').addEventListener('submit', event => {
    event.preventDefault();
    const period = $('board-period').value.trim();
    if (!isPeriod(period)) {
      fail(new Error('Enter a period such as FY2023-24, 2023-24-Q1, CY2023 or R12-2024-03.'));
      $('board-period').setAttribute('aria-invalid', 'true');
      $('board-period').focus();
      return;
    }
    $('board-period').removeAttribute('aria-invalid');
    const hash = '#board?' + new URLSearchParams({service: $('board-service').value, period});
    if (location.hash === hash) route(); else location.hash = hash;
  });

  $('download-return').addEventListener('click', () => run(async () => {
    const service = $('board-service').value;
    const period = $('board-period').value.trim();
    const {blob, filename} = await getFile('kpi/export/quarterly-return', {service, period},
      `kpi-return-${service}-${period}.csv`);
    saveFile(blob, filename);
  }, 'Quarterly return downloaded.'));

  $('print-report').addEventListener('click', () => window.print());
  window.addEventListener('beforeprint', () => document.querySelectorAll('details').forEach(d => { d.open = true; }));

  const today = new Date();
  const fyStart = today.getMonth() + 1 >= 4 ? today.getFullYear() : today.getFullYear() - 1;
  $('panel-from').value = `${fyStart}-04-01`;
  $('panel-to').value = today.toISOString().slice(0, 10);
  $('panel-form').addEventListener('submit', event => {
    event.preventDefault();
    run(() => renderPanel($('panel'), {service: $('panel-service').value, from: $('panel-from').value, to: $('panel-to').value}),
      'Panel figures loaded.');
  });
  $('agenda-form').addEventListener('submit', event => {
    event.preventDefault();
    const panelId = $('agenda-panel-id').value.trim();
    if (!panelId) {
      fail(new Error('Enter the panel meeting id.'));
      return;
    }
    run(() => renderAgenda($('agenda'), panelId), 'Agenda loaded.');
  });
  $('case-form').addEventListener('submit', event => {
    event.preventDefault();
    const childId = $('case-child-id').value.trim();
    if (!childId) {
      fail(new Error('Enter the child id.'));
      return;
    }
    run(() => renderCase($('case'), childId, $('case-reason').value.trim()), 'Case loaded.');
  });

  window.addEventListener('hashchange', route);
  route();
}

wire();
