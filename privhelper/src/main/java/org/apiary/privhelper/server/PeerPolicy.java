package org.apiary.privhelper.server;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Decides whether a connected peer may talk to the helper. The kernel's peer credentials come
 * from jdk.net.ExtendedSocketOptions.SO_PEERCRED (Linux: SO_PEERCRED; on BSDs the JDK reads
 * LOCAL_PEERCRED where its port implements the option). Principals are compared by id, not name:
 * UnixUserPrincipals compare uids. When the JDK cannot read credentials on this platform the
 * policy either refuses everything (the default) or, if the operator said so, trusts the socket's
 * 0660 mode and group — see docs/privilege-separation.md.
 */
public final class PeerPolicy {
    private final UserPrincipal agent;
    private final UserPrincipal root;
    private final boolean allowRoot;
    private final boolean trustSocketPermissions;

    public PeerPolicy(String agentUser, boolean allowRoot, boolean trustSocketPermissions) throws IOException {
        UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
        this.agent = users.lookupPrincipalByName(agentUser);
        this.root = users.lookupPrincipalByName("root");
        this.allowRoot = allowRoot;
        this.trustSocketPermissions = trustSocketPermissions;
    }

    /** The peer's identity, or null when the platform cannot tell us. */
    public static Peer identify(SocketChannel ch) {
        try {
            UnixDomainPrincipal p = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return new Peer(p.user().getName(), p.group().getName());
        } catch (UnsupportedOperationException | IOException e) {
            return null;
        }
    }

    public boolean allows(SocketChannel ch) {
        try {
            UnixDomainPrincipal p = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return allows(p.user());
        } catch (UnsupportedOperationException | IOException e) {
            return trustSocketPermissions;
        }
    }

    public boolean allows(UserPrincipal user) {
        return user.equals(agent) || (allowRoot && user.equals(root));
    }

    /** True if this JDK can read peer credentials of a Unix domain socket channel here. */
    public static boolean credentialsSupported() {
        return ExtendedSocketOptions.SO_PEERCRED != null;
    }
}
