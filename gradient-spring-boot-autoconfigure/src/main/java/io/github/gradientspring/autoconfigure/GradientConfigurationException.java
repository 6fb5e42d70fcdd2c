package io.github.gradientspring.autoconfigure;

/**
 * Thrown at startup when the {@code gradient.*} configuration cannot make a working client: no access token, a base
 * URL that is not absolute, plain {@code http} to a host that is not loopback, or a value out of range. Spring Boot
 * turns it into an "APPLICATION FAILED TO START" report naming the property and how to fix it.
 * <p>
 * The message never contains the access token.
 */
public final class GradientConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    private final String problem;

    GradientConfigurationException(String property, String problem) {
        this(property, problem, null);
    }

    GradientConfigurationException(String property, String problem, Throwable cause) {
        super(property + ": " + problem, cause);
        this.property = property;
        this.problem = problem;
    }

    /**
     * The property at fault, such as {@code gradient.base-url}.
     * @return the property name
     */
    public String getProperty() {
        return this.property;
    }

    /**
     * What is wrong with the property's value.
     * @return the problem, in a sentence
     */
    public String getProblem() {
        return this.problem;
    }

}
