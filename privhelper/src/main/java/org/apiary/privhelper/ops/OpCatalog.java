package org.apiary.privhelper.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apiary.privhelper.protocol.Args;

/** The closed list: wire name → parser, and record class → wire name. Nothing else is callable. */
public final class OpCatalog {
    private record Entry(Class<? extends Op> type, Function<Args, Op> parser) {}

    private static final Map<String, Entry> BY_NAME = new LinkedHashMap<>();

    static {
        add("host_facts", HostFacts.class, HostFacts::parse);
        add("kernel_feature_enable", KernelFeatureEnable.class, KernelFeatureEnable::parse);
        add("sysctl_set", SysctlSet.class, SysctlSet::parse);
        add("bridge_ensure", BridgeEnsure.class, BridgeEnsure::parse);
        add("bridge_delete", BridgeDelete.class, BridgeDelete::parse);
        add("bridge_add_member", BridgeAddMember.class, BridgeAddMember::parse);
        add("bridge_remove_member", BridgeRemoveMember.class, BridgeRemoveMember::parse);
        add("tap_create", TapCreate.class, TapCreate::parse);
        add("tap_delete", TapDelete.class, TapDelete::parse);
        add("vlan_ensure", VlanEnsure.class, VlanEnsure::parse);
        add("vlan_delete", VlanDelete.class, VlanDelete::parse);
        add("vxlan_ensure", VxlanEnsure.class, VxlanEnsure::parse);
        add("vxlan_delete", VxlanDelete.class, VxlanDelete::parse);
        add("domain_ensure", DomainEnsure.class, DomainEnsure::parse);
        add("domain_delete", DomainDelete.class, DomainDelete::parse);
        add("domain_address_add", DomainAddressAdd.class, DomainAddressAdd::parse);
        add("domain_route_add", DomainRouteAdd.class, DomainRouteAdd::parse);
        add("dhcp_start", DhcpStart.class, DhcpStart::parse);
        add("dhcp_reload", DhcpReload.class, DhcpReload::parse);
        add("dhcp_stop", DhcpStop.class, DhcpStop::parse);
        add("firewall_apply", FirewallApply.class, FirewallApply::parse);
        add("list_tagged", ListTagged.class, ListTagged::parse);
        add("guest_start", GuestStart.class, GuestStart::parse);
        add("guest_stop", GuestStop.class, GuestStop::parse);
        add("guest_poweroff", GuestPoweroff.class, GuestPoweroff::parse);
        add("guest_reset", GuestReset.class, GuestReset::parse);
        add("guest_destroy", GuestDestroy.class, GuestDestroy::parse);
        add("guest_status", GuestStatus.class, GuestStatus::parse);
        add("guest_list", GuestList.class, GuestList::parse);
        add("console_open", ConsoleOpen.class, ConsoleOpen::parse);
        add("guest_snapshot", GuestSnapshot.class, GuestSnapshot::parse);
        add("disk_create", DiskCreate.class, DiskCreate::parse);
        add("disk_convert", DiskConvert.class, DiskConvert::parse);
        add("disk_resize", DiskResize.class, DiskResize::parse);
        add("disk_delete", DiskDelete.class, DiskDelete::parse);
        add("configdrive_create", ConfigDriveCreate.class, ConfigDriveCreate::parse);
    }

    private OpCatalog() {}

    private static void add(String name, Class<? extends Op> type, Function<Args, Op> parser) {
        BY_NAME.put(name, new Entry(type, parser));
    }

    public static boolean known(String name) {
        return BY_NAME.containsKey(name);
    }

    public static Op parse(String name, Args args) {
        return BY_NAME.get(name).parser().apply(args);
    }

    public static String nameOf(Op op) {
        return BY_NAME.entrySet().stream().filter(e -> e.getValue().type() == op.getClass()).findFirst()
                .orElseThrow().getKey();
    }

    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(BY_NAME.keySet());
    }
}
