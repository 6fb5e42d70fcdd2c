package io.github.gradientspring.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.gradientspring.client.error.GradientConnectionException;
import io.github.gradientspring.client.error.GradientNotFoundException;
import io.github.gradientspring.client.error.GradientServerException;
import io.github.gradientspring.client.model.CreateIndexingScheduleRequest;
import io.github.gradientspring.client.model.IndexingSchedule;
import io.github.gradientspring.client.model.ScheduleDays;
import io.micrometer.observation.tck.TestObservationRegistry;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The three scheduled-indexing operations on the wire: method, path and body exactly, the spec's examples decoded
 * as they are, bad input refused before anything is sent, and the job operations' errors, retries and observation.
 */
class ScheduledIndexingTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final String SCHEDULE = "0f3c9a5e-6b1d-4c2e-8f7a-1b2c3d4e5f60";

    private final MockGradientApi api = new MockGradientApi();

    private final IndexingJobsClient client = this.api.client();

    @AfterEach
    void close() {
        this.api.close();
    }

    @Test
    void createSchedulePostsKnowledgeBaseTimeAndCronDays() {
        this.api.enqueueFixture("create-scheduled-indexing.response.json");
        IndexingSchedule schedule = this.client
            .createSchedule(CreateIndexingScheduleRequest.of(MockGradientApi.KB, LocalTime.of(2, 30),
                    DayOfWeek.THURSDAY, DayOfWeek.MONDAY))
            .block(TIMEOUT);
        RecordedRequest request = this.api.take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/v2/gen-ai/scheduled-indexing");
        assertThat(request.getBody().utf8()).isEqualTo(
                "{\"knowledge_base_uuid\":\"" + MockGradientApi.KB + "\",\"time\":\"02:30\",\"days\":[1,4]}");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(schedule.uuid()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    }

    @Test
    void createScheduleSendsSundayAsZeroFirst() {
        this.api.enqueueFixture("create-scheduled-indexing.response.json");
        this.client
            .createSchedule(CreateIndexingScheduleRequest.of(MockGradientApi.KB, "23:59",
                    EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)))
            .block(TIMEOUT);
        assertThat(this.api.take().getBody().utf8()).isEqualTo(
                "{\"knowledge_base_uuid\":\"" + MockGradientApi.KB + "\",\"time\":\"23:59\",\"days\":[0,6]}");
    }

    @Test
    void createScheduleOfEveryDaySendsAllSevenNumbers() {
        this.api.enqueueFixture("create-scheduled-indexing.response.json");
        this.client.createSchedule(CreateIndexingScheduleRequest.daily(MockGradientApi.KB, LocalTime.MIDNIGHT))
            .block(TIMEOUT);
        assertThat(this.api.take().getBody().utf8()).isEqualTo(
                "{\"knowledge_base_uuid\":\"" + MockGradientApi.KB + "\",\"time\":\"00:00\",\"days\":[0,1,2,3,4,5,6]}");
    }

    @Test
    void retrieveScheduleGetsTheKnowledgeBasePath() {
        this.api.enqueueFixture("get-scheduled-indexing.response.json");
        IndexingSchedule schedule = this.client.retrieveSchedule(MockGradientApi.KB).block(TIMEOUT);
        RecordedRequest request = this.api.take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget())
            .isEqualTo("/v2/gen-ai/scheduled-indexing/knowledge-base/" + MockGradientApi.KB);
        assertThat(request.getBodySize()).isZero();
        assertThat(request.getHeaders().get("Content-Type")).isNull();
        assertThat(schedule.knowledgeBaseUuid()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    }

    @Test
    void deleteScheduleDeletesTheSchedulePath() {
        this.api.enqueueFixture("delete-scheduled-indexing.response.json");
        IndexingSchedule schedule = this.client.deleteSchedule(SCHEDULE).block(TIMEOUT);
        RecordedRequest request = this.api.take();
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getTarget()).isEqualTo("/v2/gen-ai/scheduled-indexing/" + SCHEDULE);
        assertThat(request.getBodySize()).isZero();
        assertThat(schedule.isDeleted()).isTrue();
    }

    @Test
    void theSpecsExampleDecodesAsItIs() {
        this.api.enqueueFixture("get-scheduled-indexing.response.json");
        IndexingSchedule schedule = this.client.retrieveSchedule(MockGradientApi.KB).block(TIMEOUT);
        OffsetDateTime example = OffsetDateTime.parse("2023-01-01T00:00:00Z");
        assertThat(schedule.uuid()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(schedule.days()).containsExactly(123);
        assertThat(schedule.daysOfWeek()).isEmpty();
        assertThat(schedule.time()).isEqualTo("example string");
        assertThat(schedule.localTime()).isNull();
        assertThat(schedule.isActive()).isTrue();
        assertThat(schedule.nextRunAt()).isEqualTo(example);
        assertThat(schedule.lastRanAt()).isEqualTo(example);
        assertThat(schedule.createdAt()).isEqualTo(example);
        assertThat(schedule.updatedAt()).isEqualTo(example);
        assertThat(schedule.deletedAt()).isEqualTo(example);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 7 })
    void sundayDecodesFromZeroAndSeven(int sunday) {
        this.api.enqueueJson(200, "{\"indexing_info\":{\"days\":[" + sunday + ",1],\"time\":\"02:30:00\","
                + "\"is_active\":true,\"next_run_at\":\"2026-01-04T02:30:00Z\",\"surprise\":{\"new\":1}}}");
        IndexingSchedule schedule = this.client.retrieveSchedule(MockGradientApi.KB).block(TIMEOUT);
        assertThat(schedule.daysOfWeek()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.SUNDAY);
        assertThat(schedule.localTime()).isEqualTo(LocalTime.of(2, 30));
        assertThat(schedule.isDeleted()).isFalse();
        assertThat(schedule.nextRunAt()).isEqualTo(OffsetDateTime.parse("2026-01-04T02:30:00Z"));
    }

    @Test
    void everyFieldMayBeAbsent() {
        this.api.enqueueJson(200, "{\"indexing_info\":{}}");
        IndexingSchedule schedule = this.client.retrieveSchedule(MockGradientApi.KB).block(TIMEOUT);
        assertThat(schedule.uuid()).isNull();
        assertThat(schedule.days()).isEmpty();
        assertThat(schedule.daysOfWeek()).isEmpty();
        assertThat(schedule.localTime()).isNull();
        assertThat(schedule.isActive()).isNull();
        assertThat(schedule.isDeleted()).isFalse();
    }

    @Test
    void anAnswerWithoutIndexingInfoIsAResponseError() {
        this.api.enqueueJson(200, "{\"job\":{}}");
        Throwable error = catchThrowable(() -> this.client.retrieveSchedule(MockGradientApi.KB).block(TIMEOUT));
        assertThat(error).hasMessageContaining("indexing_info");
    }

    @Test
    void wireDaysMapBothWays() {
        assertThat(ScheduleDays.toWire(DayOfWeek.MONDAY)).isEqualTo(1);
        assertThat(ScheduleDays.toWire(DayOfWeek.SATURDAY)).isEqualTo(6);
        assertThat(ScheduleDays.toWire(DayOfWeek.SUNDAY)).isZero();
        assertThat(ScheduleDays.fromWire(0)).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(ScheduleDays.fromWire(7)).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(ScheduleDays.fromWire(8)).isNull();
        assertThat(ScheduleDays.fromWire(-1)).isNull();
    }

    @Test
    void noDaysIsRefusedNamingDays() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new CreateIndexingScheduleRequest(MockGradientApi.KB, LocalTime.NOON, Set.of()))
            .withMessageContaining("days");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> CreateIndexingScheduleRequest.of(MockGradientApi.KB, LocalTime.NOON))
            .withMessageContaining("days");
    }

    @Test
    void aTimeWithSecondsOrNanosIsRefusedNamingTime() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> CreateIndexingScheduleRequest.of(MockGradientApi.KB, LocalTime.of(2, 30, 15),
                    DayOfWeek.MONDAY))
            .withMessageStartingWith("time must be whole minutes");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> CreateIndexingScheduleRequest.of(MockGradientApi.KB, LocalTime.of(2, 30, 0, 1),
                    DayOfWeek.MONDAY))
            .withMessageStartingWith("time must be whole minutes");
    }

    @ParameterizedTest
    @ValueSource(strings = { "24:00", "12:60", "2:30", "02:30:00", "noon", "" })
    void aTimeOutOfRangeOrNotHoursAndMinutesIsRefusedNamingTime(String time) {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> CreateIndexingScheduleRequest.of(MockGradientApi.KB, time, Set.of(DayOfWeek.MONDAY)))
            .withMessageStartingWith("time must be HH:MM from 00:00 to 23:59");
    }

    @Test
    void aBadUuidIsRefusedNamingTheArgument() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> CreateIndexingScheduleRequest.of("../../account", LocalTime.NOON, DayOfWeek.MONDAY))
            .withMessageStartingWith("knowledgeBaseUuid must be a UUID");
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.retrieveSchedule("kb/../x"))
            .withMessageStartingWith("knowledgeBaseUuid must be a UUID");
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.deleteSchedule(" "))
            .withMessageStartingWith("scheduleUuid must not be blank");
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.createSchedule(null))
            .withMessageStartingWith("request must not be null");
    }

    @Test
    void refusedInputSendsNothing() {
        catchThrowable(() -> this.client.retrieveSchedule("not-a-uuid"));
        catchThrowable(() -> this.client.deleteSchedule(null));
        catchThrowable(() -> this.client.createSchedule(null));
        assertThat(this.api.requestCount()).isZero();
    }

    @Test
    void aKnowledgeBaseWithoutAScheduleIsNotFound() {
        this.api.enqueueJson(404, MockGradientApi.fixture("error-404.json"));
        assertThatExceptionOfType(GradientNotFoundException.class)
            .isThrownBy(() -> this.client.retrieveSchedule(MockGradientApi.KB).block(TIMEOUT))
            .satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(404));
        assertThat(this.api.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = { 408, 409, 500, 502, 504 })
    void createScheduleIsNotRetriedWhereTheApiMayHaveActed(int status) {
        this.api.enqueueJson(status, "{}");
        this.api.enqueueFixture("create-scheduled-indexing.response.json");
        catchThrowable(() -> this.client.createSchedule(nightly()).block(TIMEOUT));
        assertThat(this.api.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = { 429, 503 })
    void createScheduleIsRetriedWhenTheApiSaysItTookNothingOn(int status) {
        this.api.enqueueJson(status, "{}");
        this.api.enqueueFixture("create-scheduled-indexing.response.json");
        assertThat(this.client.createSchedule(nightly()).block(TIMEOUT)).isNotNull();
        assertThat(this.api.requestCount()).isEqualTo(2);
    }

    @Test
    void createScheduleIsRetriedWhenTheConnectionIsRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        IndexingJobsClient refused = this.api.builder().baseUrl("http://127.0.0.1:" + closedPort).build();
        Throwable error = catchThrowable(() -> refused.createSchedule(nightly()).block(TIMEOUT));
        assertThat(error).isInstanceOf(GradientConnectionException.class);
        assertThat(this.api.retryWaits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void retrieveAndDeleteScheduleAreRetriedOnServerErrors() {
        this.api.enqueueJson(500, MockGradientApi.fixture("error-500.json"));
        this.api.enqueueFixture("get-scheduled-indexing.response.json");
        this.api.enqueueJson(502, "{}");
        this.api.enqueueFixture("delete-scheduled-indexing.response.json");
        assertThat(this.client.retrieveSchedule(MockGradientApi.KB).block(TIMEOUT)).isNotNull();
        assertThat(this.client.deleteSchedule(SCHEDULE).block(TIMEOUT)).isNotNull();
        assertThat(this.api.requestCount()).isEqualTo(4);
    }

    @Test
    void retriesEndWithTheServerError() {
        for (int i = 0; i < 3; i++) {
            this.api.enqueueJson(500, MockGradientApi.fixture("error-500.json"));
        }
        assertThatExceptionOfType(GradientServerException.class)
            .isThrownBy(() -> this.client.deleteSchedule(SCHEDULE).block(TIMEOUT));
        assertThat(this.api.requestCount()).isEqualTo(3);
    }

    @Test
    void eachOperationIsObservedUnderItsOwnName() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        IndexingJobsClient observed = this.api.builder().observationRegistry(registry).build();
        this.api.enqueueFixture("create-scheduled-indexing.response.json");
        this.api.enqueueFixture("get-scheduled-indexing.response.json");
        this.api.enqueueFixture("delete-scheduled-indexing.response.json");
        observed.createSchedule(nightly()).block(TIMEOUT);
        observed.retrieveSchedule(MockGradientApi.KB).block(TIMEOUT);
        observed.deleteSchedule(SCHEDULE).block(TIMEOUT);
        assertThat(registry).hasNumberOfObservationsWithNameEqualTo("gradient.client.operation", 3)
            .hasAnObservation((observation) -> observation.hasContextualNameEqualTo("gradient create_schedule")
                .hasLowCardinalityKeyValue("gradient.operation", "create_schedule")
                .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                .hasHighCardinalityKeyValue("gradient.knowledge_base.uuid", MockGradientApi.KB))
            .hasAnObservation((observation) -> observation
                .hasLowCardinalityKeyValue("gradient.operation", "retrieve_schedule")
                .hasHighCardinalityKeyValue("gradient.knowledge_base.uuid", MockGradientApi.KB))
            .hasAnObservation((observation) -> observation
                .hasLowCardinalityKeyValue("gradient.operation", "delete_schedule")
                .doesNotHaveHighCardinalityKeyValueWithKey("gradient.job.uuid"));
    }

    @Test
    void onlyCreateOperationsAreNotIdempotent() {
        assertThat(List.of(GradientOperation.values()).stream().filter((op) -> !op.isIdempotent()))
            .containsExactly(GradientOperation.CREATE, GradientOperation.CREATE_SCHEDULE);
    }

    private static CreateIndexingScheduleRequest nightly() {
        return CreateIndexingScheduleRequest.of(MockGradientApi.KB, LocalTime.of(2, 30), DayOfWeek.MONDAY);
    }

}
