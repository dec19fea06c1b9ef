// The Callgate operator console: reads the operator API (/_callgate/…) and redraws the page every
// REFRESH_MS. Strict mode: the operator token is asked for once and kept for this browser session only.
'use strict';

const REFRESH_MS = 2000;
const TOKEN_KEY = 'callgate.operatorToken';
const main = document.getElementById('main');
const live = document.getElementById('live');
let timer = null;
let lastDrawn = '';
let drawnOnce = false;

class ApiError extends Error {
  constructor(status, type, message) { super(message); this.status = status; this.type = type; }
}

async function api(method, path, body) {
  const headers = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch('/_callgate' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch (e) { json = { Message: text }; }
  if (!response.ok) throw new ApiError(response.status, json.__type || '', json.Message || json.message || text);
  return json;
}

const esc = value => String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const fmt = n => Number(n).toLocaleString('en-US');
const time = millis => new Date(millis).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');

function level(used, limit) {
  if (limit <= 0 || used >= limit) return 'full';
  return used / limit >= 0.8 ? 'warn' : 'ok';
}
const LEVEL_WORD = { ok: 'below 80 %', warn: 'at 80 % or more', full: 'at the limit' };

// A usage bar with its numbers in text: the colour is never the only carrier.
function usageBar(used, limit, label) {
  const lvl = level(used, limit);
  const pct = limit > 0 ? Math.min(100, Math.round(used * 100 / limit)) : 100;
  return `<div class="usage" data-level="${lvl}">
      <div class="bar ${lvl}" aria-hidden="true"><span style="width:${pct}%"></span></div>
      <span class="usage-text"><span class="used">${fmt(used)}</span> / <span class="limit">${fmt(limit)}</span>
        <span class="level ${lvl}">${pct} %<span class="visually-hidden"> of ${esc(label)}, ${LEVEL_WORD[lvl]}</span></span></span>
    </div>`;
}

// ---- Pages: each returns HTML from the operator API's answers. ----

async function accountsPage() {
  const [{ accounts }, { instances }] = await Promise.all([api('GET', '/accounts'), api('GET', '/instances')]);
  const accountRows = accounts.map(a => `<tr data-account="${esc(a.accountId)}">
      <td class="mono">${esc(a.accountId)}</td><td>${esc(a.billingEntity)}</td>
      <td>${a.regions.length ? a.regions.map(r => `<div class="region"><span class="mono">${esc(r.region)}</span>
          ${usageBar(r.instances, r.quota, 'instances per region')}</div>`).join('') : '<span class="muted">no instances</span>'}</td>
      <td>${throttleSummary(a.throttle)}</td>
      <td><a href="#/throttle?account=${esc(a.accountId)}">Throttle</a></td></tr>`).join('');
  const instanceRows = instances.map(i => `<tr data-instance="${esc(i.id)}">
      <td><a href="#/instance/${encodeURIComponent(i.id)}">${esc(i.alias || i.id)}</a></td>
      <td class="mono">${esc(i.id)}</td><td class="mono">${esc(i.accountId)}</td><td>${esc(i.region)}</td>
      <td>${esc(i.edition)}</td><td>${esc(time(i.createdAtMillis))}</td></tr>`).join('');
  return `<h1>Accounts and regions</h1>
    ${accounts.length ? `<div class="scroll"><table id="accounts">
      <caption class="visually-hidden">Every account, its billing entity, instances per region against the quota, and its throttle</caption>
      <thead><tr><th scope="col">Account</th><th scope="col">Billing entity</th><th scope="col">Instances per region (quota)</th>
      <th scope="col">Throttle rates</th><th scope="col"><span class="visually-hidden">Links</span></th></tr></thead>
      <tbody>${accountRows}</tbody></table></div>` : '<p class="notice">No account has called yet.</p>'}
    <h2>Instances</h2>
    ${instances.length ? `<div class="scroll"><table id="instances"><thead><tr><th scope="col">Alias</th><th scope="col">Id</th>
      <th scope="col">Account</th><th scope="col">Region</th><th scope="col">Edition</th><th scope="col">Created</th></tr></thead>
      <tbody>${instanceRows}</tbody></table></div>` : '<p class="notice">No instances yet.</p>'}`;
}

function throttleSummary(t) {
  const overrides = Object.entries(t.overrides || {});
  return `<div>General: ${fmt(t.general.rate)}/s, burst ${fmt(t.general.burst)} <span class="muted">(${esc(t.mode)})</span></div>
    ${overrides.length ? `<ul class="overrides">${overrides.map(([op, r]) =>
      `<li><code>${esc(op)}</code> ${fmt(r.rate)}/s, burst ${fmt(r.burst)}</li>`).join('')}</ul>` : '<div class="muted">No overrides</div>'}`;
}

async function instancePage(id) {
  const i = await api('GET', '/instances/' + encodeURIComponent(id));
  const rows = i.quotas.map(q => `<tr data-quota="${esc(q.quota)}">
      <th scope="row">${esc(q.title)}${q.code ? ` <code class="muted">${esc(q.code)}</code>` : ''}</th>
      <td>${usageBar(q.usage, q.value, q.title)}</td>
      <td class="num" data-label="Applied">${fmt(q.value)}</td>
      <td class="num" data-label="Edition">${fmt(q.editionDefault)} ${q.differsFromEdition ? `<span class="tag differs">${q.value > q.editionDefault ? 'raised' : 'lowered'}</span>` : ''}</td></tr>`).join('');
  const differing = i.quotas.filter(q => q.differsFromEdition);
  return `<p><a href="#/accounts">← Accounts</a></p>
    <h1>Instance ${esc(i.alias || i.id)}</h1>
    <div class="card"><dl class="facts">
      <dt>Id</dt><dd class="mono">${esc(i.id)}</dd>
      <dt>Account</dt><dd class="mono">${esc(i.accountId)}</dd>
      <dt>Region</dt><dd>${esc(i.region)}</dd>
      <dt>Edition</dt><dd id="edition">${esc(i.edition)}</dd>
      <dt>Created</dt><dd>${esc(time(i.createdAtMillis))}</dd>
      <dt>Calls</dt><dd>inbound ${i.inboundCalls ? 'on' : 'off'}, outbound ${i.outboundCalls ? 'on' : 'off'} · <a href="#/calls">live calls</a></dd>
    </dl></div>
    <h2>Quotas</h2>
    <p class="muted">Usage against the applied value: green below 80 %, amber from 80 %, red at the limit.</p>
    <div class="scroll"><table id="quotas"><thead><tr><th scope="col">Quota</th><th scope="col">Usage</th>
      <th scope="col" class="num">Applied</th><th scope="col" class="num">Edition ${esc(i.edition)}</th></tr></thead>
      <tbody>${rows}</tbody></table></div>
    <h2>Values that differ from the edition</h2>
    ${differing.length ? `<ul id="differing">${differing.map(q => `<li>${esc(q.title)}: ${fmt(q.value)} (edition ${fmt(q.editionDefault)})</li>`).join('')}</ul>`
      : '<p id="differing" class="muted">None: every applied value is the edition\'s.</p>'}
    <h2>Phone numbers (${i.phoneNumbers.length})</h2>
    ${i.phoneNumbers.length ? `<ul id="numbers">${i.phoneNumbers.map(n => `<li><span class="mono">${esc(n.phoneNumber)}</span>
      <span class="muted mono">${esc(n.phoneNumberId)}</span></li>`).join('')}</ul>` : '<p id="numbers" class="muted">No phone numbers claimed.</p>'}`;
}

async function throttlePage(params) {
  const account = params.get('account') || '';
  const [activity, { accounts }] = await Promise.all([
    api('GET', '/throttle/activity' + (account ? '?accountId=' + encodeURIComponent(account) : '')), api('GET', '/accounts')]);
  const minutes = activity.slotSeconds * (activity.buckets[0]?.slots.length || 60) / 60;
  // An account that only calls (no instance, no override) is known here by its buckets.
  const ids = [...new Set(accounts.map(a => a.accountId).concat(activity.buckets.map(b => b.accountId), account ? [account] : []))].sort();
  const options = ['<option value="">Every account</option>'].concat(ids.map(id =>
    `<option value="${esc(id)}"${id === account ? ' selected' : ''}>${esc(id)}</option>`)).join('');
  const buckets = activity.buckets.map(b => `<article class="card bucket" data-operation="${esc(b.operation)}" data-account="${esc(b.accountId)}">
      <h3><code>${esc(b.service)}:${esc(b.operation)}</code></h3>
      <div class="muted"><span class="mono">${esc(b.accountId)}</span> · ${esc(b.region)} · rate ${fmt(b.rate)}/s, burst ${fmt(b.burst)}</div>
      <p class="counts"><span class="admitted">${fmt(b.admitted)} admitted</span>, <span class="throttled">${fmt(b.throttled)} throttled</span>
        <span class="muted">in the last ${minutes} minutes</span></p>
      ${chart(b, activity.slotSeconds)}
      <div class="axis" aria-hidden="true"><span>${minutes} min ago</span><span>now</span></div>
      <details><summary>Numbers per ${activity.slotSeconds} s</summary>${slotTable(b)}</details>
    </article>`).join('');
  const refused = activity.throttledCalls.map(c => `<tr><td class="nowrap">${esc(time(c.epochMillis))}</td><td class="mono">${esc(c.accountId)}</td>
      <td class="nowrap">${esc(c.region)}</td><td><code>${esc(c.service)}:${esc(c.operation)}</code></td><td class="message">${esc(c.message)}</td></tr>`).join('');
  return `<h1>Throttle</h1>
    <form class="inline" id="throttle-filter"><label for="account">Account</label>
      <select id="account" name="account">${options}</select><button type="submit">Show</button></form>
    <p class="muted">Mode ${esc(activity.mode)}. Calls counted by this node over the last ${minutes} minutes, per bucket
      (account, region, service, operation).</p>
    <div class="legend" aria-hidden="true"><span><i style="background:var(--admitted)"></i>admitted</span>
      <span><i style="background:var(--throttled)"></i>throttled</span></div>
    ${buckets ? `<div class="grid" id="buckets">${buckets}</div>` : '<p class="notice" id="buckets">No calls in the last minutes.</p>'}
    <h2>Throttled calls</h2>
    ${refused ? `<div class="scroll"><table id="throttled"><thead><tr><th scope="col">When</th><th scope="col">Account</th>
      <th scope="col">Region</th><th scope="col">Operation</th><th scope="col">Message the caller got</th></tr></thead>
      <tbody>${refused}</tbody></table></div>` : '<p class="muted" id="throttled">No call was throttled in the last minutes.</p>'}`;
}

// Stacked bars, one per slot: admitted below, throttled on top. The numbers are in the aria label and the table beside it.
function chart(bucket, slotSeconds) {
  const w = 300, h = 60, n = bucket.slots.length, bw = w / n;
  const top = Math.max(1, ...bucket.slots.map(s => s.admitted + s.throttled));
  const bars = bucket.slots.map((s, k) => {
    const ah = s.admitted * h / top, th = s.throttled * h / top, x = (k * bw).toFixed(1);
    return (ah ? `<rect class="a" x="${x}" y="${(h - ah).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${ah.toFixed(1)}"/>` : '')
      + (th ? `<rect class="t" x="${x}" y="${(h - ah - th).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${th.toFixed(1)}"/>` : '');
  }).join('');
  const label = `${bucket.operation}: ${bucket.admitted} admitted and ${bucket.throttled} throttled over ${n} slots of ${slotSeconds} seconds; most in one slot ${top}`;
  return `<svg class="chart" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" role="img" aria-label="${esc(label)}">${bars}</svg>`;
}

function slotTable(bucket) {
  const busy = bucket.slots.filter(s => s.admitted + s.throttled > 0);
  return `<table><thead><tr><th scope="col">From</th><th scope="col" class="num">Admitted</th><th scope="col" class="num">Throttled</th></tr></thead>
    <tbody>${busy.map(s => `<tr><td>${esc(time(s.start))}</td><td class="num">${fmt(s.admitted)}</td>
    <td class="num">${fmt(s.throttled)}</td></tr>`).join('')}</tbody></table>`;
}

const OPEN = new Set(['PENDING', 'CASE_OPENED']);

// Every request, page by page (the listing pages by an opaque nextToken).
async function allRequests() {
  const requests = [];
  let token = null;
  do {
    const page = await api('GET', '/requests?limit=1000' + (token ? '&nextToken=' + encodeURIComponent(token) : ''));
    requests.push(...page.requests);
    token = page.nextToken;
  } while (token);
  return requests;
}

async function requestsPage() {
  const requests = await allRequests();
  const open = requests.filter(r => OPEN.has(r.status));
  const done = requests.filter(r => !OPEN.has(r.status));
  const what = r => `${r.quotaCode ? `${esc(r.quotaName || r.quotaCode)} <code class="muted">${esc(r.quotaCode)}</code>` : esc(r.kind)}
      <div class="muted"><span class="mono">${esc(r.accountId)}</span> · ${esc(r.region)}${r.instanceId ? ` · <a href="#/instance/${encodeURIComponent(r.instanceId)}">${esc(r.instanceId)}</a>` : ''}</div>`;
  const openRows = open.map(r => `<tr data-request="${esc(r.id)}"><td class="mono">${esc(r.id)}</td><td>${what(r)}</td>
      <td class="num">${r.desiredValue == null ? '' : `${fmt(r.currentValue)} → <strong>${fmt(r.desiredValue)}</strong>`}</td><td class="mono">${esc(requester(r.requester))}</td><td>${esc(r.created)}</td>
      <td><form class="inline decide" data-id="${esc(r.id)}">
        <button type="submit" class="primary" name="decision" value="approve">Approve</button>
        <label for="reason-${esc(r.id)}">Reason</label>
        <input type="text" id="reason-${esc(r.id)}" name="reason" aria-required="true">
        <button type="submit" class="danger" name="decision" value="deny">Deny</button>
        <span class="form-error" role="alert"></span></form></td></tr>`).join('');
  const doneRows = done.map(r => `<tr data-request="${esc(r.id)}"><td class="mono">${esc(r.id)}</td><td>${what(r)}</td>
      <td class="num">${r.desiredValue == null ? '' : fmt(r.desiredValue)}</td><td>${esc(r.status)}</td><td>${esc(r.reason || '')}</td><td>${esc(r.lastUpdated)}</td></tr>`).join('');
  return `<h1>Requests</h1>
    <h2>Open</h2>
    ${open.length ? `<div class="scroll"><table id="open-requests"><thead><tr><th scope="col">Id</th><th scope="col">Quota</th>
      <th scope="col" class="num">Value</th><th scope="col">Requester</th><th scope="col">Created</th><th scope="col">Decision</th></tr></thead>
      <tbody>${openRows}</tbody></table></div>` : '<p class="muted" id="open-requests">No request waits for a decision.</p>'}
    <h2>History</h2>
    ${done.length ? `<div class="scroll"><table id="request-history"><thead><tr><th scope="col">Id</th><th scope="col">Quota</th>
      <th scope="col" class="num">Asked</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col">Updated</th></tr></thead>
      <tbody>${doneRows}</tbody></table></div>` : '<p class="muted" id="request-history">No decided requests yet.</p>'}`;
}

// RequestJson's requester is the caller as a JSON string ({"accountId","callerArn"}); the console shows its ARN.
function requester(text) {
  try { return JSON.parse(text).callerArn || text; } catch (e) { return text; }
}

async function decide(form, decision) {
  const id = form.dataset.id;
  const reason = form.elements.reason.value.trim();
  const error = form.querySelector('.form-error');
  if (!reason) {
    error.textContent = 'Give a reason to ' + decision + '.';
    form.elements.reason.focus();
    return;
  }
  try {
    await api('POST', `/requests/${encodeURIComponent(id)}/${decision}`, { reason });
    refresh(true);
  } catch (e) {
    error.textContent = e.message;
  }
}

// One request for every instance's live calls; limit and active are every node's, refused this node's.
async function callsPage() {
  const { instances } = await api('GET', '/calls');
  const sections = instances.map(i => {
    const rows = i.calls.map(c => `<tr data-contact="${esc(c.contactId)}"><td class="mono">${esc(c.contactId)}</td><td>${esc(c.direction)}</td>
        <td class="mono">${esc(c.from || '—')}</td><td class="mono">${esc(c.to || '—')}</td><td>${esc(c.startedAt)}</td>
        <td><button type="button" class="danger end-call" data-contact="${esc(c.contactId)}">End call
        <span class="visually-hidden">${esc(c.contactId)}</span></button></td></tr>`).join('');
    return `<section class="card" data-instance="${esc(i.instanceId)}"><h2><a href="#/instance/${encodeURIComponent(i.instanceId)}" class="mono">${esc(i.instanceId)}</a>
      <span class="muted mono">${esc(i.accountId)}</span></h2>
      ${usageBar(i.active, i.limit, 'concurrent active calls')}
      <p><span class="active">${fmt(i.active)} live of ${fmt(i.limit)} allowed</span> ·
        <span class="refused">${fmt(i.refused)} refused</span> <span class="muted">(refusals counted by this node)</span></p>
      ${rows ? `<div class="scroll"><table><thead><tr><th scope="col">Contact</th><th scope="col">Direction</th><th scope="col">From</th>
        <th scope="col">To</th><th scope="col">Started</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
        <tbody>${rows}</tbody></table></div>` : '<p class="muted">No live calls.</p>'}</section>`;
  });
  return `<h1>Calls</h1>${sections.length ? `<div id="calls">${sections.join('')}</div>` : '<p class="notice">No instances yet.</p>'}`;
}

function tokenForm(message) {
  return `<h1>Operator token</h1>
    <form id="token-form" class="card"><p>This server runs in strict mode: give the operator token
      (<code>--operator-token</code>). It is kept for this browser session only.</p>
      <p class="form-inline"><label for="token">Operator token</label>
      <input type="password" id="token" name="token" autocomplete="current-password" required>
      <button type="submit" class="primary">Open the console</button></p>
      ${message ? `<p class="error" role="alert">${esc(message)}</p>` : ''}</form>`;
}

// ---- Routing and live refresh ----

function route() {
  const [path, query] = (location.hash.replace(/^#/, '') || '/accounts').split('?');
  const parts = path.split('/').filter(Boolean);
  return { page: parts[0] || 'accounts', arg: parts[1] ? decodeURIComponent(parts[1]) : null, params: new URLSearchParams(query || '') };
}

const PAGES = {
  accounts: () => accountsPage(),
  instance: r => instancePage(r.arg),
  throttle: r => throttlePage(r.params),
  requests: () => requestsPage(),
  calls: () => callsPage(),
};

async function refresh(navigated) {
  const r = route();
  document.querySelectorAll('nav a').forEach(a => {
    if (a.dataset.page === r.page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  let html;
  try {
    html = await (PAGES[r.page] || PAGES.accounts)(r);
    live.textContent = 'Live · updated ' + new Date().toLocaleTimeString('en-GB');
    live.classList.remove('stale');
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) {
      stop();
      const hadToken = sessionStorage.getItem(TOKEN_KEY);
      sessionStorage.removeItem(TOKEN_KEY);
      draw(tokenForm(hadToken ? 'That token was refused: ' + e.message : ''), true);
      live.textContent = 'Waiting for the operator token';
      return;
    }
    live.textContent = 'Not updated: ' + e.message;
    live.classList.add('stale');
    if (!navigated) return;
    html = `<h1>Not available</h1><p class="error">${esc(e.message)}</p>`;
  }
  draw(html, navigated);
  if (!timer) timer = setInterval(() => { if (!document.hidden) refresh(false); }, REFRESH_MS);
}

function stop() {
  clearInterval(timer);
  timer = null;
}

// Redraws only when something changed; a live refresh keeps what the operator was typing and where the focus was.
function draw(html, navigated) {
  if (html === lastDrawn && !navigated) return;
  lastDrawn = html;
  const focused = document.activeElement && document.activeElement.id;
  const typed = {};
  if (!navigated) main.querySelectorAll('input[id]').forEach(input => { typed[input.id] = input.value; });
  main.innerHTML = html;
  Object.entries(typed).forEach(([id, value]) => { const input = document.getElementById(id); if (input) input.value = value; });
  if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  // Moving to another page puts the focus at its content; the first page leaves it at the top, by the skip link.
  else if (navigated && drawnOnce) main.focus();
  drawnOnce = true;
}

main.addEventListener('submit', event => {
  const form = event.target;
  event.preventDefault();
  if (form.id === 'token-form') {
    sessionStorage.setItem(TOKEN_KEY, form.elements.token.value);
    refresh(true);
  } else if (form.id === 'throttle-filter') {
    const account = form.elements.account.value;
    location.hash = '#/throttle' + (account ? '?account=' + encodeURIComponent(account) : '');
  } else if (form.classList.contains('decide')) {
    decide(form, event.submitter ? event.submitter.value : 'approve');
  }
});

main.addEventListener('click', async event => {
  const button = event.target.closest('button.end-call');
  if (!button) return;
  button.disabled = true;
  try {
    await api('DELETE', `/calls/${encodeURIComponent(button.dataset.contact)}`);
  } catch (e) {
    live.textContent = 'Could not end the call: ' + e.message;
  }
  refresh(true);
});

window.addEventListener('hashchange', () => refresh(true));
refresh(true);
