package io.github.gradientspring.simulator;

import java.time.Duration;

/** Common set-up: a simulator on a manual clock with a predictable timing, and request bodies. */
final class Fixtures {

    /** One second pending, ten seconds per data source: easy arithmetic in lifecycle tests. */
    static final JobTiming TIMING = JobTiming.of(Duration.ofSeconds(1), Duration.ofSeconds(10));

    private Fixtures() {
    }

    static GradientSimulator.Builder manual() {
        return GradientSimulator.builder().manualClock().jobTiming(TIMING);
    }

    /** A knowledge base with two data sources: 100 items / 400 000 bytes and 10 items / 4 000 bytes. */
    static SeededKnowledgeBase docs(GradientSimulator simulator) {
        return simulator.addKnowledgeBase(KnowledgeBaseSpec.named("docs").dataSource(100, 400_000).dataSource(10, 4_000));
    }

    static String createBody(String knowledgeBaseUuid) {
        return "{\"knowledge_base_uuid\":\"" + knowledgeBaseUuid + "\"}";
    }

    /** Creates a job over the whole knowledge base and returns its UUID. */
    static String createJob(Http http, SeededKnowledgeBase kb) {
        Http.Response response = http.post("/v2/gen-ai/indexing_jobs", createBody(kb.uuid()));
        if (response.status() != 200) {
            throw new AssertionError("create answered " + response.status() + ": " + response.body());
        }
        return response.job().get("uuid").asString();
    }
}
