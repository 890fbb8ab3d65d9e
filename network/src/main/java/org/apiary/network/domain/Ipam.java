package org.apiary.network.domain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Address choice (Neutron's built-in IPAM): a free address from the subnet's allocation pools.
 * Uniqueness itself is the store's primary key on (subnet, address); this only proposes.
 */
public final class Ipam {
    /** Candidates drawn from, so that concurrent requests rarely propose the same address. */
    private static final int WINDOW = 8;

    private Ipam() {}

    /** A free address of the pools, or null when the pools are exhausted. */
    public static String pick(Subnet subnet, Set<String> used) {
        List<BigInteger> free = new ArrayList<>();
        for (Subnet.Pool pool : subnet.allocationPools()) {
            BigInteger start = IpAddresses.parse(pool.start()).value();
            BigInteger end = IpAddresses.parse(pool.end()).value();
            for (BigInteger v = start; v.compareTo(end) <= 0 && free.size() < WINDOW; v = v.add(BigInteger.ONE)) {
                String text = IpAddresses.format(v, subnet.ipVersion());
                if (!used.contains(text) && !text.equals(subnet.gatewayIp())) {
                    free.add(v);
                }
                // In a nearly full big pool this walks the used addresses; a /16 is 65k steps at worst.
            }
            if (free.size() >= WINDOW) {
                break;
            }
        }
        if (free.isEmpty()) {
            return null;
        }
        return IpAddresses.format(free.get(ThreadLocalRandom.current().nextInt(free.size())), subnet.ipVersion());
    }

    /** The default pools: the whole CIDR minus network, broadcast (IPv4) and gateway addresses. */
    public static List<Subnet.Pool> defaultPools(IpAddresses.Cidr cidr, String gatewayIp) {
        BigInteger first = cidr.firstHost();
        BigInteger last = cidr.lastHost();
        if (first.compareTo(last) > 0) {
            return List.of();
        }
        List<Subnet.Pool> pools = new ArrayList<>();
        IpAddresses.Ip gw = gatewayIp == null ? null : IpAddresses.parse(gatewayIp);
        if (gw != null && gw.value().compareTo(first) >= 0 && gw.value().compareTo(last) <= 0) {
            if (gw.value().compareTo(first) > 0) {
                pools.add(pool(first, gw.value().subtract(BigInteger.ONE), cidr.version()));
            }
            if (gw.value().compareTo(last) < 0) {
                pools.add(pool(gw.value().add(BigInteger.ONE), last, cidr.version()));
            }
        } else {
            pools.add(pool(first, last, cidr.version()));
        }
        return pools;
    }

    private static Subnet.Pool pool(BigInteger a, BigInteger b, int version) {
        return new Subnet.Pool(IpAddresses.format(a, version), IpAddresses.format(b, version));
    }

    /** True when {@code ip} lies in one of the pools. */
    public static boolean inPools(Subnet subnet, String ip) {
        IpAddresses.Ip v = IpAddresses.parse(ip);
        for (Subnet.Pool p : subnet.allocationPools()) {
            if (v.value().compareTo(IpAddresses.parse(p.start()).value()) >= 0
                    && v.value().compareTo(IpAddresses.parse(p.end()).value()) <= 0) {
                return true;
            }
        }
        return false;
    }
}
