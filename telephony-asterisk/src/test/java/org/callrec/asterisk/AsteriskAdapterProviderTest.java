package org.callrec.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.callrec.spi.InvalidConfigurationException;
import org.callrec.spi.ProviderConfig;
import org.callrec.spi.telephony.TelephonyAdapterProvider;
import org.junit.jupiter.api.Test;

class AsteriskAdapterProviderTest {
    @Test
    void serviceLoaderFindsTheProviderNamedAsterisk() {
        List<TelephonyAdapterProvider> found = ServiceLoader.load(TelephonyAdapterProvider.class)
                .stream().map(ServiceLoader.Provider::get).collect(Collectors.toList());

        assertEquals(List.of("asterisk"),
                found.stream().map(TelephonyAdapterProvider::name).collect(Collectors.toList()));
        assertInstanceOf(AsteriskAdapterProvider.class, found.get(0));
    }

    @Test
    void createsAnAsteriskAdapterFromDefaultSettings() {
        assertInstanceOf(AsteriskAdapter.class, create(Map.of()));
    }

    @Test
    void refusesAnUnknownSettingNamingItAndTheKnownOnes() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> create(Map.of("trunk-prefix", "SIP/trunk")));

        assertTrue(e.getMessage().contains("[trunk-prefix]"), e.getMessage());
        assertTrue(e.getMessage().contains("trunk-channel-prefixes"), e.getMessage());
    }

    @Test
    void refusesANoticeContextThatCouldBreakAnActionLine() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> create(Map.of("notice-context", "notice\r\nAction: Hangup")));

        assertTrue(e.getMessage().contains("setting 'notice-context'"), e.getMessage());
        assertTrue(e.getMessage().contains("must be 1 to 80 letters"), e.getMessage());
    }

    @Test
    void refusesAnEmptyTrunkPrefixList() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> create(Map.of("trunk-channel-prefixes", " , ")));

        assertTrue(e.getMessage().contains("at least one channel name prefix"), e.getMessage());
    }

    @Test
    void refusesAMaxLiveCallsThatIsNotAPositiveNumber() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> create(Map.of("max-live-calls", "0")));

        assertTrue(e.getMessage().contains("'max-live-calls' was '0'"), e.getMessage());
    }

    @Test
    void configuredTrunkPrefixDecidesWhichChannelIsTheOutsideWorld() {
        AsteriskAdapter adapter = (AsteriskAdapter) create(Map.of(
                "trunk-channel-prefixes", "PJSIP/carrier, SIP/150010001"));

        List<org.callrec.spi.call.CallEvent> events = Replays.capture(adapter,
                "ab_success_a_hangup");

        assertEquals(org.callrec.spi.call.Direction.INBOUND, events.get(0).direction(),
                "201's phone is named a trunk here, so its call comes from outside");
    }

    private static Object create(Map<String, String> settings) {
        return new AsteriskAdapterProvider().create(ProviderConfig.of(settings, Replays.CLOCK));
    }
}
