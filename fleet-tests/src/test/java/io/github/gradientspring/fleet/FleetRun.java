package io.github.gradientspring.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.redis.test.RedisServerProcess;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import io.github.gradientspring.simulator.SeededKnowledgeBase;

/**
 * One run of the fleet proof: a simulator with DigitalOcean's limits (250 a minute, 5,000 an hour) and four member
 * JVMs on its one token, with fleet mode on (a redis-server of the run's own) or off; beside them, on a second
 * simulator with the same limits and clock, one member alone watching all 700 jobs and making the calls of all four,
 * the yardstick for the fleet's request count. The run creates the jobs ({@link JobPlan}), hands the members their
 * watches, waits (bounded) until every live member has seen the end of every job it watches, and reports.
 */
final class FleetRun implements AutoCloseable {

    /** Time between two application calls of a member; the member alone calls four times as often. */
    static final Duration CALL_INTERVAL = Duration.ofSeconds(4);

    /** How long after the last job's end a run waits for ends still unseen before it reports them as missed. */
    static final Duration GRACE = Duration.ofSeconds(60);

    private final String name;

    private final boolean fleet;

    private final Path directory;

    private final OffsetClock clock = new OffsetClock();

    private final List<AutoCloseable> resources = new ArrayList<>();

    private final List<Runnable> events = new ArrayList<>();

    private final List<Duration> eventTimes = new ArrayList<>();

    private GradientSimulator simulator;

    private GradientSimulator aloneSimulator;

    private RedisServerProcess redis;

    private final List<MemberProcess> members = new ArrayList<>();

    private MemberProcess alone;

    private final Set<MemberProcess> killed = new HashSet<>();

    FleetRun(String name, boolean fleet) {
        this.name = name;
        this.fleet = fleet;
        this.directory = Path.of(System.getProperty("fleet.output", "target/fleet")).resolve(name);
        try {
            Files.createDirectories(this.directory);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Runs {@code event} this long after the first job's end. */
    FleetRun at(Duration afterFirstEnd, Runnable event) {
        this.eventTimes.add(afterFirstEnd);
        this.events.add(event);
        return this;
    }

    RedisServerProcess redis() {
        return this.redis;
    }

    MemberProcess member(int index) {
        return this.members.get(index);
    }

    void kill(MemberProcess member) {
        member.kill();
        this.killed.add(member);
    }

    /** Starts everything, runs the scenario to its end and returns what was measured. */
    FleetResult run() {
        this.simulator = started(GradientSimulator.builder().clock(this.clock).rateLimits(RateLimits.DIGITALOCEAN)
                .jobTiming(JobPlan.TIMING).journalCapacity(200_000).start());
        this.aloneSimulator = started(GradientSimulator.builder().clock(this.clock)
                .rateLimits(RateLimits.DIGITALOCEAN).jobTiming(JobPlan.TIMING).journalCapacity(200_000).start());
        if (this.fleet) {
            this.redis = RedisServerProcess.startOnFreePort();
            this.resources.add(this.redis);
        }
        for (int m = 0; m < JobPlan.MEMBERS; m++) {
            this.members.add(started(MemberProcess.start("member-" + (m + 1), this.directory,
                    properties(this.simulator, this.fleet, CALL_INTERVAL))));
        }
        this.alone = started(MemberProcess.start("alone", this.directory,
                properties(this.aloneSimulator, false, CALL_INTERVAL.dividedBy(JobPlan.MEMBERS))));
        this.members.forEach((member) -> member.awaitReady(Duration.ofMinutes(3)));
        this.alone.awaitReady(Duration.ofMinutes(3));

        List<String> jobs = new ArrayList<>();
        List<String> aloneJobs = new ArrayList<>();
        createJobs(jobs, aloneJobs);
        Duration offset = this.clock.offset();
        long fleetRequestsBefore = this.simulator.journal().total();
        long aloneRequestsBefore = this.aloneSimulator.journal().total();
        Map<Operation, Long> fleetOperationsBefore = this.simulator.journal().counts();
        Map<Operation, Long> aloneOperationsBefore = this.aloneSimulator.journal().counts();
        Instant firstEnd = Instant.now().plus(JobPlan.firstEndAfterCreates());
        Instant lastEnd = firstEnd.plus(Duration.ofSeconds(30));

        Instant watchesStart = this.clock.instant();
        Map<MemberProcess, List<String>> watched = new LinkedHashMap<>();
        for (int m = 0; m < JobPlan.MEMBERS; m++) {
            watched.put(this.members.get(m), JobPlan.watchedBy(m, jobs));
        }
        watched.forEach(MemberProcess::watch);
        this.alone.watch(aloneJobs);
        watched.put(this.alone, aloneJobs);

        Map<MemberProcess, MemberReport> reports = awaitEnds(watched, firstEnd, lastEnd.plus(GRACE));
        long fleetRequests = this.simulator.journal().total() - fleetRequestsBefore;
        long aloneRequests = this.aloneSimulator.journal().total() - aloneRequestsBefore;
        FleetResult result = FleetResult.of(this.name, this.fleet, offset, watched, reports, this.killed,
                fleetRequests, this.simulator.journal().rateLimited(), aloneRequests,
                this.aloneSimulator.journal().rateLimited(), this.alone,
                since(fleetOperationsBefore, this.simulator.journal().counts()),
                since(aloneOperationsBefore, this.aloneSimulator.journal().counts()));
        result.write(this.directory.resolve("results.md"));
        appendTimelines(watchesStart, reports);
        return result;
    }

    // The requests of the run by member and time, and each end's delay by when the job finished: for reading a run.
    private void appendTimelines(Instant watchesStart, Map<MemberProcess, MemberReport> reports) {
        StringBuilder ends = new StringBuilder("member\tfinished (s)\tdelay (ms)\n");
        reports.forEach((member, report) -> {
            for (MemberReport.End end : report.ends()) {
                if (end.finishedAt() > 0) {
                    long delay = end.seenAt() - (end.finishedAt() - this.clock.offset().toMillis());
                    ends.append(member.name()).append('\t')
                        .append((end.finishedAt() - watchesStart.toEpochMilli()) / 1000.0).append('\t')
                        .append(delay).append('\n');
                }
            }
        });
        try {
            Files.writeString(this.directory.resolve("ends.tsv"), ends);
            Files.writeString(this.directory.resolve("results.md"), "\nFour members, requests per 5 s:\n\n"
                    + RunTimeline.write(this.simulator, watchesStart, this.directory.resolve("requests.tsv"))
                    + "\nOne member alone, requests per 5 s:\n\n"
                    + RunTimeline.write(this.aloneSimulator, watchesStart, this.directory.resolve("alone-requests.tsv")),
                    StandardOpenOption.APPEND);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    // Requests per operation since `before`, the ones that were sent at all.
    private static Map<String, Long> since(Map<Operation, Long> before, Map<Operation, Long> after) {
        Map<String, Long> sent = new LinkedHashMap<>();
        after.forEach((operation, count) -> {
            long delta = count - before.getOrDefault(operation, 0L);
            if (delta > 0) {
                sent.put(operation.name(), delta);
            }
        });
        return sent;
    }

    private void createJobs(List<String> jobs, List<String> aloneJobs) {
        Map<Integer, String> knowledgeBases = knowledgeBases(this.simulator);
        Map<Integer, String> aloneKnowledgeBases = knowledgeBases(this.aloneSimulator);
        Creator creator = new Creator(this.simulator);
        Creator aloneCreator = new Creator(this.aloneSimulator);
        for (int i = 0; i < JobPlan.JOBS; i++) {
            int dataSources = JobPlan.dataSources(i);
            jobs.add(creator.create(knowledgeBases.get(dataSources)));
            aloneJobs.add(aloneCreator.create(aloneKnowledgeBases.get(dataSources)));
            this.clock.advance(JobPlan.CREATE_STEP);
        }
        this.clock.advance(JobPlan.MINUTE_WINDOW);
    }

    private static Map<Integer, String> knowledgeBases(GradientSimulator simulator) {
        Map<Integer, String> byDataSources = new HashMap<>();
        for (int n = 1; n <= JobPlan.MAX_DATA_SOURCES; n++) {
            KnowledgeBaseSpec spec = KnowledgeBaseSpec.named("fleet-" + n);
            for (int d = 0; d < n; d++) {
                spec = spec.dataSource(10, 40_000);
            }
            SeededKnowledgeBase kb = simulator.addKnowledgeBase(spec);
            byDataSources.put(n, kb.uuid());
        }
        return byDataSources;
    }

    private Map<MemberProcess, MemberReport> awaitEnds(Map<MemberProcess, List<String>> watched, Instant firstEnd,
            Instant deadline) {
        Map<MemberProcess, MemberReport> reports = new LinkedHashMap<>();
        int nextEvent = 0;
        while (true) {
            while (nextEvent < this.events.size()
                    && Instant.now().isAfter(firstEnd.plus(this.eventTimes.get(nextEvent)))) {
                this.events.get(nextEvent++).run();
            }
            boolean done = nextEvent == this.events.size();
            for (Map.Entry<MemberProcess, List<String>> entry : watched.entrySet()) {
                MemberProcess member = entry.getKey();
                if (this.killed.contains(member)) {
                    continue;
                }
                MemberReport report = member.report();
                reports.put(member, report);
                Set<String> ended = report.ends().stream().map(MemberReport.End::uuid).collect(Collectors.toSet());
                Set<String> failed = report.failures().stream().map((line) -> line.substring(0, line.indexOf(' ')))
                        .collect(Collectors.toSet());
                done &= entry.getValue().stream().allMatch((uuid) -> ended.contains(uuid) || failed.contains(uuid));
            }
            if (done || Instant.now().isAfter(deadline)) {
                return reports;
            }
            Waits.pause(Duration.ofSeconds(2));
        }
    }

    private Map<String, String> properties(GradientSimulator target, boolean fleetMode, Duration callInterval) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("gradient.base-url", target.baseUrl());
        properties.put("gradient.access-token", target.accessToken());
        properties.put("gradient.fleet.enabled", String.valueOf(fleetMode));
        properties.put("member.call-interval", callInterval.toMillis() + "ms");
        if (fleetMode) {
            properties.put("spring.data.redis.host", this.redis.host());
            properties.put("spring.data.redis.port", String.valueOf(this.redis.port()));
        }
        return properties;
    }

    private <T extends AutoCloseable> T started(T resource) {
        this.resources.add(resource);
        return resource;
    }

    /** Stops every member, the redis-server and the simulators, last started first. */
    @Override
    public void close() {
        for (int i = this.resources.size() - 1; i >= 0; i--) {
            try {
                this.resources.get(i).close();
            }
            catch (Exception ex) {
                // Go on closing the rest; ChildProcesses' hook kills what is left at the end.
            }
        }
    }

    /** Creates the run's jobs through the API, as anyone on the token would (they count against its budget). */
    private static final class Creator {

        private final IndexingJobsClient client;

        Creator(GradientSimulator simulator) {
            this.client = IndexingJobsClient.builder().baseUrl(simulator.baseUrl())
                    .accessToken(simulator.accessToken()).rateLimitPolicy(RateLimitPolicy.unlimited())
                    .sharedBudget(false).build();
        }

        String create(String knowledgeBaseUuid) {
            IndexingJob job = this.client.create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBaseUuid))
                    .block(Duration.ofSeconds(30));
            if (job == null || job.uuid() == null) {
                throw new IllegalStateException("create answered no job");
            }
            return job.uuid();
        }

    }

}
