package io.github.gradientspring.client.model;

import java.util.regex.Pattern;

/**
 * Checks the identifiers a caller passes before they become part of a request path or body.
 * <p>
 * Only the canonical 36-character UUID form is accepted, so an id can never carry a {@code /}, {@code ..},
 * an encoded slash or any other character that would move a request to another path of the API.
 * This is for what callers pass, never for what the API returns: responses are decoded whatever they hold.
 */
public final class GradientIds {

    private static final Pattern UUID = Pattern
        .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

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
        if (!UUID.matcher(value).matches()) {
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
        return value != null && UUID.matcher(value).matches();
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
