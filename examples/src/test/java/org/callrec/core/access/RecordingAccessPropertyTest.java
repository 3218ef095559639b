package org.callrec.core.access;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.Purpose;
import org.callrec.core.policy.PurposeUse;
import org.callrec.spi.access.Grant;
import org.callrec.spi.access.GrantScope;
import org.callrec.spi.audit.AuditEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clauses 4.2, 5.1 and 5.3 as properties, through {@link RecordingAccess#open} on real encrypted
 * recordings on disk: for any requester, role, purpose, case, recording, grant and access rule,
 * the access is allowed exactly when the policy allows it; an allowed one receives the exact
 * audio and its audit entry is durable before a byte of the recording is read; a refused one
 * receives nothing and reads nothing from storage. Combinations are drawn from a seeded random
 * source; tries, seeds and replay: see {@link FuzzRuns}.
 */
class RecordingAccessPropertyTest {
    private static final Instant NOW = RecordedInstallation.NOW;
    private static final String NONE = "";
    private static final AtomicInteger REQUESTERS = new AtomicInteger();
    private static final String[] PURPOSES = {"training", "spot-check", "complaint",
        "abuse-evidence", "demand-analysis", "subject-access", "marketing"};
    private static final String[] READING_PURPOSES = {"training", "spot-check", "complaint",
        "abuse-evidence", "subject-access"};
    private static final String[] REAL_TARGETS = {"first", "second", "child"};
    private static final String[] TARGETS = {"first", "second", "child", "forged", "path"};
    private static final String[] CASES = {NONE, "CASE-1", "CASE-2"};
    private static final String[] WINDOWS = {"current", "open", "expired", "future"};

    /** Below this many tries a run may by chance draw no allowed or no refused combination. */
    private static final int TRIES_THAT_SEE_BOTH_OUTCOMES = 100;

    private static Path folder;
    private static RecordedInstallation installation;

    /** Any combination of requester, request, grant and access rule. */
    private record Combination(boolean inDirectory, boolean isManager, boolean holdsChildRole,
            String purpose, String caseReference, String target, boolean hasGrant,
            boolean grantForThatPurpose, String otherGrantPurpose, GrantScope grantScope,
            String grantCase, String grantWindow, boolean grantRevoked, boolean grantRequired,
            boolean childRule, boolean download) {

        static Combination draw(SplittableRandom random) {
            return new Combination(random.nextBoolean(), random.nextBoolean(),
                    random.nextBoolean(), FuzzRuns.oneOf(random, PURPOSES),
                    FuzzRuns.oneOf(random, CASES), FuzzRuns.oneOf(random, TARGETS),
                    random.nextBoolean(), random.nextBoolean(),
                    FuzzRuns.oneOf(random, PURPOSES),
                    FuzzRuns.oneOf(random, GrantScope.values()),
                    FuzzRuns.oneOf(random, CASES), FuzzRuns.oneOf(random, WINDOWS),
                    random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
                    random.nextBoolean());
        }
    }

    /** A combination the policy allows: a manager reading a real recording under a grant. */
    private record PermittedCombination(boolean holdsChildRole, String purpose, String target,
            boolean grantNamesTheCase, boolean grantIsOpenEnded, boolean grantRequired,
            boolean childRule, boolean download) {

        static PermittedCombination draw(SplittableRandom random) {
            return new PermittedCombination(random.nextBoolean(),
                    FuzzRuns.oneOf(random, READING_PURPOSES),
                    FuzzRuns.oneOf(random, REAL_TARGETS), random.nextBoolean(),
                    random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
                    random.nextBoolean());
        }
    }

    @BeforeAll
    static void openTheInstallation() throws IOException {
        folder = Files.createTempDirectory("callrec-access-properties");
        installation = new RecordedInstallation(folder);
    }

    @AfterAll
    static void closeTheInstallation() throws IOException {
        installation.close();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void onlyWhatThePolicyAllowsReceivesAByteAndItIsAuditedFirst() {
        int[] outcomes = new int[2];

        int tries = FuzzRuns.forAll(300, Combination::draw, combination -> {
            boolean allowed = receivesExactlyWhatThePolicyAllows(combination);
            outcomes[allowed ? 1 : 0]++;
        });

        if (tries >= TRIES_THAT_SEE_BOTH_OUTCOMES) {
            assertTrue(outcomes[0] > 0 && outcomes[1] > 0, "refused " + outcomes[0]
                    + " and allowed " + outcomes[1] + " of " + tries + " combinations");
        }
    }

    @Test
    void everyAccessThePolicyAllowsReceivesTheWholeRecordingAuditedFirst() {
        long grantedBefore = grantedEntries();

        int tries = FuzzRuns.forAll(60, PermittedCombination::draw,
                RecordingAccessPropertyTest::receivesTheWholeRecording);

        assertEquals(grantedBefore + tries, grantedEntries(),
                "every permitted access leaves one granted entry in the audit trail");
    }

    private static long grantedEntries() {
        return installation.audit.appended().stream()
                .filter(a -> a.entry().action().equals(AuditEntry.ACTION_ACCESS_GRANTED))
                .count();
    }

    /** Checks one combination; returns whether the policy allowed it. */
    private static boolean receivesExactlyWhatThePolicyAllows(Combination c) throws Exception {
        String requester = "staff-" + REQUESTERS.incrementAndGet();
        String purpose = c.purpose();
        String grantPurpose = c.grantForThatPurpose() ? purpose : c.otherGrantPurpose();
        List<String> roles = new ArrayList<>();
        if (c.isManager()) {
            roles.add("manager");
        }
        if (c.holdsChildRole()) {
            roles.add("safeguarding-lead");
        }
        if (c.inDirectory()) {
            installation.addStaff(requester, roles.toArray(String[]::new));
        }
        if (c.hasGrant()) {
            addGrant(requester, grantPurpose, c.grantScope(), c.grantCase(), c.grantWindow(),
                    c.grantRevoked());
        }
        Policy policy = installation.policyWith(c.grantRequired(),
                c.childRule() ? Set.of("safeguarding-lead") : Set.of());
        String recordingId = recordingId(c.target());
        AccessRequest request = new AccessRequest(requester, purpose,
                c.caseReference().equals(NONE) ? null : c.caseReference(), recordingId,
                c.download() ? AccessMode.DOWNLOAD : AccessMode.PLAY);
        boolean grantCovers = c.hasGrant() && grantPurpose.equals(purpose)
                && (c.grantCase().equals(NONE) || c.grantCase().equals(c.caseReference()))
                && (c.grantWindow().equals("current") || c.grantWindow().equals("open"))
                && !c.grantRevoked() && scopeCovers(c.grantScope(), c.target());
        boolean allowed = allowedByPolicy(policy, c.inDirectory() && c.isManager(),
                c.holdsChildRole(), purpose, c.caseReference(), c.target(), grantCovers,
                c.grantRequired(), c.childRule());
        long storageBefore = installation.storage.bytesRead();
        int entriesBefore = installation.audit.appended().size();

        RecordingAccess access = installation.access(policy);

        if (allowed) {
            assertReceivesTheAudioAuditedFirst(access, request, storageBefore, entriesBefore);
        } else {
            assertThrows(AccessRefusedException.class, () -> access.open(request).close());
            assertEquals(storageBefore, installation.storage.bytesRead(),
                    "a refused access reads nothing of the recording");
            assertEquals(AuditEntry.ACTION_ACCESS_REFUSED,
                    installation.audit.last().entry().action());
        }
        return allowed;
    }

    private static void receivesTheWholeRecording(PermittedCombination c) throws Exception {
        String requester = "staff-" + REQUESTERS.incrementAndGet();
        String purpose = c.purpose();
        String target = c.target();
        boolean holdsChildRole = c.holdsChildRole() || c.childRule() && target.equals("child");
        installation.addStaff(requester, holdsChildRole
                ? new String[] {"manager", "safeguarding-lead"} : new String[] {"manager"});
        boolean needsCase = installation.shippedPolicy.purpose(purpose).orElseThrow()
                .caseReferenceRequired();
        String caseReference = needsCase ? "CASE-1" : NONE;
        GrantScope scope = target.equals("first") ? GrantScope.RECORDING
                : target.equals("second") ? GrantScope.CALL : GrantScope.ALL;
        addGrant(requester, purpose, scope, c.grantNamesTheCase() ? caseReference : NONE,
                c.grantIsOpenEnded() ? "open" : "current", false);
        Policy policy = installation.policyWith(c.grantRequired(),
                c.childRule() ? Set.of("safeguarding-lead") : Set.of());
        AccessRequest request = new AccessRequest(requester, purpose,
                needsCase ? caseReference : null, recordingId(target),
                c.download() ? AccessMode.DOWNLOAD : AccessMode.PLAY);
        long storageBefore = installation.storage.bytesRead();
        int entriesBefore = installation.audit.appended().size();

        RecordingAccess access = installation.access(policy);

        assertReceivesTheAudioAuditedFirst(access, request, storageBefore, entriesBefore);
    }

    private static void assertReceivesTheAudioAuditedFirst(RecordingAccess access,
            AccessRequest request, long storageBefore, int entriesBefore) throws Exception {
        byte[] heard;
        try (InputStream in = access.open(request)) {
            heard = in.readAllBytes();
        }
        assertArrayEquals(installation.audio, heard);
        ObservedAudit.Appended granted = installation.audit.appended().get(entriesBefore);
        assertEquals(AuditEntry.ACTION_ACCESS_GRANTED, granted.entry().action());
        assertEquals(request.staffId(), granted.entry().actor());
        assertEquals(request.recordingId(), granted.entry().recordingId());
        assertEquals(request.purpose(), granted.entry().details().get("purpose"));
        assertEquals(request.mode().word(), granted.entry().details().get("mode"));
        assertEquals(storageBefore, granted.storageBytesReadWhenDurable(),
                "the audit entry is durable before the first byte is read");
    }

    /** The policy, written out independently of {@link RecordingAccess}. */
    private static boolean allowedByPolicy(Policy policy, boolean authorisedRole,
            boolean holdsChildRole, String purposeId, String caseReference, String target,
            boolean grantCovers, boolean grantRequired, boolean childRule) {
        Purpose purpose = policy.purpose(purposeId).orElse(null);
        if (purpose == null || purpose.use() == PurposeUse.FIGURES_ONLY) {
            return false;
        }
        if (purpose.caseReferenceRequired() && caseReference.equals(NONE)) {
            return false;
        }
        if (target.equals("path") || target.equals("forged") || !authorisedRole) {
            return false;
        }
        if (childRule && target.equals("child") && !holdsChildRole) {
            return false;
        }
        return !grantRequired || grantCovers;
    }

    private static boolean scopeCovers(GrantScope scope, String target) {
        return switch (scope) {
            case ALL -> !target.equals("path") && !target.equals("forged");
            case CALL -> target.equals("first") || target.equals("second");
            case RECORDING -> target.equals("first");
        };
    }

    private static void addGrant(String staffId, String purpose, GrantScope scope,
            String caseReference, String window, boolean revoked) {
        String grantId = "grant-" + staffId;
        Instant from = switch (window) {
            case "expired" -> NOW.minus(Duration.ofHours(2));
            case "future" -> NOW.plus(Duration.ofHours(1));
            default -> NOW.minus(Duration.ofHours(1));
        };
        Instant until = switch (window) {
            case "open" -> null;
            case "expired" -> NOW.minus(Duration.ofHours(1));
            default -> from.plus(Duration.ofHours(2));
        };
        String scopeTarget = switch (scope) {
            case ALL -> null;
            case CALL -> RecordedInstallation.CALL;
            case RECORDING -> installation.first.recordingId();
        };
        installation.grantStore.add(new Grant(grantId, staffId, purpose, scope, scopeTarget,
                caseReference.equals(NONE) ? null : caseReference, from, until, "manager-900",
                null));
        if (revoked) {
            installation.grantStore.revoke(grantId, NOW.minusSeconds(1));
        }
    }

    private static String recordingId(String target) {
        return switch (target) {
            case "first" -> installation.first.recordingId();
            case "second" -> installation.second.recordingId();
            case "child" -> installation.ofChild.recordingId();
            case "forged" -> "rec-00000000000000000000000000000000";
            default -> "../" + installation.first.objectKey();
        };
    }
}
