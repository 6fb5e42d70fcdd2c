package io.github.gradientspring.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Runs the standalone entry point in-process on a free port; {@code StandaloneJarIT} runs the packaged jar. */
class StandaloneTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoPrintsBaseUrlTokenAndEverySeededUuidAndServes() {
        try (GradientSimulator simulator = GradientSimulatorMain.launch(
                new String[] {"--port", "0", "--token", "dev-token", "--demo"}, out)) {
            assertThat(output()).contains(simulator.baseUrl(), "dev-token", GradientSimulatorMain.DEMO_KNOWLEDGE_BASE);
            for (String source : GradientSimulatorMain.DEMO_DATA_SOURCES) {
                assertThat(output()).contains(source);
            }
            Http http = new Http(simulator.baseUrl(), "dev-token");
            Http.Response created = http.post("/v2/gen-ai/indexing_jobs",
                    Fixtures.createBody(GradientSimulatorMain.DEMO_KNOWLEDGE_BASE));
            assertThat(created.status()).isEqualTo(200);
            assertThat(created.job().get("total_datasources").asInt()).isEqualTo(4);
            assertThat(http.withToken("simulator-token").get("/v2/gen-ai/indexing_jobs").status()).isEqualTo(401);
        }
    }

    @Test
    void demoSeedsTheDemoKnowledgeBaseOfFourDataSourcesAnd243Items() {
        try (GradientSimulator simulator = GradientSimulatorMain.launch(new String[] {"--port", "0", "--demo"}, out);
                GradientSimulator reference = GradientSimulator.builder().start()) {
            SeededKnowledgeBase expected = reference.addKnowledgeBase(KnowledgeBaseSpec.demo());
            assertThat(simulator.knowledgeBases()).singleElement().satisfies((kb) -> {
                assertThat(kb.uuid()).isEqualTo("9758a232-b351-11ef-bf8f-4e013e2ddde4");
                assertThat(kb.name()).isEqualTo("demo-docs");
                assertThat(kb.dataSources()).extracting(SeededDataSource::uuid, SeededDataSource::itemCount,
                        SeededDataSource::totalBytes)
                    .containsExactlyElementsOf(expected.dataSources().stream()
                        .map((source) -> org.assertj.core.groups.Tuple.tuple(source.uuid(), source.itemCount(),
                                source.totalBytes()))
                        .toList());
                assertThat(kb.dataSources().stream().mapToLong(SeededDataSource::itemCount).sum()).isEqualTo(243);
            });
        }
    }

    @Test
    void everyFlagIsApplied() {
        try (GradientSimulator simulator = GradientSimulatorMain.launch(new String[] {"--port", "0", "--manual-clock",
                "--read-only-token", "reader", "--pending", "500ms", "--per-data-source", "PT3S",
                "--rate-limit-per-minute", "7", "--rate-limit-per-hour", "70", "--no-journal"}, out)) {
            assertThat(simulator.hasManualClock()).isTrue();
            assertThat(simulator.readOnlyTokens()).containsExactly("reader");
            assertThat(simulator.jobTiming()).isEqualTo(JobTiming.of(Duration.ofMillis(500), Duration.ofSeconds(3)));
            assertThat(simulator.rateLimits()).isEqualTo(RateLimits.of(7, 70));
            assertThat(simulator.journal().enabled()).isFalse();
            assertThat(simulator.knowledgeBases()).isEmpty();
            JsonNode state = new Http(simulator.baseUrl(), null).get("/_simulator/state").json();
            assertThat(state.get("manual").asBoolean()).isTrue();
        }
    }

    @Test
    void fastFlagTurnsRateLimitsAndJournalOff() {
        try (GradientSimulator simulator = GradientSimulatorMain.launch(new String[] {"--port", "0", "--fast"}, out)) {
            assertThat(simulator.rateLimits().enabled()).isFalse();
            assertThat(simulator.journal().enabled()).isFalse();
            assertThat(Http.to(simulator).get("/v2/gen-ai/indexing_jobs").header("ratelimit-limit")).isNull();
            assertThat(output()).contains("rate limits   off");
        }
    }

    @Test
    void helpPrintsUsageAndStartsNothing() {
        assertThat(GradientSimulatorMain.launch(new String[] {"--help"}, out)).isNull();
        assertThat(output()).contains("--port", "--token", "--demo", "--fast", "--manual-clock");
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> GradientSimulatorMain.launch(new String[] {"--bogus"}, out));
        assertThatIllegalArgumentException().isThrownBy(() -> GradientSimulatorMain.launch(new String[] {"--port"}, out));
        assertThatIllegalArgumentException().isThrownBy(() -> GradientSimulatorMain.launch(new String[] {"--port", "x"}, out));
        assertThatIllegalArgumentException().isThrownBy(() -> GradientSimulatorMain.launch(
                new String[] {"--pending", "soon"}, out));
    }

    @Test
    void durationsAcceptCommonSpellings() {
        assertThat(GradientSimulatorMain.duration("--d", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(GradientSimulatorMain.duration("--d", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(GradientSimulatorMain.duration("--d", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(GradientSimulatorMain.duration("--d", "3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(GradientSimulatorMain.duration("--d", "PT4S")).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void startingTwiceIsRefusedAndCloseIsIdempotent() {
        GradientSimulator simulator = GradientSimulator.builder().start();
        assertThat(simulator.toString()).contains(simulator.baseUrl());
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(simulator::start);
        simulator.close();
        simulator.close();
    }
}
