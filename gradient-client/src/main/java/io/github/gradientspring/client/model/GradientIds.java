package io.github.gradientspring.client.model;

/**
 * Checks the identifiers a caller passes before they become part of a request path or body.
 * <p>
 * Only the canonical 36-character UUID form is accepted, so an id can never carry a {@code /}, {@code ..},
 * an encoded slash or any other character that would move a request to another path of the API.
 * This is for what callers pass, never for what the API returns: responses are decoded whatever they hold.
 */
public final class GradientIds {

    // The canonical form: 8-4-4-4-12 hex digits, either case.
    private static final int UUID_LENGTH = 36;

    private static final int SHOWN_LENGTH = 48;

    private GradientIds() {
    }

    /**
     * Returns the value when it is a UUID, or fails naming the argument.
     * @param value the id the caller passed
     * @param argumentName the name to show in the message, such as {@code jobUuid}
     * @return the value, unchanged
     * @throws IllegalArgumentException when the value is {@code null}, blank or not a UUID
     */
    public static String requireUuid(String value, String argumentName) {
        if (value == null) {
            throw new IllegalArgumentException(argumentName + " must not be null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(argumentName + " must not be blank");
        }
        if (!isUuid(value)) {
            throw new IllegalArgumentException(argumentName
                    + " must be a UUID such as 123e4567-e89b-12d3-a456-426614174000, but was " + describe(value));
        }
        return value;
    }

    /**
     * Whether the value is a UUID in canonical form.
     * @param value any string, or {@code null}
     * @return whether {@link #requireUuid} would accept it
     */
    public static boolean isUuid(String value) {
        if (value == null || value.length() != UUID_LENGTH) {
            return false;
        }
        // Checked by hand rather than with a regular expression: every call checks its id, and a Matcher per call
        // was a measurable part of the client's own allocation (docs/benchmarks.md).
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = value.charAt(i);
            boolean dash = (i == 8 || i == 13 || i == 18 || i == 23);
            if (dash ? (c != '-') : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    // Shows a rejected value safely: quoted, control characters escaped and long values cut, so a hostile
    // id cannot forge log lines or flood them.
    static String describe(String value) {
        StringBuilder shown = new StringBuilder("\"");
        int limit = Math.min(value.length(), SHOWN_LENGTH);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                shown.append(String.format("\\u%04x", (int) c));
            }
            else {
                shown.append(c);
            }
        }
        shown.append('"');
        if (value.length() > SHOWN_LENGTH) {
            shown.append(" (").append(value.length()).append(" characters, cut)");
        }
        return shown.toString();
    }

}
