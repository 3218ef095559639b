package org.callrec.core.access;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.callrec.catalogue.jdbc.JdbcCatalogueProvider;
import org.callrec.catalogue.jdbc.JdbcGrantStoreProvider;
import org.callrec.core.audit.FileAuditSink;
import org.callrec.core.policy.AccessRule;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import org.callrec.core.subject.PersonalDataKeyset;
import org.callrec.core.vault.LocalKeysetKeyProvider;
import org.callrec.core.vault.RecordingVault;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.access.GrantStore;
import org.callrec.spi.call.Direction;
import org.callrec.spi.catalogue.CallRecord;
import org.callrec.spi.catalogue.Catalogue;
import org.callrec.spi.catalogue.RecordingEntry;
import org.callrec.spi.directory.StaffDirectory;
import org.callrec.spi.directory.StaffMember;
import org.callrec.storage.fs.FileSystemStorageBackend;

/**
 * A real installation under a folder, as the tool has it: encrypted recordings on disk
 * ({@code storage-fs}), the catalogue and grants in embedded H2 ({@code catalogue-jdbc}), a local
 * keyset, and a file audit trail, with observers on the storage and the trail. It holds three
 * recordings of the real demo audio: two of an ordinary call and one of a call involving a child.
 */
final class RecordedInstallation implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    static final Path SHIPPED_POLICY =
            Path.of("../examples/src/main/resources/callrec/policy.yaml");
    static final String CALL = "1530608400.42";
    static final String CHILD_CALL = "1530608500.7";

    final MovableClock clock = new MovableClock(NOW);
    final ObservedStorage storage;
    final Catalogue catalogue;
    final GrantStore grantStore;
    final LocalKeysetKeyProvider keys;
    final RecordingVault vault;
    final FileAuditSink trail;
    final ObservedAudit audit;
    final Policy shippedPolicy;
    final Map<String, StaffMember> staff = new ConcurrentHashMap<>();
    final byte[] audio;
    final RecordingEntry first;
    final RecordingEntry second;
    final RecordingEntry ofChild;

    RecordedInstallation(Path root) throws IOException {
        storage = new ObservedStorage(new FileSystemStorageBackend(root.resolve("recordings")));
        ProviderConfig database = ProviderConfig.of(
                Map.of("directory", root.resolve("catalogue").toString()), clock);
        catalogue = new JdbcCatalogueProvider().create(database,
                PersonalDataKeyset.open(root.resolve("keys").resolve("personal-data")));
        grantStore = new JdbcGrantStoreProvider().create(database);
        keys = new LocalKeysetKeyProvider(root.resolve("keys").resolve("keyset.bin"));
        vault = new RecordingVault(storage, keys, catalogue, clock);
        trail = new FileAuditSink(root.resolve("audit").resolve("audit.log"));
        audit = new ObservedAudit(trail, storage::bytesRead);
        shippedPolicy = new PolicyLoader(clock).load(SHIPPED_POLICY);
        audio = demoAudio();

        first = store(CALL, "1");
        second = store(CALL, "2");
        ofChild = store(CHILD_CALL, "1");
        catalogue.saveCall(call(CALL, Set.of()));
        catalogue.saveCall(call(CHILD_CALL, Set.of(RecordingAccess.CHILD_FLAG)));

        addStaff("manager-210", "manager");
        addStaff("agent-202");
    }

    /** Adds a member of staff with roles; the directory also answers to their extension. */
    void addStaff(String staffId, String... roles) {
        staff.put(staffId, new StaffMember(staffId, Set.of("resident-services"), Set.of(roles)));
    }

    /** The staff directory: by staff id, and (as real directories do) by extension. */
    StaffDirectory directory() {
        return address -> {
            StaffMember member = staff.get(address);
            if (member != null) {
                return Optional.of(member);
            }
            return staff.values().stream()
                    .filter(m -> m.staffId().endsWith("-" + address)).findFirst();
        };
    }

    /** Returns the grants of a policy over this installation's store. */
    Grants grants(Policy policy) {
        return new Grants(policy, grantStore, audit, clock);
    }

    /** Returns the access point of a policy over this installation. */
    RecordingAccess access(Policy policy) {
        return new RecordingAccess(policy, directory(), catalogue, vault, grants(policy), audit,
                clock);
    }

    /** Returns the access point of the shipped policy, with grants through the given ones. */
    RecordingAccess access(Policy policy, Grants grants) {
        return new RecordingAccess(policy, directory(), catalogue, vault, grants, audit, clock);
    }

    /** Returns the shipped policy with another access rule. */
    Policy policyWith(boolean grantRequired, Set<String> childRoles) {
        Policy p = shippedPolicy;
        AccessRule access = new AccessRule(p.access().clause(), p.access().roles(),
                grantRequired, childRoles);
        return new Policy(p.organisation(), p.version(), p.issued(), p.reviewBy(), p.timeZone(),
                p.lawfulBasis(), p.recordableCalls(), p.stopRecording(), p.notice(),
                p.sensitiveInformation(), p.objection(), p.retention(), access, p.purposes(),
                p.statements());
    }

    private RecordingEntry store(String callId, String span) throws IOException {
        return vault.store(callId, span, NOW.minusSeconds(600), NOW.minusSeconds(300),
                new ByteArrayInputStream(audio));
    }

    private static CallRecord call(String callId, Set<String> flags) {
        return new CallRecord(callId, Direction.INBOUND, Set.of("responsive-repairs"), List.of(),
                List.of(), flags, "legitimate-interests", "1.0", NOW.minusSeconds(700),
                NOW.minusSeconds(200), List.of(), List.of(), List.of());
    }

    private static byte[] demoAudio() {
        try (InputStream in = RecordedInstallation.class
                .getResourceAsStream("/callrec/demo/audio/demo-congrats.wav")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        audit.close();
        grantStore.close();
        catalogue.close();
        keys.close();
        storage.close();
    }
}
