package io.github.gradientspring.sample.demo;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * How the demo prints progress: redrawn in place with ANSI escape sequences, or as plain lines.
 */
public enum OutputMode {

    /** {@link #ANSI} when the output is an interactive terminal that understands ANSI, else {@link #PLAIN}. */
    AUTO,

    /** Progress bars redrawn in place, phases in colour. */
    ANSI,

    /** One line each time a job changes phase or finishes a data source; nothing but text. */
    PLAIN;

    /**
     * Decides what {@link #AUTO} means here.
     * @param console {@link System#console()}
     * @param environment the process environment
     * @return {@link #ANSI} or {@link #PLAIN}; this mode itself unless it is {@link #AUTO}
     */
    public OutputMode resolve(Console console, Map<String, String> environment) {
        if (this != AUTO) {
            return this;
        }
        return (isTerminal(console) && understandsAnsi(environment)) ? ANSI : PLAIN;
    }

    /**
     * Decides what {@link #AUTO} means for this process.
     * @return {@link #ANSI} or {@link #PLAIN}
     */
    public OutputMode resolve() {
        return resolve(System.console(), System.getenv());
    }

    private static boolean isTerminal(Console console) {
        if (console == null) {
            // Up to JDK 21: standard input or output is not a terminal (piped, redirected, or a build tool's fork).
            return false;
        }
        try {
            // JDK 22 and later return a console even when the output is redirected; Console.isTerminal() tells.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        }
        catch (ReflectiveOperationException ex) {
            return true;
        }
    }

    private static boolean understandsAnsi(Map<String, String> environment) {
        if (environment.containsKey("NO_COLOR")) {
            return false;
        }
        String term = environment.get("TERM");
        if (term != null && !term.isBlank() && !term.equals("dumb")) {
            return true;
        }
        // Windows Terminal sets no TERM.
        return environment.containsKey("WT_SESSION");
    }

}
