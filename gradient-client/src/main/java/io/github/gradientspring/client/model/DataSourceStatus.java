package io.github.gradientspring.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * How indexing went for one data source of a job, as the API's {@code apiIndexedDataSourceStatus} reports it.
 * Unrecognised values become {@link #UNKNOWN}.
 */
public enum DataSourceStatus {

    /** The API sent no status, {@code DATA_SOURCE_STATUS_UNKNOWN}, or a value this library does not know. */
    UNKNOWN("DATA_SOURCE_STATUS_UNKNOWN"),

    /** The data source is being indexed. */
    IN_PROGRESS("DATA_SOURCE_STATUS_IN_PROGRESS"),

    /** Every item was indexed. */
    UPDATED("DATA_SOURCE_STATUS_UPDATED"),

    /** Some items were indexed. */
    PARTIALLY_UPDATED("DATA_SOURCE_STATUS_PARTIALLY_UPDATED"),

    /** Nothing needed indexing. */
    NOT_UPDATED("DATA_SOURCE_STATUS_NOT_UPDATED"),

    /** Indexing this data source failed; see {@link IndexedDataSource#errorMsg()}. */
    FAILED("DATA_SOURCE_STATUS_FAILED"),

    /** The job was cancelled before this data source finished. */
    CANCELLED("DATA_SOURCE_STATUS_CANCELLED");

    private final String wireValue;

    DataSourceStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as the API spells it, for example {@code DATA_SOURCE_STATUS_UPDATED}. */
    public String wireValue() {
        return this.wireValue;
    }

    /**
     * Reads a wire value; {@code null} and unrecognised values give {@link #UNKNOWN}.
     * @param value the value as the API sent it
     * @return the status
     */
    @JsonCreator
    public static DataSourceStatus fromWireValue(String value) {
        return WireEnums.lookup(values(), DataSourceStatus::wireValue, value, UNKNOWN);
    }

}
