package io.github.gradientspring.client.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.gradientspring.client.RequestBudget;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Polls every watched job of one client from one timer: no thread or timer per watch, however many there are.
 * <p>
 * Each watch has its own interval, which starts short, doubles while its job does not change and starts short
 * again when it does. When its time comes the job is <em>due</em>. A polling cycle refreshes the due jobs as
 * cheaply as it can: where two or more due jobs were last seen on the same page of the account's job list
 * (200 jobs a page, newest first), one list request refreshes them all, and every other watched job on that page
 * with them; any due job the pages did not show is retrieved on its own. Every request takes its token from the
 * client's {@link LocalRequestBudget} as a poll, so the application's own calls go first, and when the budget runs
 * short the intervals of all watches stretch alike, the longest-waiting first.
 * <p>
 * How far an unchanged job's interval stretches depends on the budget: up to the configured longest interval
 * while the application uses the budget, less while the budget has room to spare ({@link IdlePacing}, read once a
 * cycle from the {@link Poller#budget() budget's view}), so that an idle budget buys shorter detection delays
 * instead of going unused.
 * <p>
 * The list sweep assumes that a job in the list is the same representation {@code retrieve} returns, so that a
 * list item can stand for a retrieve; newest-first order is only a guess at where a job sits, never needed for a
 * right answer (a job the pages did not show is retrieved). It can be switched off, and then every due job is
 * retrieved on its own.
 * <p>
 * A watch never goes back in time: a state whose {@code updated_at} is older than that of the last state emitted
 * to the watch (a lagging replica behind the list, say) is dropped and logged at debug level. States without
 * {@code updated_at}, on either side, cannot be ordered and are judged by content alone, as are states with equal
 * timestamps.
 * <p>
 * In fleet mode ({@link FleetWatchLink}) the hub polls only the jobs this member holds the lease of, or all of them
 * while the fleet is degraded; a due job another member holds is asked again one interval later, in case the lease
 * comes to this member (a lease taken over is polled at once). Every state the hub polls, and every job of a list
 * page, goes to the fleet before it is applied here, so that a terminal state is out before the watch ends and its
 * lease is released; states the other members publish are applied like polled ones, never back in time. Each page of
 * the list is claimed before it is listed, so that, as a rule, one member at a time lists it for the fleet
 * ({@link #sweep}); a member lists it unclaimed while the fleet is degraded, when the claim gets no answer, or when a
 * job it put off for the claim's holder was not refreshed.
 * <p>
 * Longer than the other classes because the watches' bookkeeping, the polling cycle and the list sweep share one
 * lock and one timer: split apart, each piece would have to hand that lock to the others.
 */
final class WatchHub {

    private static final Log logger = LogFactory.getLog(WatchHub.class);

    /** The fetches a cycle makes, each spending a poll token of the budget. */
    interface Poller {

        Mono<IndexingJob> retrieve(String jobUuid);

        Mono<IndexingJobPage> page(int page);

        boolean isRetryable(Throwable failure);

        /**
         * The wait the failure's response asked for, as the client's retry policy honours it, or {@code null}:
         * the next poll of a job comes no sooner.
         */
        default @Nullable Duration retryAfter(Throwable failure) {
            return null;
        }

        /**
         * What the budget the polls draw from has left, which decides how far unchanged jobs' intervals stretch
         * ({@link IdlePacing}). Unlimited (nothing known to spare): intervals stretch to the longest.
         */
        default RequestBudget budget() {
            return RequestBudget.unlimited();
        }

    }

    // Below this many due jobs on one page, retrieving them one by one costs no more than listing the page.
    static final int LIST_THRESHOLD = 2;

    // A new watch is first polled this long after it starts, so that watches started together (a batch of jobs
    // created at once) share their first poll: one list request instead of one retrieve each.
    static final Duration FIRST_POLL_DELAY = Duration.ofMillis(50);

    private final Poller poller;

    private final Duration initialInterval;

    private final Duration maxInterval;

    // How far an unchanged job's interval may stretch now: the longest interval, or less while the budget has room
    // to spare. Set at the start of each cycle.
    private Duration longestUnchanged;

    private final Supplier<Scheduler> scheduler;

    private final boolean listSweep;

    // In fleet mode: which jobs this member polls, and where the states it polls go.
    private final @Nullable FleetWatchLink fleet;

    private final Map<String, List<Watch>> watchesByJob = new LinkedHashMap<>();

    // The page of the job list each watched job was last seen on; jobs drift to later pages as new jobs arrive.
    private final Map<String, Integer> lastSeenPage = new HashMap<>();

    private boolean cycling;

    private @Nullable Disposable timer;

    // The polls of the cycle under way, disposed when the last watch goes, so that a cancelled watch leaves no
    // request on the wire and no retry pending.
    private @Nullable Disposable cycle;

    private long timerAt = Long.MAX_VALUE;

    private long cycles;

    // States dropped because they were older than one already emitted, for the debug log.
    private long staleDropped;

    WatchHub(Poller poller, Duration initialInterval, Duration maxInterval, Supplier<Scheduler> scheduler) {
        this(poller, initialInterval, maxInterval, scheduler, true);
    }

    /**
     * @param listSweep whether due jobs may be refreshed through the account's job list; {@code false} retrieves
     * each due job on its own
     */
    WatchHub(Poller poller, Duration initialInterval, Duration maxInterval, Supplier<Scheduler> scheduler,
            boolean listSweep) {
        this(poller, initialInterval, maxInterval, scheduler, listSweep, null);
    }

    /**
     * @param fleet in fleet mode, the link to the fleet: the hub then polls only the jobs this member holds the
     * lease of (all of them while the fleet is degraded), publishes every state it polls and applies the states the
     * other members publish, with the same never-back-in-time rule
     */
    WatchHub(Poller poller, Duration initialInterval, Duration maxInterval, Supplier<Scheduler> scheduler,
            boolean listSweep, @Nullable FleetWatchLink fleet) {
        this.poller = poller;
        this.initialInterval = initialInterval;
        this.maxInterval = maxInterval;
        this.longestUnchanged = maxInterval;
        this.scheduler = scheduler;
        this.listSweep = listSweep;
        this.fleet = fleet;
        if (fleet != null) {
            fleet.connect(this::applyPublished, this::pollSoon);
        }
    }

    /** Emits the job's state now and each time it changes; completes after a terminal phase. */
    Flux<IndexingJob> watch(String jobUuid) {
        return Flux.create((sink) -> {
            Watch watch = new Watch(jobUuid, sink, this.initialInterval);
            boolean first;
            synchronized (this) {
                watch.dueAt = now() + FIRST_POLL_DELAY.toNanos();
                first = !this.watchesByJob.containsKey(jobUuid);
                this.watchesByJob.computeIfAbsent(jobUuid, (key) -> new ArrayList<>()).add(watch);
                if (!this.cycling) {
                    scheduleCycleAt(watch.dueAt);
                }
            }
            if (first && this.fleet != null) {
                this.fleet.started(jobUuid);
            }
            sink.onDispose(() -> remove(watch));
        });
    }

    /**
     * Ends every open watch with the given error, as if each had failed: their polls stop (a cycle under way is
     * abandoned when its last watch goes) and their subscribers are told.
     */
    void stopAll(Throwable reason) {
        List<Watch> open = new ArrayList<>();
        synchronized (this) {
            for (List<Watch> watches : this.watchesByJob.values()) {
                open.addAll(watches);
            }
        }
        // Outside the lock: an error ends the watch, whose disposal takes the lock to remove it.
        for (Watch watch : open) {
            watch.sink.error(reason);
        }
    }

    private void remove(Watch watch) {
        Disposable abandoned = null;
        boolean last = false;
        synchronized (this) {
            List<Watch> watches = this.watchesByJob.get(watch.jobUuid);
            if (watches != null) {
                watches.remove(watch);
                if (watches.isEmpty()) {
                    this.watchesByJob.remove(watch.jobUuid);
                    this.lastSeenPage.remove(watch.jobUuid);
                    last = true;
                }
            }
            if (this.watchesByJob.isEmpty() && this.timer != null) {
                this.timer.dispose();
                this.timer = null;
                this.timerAt = Long.MAX_VALUE;
            }
            if (this.watchesByJob.isEmpty() && this.cycle != null) {
                abandoned = this.cycle;
                this.cycle = null;
            }
        }
        if (abandoned != null) {
            // Outside the lock: cancelling runs the cycle's doFinally, which takes it again.
            abandoned.dispose();
        }
        if (last && this.fleet != null) {
            this.fleet.ended(watch.jobUuid);
        }
    }

    // In fleet mode: this member took over the job's lease (its holder stopped), so it polls the job at once.
    private void pollSoon(String jobUuid) {
        synchronized (this) {
            List<Watch> watches = this.watchesByJob.get(jobUuid);
            if (watches == null) {
                return;
            }
            long now = now();
            for (Watch watch : watches) {
                watch.dueAt = Math.min(watch.dueAt, now);
            }
            if (!this.cycling) {
                scheduleCycleAt(now);
            }
        }
    }

    private void scheduleNextCycle() {
        synchronized (this) {
            if (this.cycling) {
                return; // the cycle under way schedules the next one when it ends
            }
            long earliest = Long.MAX_VALUE;
            for (List<Watch> watches : this.watchesByJob.values()) {
                for (Watch watch : watches) {
                    earliest = Math.min(earliest, watch.dueAt);
                }
            }
            if (earliest != Long.MAX_VALUE) {
                scheduleCycleAt(earliest);
            }
        }
    }

    // Called with the lock held: makes sure a cycle runs at the given time or earlier.
    private void scheduleCycleAt(long when) {
        if (this.timer != null && !this.timer.isDisposed() && this.timerAt <= when) {
            return;
        }
        if (this.timer != null) {
            this.timer.dispose();
        }
        this.timerAt = when;
        this.timer = this.scheduler.get().schedule(this::runCycle, Math.max(0, when - now()), TimeUnit.NANOSECONDS);
    }

    private void runCycle() {
        // In the order the watches became due, so that the retrieves below queue for the budget longest-waiting first.
        long cycleNumber;
        Set<String> due = new LinkedHashSet<>();
        Map<Integer, List<String>> dueByPage = new TreeMap<>();
        // Jobs not due yet but within half their interval of it, by the page they were last seen on: a page listed
        // for its due jobs refreshes these too, for no extra request.
        Map<Integer, Set<String>> soonByPage = new HashMap<>();
        // How many watched jobs each page showed when last listed.
        Map<Integer, Integer> watchedOnPage = new HashMap<>();
        // Pages this member lists without asking the fleet (see below).
        Set<Integer> forced = ConcurrentHashMap.newKeySet();
        boolean cycle;
        int requestsPerRound;
        long cycleStart;
        synchronized (this) {
            this.timer = null;
            this.timerAt = Long.MAX_VALUE;
            if (this.cycling) {
                return;
            }
            long now = now();
            cycleStart = now;
            List<Watch> dueWatches = new ArrayList<>();
            for (List<Watch> watches : this.watchesByJob.values()) {
                for (Watch watch : watches) {
                    boolean polledHere = this.fleet == null || this.fleet.polls(watch.jobUuid);
                    if (watch.dueAt <= now && !polledHere) {
                        // Another member holds the lease and publishes what it polls: asked again later, in case
                        // this member takes the lease over.
                        watch.dueAt = now + watch.interval.toNanos();
                    }
                    else if (watch.dueAt <= now) {
                        dueWatches.add(watch);
                    }
                    else if (polledHere && watch.dueAt - now <= watch.interval.toNanos() / 2) {
                        soonByPage.computeIfAbsent(this.lastSeenPage.getOrDefault(watch.jobUuid, 1),
                                (page) -> new HashSet<>()).add(watch.jobUuid);
                    }
                }
            }
            for (Integer page : this.lastSeenPage.values()) {
                watchedOnPage.merge(page, 1, Integer::sum);
            }
            boolean anyDue = !dueWatches.isEmpty();
            // The longest-waiting first, so that a short budget delays every watch alike.
            dueWatches.sort(Comparator.comparingLong((Watch watch) -> watch.dueAt));
            for (Watch watch : dueWatches) {
                int page = this.lastSeenPage.getOrDefault(watch.jobUuid, 1);
                if (due.add(watch.jobUuid)) {
                    dueByPage.computeIfAbsent(page, (key) -> new ArrayList<>()).add(watch.jobUuid);
                    if (isPutOff(watch.jobUuid)) {
                        // Put off once already for another member's listing of its page, and not refreshed since: the
                        // job is not where it was guessed, or that member's states did not come. Listed here, unclaimed.
                        forced.add(page);
                    }
                }
            }
            if (anyDue) {
                this.cycling = true;
                this.cycles++;
            }
            cycleNumber = this.cycles;
            cycle = anyDue;
            requestsPerRound = anyDue ? requestsPerRound() : 0;
        }
        if (!cycle) {
            scheduleNextCycle();
            return;
        }
        // Read outside the hub's lock: the budget has a lock of its own.
        Duration longest = IdlePacing.longestInterval(this.poller.budget(), requestsPerRound, this.initialInterval,
                this.maxInterval);
        synchronized (this) {
            this.longestUnchanged = longest;
        }
        TreeSet<Integer> planned = new TreeSet<>();
        if (this.listSweep) {
            // A page is listed rather than its due jobs retrieved when it would refresh at least two jobs that are
            // due or soon due, or when it showed at least two watched jobs when last listed: a list request costs what
            // a retrieve costs, and refreshes every watched job on the page, whose own polls it then puts off. That is
            // also what keeps the jobs of one page due together: watches started a few milliseconds apart, or a job
            // that just changed, would otherwise come due one by one and be retrieved one by one.
            dueByPage.forEach((page, jobs) -> {
                long soon = soonByPage.getOrDefault(page, Set.of()).stream().filter((job) -> !due.contains(job)).count();
                if (jobs.size() + soon >= LIST_THRESHOLD || watchedOnPage.getOrDefault(page, 0) >= LIST_THRESHOLD) {
                    planned.add(page);
                }
            });
        }
        Sweep sweep = new Sweep(planned, dueByPage, due, forced, cycleStart);
        Mono<Void> listing = planned.isEmpty() ? Mono.empty() : sweep(planned.first(), sweep);
        Disposable polls = listing.thenMany(Flux.defer(() -> Flux.fromIterable(missing(sweep))))
            .flatMap((jobUuid) -> this.poller.retrieve(jobUuid)
                .doOnNext((job) -> {
                    driftedPast(jobUuid, sweep.listed);
                    if (this.fleet != null) {
                        this.fleet.publish(List.of(job), 0); // before the watch may end, and release the lease
                    }
                    apply(jobUuid, job);
                })
                .onErrorResume((failure) -> {
                    failed(jobUuid, failure);
                    return Mono.empty();
                }), 16)
            .doFinally((signal) -> {
                synchronized (this) {
                    // A later cycle may have started already if this one ended fast: its state is not ours to clear.
                    if (this.cycles == cycleNumber) {
                        this.cycling = false;
                        this.cycle = null;
                    }
                }
                scheduleNextCycle();
            })
            .subscribe();
        boolean abandoned;
        synchronized (this) {
            abandoned = this.watchesByJob.isEmpty();
            if (this.cycling && !abandoned && this.cycles == cycleNumber) {
                this.cycle = polls;
            }
        }
        if (abandoned) {
            polls.dispose();
        }
    }

    // Called with the lock held: what polling every watched job once costs, one list request per page the jobs were
    // last seen on (a job alone on its page is retrieved instead, at the same cost), or one retrieve per job.
    private int requestsPerRound() {
        if (!this.listSweep) {
            return this.watchesByJob.size();
        }
        Set<Integer> pages = new HashSet<>();
        for (String jobUuid : this.watchesByJob.keySet()) {
            pages.add(this.lastSeenPage.getOrDefault(jobUuid, 1));
        }
        return pages.size();
    }

    /**
     * Lists the planned pages in order. After a page that showed due jobs, while due jobs are still missing, the
     * next page is listed too: that is how a crowd of new watches is found, and how jobs pushed back by newer ones
     * are followed. A page that showed none of them ends the sweep, unless more of the missing jobs were never seen
     * on any page than pages were listed (a crowd of older jobs, further down the list); the rest are retrieved one
     * by one.
     * <p>
     * In fleet mode each page is first claimed ({@link FleetWatchLink#claimPage}): a page another member claimed
     * within the last shortest interval is not listed here, since that member publishes every job on it; the due
     * jobs guessed on it are put off until its claim runs out ({@link #putOff}), once. A job put off and still not
     * refreshed when it comes due again makes its page {@linkplain Sweep#forced forced}: listed without a claim.
     */
    private Mono<Void> sweep(int page, Sweep sweep) {
        Mono<Duration> claim = (this.fleet == null || sweep.forced.contains(page)) ? Mono.just(Duration.ZERO)
                : this.fleet.claimPage(page, this.initialInterval);
        return claim.flatMap((heldByAnother) -> {
            if (!heldByAnother.isZero()) {
                List<String> putOff = new ArrayList<>(sweep.dueByPage.getOrDefault(page, List.of()));
                if (!sweep.planned.contains(page)) {
                    // Reached from the pages before, for due jobs they did not show: they may have moved here.
                    putOff.addAll(notFoundBefore(page, sweep));
                }
                putOff(putOff, heldByAnother, sweep);
                Integer next = sweep.planned.higher(page);
                return (next == null) ? Mono.<Void>empty() : sweep(next, sweep);
            }
            return list(page, sweep);
        });
    }

    private Mono<Void> list(int page, Sweep sweep) {
        sweep.listed.add(page);
        return this.poller.page(page).flatMap((result) -> {
            if (this.fleet != null) {
                this.fleet.publish(result.jobs(), page); // the fleet passes on those any member watches
            }
            int found = applyPage(page, result, sweep.refreshed, sweep.due);
            int missing = 0;
            int neverListed = 0;
            synchronized (this) {
                for (String jobUuid : missing(sweep)) {
                    missing++;
                    if (!this.lastSeenPage.containsKey(jobUuid)) {
                        neverListed++;
                    }
                }
            }
            // Jobs never seen on a page are guessed to be on the first; older ones sit further down. A page that
            // showed none of the due jobs still leads to the next while more never-listed jobs are missing than
            // pages were listed: the sweep then never costs more requests than the retrieves it spares.
            Integer next = sweep.planned.higher(page);
            if (missing >= LIST_THRESHOLD && result.hasNext()
                    && (found >= LIST_THRESHOLD || neverListed > sweep.listed.size())) {
                next = (next == null) ? page + 1 : Math.min(next, page + 1);
                if (sweep.forced.contains(page)) {
                    // Looking for jobs put off before: on down the list the same way, not put off again.
                    sweep.forced.add(next);
                }
            }
            if (missing == 0 || next == null) {
                return Mono.<Void>empty();
            }
            return sweep(next, sweep);
        }).onErrorResume((failure) -> Mono.empty());
    }

    // The due jobs this cycle has neither refreshed nor put off, and no other member's state refreshed since it began:
    // those the sweep still looks for, and then retrieves.
    private synchronized List<String> missing(Sweep sweep) {
        List<String> missing = new ArrayList<>();
        for (String jobUuid : sweep.due) {
            if (sweep.refreshed.contains(jobUuid) || sweep.skipped.contains(jobUuid)) {
                continue;
            }
            if (!isFresh(jobUuid, sweep)) {
                missing.add(jobUuid);
            }
        }
        return missing;
    }

    // The missing jobs that were guessed on an earlier page than this one, or never listed.
    private synchronized List<String> notFoundBefore(int page, Sweep sweep) {
        List<String> jobs = new ArrayList<>();
        for (String jobUuid : missing(sweep)) {
            if (this.lastSeenPage.getOrDefault(jobUuid, 0) < page) {
                jobs.add(jobUuid);
            }
        }
        return jobs;
    }

    // In fleet mode: another member lists the page these due jobs were guessed on, and publishes them, so this cycle
    // retrieves none of them. They come due again when its claim runs out (a quarter interval later, for its states
    // to arrive first), unless its states refresh them before. A job another member's state refreshed since this
    // cycle began (they may come before the refusal) is fresh, and due again in its own time. A job still put off
    // from an earlier cycle is not put off twice: it stays missing, and is retrieved at the end of this cycle.
    private synchronized void putOff(List<String> jobs, Duration heldByAnother, Sweep sweep) {
        long dueAt = now() + heldByAnother.toNanos() + this.initialInterval.toNanos() / 4;
        for (String jobUuid : jobs) {
            if (isFresh(jobUuid, sweep)) {
                sweep.skipped.add(jobUuid);
                continue;
            }
            if (isPutOff(jobUuid)) {
                continue;
            }
            for (Watch watch : this.watchesByJob.get(jobUuid)) {
                watch.putOff = true;
                watch.dueAt = Math.max(watch.dueAt, dueAt);
            }
            sweep.skipped.add(jobUuid);
        }
    }

    // Called with the lock held: whether the job needs nothing from this cycle, as its watches ended or every one of
    // them was refreshed (by this sweep's pages, or another member's states) since the cycle began.
    private boolean isFresh(String jobUuid, Sweep sweep) {
        List<Watch> watches = this.watchesByJob.get(jobUuid);
        return watches == null || watches.stream().allMatch((watch) -> watch.refreshedAt >= sweep.startedAt);
    }

    // Called with the lock held: whether a watch of the job was put off for another member's listing of its page
    // and not refreshed since.
    private boolean isPutOff(String jobUuid) {
        List<Watch> watches = this.watchesByJob.get(jobUuid);
        return watches != null && watches.stream().anyMatch((watch) -> watch.putOff);
    }

    private int applyPage(int page, IndexingJobPage result, Set<String> refreshed, Set<String> due) {
        int found = 0;
        for (IndexingJob job : result.jobs()) {
            String jobUuid = job.uuid();
            if (jobUuid == null) {
                continue;
            }
            boolean watched;
            synchronized (this) {
                watched = this.watchesByJob.containsKey(jobUuid);
                if (watched) {
                    this.lastSeenPage.put(jobUuid, page);
                }
            }
            if (watched) {
                refreshed.add(jobUuid);
                if (due.contains(jobUuid)) {
                    found++;
                }
                apply(jobUuid, job);
            }
        }
        return found;
    }

    // A due job its page did not show has most likely moved to a later page as newer jobs arrived.
    private synchronized void driftedPast(String jobUuid, Set<Integer> listedPages) {
        Integer page = this.lastSeenPage.get(jobUuid);
        if (page != null && listedPages.contains(page)) {
            this.lastSeenPage.put(jobUuid, page + 1);
        }
    }

    private void apply(String jobUuid, IndexingJob job) {
        apply(jobUuid, job, false);
    }

    // In fleet mode: a state another member polled. A job it listed is looked for on that page by this member's next
    // sweep. Its watches here come due a quarter of an interval later than after a poll of this member's own, so that
    // the member that listed the page is the first due again and renews its claim before this one asks for it.
    private void applyPublished(String jobUuid, int page, IndexingJob job) {
        if (page > 0) {
            synchronized (this) {
                if (this.watchesByJob.containsKey(jobUuid)) {
                    this.lastSeenPage.put(jobUuid, page);
                }
            }
        }
        apply(jobUuid, job, true);
    }

    private void apply(String jobUuid, IndexingJob job, boolean published) {
        List<Watch> changed = new ArrayList<>();
        List<Watch> ended = new ArrayList<>();
        String stale = null;
        synchronized (this) {
            List<Watch> watches = this.watchesByJob.get(jobUuid);
            if (watches == null) {
                return;
            }
            long now = now();
            for (Watch watch : new ArrayList<>(watches)) {
                watch.putOff = false;
                IndexingJob last = watch.last;
                if (last != null && isOlder(job, last)) {
                    // Nothing new for this watch: asked again later, as for an unchanged job.
                    this.staleDropped++;
                    stale = "Dropped a stale state of job " + jobUuid + " (" + job.phase() + ", updated_at "
                            + job.updatedAt() + ", older than the updated_at " + last.updatedAt()
                            + " already emitted); " + this.staleDropped + " stale state(s) dropped so far";
                    stretchOnce(watch, now);
                    watch.dueAt = dueAfter(watch, now, published);
                    continue;
                }
                if (!job.equals(watch.last)) {
                    watch.last = job;
                    watch.interval = this.initialInterval;
                    watch.refreshedAt = now;
                    changed.add(watch);
                }
                else {
                    stretchOnce(watch, now);
                }
                watch.dueAt = dueAfter(watch, now, published);
                if (job.isTerminal()) {
                    ended.add(watch);
                }
            }
        }
        if (stale != null && logger.isDebugEnabled()) {
            logger.debug(stale);
        }
        for (Watch watch : changed) {
            // Outside the hub's lock, but under the watch's own monitor and only while this is still its latest
            // state: two threads applying states of one job (this member's poll and another member's published
            // state, in fleet mode) would otherwise emit them in the order they get here, not in the order the
            // hub took them, and a watch could go back in time. The newer one's thread emits it instead.
            synchronized (watch) {
                if (watch.last == job) {
                    watch.sink.next(job);
                }
            }
        }
        for (Watch watch : ended) {
            watch.sink.complete();
        }
    }

    // Whether a state is older than the last one a watch emitted. Either timestamp absent: no order can be known.
    private static boolean isOlder(IndexingJob job, IndexingJob last) {
        OffsetDateTime updated = job.updatedAt();
        OffsetDateTime lastUpdated = last.updatedAt();
        return updated != null && lastUpdated != null && updated.isBefore(lastUpdated);
    }

    // Called with the lock held: nothing new about the job, so its interval stretches, once a round. A second refresh
    // within half an interval of the last (the same page listed by two members of a fleet, or another member's state
    // arriving just after this member's own poll) is the same round, and stretches nothing.
    private void stretchOnce(Watch watch, long now) {
        if (now - watch.refreshedAt >= watch.interval.toNanos() / 2) {
            stretch(watch, this.longestUnchanged);
        }
        watch.refreshedAt = now;
    }

    private static long dueAfter(Watch watch, long now, boolean published) {
        long interval = watch.interval.toNanos();
        return now + (published ? interval + interval / 4 : interval);
    }

    // Called with the lock held: nothing new about the job, so it is asked again later, up to the given longest
    // interval (which may be below the current one when the budget became idle: then the interval shrinks to it).
    private static void stretch(Watch watch, Duration longest) {
        Duration doubled = watch.interval.multipliedBy(2);
        watch.interval = (doubled.compareTo(longest) > 0) ? longest : doubled;
    }

    private void failed(String jobUuid, Throwable failure) {
        List<Watch> failing = new ArrayList<>();
        synchronized (this) {
            List<Watch> watches = this.watchesByJob.get(jobUuid);
            if (watches == null) {
                return;
            }
            long now = now();
            for (Watch watch : watches) {
                watch.putOff = false;
                if (this.poller.isRetryable(failure)) {
                    // A passing failure (5xx, timeout, connection, 429) that outlasted the client's retries: keep
                    // watching, later, and no sooner than the API asked. The watch's own timeout still bounds it. An
                    // idle budget does not shorten this: more polls would not help an API that is failing.
                    stretch(watch, this.maxInterval);
                    Duration asked = this.poller.retryAfter(failure);
                    Duration wait = (asked != null && asked.compareTo(watch.interval) > 0) ? asked : watch.interval;
                    watch.dueAt = now + wait.toNanos();
                }
                else {
                    failing.add(watch);
                }
            }
        }
        for (Watch watch : failing) {
            watch.sink.error(failure);
        }
    }

    private long now() {
        return this.scheduler.get().now(TimeUnit.NANOSECONDS);
    }

    /**
     * One cycle's list sweep: what it plans (read-only once the sweep starts), and what it finds and puts off (in
     * concurrent sets, as the sweep's steps run on the transport's and the fleet store's threads).
     */
    private static final class Sweep {

        final TreeSet<Integer> planned;

        final Map<Integer, List<String>> dueByPage;

        final Set<String> due;

        // Pages listed without a claim: a job on it was put off before and not refreshed since, or the sweep came to
        // it from such a page. Concurrent, as the sweep adds to it.
        final Set<Integer> forced;

        final Set<Integer> listed = ConcurrentHashMap.newKeySet();

        final Set<String> refreshed = ConcurrentHashMap.newKeySet();

        // Due jobs this cycle does not retrieve: put off for another member's listing of their page, or found fresh.
        final Set<String> skipped = ConcurrentHashMap.newKeySet();

        // When the cycle began, on the hub's clock.
        final long startedAt;

        Sweep(TreeSet<Integer> planned, Map<Integer, List<String>> dueByPage, Set<String> due, Set<Integer> forced,
                long startedAt) {
            this.startedAt = startedAt;
            this.planned = planned;
            this.dueByPage = dueByPage;
            this.due = due;
            this.forced = forced;
        }

    }

    private static final class Watch {

        final String jobUuid;

        final FluxSink<IndexingJob> sink;

        // Written under the hub's lock, read under the watch's monitor when emitting.
        volatile @Nullable IndexingJob last;

        Duration interval;

        long dueAt;

        // When the job was last refreshed for this watch (polled, or published by another member).
        long refreshedAt = Long.MIN_VALUE / 2;

        // In fleet mode: put off for another member's listing of its page, and not refreshed since.
        boolean putOff;

        Watch(String jobUuid, FluxSink<IndexingJob> sink, Duration interval) {
            this.jobUuid = jobUuid;
            this.sink = sink;
            this.interval = interval;
        }

    }

}
