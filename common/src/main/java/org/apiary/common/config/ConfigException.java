package org.apiary.common.config;

/** A configuration value that cannot be used; reported at start-up, never at request time. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
