package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;
import org.apiary.privhelper.protocol.HelperException;

/**
 * A VXLAN interface: VNI 1..16777215, a local underlay address, and exactly one of a unicast
 * remote or a multicast group (the latter needs an operator-listed underlay device).
 */
public record VxlanEnsure(String name, int vni, IpAddress local, IpAddress remote, IpAddress group, String device,
        String owner) implements Op {
    public static VxlanEnsure parse(Args a) {
        String name = Check.ifname(a, "name", Check.VXLAN);
        int vni = (int) a.integer("vni", 1, 16_777_215);
        IpAddress local = IpAddress.parse(a.string("local", 64));
        IpAddress remote = a.has("remote") ? IpAddress.parse(a.string("remote", 64)) : null;
        IpAddress group = a.has("group") ? IpAddress.parse(a.string("group", 64)) : null;
        String device = a.has("device") ? Check.physical(a, "device") : null;
        String owner = Check.uuid(a, "owner");
        a.done();
        if ((remote == null) == (group == null)) {
            throw HelperException.invalid("vxlan_ensure needs exactly one of remote or group");
        }
        IpAddress peer = remote != null ? remote : group;
        if (peer.isV4() != local.isV4()) {
            throw HelperException.invalid("local and remote/group must be the same address family");
        }
        if (group != null && (device == null || !isMulticast(group))) {
            throw HelperException.invalid("group must be a multicast address and needs a device");
        }
        if (remote != null && isMulticast(remote)) {
            throw HelperException.invalid("remote must be a unicast address");
        }
        return new VxlanEnsure(name, vni, local, remote, group, device, owner);
    }

    static boolean isMulticast(IpAddress ip) {
        int first = ip.bytes()[0] & 0xff;
        return ip.isV4() ? first >= 224 && first <= 239 : first == 0xff;
    }
}
