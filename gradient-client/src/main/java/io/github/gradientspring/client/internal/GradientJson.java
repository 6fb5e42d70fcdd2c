package io.github.gradientspring.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.gradientspring.client.model.CreateIndexingJobRequest;
import io.github.gradientspring.client.model.CreateIndexingScheduleRequest;
import io.github.gradientspring.client.model.DataSourceStatus;
import io.github.gradientspring.client.model.IndexedDataSource;
import io.github.gradientspring.client.model.IndexingJob;
import io.github.gradientspring.client.model.IndexingJobPage;
import io.github.gradientspring.client.model.IndexingJobPhase;
import io.github.gradientspring.client.model.IndexingJobStatus;
import io.github.gradientspring.client.model.IndexingSchedule;
import io.github.gradientspring.client.model.PageLinks;
import io.github.gradientspring.client.model.PageMeta;
import io.github.gradientspring.client.model.ScheduleDays;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

/**
 * The client's own JSON mapping of the wire format. It never uses an application's mapper, so that global Jackson
 * settings (naming strategies, failing on unknown properties, date formats) cannot change what the client sends
 * or accepts. Readers and writers are made once; they are immutable and thread-safe.
 */
final class GradientJson {

    static final GradientJson INSTANCE = new GradientJson();

    private GradientJson() {
    }

    /**
     * The mapper's readers and writers, made when the first body is read or written rather than when a client is
     * built: making them loads about 30 of Jackson's classes that an application has no other use for while it
     * starts (see docs/benchmarks.md, "Start-up"). The holder class makes that once, on whichever thread comes
     * first, with no lock on later calls.
     */
    private static final class Mapping {

        static final Mapping INSTANCE = new Mapping();

        final ObjectReader jobEnvelope;

        final ObjectReader jobsEnvelope;

        final ObjectReader dataSourcesEnvelope;

        final ObjectReader signedUrlEnvelope;

        final ObjectReader errorBody;

        final ObjectWriter createBody;

        final ObjectReader scheduleEnvelope;

        final ObjectWriter scheduleBody;

        final ObjectReader jobState;

        final ObjectWriter jobStateWriter;

        private Mapping() {
            JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // Built lazily, on each reader's first use, instead of when the readers are made: that moved about
                // 100 ms of class loading out of application start-up (see docs/benchmarks.md).
                .disable(DeserializationFeature.EAGER_DESERIALIZER_FETCH)
                .disable(SerializationFeature.EAGER_SERIALIZER_FETCH)
                // Fleet mode writes jobs for the other members to read back: enums in the wire's spelling, which
                // their @JsonCreator reads. On the client's own mapper only, so that an application serializing the
                // models with its own Jackson still gets the constants' names (PENDING, not BATCH_JOB_PHASE_PENDING).
                .addMixIn(IndexingJobPhase.class, WireSpelling.class)
                .addMixIn(IndexingJobStatus.class, WireSpelling.class)
                .addMixIn(DataSourceStatus.class, WireSpelling.class)
                .build();
            this.jobEnvelope = mapper.readerFor(JobEnvelope.class);
            this.jobsEnvelope = mapper.readerFor(JobsEnvelope.class);
            this.dataSourcesEnvelope = mapper.readerFor(DataSourcesEnvelope.class);
            this.signedUrlEnvelope = mapper.readerFor(SignedUrlEnvelope.class);
            this.errorBody = mapper.readerFor(ErrorBody.class);
            this.createBody = mapper.writerFor(CreateBody.class);
            this.scheduleEnvelope = mapper.readerFor(ScheduleEnvelope.class);
            this.scheduleBody = mapper.writerFor(ScheduleBody.class);
            this.jobState = mapper.readerFor(IndexingJob.class);
            this.jobStateWriter = mapper.writerFor(IndexingJob.class);
        }

    }

    IndexingJob readJob(InputStream body) throws IOException {
        JobEnvelope envelope = Mapping.INSTANCE.jobEnvelope.readValue(body);
        if (envelope == null || envelope.job() == null) {
            throw new MissingEnvelopeException("job");
        }
        return envelope.job();
    }

    IndexingJobPage readPage(InputStream body) throws IOException {
        JobsEnvelope envelope = Mapping.INSTANCE.jobsEnvelope.readValue(body);
        if (envelope == null) {
            throw new MissingEnvelopeException("jobs");
        }
        WireLinks links = envelope.links();
        WirePages pages = (links != null) ? links.pages() : null;
        PageLinks pageLinks = (pages != null)
                ? new PageLinks(pages.first(), pages.previous(), pages.next(), pages.last()) : PageLinks.NONE;
        return new IndexingJobPage(envelope.jobs(), pageLinks, envelope.meta());
    }

    List<IndexedDataSource> readDataSources(InputStream body) throws IOException {
        DataSourcesEnvelope envelope = Mapping.INSTANCE.dataSourcesEnvelope.readValue(body);
        if (envelope == null) {
            throw new MissingEnvelopeException("indexed_data_sources");
        }
        return (envelope.indexedDataSources() != null) ? envelope.indexedDataSources() : List.of();
    }

    String readSignedUrl(InputStream body) throws IOException {
        SignedUrlEnvelope envelope = Mapping.INSTANCE.signedUrlEnvelope.readValue(body);
        if (envelope == null || envelope.signedUrl() == null) {
            throw new MissingEnvelopeException("signed_url");
        }
        return envelope.signedUrl();
    }

    /** Reads DigitalOcean's error body; {@code null} when the bytes are not such a body. */
    @Nullable ErrorBody readErrorBody(byte[] body) {
        try {
            ErrorBody error = Mapping.INSTANCE.errorBody.readValue(body);
            return (error != null && (error.id() != null || error.message() != null)) ? error : null;
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    byte[] writeCreate(CreateIndexingJobRequest request) {
        List<String> dataSources = request.dataSourceUuids().isEmpty() ? null : request.dataSourceUuids();
        return Mapping.INSTANCE.createBody.writeValueAsBytes(new CreateBody(request.knowledgeBaseUuid(), dataSources));
    }

    IndexingSchedule readSchedule(InputStream body) throws IOException {
        ScheduleEnvelope envelope = Mapping.INSTANCE.scheduleEnvelope.readValue(body);
        if (envelope == null || envelope.indexingInfo() == null) {
            throw new MissingEnvelopeException("indexing_info");
        }
        return envelope.indexingInfo();
    }

    byte[] writeSchedule(CreateIndexingScheduleRequest request) {
        return Mapping.INSTANCE.scheduleBody.writeValueAsBytes(new ScheduleBody(request.knowledgeBaseUuid(),
                request.wireTime(), ScheduleDays.toWire(request.days())));
    }

    /**
     * A job's state as fleet mode passes it to the other members: the job's fields in the wire's names, compact (no
     * line break), which {@link #readJobState} reads back to an equal job.
     */
    String writeJobState(IndexingJob job) {
        return Mapping.INSTANCE.jobStateWriter.writeValueAsString(job);
    }

    IndexingJob readJobState(String state) {
        return Mapping.INSTANCE.jobState.readValue(state);
    }

    /** Writes an enum of the models as the API spells it ({@code wireValue()}). */
    private abstract static class WireSpelling {

        @JsonValue
        abstract String wireValue();

    }

    /** A 2xx body that parsed as JSON but lacked the envelope's key. */
    static final class MissingEnvelopeException extends IOException {

        private static final long serialVersionUID = 1L;

        MissingEnvelopeException(String key) {
            super("the response has no \"" + key + "\"");
        }

    }

    record JobEnvelope(IndexingJob job) {
    }

    record JobsEnvelope(List<IndexingJob> jobs, WireLinks links, PageMeta meta) {
    }

    record WireLinks(WirePages pages) {
    }

    // The gen-ai API spells the previous page "previous"; the rest of DigitalOcean's API spells it "prev".
    record WirePages(String first, @JsonAlias("prev") String previous, String next, String last) {
    }

    record DataSourcesEnvelope(List<IndexedDataSource> indexedDataSources) {
    }

    record SignedUrlEnvelope(String signedUrl) {
    }

    record ErrorBody(@Nullable String id, @Nullable String message, @Nullable String requestId) {
    }

    record ScheduleEnvelope(IndexingSchedule indexingInfo) {
    }

    @JsonPropertyOrder({ "knowledge_base_uuid", "time", "days" })
    record ScheduleBody(String knowledgeBaseUuid, String time, List<Integer> days) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreateBody(String knowledgeBaseUuid, @Nullable List<String> dataSourceUuids) {
    }

}
