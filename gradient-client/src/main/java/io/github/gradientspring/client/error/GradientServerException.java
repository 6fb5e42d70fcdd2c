package io.github.gradientspring.client.error;

/**
 * DigitalOcean's side failed (a 5xx status).
 */
public class GradientServerException extends GradientApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param error what the response said
     */
    public GradientServerException(GradientApiError error) {
        super(error, null);
    }

}
