package io.github.gradientspring.client.fleet;

/**
 * A job's state as one member polled it, passed to the members watching the job ({@link FleetScope#publish},
 * {@link FleetScope#states()}). The payload is the client's own encoding of the job (JSON of the job's fields,
 * none of them secret), which an implementation carries as it is and never stores.
 *
 * @param jobUuid the job
 * @param payload the encoded state
 */
public record FleetJobState(String jobUuid, String payload) {

}
