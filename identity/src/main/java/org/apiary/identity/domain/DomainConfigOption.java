package org.apiary.identity.domain;

/**
 * One option of a domain's configuration. {@code value} is any JSON value (string, number, list...);
 * sensitive options (the LDAP password) are stored but never shown.
 */
public record DomainConfigOption(String group, String option, Object value, boolean sensitive) {}
