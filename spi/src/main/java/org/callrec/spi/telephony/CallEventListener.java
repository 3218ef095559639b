package org.callrec.spi.telephony;

import org.callrec.spi.call.CallEvent;

/** Receives neutral call events from an adapter, in the order the platform produced them. */
@FunctionalInterface
public interface CallEventListener {
    /**
     * Handles one event. Called on the adapter's reading thread; an exception thrown here stops
     * reading and reaches the adapter's caller.
     */
    void onEvent(CallEvent event);
}
