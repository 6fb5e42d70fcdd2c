package io.github.gradientspring.client.fleet;

/**
 * Why a refused request may be granted now: a signal of {@link FleetScope#wakeUps()}.
 */
public enum FleetWakeUp {

    /** A pause of DigitalOcean's ended or was answered by its probe: the probe or the next requests may go. */
    PAUSE_ENDED,

    /** A slot freed (a probe went unanswered, say): one more request may go. */
    SLOT_FREED

}
