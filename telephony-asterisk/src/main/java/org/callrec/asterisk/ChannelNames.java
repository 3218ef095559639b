package org.callrec.asterisk;

import java.util.List;

/**
 * What an Asterisk channel name says about the channel: whether it is one half of a
 * {@code Local} pair, whether it is the trunk to the outside world, and which phone it is.
 *
 * <p>Channel names look like {@code SIP/150010001-0000002c}: a technology, a slash, the peer
 * (the phone's account or the trunk's name) and a dash with a sequence number. {@code Local}
 * channels look like {@code Local/ID730151@context-00000019;1} and come in pairs ending
 * {@code ;1} and {@code ;2}, between which audio passes.
 */
final class ChannelNames {
    private final List<String> trunkPrefixes;

    ChannelNames(List<String> trunkPrefixes) {
        this.trunkPrefixes = List.copyOf(trunkPrefixes);
    }

    /** Whether the channel is half of a dialplan {@code Local} pair. */
    static boolean isLocal(String channel) {
        return channel.regionMatches(true, 0, "Local/", 0, 6);
    }

    /** Returns the other half of a {@code Local} pair, or null for any other channel. */
    static String localPartner(String channel) {
        if (!isLocal(channel)) {
            return null;
        }
        if (channel.endsWith(";1")) {
            return channel.substring(0, channel.length() - 1) + "2";
        }
        if (channel.endsWith(";2")) {
            return channel.substring(0, channel.length() - 1) + "1";
        }
        return null;
    }

    /**
     * Returns the peer a phone channel belongs to: {@code SIP/150010001-0000002c} gives
     * {@code 150010001}. This is the account a staff directory maps, and unlike the caller id
     * it stays the same whatever the dialplan sets.
     */
    static String peer(String channel) {
        int slash = channel.indexOf('/');
        String rest = slash < 0 ? channel : channel.substring(slash + 1);
        int dash = rest.lastIndexOf('-');
        return dash > 0 ? rest.substring(0, dash) : rest;
    }

    /** Whether the channel is the trunk, by the configured channel name prefixes. */
    boolean isTrunk(String channel) {
        for (String prefix : trunkPrefixes) {
            if (channel.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the channel is an end of the call (a phone or the trunk), not a Local half. */
    static boolean isEndpoint(String channel) {
        return !isLocal(channel);
    }
}
