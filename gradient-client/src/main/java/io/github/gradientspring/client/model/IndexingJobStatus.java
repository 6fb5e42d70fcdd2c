package io.github.gradientspring.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * What an indexing job achieved, as the API's {@code apiIndexJobStatus} reports it. A job whose
 * {@linkplain IndexingJobPhase phase} is {@code SUCCEEDED} may still be {@link #PARTIAL} or {@link #NO_CHANGES}.
 * Unrecognised values become {@link #UNKNOWN}.
 */
public enum IndexingJobStatus {

    /** The API sent no status, {@code INDEX_JOB_STATUS_UNKNOWN}, or a value this library does not know. */
    UNKNOWN("INDEX_JOB_STATUS_UNKNOWN"),

    /** Some data sources were indexed, some were not. */
    PARTIAL("INDEX_JOB_STATUS_PARTIAL"),

    /** Indexing is under way. */
    IN_PROGRESS("INDEX_JOB_STATUS_IN_PROGRESS"),

    /** Every data source was indexed. */
    COMPLETED("INDEX_JOB_STATUS_COMPLETED"),

    /** Indexing failed. */
    FAILED("INDEX_JOB_STATUS_FAILED"),

    /** Nothing had changed since the last indexing. */
    NO_CHANGES("INDEX_JOB_STATUS_NO_CHANGES"),

    /** Waiting to start. */
    PENDING("INDEX_JOB_STATUS_PENDING"),

    /** Cancelled before it finished. */
    CANCELLED("INDEX_JOB_STATUS_CANCELLED");

    private final String wireValue;

    IndexingJobStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as the API spells it, for example {@code INDEX_JOB_STATUS_COMPLETED}. */
    public String wireValue() {
        return this.wireValue;
    }

    /**
     * Reads a wire value; {@code null} and unrecognised values give {@link #UNKNOWN}.
     * @param value the value as the API sent it
     * @return the status
     */
    @JsonCreator
    public static IndexingJobStatus fromWireValue(String value) {
        return WireEnums.lookup(values(), IndexingJobStatus::wireValue, value, UNKNOWN);
    }

}
