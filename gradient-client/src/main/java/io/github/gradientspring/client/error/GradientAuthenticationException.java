package io.github.gradientspring.client.error;

/**
 * The API did not accept the access token (401): it is missing, mistyped, expired or revoked.
 */
public class GradientAuthenticationException extends GradientApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param error what the response said
     */
    public GradientAuthenticationException(GradientApiError error) {
        super(error, "Check gradient.access-token (or the DIGITALOCEAN_ACCESS_TOKEN environment variable)");
    }

}
