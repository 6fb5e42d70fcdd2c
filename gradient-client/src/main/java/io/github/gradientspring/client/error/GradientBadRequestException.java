package io.github.gradientspring.client.error;

/**
 * The API rejected the request as malformed (400).
 */
public class GradientBadRequestException extends GradientApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param error what the response said
     */
    public GradientBadRequestException(GradientApiError error) {
        super(error, null);
    }

}
