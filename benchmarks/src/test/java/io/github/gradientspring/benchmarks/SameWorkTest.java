package io.github.gradientspring.benchmarks;

import java.time.Duration;
import java.util.List;

import io.github.gradientspring.client.IndexingJobsClient;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.client.model.PageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the two sides of every benchmark do the same work: the same requests on the wire and the same records out.
 */
class SameWorkTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private Responder responder;

    private ReactorClientHttpConnector clientConnector;

    private ReactorClientHttpConnector rawConnector;

    private IndexingJobsClient client;

    private RawWebClient raw;

    @BeforeEach
    void start() {
        this.responder = Responder.startRecording();
        this.clientConnector = Transports.connector("test-client");
        this.rawConnector = Transports.connector("test-raw");
        this.client = Transports.client(this.responder.baseUrl(), this.clientConnector);
        this.raw = Transports.raw(this.responder.baseUrl(), this.rawConnector);
    }

    @AfterEach
    void stop() {
        this.clientConnector.stop();
        this.rawConnector.stop();
        this.responder.close();
    }

    @Test
    void cancelSendsTheSameRequestAndDecodesTheSameJobOnBothSides() {
        IndexingJob viaClient = this.client.cancel(Payloads.JOB_UUID).block(BOUND);
        IndexingJob viaRaw = this.raw.cancel(Payloads.JOB_UUID).block(BOUND);

        assertThat(viaClient).isNotNull().isEqualTo(viaRaw);
        assertThat(viaClient.phase()).isEqualTo(IndexingJobPhase.CANCELLED);
        assertThat(viaClient.dataSourceJobs()).hasSize(2);
        List<Responder.RecordedRequest> journal = this.responder.journal();
        assertThat(journal).hasSize(2);
        assertThat(journal.get(0).method()).isEqualTo("PUT");
        assertThat(journal.get(0).uri()).isEqualTo("/v2/gen-ai/indexing_jobs/" + Payloads.JOB_UUID + "/cancel");
        assertThat(journal.get(0).body()).isEqualTo("{\"uuid\":\"" + Payloads.JOB_UUID + "\"}");
        assertThat(journal.get(0).headers().get("authorization")).isEqualTo("Bearer " + Transports.TOKEN);
        assertThat(journal.get(0).headers().get("user-agent")).startsWith("gradient-spring-boot/");
        assertThat(journal.get(1)).isEqualTo(journal.get(0));
    }

    @Test
    void theResponderAnswersTheCancelOfDoTsJobWithTheSameJobWithoutDataSourceUuids() {
        IndexingJob usual = this.client.cancel(Payloads.JOB_UUID).block(BOUND);
        IndexingJob forDoTs = this.client.cancel(Payloads.JOB_WITHOUT_DATA_SOURCE_UUIDS).block(BOUND);

        assertThat(usual).isNotNull();
        assertThat(forDoTs).isNotNull();
        assertThat(usual.dataSourceUuids()).hasSize(2);
        assertThat(forDoTs.dataSourceUuids()).isEmpty();
        assertThat(forDoTs.uuid()).isEqualTo(Payloads.JOB_WITHOUT_DATA_SOURCE_UUIDS);
        assertThat(forDoTs.phase()).isEqualTo(usual.phase());
        assertThat(forDoTs.dataSourceJobs()).isEqualTo(usual.dataSourceJobs());
    }

    @Test
    void listAndDecodeGiveTheSamePageOnEveryPath() {
        IndexingJobPage viaClient = this.client.list(PageRequest.of(1, Payloads.PAGE_SIZE)).block(BOUND);
        IndexingJobPage viaRaw = this.raw.list(1, Payloads.PAGE_SIZE).block(BOUND);

        assertThat(viaClient).isNotNull().isEqualTo(viaRaw);
        assertThat(viaClient.jobs()).hasSize(Payloads.PAGE_SIZE);
        assertThat(viaClient.hasNext()).isTrue();
        assertThat(ClientDecodePath.decodePage(Payloads.jobPage())).isEqualTo(viaClient);
        assertThat(RawWebClient.decodePage(Payloads.jobPage())).isEqualTo(viaClient);
        assertThat(ClientDecodePath.decodeJob(Payloads.cancelledJob()))
            .isEqualTo(RawWebClient.decodeJob(Payloads.cancelledJob()));
        List<Responder.RecordedRequest> journal = this.responder.journal();
        assertThat(journal).hasSize(2);
        assertThat(journal.get(0).uri()).isEqualTo("/v2/gen-ai/indexing_jobs?page=1&per_page=200");
        assertThat(journal.get(1)).isEqualTo(journal.get(0));
    }

}
