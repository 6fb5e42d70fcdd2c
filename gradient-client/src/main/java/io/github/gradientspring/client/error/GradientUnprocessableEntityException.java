package io.github.gradientspring.client.error;

/**
 * The API understood the request but will not process it (422).
 */
public class GradientUnprocessableEntityException extends GradientApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param error what the response said
     */
    public GradientUnprocessableEntityException(GradientApiError error) {
        super(error, null);
    }

}
