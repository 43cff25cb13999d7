// Where a DPP enrollee listens by default.

/**
 * 2437 MHz (channel 6): an initiator whose peer URI has no channel list moves 2437, then 2412 and 2462 to
 * the front of its list (hostap src/common/dpp.c `dpp_channel_local_list`: `freq_to_start(..., 2437)` last,
 * so first), so it is where configurators try first.
 */
export const DEFAULT_LISTEN_FREQ_MHZ = 2437;
