/**
 * The contract between the network controller and the host network agents: plain records that
 * travel over the bus as JSON, and the two interfaces each side implements. Nothing here knows
 * HTTP, SQL or the bus; the server module binds these interfaces to the bus.
 *
 * <p>The model is Neutron's DHCP/L2 agent model reduced to one pull call: an agent asks for the
 * complete desired state of its host ({@link NetworkAgentRpc#syncState}) on start, after every
 * {@link NetworkChange} notification and periodically, and reconciles the host with it. A lost
 * notification therefore costs latency, never correctness.
 */
package org.apiary.network.rpc;
