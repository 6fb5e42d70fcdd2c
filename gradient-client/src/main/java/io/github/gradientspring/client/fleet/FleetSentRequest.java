package io.github.gradientspring.client.fleet;

import java.time.Duration;

/**
 * A request this member sent in the last hour, as {@link FleetScope#recount} counts it again: the id of the slot it
 * took (the {@linkplain FleetGrant#id() grant's}, or one of the member's own for a request it sent alone while the
 * store was away) and how long ago it was sent.
 *
 * @param id the slot's id, unique in the scope
 * @param age how long ago the request was sent
 */
public record FleetSentRequest(String id, Duration age) {
}
