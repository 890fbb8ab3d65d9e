package org.apiary.http;

/** One endpoint: reads the request, calls the domain, returns what to send. */
@FunctionalInterface
public interface Handler {
    ApiResponse handle(ApiRequest request) throws Exception;
}
