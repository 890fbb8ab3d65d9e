package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/** Sets one allow-listed kernel switch to 0 or 1; each backend maps the key to its sysctl name. */
public record SysctlSet(Key key, int value) implements Op {
    public enum Key {
        IP_FORWARD, IP6_FORWARD, BRIDGE_FILTER;

        /** The wire form, lower case, as Check.oneOf parses it. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static SysctlSet parse(Args a) {
        SysctlSet op = new SysctlSet(Check.oneOf(a, "key", Key.class), (int) a.integer("value", 0, 1));
        a.done();
        return op;
    }
}
