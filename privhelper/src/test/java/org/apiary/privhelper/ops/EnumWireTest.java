package org.apiary.privhelper.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.apiary.privhelper.protocol.Wire;
import org.junit.jupiter.api.Test;

/**
 * Every enum-valued op the typed client sends survives the wire: Jackson writes the lower-case
 * name that Check.oneOf parses (upper case was refused as "not one of [...]").
 */
class EnumWireTest {
    @Test
    void kernelFeaturesAndSysctlsRoundTrip() {
        for (KernelFeatureEnable.Feature f : KernelFeatureEnable.Feature.values()) {
            assertThat(Wire.parseRequest(Wire.request(new KernelFeatureEnable(f))))
                    .isEqualTo(new KernelFeatureEnable(f));
        }
        for (SysctlSet.Key k : SysctlSet.Key.values()) {
            assertThat(Wire.parseRequest(Wire.request(new SysctlSet(k, 1)))).isEqualTo(new SysctlSet(k, 1));
        }
    }

    @Test
    void enumsAreWrittenInLowerCase() {
        assertThat(FirewallRule.Direction.INGRESS.wire()).isEqualTo("ingress");
        assertThat(FirewallRule.Family.IPV6.wire()).isEqualTo("ipv6");
        assertThat(FirewallRule.Protocol.ICMP.wire()).isEqualTo("icmp");
        assertThat(new String(Wire.request(new KernelFeatureEnable(KernelFeatureEnable.Feature.VETH_PAIR)),
                java.nio.charset.StandardCharsets.UTF_8)).contains("\"veth_pair\"");
    }
}
