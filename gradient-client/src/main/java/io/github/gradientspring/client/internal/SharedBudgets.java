package io.github.gradientspring.client.internal;

import java.lang.ref.WeakReference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import io.github.gradientspring.client.RateLimitPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One request budget per access token and base URL in this JVM, since DigitalOcean counts per token: every client
 * built for them (the application's, the health indicator's, a second one of the user's) draws from the same budget.
 * Budgets are held weakly, so the budget of clients that are all gone is collected; the key is a SHA-256 hash of the
 * token, never the token itself. The first client's policy wins: a later client that asks for another is given the
 * shared budget all the same, with a warning, since two budgets for one token would let it exceed the limit.
 */
final class SharedBudgets {

    private static final Log logger = LogFactory.getLog(SharedBudgets.class);

    private static final Map<String, WeakReference<LocalRequestBudget>> budgets = new HashMap<>();

    private SharedBudgets() {
    }

    /** The budget of the token and base URL: the one already in use, or a new one of the given settings. */
    static LocalRequestBudget budgetFor(String accessToken, URI baseUrl, RateLimitPolicy policy,
            Duration maxRetryAfter, ClientTime time) {
        String key = hash(accessToken) + " " + baseUrl;
        synchronized (budgets) {
            budgets.values().removeIf((reference) -> reference.get() == null);
            WeakReference<LocalRequestBudget> reference = budgets.get(key);
            LocalRequestBudget budget = (reference != null) ? reference.get() : null;
            if (budget == null) {
                budget = new LocalRequestBudget(policy, maxRetryAfter, time);
                budgets.put(key, new WeakReference<>(budget));
            }
            else if (!budget.policy().equals(policy)) {
                logger.warn("A client for " + baseUrl + " asked for " + policy + ", but another client of the same "
                        + "access token already uses " + budget.policy() + "; both share that budget, since "
                        + "DigitalOcean counts per token. Build clients of one token with one policy, or call "
                        + "sharedBudget(false) on the builder to keep a budget of its own");
            }
            return budget;
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
