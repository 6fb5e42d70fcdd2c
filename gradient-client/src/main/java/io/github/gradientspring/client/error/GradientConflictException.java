package io.github.gradientspring.client.error;

/**
 * The request conflicts with the resource's state (409).
 */
public class GradientConflictException extends GradientApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param error what the response said
     */
    public GradientConflictException(GradientApiError error) {
        super(error, null);
    }

}
