package dev.turnpike.registry.model;

/** Whether a consumer's keys are accepted. */
public enum ConsumerState {
    /** Its keys work (default). */
    ACTIVE,
    /** Its keys are refused (403) until it is active again; nothing is deleted. */
    SUSPENDED
}
