package io.github.gradientspring.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The {@link GradientConnectionDetails} of the {@code gradient.*} properties: the token from
 * {@code gradient.access-token}, then the {@code DIGITALOCEAN_ACCESS_TOKEN} environment variable (doctl's), then
 * {@code DIGITALOCEAN_TOKEN} (pydo's and {@code @digitalocean/dots}'); the URL from {@code gradient.base-url}.
 */
final class PropertiesGradientConnectionDetails implements GradientConnectionDetails {

    /** The property that holds the token. */
    static final String ACCESS_TOKEN_PROPERTY = "gradient.access-token";

    /** The property that holds the base URL. */
    static final String BASE_URL_PROPERTY = "gradient.base-url";

    /** The variable doctl reads. */
    static final String ACCESS_TOKEN_VARIABLE = "DIGITALOCEAN_ACCESS_TOKEN";

    /** The variable DigitalOcean's newer SDKs (pydo, {@code @digitalocean/dots}) read. */
    static final String TOKEN_VARIABLE = "DIGITALOCEAN_TOKEN";

    /** Where a token is looked for, first to last. */
    static final List<String> ACCESS_TOKEN_SOURCES = List.of(ACCESS_TOKEN_PROPERTY, ACCESS_TOKEN_VARIABLE,
            TOKEN_VARIABLE);

    private final GradientProperties properties;

    private final Environment environment;

    PropertiesGradientConnectionDetails(GradientProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public @Nullable String accessToken() {
        String source = accessTokenSource();
        return (source != null) ? valueOf(source) : null;
    }

    /**
     * The first of {@link #ACCESS_TOKEN_SOURCES} that has text.
     * @return the property or variable name, or {@code null} when none has
     */
    @Nullable String accessTokenSource() {
        for (String source : ACCESS_TOKEN_SOURCES) {
            if (StringUtils.hasText(valueOf(source))) {
                return source;
            }
        }
        return null;
    }

    private @Nullable String valueOf(String source) {
        // The variables are read through the Environment rather than System.getenv, so that tests and other
        // property sources can supply them too.
        return ACCESS_TOKEN_PROPERTY.equals(source) ? this.properties.getAccessToken()
                : this.environment.getProperty(source);
    }

    @Override
    public String baseUrl() {
        return this.properties.getBaseUrl();
    }

    @Override
    public String toString() {
        return "PropertiesGradientConnectionDetails[baseUrl=" + baseUrl() + ", accessToken="
                + ((accessTokenSource() != null) ? "****** (from " + accessTokenSource() + ")" : "(not set)") + "]";
    }

}
