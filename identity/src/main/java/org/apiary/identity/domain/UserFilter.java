package org.apiary.identity.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.BiPredicate;
import org.apiary.common.error.ServiceException;

/**
 * Keystone's user list filters: exact domain_id, name and enabled, plus password_expires_at in
 * the form {@code [op:]timestamp} with op one of eq, neq, lt, lte, gt, gte (eq when absent).
 * Users without an expiry never match a password_expires_at filter, as in Keystone's SQL.
 */
public final class UserFilter {
    private static final Map<String, BiPredicate<Instant, Instant>> OPERATORS = Map.of(
            "eq", Instant::equals,
            "neq", (a, b) -> !a.equals(b),
            "lt", Instant::isBefore,
            "lte", (a, b) -> !a.isAfter(b),
            "gt", Instant::isAfter,
            "gte", (a, b) -> !a.isBefore(b));

    private final String domainId;
    private final String name;
    private final Boolean enabled;
    private final BiPredicate<Instant, Instant> expiryOp;
    private final Instant expiry;

    /** @throws ServiceException 400 when passwordExpiresAt has an unknown operator or a bad timestamp */
    public UserFilter(String domainId, String name, Boolean enabled, String passwordExpiresAt) {
        this.domainId = domainId;
        this.name = name;
        this.enabled = enabled;
        if (passwordExpiresAt == null) {
            this.expiryOp = null;
            this.expiry = null;
            return;
        }
        String op = "eq";
        String timestamp = passwordExpiresAt;
        // Keystone looks for the ':' right after a two- or three-letter operator.
        int colon = passwordExpiresAt.indexOf(':');
        if (colon == 2 || colon == 3) {
            op = passwordExpiresAt.substring(0, colon);
            timestamp = passwordExpiresAt.substring(colon + 1);
        }
        this.expiry = parseTime(timestamp);
        this.expiryOp = OPERATORS.get(op);
        if (expiryOp == null) {
            throw ServiceException.badRequest("The given operator " + op + " is not valid. It must be one of the "
                    + "following: 'eq', 'neq', 'lt', 'lte', 'gt', or 'gte'.");
        }
    }

    public static UserFilter none() {
        return new UserFilter(null, null, null, null);
    }

    public String domainId() {
        return domainId;
    }

    public String name() {
        return name;
    }

    public Boolean enabled() {
        return enabled;
    }

    public boolean matches(User u) {
        if (domainId != null && !domainId.equals(u.domainId())) {
            return false;
        }
        if (name != null && !name.equals(u.name())) {
            return false;
        }
        if (enabled != null && enabled != u.enabled()) {
            return false;
        }
        return expiryOp == null || (u.passwordExpiresAt() != null && expiryOp.test(u.passwordExpiresAt(), expiry));
    }

    private static Instant parseTime(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // fall through to the zone-less forms, which Keystone reads as UTC
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // fall through
        }
        try {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ServiceException.badRequest("Timestamp not in expected format. The server could not comply with the "
                    + "request since it is either malformed or otherwise incorrect. The client is assumed to be in error.");
        }
    }
}
