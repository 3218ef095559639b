package org.callrec.core.access;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.Purpose;
import org.callrec.core.policy.PurposeUse;
import org.callrec.spi.access.Grant;
import org.callrec.spi.access.GrantScope;
import org.callrec.spi.audit.AuditEntry;

/**
 * Clauses 4.2, 5.1 and 5.3 as properties, through {@link RecordingAccess#open} on real encrypted
 * recordings on disk: for any requester, role, purpose, case, recording, grant and access rule,
 * the access is allowed exactly when the policy allows it; an allowed one receives the exact
 * audio and its audit entry is durable before a byte of the recording is read; a refused one
 * receives nothing and reads nothing from storage.
 */
class RecordingAccessPropertyTest {
    private static final Instant NOW = RecordedInstallation.NOW;
    private static final String NONE = "";
    private static final AtomicInteger REQUESTERS = new AtomicInteger();

    private static Path folder;
    private static RecordedInstallation installation;

    @BeforeContainer
    static void openTheInstallation() throws IOException {
        folder = Files.createTempDirectory("callrec-access-properties");
        installation = new RecordedInstallation(folder);
    }

    @AfterContainer
    static void closeTheInstallation() throws IOException {
        installation.close();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Property(tries = 300)
    void onlyWhatThePolicyAllowsReceivesAByteAndItIsAuditedFirst(
            @ForAll boolean inDirectory,
            @ForAll boolean isManager,
            @ForAll boolean holdsChildRole,
            @ForAll("purposes") String purpose,
            @ForAll("cases") String caseReference,
            @ForAll("targets") String target,
            @ForAll boolean hasGrant,
            @ForAll boolean grantForThatPurpose,
            @ForAll("purposes") String otherGrantPurpose,
            @ForAll GrantScope grantScope,
            @ForAll("cases") String grantCase,
            @ForAll("windows") String grantWindow,
            @ForAll boolean grantRevoked,
            @ForAll boolean grantRequired,
            @ForAll boolean childRule,
            @ForAll boolean download) throws Exception {
        String requester = "staff-" + REQUESTERS.incrementAndGet();
        String grantPurpose = grantForThatPurpose ? purpose : otherGrantPurpose;
        List<String> roles = new ArrayList<>();
        if (isManager) {
            roles.add("manager");
        }
        if (holdsChildRole) {
            roles.add("safeguarding-lead");
        }
        if (inDirectory) {
            installation.addStaff(requester, roles.toArray(String[]::new));
        }
        if (hasGrant) {
            addGrant(requester, grantPurpose, grantScope, grantCase, grantWindow, grantRevoked);
        }
        Policy policy = installation.policyWith(grantRequired,
                childRule ? Set.of("safeguarding-lead") : Set.of());
        String recordingId = recordingId(target);
        AccessRequest request = new AccessRequest(requester, purpose,
                caseReference.equals(NONE) ? null : caseReference, recordingId,
                download ? AccessMode.DOWNLOAD : AccessMode.PLAY);
        boolean grantCovers = hasGrant && grantPurpose.equals(purpose)
                && (grantCase.equals(NONE) || grantCase.equals(caseReference))
                && (grantWindow.equals("current") || grantWindow.equals("open"))
                && !grantRevoked && scopeCovers(grantScope, target);
        boolean allowed = allowedByPolicy(policy, inDirectory && isManager, holdsChildRole,
                purpose, caseReference, target, grantCovers, grantRequired, childRule);
        long storageBefore = installation.storage.bytesRead();
        int entriesBefore = installation.audit.appended().size();

        RecordingAccess access = installation.access(policy);

        Statistics.label("allowed").collect(allowed);
        if (allowed) {
            byte[] heard;
            try (InputStream in = access.open(request)) {
                heard = in.readAllBytes();
            }
            assertArrayEquals(installation.audio, heard);
            ObservedAudit.Appended granted = installation.audit.appended().get(entriesBefore);
            assertEquals(AuditEntry.ACTION_ACCESS_GRANTED, granted.entry().action());
            assertEquals(requester, granted.entry().actor());
            assertEquals(recordingId, granted.entry().recordingId());
            assertEquals(purpose, granted.entry().details().get("purpose"));
            assertEquals(request.mode().word(), granted.entry().details().get("mode"));
            assertEquals(storageBefore, granted.storageBytesReadWhenDurable(),
                    "the audit entry is durable before the first byte is read");
        } else {
            assertThrows(AccessRefusedException.class, () -> access.open(request).close());
            assertEquals(storageBefore, installation.storage.bytesRead(),
                    "a refused access reads nothing of the recording");
            assertEquals(AuditEntry.ACTION_ACCESS_REFUSED,
                    installation.audit.last().entry().action());
        }
    }

    @Property(tries = 60)
    void everyAccessThePolicyAllowsReceivesTheWholeRecordingAuditedFirst(
            @ForAll boolean holdsChildRole,
            @ForAll("readingPurposes") String purpose,
            @ForAll("realTargets") String target,
            @ForAll boolean grantNamesTheCase,
            @ForAll boolean grantIsOpenEnded,
            @ForAll boolean grantRequired,
            @ForAll boolean childRule,
            @ForAll boolean download) throws Exception {
        String requester = "staff-" + REQUESTERS.incrementAndGet();
        if (childRule && target.equals("child")) {
            holdsChildRole = true;
        }
        installation.addStaff(requester, holdsChildRole
                ? new String[] {"manager", "safeguarding-lead"} : new String[] {"manager"});
        boolean needsCase = installation.shippedPolicy.purpose(purpose).orElseThrow()
                .caseReferenceRequired();
        String caseReference = needsCase ? "CASE-1" : NONE;
        GrantScope scope = target.equals("first") ? GrantScope.RECORDING
                : target.equals("second") ? GrantScope.CALL : GrantScope.ALL;
        addGrant(requester, purpose, scope, grantNamesTheCase ? caseReference : NONE,
                grantIsOpenEnded ? "open" : "current", false);
        Policy policy = installation.policyWith(grantRequired,
                childRule ? Set.of("safeguarding-lead") : Set.of());
        AccessRequest request = new AccessRequest(requester, purpose,
                needsCase ? caseReference : null, recordingId(target),
                download ? AccessMode.DOWNLOAD : AccessMode.PLAY);
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

    @Provide
    Arbitrary<String> purposes() {
        return Arbitraries.of("training", "spot-check", "complaint", "abuse-evidence",
                "demand-analysis", "subject-access", "marketing");
    }

    @Provide
    Arbitrary<String> readingPurposes() {
        return Arbitraries.of("training", "spot-check", "complaint", "abuse-evidence",
                "subject-access");
    }

    @Provide
    Arbitrary<String> realTargets() {
        return Arbitraries.of("first", "second", "child");
    }

    @Provide
    Arbitrary<String> cases() {
        return Arbitraries.of(NONE, "CASE-1", "CASE-2");
    }

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.of("first", "second", "child", "forged", "path");
    }

    @Provide
    Arbitrary<String> windows() {
        return Arbitraries.of("current", "open", "expired", "future");
    }
}
