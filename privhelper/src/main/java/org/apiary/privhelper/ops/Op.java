package org.apiary.privhelper.ops;

/**
 * One typed operation. The set is closed: {@link OpCatalog} lists every implementation with its
 * wire name and parser, and the backends switch over it exhaustively.
 */
public sealed interface Op permits HostFacts, KernelFeatureEnable, SysctlSet, BridgeEnsure, BridgeDelete,
        BridgeAddMember, BridgeRemoveMember, TapCreate, TapDelete, VlanEnsure, VlanDelete, VxlanEnsure, VxlanDelete,
        DomainEnsure, DomainDelete, DomainAddressAdd, DomainRouteAdd, DhcpStart, DhcpReload, DhcpStop,
        FirewallApply, ListTagged, GuestStart, GuestStop, GuestPoweroff, GuestReset, GuestDestroy, GuestStatus,
        GuestList, ConsoleOpen, DiskCreate, DiskConvert, DiskResize, DiskDelete, ConfigDriveCreate, GuestSnapshot {
}
