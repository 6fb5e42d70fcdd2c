package io.github.gradientspring.simulator;

import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A local fake of DigitalOcean Gradient's knowledge-base indexing-jobs API, for tests, demos and benchmarks.
 * It serves the seven indexing-job endpoints and the three of scheduled indexing with the real wire format, Bearer authentication, DigitalOcean's rate limits and
 * error bodies, a job lifecycle on a controllable clock, schedules that start jobs on that clock, scriptable faults,
 * and a journal of what it received.
 *
 * <pre>{@code
 * try (GradientSimulator simulator = GradientSimulator.builder().manualClock().start()) {
 *     SeededKnowledgeBase kb = simulator.addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(100, 400_000));
 *     // point a client at simulator.baseUrl() with simulator.accessToken(), start a job on kb.uuid() …
 *     simulator.advance(Duration.ofSeconds(10));   // … and it has progressed ten seconds
 *     assertThat(simulator.journal().count(Operation.CREATE)).isEqualTo(1);
 * }
 * }</pre>
 *
 * Binds {@code 127.0.0.1} only. Thread-safe.
 */
public final class GradientSimulator implements AutoCloseable {

    /** The access token a simulator accepts unless told otherwise; well known, because it guards nothing. */
    public static final String DEFAULT_ACCESS_TOKEN = "simulator-token";

    private static final String HOST = "127.0.0.1";

    private final String accessToken;
    private final Set<String> readOnlyTokens;
    private final Clock clock;
    private final RateLimits rateLimits;
    private final JobTiming jobTiming;
    private final int requestedPort;
    private final JobStore store = new JobStore();
    private final Faults faults = new Faults();
    private final Journal journal;
    private final RateLimiter limiter;
    private final Schedules schedules;

    private volatile @Nullable DisposableServer server;
    private volatile @Nullable String baseUrl;

    private GradientSimulator(Builder builder) {
        this.accessToken = builder.accessToken;
        this.readOnlyTokens = Set.copyOf(builder.readOnlyTokens);
        this.clock = builder.clock;
        this.rateLimits = builder.rateLimits;
        this.jobTiming = builder.jobTiming;
        this.requestedPort = builder.port;
        this.journal = new Journal(builder.journal, builder.journalCapacity);
        this.limiter = new RateLimiter(builder.rateLimits);
        this.schedules = new Schedules(store, jobTiming, journal::recordRun);
    }

    /** A builder with the defaults: the {@link #DEFAULT_ACCESS_TOKEN}, the system clock, DigitalOcean's rate limits, {@link JobTiming#DEFAULT}, journal on, a free port. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds {@code 127.0.0.1} and starts answering.
     *
     * @return this simulator, started
     * @throws IllegalStateException when already started
     */
    public synchronized GradientSimulator start() {
        if (server != null) {
            throw new IllegalStateException("The simulator is already started at " + baseUrl);
        }
        // The handler needs the base URL (for absolute pagination links) and the base URL needs the bound port:
        // bind first, then publish the URL before the handler can see a request that needs it.
        SimulatorHandler[] handler = new SimulatorHandler[1];
        DisposableServer bound = HttpServer.create()
                .host(HOST)
                .port(requestedPort)
                .handle((request, response) -> handler[0].apply(request, response))
                .bindNow(Duration.ofSeconds(10));
        String url = "http://" + HOST + ":" + bound.port();
        ApiHandler api = new ApiHandler(accessToken, readOnlyTokens, store, schedules, limiter, jobTiming, url);
        handler[0] = new SimulatorHandler(clock, api, new AdminApi(this), faults, journal, schedules);
        this.baseUrl = url;
        this.server = bound;
        return this;
    }

    /** Where the simulator listens, e.g. {@code http://127.0.0.1:54321}, without a trailing slash. */
    public String baseUrl() {
        String url = baseUrl;
        if (url == null) {
            throw notStarted();
        }
        return url;
    }

    /** The bound port. */
    public int port() {
        return started().port();
    }

    /** The token that may do everything; send it as {@code Authorization: Bearer <token>}. */
    public String accessToken() {
        return accessToken;
    }

    /** Tokens that may read but not create or cancel jobs, or create or delete schedules (answered 403 there). */
    public Set<String> readOnlyTokens() {
        return readOnlyTokens;
    }

    /** Seeds a knowledge base with its data sources; jobs can be started on it at once. */
    public SeededKnowledgeBase addKnowledgeBase(KnowledgeBaseSpec spec) {
        return store.add(Objects.requireNonNull(spec, "spec"));
    }

    /** Every seeded knowledge base, in seeding order. */
    public List<SeededKnowledgeBase> knowledgeBases() {
        return store.knowledgeBases();
    }

    /** The script of the next job created (FIFO when called several times); it takes precedence over a knowledge-base script. */
    public GradientSimulator scriptNextJob(JobScript script) {
        store.scriptNextJob(Objects.requireNonNull(script, "script"));
        return this;
    }

    /** The script of every later job on the knowledge base, unless a {@linkplain #scriptNextJob next-job script} is waiting. */
    public GradientSimulator scriptKnowledgeBase(String knowledgeBaseUuid, JobScript script) {
        store.scriptKnowledgeBase(Uuids.requireValid(knowledgeBaseUuid, "knowledgeBaseUuid"),
                Objects.requireNonNull(script, "script"));
        return this;
    }

    /**
     * Schedules a knowledge base's indexing, as {@code POST /v2/gen-ai/scheduled-indexing} does: a job starts at
     * {@code time} (UTC, whole minutes) on each of the days, on the simulator's clock, the first after now.
     *
     * @return the schedule, with its {@code next_run_at}
     * @throws IllegalArgumentException for an unknown knowledge base, no days, or a time with seconds
     * @throws IllegalStateException when the knowledge base already has a schedule
     */
    public ScheduleSnapshot scheduleIndexing(String knowledgeBaseUuid, LocalTime time, DayOfWeek... days) {
        String kb = Uuids.requireValid(knowledgeBaseUuid, "knowledgeBaseUuid").toLowerCase(java.util.Locale.ROOT);
        Objects.requireNonNull(time, "time");
        if (time.getSecond() != 0 || time.getNano() != 0) {
            throw new IllegalArgumentException("time must be whole minutes, got " + time);
        }
        if (days.length == 0) {
            throw new IllegalArgumentException("days must name at least one day");
        }
        if (store.knowledgeBase(kb) == null) {
            throw new IllegalArgumentException("Unknown knowledge base: " + kb);
        }
        List<Integer> numbers = java.util.Arrays.stream(days)
                .map(day -> day == DayOfWeek.SUNDAY ? 0 : day.getValue()).sorted().distinct().toList();
        Schedule schedule = schedules.create(kb, time, numbers, now());
        if (schedule == null) {
            throw new IllegalStateException("Knowledge base " + kb + " already has an indexing schedule");
        }
        return schedule.snapshot();
    }

    /** Every schedule, active and soft-deleted, in creation order, after starting the runs due by now. */
    public List<ScheduleSnapshot> schedules() {
        schedules.runDueIfAny(now());
        return schedules.all();
    }

    /** The fault plan. */
    public Faults faults() {
        return faults;
    }

    /** What the simulator received, and the jobs its schedules started (those due by now first start). */
    public Journal journal() {
        schedules.runDueIfAny(now());
        return journal;
    }

    /** The simulator's clock. */
    public Clock clock() {
        return clock;
    }

    /** The current instant on the simulator's clock. */
    public Instant now() {
        return clock.instant();
    }

    /** True when built with a {@link ManualClock}, so {@link #advance(Duration)} works. */
    public boolean hasManualClock() {
        return clock instanceof ManualClock;
    }

    /**
     * Moves the manual clock forward: jobs progress and rate-limit windows roll as if that time had passed.
     *
     * @return the new current instant
     * @throws IllegalStateException when the simulator runs on a real clock
     */
    public Instant advance(Duration duration) {
        if (!(clock instanceof ManualClock manual)) {
            throw new IllegalStateException("The simulator runs on a real clock; build it with manualClock() to advance time");
        }
        Instant now = manual.advance(duration);
        // Each run due in the time skipped starts now, created at its own scheduled instant.
        schedules.runDueIfAny(now);
        return now;
    }

    /** The rate limits in force. */
    public RateLimits rateLimits() {
        return rateLimits;
    }

    /** The job timing in force. */
    public JobTiming jobTiming() {
        return jobTiming;
    }

    /** Forgets every job, schedule, script, fault, journal entry and rate-limit window; knowledge bases and the clock stay. */
    public void reset() {
        schedules.clear();
        store.clearJobs();
        faults.clear();
        journal.clear();
        limiter.clear();
    }

    /** Blocks the calling thread until the server is closed (for the standalone main). */
    public void awaitClose() {
        started().onDispose().block();
    }

    /** Stops listening and closes open connections. Idempotent. */
    @Override
    public synchronized void close() {
        DisposableServer current = server;
        if (current != null) {
            current.disposeNow(Duration.ofSeconds(5));
        }
    }

    JobStore store() {
        return store;
    }

    private void requireStarted() {
        started();
    }

    private DisposableServer started() {
        DisposableServer running = server;
        if (running == null) {
            throw notStarted();
        }
        return running;
    }

    private static IllegalStateException notStarted() {
        return new IllegalStateException("The simulator is not started; call start() first");
    }

    @Override
    public String toString() {
        return "GradientSimulator[" + (baseUrl == null ? "not started" : baseUrl) + "]";
    }

    /** Configures a {@link GradientSimulator}. */
    public static final class Builder {

        private String accessToken = DEFAULT_ACCESS_TOKEN;
        private final Set<String> readOnlyTokens = new LinkedHashSet<>();
        private Clock clock = Clock.systemUTC();
        private RateLimits rateLimits = RateLimits.DIGITALOCEAN;
        private JobTiming jobTiming = JobTiming.DEFAULT;
        private boolean journal = true;
        private int journalCapacity = Journal.DEFAULT_CAPACITY;
        private int port;

        private Builder() {
        }

        /** The token with full access (default {@link #DEFAULT_ACCESS_TOKEN}). */
        public Builder accessToken(String accessToken) {
            Objects.requireNonNull(accessToken, "accessToken");
            if (accessToken.isBlank() || !accessToken.equals(accessToken.trim())) {
                throw new IllegalArgumentException("The access token must be non-blank without surrounding spaces");
            }
            this.accessToken = accessToken;
            return this;
        }

        /** Adds tokens that may read but are answered 403 {@code forbidden} on create and cancel, and on creating and deleting schedules. */
        public Builder readOnlyTokens(String... tokens) {
            for (String token : tokens) {
                readOnlyTokens.add(Objects.requireNonNull(token, "token"));
            }
            return this;
        }

        /** The clock jobs, rate limits and the journal run on (default the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Runs on a fresh {@link ManualClock} at {@link ManualClock#DEFAULT_START}; move it with {@link GradientSimulator#advance}. */
        public Builder manualClock() {
            return clock(ManualClock.create());
        }

        /** The rate limits (default {@link RateLimits#DIGITALOCEAN}; {@link RateLimits#OFF} for none). */
        public Builder rateLimits(RateLimits rateLimits) {
            this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
            return this;
        }

        /** How long jobs take (default {@link JobTiming#DEFAULT}). */
        public Builder jobTiming(JobTiming jobTiming) {
            this.jobTiming = Objects.requireNonNull(jobTiming, "jobTiming");
            return this;
        }

        /** Whether to keep full request records (default true). Counters are kept either way. */
        public Builder journal(boolean enabled) {
            this.journal = enabled;
            return this;
        }

        /** How many request records the journal keeps before dropping the oldest (default {@link Journal#DEFAULT_CAPACITY}). */
        public Builder journalCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("The journal capacity must be at least 1, got " + capacity);
            }
            this.journalCapacity = capacity;
            return this;
        }

        /** The port to bind on 127.0.0.1 (default 0: a free port). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /** Fast mode for benchmarks: rate limits off (no {@code ratelimit-*} headers) and journal records off. */
        public Builder fastMode() {
            return rateLimits(RateLimits.OFF).journal(false);
        }

        /** A simulator with this configuration, not yet started. */
        public GradientSimulator build() {
            return new GradientSimulator(this);
        }

        /** Shorthand for {@code build().start()}. */
        public GradientSimulator start() {
            return build().start();
        }
    }
}
