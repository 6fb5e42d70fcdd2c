package io.github.gradientspring.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Where an indexing job is in its life, as the API's {@code apiBatchJobPhase} reports it.
 * <p>
 * Completion is decided on the phase, as the official SDKs do. Any value this version does not know
 * (the API added new ones three times in 2025) becomes {@link #UNKNOWN} instead of failing the decode.
 */
public enum IndexingJobPhase {

    /** The API sent no phase, {@code BATCH_JOB_PHASE_UNKNOWN}, or a value this library does not know. */
    UNKNOWN("BATCH_JOB_PHASE_UNKNOWN"),

    /** Accepted, waiting to start. */
    PENDING("BATCH_JOB_PHASE_PENDING"),

    /** Indexing data sources. */
    RUNNING("BATCH_JOB_PHASE_RUNNING"),

    /** Finished; check {@link IndexingJobStatus} for partial results. */
    SUCCEEDED("BATCH_JOB_PHASE_SUCCEEDED"),

    /** Finished without indexing. */
    FAILED("BATCH_JOB_PHASE_FAILED"),

    /** Stopped by an error on DigitalOcean's side. */
    ERROR("BATCH_JOB_PHASE_ERROR"),

    /** Stopped by a cancel request. */
    CANCELLED("BATCH_JOB_PHASE_CANCELLED");

    private final String wireValue;

    IndexingJobPhase(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as the API spells it, for example {@code BATCH_JOB_PHASE_RUNNING}. */
    public String wireValue() {
        return this.wireValue;
    }

    /** Whether the job can no longer change: succeeded, failed, errored or cancelled. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == ERROR || this == CANCELLED;
    }

    /** Whether the job ended without success: failed, errored or cancelled. */
    public boolean isFailure() {
        return this == FAILED || this == ERROR || this == CANCELLED;
    }

    /**
     * Reads a wire value; {@code null} and unrecognised values give {@link #UNKNOWN}.
     * @param value the value as the API sent it
     * @return the phase
     */
    @JsonCreator
    public static IndexingJobPhase fromWireValue(String value) {
        return WireEnums.lookup(values(), IndexingJobPhase::wireValue, value, UNKNOWN);
    }

}
