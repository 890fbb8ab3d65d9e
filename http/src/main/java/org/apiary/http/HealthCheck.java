package org.apiary.http;

import java.util.Optional;

/** A dependency /healthcheck reports on; returns a reason when it is unhealthy. */
@FunctionalInterface
public interface HealthCheck {
    Optional<String> problem();
}
