package io.github.gradientspring.redis;

import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of fleet mode, each beside this class as a {@code .lua} file that says what it takes and returns.
 * <p>
 * Why scripts: each decision that reads and writes shared state (take a slot of both windows, learn a pause, renew
 * the leases a member holds) is one script, run atomically by Redis in one round trip. A {@code WATCH}/{@code MULTI}
 * transaction, or Bucket4j's compare-and-swap (read the state, decide in the JVM, write it back if unchanged), needs
 * a second round trip and retries when another member wrote in between, which is exactly when the fleet is busy.
 * Scripts are sent once and then run by their SHA ({@code EVALSHA}), as Spring Data Redis does.
 */
final class FleetScripts {

    @SuppressWarnings("rawtypes")
    static final RedisScript<List> ACQUIRE = script("acquire", List.class);

    @SuppressWarnings("rawtypes")
    static final RedisScript<List> HEARTBEAT = script("heartbeat", List.class);

    static final RedisScript<Long> ANSWERED = script("answered", Long.class);

    static final RedisScript<Long> RELEASED = script("released", Long.class);

    static final RedisScript<Long> UNWATCH = script("unwatch", Long.class);

    static final RedisScript<Long> PUBLISH = script("publish", Long.class);

    static final RedisScript<Long> CLAIM_PAGE = script("claim-page", Long.class);

    static final RedisScript<Long> RECOUNT = script("recount", Long.class);

    private FleetScripts() {
    }

    private static <T> RedisScript<T> script(String name, Class<T> resultType) {
        return RedisScript.of(new ClassPathResource(name + ".lua", FleetScripts.class), resultType);
    }

}
