package org.apiary.privhelper.server;

/** Who is on the other end of a connection, as the kernel reported it (or "unknown" when it cannot). */
public record Peer(String user, String group) {
    public static final Peer UNKNOWN = new Peer("?", "?");

    @Override
    public String toString() {
        return user + ":" + group;
    }
}
