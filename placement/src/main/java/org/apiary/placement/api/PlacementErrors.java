package org.apiary.placement.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.common.microversion.Microversion;
import org.apiary.http.ApiResponse;
import org.apiary.http.ErrorRenderer;
import org.apiary.placement.domain.ErrorCodes;

/**
 * Placement's error body (util.json_error_formatter):
 * {@code {"errors": [{"status", "title", "detail", "code", "request_id"}]}}, plus min/max_version
 * on a 406 for an unacceptable microversion.
 */
public final class PlacementErrors implements ErrorRenderer {
    private final String minVersion;
    private final String maxVersion;

    public PlacementErrors(Microversion min, Microversion max) {
        this.minVersion = min.toString();
        this.maxVersion = max.toString();
    }

    @Override
    public ApiResponse render(ServiceException e, String requestId) {
        return render(e, requestId, (Microversion) null);
    }

    /** Webob answers a client that accepts HTML but not JSON with an HTML page; so do we. */
    @Override
    public ApiResponse render(ServiceException e, String requestId, Optional<String> accept) {
        if (accept.isPresent() && WebobAccept.prefersHtml(accept.get())) {
            return html(e);
        }
        return render(e, requestId);
    }

    /** webob.exc's html template: status as title and heading, then the escaped detail. */
    private static ApiResponse html(ServiceException e) {
        String status = e.status() + " " + e.kind().title();
        String page = "<html>\n <head>\n  <title>" + status + "</title>\n </head>\n <body>\n  <h1>" + status
                + "</h1>\n  " + escape(detail(e)) + "<br /><br />\n\n\n\n </body>\n</html>";
        return ApiResponse.bytes(e.status(), "text/html; charset=UTF-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * @param version the negotiated microversion, or null when the failure came before negotiation
     *        (then the code is sent anyway: older clients ignore it)
     */
    public ApiResponse render(ServiceException e, String requestId, Microversion version) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", e.status());
        error.put("title", e.kind().title());
        error.put("detail", detail(e));
        if (version == null || version.atLeast("1.23")) { // codes appeared in 1.23
            error.put("code", e.code() != null && e.code().startsWith("placement.")
                    && !e.code().contains("microversion") ? e.code() : ErrorCodes.DEFAULT);
        }
        error.put("request_id", requestId);
        if (e.kind() == ErrorKind.NOT_ACCEPTABLE && e.code() != null && e.code().contains("microversion")) {
            error.put("max_version", maxVersion);
            error.put("min_version", minVersion);
        }
        return ApiResponse.json(e.status(), Map.of("errors", List.of(error)));
    }

    /** The shared router words its 405 for all services; Placement's own wording is kept here. */
    private static String detail(ServiceException e) {
        String m = e.getMessage();
        if (e.kind() == ErrorKind.METHOD_NOT_ALLOWED && m != null) {
            return m.replace("for the requested URL.", "for this resource.");
        }
        return m;
    }
}
