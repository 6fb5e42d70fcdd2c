package io.github.gradientspring.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.gradientspring.client.fleet.FleetScope;
import io.github.gradientspring.client.fleet.FleetStatus;
import io.github.gradientspring.client.fleet.GradientFleet;

/**
 * The {@code fleet} detail of the {@code gradient} health component: what this member last knew of its fleet, over
 * every scope (access token and base URL) it joined. The fleet's size is the largest any scope saw; the member is
 * degraded when any scope is.
 */
final class FleetDetails {

    private FleetDetails() {
    }

    static Map<String, Object> of(GradientFleet fleet) {
        boolean degraded = false;
        int members = 0;
        int leasesHeld = 0;
        int watched = 0;
        int scopes = 0;
        for (FleetScope scope : fleet.scopes()) {
            FleetStatus status = scope.status();
            scopes++;
            degraded |= status.degraded();
            members = Math.max(members, status.members());
            leasesHeld += status.leasesHeld();
            watched += status.watched();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", degraded ? "degraded" : "fleet");
        details.put("degraded", degraded);
        details.put("member", fleet.memberId());
        // Before the first client call no scope is joined yet: the fleet is this member as far as it knows.
        details.put("members", Math.max(members, 1));
        details.put("scopes", scopes);
        details.put("leasesHeld", leasesHeld);
        details.put("watched", watched);
        return details;
    }

}
