package io.github.gradientspring.redis;

/**
 * The Redis keys and channels of one scope: {@code <prefix>{<scope>}:<kind>}. The braces are a Redis Cluster hash
 * tag, so that every key of a scope lives in one hash slot and a script may touch several of them.
 *
 * @param minute the minute window: a sorted set of grant ids scored by when their slot frees
 * @param hour the hour window, likewise
 * @param state what DigitalOcean said: a hash of the pause, its epoch, the probe, the remaining count and the reset
 * @param members the members: a sorted set of member ids scored by when they stop counting without a heartbeat
 * @param watched the watched jobs: a sorted set of job UUIDs scored by when their registration ends
 * @param leasePrefix the prefix of each job's lease key, followed by the job's UUID
 * @param pagePrefix the prefix of each list page's claim key, followed by the page number
 * @param states the pub/sub channel of job states
 * @param wakeUps the pub/sub channel of wake-ups
 */
record FleetKeys(String minute, String hour, String state, String members, String watched, String leasePrefix,
        String pagePrefix, String states, String wakeUps) {

    static FleetKeys of(String prefix, String scopeKey) {
        String base = prefix + "{" + scopeKey + "}:";
        return new FleetKeys(base + "minute", base + "hour", base + "state", base + "members", base + "watched",
                base + "lease:", base + "page:", base + "states", base + "wake-ups");
    }

    String lease(String jobUuid) {
        return this.leasePrefix + jobUuid;
    }

    String page(int page) {
        return this.pagePrefix + page;
    }

}
