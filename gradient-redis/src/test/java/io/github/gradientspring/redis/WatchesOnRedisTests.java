package io.github.gradientspring.redis;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.fleet.FleetScope;
import io.github.gradientspring.client.fleet.GradientFleet;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.JobTiming;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import io.github.gradientspring.simulator.RecordedRequest;
import io.github.gradientspring.simulator.SeededKnowledgeBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watches of one job on two members of a fleet, on a real Redis and the simulator: one member polls, the other
 * hears every state from it, in order, to the end.
 */
class WatchesOnRedisTests {

    @RegisterExtension
    static final FleetRedis redis = new FleetRedis();

    private FleetTestSupport support;

    private GradientSimulator simulator;

    private SeededKnowledgeBase knowledgeBase;

    @BeforeEach
    void start() {
        this.support = redis.support();
        this.simulator = GradientSimulator.builder()
            .rateLimits(RateLimits.DIGITALOCEAN)
            .jobTiming(JobTiming.of(Duration.ofMillis(500), Duration.ofMillis(700)))
            .start();
        this.knowledgeBase = this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("fleet")
            .dataSource(10, 1000).dataSource(10, 1000).dataSource(10, 1000));
    }

    @AfterEach
    void stop() {
        this.simulator.close();
    }

    // A member whose lease is renewed late under a busy machine's pause loses it to the other (by design), and one whose
    // Redis command times out goes on alone and polls its own watches: these tests assert which member polls, so they
    // give both room. Taking a lease over is LeasesOnRedisTests' concern.
    private RedisGradientFleet member() {
        return this.support.member(Duration.ofSeconds(10), Duration.ofSeconds(3));
    }

    // Each member's requests carry its name, so that the journal tells who polled.
    private IndexingJobsClient client(GradientFleet fleet, String member) {
        return client(this.simulator, fleet, member);
    }

    private static IndexingJobsClient client(GradientSimulator simulator, GradientFleet fleet, String member) {
        return IndexingJobsClient.builder()
            .accessToken(simulator.accessToken())
            .baseUrl(simulator.baseUrl())
            .webClientBuilder(WebClient.builder().defaultHeader("x-member", member))
            .watchInitialInterval(Duration.ofMillis(200))
            .watchMaxInterval(Duration.ofMillis(400))
            .sharedBudget(false)
            .fleet(fleet)
            .build();
    }

    @Test
    void statesFanOutToTheWatchersOfAnotherMemberInOrderToTheEnd() {
        RedisGradientFleet pollerFleet = member();
        RedisGradientFleet listenerFleet = member();
        IndexingJobsClient poller = client(pollerFleet, "poller");
        IndexingJobsClient listener = client(listenerFleet, "listener");
        IndexingJob created = poller.create(CreateIndexingJobRequest.forKnowledgeBase(this.knowledgeBase.uuid()))
            .block(Duration.ofSeconds(10));
        String jobUuid = created.uuid();
        FleetScope listenerScope = listenerFleet.scopes().iterator().next();

        List<IndexingJob> polled = new ArrayList<>();
        List<IndexingJob> heard = new ArrayList<>();
        // The poller's watch starts first and takes the lease; the listener's starts once it is taken.
        poller.watch(jobUuid).subscribe(polled::add);
        FleetScope pollerScope = pollerFleet.scopes().iterator().next();
        assertThat(pollerScope.watch(jobUuid).block(Duration.ofSeconds(5))).as("the poller holds the lease").isTrue();
        IndexingJob last = listener.watch(jobUuid).doOnNext(heard::add).blockLast(Duration.ofSeconds(20));

        assertThat(last).isNotNull();
        assertThat(last.isTerminal()).isTrue();
        assertThat(listenerScope.holds(jobUuid)).isFalse();
        assertThat(heard).extracting(IndexingJob::updatedAt).isSortedAccordingTo(OffsetDateTime::compareTo);
        assertThat(heard.size()).as("states heard").isGreaterThan(1);
        List<RecordedRequest> listenerPolls = new ArrayList<>(this.simulator.journal().requests(Operation.RETRIEVE));
        listenerPolls.addAll(this.simulator.journal().requests(Operation.LIST));
        assertThat(listenerPolls).as("the listener's polls")
            .noneMatch((request) -> "listener".equals(request.header("x-member")));
    }

    @Test
    void aWatchOfAJobWhoseHolderWasKilledEndsWithItsTerminalState() {
        RedisGradientFleet fleet = this.support.member();
        IndexingJobsClient survivor = client(fleet, "survivor");
        IndexingJob created = survivor.create(CreateIndexingJobRequest.forKnowledgeBase(this.knowledgeBase.uuid()))
            .block(Duration.ofSeconds(10));
        String jobUuid = created.uuid();
        // What a member killed with kill -9 while polling the job leaves: its lease, renewed by nobody.
        String scopeKey = fleet.scopes().iterator().next().key();
        new ReactiveStringRedisTemplate(this.support.connectionFactory()).opsForValue()
            .set(FleetKeys.of(this.support.keyPrefix, scopeKey).lease(jobUuid), "killed-member", fleet.leaseTime())
            .block(Duration.ofSeconds(5));

        IndexingJob last = survivor.watch(jobUuid).blockLast(Duration.ofSeconds(20));

        assertThat(last).isNotNull();
        assertThat(last.isTerminal()).isTrue();
        assertThat(this.simulator.journal().requests(Operation.RETRIEVE)).as("the survivor's polls")
            .anyMatch((request) -> "survivor".equals(request.header("x-member")));
    }

    @Test
    void aListPageOneMemberSweepsRefreshesAJobOnlyAnotherMemberWatches() {
        // The simulator's jobs move only when its clock is advanced: the listened job ends before the sweeps begin,
        // and the swept ones never end, so that the sweeping member lists the page on every cycle.
        try (GradientSimulator simulator = GradientSimulator.builder().manualClock()
            .rateLimits(RateLimits.DIGITALOCEAN)
            .jobTiming(JobTiming.of(Duration.ofMillis(500), Duration.ofMillis(700)))
            .start()) {
            RedisGradientFleet sweepingFleet = member();
            RedisGradientFleet listenerFleet = member();
            IndexingJobsClient sweeping = client(simulator, sweepingFleet, "sweeping");
            IndexingJobsClient listener = client(simulator, listenerFleet, "listener");
            SeededKnowledgeBase quick = simulator.addKnowledgeBase(KnowledgeBaseSpec.named("quick").dataSource(1, 100));
            String onlyListened = listener.create(CreateIndexingJobRequest.forKnowledgeBase(quick.uuid()))
                .block(Duration.ofSeconds(10)).uuid();
            // Ten jobs watched at once: their first polls fall in one cycle, which lists the page they share.
            List<String> swept = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                SeededKnowledgeBase slow = simulator.addKnowledgeBase(KnowledgeBaseSpec.named("slow-" + i)
                    .dataSource(10, 1000).dataSource(10, 1000).dataSource(10, 1000).dataSource(10, 1000));
                swept.add(sweeping.create(CreateIndexingJobRequest.forKnowledgeBase(slow.uuid()))
                    .block(Duration.ofSeconds(10)).uuid());
            }
            // A member that was killed holds the listened job's lease for longer than the test: the listener may not
            // poll it, and hears of it only through the other member's list sweep.
            FleetScope listenerScope = listenerFleet.scopes().iterator().next();
            new ReactiveStringRedisTemplate(this.support.connectionFactory()).opsForValue()
                .set(FleetKeys.of(this.support.keyPrefix, listenerScope.key()).lease(onlyListened), "killed-member",
                        Duration.ofSeconds(30))
                .block(Duration.ofSeconds(5));
            List<IndexingJob> heard = new CopyOnWriteArrayList<>();
            listener.watch(onlyListened).subscribe(heard::add);
            assertThat(listenerScope.watch(onlyListened).block(Duration.ofSeconds(5))).as("the listener's lease")
                .isFalse();
            simulator.advance(Duration.ofSeconds(2));

            Flux.fromIterable(swept).flatMap(sweeping::watch).subscribe();
            Flux.interval(Duration.ofMillis(50)).filter((tick) -> !heard.isEmpty() && heard.get(heard.size() - 1)
                .isTerminal()).next().block(Duration.ofSeconds(20));

            assertThat(heard).last().satisfies((job) -> assertThat(job.isTerminal()).isTrue());
            assertThat(simulator.journal().requests(Operation.LIST)).as("the sweeping member's list pages")
                .anyMatch((request) -> "sweeping".equals(request.header("x-member")));
            List<RecordedRequest> listenerPolls = new ArrayList<>(simulator.journal().requests(Operation.RETRIEVE));
            listenerPolls.addAll(simulator.journal().requests(Operation.LIST));
            assertThat(listenerPolls).as("the listener's polls")
                .noneMatch((request) -> "listener".equals(request.header("x-member")));
        }
    }

    @Test
    void aPageWithJobsOfTwoMembersIsListedByOneMemberAtATime() {
        RedisGradientFleet firstFleet = member();
        RedisGradientFleet secondFleet = member();
        IndexingJobsClient first = client(firstFleet, "first");
        IndexingJobsClient second = client(secondFleet, "second");
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SeededKnowledgeBase kb = this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("shared-" + i)
                .dataSource(10, 1000).dataSource(10, 1000));
            jobs.add(first.create(CreateIndexingJobRequest.forKnowledgeBase(kb.uuid())).block(Duration.ofSeconds(10))
                .uuid());
        }
        // Each member takes the leases of half of the jobs, so that both have due jobs on the one page every round.
        FleetScope firstScope = firstFleet.scopes().iterator().next();
        FleetScope secondScope = secondFleet.scopes().iterator().next();
        for (int i = 0; i < jobs.size(); i++) {
            FleetScope taker = (i % 2 == 0) ? firstScope : secondScope;
            assertThat(taker.watch(jobs.get(i)).block(Duration.ofSeconds(5))).as("lease of job " + i).isTrue();
        }
        // Both members' watches start together: their first polls come due in the same few milliseconds.
        Flux<IndexingJob> firstWatches = Flux.fromIterable(jobs).flatMap(first::watch).filter(IndexingJob::isTerminal);
        Flux<IndexingJob> secondWatches = Flux.fromIterable(jobs).flatMap(second::watch).filter(IndexingJob::isTerminal);
        List<IndexingJob> ends = Flux.merge(firstWatches, secondWatches).collectList().block(Duration.ofSeconds(30));

        assertThat(ends).as("every watch's end, on both members").hasSize(2 * jobs.size());
        // Only the watches list: the jobs were created and their leases taken without a list request.
        List<RecordedRequest> lists = this.simulator.journal().requests(Operation.LIST);
        assertThat(lists).as("the page's lists").isNotEmpty();
        for (int i = 1; i < lists.size(); i++) {
            RecordedRequest earlier = lists.get(i - 1);
            RecordedRequest later = lists.get(i);
            if (!earlier.header("x-member").equals(later.header("x-member"))) {
                // The page went from one member to the other: only once the first member's claim ran out. It holds
                // for the shortest interval, 200 ms, from the claim, which comes just before that member's list
                // (a budget slot and a request to the simulator apart): half of it is left for those, on a busy
                // machine. Without claims both members list the page within milliseconds on their first round.
                assertThat(Duration.between(earlier.receivedAt(), later.receivedAt()))
                    .as("from " + earlier.header("x-member") + "'s list to " + later.header("x-member") + "'s")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(100));
            }
        }
    }

}
