package org.callrec.core.policy;

/** The uses of audio that clause 5.3 allows; every purpose maps to one of them. */
public enum PurposeUse {
    /** Training, including quality spot checks. */
    TRAINING,
    /** Investigations: complaints and evidence of abuse. */
    INVESTIGATION,
    /** A person's own subject access request, a legal route apart from both. */
    SUBJECT_ACCESS,
    /** Figures only; never audio (demand analysis). */
    FIGURES_ONLY
}
