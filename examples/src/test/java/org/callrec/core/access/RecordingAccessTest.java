package org.callrec.core.access;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.callrec.catalogue.jdbc.JdbcGrantStoreProvider;
import org.callrec.core.audit.AuditTrailVerifier;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PurposeUse;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.access.Grant;
import org.callrec.spi.access.GrantScope;
import org.callrec.spi.access.GrantStore;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.catalogue.DisposalReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordingAccessTest {
    private static final String MANAGER = "manager-210";
    private static final String CASE = "CMP-2026-0042";

    @TempDir
    Path folder;

    private RecordedInstallation installation;
    private Policy policy;
    private Grants grants;
    private RecordingAccess access;

    @BeforeEach
    void openTheInstallation() throws IOException {
        installation = new RecordedInstallation(folder);
        policy = installation.shippedPolicy;
        grants = installation.grants(policy);
        access = installation.access(policy, grants);
    }

    @AfterEach
    void close() throws IOException {
        installation.close();
    }

    @Nested
    @DisplayName("Clause 4.2: an authorised role and a grant")
    class RoleAndGrant {
        @Test
        void managerWithAGrantForTheCaseHearsTheExactRecording() throws Exception {
            grants.issue("manager-900", MANAGER, "complaint", GrantScope.RECORDING,
                    installation.first.recordingId(), CASE, null);

            byte[] heard = readAll(AccessRequest.play(MANAGER, "complaint", CASE,
                    installation.first.recordingId()));

            assertArrayEquals(installation.audio, heard);
        }

        @Test
        void refusesAManagerWithoutAGrant() {
            AccessRefusedException refused = refuse(AccessRequest.play(MANAGER, "training",
                    null, installation.first.recordingId()));

            assertEquals(RefusalRule.NO_GRANT, refused.rule());
            assertTrue(refused.getMessage().contains("no-grant"), refused.getMessage());
            assertTrue(refused.getMessage().contains("clause 4.2"), refused.getMessage());
            assertTrue(refused.getMessage().contains(MANAGER), refused.getMessage());
        }

        @Test
        void refusesAnAgentWithoutTheRoleEvenWithAGrant() throws Exception {
            grants.issue("manager-900", "agent-202", "training", GrantScope.ALL, null, null,
                    null);

            AccessRefusedException refused = refuse(AccessRequest.play("agent-202", "training",
                    null, installation.first.recordingId()));

            assertEquals(RefusalRule.ROLE_NOT_AUTHORISED, refused.rule());
            assertTrue(refused.getMessage().contains("[manager]"), refused.getMessage());
        }

        @Test
        void refusesSomeoneNotInTheDirectory() {
            AccessRefusedException refused = refuse(AccessRequest.play("visitor-1", "training",
                    null, installation.first.recordingId()));

            assertEquals(RefusalRule.NOT_STAFF, refused.rule());
            assertTrue(refused.getMessage().contains("visitor-1"), refused.getMessage());
        }

        @Test
        void refusesAnExtensionGivenInPlaceOfAStaffId() throws Exception {
            grants.issue("manager-900", MANAGER, "training", GrantScope.ALL, null, null, null);

            AccessRefusedException refused = refuse(AccessRequest.play("210", "training", null,
                    installation.first.recordingId()));

            assertEquals(RefusalRule.NOT_STAFF, refused.rule());
        }

        @Test
        void aGrantForOneRecordingDoesNotOpenAnother() throws Exception {
            grants.issue("manager-900", MANAGER, "training", GrantScope.RECORDING,
                    installation.first.recordingId(), null, null);

            AccessRefusedException refused = refuse(AccessRequest.play(MANAGER, "training",
                    null, installation.second.recordingId()));

            assertEquals(RefusalRule.NO_GRANT, refused.rule());
        }

        @Test
        void aGrantForACallOpensEachOfItsRecordingsAndNoOther() throws Exception {
            grants.issue("manager-900", MANAGER, "training", GrantScope.CALL,
                    RecordedInstallation.CALL, null, null);

            byte[] second = readAll(AccessRequest.play(MANAGER, "training", null,
                    installation.second.recordingId()));
            AccessRefusedException refused = refuse(AccessRequest.play(MANAGER, "training",
                    null, installation.ofChild.recordingId()));

            assertArrayEquals(installation.audio, second);
            assertEquals(RefusalRule.NO_GRANT, refused.rule());
        }

        @Test
        void aGrantForOneCaseDoesNotCoverAnother() throws Exception {
            grants.issue("manager-900", MANAGER, "complaint", GrantScope.ALL, null, CASE, null);

            AccessRefusedException refused = refuse(AccessRequest.play(MANAGER, "complaint",
                    "CMP-2026-0099", installation.first.recordingId()));

            assertEquals(RefusalRule.NO_GRANT, refused.rule());
        }

        @Test
        void theRoleAloneSufficesWhenThePolicySaysSo() throws Exception {
            RecordingAccess roleOnly = installation.access(
                    installation.policyWith(false, Set.of()));

            try (InputStream in = roleOnly.open(AccessRequest.play(MANAGER, "training", null,
                    installation.first.recordingId()))) {
                assertArrayEquals(installation.audio, in.readAllBytes());
            }
            assertEquals("role-suffices", grantedEntry().details().get("grant"));
        }
    }

    @Nested
    @DisplayName("Clause 4.2: grants are time-boxed and revocable")
    class TimeBoxedAndRevocable {
        @Test
        void aRevokedGrantReadsNothingEvenAfterItWasCached() throws Exception {
            Grant grant = grants.issue("manager-900", MANAGER, "training", GrantScope.ALL, null,
                    null, null);
            readAll(AccessRequest.play(MANAGER, "training", null,
                    installation.first.recordingId()));

            grants.revoke("manager-900", grant.grantId());
            long storageBytes = installation.storage.bytesRead();
            AccessRefusedException refused = refuse(AccessRequest.play(MANAGER, "training",
                    null, installation.first.recordingId()));

            assertEquals(RefusalRule.NO_GRANT, refused.rule());
            assertEquals(storageBytes, installation.storage.bytesRead());
        }

        @Test
        void aGrantRevokedBehindTheCacheReadsNothing() throws Exception {
            Grant grant = grants.issue("manager-900", MANAGER, "training", GrantScope.ALL, null,
                    null, null);
            readAll(AccessRequest.play(MANAGER, "training", null,
                    installation.first.recordingId()));

            installation.grantStore.revoke(grant.grantId(), installation.clock.instant());
            AccessRefusedException refused = refuse(AccessRequest.play(MANAGER, "training",
                    null, installation.first.recordingId()));

            assertEquals(RefusalRule.NO_GRANT, refused.rule());
        }

        @Test
        void anExpiredGrantReadsNothing() throws Exception {
            grants.issue("manager-900", MANAGER, "training", GrantScope.ALL, null, null,
                    installation.clock.instant().plus(Duration.ofHours(1)));
            readAll(AccessRequest.play(MANAGER, "training", null,
                    installation.first.recordingId()));

            installation.clock.advance(Duration.ofHours(1));
            AccessRefusedException refused = refuse(AccessRequest.play(MANAGER, "training",
                    null, installation.first.recordingId()));

            assertEquals(RefusalRule.NO_GRANT, refused.rule());
        }

        @Test
        void aGrantIssuedForAPurposeThatNeedsACaseMustNameOne() {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> grants.issue("manager-900", MANAGER, "complaint", GrantScope.ALL,
                            null, null, null));

            assertTrue(refused.getMessage().contains("complaint"), refused.getMessage());
            assertTrue(refused.getMessage().contains("case reference"), refused.getMessage());
        }

        @Test
        void noGrantIsIssuedForAPurposeThatUsesFiguresOnly() {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> grants.issue("manager-900", MANAGER, "demand-analysis",
                            GrantScope.ALL, null, null, null));

            assertTrue(refused.getMessage().contains("demand-analysis"), refused.getMessage());
            assertTrue(refused.getMessage().contains("5.3"), refused.getMessage());
        }
    }

    @Nested
    @DisplayName("Clauses 1, 3.1 and 5.3: purposes")
    class Purposes {
        @Test
        void demandAnalysisNeverReadsAudio() throws Exception {
            grants.issue("manager-900", MANAGER, "training", GrantScope.ALL, null, null, null);

            AccessRefusedException refused = refuse(AccessRequest.play(MANAGER,
                    "demand-analysis", null, installation.first.recordingId()));

            assertEquals(RefusalRule.PURPOSE_USES_NO_AUDIO, refused.rule());
            assertTrue(refused.getMessage().contains("demand-analysis"), refused.getMessage());
        }

        @Test
        void refusesAPurposeThePolicyDoesNotList() {
            AccessRefusedException refused = refuse(AccessRequest.play(MANAGER, "marketing",
                    null, installation.first.recordingId()));

            assertEquals(RefusalRule.UNKNOWN_PURPOSE, refused.rule());
            assertTrue(refused.getMessage().contains("marketing"), refused.getMessage());
        }

        @Test
        void aGrantForTrainingDoesNotCoverAComplaint() throws Exception {
            grants.issue("manager-900", MANAGER, "training", GrantScope.ALL, null, null, null);

            AccessRefusedException refused = refuse(AccessRequest.play(MANAGER, "complaint",
                    CASE, installation.first.recordingId()));

            assertEquals(RefusalRule.NO_GRANT, refused.rule());
        }

        @Test
        void refusesAComplaintWithoutACaseReference() {
            AccessRefusedException refused = refuse(AccessRequest.play(MANAGER, "complaint",
                    null, installation.first.recordingId()));

            assertEquals(RefusalRule.CASE_REFERENCE_REQUIRED, refused.rule());
            assertTrue(refused.getMessage().contains("complaint"), refused.getMessage());
        }
    }

    @Nested
    @DisplayName("Clause 5.1: calls involving a child")
    class Child {
        @Test
        void aStricterChildRuleRefusesAManagerWithoutTheChildRole() throws Exception {
            RecordingAccess strict = installation.access(
                    installation.policyWith(false, Set.of("safeguarding-lead")));

            AccessRefusedException refused = assertThrows(AccessRefusedException.class,
                    () -> strict.open(AccessRequest.play(MANAGER, "training", null,
                            installation.ofChild.recordingId())));

            assertEquals(RefusalRule.CHILD_ROLE_REQUIRED, refused.rule());
            assertTrue(refused.getMessage().contains("safeguarding-lead"), refused.getMessage());
        }

        @Test
        void theChildRuleLeavesOtherCallsToTheManager() throws Exception {
            RecordingAccess strict = installation.access(
                    installation.policyWith(false, Set.of("safeguarding-lead")));

            try (InputStream in = strict.open(AccessRequest.play(MANAGER, "training", null,
                    installation.first.recordingId()))) {
                assertArrayEquals(installation.audio, in.readAllBytes());
            }
        }

        @Test
        void aManagerWithTheChildRoleHearsAChildCall() throws Exception {
            installation.addStaff("manager-230", "manager", "safeguarding-lead");
            RecordingAccess strict = installation.access(
                    installation.policyWith(false, Set.of("safeguarding-lead")));

            try (InputStream in = strict.open(AccessRequest.play("manager-230", "training",
                    null, installation.ofChild.recordingId()))) {
                assertArrayEquals(installation.audio, in.readAllBytes());
            }
        }
    }

    @Nested
    @DisplayName("Hostile identifiers")
    class HostileIdentifiers {
        @ParameterizedTest
        @ValueSource(strings = {"../../keys/keyset.bin", "/etc/passwd",
            "recordings/2026/03/02/rec-0", "rec-../../../catalogue", "REC-0123",
            "rec-0123456789abcdef0123456789abcdeg", "rec-0123456789abcdef0123456789abcdef\n"})
        void aPathOrMalformedIdReadsNothing(String recordingId) throws Exception {
            grants.issue("manager-900", MANAGER, "training", GrantScope.ALL, null, null, null);

            AccessRefusedException refused = refuse(AccessRequest.download(MANAGER, "training",
                    null, recordingId));

            assertEquals(RefusalRule.MALFORMED_REQUEST, refused.rule());
            assertEquals(0, installation.storage.bytesRead());
            AuditEntry entry = installation.audit.last().entry();
            assertEquals(AuditEntry.ACTION_ACCESS_REFUSED, entry.action());
            assertNull(entry.recordingId());
        }

        @Test
        void aForgedRecordingIdReadsNothing() throws Exception {
            grants.issue("manager-900", MANAGER, "training", GrantScope.ALL, null, null, null);

            AccessRefusedException refused = refuse(AccessRequest.play(MANAGER, "training",
                    null, "rec-0123456789abcdef0123456789abcdef"));

            assertEquals(RefusalRule.UNKNOWN_RECORDING, refused.rule());
            assertTrue(refused.getMessage().contains("rec-0123456789abcdef0123456789abcdef"));
            assertEquals(0, installation.storage.bytesRead());
        }

        @ParameterizedTest
        @ValueSource(strings = {"../manager-210", "manager 210", "+447700900101"})
        void aMalformedStaffIdIsRefusedAndKeptOutOfTheTrail(String staffId) {
            AccessRefusedException refused = refuse(AccessRequest.play(staffId, "training",
                    null, installation.first.recordingId()));

            assertEquals(RefusalRule.MALFORMED_REQUEST, refused.rule());
            assertEquals("malformed", installation.audit.last().entry().actor());
        }
    }

    @Nested
    @DisplayName("The audit trail comes first")
    class AuditFirst {
        @Test
        void theGrantedEntryNamesWhoPurposeCaseRecordingAndMode() throws Exception {
            Grant grant = grants.issue("manager-900", MANAGER, "complaint", GrantScope.ALL, null,
                    CASE, null);

            readAll(AccessRequest.download(MANAGER, "complaint", CASE,
                    installation.first.recordingId()));

            AuditEntry entry = grantedEntry();
            assertEquals(MANAGER, entry.actor());
            assertEquals(installation.first.recordingId(), entry.recordingId());
            assertEquals(Map.of("purpose", "complaint", "use", "investigation", "case", CASE,
                    "mode", "download", "call", RecordedInstallation.CALL,
                    "grant", grant.grantId(), "clause", "4.2"), entry.details());
        }

        @Test
        void theGrantedEntryIsDurableBeforeAnyByteIsRead() throws Exception {
            grants.issue("manager-900", MANAGER, "training", GrantScope.ALL, null, null, null);

            readAll(AccessRequest.play(MANAGER, "training", null,
                    installation.first.recordingId()));

            ObservedAudit.Appended granted = installation.audit.appended().stream()
                    .filter(a -> a.entry().action().equals(AuditEntry.ACTION_ACCESS_GRANTED))
                    .findFirst().orElseThrow();
            assertEquals(0, granted.storageBytesReadWhenDurable());
            assertTrue(installation.storage.bytesRead() > 0);
        }

        @Test
        void anUnwritableTrailRefusesAccess() throws Exception {
            grants.issue("manager-900", MANAGER, "training", GrantScope.ALL, null, null, null);
            installation.audit.failFromNowOn();

            AccessRefusedException refused = refuse(AccessRequest.play(MANAGER, "training",
                    null, installation.first.recordingId()));

            assertEquals(RefusalRule.AUDIT_UNAVAILABLE, refused.rule());
            assertTrue(refused.getMessage().contains("audit trail"), refused.getMessage());
            assertEquals(0, installation.storage.bytesRead());
        }

        @Test
        void aClosedTrailFileRefusesAccess() throws Exception {
            grants.issue("manager-900", MANAGER, "training", GrantScope.ALL, null, null, null);
            installation.trail.close();

            AccessRefusedException refused = refuse(AccessRequest.play(MANAGER, "training",
                    null, installation.first.recordingId()));

            assertEquals(RefusalRule.AUDIT_UNAVAILABLE, refused.rule());
            assertEquals(0, installation.storage.bytesRead());
        }

        @Test
        void refusalsAreWrittenToTheTrailWithTheRule() throws Exception {
            refuse(AccessRequest.play("agent-202", "training", null,
                    installation.first.recordingId()));

            AuditEntry entry = installation.audit.last().entry();
            assertEquals(AuditEntry.ACTION_ACCESS_REFUSED, entry.action());
            assertEquals("agent-202", entry.actor());
            assertEquals("role-not-authorised", entry.details().get("rule"));
            assertEquals("play", entry.details().get("mode"));
        }

        @Test
        void theTrailVerifiesAfterGrantsAccessesAndRefusals() throws Exception {
            Grant grant = grants.issue("manager-900", MANAGER, "training", GrantScope.ALL, null,
                    null, null);
            readAll(AccessRequest.play(MANAGER, "training", null,
                    installation.first.recordingId()));
            grants.revoke("manager-900", grant.grantId());
            refuse(AccessRequest.play(MANAGER, "training", null,
                    installation.first.recordingId()));

            var verification = AuditTrailVerifier.verify(installation.trail.file());

            assertTrue(verification.isIntact(), verification.describe());
            assertEquals(4, verification.entries());
            String text = Files.readString(installation.trail.file());
            assertFalse(text.contains("RIFF"), "no audio in the trail");
        }
    }

    @Nested
    @DisplayName("Clause 4.2: the decision alone, on a warm cache")
    class DecisionAlone {
        @Test
        void checkReturnsWhatTheAccessRestsOnAndWritesNothingToTheTrail() throws Exception {
            Grant grant = grants.issue("manager-900", MANAGER, "complaint", GrantScope.CALL,
                    RecordedInstallation.CALL, CASE, null);
            int entries = installation.audit.appended().size();

            Authorisation authorisation = access.check(AccessRequest.play(MANAGER, "complaint",
                    CASE, installation.first.recordingId()));

            assertEquals(new Authorisation(MANAGER, "complaint", PurposeUse.INVESTIGATION, CASE,
                    installation.first.recordingId(), RecordedInstallation.CALL,
                    grant.grantId()), authorisation);
            assertEquals(entries, installation.audit.appended().size());
        }

        @Test
        void aGrantRevokedThroughAnotherStoreOnTheSameDatabaseReadsNothing() throws Exception {
            Grant grant = grants.issue("manager-900", MANAGER, "training", GrantScope.ALL, null,
                    null, null);
            AccessRequest request = AccessRequest.play(MANAGER, "training", null,
                    installation.first.recordingId());
            access.check(request);

            try (GrantStore other = new JdbcGrantStoreProvider().create(ProviderConfig.of(
                    Map.of("directory", folder.resolve("catalogue").toString()),
                    installation.clock))) {
                other.revoke(grant.grantId(), installation.clock.instant());
            }
            AccessRefusedException refused = assertThrows(AccessRefusedException.class,
                    () -> access.check(request));

            assertEquals(RefusalRule.NO_GRANT, refused.rule());
        }

        @Test
        void aGrantRevokedBehindAStoreThatCannotTellItsRevisionReadsNothing() throws Exception {
            Grants withoutRevision = new Grants(policy,
                    new StoreWithoutRevision(installation.grantStore), installation.audit,
                    installation.clock);
            RecordingAccess readingAgain = installation.access(policy, withoutRevision);
            Grant grant = withoutRevision.issue("manager-900", MANAGER, "training",
                    GrantScope.ALL, null, null, null);
            AccessRequest request = AccessRequest.play(MANAGER, "training", null,
                    installation.first.recordingId());
            readingAgain.check(request);

            installation.grantStore.revoke(grant.grantId(), installation.clock.instant());
            AccessRefusedException refused = assertThrows(AccessRefusedException.class,
                    () -> readingAgain.check(request));

            assertEquals(RefusalRule.NO_GRANT, refused.rule());
        }

        @Test
        void aRecordingDisposedOfAfterItsCheckIsRefusedAsUnknownWhenOpened() throws Exception {
            grants.issue("manager-900", MANAGER, "training", GrantScope.ALL, null, null, null);
            String recordingId = installation.first.recordingId();
            AccessRequest request = AccessRequest.play(MANAGER, "training", null, recordingId);
            access.check(request);
            installation.catalogue.destroyWrappedKey(recordingId);
            installation.catalogue.recordDisposal(new DisposalReceipt(recordingId,
                    RecordedInstallation.CALL, null, installation.clock.instant(),
                    installation.first.ciphertextSha256(), true));
            long storageBytes = installation.storage.bytesRead();

            AccessRefusedException refused = refuse(request);

            assertEquals(RefusalRule.UNKNOWN_RECORDING, refused.rule());
            assertTrue(refused.getMessage().contains(recordingId), refused.getMessage());
            assertEquals(storageBytes, installation.storage.bytesRead());
            assertEquals(List.of(), installation.audit.appended().stream()
                    .map(ObservedAudit.Appended::entry)
                    .filter(e -> e.action().equals(AuditEntry.ACTION_ACCESS_GRANTED)).toList());
        }
    }

    /** A store that, like one other processes share, cannot tell its revision. */
    private static final class StoreWithoutRevision implements GrantStore {
        private final GrantStore store;

        StoreWithoutRevision(GrantStore store) {
            this.store = store;
        }

        @Override
        public void add(Grant grant) {
            store.add(grant);
        }

        @Override
        public Optional<Grant> find(String grantId) {
            return store.find(grantId);
        }

        @Override
        public List<Grant> grantsOf(String staffId) {
            return store.grantsOf(staffId);
        }

        @Override
        public List<Grant> grants() {
            return store.grants();
        }

        @Override
        public Optional<Grant> revoke(String grantId, Instant at) {
            return store.revoke(grantId, at);
        }

        @Override
        public void close() {
            // The installation closes the store it wraps.
        }
    }

    private byte[] readAll(AccessRequest request) throws Exception {
        try (InputStream in = access.open(request)) {
            return in.readAllBytes();
        }
    }

    private AccessRefusedException refuse(AccessRequest request) {
        return assertThrows(AccessRefusedException.class, () -> access.open(request));
    }

    private AuditEntry grantedEntry() {
        return installation.audit.appended().stream().map(ObservedAudit.Appended::entry)
                .filter(e -> e.action().equals(AuditEntry.ACTION_ACCESS_GRANTED))
                .reduce((a, b) -> b).orElseThrow();
    }
}
