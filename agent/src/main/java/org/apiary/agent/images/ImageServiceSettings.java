package org.apiary.agent.images;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apiary.common.config.Config;
import org.apiary.common.config.ConfigOption;

/**
 * Where and as whom a compute agent reaches the Image API, read from [glance] and checked.
 *
 * @param authUrl          Keystone's URL, with or without the trailing {@code /v3}
 * @param endpointOverride the Image API's URL, or null to take it from the token's catalog
 * @param regionName       the catalog region to take, or null for any
 * @param interfaces       catalog interfaces in order of preference
 */
public record ImageServiceSettings(URI authUrl, String username, String password, String userDomainName,
                                   String projectName, String projectDomainName, URI endpointOverride,
                                   String regionName, List<String> interfaces) {
    public ImageServiceSettings {
        requireHttp(ImageServiceOptions.AUTH_URL, authUrl);
        if (endpointOverride != null) {
            requireHttp(ImageServiceOptions.ENDPOINT_OVERRIDE, endpointOverride);
        }
        for (String s : new String[] {username, password, userDomainName, projectName, projectDomainName}) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("[glance] needs username, password, user_domain_name, "
                        + "project_name and project_domain_name with auth_url");
            }
        }
        interfaces = List.copyOf(interfaces);
        if (interfaces.isEmpty()) {
            throw new IllegalArgumentException("[glance] valid_interfaces must name at least one interface");
        }
    }

    /** The settings when [glance] auth_url is set; empty when it is not (the agent keeps a directory cache). */
    public static Optional<ImageServiceSettings> from(Config config) {
        String authUrl = blankToNull(config.get(ImageServiceOptions.AUTH_URL));
        if (authUrl == null) {
            return Optional.empty();
        }
        String override = blankToNull(config.get(ImageServiceOptions.ENDPOINT_OVERRIDE));
        return Optional.of(new ImageServiceSettings(uri(ImageServiceOptions.AUTH_URL, authUrl),
                config.get(ImageServiceOptions.USERNAME), config.get(ImageServiceOptions.PASSWORD),
                config.get(ImageServiceOptions.USER_DOMAIN_NAME), config.get(ImageServiceOptions.PROJECT_NAME),
                config.get(ImageServiceOptions.PROJECT_DOMAIN_NAME),
                override == null ? null : uri(ImageServiceOptions.ENDPOINT_OVERRIDE, override),
                blankToNull(config.get(ImageServiceOptions.REGION_NAME)),
                config.get(ImageServiceOptions.VALID_INTERFACES).stream().map(String::strip)
                        .filter(s -> !s.isEmpty()).toList()));
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ImageServiceSettings[authUrl=" + authUrl + ", user=" + username + "@" + userDomainName + ", project="
                + projectName + "@" + projectDomainName + ", endpointOverride=" + endpointOverride + ", region="
                + regionName + ", interfaces=" + interfaces + "]";
    }

    private static URI uri(ConfigOption<String> option, String value) {
        try {
            return URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option.key() + ": '" + value + "' is not a URL");
        }
    }

    private static void requireHttp(ConfigOption<String> option, URI uri) {
        if (uri == null || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(option.key() + " must be an http:// or https:// URL (got " + uri + ")");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
