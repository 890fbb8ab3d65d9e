package org.apiary.compute.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The fields one server write changes; everything not set here is left alone. A field set to
 * null is written as NULL (e.g. {@code taskState(null)} ends a task).
 */
public final class ServerChange {
    /** The columns a change may touch. */
    public enum Field {
        NAME, HOSTNAME, DESCRIPTION, IMAGE_REF, FLAVOR, OLD_FLAVOR, NEW_FLAVOR, HOST, NODE, VM_STATE, TASK_STATE,
        POWER_STATE, ACCESS_IP_V4, ACCESS_IP_V6, LOCKED_BY, LOCKED_REASON, REQUEST_SPEC, NETWORK_INFO, PROGRESS,
        LAUNCHED_AT, TERMINATED_AT, DELETED_AT, AVAILABILITY_ZONE, KEY_NAME, KEY_DATA, USER_DATA
    }

    private final Map<Field, Object> values = new EnumMap<>(Field.class);

    public static ServerChange of() {
        return new ServerChange();
    }

    public Map<Field, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    private ServerChange set(Field f, Object v) {
        values.put(f, v);
        return this;
    }

    public ServerChange name(String v) { return set(Field.NAME, v); }
    public ServerChange hostname(String v) { return set(Field.HOSTNAME, v); }
    public ServerChange description(String v) { return set(Field.DESCRIPTION, v); }
    public ServerChange imageRef(String v) { return set(Field.IMAGE_REF, v); }
    public ServerChange flavor(FlavorSnapshot v) { return set(Field.FLAVOR, v); }
    public ServerChange oldFlavor(FlavorSnapshot v) { return set(Field.OLD_FLAVOR, v); }
    public ServerChange newFlavor(FlavorSnapshot v) { return set(Field.NEW_FLAVOR, v); }
    public ServerChange host(String v) { return set(Field.HOST, v); }
    public ServerChange node(String v) { return set(Field.NODE, v); }
    public ServerChange vmState(String v) { return set(Field.VM_STATE, v); }
    public ServerChange taskState(String v) { return set(Field.TASK_STATE, v); }
    public ServerChange powerState(int v) { return set(Field.POWER_STATE, v); }
    public ServerChange accessIpV4(String v) { return set(Field.ACCESS_IP_V4, v); }
    public ServerChange accessIpV6(String v) { return set(Field.ACCESS_IP_V6, v); }
    public ServerChange lockedBy(String v) { return set(Field.LOCKED_BY, v); }
    public ServerChange lockedReason(String v) { return set(Field.LOCKED_REASON, v); }
    public ServerChange requestSpec(RequestSpec v) { return set(Field.REQUEST_SPEC, v); }
    public ServerChange networkInfo(List<Vif> v) { return set(Field.NETWORK_INFO, List.copyOf(v)); }
    public ServerChange progress(int v) { return set(Field.PROGRESS, v); }
    public ServerChange launchedAt(Long v) { return set(Field.LAUNCHED_AT, v); }
    public ServerChange terminatedAt(Long v) { return set(Field.TERMINATED_AT, v); }
    public ServerChange deletedAt(Long v) { return set(Field.DELETED_AT, v); }
    public ServerChange availabilityZone(String v) { return set(Field.AVAILABILITY_ZONE, v); }
    public ServerChange keyName(String v) { return set(Field.KEY_NAME, v); }
    public ServerChange keyData(String v) { return set(Field.KEY_DATA, v); }
    public ServerChange userData(String v) { return set(Field.USER_DATA, v); }
}
