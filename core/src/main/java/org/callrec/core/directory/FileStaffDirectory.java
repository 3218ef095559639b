package org.callrec.core.directory;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.callrec.core.policy.internal.YamlBinding;
import org.callrec.core.policy.internal.YamlDocument;
import org.callrec.core.policy.internal.YamlProblem;
import org.callrec.core.policy.internal.YamlSection;
import org.callrec.spi.directory.StaffDirectory;
import org.callrec.spi.directory.StaffMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A staff directory read once from a YAML file, for the examples, tests and small sites:
 *
 * <pre>{@code
 * staff:
 *   - id: alice
 *     teams: [resident-services]
 *     roles: [manager]
 *     addresses: ["150010001", "201"]
 * }</pre>
 *
 * <p>Each member has a non-blank {@code id}, and may list {@code teams}, {@code roles} and
 * {@code addresses}: the extensions, accounts or other platform identifiers that the telephony
 * adapter reports for that person. {@link #find} answers for an address or a staff id; anything
 * the file does not list is not staff, that is, outside the organisation (clause 4.1).
 *
 * <p>The file is refused, with every problem named at once, when a key is unknown, a value has
 * the wrong type, an id is blank or used twice, or one address (or id) would stand for two
 * people. Instances are immutable and safe for use from many threads. Addresses are never
 * logged.
 */
public final class FileStaffDirectory implements StaffDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(FileStaffDirectory.class);

    private final String source;
    private final String sha256;
    private final int size;
    private final Map<String, StaffMember> byAddressOrId;

    private FileStaffDirectory(String source, String sha256, List<StaffMember> staff,
            Map<String, StaffMember> byAddressOrId) {
        this.source = source;
        this.sha256 = sha256;
        this.size = staff.size();
        this.byAddressOrId = Map.copyOf(byAddressOrId);
    }

    /**
     * Reads a directory file.
     *
     * @param file the file; never null
     * @return the directory; never null
     * @throws DirectoryFileException listing every problem when the file cannot be used
     */
    public static FileStaffDirectory load(Path file) {
        return bind(YamlDocument.read(file));
    }

    /**
     * Reads a directory from a stream, which the caller closes.
     *
     * @param in the directory's bytes; never null
     * @param sourceName the name problems and logs give the stream, such as a file name
     * @return the directory; never null
     * @throws DirectoryFileException listing every problem when the content cannot be used
     */
    public static FileStaffDirectory load(InputStream in, String sourceName) {
        return bind(YamlDocument.read(in, sourceName));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The address must match an address or id in the file exactly: {@code 0207...} and
     * {@code +44207...} are different addresses here.
     */
    @Override
    public Optional<StaffMember> find(String address) {
        // Limitation: no number normalisation; an adapter that reports one number in two forms
        // needs both listed, or it must normalise before asking.
        Objects.requireNonNull(address, "address");
        return Optional.ofNullable(byAddressOrId.get(address));
    }

    /** Returns how many staff members the file lists. */
    public int size() {
        return size;
    }

    /** Returns the SHA-256 of the file's bytes in lower-case hex; never null. */
    public String sha256() {
        return sha256;
    }

    /** Names the source and the number of staff, never an address. */
    @Override
    public String toString() {
        return "FileStaffDirectory[" + source + ", " + size + " staff]";
    }

    private static FileStaffDirectory bind(YamlDocument document) {
        YamlBinding binding = new YamlBinding(document.problems());
        List<StaffMember> staff = new ArrayList<>();
        Map<String, StaffMember> index = new HashMap<>();
        document.root()
                .flatMap(binding::root)
                .ifPresent(root -> bindStaff(root, binding, staff, index));

        List<YamlProblem> problems = binding.finish();
        if (!problems.isEmpty()) {
            throw new DirectoryFileException(document.source(), problems.stream()
                    .map(p -> new DirectoryProblem(document.source(), p.path(), p.value(),
                            p.rule(), p.line()))
                    .toList());
        }

        LOG.info("staff directory loaded from {}: {} staff members (sha256 {})",
                document.source(), staff.size(), document.sha256());
        return new FileStaffDirectory(document.source(), document.sha256(), staff, index);
    }

    private static void bindStaff(YamlSection root, YamlBinding binding,
            List<StaffMember> staff, Map<String, StaffMember> index) {
        List<YamlSection> members = root.sections("staff", true);
        if (members.isEmpty() && !binding.hasProblemAt("staff")) {
            binding.report("staff", null, "must list at least one staff member");
        }

        // Where each id and address was first claimed, so that a second claim names both.
        Map<String, Claim> claims = new HashMap<>();
        for (YamlSection member : members) {
            String id = member.text("id");
            List<String> teams = member.texts("teams", false);
            List<String> roles = member.texts("roles", false);
            List<String> addresses = member.texts("addresses", false);
            if (id == null) {
                continue;
            }

            if (id.isBlank()) {
                binding.report(member.path("id"), id, "must not be blank");
                continue;
            }
            StaffMember person = new StaffMember(id, Set.copyOf(teams), Set.copyOf(roles));
            if (claim(id, id, member.path("id"), claims, binding)) {
                index.put(id, person);
            }
            for (String address : addresses) {
                String path = binding.itemPath(member.path("addresses"), address);
                if (claim(address, id, path, claims, binding)) {
                    index.put(address, person);
                }
            }
            staff.add(person);
        }
    }

    /**
     * Claims a key (an id or an address) for a staff member. A key someone else claimed first is
     * reported naming both ids, since {@code find} could only answer for one of them.
     */
    private static boolean claim(String key, String id, String path, Map<String, Claim> claims,
            YamlBinding binding) {
        Claim earlier = claims.putIfAbsent(key, new Claim(id, path));
        if (earlier == null || earlier.id().equals(id) && !path.endsWith(".id")) {
            return true;
        }

        String rule = path.endsWith(".id") && earlier.path().endsWith(".id")
                ? "must be unique; " + earlier.path() + " has it already"
                : "is claimed by staff member " + id + " and by staff member " + earlier.id()
                        + " (" + earlier.path() + "); an id or address must stand for one"
                        + " person only";
        // Limitation: the problem names the address as written, and an address may be a phone
        // number; DirectoryFileException's javadoc warns against logging the message.
        binding.report(path, key, rule);
        return false;
    }

    /** Who claimed an id or address first, and where the file says so. */
    private record Claim(String id, String path) {
    }
}
