package io.github.gradientspring.client.error;

/**
 * No such job or knowledge base, or not one this token can see (404).
 */
public class GradientNotFoundException extends GradientApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param error what the response said
     */
    public GradientNotFoundException(GradientApiError error) {
        super(error, null);
    }

}
