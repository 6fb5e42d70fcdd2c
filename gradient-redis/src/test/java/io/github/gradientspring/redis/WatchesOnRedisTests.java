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
import io.github.gradientspring.redis.test.RedisServerProcess;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.JobTiming;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import io.github.gradientspring.simulator.RecordedRequest;
import io.github.gradientspring.simulator.SeededKnowledgeBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watches of one job on two members of a fleet, on a real Redis and the simulator: one member polls, the other
 * hears every state from it, in order, to the end.
 */
class WatchesOnRedisTests {

    private static RedisServerProcess redis;

    private FleetTestSupport support;

    private GradientSimulator simulator;

    private SeededKnowledgeBase knowledgeBase;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.startOnFreePort();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void start() {
        this.support = new FleetTestSupport(redis);
        this.simulator = GradientSimulator.builder()
            .rateLimits(RateLimits.DIGITALOCEAN)
            .jobTiming(JobTiming.of(Duration.ofMillis(500), Duration.ofMillis(700)))
            .start();
        this.knowledgeBase = this.simulator.addKnowledgeBase(KnowledgeBaseSpec.named("fleet")
            .dataSource(10, 1000).dataSource(10, 1000).dataSource(10, 1000));
    }

    @AfterEach
    void stop() throws Exception {
        this.support.close();
        this.simulator.close();
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
        RedisGradientFleet pollerFleet = this.support.member();
        RedisGradientFleet listenerFleet = this.support.member();
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
            RedisGradientFleet sweepingFleet = this.support.member();
            RedisGradientFleet listenerFleet = this.support.member();
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

}
