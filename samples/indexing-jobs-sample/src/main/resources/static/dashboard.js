// The sample's dashboard, in plain JavaScript (no build step, no library): it reads the sample's own endpoints
// (GET /jobs, /knowledge-bases, /budget), follows each running job through GET /jobs/{uuid}/events and closes
// that stream once the job has ended. Every failure of the API is shown from its problem details.
'use strict';

(() => {
    // How often the job list is read again, so that a job started elsewhere appears (one DigitalOcean request).
    const JOBS_EVERY_MS = 3000;
    // How often the budget is read again (no DigitalOcean request: the client's own counts).
    const BUDGET_EVERY_MS = 2000;
    // How often each knowledge base's schedule is read again (one DigitalOcean request each).
    const SCHEDULES_EVERY_MS = 30000;
    const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
    // While the page is hidden, the polls slow down to spare the token's requests.
    const HIDDEN_EVERY_MS = 15000;
    // Browsers open at most six HTTP/1.1 connections to one server: a few event streams, and the rest for the
    // polls and the buttons. Running jobs beyond these are updated by the list poll.
    const MAX_STREAMS = 4;
    const SHOWN_JOBS = 20;
    const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'ERROR', 'CANCELLED']);
    const FINISHED_SOURCE = new Set(['UPDATED', 'PARTIALLY_UPDATED', 'NOT_UPDATED', 'FAILED']);

    const jobs = new Map();        // uuid -> latest job
    const cards = new Map();       // uuid -> <li>
    const streams = new Map();     // uuid -> EventSource
    let knowledgeBases = [];

    const $ = (id) => document.getElementById(id);

    // ---- Talking to the sample ------------------------------------------------------------------------------

    class Problem extends Error {
        constructor(title, detail, status) {
            super(detail ? `${title}: ${detail}` : title);
            this.title = title;
            this.detail = detail;
            this.status = status;
        }
    }

    // fetch, then the JSON body; a failure becomes a Problem from the RFC 9457 body when there is one.
    async function api(path, options = {}) {
        let response;
        try {
            response = await fetch(path, { headers: { Accept: 'application/json' }, ...options });
        } catch (failure) {
            throw new Problem('The sample application did not answer', 'is it still running?', 0);
        }
        if (response.ok) {
            return response.status === 204 ? null : response.json();
        }
        let body = null;
        try {
            body = await response.json();
        } catch (ignored) {
            // not JSON: the status says enough
        }
        const title = (body && body.title) || `HTTP ${response.status}`;
        const detail = (body && body.detail) || response.statusText || '';
        const problem = new Problem(title, detail, response.status);
        problem.body = body;
        throw problem;
    }

    // ---- Notices ----------------------------------------------------------------------------------------------

    // One notice per source ("jobs", "budget", "start", "cancel"): a later failure of the same source replaces
    // it, and a poll that succeeds again clears its own.
    function showNotice(source, problem, dismissible) {
        let notice = document.querySelector(`#notices .notice[data-source="${source}"]`);
        if (!notice) {
            notice = document.createElement('div');
            notice.className = 'notice';
            notice.dataset.source = source;
            notice.setAttribute('role', 'alert');
            const text = document.createElement('p');
            notice.append(text);
            if (dismissible) {
                const close = document.createElement('button');
                close.type = 'button';
                close.className = 'secondary';
                close.textContent = 'Dismiss';
                close.setAttribute('aria-label', 'Dismiss this notice');
                close.addEventListener('click', () => notice.remove());
                notice.append(close);
            }
            $('notices').append(notice);
        }
        notice.classList.toggle('rate-limit', problem.status === 429);
        const extra = problem.body && problem.body.gradientRequestId
            ? ` (DigitalOcean request ${problem.body.gradientRequestId})` : '';
        notice.querySelector('p').textContent = `${problem.title}${problem.detail ? ': ' + problem.detail : ''}${extra}`;
    }

    function clearNotice(source) {
        const notice = document.querySelector(`#notices .notice[data-source="${source}"]`);
        if (notice) {
            notice.remove();
        }
    }

    // ---- Jobs -------------------------------------------------------------------------------------------------

    function isTerminal(job) {
        return TERMINAL.has(job.phase);
    }

    function sources(job) {
        return job.dataSourceJobs || [];
    }

    // As the terminal demo computes it: finished data sources count whole, the running one by its items.
    function percent(job) {
        if (job.phase === 'SUCCEEDED') {
            return 100;
        }
        const total = job.totalDatasources != null ? job.totalDatasources : sources(job).length;
        if (!total) {
            return 0;
        }
        let done = sources(job).length ? 0 : (job.completedDatasources || 0);
        for (const source of sources(job)) {
            if (FINISHED_SOURCE.has(source.status)) {
                done += 1;
            } else if (source.totalFileCount) {
                const seen = Number(source.indexedItemCount || 0) + Number(source.failedItemCount || 0)
                    + Number(source.skippedItemCount || 0);
                done += Math.min(1, seen / Number(source.totalFileCount));
            }
        }
        return Math.min(100, Math.floor(done * 100 / total));
    }

    function items(job) {
        let indexed = 0;
        let total = 0;
        for (const source of sources(job)) {
            indexed += Number(source.indexedItemCount || 0);
            total += Number(source.totalFileCount || 0);
        }
        return { indexed, total };
    }

    function formatTime(iso) {
        if (!iso) {
            return null;
        }
        const date = new Date(iso);
        const sameDay = date.toDateString() === new Date().toDateString();
        return sameDay ? date.toLocaleTimeString() : date.toLocaleString();
    }

    function knowledgeBaseName(uuid) {
        const kb = knowledgeBases.find((candidate) => candidate.uuid === uuid);
        return kb ? kb.name : uuid;
    }

    // A newer state wins; a terminal one is never replaced by a running one (an older answer arriving late).
    function remember(job) {
        const known = jobs.get(job.uuid);
        if (known && isTerminal(known) && !isTerminal(job)) {
            return;
        }
        if (known && known.updatedAt && job.updatedAt && Date.parse(job.updatedAt) < Date.parse(known.updatedAt)) {
            return;
        }
        jobs.set(job.uuid, job);
    }

    function createCard(uuid) {
        const card = document.createElement('li');
        card.className = 'job';
        card.dataset.uuid = uuid;
        card.innerHTML = `
            <div class="job-head">
                <h3 class="job-title"><span class="job-kb"></span></h3>
                <div class="badges">
                    <span class="badge job-phase" title="Phase"></span>
                    <span class="badge job-status" title="Status"></span>
                    <span class="badge live" hidden>live</span>
                </div>
            </div>
            <div class="bar progress" role="progressbar" aria-valuemin="0" aria-valuemax="100">
                <div class="bar-fill"></div>
            </div>
            <p class="counts"></p>
            <div class="job-foot">
                <p class="times"></p>
                <button type="button" class="cancel secondary">Cancel</button>
            </div>
            <p class="hint">Job <code class="job-uuid"></code></p>`;
        card.querySelector('.job-uuid').textContent = uuid;
        const cancel = card.querySelector('.cancel');
        cancel.setAttribute('aria-label', `Cancel job ${uuid}`);
        cancel.addEventListener('click', () => cancelJob(uuid, cancel));
        cards.set(uuid, card);
        return card;
    }

    function renderCard(job) {
        const card = cards.get(job.uuid) || createCard(job.uuid);
        const done = percent(job);
        const counted = items(job);
        card.dataset.phase = job.phase;
        card.querySelector('.job-kb').textContent = knowledgeBaseName(job.knowledgeBaseUuid);
        card.querySelector('.job-phase').textContent = job.phase;
        card.querySelector('.job-status').textContent = job.status;
        card.querySelector('.live').hidden = !streams.has(job.uuid);
        const bar = card.querySelector('.progress');
        bar.setAttribute('aria-valuenow', String(done));
        bar.setAttribute('aria-label', `Progress of job ${job.uuid}: ${done} %`);
        card.querySelector('.bar-fill').style.width = `${done}%`;
        const total = job.totalDatasources != null ? job.totalDatasources : sources(job).length;
        card.querySelector('.counts').textContent = `${done} % · ${job.completedDatasources || 0}/${total} data sources`
            + ` · ${counted.indexed}/${counted.total} items indexed`;
        const created = formatTime(job.createdAt);
        const finished = formatTime(job.finishedAt);
        card.querySelector('.times').textContent = (created ? `Created ${created}` : '')
            + (finished ? ` · finished ${finished}` : '');
        const cancel = card.querySelector('.cancel');
        cancel.hidden = isTerminal(job);
        return card;
    }

    // Newest first, the SHOWN_JOBS latest; nodes move only when the order changes, so that keyboard focus stays.
    function renderJobs() {
        const ordered = [...jobs.values()].sort((a, b) => Date.parse(b.createdAt || 0) - Date.parse(a.createdAt || 0));
        for (const old of ordered.slice(SHOWN_JOBS)) {
            closeStream(old.uuid);
            jobs.delete(old.uuid);
            const card = cards.get(old.uuid);
            if (card) {
                card.remove();
                cards.delete(old.uuid);
            }
        }
        const list = $('job-list');
        ordered.slice(0, SHOWN_JOBS).forEach((job, index) => {
            const card = renderCard(job);
            if (list.children[index] !== card) {
                list.insertBefore(card, list.children[index] || null);
            }
        });
        $('no-jobs').hidden = jobs.size > 0;
    }

    async function pollJobs() {
        try {
            const page = await api(`/jobs?perPage=${SHOWN_JOBS}`);
            for (const job of page.jobs) {
                remember(job);
            }
            clearNotice('jobs');
            $('jobs-updated').textContent = `${page.meta ? page.meta.total : page.jobs.length} jobs on the account; `
                + `list read at ${new Date().toLocaleTimeString()}.`;
            renderJobs();
            followRunningJobs();
        } catch (problem) {
            showNotice('jobs', problem, false);
            $('jobs-updated').textContent = 'The job list could not be read; trying again.';
        }
    }

    // ---- Live updates: one event stream per running job, closed once it has ended -----------------------------

    function followRunningJobs() {
        for (const job of jobs.values()) {
            if (!isTerminal(job) && !streams.has(job.uuid) && streams.size < MAX_STREAMS) {
                openStream(job.uuid);
            }
        }
    }

    function openStream(uuid) {
        const events = new EventSource(`/jobs/${encodeURIComponent(uuid)}/events`);
        streams.set(uuid, events);
        events.addEventListener('job', (event) => {
            const job = JSON.parse(event.data);
            remember(job);
            if (isTerminal(job)) {
                // The server ends the stream after this event; closing it here keeps EventSource from reconnecting.
                closeStream(uuid);
            }
            renderJobs();
        });
        // A stream that fails (the job's first read failed, the server went away) is closed, not retried by the
        // browser: the next list poll opens a new one if the job still runs.
        events.addEventListener('error', () => {
            closeStream(uuid);
            renderJobs();
        });
        renderJobs();
    }

    function closeStream(uuid) {
        const events = streams.get(uuid);
        if (events) {
            events.close();
            streams.delete(uuid);
        }
    }

    async function cancelJob(uuid, button) {
        button.disabled = true;
        try {
            const job = await api(`/jobs/${encodeURIComponent(uuid)}/cancel`, { method: 'POST' });
            remember(job);
            if (isTerminal(job)) {
                closeStream(uuid);
            }
            clearNotice('cancel');
            renderJobs();
        } catch (problem) {
            showNotice('cancel', problem, true);
        } finally {
            button.disabled = false;
        }
    }

    // ---- Starting a job ---------------------------------------------------------------------------------------

    function renderKnowledgeBases() {
        const select = $('kb-select');
        const chosen = select.value;
        select.replaceChildren(...knowledgeBases.map((kb) => new Option(`${kb.name} (${kb.dataSources.length} data sources)`,
            kb.uuid)));
        if (knowledgeBases.some((kb) => kb.uuid === chosen)) {
            select.value = chosen;
        }
        $('start-button').disabled = knowledgeBases.length === 0;
        if (knowledgeBases.length === 0) {
            $('start-result').textContent = 'No knowledge base is configured: set sample.knowledge-bases.';
        }
        renderDataSources();
        const list = $('kb-list');
        list.replaceChildren(...knowledgeBases.map((kb, index) => {
            const item = document.createElement('li');
            item.dataset.uuid = kb.uuid;
            const name = document.createElement('h3');
            name.textContent = kb.name;
            const uuid = document.createElement('p');
            uuid.className = 'hint';
            uuid.innerHTML = '<code></code>';
            uuid.querySelector('code').textContent = kb.uuid;
            const count = document.createElement('p');
            const itemCount = kb.dataSources.reduce((sum, source) => sum + (source.items || 0), 0);
            count.textContent = `${kb.dataSources.length} data sources` + (itemCount ? `, ${itemCount} items` : '');
            item.append(name, uuid, count, scheduleEditor(kb, index));
            return item;
        }));
    }

    // ---- Schedules: GET /knowledge-bases/{kb}/schedule (a 404 means none), PUT to set one, DELETE to remove it --

    function scheduleEditor(kb, index) {
        const box = document.createElement('div');
        box.className = 'schedule';
        box.innerHTML = `
            <p class="schedule-text" aria-live="polite">Schedule: reading…</p>
            <details>
                <summary>Set the schedule</summary>
                <form class="schedule-form" novalidate>
                    <label for="schedule-time-${index}">Time of day (UTC, HH:MM)</label>
                    <input id="schedule-time-${index}" class="schedule-time" name="time" type="text" inputmode="numeric"
                        autocomplete="off" placeholder="02:30" value="02:30" required>
                    <fieldset>
                        <legend>Days</legend>
                        <div class="days"></div>
                    </fieldset>
                    <div class="schedule-buttons">
                        <button type="submit" class="save-schedule">Save schedule</button>
                        <button type="button" class="remove-schedule secondary">Remove schedule</button>
                    </div>
                </form>
            </details>`;
        const days = box.querySelector('.days');
        DAYS.forEach((day) => {
            const label = document.createElement('label');
            const input = document.createElement('input');
            input.type = 'checkbox';
            input.value = day;
            input.id = `schedule-${index}-${day.toLowerCase()}`;
            label.htmlFor = input.id;
            label.append(input, ` ${dayName(day)}`);
            days.append(label);
        });
        box.querySelector('.schedule-form').addEventListener('submit', (event) => {
            event.preventDefault();
            const time = box.querySelector('.schedule-time').value.trim();
            const chosen = [...days.querySelectorAll('input:checked')].map((input) => input.value);
            changeSchedule(kb.uuid, box, { method: 'PUT', headers: { Accept: 'application/json',
                'Content-Type': 'application/json' }, body: JSON.stringify({ time, days: chosen }) });
        });
        box.querySelector('.remove-schedule').addEventListener('click', () => changeSchedule(kb.uuid, box,
            { method: 'DELETE' }, true));
        return box;
    }

    function dayName(day) {
        return day.charAt(0) + day.slice(1).toLowerCase();
    }

    function describeSchedule(schedule) {
        if (!schedule || !schedule.active) {
            return 'No schedule.';
        }
        const days = DAYS.filter((day) => (schedule.days || []).includes(day)).map(dayName);
        const list = days.length > 1 ? `${days.slice(0, -1).join(', ')} and ${days[days.length - 1]}` : days.join('');
        let text = `Every ${list} at ${schedule.time} UTC`;
        if (schedule.nextRunAt) {
            text += `; next run ${formatTime(schedule.nextRunAt)}`;
        }
        if (schedule.lastRanAt) {
            text += `; last ran ${formatTime(schedule.lastRanAt)}`;
        }
        return `${text}.`;
    }

    function showSchedule(box, schedule) {
        box.dataset.state = schedule && schedule.active ? 'set' : 'none';
        box.querySelector('.schedule-text').textContent = `Schedule: ${describeSchedule(schedule)}`;
        box.querySelector('.remove-schedule').hidden = !(schedule && schedule.active);
        box.querySelector('summary').textContent = schedule && schedule.active ? 'Change the schedule'
            : 'Set the schedule';
        if (schedule && schedule.active) {
            box.querySelector('.schedule-time').value = schedule.time;
            for (const input of box.querySelectorAll('.days input')) {
                input.checked = (schedule.days || []).includes(input.value);
            }
        }
    }

    // A 404 is an answer (no schedule); any other failure leaves the last known schedule and shows a notice.
    async function readSchedule(kbUuid, box) {
        try {
            showSchedule(box, await api(`/knowledge-bases/${encodeURIComponent(kbUuid)}/schedule`));
            return true;
        } catch (problem) {
            if (problem.status === 404) {
                showSchedule(box, null);
                return true;
            }
            if (!box.dataset.state) {
                box.querySelector('.schedule-text').textContent = 'Schedule: could not be read.';
            }
            showNotice('schedules', problem, false);
            return false;
        }
    }

    async function pollSchedules() {
        let allRead = true;
        for (const item of $('kb-list').children) {
            allRead = (await readSchedule(item.dataset.uuid, item.querySelector('.schedule'))) && allRead;
        }
        if (allRead) {
            clearNotice('schedules');
        }
    }

    async function changeSchedule(kbUuid, box, options, removing) {
        const buttons = box.querySelectorAll('button');
        buttons.forEach((button) => { button.disabled = true; });
        try {
            const schedule = await api(`/knowledge-bases/${encodeURIComponent(kbUuid)}/schedule`, options);
            showSchedule(box, removing ? null : schedule);
            clearNotice('schedule');
        } catch (problem) {
            showNotice('schedule', problem, true);
        } finally {
            buttons.forEach((button) => { button.disabled = false; });
        }
    }

    function renderDataSources() {
        const kb = knowledgeBases.find((candidate) => candidate.uuid === $('kb-select').value);
        const list = $('ds-list');
        list.replaceChildren(...(kb ? kb.dataSources : []).map((source, index) => {
            const label = document.createElement('label');
            const box = document.createElement('input');
            box.type = 'checkbox';
            box.name = 'dataSourceUuids';
            box.value = source.uuid;
            box.id = `ds-${index}`;
            label.htmlFor = box.id;
            const text = document.createElement('span');
            text.innerHTML = '<code></code>';
            text.querySelector('code').textContent = source.uuid;
            if (source.items != null) {
                text.append(` (${source.items} items)`);
            }
            label.append(box, text);
            return label;
        }));
        $('ds-fieldset').hidden = !kb || kb.dataSources.length === 0;
    }

    async function loadKnowledgeBases() {
        try {
            knowledgeBases = await api('/knowledge-bases');
            clearNotice('knowledge-bases');
            renderKnowledgeBases();
            renderJobs();
            every(SCHEDULES_EVERY_MS, pollSchedules);
        } catch (problem) {
            showNotice('knowledge-bases', problem, false);
            setTimeout(loadKnowledgeBases, JOBS_EVERY_MS);
        }
    }

    async function startJob(event) {
        event.preventDefault();
        const knowledgeBaseUuid = $('kb-select').value;
        const dataSourceUuids = [...document.querySelectorAll('#ds-list input:checked')].map((box) => box.value);
        const button = $('start-button');
        button.disabled = true;
        $('start-result').textContent = 'Starting…';
        try {
            const job = await api('/jobs', {
                method: 'POST',
                headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
                body: JSON.stringify({ knowledgeBaseUuid, dataSourceUuids }),
            });
            remember(job);
            clearNotice('start');
            $('start-result').textContent = `Started job ${job.uuid}.`;
            renderJobs();
            followRunningJobs();
        } catch (problem) {
            $('start-result').textContent = 'The job was not started.';
            showNotice('start', problem, true);
        } finally {
            button.disabled = knowledgeBases.length === 0;
        }
    }

    // ---- The request budget -----------------------------------------------------------------------------------

    function count(remaining, limit, limited) {
        return limited ? `${remaining} / ${limit}` : 'no limit';
    }

    async function pollBudget() {
        try {
            const budget = await api('/budget');
            clearNotice('budget');
            $('budget-minute').textContent = count(budget.remainingInMinute, budget.limitPerMinute, budget.limited);
            $('budget-hour').textContent = count(budget.remainingInHour, budget.limitPerHour, budget.limited);
            $('budget-waiting').textContent = String(budget.waiting);
            const pause = $('pause-notice');
            if (budget.pausedForMillis > 0) {
                const seconds = Math.ceil(budget.pausedForMillis / 1000);
                pause.textContent = `DigitalOcean's rate limit pauses requests for ${seconds} s more (until `
                    + `${formatTime(budget.pausedUntil)}): the polls and the live updates wait, then resume.`;
                pause.hidden = false;
            } else {
                pause.hidden = true;
                pause.textContent = '';
            }
        } catch (problem) {
            showNotice('budget', problem, false);
        }
    }

    // ---- Polling: each poll is scheduled after the previous one has answered, so that slow answers never pile up.

    function every(millis, poll) {
        const next = () => setTimeout(run, document.hidden ? HIDDEN_EVERY_MS : millis);
        const run = () => poll().finally(next);
        run();
    }

    window.addEventListener('pagehide', () => {
        for (const uuid of [...streams.keys()]) {
            closeStream(uuid);
        }
    });

    document.addEventListener('DOMContentLoaded', () => {
        $('start-form').addEventListener('submit', startJob);
        $('kb-select').addEventListener('change', renderDataSources);
        loadKnowledgeBases();
        every(JOBS_EVERY_MS, pollJobs);
        every(BUDGET_EVERY_MS, pollBudget);
    });
})();
