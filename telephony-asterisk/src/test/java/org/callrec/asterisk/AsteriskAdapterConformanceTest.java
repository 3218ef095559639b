package org.callrec.asterisk;

import java.io.InputStream;
import org.callrec.spi.telephony.TelephonyAdapter;
import org.callrec.testkit.adapter.AdapterConformanceKit;
import org.callrec.testkit.adapter.AdapterScenario;

/**
 * The Asterisk adapter against the adapter conformance kit. Transfers are played from the real
 * captures (cacofonisk, Asterisk 12+); what the captures lack (a failed transfer, hold, a
 * conference, consent signals, a recorder crash) is played from short AMI scripts written by
 * hand from the Asterisk AMI documentation, not captured, and kept apart under
 * {@code written-from-docs/} so that nobody mistakes them for real data.
 */
class AsteriskAdapterConformanceTest extends AdapterConformanceKit {
    @Override
    protected TelephonyAdapter adapter() {
        return Replays.adapter();
    }

    @Override
    protected InputStream input(AdapterScenario scenario) {
        // A switch expression over the enum: a scenario added to the kit fails the build here
        // until it is given an input.
        String path = switch (scenario) {
            case BLIND_TRANSFER_TO_HR, BLIND_TRANSFER_TO_REPAIRS ->
                    "realdata/ami/raw/xfer_blind_abbcac.ami";
            case ATTENDED_TRANSFER_TO_HR, ATTENDED_TRANSFER_TO_REPAIRS ->
                    "realdata/ami/raw/xfer_attended_abbcac.ami";
            case FAILED_TRANSFER_RETURNS_TO_FIRST_AGENT -> "written-from-docs/failed-transfer.ami";
            case HOLD -> "written-from-docs/hold.ami";
            case CONFERENCE_WITH_HR -> "written-from-docs/conference.ami";
            case CONSENT_THEN_TRANSFER -> "written-from-docs/consent-then-transfer.ami";
            case RECORDER_CRASH -> "written-from-docs/recorder-crash.ami";
        };
        return Replays.resource(path);
    }
}
