package org.apiary.compute.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** accessIPv6 as Nova stores it: the text netaddr (inet_ntop) prints, expected values from glibc inet_ntop. */
class CanonicalIpv6Test {
    @Test
    void compressesTheLongestZeroRunAndLowersCase() {
        assertThat(ServerFields.canonicalIpv6("0000:0000:0000:0000:0000:babe:220.12.22.2")).isEqualTo("::babe:dc0c:1602");
        assertThat(ServerFields.canonicalIpv6("2001:DB8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(ServerFields.canonicalIpv6("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(ServerFields.canonicalIpv6("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
        assertThat(ServerFields.canonicalIpv6("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(ServerFields.canonicalIpv6("::")).isEqualTo("::");
        assertThat(ServerFields.canonicalIpv6("::ffff:1.2.3.4")).isEqualTo("::ffff:1.2.3.4");
        assertThat(ServerFields.canonicalIpv6("::1.2.3.4")).isEqualTo("::1.2.3.4");
    }
}
