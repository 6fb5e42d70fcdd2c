package io.github.gradientspring.benchmarks;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bodies the responder serves. */
class PayloadsTest {

    @Test
    void theJobForDoTsIsTheCancelledJobUnderItsOwnIdWithoutDataSourceUuids() {
        String job = new String(Payloads.cancelledJob(), StandardCharsets.UTF_8);
        String forDoTs = new String(Payloads.cancelledJobWithoutDataSourceUuids(), StandardCharsets.UTF_8);

        assertThat(job).contains("\"data_source_uuids\":[");
        assertThat(forDoTs).doesNotContain("data_source_uuids").contains("\"data_source_jobs\":[");
        assertThat(forDoTs).isEqualTo(job.replace(Payloads.JOB_UUID, Payloads.JOB_WITHOUT_DATA_SOURCE_UUIDS)
            .replaceFirst("\"data_source_uuids\":\\[[^\\]]*\\],", ""));
    }

}
