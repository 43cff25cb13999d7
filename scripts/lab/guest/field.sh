# Guest helpers (sourced by lib.sh) for the issue 10 field scenarios: WPS Credential files for hostapd's
# extra_cred, a system supplicant with a real-looking config, before/after snapshots of it, and a witness
# enrollee that records what hostapd really sent in M8.

# The lab's station MAC (hwsim radio 2), put in the Credential's MAC Address attribute as hostapd would.
STA_MAC_HEX=020000000200
# The system supplicant's config lives alone in its folder, so a leftover `.tmp` from save_config shows up.
SYS_DIR=$WORK/sysconf
SYS_CONF=$SYS_DIR/wpa_supplicant-$STA.conf
SYS_PASS_ELSEWHERE="elsewhere passphrase"
SYS_PASS_OLD="an old wrong passphrase"
SYS_PASS_CAFE="old cafe passphrase"
# Passphrases the field APs hand out (tests/lab/field_checks.ts looks for them in reports and stderr).
PASS_HOME="homenet passphrase 24"
PASS_5G="five gig passphrase 5"
PASS_TKIP="tkip passphrase 1234"
PASS_PAD="padnet passphrase 77"
PASS_B="other passphrase 99"
UUID_A=5f3c1a2e-8b4d-4e6f-9a7b-0c1d2e3f4a5b
UUID_B=a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d

# hexof STRING: the bytes of STRING as lowercase hex (busybox od; no xxd in the guest).
hexof() {
  printf %s "$1" | od -An -v -tx1 | tr -d ' \n'
}

# hexof_file FILE: the bytes of FILE as lowercase hex.
hexof_file() {
  od -An -v -tx1 "$1" | tr -d ' \n'
}

# tlv TYPE_HEX VALUE_HEX: one WPS attribute, big-endian type(2) length(2) value, as hex.
tlv() {
  printf '%s%04x%s' "$1" $((${#2} / 2)) "$2"
}

# cred_hex SSID_HEX AUTH_HEX ENCR_HEX PASSPHRASE: one Credential attribute (0x100e) holding Network Index
# (0x1026), SSID (0x1045), Authentication Type (0x1003), Encryption Type (0x100f), Network Key (0x1027) and MAC
# Address (0x1020), in the order hostapd's own wps_build_cred uses.
cred_hex() {
  local body
  body=$(tlv 1026 01)$(tlv 1045 "$1")$(tlv 1003 "$2")$(tlv 100f "$3")$(tlv 1027 "$(hexof "$4")")
  body=$body$(tlv 1020 "$STA_MAC_HEX")
  tlv 100e "$body"
}

# write_creds NAME HEX: writes the binary extra_cred file $WORK/NAME.bin from HEX with busybox printf's \x
# escapes (NUL bytes included), reads it back with od and fails the setup unless the bytes are exactly HEX.
# Leaves $OUT/NAME.hex (what was intended) for the host's checks. Not in a subshell: a failure must end the
# scenario.
write_creds() {
  local name=$1 hex=$2 file=$WORK/$1.bin
  # shellcheck disable=SC2059 # the format string IS the data: \xNN escapes, nothing else
  printf "$(printf %s "$hex" | sed 's/../\\x&/g')" >"$file"
  [ "$(hexof_file "$file")" = "$hex" ] || setup_failed "extra_cred file $file does not hold the intended bytes"
  echo "$hex" >"$OUT/$name.hex"
  log "extra_cred $file: $(wc -c <"$file") bytes"
}

# witness_creds AP_IFACE BSSID: an independent enrollee on the proof radio (wps_cred_processing=1: it only
# reports) presses along after the agent and records every WPS-CRED-RECEIVED hostapd sends, so the evidence
# shows what M8 carried. Writes $OUT/witness-creds.txt (one hex Credential a line) and witness-result.txt.
witness_creds() {
  local ap=$1 bssid=$2 dir=$WORK/witness-ctrl log=$OUT/witness-wpa_supplicant.log
  log "===== witness enrollee on $PROOF: what does $ap send in M8? ====="
  printf 'ctrl_interface=%s\nwps_cred_processing=1\n' "$dir" >"$WORK/witness.conf"
  run wpa_supplicant -B -D nl80211 -i "$PROOF" -c "$WORK/witness.conf" -t -f "$log" -P "$WORK/witness.pid" ||
    return 1
  wait_until 10 test -S "$dir/$PROOF" || return 1
  ap_press "$ap"
  run wpa_cli -p "$dir" -i "$PROOF" wps_pbc "$bssid"
  wait_for 60 "WPS-(SUCCESS|FAIL|TIMEOUT|OVERLAP)" cat "$log"
  grep -o 'WPS-CRED-RECEIVED .*' "$log" | sed 's/^WPS-CRED-RECEIVED //' >"$OUT/witness-creds.txt"
  grep -Eo 'WPS-(SUCCESS|FAIL|TIMEOUT|OVERLAP-DETECTED).*' "$log" | head -n 1 >"$OUT/witness-result.txt"
  log "witness: $(cat "$OUT/witness-result.txt"), $(wc -l <"$OUT/witness-creds.txt") credential(s)"
  kill "$(cat "$WORK/witness.pid")" 2>/dev/null
  wait_gone 5 "$WPAS_RE.*-i $PROOF" || kill_matching "$WPAS_RE.*-i $PROOF"
  rm -rf "$dir"
}

# sys_sta_start: the station's system supplicant as images ship it: a comment, update_config=1, networks the
# user owns (one with the SSID the lab AP hands out but an old passphrase, one disabled), mode 0600.
sys_sta_start() {
  mkdir -p "$SYS_DIR"
  cat >"$SYS_CONF" <<CONF
# System config of the lab station: the agent must leave this file byte for byte as it is.
ctrl_interface=$CTRL
update_config=1

network={
	ssid="Elsewhere"
	psk="$SYS_PASS_ELSEWHERE"
}

network={
	ssid="LabNet"
	psk="$SYS_PASS_OLD"
}

network={
	ssid="OldCafe"
	psk="$SYS_PASS_CAFE"
	disabled=1
}
CONF
  chmod 600 "$SYS_CONF"
  run wpa_supplicant -B -D nl80211 -i "$STA" -c "$SYS_CONF" -t -f "$OUT/wpa_supplicant-$STA.log" \
    -P "$WORK/wpas-$STA.pid" || return 1
  wait_until 10 test -S "$CTRL/$STA" || { log "no control socket for $STA"; return 1; }
}

# sys_snapshot TAG: the system supplicant's config (bytes, sha256, mode, the folder's listing), its networks,
# the settings the agent changes for a run, and its status, as $OUT/TAG-*.
sys_snapshot() {
  local tag=$1 w="wpa_cli -p $CTRL -i $STA"
  log "snapshot '$tag' of the system supplicant"
  cp "$SYS_CONF" "$OUT/$tag-config.bytes"
  sha256sum "$SYS_CONF" | cut -d' ' -f1 >"$OUT/$tag-config.sha256"
  stat -c %a "$SYS_CONF" >"$OUT/$tag-config.mode"
  ls -a "$SYS_DIR" >"$OUT/$tag-config-dir.txt"
  $w list_networks >"$OUT/$tag-networks.txt" 2>&1
  {
    echo "update_config=$($w get update_config)"
    echo "wps_cred_processing=$($w get wps_cred_processing)"
    $w log_level | sed -n 's/^Current level: /log_level=/p'
  } >"$OUT/$tag-settings.txt" 2>&1
  $w status >"$OUT/$tag-status.txt" 2>&1
  sed 's/^/    /' "$OUT/$tag-config.sha256" "$OUT/$tag-config.mode" "$OUT/$tag-networks.txt" \
    "$OUT/$tag-settings.txt" "$OUT/$tag-config-dir.txt"
}

# sysconf_setup: fresh radios, AP A (LabNet) and the system supplicant, settled, then the "before" snapshot.
sysconf_setup() {
  hwsim_reset
  ap_start $AP_A 1 "ssid=LabNet" "$LAB_PASS" || setup_failed "AP"
  sys_sta_start || setup_failed "system supplicant"
  # Let it start trying its networks (LabNet with the old passphrase fails) before looking.
  sleep 2
  sys_snapshot before
}

# agent_exited: marks the moment the agent ended, for sysconf_after (call it right after agent_run).
agent_exited() {
  AGENT_EXIT_UPTIME=$(cut -d' ' -f1 /proc/uptime)
}

# sysconf_after: the "after" snapshot, taken at least 16 s after agent_exited (other evidence, e.g. the proof
# on the proof radio, may be gathered in between): the supplicant re-enables the networks WPS disabled 10 s
# after WPS-SUCCESS or at cancel, and writes its config then if it may.
sysconf_after() {
  local wait
  wait=$(awk "BEGIN{w=16-($(cut -d' ' -f1 /proc/uptime)-${AGENT_EXIT_UPTIME:?agent_exited not called}); print (w>0)?w:0}")
  sleep "$wait"
  awk "BEGIN{print $(cut -d' ' -f1 /proc/uptime)-$AGENT_EXIT_UPTIME}" >"$OUT/after-delay-seconds"
  sys_snapshot after
}

# connected_network: `get_network <id> ssid|proto|pairwise|key_mgmt` of the network the station is connected
# with (status id=), as $OUT/connected-network.txt.
connected_network() {
  local w="wpa_cli -p $CTRL -i $STA" id field
  $w status >"$OUT/connected-status.txt" 2>&1
  id=$(sed -n 's/^id=//p' "$OUT/connected-status.txt")
  {
    echo "id=$id"
    for field in ssid proto pairwise key_mgmt; do
      [ -n "$id" ] && echo "$field=$($w get_network "$id" "$field")"
    done
  } >"$OUT/connected-network.txt"
  log "connected network:"
  sed 's/^/    /' "$OUT/connected-network.txt"
}

# networks_snapshot TAG: the station supplicant's list_networks as $OUT/TAG-networks.txt.
networks_snapshot() {
  wpa_cli -p "$CTRL" -i "$STA" list_networks >"$OUT/$1-networks.txt" 2>&1
  log "list_networks ($1):"
  sed 's/^/    /' "$OUT/$1-networks.txt"
}

# pbc_pair_seen: the station's supplicant scans until both APs show [WPS-PBC] and both `bss` entries carry a
# UUID-E (0x1047) in ie= (a loaded TCG host sometimes misses a BSS or its probe response in one scan); keeps
# scan_results and `bss` of both APs as $OUT/scan-before.txt, bss-a.txt and bss-b.txt. Fails after 60 s.
pbc_pair_seen() {
  local w="wpa_cli -p $CTRL -i $STA" deadline=$(($(cut -d. -f1 /proc/uptime) + 60))
  while :; do
    $w scan >/dev/null 2>&1
    sleep 4
    $w scan_results >"$OUT/scan-before.txt" 2>&1
    $w bss "$AP_A_BSSID" >"$OUT/bss-a.txt" 2>&1
    $w bss "$AP_B_BSSID" >"$OUT/bss-b.txt" 2>&1
    [ "$(grep -c -E "^($AP_A_BSSID|$AP_B_BSSID)[[:space:]].*\[WPS-PBC\]" "$OUT/scan-before.txt")" = 2 ] &&
      [ "$(cat "$OUT/bss-a.txt" "$OUT/bss-b.txt" | grep -c '^ie=.*10470010')" = 2 ] && break
    [ "$(cut -d. -f1 /proc/uptime)" -lt "$deadline" ] ||
      setup_failed "the station does not see both APs in PBC with their UUID-E"
  done
  run cat "$OUT/scan-before.txt"
}
