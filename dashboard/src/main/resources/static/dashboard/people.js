// What panel chairs and practitioners see: the panel's work and a child's case timeline.
import {getJson} from './api.js';
import {el, clear, table, definitionList, formatNumber, humanise} from './dom.js';

export async function renderPanel(container, {service, from, to}) {
  clear(container, el('p', {}, 'Loading…'));
  const [awaiting, timeliness, meetings] = await Promise.all([
    getJson('referrals', {status: 'AWAITING', youthJusticeService: service}),
    getJson('timeliness', {from, to, youthJusticeService: service}),
    getJson('panels', {from, to}).catch(() => []),
  ]);
  // The meetings of the period, offered as suggestions in the agenda form's meeting id field.
  const suggestions = document.getElementById('meetings');
  if (suggestions) {
    clear(suggestions, ...meetings.map(m => el('option', {value: m.panelId}, `${m.meetingDate}`)));
  }
  clear(container,
    el('h2', {}, 'Timeliness'),
    definitionList([
      ['Decided', formatNumber(timeliness.decided)],
      ['Decided in time', formatNumber(timeliness.decidedInTime)],
      ['Share decided in time', timeliness.shareDecidedInTime == null ? 'none decided'
        : `${formatNumber(Number(timeliness.shareDecidedInTime) * 100)}%`],
      ['Average working days, referral to decision', formatNumber(timeliness.averageWorkingDays)],
      ['Undecided and overdue now', formatNumber(timeliness.undecidedOverdue)],
    ]),
    el('h2', {}, 'Referrals awaiting a decision'),
    awaiting.length === 0 ? el('p', {}, 'No referral is awaiting the panel.') : table({
      id: 'awaiting',
      caption: `${awaiting.length} referrals awaiting, the soonest due first`,
      columns: ['Referral', 'Child id', 'Service', 'Referred', 'Decision due', 'Overdue', 'Assessment', 'Victims contacted'],
      rowHeaders: true,
      rows: awaiting.map(r => [r.referralId, r.childId, humanise(r.youthJusticeService), r.referralDate, r.decisionDueDate,
        r.overdue ? 'Overdue' : 'No', humanise(r.assessmentStatus), String((r.victims || []).length)]),
    }));
}

export async function renderAgenda(container, panelId) {
  clear(container, el('p', {}, 'Loading…'));
  const agenda = await getJson(`panels/${encodeURIComponent(panelId)}/agenda`);
  const cases = agenda.cases || [];
  clear(container,
    el('p', {}, `Meeting ${agenda.panelId} on ${agenda.meetingDate}: `
      + (agenda.quorate == null ? 'attendance not recorded.' : agenda.quorate ? 'quorate.' : 'not quorate.')),
    cases.length === 0 ? el('p', {}, 'No case is listed.') : table({
      id: 'agenda-table',
      caption: `Cases on the agenda of ${agenda.panelId}`,
      columns: ['Child id', 'Offence', 'On the agenda', 'Assessment', 'Victims', 'Overdue', 'Outcome', 'Note'],
      rowHeaders: true,
      rows: cases.map(item => {
        const r = item.referral || {};
        return [r.childId, r.offenceId, humanise(item.agendaState), humanise(r.assessmentStatus),
          (r.victims || []).map(v => humanise(v.result)).join(', ') || 'none recorded', r.overdue ? 'Overdue' : 'No',
          humanise(r.outcomeCode), item.note];
      }),
    }));
}

export async function renderCase(container, childId, reason) {
  clear(container, el('p', {}, 'Loading…'));
  const view = await getJson(`cases/${encodeURIComponent(childId)}`, null, reason ? {'X-Access-Reason': reason} : {});
  clear(container,
    el('h2', {}, `Child ${view.childId}`),
    definitionList([
      ['Youth justice service', humanise(view.youthJusticeService)],
      ['Sex', humanise(view.sex)],
      ['Ethnicity', humanise(view.ethnicity)],
      ['Local authority', view.localAuthority],
    ]),
    el('h2', {}, 'Offences'),
    table({
      caption: 'Offences and their outcomes',
      columns: ['Offence', 'Date', 'Category', 'Gravity', 'Admitted', 'Outcome', 'Outcome date'],
      rowHeaders: true,
      rows: (view.offences || []).map(o => [o.offenceId, o.offenceDate, humanise(o.offenceCategory), o.gravityScore,
        o.admitted ? 'Yes' : 'No', humanise(o.outcomeCode), o.outcomeDate]),
    }),
    el('h2', {}, 'Timeline'),
    el('ol', {class: 'timeline', id: 'timeline'}, (view.timeline || []).map(entry =>
      el('li', {},
        el('p', {class: 'timeline-event'}, el('strong', {}, String(entry.event ?? '').replace(/([a-z])([A-Z])/g, '$1 $2'))),
        el('p', {class: 'hint'}, `Recorded ${new Date(entry.recordedAt).toLocaleString('en-GB')} by ${entry.recordedBy ?? 'unknown'}`),
        facts(entry.fact)))));
}

function facts(fact) {
  if (!fact || typeof fact !== 'object') return null;
  const pairs = Object.entries(fact).filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => [humanise(k.replace(/([a-z])([A-Z])/g, '$1_$2')), String(v)]);
  return pairs.length ? definitionList(pairs, 'facts compact') : null;
}
