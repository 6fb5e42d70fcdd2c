package io.github.gradientspring.client.fleet;

/**
 * Who asks the shared budget for a slot: the application's calls go before the polls of watches.
 */
public enum FleetPriority {

    /** A call the application made: may take any free slot. */
    CALL,

    /** A poll of a watch: leaves the application's reserve of each window free. */
    POLL

}
