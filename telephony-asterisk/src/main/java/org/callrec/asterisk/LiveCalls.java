package org.callrec.asterisk;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The channel that recording actions go to, for each call still open: the customer-side
 * channel (the trunk when the call has one, otherwise the caller's phone). Written by the
 * reading thread, read by whichever thread carries out commands; entries go when the call
 * ends. Bounded: a call beyond the limit is not entered, so commands for it say that no
 * channel is known.
 */
final class LiveCalls {
    private final ConcurrentMap<String, String> channels = new ConcurrentHashMap<>();
    private final int limit;

    LiveCalls(int limit) {
        this.limit = limit;
    }

    /**
     * Sets the channel of a call, or forgets it when {@code channel} is null.
     *
     * @return false when the call is new and the limit is reached, so nothing was stored
     */
    boolean put(String callId, String channel) {
        if (channel == null) {
            channels.remove(callId);
            return true;
        }
        if (!channels.containsKey(callId) && channels.size() >= limit) {
            return false;
        }
        channels.put(callId, channel);
        return true;
    }

    /** Returns the channel recording actions for the call go to, if the call is open. */
    Optional<String> channel(String callId) {
        return Optional.ofNullable(channels.get(callId));
    }

    void remove(String callId) {
        channels.remove(callId);
    }

    void clear() {
        channels.clear();
    }

    int size() {
        return channels.size();
    }
}
