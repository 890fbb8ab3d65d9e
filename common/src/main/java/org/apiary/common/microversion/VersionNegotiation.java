package org.apiary.common.microversion;

import java.util.Locale;
import java.util.Optional;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;

/**
 * How a service negotiates microversions: the {@code OpenStack-API-Version: <type> X.Y} header
 * (and optionally a legacy header such as {@code X-OpenStack-Nova-API-Version}), "latest", the
 * minimum when absent, 406 outside [min, max].
 *
 * @param serviceType the token in the header ("placement", "compute")
 * @param legacyHeader the pre-2.27 style header name, or null
 */
public record VersionNegotiation(String serviceType, Microversion min, Microversion max, String legacyHeader) {

    /** Picks the version from the header values (either may be empty). */
    public Microversion negotiate(Optional<String> openstackApiVersion, Optional<String> legacy) {
        Optional<String> requested = openstackApiVersion.flatMap(this::forThisService);
        if (requested.isEmpty() && legacyHeader != null) {
            requested = legacy.map(String::strip).filter(s -> !s.isEmpty());
        }
        if (requested.isEmpty()) {
            return min;
        }
        String text = requested.get();
        if (text.equalsIgnoreCase("latest")) {
            return max;
        }
        Microversion v;
        try {
            v = Microversion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ServiceException(ErrorKind.BAD_REQUEST, "invalid version string: " + text,
                    serviceType + ".microversion.invalid");
        }
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new ServiceException(ErrorKind.NOT_ACCEPTABLE, "Unacceptable version header: " + text,
                    serviceType + ".microversion.unacceptable");
        }
        return v;
    }

    /**
     * The version for this service from a header like "placement 1.2" or "compute 2.1, image 2.0".
     * Values naming other services are ignored.
     */
    private Optional<String> forThisService(String header) {
        for (String part : header.split(",")) {
            String[] words = part.strip().split("\\s+");
            if (words.length == 2 && words[0].toLowerCase(Locale.ROOT).equals(serviceType)) {
                return Optional.of(words[1]);
            }
            if (words.length == 1 && !words[0].isEmpty() && words[0].toLowerCase(Locale.ROOT).equals(serviceType)) {
                throw new ServiceException(ErrorKind.BAD_REQUEST, "invalid version string: " + part.strip(),
                        serviceType + ".microversion.invalid");
            }
        }
        return Optional.empty();
    }
}
