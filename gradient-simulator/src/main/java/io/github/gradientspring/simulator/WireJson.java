package io.github.gradientspring.simulator;

import org.jspecify.annotations.Nullable;
import io.github.gradientspring.simulator.JobSnapshot.DataSourceSnapshot;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes the API's JSON bodies with Jackson's streaming generator: no intermediate maps or reflection, one shared
 * factory. Property order follows the OpenAPI definitions (alphabetical), as the fixtures do; uint64 values are
 * strings and int64 values numbers, exactly as the specification declares them.
 */
final class WireJson {

    /** Shared, thread-safe; used to read request bodies (admin and API). */
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final JsonFactory FACTORY = new JsonFactory();

    private WireJson() {
    }

    /** The writing side of one body. */
    @FunctionalInterface
    interface BodyWriter {
        void write(JsonGenerator generator);
    }

    static byte[] write(int sizeHint, BodyWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            writer.write(generator);
        }
        return out.toByteArray();
    }

    /** {@code {"job": IndexingJob}}. */
    static byte[] jobBody(JobSnapshot job) {
        return write(1024, g -> {
            g.writeStartObject();
            g.writeName("job");
            writeJob(g, job);
            g.writeEndObject();
        });
    }

    /** {@code {"jobs": […], "links": {"pages": {…}}, "meta": {…}}}. */
    static byte[] jobsPage(List<JobSnapshot> jobs, Pagination.Page page) {
        return write(512 + 1024 * jobs.size(), g -> {
            g.writeStartObject();
            g.writeName("jobs");
            g.writeStartArray();
            for (JobSnapshot job : jobs) {
                writeJob(g, job);
            }
            g.writeEndArray();
            g.writeName("links");
            g.writeStartObject();
            g.writeName("pages");
            g.writeStartObject();
            stringIfPresent(g, "first", page.first());
            stringIfPresent(g, "last", page.last());
            stringIfPresent(g, "next", page.next());
            stringIfPresent(g, "previous", page.previous());
            g.writeEndObject();
            g.writeEndObject();
            g.writeName("meta");
            g.writeStartObject();
            g.writeNumberProperty("page", page.page());
            g.writeNumberProperty("pages", page.pages());
            g.writeNumberProperty("total", page.total());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** {@code {"indexed_data_sources": [IndexedDataSource]}}. */
    static byte[] dataSources(JobSnapshot job) {
        return write(256 + 512 * job.dataSourceJobs().size(), g -> {
            g.writeStartObject();
            g.writeName("indexed_data_sources");
            writeDataSources(g, job.dataSourceJobs());
            g.writeEndObject();
        });
    }

    /** {@code {"signed_url": "…"}}. */
    static byte[] signedUrl(String url) {
        return write(256, g -> {
            g.writeStartObject();
            g.writeStringProperty("signed_url", url);
            g.writeEndObject();
        });
    }

    /** {@code {"indexing_info": ScheduledIndexingInfo}}, properties in the definition's (alphabetical) order. */
    static byte[] scheduleBody(ScheduleSnapshot schedule) {
        return write(512, g -> {
            g.writeStartObject();
            g.writeName("indexing_info");
            g.writeStartObject();
            instantIfPresent(g, "created_at", schedule.createdAt());
            g.writeName("days");
            g.writeStartArray();
            for (int day : schedule.days()) {
                g.writeNumber(day);
            }
            g.writeEndArray();
            instantIfPresent(g, "deleted_at", schedule.deletedAt());
            g.writeBooleanProperty("is_active", schedule.active());
            g.writeStringProperty("knowledge_base_uuid", schedule.knowledgeBaseUuid());
            instantIfPresent(g, "last_ran_at", schedule.lastRanAt());
            instantIfPresent(g, "next_run_at", schedule.nextRunAt());
            // The stored schedule echoes the time as HH:MM:SS (the specification's description).
            g.writeStringProperty("time", HOURS_MINUTES_SECONDS.format(schedule.time()));
            instantIfPresent(g, "updated_at", schedule.updatedAt());
            g.writeStringProperty("uuid", schedule.uuid());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static final DateTimeFormatter HOURS_MINUTES_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** DigitalOcean's error body: {@code {"id": …, "message": …, "request_id": …}}. */
    static byte[] error(String id, String message, String requestId) {
        return write(160, g -> {
            g.writeStartObject();
            g.writeStringProperty("id", id);
            g.writeStringProperty("message", message);
            g.writeStringProperty("request_id", requestId);
            g.writeEndObject();
        });
    }

    static void writeJob(JsonGenerator g, JobSnapshot job) {
        g.writeStartObject();
        g.writeNumberProperty("completed_datasources", job.completedDatasources());
        instantIfPresent(g, "created_at", job.createdAt());
        g.writeName("data_source_jobs");
        writeDataSources(g, job.dataSourceJobs());
        g.writeName("data_source_uuids");
        g.writeStartArray();
        for (String uuid : job.dataSourceUuids()) {
            g.writeString(uuid);
        }
        g.writeEndArray();
        instantIfPresent(g, "finished_at", job.finishedAt());
        g.writeBooleanProperty("is_report_available", job.reportAvailable());
        g.writeStringProperty("knowledge_base_uuid", job.knowledgeBaseUuid());
        g.writeStringProperty("phase", job.phase());
        instantIfPresent(g, "started_at", job.startedAt());
        g.writeStringProperty("status", job.status());
        // "tokens" is the deprecated int64 predecessor of total_tokens; real responses still carry both.
        g.writeNumberProperty("tokens", job.totalTokens());
        g.writeNumberProperty("total_datasources", job.totalDatasources());
        g.writeStringProperty("total_tokens", Long.toString(job.totalTokens()));
        instantIfPresent(g, "updated_at", job.updatedAt());
        g.writeStringProperty("uuid", job.uuid());
        g.writeEndObject();
    }

    private static void writeDataSources(JsonGenerator g, List<DataSourceSnapshot> sources) {
        g.writeStartArray();
        for (DataSourceSnapshot source : sources) {
            g.writeStartObject();
            instantIfPresent(g, "completed_at", source.completedAt());
            g.writeStringProperty("data_source_uuid", source.dataSourceUuid());
            stringIfPresent(g, "error_details", source.errorDetails());
            stringIfPresent(g, "error_msg", source.errorMsg());
            g.writeStringProperty("failed_item_count", Long.toString(source.failedItemCount()));
            g.writeStringProperty("indexed_file_count", Long.toString(source.indexedItemCount()));
            g.writeStringProperty("indexed_item_count", Long.toString(source.indexedItemCount()));
            g.writeStringProperty("removed_item_count", "0");
            g.writeStringProperty("skipped_item_count", Long.toString(source.skippedItemCount()));
            instantIfPresent(g, "started_at", source.startedAt());
            g.writeStringProperty("status", source.status());
            g.writeStringProperty("total_bytes", Long.toString(source.totalBytes()));
            g.writeStringProperty("total_bytes_indexed", Long.toString(source.totalBytesIndexed()));
            g.writeStringProperty("total_file_count", Long.toString(source.totalFileCount()));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void stringIfPresent(JsonGenerator g, String name, @Nullable String value) {
        if (value != null) {
            g.writeStringProperty(name, value);
        }
    }

    private static void instantIfPresent(JsonGenerator g, String name, @Nullable Instant value) {
        if (value != null) {
            g.writeStringProperty(name, time(value));
        }
    }

    /**
     * An instant as the wire shows it: RFC 3339 in UTC with exactly three fraction digits, {@code .000} included
     * (ISO_INSTANT would leave a zero fraction out), whatever the precision of the clock.
     */
    static String time(Instant value) {
        return MILLIS.format(value.truncatedTo(ChronoUnit.MILLIS));
    }

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
}
