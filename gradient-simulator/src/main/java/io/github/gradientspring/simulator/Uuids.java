package io.github.gradientspring.simulator;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** UUID checks and generation for the simulator. */
final class Uuids {

    private Uuids() {
    }

    /**
     * A random version-4 UUID. {@link UUID#randomUUID()} draws from a shared SecureRandom, which serialises
     * threads on the hot path (one request id per response); these ids need uniqueness, not secrecy.
     */
    static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    /** True when {@code text} has the canonical 8-4-4-4-12 hexadecimal form (either case). */
    static boolean isValid(CharSequence text) {
        if (text == null || text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            }
            else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** The lower-case form, after checking the shape; for identifiers passed in through the Java API. */
    static String requireValid(String text, String what) {
        if (!isValid(text)) {
            throw new IllegalArgumentException(what + " must be a UUID (8-4-4-4-12 hex), got: " + text);
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
