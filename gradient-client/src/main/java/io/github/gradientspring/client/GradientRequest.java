package io.github.gradientspring.client;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * One request of an operation, ready to send: what the facade hands to the exchange.
 *
 * @param operation the operation it belongs to, for observations and retry rules
 * @param method the HTTP method
 * @param uriTemplate the path template, for the {@code uri} tag of Spring's {@code http.client.requests}
 * @param uri the full URI
 * @param body the JSON body, or {@code null}
 * @param knowledgeBaseUuid the knowledge base it concerns, for observations, or {@code null}
 * @param jobUuid the job it concerns, for observations, or {@code null}
 */
record GradientRequest(GradientOperation operation, HttpMethod method, String uriTemplate, URI uri,
        byte @Nullable [] body, @Nullable String knowledgeBaseUuid, @Nullable String jobUuid) {

    /** How the request is named in messages: method and path, never the host, query or body. */
    String description() {
        return this.method.name() + " " + this.uri.getRawPath();
    }

}
