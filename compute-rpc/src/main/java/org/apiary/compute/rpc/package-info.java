/**
 * The contract between the compute controller (conductor) and the compute agent of each host,
 * carried by the bus as JSON: {@link org.apiary.compute.rpc.ComputeAgentRpc} (controller → one
 * host) and {@link org.apiary.compute.rpc.ConductorRpc} (agents → controller). Records only, so
 * both sides can evolve apart; unknown JSON fields are ignored by the bus.
 */
package org.apiary.compute.rpc;
