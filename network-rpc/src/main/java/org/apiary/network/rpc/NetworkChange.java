package org.apiary.network.rpc;

/**
 * A committed change that may concern agents: they answer it with {@link NetworkAgentRpc#syncState}.
 *
 * @param networkId the network whose realization may have to change, or null for "resync all"
 * @param reason    short text for logs, e.g. {@code port.create}
 */
public record NetworkChange(String networkId, String reason) {
    public static final String TOPIC = "apiary.network.changes";
}
