package org.callrec.core.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.callrec.core.vault.InMemoryCatalogue;
import org.callrec.core.vault.InMemoryStorageBackend;
import org.callrec.core.vault.LocalKeysetKeyProvider;
import org.callrec.core.vault.RecordingVault;
import org.callrec.spi.audit.AuditEntry;
import org.callrec.spi.audit.AuditSink;
import org.callrec.spi.call.Direction;
import org.callrec.spi.catalogue.CallParty;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.PartyRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Clause 4.4: subject access finds a person's recordings and exports them")
class SubjectAccessTest {
    private static final Instant NOW = Instant.parse("2025-01-31T23:30:00Z");
    private static final String NUMBER = "+442079460123";
    private static final String OTHER_NUMBER = "+442079460124";

    @TempDir
    Path temp;

    private final List<AuditEntry> trail = new ArrayList<>();
    private PersonalDataKeyset seal;
    private InMemoryCatalogue catalogue;
    private LocalKeysetKeyProvider keys;
    private RecordingVault vault;
    private SubjectAccess access;

    @BeforeEach
    void open() throws IOException {
        seal = PersonalDataKeyset.open(temp.resolve("pd"));
        catalogue = new InMemoryCatalogue(seal);
        keys = new LocalKeysetKeyProvider(temp.resolve("keys/keyset.bin"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        vault = new RecordingVault(new InMemoryStorageBackend(), keys, catalogue, clock);
        AuditSink audit = new AuditSink() {
            @Override
            public void append(AuditEntry entry) {
                trail.add(entry);
            }

            @Override
            public void close() {
            }
        };
        access = new SubjectAccess(catalogue, vault, seal, new SubjectNumbers("GB"), audit,
                clock, ZoneId.of("Europe/London"));
        store("call-1", NUMBER, "agent-202", new byte[] {1, 2, 3, 4});
        store("call-2", OTHER_NUMBER, "agent-202", new byte[] {5, 6, 7});
        store("call-3", NUMBER, "agent-201", new byte[] {8, 9});
    }

    @AfterEach
    void close() {
        keys.close();
    }

    private void store(String callId, String number, String staffId, byte[] audio)
            throws IOException {
        catalogue.saveCall(new CallRecord(callId, Direction.INBOUND, Set.of("reception"),
                List.of(new CallParty(PartyRole.EXTERNAL, "PJSIP/trunk-" + number, number, null),
                        new CallParty(PartyRole.STAFF, "202", null, staffId)),
                List.of(), Set.of(), "legitimate-interests", "1.0", NOW.minusSeconds(600),
                NOW.minusSeconds(300), List.of(), List.of(), List.of()));
        vault.store(callId, "s1", NOW.minusSeconds(590), NOW.minusSeconds(310),
                new ByteArrayInputStream(audio));
    }

    @ParameterizedTest(name = "finds the number written as {0}")
    @ValueSource(strings = {"+44 20 7946 0123", "020 7946 0123", "(020) 7946 0123",
        "0044 20 7946 0123", "020-7946-0123"})
    void findsANumberWrittenInAnyCommonFormAndNothingOfAnotherNumber(String written) {
        List<SubjectRecording> found = access.find(SubjectQuery.byNumber(written));

        assertEquals(Set.of("call-1", "call-3"), Set.copyOf(found.stream()
                .map(r -> r.recording().callId()).toList()));
        assertTrue(found.stream().allMatch(r -> r.role().equals("caller")));
    }

    @Test
    void findsTheRecordingsOfAStaffMember() {
        List<SubjectRecording> found = access.find(SubjectQuery.byStaff("agent-201"));

        assertEquals(List.of("call-3"), found.stream().map(r -> r.recording().callId())
                .toList());
        assertEquals("staff", found.get(0).role());
    }

    @Test
    void findsCallsByAReferenceTheHousingSystemAttached() {
        catalogue.addReference("call-2", "TEN-0042");

        List<SubjectRecording> found = access.find(SubjectQuery.byReference("TEN-0042"));

        assertEquals(List.of("call-2"), found.stream().map(r -> r.recording().callId())
                .toList());
    }

    @Test
    void refusesTextThatIsNotAPhoneNumberWithoutRepeatingIt() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> access.find(SubjectQuery.byNumber("not-a-number-xyz")));

        assertTrue(error.getMessage().contains("not a possible phone number"));
        assertFalse(error.getMessage().contains("xyz"));
    }

    @Test
    void exportsAudioWhoseHashesMatchTheManifestWithOtherNumbersMasked()
            throws IOException, NoSuchAlgorithmException {
        Path out = temp.resolve("sar");

        SubjectExport export = access.export(SubjectQuery.byNumber("020 7946 0123"),
                "manager-210", out);

        JsonNode manifest = new ObjectMapper().readTree(export.manifest().toFile());
        assertEquals(2, manifest.get("recordings").size());
        for (JsonNode item : manifest.get("recordings")) {
            byte[] file = Files.readAllBytes(out.resolve(item.get("file").asText()));
            String sha = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(file));
            assertEquals(item.get("sha256").asText(), sha);
            assertEquals("legitimate-interests", item.get("lawful-basis").asText());
            assertEquals("1.0", item.get("policy-version").asText());
            assertEquals("caller", item.get("role").asText());
            assertFalse(item.get("other-parties").toString().contains("202"),
                    item.get("other-parties").toString());
        }
        assertFalse(Files.readString(export.manifest()).contains("7946"));
    }

    @Test
    void statesAResponseDeadlineOfOneCalendarMonthInThePolicysTimeZone() throws IOException {
        SubjectExport export = access.export(SubjectQuery.byStaff("agent-202"), "manager-210",
                temp.resolve("sar"));

        // 23:30 UTC on 31 January is 31 January in London; a month on is 28 February.
        assertEquals(LocalDate.of(2025, 2, 28), export.responseDeadline());
    }

    @Test
    void auditsTheExportWithoutTheNumber() throws IOException {
        access.export(SubjectQuery.byNumber(NUMBER), "manager-210", temp.resolve("sar"));

        assertEquals(List.of(AuditEntry.ACTION_SUBJECT_ACCESS_EXPORT, AuditEntry.ACTION_EXPORT,
                AuditEntry.ACTION_EXPORT), trail.stream().map(AuditEntry::action).toList());
        assertFalse(trail.toString().contains("7946"), trail.toString());
        assertEquals("number", trail.get(0).details().get("by"));
        assertEquals("2", trail.get(0).details().get("recordings"));
        assertEquals("subject-access", trail.get(1).details().get("purpose"));
    }

    /** Found by the kill harness (CrashSafetyTest): a killed export left files cut short. */
    @Test
    void exportAgainIntoTheFolderOfAStoppedExportStartsAfreshAndCompletes() throws IOException {
        Path out = Files.createDirectories(temp.resolve("sar"));
        Files.write(out.resolve("rec-old.audio"), new byte[] {1});
        Files.write(out.resolve("rec-cut.audio" + SubjectAccess.PARTIAL), new byte[] {2});
        boolean unfinished = SubjectAccess.isUnfinishedExport(out);

        SubjectExport export = access.export(SubjectQuery.byNumber(NUMBER), "manager-210", out);

        assertTrue(unfinished);
        assertEquals(2, export.recordings());
        assertTrue(Files.exists(out.resolve(SubjectAccess.MANIFEST)));
        try (var files = Files.list(out)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(3, names.size(), names.toString());
            assertFalse(names.contains("rec-old.audio"), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.endsWith(SubjectAccess.PARTIAL)),
                    names.toString());
        }
    }

    @Test
    void aCompletedExportIsNotTakenForAStoppedOneSoItIsNeverOverwritten() throws IOException {
        Path out = temp.resolve("sar");
        access.export(SubjectQuery.byNumber(NUMBER), "manager-210", out);
        trail.clear();

        boolean unfinished = SubjectAccess.isUnfinishedExport(out);

        assertFalse(unfinished);
        assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> access.export(SubjectQuery.byNumber(NUMBER), "manager-210", out));
        assertEquals(List.of(), trail);
    }

    @Test
    void neverEmptiesAFolderHoldingTheUsersOwnFilesBesideAStoppedExport() throws IOException {
        Path out = Files.createDirectories(temp.resolve("sar"));
        Files.write(out.resolve("rec-cut.audio" + SubjectAccess.PARTIAL), new byte[] {2});
        Files.writeString(out.resolve("notes.txt"), "mine");

        java.nio.file.FileAlreadyExistsException error = assertThrows(
                java.nio.file.FileAlreadyExistsException.class,
                () -> access.export(SubjectQuery.byStaff("agent-202"), "manager-210", out));

        assertTrue(error.getMessage().contains("new or empty folder"), error.getMessage());
        assertTrue(error.getMessage().contains(out.toString()), error.getMessage());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertTrue(Files.exists(out.resolve("rec-cut.audio" + SubjectAccess.PARTIAL)));
    }

    @Test
    void refusesAFolderThatIsNotEmpty() throws IOException {
        Path out = Files.createDirectories(temp.resolve("sar"));
        Files.writeString(out.resolve("other.txt"), "x");

        assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> access.export(SubjectQuery.byStaff("agent-202"), "manager-210", out));

        assertEquals(List.of(), trail);
    }

    @Test
    void sealsNumbersSoThatTheSealedTextRevealsNothingAndOpensOnlyForItsCall() {
        String sealed = seal.seal(NUMBER, "call-1");

        assertFalse(sealed.contains("7946"));
        assertEquals(NUMBER, seal.open(sealed, "call-1"));
        assertThrows(IllegalStateException.class, () -> seal.open(sealed, "call-2"));
        assertEquals(seal.blindIndex(NUMBER), seal.blindIndex(NUMBER));
        assertFalse(seal.blindIndex(NUMBER).equals(seal.blindIndex(OTHER_NUMBER)));
    }

}
