package io.github.gradientspring.client.error;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Makes text the server sent safe to put in an exception message, which ends up in logs and terminals: terminal
 * escape sequences and control characters are removed (line breaks and tabs become one space, so that a body cannot
 * forge a log line), and the length is capped so that a huge body cannot flood a log.
 */
final class ServerText {

    /** The most characters of the server's error message an exception message shows. */
    static final int MAX_MESSAGE = 500;

    /** The most characters of a short field (error id, request id) an exception message shows. */
    static final int MAX_FIELD = 100;

    // CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \) and the two-character escapes (ESC and one character).
    private static final Pattern ESCAPE_SEQUENCE = Pattern
        .compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]?|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|[ -~]?)");

    private ServerText() {
    }

    static @Nullable String clean(@Nullable String text, int max) {
        if (text == null) {
            return null;
        }
        String unescaped = ESCAPE_SEQUENCE.matcher(text).replaceAll("");
        StringBuilder out = new StringBuilder(Math.min(unescaped.length(), max + 1));
        int shown = 0;
        int i = 0;
        while (i < unescaped.length() && shown < max) {
            int codePoint = unescaped.codePointAt(i);
            i += Character.charCount(codePoint);
            if (isBreak(codePoint)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                    shown++;
                }
            }
            else if (!isInvisible(codePoint)) {
                out.appendCodePoint(codePoint);
                shown++;
            }
        }
        String result = out.toString().strip();
        if (i < unescaped.length()) {
            result = result + "… (cut at " + max + " characters)";
        }
        return result;
    }

    private static boolean isBreak(int codePoint) {
        int type = Character.getType(codePoint);
        return codePoint == '\n' || codePoint == '\r' || codePoint == '\t' || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    // Control characters, and format characters such as the bidirectional overrides, which can make a message read
    // other than it is.
    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
    }

}
