package org.callrec.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.callrec.core.access.AccessRefusedException;
import org.callrec.core.access.AccessRequest;
import org.callrec.core.access.Authorisation;
import org.callrec.core.access.Grants;
import org.callrec.core.access.RecordingAccess;
import org.callrec.core.directory.FileStaffDirectory;
import org.callrec.core.policy.Policy;
import org.callrec.core.policy.PolicyLoader;
import org.callrec.core.policy.Purpose;
import org.callrec.core.policy.PurposeUse;
import org.callrec.examples.Workspace;
import org.callrec.spi.access.GrantScope;
import org.callrec.spi.audit.AuditWriteException;
import org.callrec.spi.catalogue.RecordingEntry;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The access check on a warm cache (clauses 4.2 and 5.3): {@link RecordingAccess#check}, the
 * decision {@code open} makes first, of whether manager-210 of the shipped staff directory may
 * play a recording for a complaint, with its case reference, under a grant for that call and
 * case. It is the real code path over the embedded defaults ({@code Workspace}: the H2 catalogue
 * and grant store, the file audit trail), after one check has warmed the caches; an allowed
 * check writes nothing and reads no audio. Every call checks the identifiers' form, finds the
 * purpose and its use under clause 5.3, the member and their role, the recording's call, and a
 * standing grant, and asks the grant store whether anything changed (its revision, no query).
 *
 * <p>Floor: a Caffeine {@code getIfPresent} hit on a cache with {@code expireAfterWrite}, the
 * kind of cache the check keeps. Peer: the same rule (the role, a purpose whose 5.3 use reads
 * audio, a grant for this member, call, purpose and case) as a jCasbin model and policy, enforced
 * by jCasbin's {@link Enforcer} (not its cached enforcer, whose cache would not see a
 * revocation); the peer is handed the call id rather than finding it. Target: within 3 times the
 * floor, and faster than the peer.
 *
 * <p>Run: {@code benchmarks/run.sh AccessBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class AccessBenchmark {
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final String MANAGER = "manager-210";
    private static final String PURPOSE = "complaint";
    private static final String CASE = "CMP-2026-0042";
    private static final String CALL = "1530608400.42";

    /** The jCasbin model of the rule: role, purpose's use under 5.3, and grant. */
    private static final String CASBIN_MODEL = String.join("\n",
            "[request_definition]",
            "r = sub, rec, call, purpose, case",
            "[policy_definition]",
            "p = sub, call, purpose, case",
            "[role_definition]",
            "g = _, _",
            "g2 = _, _",
            "[policy_effect]",
            "e = some(where (p.eft == allow))",
            "[matchers]",
            "m = g(r.sub, \"manager\") && (g2(r.purpose, \"training\")"
                    + " || g2(r.purpose, \"investigation\")) && r.sub == p.sub"
                    + " && r.call == p.call && r.purpose == p.purpose && r.case == p.case");

    private Path folder;
    private Workspace workspace;
    private RecordingAccess access;
    private AccessRequest request;
    private Cache<String, Object> floor;
    private Enforcer peer;
    private String recordingId;

    /**
     * Opens an installation with one recording and a grant for its call, warms the check, and
     * builds the floor's cache and the peer's enforcer with the same facts.
     *
     * @throws IOException when the installation cannot be opened or the recording stored
     * @throws AuditWriteException when the grant cannot be recorded
     * @throws AccessRefusedException never: the warming check is allowed
     */
    @Setup(Level.Trial)
    public void open() throws IOException, AuditWriteException, AccessRefusedException {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        folder = Files.createTempDirectory("callrec-access-bench");
        workspace = Workspace.open(folder, clock);
        Policy policy = new PolicyLoader(clock).load(DecisionBenchmark.resource("policy.yaml"),
                "policy.yaml");
        FileStaffDirectory staff = FileStaffDirectory.load(
                DecisionBenchmark.resource("directory-repairs.yaml"), "directory-repairs.yaml");
        RecordingEntry recording = workspace.vault().store(CALL, "1", NOW.minusSeconds(600),
                NOW.minusSeconds(300), new ByteArrayInputStream(new byte[4096]));
        recordingId = recording.recordingId();
        Grants grants = new Grants(policy, workspace.grants(), workspace.audit(), clock);
        grants.issue("manager-900", MANAGER, PURPOSE, GrantScope.CALL, CALL, CASE, null);
        access = new RecordingAccess(policy, staff, workspace.catalogue(), workspace.vault(),
                grants, workspace.audit(), clock);
        request = AccessRequest.play(MANAGER, PURPOSE, CASE, recordingId);
        access.check(request);

        floor = Caffeine.newBuilder().maximumSize(Grants.DEFAULT_MAXIMUM_SIZE)
                .expireAfterWrite(Grants.DEFAULT_EXPIRY).build();
        floor.put(MANAGER, List.of(recordingId));
        peer = casbinEnforcer(policy);
    }

    /**
     * Closes the installation and removes everything it wrote.
     *
     * @throws IOException when a file cannot be removed
     */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        workspace.close();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * Decides the access, as {@code open} does before it records it.
     *
     * @return what the access rests on
     * @throws AccessRefusedException never: the access is allowed
     */
    @Benchmark
    public Authorisation check() throws AccessRefusedException {
        return access.check(request);
    }

    /**
     * Floor: a hit in a Caffeine cache with expiry.
     *
     * @return the cached value
     */
    @Benchmark
    public Object floorCacheHit() {
        return floor.getIfPresent(MANAGER);
    }

    /**
     * Peer: the same rule enforced by jCasbin.
     *
     * @return whether jCasbin allows the access; always true here
     */
    @Benchmark
    public boolean peerCasbin() {
        return peer.enforce(MANAGER, recordingId, CALL, PURPOSE, CASE);
    }

    /** Returns jCasbin's enforcer of the rule, with the same role, purposes and grant. */
    private static Enforcer casbinEnforcer(Policy policy) {
        Enforcer enforcer = new Enforcer(Model.newModelFromString(CASBIN_MODEL));
        enforcer.enableLog(false);
        enforcer.addGroupingPolicy(MANAGER, "manager");
        for (Purpose purpose : policy.purposes()) {
            enforcer.addNamedGroupingPolicy("g2", purpose.id(), useOf(purpose.use()));
        }
        enforcer.addPolicy(MANAGER, CALL, PURPOSE, CASE);
        if (!enforcer.enforce(MANAGER, "rec-any", CALL, PURPOSE, CASE)
                || enforcer.enforce(MANAGER, "rec-any", CALL, "training", CASE)) {
            throw new IllegalStateException("the jCasbin model does not state the rule");
        }
        return enforcer;
    }

    /** Returns the name of a purpose's use in the peer's model. */
    private static String useOf(PurposeUse use) {
        return switch (use) {
            case TRAINING -> "training";
            case INVESTIGATION -> "investigation";
            default -> "no-audio";
        };
    }
}
