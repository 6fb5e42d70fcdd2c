package io.github.gradientspring.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.RetryPolicy;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.PageRequest;
import io.github.gradientspring.redis.test.RedisServerProcess;
import io.github.gradientspring.simulator.Fault;
import io.github.gradientspring.simulator.GradientSimulator;
import io.github.gradientspring.simulator.JobTiming;
import io.github.gradientspring.simulator.KnowledgeBaseSpec;
import io.github.gradientspring.simulator.Operation;
import io.github.gradientspring.simulator.RateLimits;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What a fleet leaves in Redis after calls, a 429 and watches: keys under its prefix, each with a time to live, and
 * neither the access token nor its plain SHA-256 anywhere in a key or a value.
 */
class WhatRedisHoldsTests {

    private static final String TOKEN = "dop_v1_fleet-secret-token-0123456789abcdef";

    @Test
    void keysLiveUnderThePrefixExpireAndHoldNoToken() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.startOnFreePort();
                FleetTestSupport support = new FleetTestSupport(redis);
                GradientSimulator simulator = GradientSimulator.builder().accessToken(TOKEN)
                    .rateLimits(RateLimits.DIGITALOCEAN)
                    .jobTiming(JobTiming.of(Duration.ofMillis(200), Duration.ofMillis(300)))
                    .start()) {
            String knowledgeBase = simulator.addKnowledgeBase(KnowledgeBaseSpec.named("secret").dataSource(3, 300))
                .uuid();
            List<IndexingJobsClient> members = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                members.add(IndexingJobsClient.builder().accessToken(TOKEN).baseUrl(simulator.baseUrl())
                    .retryPolicy(RetryPolicy.none()).watchInitialInterval(Duration.ofMillis(200))
                    .watchMaxInterval(Duration.ofMillis(300)).sharedBudget(false).fleet(support.member()).build());
            }
            IndexingJob job = members.get(0).create(CreateIndexingJobRequest.forKnowledgeBase(knowledgeBase))
                .block(Duration.ofSeconds(10));
            Flux.fromIterable(members).flatMap((member) -> member.watch(job.uuid())).blockLast(Duration.ofSeconds(15));
            simulator.faults().on(Operation.LIST).times(1).respond(Fault.status(429).retryAfter(Duration.ofSeconds(2)));
            catchThrowable(() -> members.get(1).list(PageRequest.of(1, 20)).block(Duration.ofSeconds(5)));
            // Renewed leases and registrations of a watch still open, at the time of the scan.
            members.get(1).watch(job.uuid()).subscribe();

            ReactiveStringRedisTemplate template = new ReactiveStringRedisTemplate(support.connectionFactory());
            List<String> keys = template.scan(ScanOptions.scanOptions().match("*").count(1000).build())
                .collectList().block(Duration.ofSeconds(5));
            StringBuilder everything = new StringBuilder();
            for (String key : keys) {
                everything.append(key).append('\n').append(dump(template, key)).append('\n');
                Duration ttl = template.getExpire(key).block(Duration.ofSeconds(5));
                if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                    // Only a key that expired since the scan (a page's claim lasts one short interval) has none.
                    assertThat(template.hasKey(key).block(Duration.ofSeconds(5))).as("time to live of " + key)
                        .isFalse();
                }
            }

            assertThat(keys).isNotEmpty().allMatch((key) -> key.startsWith(support.keyPrefix));
            assertThat(keys).anyMatch((key) -> key.endsWith(":minute")).anyMatch((key) -> key.endsWith(":state"));
            String plainHash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
            assertThat(everything.toString()).doesNotContain(TOKEN).doesNotContainIgnoringCase(plainHash)
                .doesNotContain("fleet-secret").doesNotContainIgnoringCase("bearer");
        }
    }

    private static String dump(ReactiveStringRedisTemplate template, String key) {
        DataType type = template.type(key).block(Duration.ofSeconds(5));
        Duration bound = Duration.ofSeconds(5);
        return switch (type) {
            case STRING -> String.valueOf(template.opsForValue().get(key).block(bound));
            case ZSET -> String.valueOf(template.opsForZSet().rangeWithScores(key,
                    org.springframework.data.domain.Range.unbounded()).collectList().block(bound));
            case HASH -> String.valueOf(template.opsForHash().entries(key).collectList().block(bound));
            default -> type + "?";
        };
    }

}
