package org.apiary.compute.domain;

/** The last failure of a server, shown as {@code fault} in ERROR state (code 500 for internal failures). */
public record InstanceFault(String instanceUuid, int code, String message, String details, String host,
                            long createdAt) {}
