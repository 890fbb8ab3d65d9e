package org.apiary.compute.rpc;

/**
 * What a valid console token grants, as the controller answers a host's console proxy.
 *
 * @param instanceUuid the server whose console it is
 * @param host         the host the server ran on when the token was issued; only that host's proxy serves it
 * @param consoleType  Nova's console type ({@code serial})
 */
public record ConsoleTarget(String instanceUuid, String host, String consoleType) {}
