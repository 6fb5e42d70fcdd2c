package io.github.gradientspring.client.fleet;

/**
 * A job's state as one member polled it, passed to the members watching the job ({@link FleetScope#publish},
 * {@link FleetScope#states()}). The payload is the client's own encoding of the job (JSON of the job's fields,
 * none of them secret), which an implementation carries as it is and never stores.
 *
 * @param jobUuid the job
 * @param page the page of the account's job list the job was listed on, {@code 1} for the first, or {@code 0} when
 * it was retrieved on its own: where the members' next list sweep looks for it
 * @param payload the encoded state
 */
public record FleetJobState(String jobUuid, int page, String payload) {

}
