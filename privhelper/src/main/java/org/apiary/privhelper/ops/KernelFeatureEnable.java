package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/**
 * Loads the kernel module behind a feature. The peer names a feature, never a module: each
 * backend maps the feature to its own fixed module list (Linux modprobe, FreeBSD kldload -n).
 */
public record KernelFeatureEnable(Feature feature) implements Op {
    public enum Feature {
        BRIDGE, TAP, VETH_PAIR, VLAN, VXLAN, FIREWALL;

        /** The wire form, lower case, as Check.oneOf parses it. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static KernelFeatureEnable parse(Args a) {
        KernelFeatureEnable op = new KernelFeatureEnable(Check.oneOf(a, "feature", Feature.class));
        a.done();
        return op;
    }
}
