package io.github.gradientspring.simulator;

/**
 * How one data source of a scripted job ends. Each maps to an {@code apiIndexedDataSourceStatus} value.
 */
public enum DataSourceOutcome {

    /** Every item indexed: {@code DATA_SOURCE_STATUS_UPDATED}. */
    UPDATED("DATA_SOURCE_STATUS_UPDATED"),

    /** Three quarters of the items indexed, the rest failed: {@code DATA_SOURCE_STATUS_PARTIALLY_UPDATED}. */
    PARTIALLY_UPDATED("DATA_SOURCE_STATUS_PARTIALLY_UPDATED"),

    /** Nothing changed, every item skipped: {@code DATA_SOURCE_STATUS_NOT_UPDATED}. */
    NOT_UPDATED("DATA_SOURCE_STATUS_NOT_UPDATED"),

    /** Every item failed: {@code DATA_SOURCE_STATUS_FAILED}. */
    FAILED("DATA_SOURCE_STATUS_FAILED");

    private final String wireValue;

    DataSourceOutcome(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The enum value as it appears in JSON. */
    public String wireValue() {
        return wireValue;
    }
}
