package io.github.gradientspring.client.error;

/**
 * The token is valid but may not do this (403), usually because it lacks a {@code genai:*} scope.
 */
public class GradientPermissionDeniedException extends GradientApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param error what the response said
     */
    public GradientPermissionDeniedException(GradientApiError error) {
        super(error, "The token needs the genai:read scope to read jobs, genai:create to start them and genai:update to cancel them");
    }

}
