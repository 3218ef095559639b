package org.callrec.core.policy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.callrec.core.policy.internal.YamlSection;
import org.callrec.spi.call.Direction;

/**
 * Binds the sections of a policy file to the model records, one key at a time. Values that are
 * missing or of the wrong type are reported by the sections and bound as null, so that the
 * records still get built and their constraints can be checked for the rest of the file.
 */
final class PolicyBinder {

    private static final String DATE = "must be an ISO date, such as 2025-02-03";
    private static final String ZONE = "must be a time zone id, such as Europe/London";
    private static final String DURATION = "must be an ISO-8601 duration in days, hours, minutes"
            + " or seconds, such as P90D (months and years have no fixed length)";

    private PolicyBinder() {
    }

    static Policy policy(YamlSection root) {
        return new Policy(
                root.text("organisation"),
                root.text("version"),
                root.value("issued", LocalDate::parse, DATE),
                root.value("review-by", LocalDate::parse, DATE),
                root.value("time-zone", ZoneId::of, ZONE),
                root.section("lawful-basis").map(PolicyBinder::lawfulBasis).orElse(null),
                root.section("recordable-calls").map(PolicyBinder::recordableCalls).orElse(null),
                root.section("stop-recording").map(PolicyBinder::stopRecording).orElse(null),
                root.section("notice").map(PolicyBinder::notice).orElse(null),
                root.section("sensitive-information").map(PolicyBinder::sensitive).orElse(null),
                root.section("objection").map(PolicyBinder::objection).orElse(null),
                root.section("retention").map(PolicyBinder::retention).orElse(null),
                root.section("access").map(PolicyBinder::access).orElse(null),
                root.sections("purposes", true).stream().map(PolicyBinder::purpose).toList(),
                root.sections("statements", false).stream().map(PolicyBinder::statement).toList());
    }

    private static LawfulBasisRule lawfulBasis(YamlSection s) {
        return new LawfulBasisRule(s.text("clause"), s.text("basis"),
                s.flag("child-balancing-test"));
    }

    private static RecordableCallsRule recordableCalls(YamlSection s) {
        return new RecordableCallsRule(s.text("clause"), s.text("parties-clause"),
                set(s.texts("teams", true)),
                set(s.choices("directions", Direction.class)));
    }

    private static StopRecordingRule stopRecording(YamlSection s) {
        return new StopRecordingRule(s.text("clause"), set(s.texts("roles", true)),
                set(s.texts("teams", true)), s.flag("restart-when-they-leave"));
    }

    private static NoticeRule notice(YamlSection s) {
        return new NoticeRule(s.text("clause"), s.choice("mode", NoticeMode.class),
                s.optionalText("prompt"), set(s.texts("announcing-routes", true)),
                s.flag("attestation-on-outbound"));
    }

    private static SensitiveInformationRule sensitive(YamlSection s) {
        return new SensitiveInformationRule(s.text("clause"), s.flag("pause-until-consent"));
    }

    private static ObjectionRule objection(YamlSection s) {
        return new ObjectionRule(s.text("clause"), s.flag("keep-earlier-recording"));
    }

    private static RetentionRule retention(YamlSection s) {
        return new RetentionRule(s.text("clause"), s.value("period", Duration::parse, DURATION),
                s.choice("counts-from", RetentionStart.class));
    }

    private static AccessRule access(YamlSection s) {
        return new AccessRule(s.text("clause"), set(s.texts("roles", true)),
                s.flag("grant-required"), set(s.texts("child-roles", false)));
    }

    private static Purpose purpose(YamlSection s) {
        return new Purpose(s.text("id"), s.text("clause"), s.choice("use", PurposeUse.class),
                s.flag("case-reference-required"));
    }

    private static Statement statement(YamlSection s) {
        return new Statement(s.text("id"), s.text("clause"), s.text("text"),
                s.value("dated", LocalDate::parse, DATE),
                s.optionalValue("renew-by", LocalDate::parse, DATE));
    }

    /** Returns the values as a set; the sections already refused repeats, so none is lost. */
    private static <T> Set<T> set(List<T> values) {
        return Set.copyOf(values);
    }
}
