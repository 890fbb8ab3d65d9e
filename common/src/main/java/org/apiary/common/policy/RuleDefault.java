package org.apiary.common.policy;

/** A named policy rule with its default check string, as oslo.policy declares them. */
public record RuleDefault(String name, String checkString, String description) {}
