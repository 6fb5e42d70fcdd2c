package io.github.gradientspring.autoconfigure;

import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the Gradient access token wherever the actuator shows it.
 * <p>
 * The same credential appears under several keys: {@code gradient.accessToken} in {@code /actuator/configprops},
 * {@code gradient.access-token} or {@code GRADIENT_ACCESS_TOKEN} in {@code /actuator/env}, and the raw
 * {@code DIGITALOCEAN_ACCESS_TOKEN} variable. Keys are compared without case and separators; any other entry whose
 * value is exactly the token (an alias property, for example) is masked too. Boot applies sanitizing functions
 * before {@code show-values}, so the token stays hidden even with {@code show-values: always}.
 */
final class GradientAccessTokenSanitizingFunction implements SanitizingFunction {

    private static final String PROPERTY_KEY = "gradientaccesstoken";

    private static final String VARIABLE_KEY = "digitaloceanaccesstoken";

    private final Supplier<String> accessToken;

    /**
     * Creates the function.
     * @param accessToken supplies the token in use, or {@code null} when there is none; asked on each call so that
     * the token is not held in a second place
     */
    GradientAccessTokenSanitizingFunction(Supplier<String> accessToken) {
        this.accessToken = accessToken;
    }

    @Override
    public SanitizableData apply(SanitizableData data) {
        if (data.getValue() == null) {
            return data;
        }
        if (isTokenKey(data.getKey()) || isTokenValue(data.getValue())) {
            return data.withSanitizedValue();
        }
        return data;
    }

    private static boolean isTokenKey(String key) {
        if (key == null) {
            return false;
        }
        String normalized = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
        return normalized.equals(PROPERTY_KEY) || normalized.equals(VARIABLE_KEY);
    }

    private boolean isTokenValue(Object value) {
        String token = this.accessToken.get();
        return token != null && !token.isBlank() && token.equals(String.valueOf(value).strip());
    }

}
