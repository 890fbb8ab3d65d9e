package org.apiary.placement.api;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.common.microversion.Microversion;
import org.apiary.common.policy.PolicyEngine;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.placement.domain.candidates.AllocationCandidateFinder;
import org.apiary.placement.domain.candidates.AllocationCandidates;
import org.apiary.placement.domain.candidates.CandidateOptions;
import org.apiary.placement.domain.candidates.CandidateRequest;
import org.apiary.placement.domain.candidates.ProviderSource;

/**
 * GET /allocation_candidates (1.10+, upstream {@code handlers/allocation_candidate.py}): policy →
 * parse and validate ({@link CandidateQueryParser}) → search ({@link AllocationCandidateFinder})
 * → render ({@link CandidatesView}), plus the 1.15 cache headers.
 */
public final class AllocationCandidatesResource {
    public static final String LIST = "placement:allocation_candidates:list";

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final CandidatesView view = new CandidatesView();
    private final AllocationCandidateFinder finder;
    private final Authz authz;

    public AllocationCandidatesResource(ProviderSource source, Authz authz) {
        this(source, authz, CandidateOptions.DEFAULTS);
    }

    public AllocationCandidatesResource(ProviderSource source, Authz authz, CandidateOptions options) {
        this.finder = new AllocationCandidateFinder(source, options);
        this.authz = authz;
    }

    /**
     * Transitional, for a composition root that still registers on the bare RouteTable with the
     * PolicyEngine; {@link #AllocationCandidatesResource(ProviderSource, Authz)} with
     * {@link #register(Routes)} is the form to use.
     */
    public AllocationCandidatesResource(ProviderSource source, PolicyEngine policy) {
        this(source, new Authz(policy));
    }

    public void register(Routes routes) {
        CandidatesWarmup.startOnce();
        routes.add("GET", "/allocation_candidates", Routes.Body.SENDS_JSON, this::list);
    }

    /** Transitional twin of {@link #register(Routes)}: checks Accept itself, as Routes would. */
    public void register(RouteTable routes) {
        CandidatesWarmup.startOnce();
        routes.add("GET", "/allocation_candidates", req -> {
            requireJsonAcceptable(req);
            return list(req);
        });
    }

    private ApiResponse list(ApiRequest req) {
        Microversion v = req.version();
        if (v == null || v.before("1.10")) {
            throw ServiceException.notFound("The resource could not be found.");
        }
        authz.enforce(req, LIST);
        CandidateRequest request = CandidateQueryParser.parse(req.query(), v);
        AllocationCandidates found = finder.find(request);
        ApiResponse res = ApiResponse.bytes(200, "application/json", view.render(found, request, v));
        if (v.atLeast("1.15")) {
            res.header("Cache-Control", "no-cache");
            res.header("Last-Modified", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        }
        return res;
    }

    /** util.check_accept('application/json'): an Accept header that rules JSON out is a 406. */
    private static void requireJsonAcceptable(ApiRequest req) {
        String accept = req.header("Accept").map(String::strip).orElse("");
        if (accept.isEmpty()) {
            return;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean zero = false;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip().toLowerCase(Locale.ROOT);
                zero |= p.startsWith("q=") && p.substring(2).strip().matches("0(\\.0*)?");
            }
            if (!zero && (type.equals("*/*") || type.equals("application/*") || type.equals("application/json"))) {
                return;
            }
        }
        throw new ServiceException(ErrorKind.NOT_ACCEPTABLE, "Only application/json is provided");
    }
}
