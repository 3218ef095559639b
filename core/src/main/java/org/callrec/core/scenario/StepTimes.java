package org.callrec.core.scenario;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes relative step times: {@code +30s}, {@code +2m}, {@code +1h5m}. */
final class StepTimes {
    private static final Pattern OFFSET =
            Pattern.compile("\\+(?:(\\d{1,4})h)?(?:(\\d{1,5})m)?(?:(\\d{1,6})s)?");

    private StepTimes() {
    }

    /** Returns the offset written, or null when the text is not one. */
    static Duration parse(String text) {
        Matcher m = OFFSET.matcher(text);
        if (!m.matches() || text.length() == 1) {
            return null;
        }
        return Duration.ofHours(number(m.group(1))).plusMinutes(number(m.group(2)))
                .plusSeconds(number(m.group(3)));
    }

    /** Returns an offset as a step writes it. */
    static String show(Duration offset) {
        long seconds = offset.getSeconds();
        StringBuilder text = new StringBuilder("+");
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 != 0 || seconds == 0) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
