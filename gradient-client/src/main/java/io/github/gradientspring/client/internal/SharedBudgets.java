package io.github.gradientspring.client.internal;

import java.lang.ref.WeakReference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.gradientspring.client.RateLimitPolicy;
import io.github.gradientspring.client.fleet.GradientFleet;
import org.jspecify.annotations.Nullable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One request budget per access token and base URL in this JVM, since DigitalOcean counts per token: every client
 * built for them (the application's, the health indicator's, a second one of the user's) draws from the same budget.
 * Budgets are held weakly, so the budget of clients that are all gone is collected; the key is a SHA-256 hash of the
 * token, never the token itself. The first client's policy wins: a later client that asks for another is given the
 * shared budget all the same, with a warning, since two budgets for one token would let it exceed the limit. So does
 * the first client's fleet: the budget of a client given a {@link GradientFleet} is the fleet's
 * ({@link FleetRequestBudget}), and the fleet's scope is named by {@link #scopeKey}, a keyed hash.
 */
final class SharedBudgets {

    private static final Log logger = LogFactory.getLog(SharedBudgets.class);

    private static final Map<String, WeakReference<ClientBudget>> budgets = new HashMap<>();

    private SharedBudgets() {
    }

    /** The budget of the token and base URL: the one already in use, or a new one of the given settings. */
    static ClientBudget budgetFor(String accessToken, URI baseUrl, RateLimitPolicy policy, Duration maxRetryAfter,
            ClientTime time, @Nullable GradientFleet fleet) {
        String key = hash(accessToken) + " " + baseUrl;
        synchronized (budgets) {
            budgets.values().removeIf((reference) -> reference.get() == null);
            WeakReference<ClientBudget> reference = budgets.get(key);
            ClientBudget budget = (reference != null) ? reference.get() : null;
            if (budget == null) {
                budget = newBudget(accessToken, baseUrl, policy, maxRetryAfter, time, fleet);
                budgets.put(key, new WeakReference<>(budget));
            }
            else if (!budget.policy().equals(policy)) {
                logger.warn("A client for " + baseUrl + " asked for " + policy + ", but another client of the same "
                        + "access token already uses " + budget.policy() + "; both share that budget, since "
                        + "DigitalOcean counts per token. Build clients of one token with one policy, or call "
                        + "sharedBudget(false) on the builder to keep a budget of its own");
            }
            else if ((fleet != null) != (budget instanceof FleetRequestBudget)) {
                logger.warn("A client for " + baseUrl + " was built " + ((fleet != null) ? "with" : "without")
                        + " a fleet, but another client of the same access token already uses a budget "
                        + ((fleet != null) ? "of its own" : "of a fleet") + "; both share that budget, since "
                        + "DigitalOcean counts per token");
            }
            return budget;
        }
    }

    /** A budget of its own for one client: the fleet's when one is given, else an in-process one. */
    static ClientBudget newBudget(String accessToken, URI baseUrl, RateLimitPolicy policy, Duration maxRetryAfter,
            ClientTime time, @Nullable GradientFleet fleet) {
        if (fleet == null) {
            return new LocalRequestBudget(policy, maxRetryAfter, time);
        }
        return new FleetRequestBudget(fleet.join(scopeKey(accessToken, baseUrl), policy, maxRetryAfter), policy,
                maxRetryAfter, time);
    }

    /**
     * The fleet's name for a token and base URL: HMAC-SHA256 of the base URL keyed with the token, in hex. Every
     * member on the same token and base URL computes the same key; the store sees neither the token nor its plain
     * hash, and without the token nobody can tell which token a key belongs to, or test a guess at it offline
     * against a plain hash.
     */
    static String scopeKey(String accessToken, URI baseUrl) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(accessToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("gradient-fleet-scope\n" + baseUrl).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", ex);
        }
    }

    private static String hash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }

}
