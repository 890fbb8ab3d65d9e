package org.apiary.compute.domain;

/** A key pair of one user; {@code type} is "ssh" or "x509". */
public record Keypair(long id, String userId, String name, String fingerprint, String publicKey, String type,
                      long createdAt) {}
