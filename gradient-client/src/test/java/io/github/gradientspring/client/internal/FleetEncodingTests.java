package io.github.gradientspring.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What fleet mode hands to a fleet's store: a scope key that names the token without revealing it, and job states
 * that read back as the same jobs.
 */
class FleetEncodingTests {

    private static final String TOKEN = "dop_v1_0123456789abcdef0123456789abcdef";

    private static final URI BASE_URL = URI.create("https://api.digitalocean.com");

    @Test
    void theScopeKeyIsTheSameOnEveryMemberOfATokenAndBaseUrlAndNamesNeither() throws Exception {
        String key = SharedBudgets.scopeKey(TOKEN, BASE_URL);
        String plainHash = HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)));

        assertThat(key).isEqualTo(SharedBudgets.scopeKey(TOKEN, BASE_URL)).hasSize(64).matches("[0-9a-f]+");
        assertThat(key).isNotEqualTo(SharedBudgets.scopeKey(TOKEN + "x", BASE_URL))
            .isNotEqualTo(SharedBudgets.scopeKey(TOKEN, URI.create("http://127.0.0.1:8089")));
        assertThat(key).doesNotContain(TOKEN).isNotEqualTo(plainHash);
    }

    @Test
    void aJobStateReadsBackAsTheSameJob() throws IOException {
        for (IndexingJob job : fixtureJobs()) {
            String state = GradientJson.INSTANCE.writeJobState(job);

            assertThat(state).doesNotContain("\n");
            assertThat(GradientJson.INSTANCE.readJobState(state)).isEqualTo(job);
        }
    }

    private static Iterable<IndexingJob> fixtureJobs() throws IOException {
        try (InputStream single = FleetEncodingTests.class.getResourceAsStream("/fixtures/get-indexing-job.response.json");
                InputStream list = FleetEncodingTests.class.getResourceAsStream("/fixtures/list-indexing-jobs.response.json")) {
            IndexingJob job = GradientJson.INSTANCE.readJob(single);
            IndexingJobPage page = GradientJson.INSTANCE.readPage(list);
            java.util.List<IndexingJob> jobs = new java.util.ArrayList<>(page.jobs());
            jobs.add(job);
            assertThat(jobs).isNotEmpty();
            return jobs;
        }
    }

}
