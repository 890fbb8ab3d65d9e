package org.apiary.compute.domain;

/**
 * One console authorization (Nova's ConsoleAuthToken), as stored: never the token itself, only its hash.
 *
 * @param accessUrlBase the proxy's base URL the token was issued for
 * @param expires       epoch milliseconds after which the token is refused
 */
public record ConsoleAuth(String instanceUuid, String host, String consoleType, String accessUrlBase, long expires) {}
