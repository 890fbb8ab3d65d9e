package org.apiary.placement.domain;

/**
 * Placement's stable error codes (upstream placement/errors.py). Clients match on these strings:
 * never change a value once set.
 */
public final class ErrorCodes {
    private ErrorCodes() {}

    public static final String DEFAULT = "placement.undefined_code";
    public static final String INVENTORY_INUSE = "placement.inventory.inuse";
    public static final String CONCURRENT_UPDATE = "placement.concurrent_update";
    public static final String DUPLICATE_NAME = "placement.duplicate_name";
    public static final String PROVIDER_IN_USE = "placement.resource_provider.inuse";
    public static final String PROVIDER_CANNOT_DELETE_PARENT = "placement.resource_provider.cannot_delete_parent";
    public static final String RESOURCE_PROVIDER_NOT_FOUND = "placement.resource_provider.not_found";
    public static final String ILLEGAL_DUPLICATE_QUERYPARAM = "placement.query.duplicate_key";
    public static final String QUERYPARAM_BAD_VALUE = "placement.query.bad_value";
    public static final String QUERYPARAM_MISSING_VALUE = "placement.query.missing_value";
}
